// The result of one meta-analysis: plain data out. Everything the CLI's JSON,
// the readable report, the forest plot and the web page show comes from here.
//
// Scales: `y` and `se` are on the analysis scale (log RR, log OR, RD);
// `estimate`, confidence and prediction limits are on the reporting scale
// (exp() for RR and OR). I2 and weights are percentages. A value that does
// not exist for the data (e.g. a p-value with df = 0) is NaN, written as null.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "options.hpp"
#include "table.hpp"

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
    double pi_lower = kNaN, pi_upper = kNaN;  // t on k-2 df; NaN when k < 3
    bool tau2_converged = true;
    int tau2_iterations = 0;
};

struct Heterogeneity {
    double Q = kNaN, df = kNaN, p = kNaN;  // around the common-effect estimate
    double I2 = kNaN, H2 = kNaN;           // from Q
    double tau2 = kNaN, tau = kNaN;        // from the tau2 estimator
    double tau2_ci_lower = kNaN, tau2_ci_upper = kNaN;  // Q-profile
    double I2_ci_lower = kNaN, I2_ci_upper = kNaN;
    double H2_ci_lower = kNaN, H2_ci_upper = kNaN;
};

struct Analysis {
    Options options;
    bool ok = false;            // false: no analysable study, see `error`
    std::string error;          // the reason when !ok
    int k = 0;                  // studies included in the pooled estimates
    double total_participants = 0;  // n1 + n2 over included studies
    std::vector<StudyResult> studies;   // every valid row, in pasted order
    CommonEffect common;
    RandomEffects random;
    Heterogeneity heterogeneity;
    std::vector<std::string> warnings;
    std::vector<InputProblem> errors;   // rows rejected by the parser
};

}  // namespace metapool
