// Q-profile confidence interval for tau2 (Viechtbauer 2007, Stat Med
// 26:37-52): the set of tau2 for which the generalised Q statistic Q(tau2)
// lies between the chi-square(k - 1) quantiles. Q(tau2) decreases in tau2, so
//   lower: Q(lower) = chi2_{1 - alpha/2},  0 when Q(0) is already below it;
//   upper: Q(upper) = chi2_{alpha/2},      0 when Q(0) is already below it.
// As in metafor's confint.rma.uni the search stops at max(100, 10 tau2); a
// bound beyond it is reported as that limit with a note.
// I2 and H2 follow from the bounds with the "typical" within-study variance
// of Higgins & Thompson (2002, Stat Med 21:1539-1558):
//   s2 = (k - 1) sum w / ((sum w)^2 - sum w^2),  I2 = 100 tau2 / (tau2 + s2),
//   H2 = 1 + tau2 / s2.
#include "tau2_confidence_interval.hpp"

#include <algorithm>
#include <cmath>

#include "distributions.hpp"
#include "inverse_variance.hpp"
#include "root_finding.hpp"

namespace metapool {

namespace {

double typical_within_variance(const std::vector<double>& v) {
    return static_cast<double>(v.size() - 1) / weight_spread(v);
}

// The tau2 where Q(tau2) = target, within [0, limit]; 0 when Q(0) < target.
double solve_q_equals(const std::vector<double>& y, const std::vector<double>& v, double target,
                      double limit, bool& hit_limit) {
    auto equation = [&](double t) { return generalised_q(y, v, t) - target; };
    if (equation(0) < 0) return 0;
    if (equation(limit) > 0) {
        hit_limit = true;
        return limit;
    }
    const RootResult r = find_root_between(equation, 0, limit);
    return r.found ? r.root : std::nan("");
}

}  // namespace

Tau2Interval q_profile_interval(const std::vector<double>& y, const std::vector<double>& v,
                                double tau2, double level) {
    const double nan = std::nan("");
    Tau2Interval out{nan, nan, nan, nan, nan, nan, {}};
    if (y.size() < 2) return out;
    const double df = static_cast<double>(y.size() - 1);
    const double alpha = 1 - level;
    const double limit = std::max(100.0, std::isfinite(tau2) ? 10 * tau2 : 0.0);
    bool hit_limit = false;
    out.tau2_lower = solve_q_equals(y, v, chi_squared_quantile(1 - alpha / 2, df), limit, hit_limit);
    out.tau2_upper = solve_q_equals(y, v, chi_squared_quantile(alpha / 2, df), limit, hit_limit);
    if (hit_limit) out.note = "a bound of the tau2 confidence interval lies beyond the search limit";
    const double s2 = typical_within_variance(v);
    out.I2_lower = 100 * out.tau2_lower / (out.tau2_lower + s2);
    out.I2_upper = 100 * out.tau2_upper / (out.tau2_upper + s2);
    out.H2_lower = 1 + out.tau2_lower / s2;
    out.H2_upper = 1 + out.tau2_upper / s2;
    return out;
}

}  // namespace metapool
