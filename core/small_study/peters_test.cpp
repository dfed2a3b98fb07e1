// Peters' test for funnel plot asymmetry: Peters JL, Sutton AJ, Jones DR,
// Abrams KR, Rushton L (2006), JAMA 295:676-680. The effect is regressed on
// 1/n (n = total sample size), weighted by the inverse of the variance of
// the pooled event rate, 1 / (1/(e1 + e2) + 1/(n - e1 - e2)), and the slope
// is tested with t(k - 2) (as R meta's metabias(method = "peters")). metafor's
// regtest(predictor = "ninv") weights by 1/v instead; with vi set to the
// Peters variance it is this test (the fixtures check both).
#include "small_study/funnel_regression_tests.hpp"

namespace metapool {

FunnelRegression peters_test(const std::vector<double>& y, const std::vector<double>& n,
                             const std::vector<double>& events, double level, bool exponentiate) {
    std::vector<double> ys, x, w;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double nonevents = n[i] - events[i];
        if (!(events[i] > 0 && nonevents > 0)) continue;
        ys.push_back(y[i]);
        x.push_back(1 / n[i]);
        w.push_back(1 / (1 / events[i] + 1 / nonevents));
    }
    return dispersion_line_test(weighted_line(ys, x, w), true, true, level, exponentiate);
}

}  // namespace metapool
