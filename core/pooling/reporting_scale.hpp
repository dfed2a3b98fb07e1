// Ratios are analysed on the log scale and reported on the natural scale.
#pragma once

#include <cmath>

namespace metapool {

inline double to_reporting_scale(double y, bool exponentiate) { return exponentiate ? std::exp(y) : y; }

}  // namespace metapool
