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
// The quantile p of the prediction interval's distribution for k studies
// (Higgins, Thompson & Spiegelhalter 2009: t with k - 2 df by default), or
// NaN when there is none (option pi = none, or too few studies).
double prediction_quantile(PredictionInterval pi, double k, bool hksj, double p);

void fit_random_effects(const std::vector<double>& y, const std::vector<double>& v, double tau2,
                        double level, bool exponentiate, RandomEffects& out,
                        std::vector<double>& weights, PredictionInterval pi = PredictionInterval::TK2,
                        bool truncate = false);

}  // namespace metapool
