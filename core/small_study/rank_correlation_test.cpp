// Begg CB, Mazumdar M (1994), Biometrics 50:1088-1101: Kendall's tau between
// the standardised effects (y - theta) / sqrt(v - v_theta), with theta the
// common-effect inverse-variance estimate and v_theta = 1 / sum(1/v) its
// variance, and the variances v. As metafor's ranktest(res), which uses the
// common-effect estimate whatever model `res` is, and the exact p-value of
// cor.test when there are no ties.
#include "small_study/rank_correlation_test.hpp"

#include <cmath>

#include "pooling/inverse_variance.hpp"
#include "small_study/kendall_tau.hpp"

namespace metapool {

RankCorrelation rank_correlation_test(const std::vector<double>& y, const std::vector<double>& v) {
    RankCorrelation r;
    r.k = static_cast<int>(y.size());
    if (r.k < 2) {
        r.note = "needs at least 2 studies";
        return r;
    }
    const PooledEstimate common = inverse_variance(y, v);
    const double v_theta = common.se * common.se;
    std::vector<double> standardised;
    standardised.reserve(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) standardised.push_back((y[i] - common.y) / std::sqrt(v[i] - v_theta));
    const KendallTest t = kendall_tau_test(standardised, v);
    r.computed = true;
    r.tau = t.tau;
    r.p = t.p;
    r.exact = t.exact;
    if (std::isnan(t.tau)) r.note = "every study has the same variance: no rank correlation";
    return r;
}

}  // namespace metapool
