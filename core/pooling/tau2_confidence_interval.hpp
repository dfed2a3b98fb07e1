// Confidence intervals for tau2 (the Q-profile interval, and the
// generalised-Q intervals of Jackson 2013 and Biggerstaff & Jackson 2008),
// and I2 and H2 derived from them.
#pragma once

#include <string>
#include <vector>

namespace metapool {

struct Tau2Interval {
    double tau2_lower, tau2_upper;
    double I2_lower, I2_upper;  // percent
    double H2_lower, H2_upper;
    std::string note;  // e.g. the upper bound reached the search limit
};

// `tau2` is the point estimate (it widens the search range as in metafor).
Tau2Interval q_profile_interval(const std::vector<double>& y, const std::vector<double>& v,
                                double tau2, double level);

// The weights a_i of the generalised Q statistic Q_a = sum a_i (y_i - ybar_a)^2.
enum class GeneralisedQWeights {
    InverseStandardError,  // a_i = 1 / sqrt(v_i): Jackson (2013), R meta's method.tau.ci = "J"
    InverseVariance,       // a_i = 1 / v_i: Cochran's Q, Biggerstaff & Jackson (2008), meta's "BJ"
};

// The interval from the exact distribution of Q_a (as metafor's
// confint(rma(yi, vi, weights = a, method = "GENQ"))): the tau2 at which
// P(Q_a > q_observed; tau2) is alpha/2 (lower) and 1 - alpha/2 (upper).
Tau2Interval generalised_q_interval(const std::vector<double>& y, const std::vector<double>& v,
                                    GeneralisedQWeights weights, double level);

}  // namespace metapool
