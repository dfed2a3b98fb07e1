// The exact distribution of a generalised Cochran heterogeneity statistic
//   Q_a = sum a_i (y_i - ybar_a)^2,  ybar_a = sum a_i y_i / sum a_i,
// with fixed positive weights a_i, when y_i ~ N(mu, v_i + tau2) independently
// (Biggerstaff & Jackson 2008, Stat Med 27:6093; Jackson 2013, Res Synth
// Methods 4:220). Q_a is then a positive linear combination of k - 1
// independent chi-square(1) variables.
#pragma once

#include <utility>
#include <vector>

namespace metapool {

// Holds the quadrature's nodes (built on first use, a few thousand at most):
// build one per interval and evaluate it many times. Its results depend only
// on the arguments of each call.
class GeneralisedQDistribution {
public:
    GeneralisedQDistribution();
    ~GeneralisedQDistribution();
    GeneralisedQDistribution(const GeneralisedQDistribution&) = delete;
    GeneralisedQDistribution& operator=(const GeneralisedQDistribution&) = delete;

    // P(Q_a > q) when the y_i have variances `total_variance` (v_i + tau2),
    // for weights `a` (same length, all > 0, finite). 1 for q <= 0. NaN for
    // fewer than 2 studies, or when no two successive steps of the
    // integration (down to h = 1/512) agree to 1e-12 on the probability.
    double exceedance(const std::vector<double>& a, const std::vector<double>& total_variance, double q);

    // Bounds on the same probability without integration (first <= second):
    // Q_a lies between min and max of (v_i + tau2) a_i times a chi-square
    // with k - 1 degrees of freedom.
    std::pair<double, double> exceedance_bounds(const std::vector<double>& a, const std::vector<double>& total_variance,
                                                double q);

private:
    struct Level;  // the sine and cosine nodes and weights for one step h = 2^-i
    const Level& level(int i);
    // P(Q_a > q) from the nodes of step 2^-i, for D_i scaled to max 1 and
    // omega = q / (2 max D).
    double probability_at_level(const std::vector<double>& a, const std::vector<double>& d, double sum_a,
                                double omega, int i);
    std::vector<Level> levels_;
};

}  // namespace metapool
