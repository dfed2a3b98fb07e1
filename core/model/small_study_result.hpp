// What the tests for funnel plot asymmetry and trim-and-fill report: the
// results small_study/ computes for Analysis::small_study (JSON
// "small_study"). The methods and their references are described in
// small_study/small_study_effects.hpp.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "model/options.hpp"

namespace metapool {

// One regression test for funnel plot asymmetry.
struct FunnelRegression {
    bool computed = false;
    std::string note;          // why it was not computed
    int k = 0;                 // studies in the regression
    bool t_test = true;        // statistic ~ t(df); false: standard normal (z)
    double statistic = std::numeric_limits<double>::quiet_NaN();
    double df = std::numeric_limits<double>::quiet_NaN();
    double p = std::numeric_limits<double>::quiet_NaN();
    // The coefficient tested: the slope on se (Egger; the intercept of the
    // classic y/se-on-1/se form), on 1/n (Peters), or Harbord's intercept.
    double bias = std::numeric_limits<double>::quiet_NaN();
    double bias_se = std::numeric_limits<double>::quiet_NaN();
    double tau2 = std::numeric_limits<double>::quiet_NaN();  // residual tau2 (egger_rma)
    // Limit estimate: the intercept, the effect as se (or 1/n) goes to 0
    // (Egger and Peters only), on the analysis scale, then its interval on
    // the reporting scale (z or t quantile as the test).
    double limit_y = std::numeric_limits<double>::quiet_NaN();
    double limit_se = std::numeric_limits<double>::quiet_NaN();
    double limit_estimate = std::numeric_limits<double>::quiet_NaN();
    double limit_ci_lower = std::numeric_limits<double>::quiet_NaN();
    double limit_ci_upper = std::numeric_limits<double>::quiet_NaN();
};

struct RankCorrelation {
    bool computed = false;
    std::string note;
    int k = 0;
    double tau = std::numeric_limits<double>::quiet_NaN();  // Kendall's tau-b
    double p = std::numeric_limits<double>::quiet_NaN();    // two-sided
    bool exact = false;  // exact null distribution (no ties, k <= 170), else normal
};

// A study imputed by trim-and-fill: the mirror image of `mirror_of` about
// the trimmed estimate, with the same variance.
struct FilledStudy {
    double y = 0, v = 0, se = 0;
    double estimate = 0;     // reporting scale
    std::string mirror_of;   // label of the study it mirrors
    int mirror_index = -1;   // its index in Analysis::studies
};

struct TrimAndFill {
    bool computed = false;
    std::string note;
    std::string estimator = "L0";
    std::string side;        // "left" or "right": where studies are missing
    int k0 = 0;              // studies filled
    double k0_se = std::numeric_limits<double>::quiet_NaN();
    int iterations = 0;
    std::vector<FilledStudy> filled;
    // The random-effects model of the k + k0 studies.
    int k = 0;
    double tau2 = std::numeric_limits<double>::quiet_NaN();
    bool t_test = false;     // HKSJ: statistic ~ t(df)
    double y = std::numeric_limits<double>::quiet_NaN();
    double se = std::numeric_limits<double>::quiet_NaN();
    double estimate = std::numeric_limits<double>::quiet_NaN();
    double ci_lower = std::numeric_limits<double>::quiet_NaN();
    double ci_upper = std::numeric_limits<double>::quiet_NaN();
    double statistic = std::numeric_limits<double>::quiet_NaN();
    double df = std::numeric_limits<double>::quiet_NaN();
    double p = std::numeric_limits<double>::quiet_NaN();
};

struct SmallStudyEffects {
    bool computed = false;   // false: not asked for (options) or no analysis
    int k = 0;               // studies with an estimable effect
    Tau2Method tau2_method = Tau2Method::REML;  // of egger_rma and trim-and-fill
    bool hksj = false;
    FunnelRegression egger;
    FunnelRegression egger_rma;
    FunnelRegression peters;
    FunnelRegression harbord;  // OR only: note says why not otherwise
    RankCorrelation begg;
    TrimAndFill trim_and_fill;
};

}  // namespace metapool
