// Inverse-variance pooling (e.g. Borenstein et al. 2009, Introduction to
// Meta-Analysis, ch. 11-12) and Cochran's Q (Cochran 1954, Biometrics 10:101).
#include "pooling/inverse_variance.hpp"

#include <cmath>

#include "pooling/study_pairs.hpp"

namespace metapool {

PooledEstimate inverse_variance(const std::vector<double>& y, const std::vector<double>& v,
                                double tau2) {
    PooledEstimate out;
    double sw = 0, swy = 0;
    out.weights.reserve(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double w = 1 / (v[i] + tau2);
        sw += w;
        swy += w * y[i];
        out.weights.push_back(w);
    }
    if (!(sw > 0) || !std::isfinite(sw)) return out;
    out.y = swy / sw;
    out.se = std::sqrt(1 / sw);
    return out;
}

double cochran_q(const std::vector<double>& y, const std::vector<double>& v, double centre,
                 double tau2) {
    double q = 0;
    for_each_study(y.size(), [&](auto at) {
        const auto r = at(y) - centre;
        add_to(q, r * r / (at(v) + tau2));
    });
    return q;
}

double weight_spread(const std::vector<double>& v) {
    // sum w - sum w^2 / sum w = sum_i w_i (S - w_i) / S, where S - w_i is the
    // sum of the other weights; for the largest weight that sum is added up
    // directly instead of subtracted from S.
    if (v.empty()) return 0;
    std::size_t largest = 0;
    for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] < v[largest]) largest = i;
    }
    double total = 0, others = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        total += 1 / v[i];
        if (i != largest) others += 1 / v[i];
    }
    double spread = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double rest = i == largest ? others : total - 1 / v[i];
        spread += (1 / v[i]) * (rest / total);
    }
    return spread;
}

double generalised_q(const std::vector<double>& y, const std::vector<double>& v, double tau2) {
    // Called many times by the root finders: no allocation here.
    double sw = 0, swy = 0;
    for_each_study(y.size(), [&](auto at) {
        const auto w = 1 / (at(v) + tau2);
        add_to(sw, w);
        add_to(swy, w * at(y));
    });
    return cochran_q(y, v, swy / sw, tau2);
}

}  // namespace metapool
