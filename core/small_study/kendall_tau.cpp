// Kendall's tau (Kendall 1938, Biometrika 30:81-93) in O(n log n) by
// Knight's merge-sort algorithm (1966, JASA 61:436-439), tau-b with ties.
// Exact null distribution of the number of concordant pairs (the Mahonian
// numbers, by the recursion of R's ckendall, kept as probabilities so that
// nothing overflows); otherwise the normal approximation with the variance of
// S corrected for ties (Kendall 1970, Rank Correlation Methods, ch. 4), as
// R's cor.test.
#include "small_study/kendall_tau.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "pooling/distributions.hpp"

namespace metapool {

namespace {

using Count = std::int64_t;

// Sizes of the groups of equal values in sorted `v`.
std::vector<Count> tie_groups(const std::vector<double>& sorted) {
    std::vector<Count> groups;
    std::size_t i = 0;
    while (i < sorted.size()) {
        std::size_t j = i + 1;
        while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
        if (j - i > 1) groups.push_back(static_cast<Count>(j - i));
        i = j;
    }
    return groups;
}

Count tied_pairs(const std::vector<Count>& groups) {
    Count s = 0;
    for (Count t : groups) s += t * (t - 1) / 2;
    return s;
}

// Sorts v[lo, hi) ascending and returns the number of pairs i < j with
// v[i] > v[j] (equal values are not inversions).
Count merge_count(std::vector<double>& v, std::vector<double>& tmp, std::size_t lo, std::size_t hi) {
    if (hi - lo < 2) return 0;
    const std::size_t mid = lo + (hi - lo) / 2;
    Count swaps = merge_count(v, tmp, lo, mid) + merge_count(v, tmp, mid, hi);
    std::size_t i = lo, j = mid, out = lo;
    while (i < mid && j < hi) {
        if (v[j] < v[i]) {
            swaps += static_cast<Count>(mid - i);
            tmp[out++] = v[j++];
        } else {
            tmp[out++] = v[i++];
        }
    }
    while (i < mid) tmp[out++] = v[i++];
    while (j < hi) tmp[out++] = v[j++];
    std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo), tmp.begin() + static_cast<std::ptrdiff_t>(hi),
              v.begin() + static_cast<std::ptrdiff_t>(lo));
    return swaps;
}

// P(T <= q) for T the number of concordant pairs among n untied pairs
// under independence: P_m(s) = (1/m) sum_{j<m} P_{m-1}(s - j), where only
// s <= q is ever needed.
double lower_tail(int n, Count q) {
    const std::size_t width = static_cast<std::size_t>(q) + 1;
    std::vector<double> f(width, 0.0), g(width, 0.0);
    f[0] = 1.0;  // m = 1
    for (int m = 2; m <= n; ++m) {
        const double scale = 1.0 / m;
        // P_m is 0 beyond m(m - 1)/2
        const std::size_t reach = std::min(width, static_cast<std::size_t>(m) * (m - 1) / 2 + 1);
        double window = 0;  // f[s - m + 1] + ... + f[s]
        for (std::size_t s = 0; s < reach; ++s) {
            window += f[s];
            if (s >= static_cast<std::size_t>(m)) window -= f[s - static_cast<std::size_t>(m)];
            g[s] = window * scale;
        }
        f.swap(g);
    }
    double p = 0;
    for (double x : f) p += x;
    return p;
}

double normal_p(double s, double n, const std::vector<Count>& xg, const std::vector<Count>& yg) {
    double vt = 0, vu = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    for (Count t : xg) {
        const double d = static_cast<double>(t);
        vt += d * (d - 1) * (2 * d + 5);
        x1 += d * (d - 1);
        x2 += d * (d - 1) * (d - 2);
    }
    for (Count u : yg) {
        const double d = static_cast<double>(u);
        vu += d * (d - 1) * (2 * d + 5);
        y1 += d * (d - 1);
        y2 += d * (d - 1) * (d - 2);
    }
    const double var_s = (n * (n - 1) * (2 * n + 5) - vt - vu) / 18 + x1 * y1 / (2 * n * (n - 1)) +
                         x2 * y2 / (9 * n * (n - 1) * (n - 2));
    return normal_two_sided_p(s / std::sqrt(var_s));
}

}  // namespace

KendallTest kendall_tau_test(const std::vector<double>& x, const std::vector<double>& y) {
    KendallTest out;
    const std::size_t n = x.size();
    bool finite = n >= 2 && y.size() == n;
    for (std::size_t i = 0; finite && i < n; ++i) finite = std::isfinite(x[i]) && std::isfinite(y[i]);
    if (!finite) {  // (also keeps NaN away from std::sort)
        out.tau = out.p = std::nan("");
        return out;
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return x[a] < x[b] || (x[a] == x[b] && y[a] < y[b]);
    });
    std::vector<double> xs(n), ys(n);
    for (std::size_t i = 0; i < n; ++i) { xs[i] = x[order[i]]; ys[i] = y[order[i]]; }
    const std::vector<Count> x_groups = tie_groups(xs);
    Count joint = 0;  // pairs tied in both x and y
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && xs[j] == xs[i] && ys[j] == ys[i]) ++j;
        joint += static_cast<Count>(j - i) * static_cast<Count>(j - i - 1) / 2;
        i = j;
    }
    std::vector<double> tmp(n);
    const Count swaps = merge_count(ys, tmp, 0, n);  // ys is now sorted
    const std::vector<Count> y_groups = tie_groups(ys);
    const Count n0 = static_cast<Count>(n) * static_cast<Count>(n - 1) / 2;
    const Count n1 = tied_pairs(x_groups), n2 = tied_pairs(y_groups);
    const Count s = n0 - n1 - n2 + joint - 2 * swaps;  // concordant - discordant
    out.tau = static_cast<double>(s) / std::sqrt(static_cast<double>(n0 - n1) * static_cast<double>(n0 - n2));
    if (!std::isfinite(out.tau)) {
        out.tau = out.p = std::nan("");
        return out;
    }
    const bool ties = n1 > 0 || n2 > 0;
    out.exact = !ties && static_cast<int>(n) <= kKendallExactMax;
    if (out.exact) {
        // Concordant pairs q; by symmetry P(T >= q) = P(T <= n0 - q), so R's
        // two-sided p (the tail beyond q, doubled) is the lower tail at the
        // smaller of the two.
        const Count q = (n0 + s) / 2;
        out.p = std::min(2 * lower_tail(static_cast<int>(n), std::min(q, n0 - q)), 1.0);
    } else {
        out.p = normal_p(static_cast<double>(s), static_cast<double>(n), x_groups, y_groups);
    }
    return out;
}

}  // namespace metapool
