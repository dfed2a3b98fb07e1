// The effect size of a generic inverse-variance row (a study that reports
// its estimate with a confidence interval or standard error instead of
// counts), on the analysis scale, and which measures it can enter.
#pragma once

#include <string>

#include "input/table.hpp"
#include "model/options.hpp"
#include "pooling/effect_sizes.hpp"

namespace metapool {

// y (log RR, log OR or RD) and its variance se^2, the SE from the interval
// when one was given.
EffectSize reported_effect_size(const ReportedEffect& e);

// Can a row reporting this measure enter an analysis of `m`?
bool reported_fits(ReportedMeasure reported, Measure m);

// "risk ratio (RR)" etc., for messages.
std::string reported_measure_name(ReportedMeasure m);

}  // namespace metapool
