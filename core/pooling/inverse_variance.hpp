// Inverse-variance weighted averages: the common-effect model, and with
// tau2 > 0 the random-effects model, plus Cochran's Q around any centre.
#pragma once

#include <vector>

#include "model/pooled_estimate.hpp"

namespace metapool {

// Weighted mean of y with weights 1 / (v + tau2).
PooledEstimate inverse_variance(const std::vector<double>& y, const std::vector<double>& v,
                                double tau2 = 0);

// Cochran's Q = sum w (y - centre)^2 with w = 1 / (v + tau2).
double cochran_q(const std::vector<double>& y, const std::vector<double>& v, double centre,
                 double tau2 = 0);

// sum w - sum w^2 / sum w for w = 1 / v (the trace of DerSimonian and
// Laird's P matrix), computed without the cancellation that the direct
// formula suffers when one weight dominates all others.
double weight_spread(const std::vector<double>& v);

// Q around the inverse-variance mean with weights 1 / (v + tau2): the
// generalised Q statistic Q(tau2) of the Paule-Mandel estimator and the
// Q-profile interval.
double generalised_q(const std::vector<double>& y, const std::vector<double>& v, double tau2);

}  // namespace metapool
