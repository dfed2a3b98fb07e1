// Duval and Tweedie's trim-and-fill.
#pragma once

#include <string>
#include <vector>

#include "model/options.hpp"
#include "model/small_study_result.hpp"

namespace metapool {

struct TrimAndFillInput {
    std::vector<double> y, v;   // analysis scale, studies of the random-effects model
    std::vector<int> index;     // their indices in Analysis::studies (for FilledStudy)
    std::vector<std::string> label;
    Tau2Method method = Tau2Method::REML;
    bool hksj = false, hksj_truncate = false;
    double level = 0.95;
    bool exponentiate = false;  // report ratios
    // Slope of the meta-regression of y on se with the same tau2 method
    // (metafor's rule for the side: negative -> studies missing on the
    // right); NaN: not estimable, no trim-and-fill.
    double side_slope = 0;
};

// Estimator L0, at most 100 iterations (metafor's maxiter).
TrimAndFill trim_and_fill(const TrimAndFillInput& in);

}  // namespace metapool
