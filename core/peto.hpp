// Peto's one-step odds ratio from the uncorrected tables.
#pragma once

#include <vector>

#include "pooled_estimate.hpp"
#include "two_by_two.hpp"

namespace metapool {

struct PetoResult {
    PooledEstimate pooled;  // log OR; weights are the hypergeometric variances V
    double Q = 0;           // heterogeneity statistic around the Peto estimate
};

PetoResult peto(const std::vector<Cells>& tables);

// V = (a + c)(b + d) n1 n2 / (N^2 (N - 1)), the hypergeometric variance of a.
double hypergeometric_variance(const Cells& t);

}  // namespace metapool
