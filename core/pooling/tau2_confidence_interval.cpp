// Q-profile confidence interval for tau2 (Viechtbauer 2007, Stat Med
// 26:37-52): the set of tau2 for which the generalised Q statistic Q(tau2)
// lies between the chi-square(k - 1) quantiles. Q(tau2) decreases in tau2, so
//   lower: Q(lower) = chi2_{1 - alpha/2},  0 when Q(0) is already below it;
//   upper: Q(upper) = chi2_{alpha/2},      0 when Q(0) is already below it.
// As in metafor's confint.rma.uni the search stops at max(100, 10 tau2); a
// bound beyond it is reported as that limit with a note.
//
// Generalised-Q intervals (Biggerstaff & Jackson 2008, Stat Med 27:6093-6110;
// Jackson 2013, Res Synth Methods 4:220-229): with fixed weights a_i, Q_a =
// sum a_i (y_i - ybar_a)^2 has a known distribution for each tau2
// (generalised_q_distribution.hpp) and P(Q_a > q) increases with tau2, so
//   lower: P(Q_a > q_obs; lower) = alpha/2,      0 when already above at 0;
//   upper: P(Q_a > q_obs; upper) = 1 - alpha/2,  0 when already above at 0.
// As metafor's confint() for method = "GENQ": the search runs over
// [0, max(100, 10 tau2_a)], tau2_a the generalised method-of-moments
// estimate (Q_a - tr(P V)) / tr(P) truncated at 0, and a bound beyond it is
// that limit with a note. The interval does not depend on the tau2
// estimator of the analysis.
// I2 and H2 follow from the bounds with the "typical" within-study variance
// of Higgins & Thompson (2002, Stat Med 21:1539-1558):
//   s2 = (k - 1) sum w / ((sum w)^2 - sum w^2),  I2 = 100 tau2 / (tau2 + s2),
//   H2 = 1 + tau2 / s2.
#include "pooling/tau2_confidence_interval.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "pooling/distributions.hpp"
#include "pooling/generalised_q_distribution.hpp"
#include "pooling/inverse_variance.hpp"
#include "pooling/root_finding.hpp"

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

void set_i2_h2(Tau2Interval& out, const std::vector<double>& v) {
    const double s2 = typical_within_variance(v);
    out.I2_lower = 100 * out.tau2_lower / (out.tau2_lower + s2);
    out.I2_upper = 100 * out.tau2_upper / (out.tau2_upper + s2);
    out.H2_lower = 1 + out.tau2_lower / s2;
    out.H2_upper = 1 + out.tau2_upper / s2;
}

struct GeneralisedQ {
    std::vector<double> a;
    double q = 0;          // observed Q_a
    double estimate = 0;   // its method-of-moments tau2, truncated at 0
};

GeneralisedQ generalised_q(const std::vector<double>& y, const std::vector<double>& v, GeneralisedQWeights weights) {
    GeneralisedQ g;
    double sum_a = 0, sum_a2 = 0, sum_ay = 0, sum_av = 0, sum_a2v = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double a = weights == GeneralisedQWeights::InverseVariance ? 1 / v[i] : 1 / std::sqrt(v[i]);
        g.a.push_back(a);
        sum_a += a;
        sum_a2 += a * a;
        sum_ay += a * y[i];
        sum_av += a * v[i];
        sum_a2v += a * a * v[i];
    }
    const double mean = sum_ay / sum_a;
    for (std::size_t i = 0; i < y.size(); ++i) g.q += g.a[i] * (y[i] - mean) * (y[i] - mean);
    const double trace_p = sum_a - sum_a2 / sum_a, trace_pv = sum_av - sum_a2v / sum_a;
    g.estimate = std::max(0.0, (g.q - trace_pv) / trace_p);
    return g;
}

}  // namespace

Tau2Interval generalised_q_interval(const std::vector<double>& y, const std::vector<double>& v,
                                    GeneralisedQWeights weights, double level) {
    const double nan = std::nan("");
    Tau2Interval out{nan, nan, nan, nan, nan, nan, {}};
    if (y.size() < 2 || y.size() != v.size()) return out;
    const GeneralisedQ g = generalised_q(y, v, weights);
    const double alpha = 1 - level;
    const double limit = std::max(100.0, 10 * g.estimate);
    GeneralisedQDistribution distribution;
    std::vector<double> total(v.size());
    // P(Q_a > q_obs; tau2), and the chi-square bounds on it where the
    // integration fails (far in a tail); the points that both bounds need
    // (0, the limit, the estimate) are computed once.
    struct Exceedance {
        double tau2, p, low, high;
    };
    std::vector<Exceedance> shared;
    auto exceedance_at = [&](double tau2) {
        for (const Exceedance& e : shared) {
            if (e.tau2 == tau2) return e;
        }
        for (std::size_t i = 0; i < v.size(); ++i) total[i] = v[i] + tau2;
        Exceedance e{tau2, distribution.exceedance(g.a, total, g.q), nan, nan};
        if (!std::isfinite(e.p)) std::tie(e.low, e.high) = distribution.exceedance_bounds(g.a, total, g.q);
        return e;
    };
    auto excess = [&](const Exceedance& e, double target) {
        if (std::isfinite(e.p)) return e.p - target;
        if (e.low > target) return e.low - target;
        if (e.high < target) return e.high - target;
        return nan;
    };
    const double start = g.estimate > 0 && g.estimate < limit ? g.estimate : limit / 2;
    for (const double t : {0.0, limit, start}) shared.push_back(exceedance_at(t));
    bool failed = false;
    auto bound = [&](double target) {
        const double at_zero = excess(shared[0], target), at_limit = excess(shared[1], target);
        if (at_zero > 0) return 0.0;
        if (at_limit < 0) {
            out.note = "a bound of the tau2 confidence interval lies beyond the search limit";
            return limit;
        }
        auto f = [&](double t) { return excess(exceedance_at(t), target); };
        // P increases with tau2: a bracket within a factor 2 around the
        // root, stepped from the estimate (at most 12 steps; [0, limit] where
        // the distribution fails on the way).
        double lower = 0, upper = limit, f_lower = at_zero, f_upper = at_limit;
        double t = start, f_t = excess(shared[2], target);
        for (int step = 0; step < 12 && std::isfinite(f_t); ++step) {
            if (f_t > 0) {
                upper = t;
                f_upper = f_t;
                if (t / 2 <= lower) break;
                t /= 2;
            } else {
                lower = t;
                f_lower = f_t;
                if (t * 2 >= upper) break;
                t *= 2;
            }
            if ((f_lower < 0 && f_upper > 0) && upper <= 2 * lower) break;
            f_t = f(t);
        }
        const RootResult r = find_root_between(f, lower, upper, f_lower, f_upper);
        failed = failed || !r.found;
        return r.found ? r.root : nan;
    };
    out.tau2_lower = bound(alpha / 2);
    out.tau2_upper = bound(1 - alpha / 2);
    if (failed) out.note = "the generalised-Q distribution could not be computed: no tau2 confidence interval";
    set_i2_h2(out, v);
    return out;
}

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
    set_i2_h2(out, v);
    return out;
}

}  // namespace metapool
