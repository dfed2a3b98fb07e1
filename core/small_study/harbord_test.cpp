// Harbord's score test for funnel plot asymmetry with odds ratios: Harbord
// RM, Egger M, Sterne JAC (2006), Stat Med 25:3443-3457. Per table, the
// efficient score Z = e1 - (e1 + e2) n1 / N and its hypergeometric variance
// V = n1 n2 (e1 + e2) (N - e1 - e2) / (N^2 (N - 1)) (no continuity correction
// is needed); Z/sqrt(V) is regressed on sqrt(V) by ordinary least squares and
// the intercept is tested with t(k - 2). Tables with V = 0 (no events or only
// events in both arms) carry no information and are left out.
#include <cmath>

#include "small_study/funnel_regression_tests.hpp"

namespace metapool {

FunnelRegression harbord_test(const std::vector<double>& e1, const std::vector<double>& n1,
                              const std::vector<double>& e2, const std::vector<double>& n2) {
    std::vector<double> y, x;
    for (std::size_t i = 0; i < e1.size(); ++i) {
        const double total = n1[i] + n2[i], events = e1[i] + e2[i];
        const double v = n1[i] * n2[i] * events * (total - events) / (total * total * (total - 1));
        if (!(v > 0) || !std::isfinite(v)) continue;
        const double z = e1[i] - events * n1[i] / total;
        y.push_back(z / std::sqrt(v));
        x.push_back(std::sqrt(v));
    }
    const std::vector<double> ones(y.size(), 1.0);
    return dispersion_line_test(weighted_line(y, x, ones), false, false, 0.95, false);
}

}  // namespace metapool
