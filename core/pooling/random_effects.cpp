// Random-effects pooling (DerSimonian & Laird 1986) with weights 1/(v + tau2).
//   Wald interval: mu +- z_{1-alpha/2} se.
//   Hartung & Knapp (2001, Stat Med 20:3875-3889); Sidik & Jonkman (2002,
//   Stat Med 21:3153-3159): se_HK^2 = sum w (y - mu)^2 / ((k - 1) sum w), with a
//   t(k - 1) interval and test; no ad hoc truncation, as metafor's test="knha".
//   With `truncate` the HKSJ scale is max(1, q / (k - 1)), so the interval is
//   never narrower than Wald's in width per unit t (Knapp & Hartung 2003,
//   Stat Med 22:2693-2710; the "mKH" of Roever, Knapp & Friede 2015, BMC Med
//   Res Methodol 15:99; Stata's se(khartung, truncated), meta's
//   adhoc.hakn.ci = "se").
//   Prediction interval (Higgins, Thompson & Spiegelhalter 2009, J R Stat Soc
//   A 172:137-159): mu +- c sqrt(tau2 + se^2), with the se in use (the HKSJ
//   se when HKSJ is on) and c the quantile of
//     t(k-2) (Higgins et al.; undefined for k < 3),
//     t(k-1) (Veroniki et al. 2019, Res Synth Methods 10:23; meta's "V"),
//     N(0, 1), or, as metafor's predict.rma, N(0, 1) for Wald and t(k-1)
//     with HKSJ; the last three need k >= 2.
// With a single study HKSJ has no degrees of freedom; the Wald interval is
// used instead and `hksj` is reset (metafor does the same).
#include "pooling/random_effects.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pooling/distributions.hpp"
#include "pooling/inverse_variance.hpp"
#include "pooling/reporting_scale.hpp"

namespace metapool {

double prediction_quantile(PredictionInterval pi, double k, bool hksj, double p) {
    switch (pi) {
        case PredictionInterval::TK2: return k >= 3 ? t_quantile(p, k - 2) : std::nan("");
        case PredictionInterval::TK1: return k >= 2 ? t_quantile(p, k - 1) : std::nan("");
        case PredictionInterval::Z: return k >= 2 ? normal_quantile(p) : std::nan("");
        case PredictionInterval::Metafor:
            if (k < 2) return std::nan("");
            return hksj ? t_quantile(p, k - 1) : normal_quantile(p);
        case PredictionInterval::None: return std::nan("");
    }
    return std::nan("");
}

void fit_random_effects(const std::vector<double>& y, const std::vector<double>& v, double tau2,
                        double level, bool exponentiate, RandomEffects& out,
                        std::vector<double>& weights, PredictionInterval pi, bool truncate) {
    const PooledEstimate pooled = inverse_variance(y, v, tau2);
    weights = pooled.weights;
    out.k = static_cast<int>(y.size());
    if (!pooled.defined()) return;
    const double k = static_cast<double>(y.size());
    const double alpha = 1 - level;
    out.y = pooled.y;
    double crit = normal_quantile(1 - alpha / 2);
    if (out.hksj && k < 2) out.hksj = false;  // no df for the t test: Wald, as metafor
    if (out.hksj) {
        double q = cochran_q(y, v, pooled.y, tau2);
        // Identical effects leave only rounding noise in q; metafor sets it to 0.
        if (q <= std::numeric_limits<double>::epsilon()) q = 0;
        out.df = k - 1;
        const double scale = truncate ? std::max(1.0, q / (k - 1)) : q / (k - 1);
        out.se = std::sqrt(scale) * pooled.se;
        crit = t_quantile(1 - alpha / 2, out.df);
        out.z = out.y / out.se;
        out.p = t_two_sided_p(out.z, out.df);
    } else {
        out.se = pooled.se;
        out.z = out.y / out.se;
        out.p = normal_two_sided_p(out.z);
    }
    set_reported_interval(out, crit, exponentiate);
    const double pi_crit = prediction_quantile(pi, k, out.hksj, 1 - alpha / 2);
    if (!std::isnan(pi_crit)) {
        const double half = pi_crit * std::sqrt(tau2 + out.se * out.se);
        out.pi_lower = to_reporting_scale(out.y - half, exponentiate);
        out.pi_upper = to_reporting_scale(out.y + half, exponentiate);
    }
}

}  // namespace metapool
