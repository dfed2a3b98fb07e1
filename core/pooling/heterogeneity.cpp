// Cochran's Q test of homogeneity (Cochran 1954, Biometrics 10:101-129) and
// I2 = max(0, (Q - df) / Q), H2 = Q / df (Higgins & Thompson 2002, Stat Med
// 21:1539-1558; Higgins et al. 2003, BMJ 327:557-560).
//
// I2 from tau2 (i2 = tau2; Higgins & Thompson 2002, section 3.2): with the
// typical within-study variance s2 = (k - 1) sum w / ((sum w)^2 - sum w^2),
// I2 = 100 tau2 / (tau2 + s2) and H2 = 1 + tau2 / s2, as metafor's rma.uni
// and Stata's meta summarize report them and as RevMan Web does since 2024
// (Cochrane Methods, addendum of May 2024).
#include "pooling/heterogeneity.hpp"

#include <algorithm>
#include <cmath>

#include "pooling/distributions.hpp"
#include "pooling/inverse_variance.hpp"

namespace metapool {

void fill_q_statistics(double Q, int k_y, Heterogeneity& out) {
    if (k_y <= 1) {
        out.Q = 0;
        out.df = 0;
        out.p = 1;
        out.I2 = 0;
        out.H2 = 1;
        return;
    }
    const double df = k_y - 1;
    out.Q = std::isnan(Q) ? Q : std::max(0.0, Q);
    out.df = df;
    out.p = chi_squared_upper_p(out.Q, df);
    out.I2 = std::isnan(out.Q) ? out.Q : std::max(0.0, 100 * (out.Q - df) / out.Q);
    out.H2 = out.Q / df;
}

// With an MH common effect, metafor's rma.mh and RevMan 5 centre Q on the MH
// estimate; R meta (hetcalc.R) does so only for DL tau2 (Q.Cochrane) and
// otherwise centres it on the inverse-variance estimate.
bool q_centred_on_iv(const Options& o) {
    switch (o.q_centre) {
        case QCentre::Common: return false;
        case QCentre::IV: return true;
        case QCentre::MhIfDl: return o.tau2_method != Tau2Method::DL;
    }
    return false;
}

void use_tau2_for_i2(double tau2, const std::vector<double>& v, Heterogeneity& out) {
    if (v.size() < 2) return;  // I2 = 0, H2 = 1 as set from Q
    if (!std::isfinite(tau2)) {
        out.I2 = out.H2 = std::nan("");
        return;
    }
    const double s2 = static_cast<double>(v.size() - 1) / weight_spread(v);
    out.I2 = 100 * tau2 / (tau2 + s2);
    out.H2 = 1 + tau2 / s2;
}

}  // namespace metapool
