// Peto's one-step odds ratio (Yusuf, Peto, Lewis, Collins & Sleight 1985,
// Prog Cardiovasc Dis 27:335-371): with O - E = a - n1 (a + c) / N and the
// hypergeometric variance V = (a + c)(b + d) n1 n2 / (N^2 (N - 1)),
//   log OR = sum(O - E) / sum V,  var = 1 / sum V,
//   Q = sum (O - E)^2 / V - (sum (O - E))^2 / sum V  (tables with V > 0).
// As in metafor's rma.peto, no continuity correction enters these sums.
// Each study's own Peto OR is exp((O - E)/V) with CI exp((O - E)/V +- z/sqrt(V)),
// also without correction (Yusuf et al. 1985; RevMan 5, Deeks & Higgins 2010;
// R meta's metabin). metafor's escalc(measure = "PETO") adds 0.5 to tables
// with a zero cell unless add = 0; metapool shows the uncorrected value, so
// Q = sum V (y - mu)^2 around the Peto estimate is exactly the Q above, and
// the random-effects model (metapool's, as meta's, from these y and 1/V)
// uses the same per-study values.
#include "pooling/peto.hpp"

#include <algorithm>
#include <cmath>

namespace metapool {

double hypergeometric_variance(const Cells& t) {
    const double N = t.total();
    return (t.a + t.c) * (t.b + t.d) * (t.n1() / N) * (t.n2() / N) / (N - 1);
}

EffectSize peto_effect_size(const Cells& t) {
    const double V = hypergeometric_variance(t);
    if (!(V > 0)) return {std::nan(""), std::nan("")};
    const double oe = t.a - (t.a + t.c) * t.n1() / t.total();
    return {oe / V, 1 / V};
}

PetoResult peto(const std::vector<Cells>& tables) {
    PetoResult out;
    double sum_oe = 0, sum_v = 0, sum_oe2_v = 0;
    for (const Cells& t : tables) {
        const double oe = t.a - (t.a + t.c) * t.n1() / t.total();
        const double V = hypergeometric_variance(t);
        out.pooled.weights.push_back(V > 0 ? V : 0);
        if (!(V > 0)) continue;
        sum_oe += oe;
        sum_v += V;
        sum_oe2_v += oe * oe / V;
    }
    if (!(sum_v > 0)) return out;
    out.pooled.y = sum_oe / sum_v;
    out.pooled.se = std::sqrt(1 / sum_v);
    out.Q = std::max(0.0, sum_oe2_v - sum_oe * sum_oe / sum_v);
    return out;
}

}  // namespace metapool
