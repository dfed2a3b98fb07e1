// Cochran's Q with its df and p, and I2 and H2 from Q.
#pragma once

#include <vector>

#include "model/analysis.hpp"

namespace metapool {

// Q around the common-effect estimate with df = k_y - 1, where k_y counts
// the studies with an estimable effect. Follows metafor for k_y <= 1
// (Q = 0, p = 1, I2 = 0, H2 = 1).
void fill_q_statistics(double Q, int k_y, Heterogeneity& out);

// True when, with a Mantel-Haenszel common effect, the reported Q is centred
// on the inverse-variance estimate instead of the MH estimate.
bool q_centred_on_iv(const Options& options);

// Replaces I2 and H2 by their tau2-based values, given the variances of the
// studies in the random-effects model (nothing for fewer than 2; NaN when
// tau2 is not finite).
void use_tau2_for_i2(double tau2, const std::vector<double>& v, Heterogeneity& out);

}  // namespace metapool
