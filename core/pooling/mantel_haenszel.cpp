// Mantel-Haenszel pooling (Mantel & Haenszel 1959, J Natl Cancer Inst 22:719).
// By default on the tables as pasted: like metafor's rma.mh, the continuity
// correction is used only for the per-study effects.
//
// Variances:
//   OR: Robins, Breslow & Greenland (1986), Biometrics 42:311-323.
//   RR: Greenland & Robins (1985), Biometrics 41:55-68.
//   RD: Sato, Greenland & Robins (1989), Biometrics 45:1323-1324 (metafor),
//       or (mh_rd_variance = gr) Greenland & Robins (1985), Biometrics
//       41:55-68, the formula of Deeks & Higgins, "Statistical algorithms in
//       Review Manager 5" (2010), also used by R meta:
//       var = sum (a b n2^3 + c d n1^3) / (n1 n2 N^2) / (sum n1 n2 / N)^2.
// The tables are those of mantel_haenszel_cells(): as pasted, or corrected
// inside the sums as RevMan 5 does (continuity_correction.cpp). For the RD
// RevMan 5 corrects only the variance (Deeks & Higgins 2010; R meta's
// metabin.R): mantel_haenszel_rd() takes the estimate and the weights from the
// tables as pasted and the Greenland-Robins numerator from the corrected ones.
// Weights (for the forest plot): OR b c / N, RR c n1 / N, RD n1 n2 / N.
#include "pooling/mantel_haenszel.hpp"

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

// Greenland & Robins (1985) numerator of the RD variance:
// sum (a b n2^3 + c d n1^3) / (n1 n2 N^2), written with ratios so that
// registry-sized tables do not overflow.
double greenland_robins_rd_numerator(const std::vector<Cells>& tables) {
    double sum = 0;
    for (const Cells& t : tables) {
        const double N = t.total(), n1 = t.n1(), n2 = t.n2();
        const double p1 = t.a / n1, q1 = t.b / n1, p2 = t.c / n2, q2 = t.d / n2;
        sum += (p1 * q1 * n1 * (n2 / N) * (n2 / N) + p2 * q2 * n2 * (n1 / N) * (n1 / N));
    }
    return sum;
}

// Sato, Greenland & Robins (1989) variance of the MH RD `y`:
// (y sum P + sum Q / 2) / W^2.
double sato_variance_numerator(const std::vector<Cells>& tables, double y) {
    double P = 0, Q = 0;
    for (const Cells& t : tables) {
        const double N = t.total(), n1 = t.n1(), n2 = t.n2();
        P += t.c * (n1 / N) * (n1 / N) - t.a * (n2 / N) * (n2 / N) + (n1 / N) * (n2 / N) * (n2 - n1) / 2;
        Q += t.a * (n2 - t.c) / N + t.c * (n1 - t.a) / N;
    }
    return y * P + Q / 2;
}

// Estimate and weights from `point`, variance numerator from `variance`
// (the same tables unless RevMan 5's cc-rd variance is in force).
PooledEstimate risk_difference(const std::vector<Cells>& point, const std::vector<Cells>& variance,
                               MhRdVariance method) {
    PooledEstimate out;
    double num = 0, W = 0;
    for (const Cells& t : point) {
        const double N = t.total(), n1 = t.n1(), n2 = t.n2();
        num += t.a * (n2 / N) - t.c * (n1 / N);
        W += n1 * (n2 / N);
        out.weights.push_back(n1 * n2 / N);
    }
    if (!(W > 0)) return out;
    out.y = num / W;
    const double numerator = method == MhRdVariance::GreenlandRobins ? greenland_robins_rd_numerator(variance)
                                                                     : sato_variance_numerator(variance, out.y);
    out.se = std::sqrt(numerator / (W * W));
    return out;
}

}  // namespace

PooledEstimate mantel_haenszel(const std::vector<Cells>& tables, Measure measure, MhRdVariance rd_variance) {
    switch (measure) {
        case Measure::OR: return odds_ratio(tables);
        case Measure::RR: return risk_ratio(tables);
        case Measure::RD: return risk_difference(tables, tables, rd_variance);
    }
    return {};
}

PooledEstimate mantel_haenszel_rd(const std::vector<Cells>& point_tables, const std::vector<Cells>& variance_tables,
                                  MhRdVariance rd_variance) {
    return risk_difference(point_tables, variance_tables, rd_variance);
}

}  // namespace metapool
