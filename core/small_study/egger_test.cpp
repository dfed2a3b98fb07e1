// Egger's regression test for funnel plot asymmetry: Egger M, Davey Smith G,
// Schneider M, Minder C (1997), BMJ 315:629-634. The standard normal deviate
// y/se regressed on the precision 1/se has intercept b; equivalently (and as
// metafor's regtest computes it) y regressed on se with weights 1/v has slope
// b, tested with t(k - 2) under a multiplicative dispersion factor. The
// intercept of the latter is the "limit estimate" (the effect as se -> 0; the
// PET estimate of Stanley & Doucouliagos 2014).
// The mixed-effects variant (Sterne & Egger 2005, in Rothstein et al.,
// Publication Bias in Meta-Analysis, ch. 6) replaces the dispersion factor
// by an additive tau2, as metafor's regtest(res) with model = "rma".
#include <algorithm>
#include <cmath>
#include <limits>

#include "pooling/distributions.hpp"
#include "pooling/reporting_scale.hpp"
#include "small_study/funnel_regression_tests.hpp"

namespace metapool {

namespace {

void set_limit(FunnelRegression& r, double intercept, double se, double crit, bool exponentiate) {
    r.limit_y = intercept;
    r.limit_se = se;
    r.limit_estimate = to_reporting_scale(intercept, exponentiate);
    r.limit_ci_lower = to_reporting_scale(intercept - crit * se, exponentiate);
    r.limit_ci_upper = to_reporting_scale(intercept + crit * se, exponentiate);
}

std::vector<double> square_roots(const std::vector<double>& v) {
    std::vector<double> s;
    s.reserve(v.size());
    for (double x : v) s.push_back(std::sqrt(x));
    return s;
}

std::vector<double> reciprocals(const std::vector<double>& v) {
    std::vector<double> w;
    w.reserve(v.size());
    for (double x : v) w.push_back(1 / x);
    return w;
}

}  // namespace

FunnelRegression dispersion_line_test(const LineFit& fit, bool test_slope, bool with_limit, double level,
                                      bool exponentiate) {
    FunnelRegression r;
    r.k = fit.k;
    if (fit.k < 3) {
        r.note = "needs at least 3 studies";
        return r;
    }
    if (!fit.defined) {
        r.note = fit.y_constant ? "the effects are identical: nothing to test"
                                : "the predictor does not vary between studies";
        return r;
    }
    r.computed = true;
    r.t_test = true;
    r.df = fit.k - 2;
    const double dispersion = fit.rss / r.df;
    r.bias = test_slope ? fit.slope : fit.intercept;
    r.bias_se = std::sqrt(dispersion * (test_slope ? fit.var_slope : fit.var_intercept));
    r.statistic = r.bias / r.bias_se;
    r.p = t_two_sided_p(r.statistic, r.df);
    if (with_limit) {
        set_limit(r, fit.intercept, std::sqrt(dispersion * fit.var_intercept),
                  t_quantile(1 - (1 - level) / 2, r.df), exponentiate);
    }
    return r;
}

FunnelRegression egger_test(const std::vector<double>& y, const std::vector<double>& v, double level,
                            bool exponentiate) {
    return dispersion_line_test(weighted_line(y, square_roots(v), reciprocals(v)), true, true, level,
                                exponentiate);
}

FunnelRegression egger_meta_regression_test(const std::vector<double>& y, const std::vector<double>& v,
                                            Tau2Method method, bool hksj, bool truncate, double level,
                                            bool exponentiate) {
    FunnelRegression r;
    r.k = static_cast<int>(y.size());
    if (r.k < 3) {
        r.note = "needs at least 3 studies";
        return r;
    }
    const MetaRegression m = meta_regression(y, v, square_roots(v), method);
    if (!m.converged) {
        r.note = m.note;
        return r;
    }
    r.computed = true;
    r.tau2 = m.tau2;
    r.bias = m.fit.slope;
    double scale = 1;
    double crit = normal_quantile(1 - (1 - level) / 2);
    r.t_test = hksj;
    if (hksj) {
        // Knapp & Hartung (2003) for meta-regression, as metafor's test="knha"
        // (a residual sum of squares at rounding level counts as 0).
        r.df = r.k - 2;
        scale = m.fit.rss <= std::numeric_limits<double>::epsilon() ? 0 : m.fit.rss / r.df;
        if (truncate) scale = std::max(1.0, scale);
        crit = t_quantile(1 - (1 - level) / 2, r.df);
    }
    r.bias_se = std::sqrt(scale * m.fit.var_slope);
    r.statistic = r.bias / r.bias_se;
    r.p = hksj ? t_two_sided_p(r.statistic, r.df) : normal_two_sided_p(r.statistic);
    set_limit(r, m.fit.intercept, std::sqrt(scale * m.fit.var_intercept), crit, exponentiate);
    return r;
}

}  // namespace metapool
