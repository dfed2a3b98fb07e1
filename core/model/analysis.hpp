// The result of one meta-analysis: plain data out. Everything the CLI's JSON,
// the readable report, the forest plot and the web page show comes from here.
//
// Scales: `y` and `se` are on the analysis scale (log RR, log OR, RD);
// `estimate`, confidence and prediction limits are on the reporting scale
// (exp() for RR and OR). I2 and weights are percentages. A value that does
// not exist for the data (e.g. a p-value with df = 0) is NaN, written as null.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "input/table.hpp"
#include "model/options.hpp"
#include "model/problem.hpp"
#include "model/small_study_result.hpp"
#include "model/source_checks.hpp"

namespace metapool {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct StudyResult {
    std::string label;
    double e1 = 0, n1 = 0, e2 = 0, n2 = 0;  // as pasted
    int line = 0;
    // Cells after continuity correction (a, b = events, non-events of the
    // experimental arm; c, d = the same for control); equal to the pasted
    // cells when no correction applied.
    double a = 0, b = 0, c = 0, d = 0;
    bool corrected = false;
    double y = kNaN, v = kNaN, se = kNaN;  // analysis scale
    double estimate = kNaN, ci_lower = kNaN, ci_upper = kNaN;  // reporting scale
    double weight_common = kNaN;  // percent of the common-effect weight
    double weight_random = kNaN;  // percent of the random-effects weight
    bool included = false;
    std::string excluded_reason;  // why not included (e.g. double zero)
    std::string group;  // subgroup, when the table has a group column
    int year = 0;       // year, when the table has a year column (else 0)
    // A study that reported its effect (generic inverse variance): the effect
    // as typed; its counts and cells are NaN.
    bool generic = false;
    std::string reported;
    std::string pasted_label;   // the label as pasted when `label` was made distinguishable, else ""
    bool arms_swapped = false;  // read control-first (as the header named the arms) and put in RevMan's order
    PrintedStudy printed;       // what the source printed beside the counts (input/printed.hpp)
};

struct CommonEffect {
    CommonMethod method = CommonMethod::MH;
    double y = kNaN, se = kNaN;
    double estimate = kNaN, ci_lower = kNaN, ci_upper = kNaN;
    double z = kNaN, p = kNaN;
};

struct RandomEffects {
    Tau2Method tau2_method = Tau2Method::REML;
    bool hksj = false;
    int k = 0;  // studies in the random-effects model (finite y, v > 0)
    double y = kNaN, se = kNaN;
    double estimate = kNaN, ci_lower = kNaN, ci_upper = kNaN;
    double z = kNaN;   // z, or t when hksj
    double df = kNaN;  // degrees of freedom of the t test when hksj
    double p = kNaN;
    double pi_lower = kNaN, pi_upper = kNaN;  // options.pi (default t on k-2 df); NaN if none
    bool tau2_converged = true;
    int tau2_iterations = 0;
};

struct Heterogeneity {
    double Q = kNaN, df = kNaN, p = kNaN;  // around the common-effect estimate
    double I2 = kNaN, H2 = kNaN;           // from Q
    double tau2 = kNaN, tau = kNaN;        // from the tau2 estimator
    double tau2_ci_lower = kNaN, tau2_ci_upper = kNaN;
    std::string tau2_ci_method;  // "QP" (Q-profile), "J" (Jackson), "BJ" (Biggerstaff-Jackson); "" without an interval
    double I2_ci_lower = kNaN, I2_ci_upper = kNaN;
    double H2_ci_lower = kNaN, H2_ci_upper = kNaN;
};

// One step of a sensitivity analysis: the analysis without one study
// (leave-one-out) or of the first studies in order (cumulative).
struct SensitivityStep {
    std::string label;  // the study left out, or the study added last
    int line = 0;
    int year = 0;       // its year, when the table has a year column
    int k = 0;
    double common_estimate = kNaN, common_ci_lower = kNaN, common_ci_upper = kNaN, common_p = kNaN;
    double random_estimate = kNaN, random_ci_lower = kNaN, random_ci_upper = kNaN, random_p = kNaN;
    double tau2 = kNaN, Q = kNaN, Q_p = kNaN, I2 = kNaN;
};

// Absolute effects for a summary-of-findings row: from an assumed control
// risk, the risk with the intervention and the risk difference per 1,000 and
// the number needed to treat, from one pooled estimate.
struct AbsoluteEffect {
    double risk_per_1000 = kNaN, risk_per_1000_lower = kNaN, risk_per_1000_upper = kNaN;
    double difference_per_1000 = kNaN, difference_per_1000_lower = kNaN, difference_per_1000_upper = kNaN;
    // NNT > 0: number needed to treat for one more beneficial outcome (fewer
    // events); NNT < 0: number needed to harm. Altman (1998): when the CI of
    // the difference crosses 0, the NNT interval runs through infinity and
    // `nnt_ci_crosses_infinity` is set.
    double nnt = kNaN, nnt_lower = kNaN, nnt_upper = kNaN;
    bool nnt_ci_crosses_infinity = false;
};

struct AbsoluteEffects {
    double control_risk = kNaN;   // assumed control risk (proportion)
    bool control_risk_pooled = true;  // from the pasted control arms, not the user
    AbsoluteEffect common;
    AbsoluteEffect random;
};

// One subgroup (the rows sharing a value of the group column): the analysis
// of its rows alone, with the same options.
struct SubgroupResult {
    std::string name;
    int rows = 0;       // rows of the table in the subgroup
    int k = 0;          // studies in its pooled estimates
    std::optional<Problem> problem;  // why no study of the subgroup can be analysed
    bool ok() const { return !problem; }
    CommonEffect common;
    RandomEffects random;
    Heterogeneity heterogeneity;
};

// The test for subgroup differences for one model (common or random
// effects): the subgroup estimates pooled by inverse variance,
// Q = sum w_g (y_g - y_bar)^2 with w_g = 1 / se_g^2, df = G - 1, and
// I2 = (Q - df) / Q.
struct SubgroupDifferenceTest {
    int groups = 0;  // subgroups with an estimate
    double Q = kNaN, df = kNaN, p = kNaN, I2 = kNaN;
};

struct SubgroupAnalysis {
    bool present = false;                // the table has a group column
    std::vector<SubgroupResult> groups;  // in order of first appearance
    SubgroupDifferenceTest common, random;
};

struct Analysis {
    Options options;
    std::optional<Problem> problem;  // why the analysis was refused (no analysable study, an option)
    bool ok() const { return !problem; }
    int k = 0;                  // studies included in the pooled estimates
    double total_participants = 0;  // n1 + n2 over included studies with counts (not reported effects)
    std::vector<StudyResult> studies;   // every valid row, in pasted order
    CommonEffect common;
    RandomEffects random;
    Heterogeneity heterogeneity;
    AbsoluteEffects absolute;
    std::vector<SensitivityStep> leave_one_out;  // only when options.leave_one_out
    std::vector<SensitivityStep> cumulative;     // only when options.cumulative
    SmallStudyEffects small_study;   // funnel asymmetry tests, trim-and-fill (options.small_study)
    SubgroupAnalysis subgroups;      // when the table has a group column
    bool has_year = false;           // the table has a year column (cumulative follows it)
    std::vector<std::string> warnings;
    std::vector<InputProblem> errors;   // rows rejected by the parser
    std::vector<InputProblem> notes;    // the parser's notes (repeated labels, arms read control-first, source lines read)
    SourceChecks checks;                // the source's printed numbers against ours (core/checks/)
};

}  // namespace metapool
