// Cochran's Q test of homogeneity (Cochran 1954, Biometrics 10:101-129) and
// I2 = max(0, (Q - df) / Q), H2 = Q / df (Higgins & Thompson 2002, Stat Med
// 21:1539-1558; Higgins et al. 2003, BMJ 327:557-560).
#include "heterogeneity.hpp"

#include <algorithm>
#include <cmath>

#include "distributions.hpp"

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

}  // namespace metapool
