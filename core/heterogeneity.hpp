// Cochran's Q with its df and p, and I2 and H2 from Q.
#pragma once

#include "analysis.hpp"

namespace metapool {

// Q around the common-effect estimate with df = k_y - 1, where k_y counts
// the studies with an estimable effect. Follows metafor for k_y <= 1
// (Q = 0, p = 1, I2 = 0, H2 = 1).
void fill_q_statistics(double Q, int k_y, Heterogeneity& out);

}  // namespace metapool
