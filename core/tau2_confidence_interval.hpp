// The Q-profile confidence interval for tau2, and I2 and H2 derived from it.
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

}  // namespace metapool
