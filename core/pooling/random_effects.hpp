// The random-effects estimate given tau2: Wald or Hartung-Knapp-Sidik-Jonkman
// interval, and the prediction interval.
#pragma once

#include <vector>

#include "model/analysis.hpp"

namespace metapool {

// Fills y, se, estimate, CI, z/t, df, p and the prediction interval of `out`
// (whose tau2_method and hksj are already set). `exponentiate` reports ratios.
// `pi` chooses the prediction interval's distribution; `truncate` applies
// the max(1, q) rule to the HKSJ variance.
void fit_random_effects(const std::vector<double>& y, const std::vector<double>& v, double tau2,
                        double level, bool exponentiate, RandomEffects& out,
                        std::vector<double>& weights, PredictionInterval pi = PredictionInterval::TK2,
                        bool truncate = false);

}  // namespace metapool
