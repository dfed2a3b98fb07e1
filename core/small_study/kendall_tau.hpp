// Kendall's rank correlation tau-b with its two-sided p-value, as R's
// cor.test(x, y, method = "kendall", exact = TRUE).
#pragma once

#include <vector>

namespace metapool {

struct KendallTest {
    double tau = 0;   // tau-b (tau-a when there are no ties); NaN if x or y is constant
    double p = 0;     // two-sided
    bool exact = false;
};

// Exact p from the permutation distribution of the number of concordant
// pairs when there are no ties and n <= kKendallExactMax; otherwise the
// normal approximation with R's tie-corrected variance of S (no continuity
// correction). Needs n >= 2. O(n log n), plus O(n^3) for the exact p.
KendallTest kendall_tau_test(const std::vector<double>& x, const std::vector<double>& y);

// R computes the exact distribution with counts up to n!, which overflow a
// double beyond n = 170 (its p is then 0 or NaN); beyond that the normal
// approximation is used here.
constexpr int kKendallExactMax = 170;

}  // namespace metapool
