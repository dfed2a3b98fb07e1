// Peto's one-step odds ratio from the uncorrected tables.
#pragma once

#include <vector>

#include "model/pooled_estimate.hpp"
#include "pooling/effect_sizes.hpp"
#include "pooling/two_by_two.hpp"

namespace metapool {

struct PetoResult {
    PooledEstimate pooled;  // log OR; weights are the hypergeometric variances V
    double Q = 0;           // heterogeneity statistic around the Peto estimate
};

PetoResult peto(const std::vector<Cells>& tables);

// One study's Peto log OR (O - E)/V with variance 1/V, from the table as
// pasted; NaN where V = 0 (no events, or only events, in both arms).
EffectSize peto_effect_size(const Cells& t);

// V = (a + c)(b + d) n1 n2 / (N^2 (N - 1)), the hypergeometric variance of a.
double hypergeometric_variance(const Cells& t);

}  // namespace metapool
