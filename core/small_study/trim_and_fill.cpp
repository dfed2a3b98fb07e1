// Trim-and-fill: Duval S, Tweedie R (2000), Biometrics 56:455-463 (and JASA
// 95:89-98), as metafor's trimfill() (Viechtbauer 2010, J Stat Softw 36(3)):
//   side: where studies are missing, from the sign of the slope of the
//         meta-regression of y on se (negative: right, else left);
//   with the effects flipped for the right side and sorted (ties keep their
//   order), repeat until k0 is stable: pool the k - k0 smallest with the
//   tau2 method in use, rank |y - mu| (ties by position), Sr = sum of the
//   ranks of the positive deviations, L0 = (4 Sr - k(k + 1)) / (2k - 1),
//   k0 = max(0, round(L0)), with Duval & Tweedie's variance of Sr for its SE;
//   fill: mirror the k0 most extreme studies about the last mu (same
//   variance) and refit the random-effects model to all k + k0.
#include "small_study/trim_and_fill.hpp"

#include <algorithm>
#include <cmath>

#include "model/analysis.hpp"
#include "model/stable_order.hpp"
#include "pooling/inverse_variance.hpp"
#include "pooling/random_effects.hpp"
#include "pooling/reporting_scale.hpp"
#include "pooling/tau2_estimators.hpp"

namespace metapool {

namespace {

constexpr int kMaxIterations = 100;

struct L0Step {
    double k0 = 0;   // unrounded estimate
    double se = 0;
};

// One L0 estimate from the (signed, sorted) effects around mu.
L0Step l0_estimate(const std::vector<double>& ys, double mu) {
    const std::size_t k = ys.size();
    const std::vector<std::size_t> by_size =
        stable_order(k, [&](std::size_t a, std::size_t b) { return std::fabs(ys[a] - mu) < std::fabs(ys[b] - mu); });
    double sr = 0;
    for (std::size_t rank = 0; rank < k; ++rank) {
        if (ys[by_size[rank]] - mu > 0) sr += static_cast<double>(rank + 1);
    }
    const double n = static_cast<double>(k);
    L0Step s;
    s.k0 = (4 * sr - n * (n + 1)) / (2 * n - 1);
    const double k0 = s.k0;
    const double var_sr = (n * (n + 1) * (2 * n + 1) + 10 * k0 * k0 * k0 + 27 * k0 * k0 + 17 * k0 -
                           18 * n * k0 * k0 - 18 * n * k0 + 6 * n * n * k0) / 24;
    s.se = 4 * std::sqrt(var_sr) / (2 * n - 1);  // NaN when var_sr < 0, as in metafor
    return s;
}

void refit(const TrimAndFillInput& in, TrimAndFill& out) {
    std::vector<double> y = in.y, v = in.v;
    for (const FilledStudy& f : out.filled) { y.push_back(f.y); v.push_back(f.v); }
    const Tau2Estimate t = estimate_tau2(y, v, in.method);
    if (!t.converged) {
        out.note = "tau2 of the filled data: " + t.note;
        return;
    }
    RandomEffects re;
    re.tau2_method = in.method;
    re.hksj = in.hksj;
    std::vector<double> weights;
    fit_random_effects(y, v, t.tau2, in.level, in.exponentiate, re, weights, PredictionInterval::None,
                       in.hksj_truncate);
    out.computed = true;
    out.k = static_cast<int>(y.size());
    out.tau2 = t.tau2;
    out.t_test = re.hksj;
    out.y = re.y; out.se = re.se;
    out.estimate = re.estimate; out.ci_lower = re.ci_lower; out.ci_upper = re.ci_upper;
    out.statistic = re.z; out.df = re.df; out.p = re.p;
}

}  // namespace

TrimAndFill trim_and_fill(const TrimAndFillInput& in) {
    TrimAndFill out;
    const std::size_t k = in.y.size();
    out.k = static_cast<int>(k);
    if (k < 3) {
        out.note = "needs at least 3 studies";
        return out;
    }
    if (std::isnan(in.side_slope)) {
        out.note = "the side cannot be chosen: the meta-regression on the standard error is not estimable";
        return out;
    }
    out.side = in.side_slope < 0 ? "right" : "left";
    const double sign = in.side_slope < 0 ? -1 : 1;
    const std::vector<std::size_t> order =
        stable_order(k, [&](std::size_t a, std::size_t b) { return sign * in.y[a] < sign * in.y[b]; });
    std::vector<double> ys(k), vs(k);
    for (std::size_t i = 0; i < k; ++i) { ys[i] = sign * in.y[order[i]]; vs[i] = in.v[order[i]]; }
    int k0 = 0, previous = -1;
    double mu = 0;
    while (k0 != previous) {
        previous = k0;
        if (++out.iterations > kMaxIterations) {
            out.note = "trim-and-fill did not converge in 100 iterations";
            return out;
        }
        const std::vector<double> ty(ys.begin(), ys.end() - k0), tv(vs.begin(), vs.end() - k0);
        const Tau2Estimate t = estimate_tau2(ty, tv, in.method);
        if (!t.converged) {
            out.note = "tau2 of the trimmed data: " + t.note;
            return out;
        }
        mu = inverse_variance(ty, tv, t.tau2).y;
        const L0Step step = l0_estimate(ys, mu);
        k0 = static_cast<int>(std::max(0.0, std::nearbyint(step.k0)));
        out.k0_se = std::isnan(step.se) ? step.se : std::max(0.0, step.se);
    }
    out.k0 = k0;
    for (std::size_t j = k - static_cast<std::size_t>(k0); j < k; ++j) {
        FilledStudy f;
        f.y = sign * (2 * mu - ys[j]);
        f.v = vs[j];
        f.se = std::sqrt(f.v);
        f.estimate = to_reporting_scale(f.y, in.exponentiate);
        const std::size_t source = order[j];
        if (source < in.label.size()) f.mirror_of = in.label[source];
        if (source < in.index.size()) f.mirror_index = in.index[source];
        out.filled.push_back(f);
    }
    refit(in, out);
    return out;
}

}  // namespace metapool
