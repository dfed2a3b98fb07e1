// Mantel-Haenszel pooling (Mantel & Haenszel 1959, J Natl Cancer Inst 22:719)
// on the tables as pasted: like metafor's rma.mh, the continuity correction
// is used only for the per-study effects, never inside the MH sums.
//
// Variances:
//   OR: Robins, Breslow & Greenland (1986), Biometrics 42:311-323.
//   RR: Greenland & Robins (1985), Biometrics 41:55-68.
//   RD: Sato, Greenland & Robins (1989), Biometrics 45:1323-1324.
// Weights (for the forest plot): OR b c / N, RR c n1 / N, RD n1 n2 / N.
#include "mantel_haenszel.hpp"

#include <cmath>

namespace metapool {

namespace {

PooledEstimate odds_ratio(const std::vector<Cells>& tables) {
    PooledEstimate out;
    double R = 0, S = 0, PR = 0, PS_QR = 0, QS = 0;
    for (const Cells& t : tables) {
        const double N = t.total();
        const double P = (t.a + t.d) / N, Q = (t.b + t.c) / N;
        const double r = t.a / N * t.d, s = t.b / N * t.c;
        R += r;
        S += s;
        PR += P * r;
        PS_QR += P * s + Q * r;
        QS += Q * s;
        out.weights.push_back(s);
    }
    if (R == 0 || S == 0) return out;
    out.y = std::log(R / S);
    out.se = std::sqrt(0.5 * (PR / (R * R) + PS_QR / (R * S) + QS / (S * S)));
    return out;
}

PooledEstimate risk_ratio(const std::vector<Cells>& tables) {
    PooledEstimate out;
    double R = 0, S = 0, sum_a = 0, sum_c = 0, V = 0;
    for (const Cells& t : tables) {
        const double N = t.total(), n1 = t.n1(), n2 = t.n2();
        R += t.a * (n2 / N);
        S += t.c * (n1 / N);
        sum_a += t.a;
        sum_c += t.c;
        V += (n1 / N) * (n2 / N) * (t.a + t.c) - (t.a / N) * t.c;
        out.weights.push_back(t.c * n1 / N);
    }
    if (sum_a == 0 || sum_c == 0) return out;
    out.y = std::log(R / S);
    out.se = std::sqrt(V / (R * S));
    return out;
}

PooledEstimate risk_difference(const std::vector<Cells>& tables) {
    PooledEstimate out;
    double num = 0, W = 0, P = 0, Q = 0;
    for (const Cells& t : tables) {
        const double N = t.total(), n1 = t.n1(), n2 = t.n2();
        num += t.a * (n2 / N) - t.c * (n1 / N);
        W += n1 * (n2 / N);
        P += t.c * (n1 / N) * (n1 / N) - t.a * (n2 / N) * (n2 / N) + (n1 / N) * (n2 / N) * (n2 - n1) / 2;
        Q += t.a * (n2 - t.c) / N + t.c * (n1 - t.a) / N;
        out.weights.push_back(n1 * n2 / N);
    }
    if (!(W > 0)) return out;
    out.y = num / W;
    out.se = std::sqrt((out.y * P + Q / 2) / (W * W));
    return out;
}

}  // namespace

PooledEstimate mantel_haenszel(const std::vector<Cells>& tables, Measure measure) {
    switch (measure) {
        case Measure::OR: return odds_ratio(tables);
        case Measure::RR: return risk_ratio(tables);
        case Measure::RD: return risk_difference(tables);
    }
    return {};
}

}  // namespace metapool
