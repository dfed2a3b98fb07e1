// Per-study effect sizes and their sampling variances on the analysis scale.
#pragma once

#include "model/options.hpp"
#include "pooling/two_by_two.hpp"

namespace metapool {

struct EffectSize {
    double y;  // log RR, log OR or RD
    double v;  // sampling variance of y
};

// From (possibly continuity-corrected) cells. Non-finite results (a zero cell
// left uncorrected) are returned as they come; the caller excludes them.
EffectSize effect_size(const Cells& t, Measure measure);

}  // namespace metapool
