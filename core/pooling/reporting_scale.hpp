// Ratios are analysed on the log scale and reported on the natural scale.
#pragma once

#include <cmath>

namespace metapool {

inline double to_reporting_scale(double y, bool exponentiate) { return exponentiate ? std::exp(y) : y; }

// The estimate and the interval y -+ crit * se of an effect (a study, a
// common or a random effect: anything with y, se, estimate, ci_lower and
// ci_upper), on the reporting scale.
template <class Effect>
void set_reported_interval(Effect& e, double crit, bool exponentiate) {
    e.estimate = to_reporting_scale(e.y, exponentiate);
    e.ci_lower = to_reporting_scale(e.y - crit * e.se, exponentiate);
    e.ci_upper = to_reporting_scale(e.y + crit * e.se, exponentiate);
}

}  // namespace metapool
