// Absolute effects as in a GRADE summary-of-findings table (Guyatt et al.
// 2013, J Clin Epidemiol 66:158-172; Schünemann et al., Cochrane Handbook
// ch. 14): with an assumed control risk ACR,
//   RR: risk = ACR * RR;  OR: risk = OR ACR / (1 - ACR + OR ACR);  RD: risk = ACR + RD,
// each limit of the pooled CI mapped the same way (risks kept within [0, 1]).
// The number needed to treat is 1 / (ACR - risk): positive when the
// intervention means fewer events, negative (a number needed to harm) when it
// means more. Its interval comes from the limits of the risk difference; when
// that interval includes 0 the NNT interval runs through infinity (Altman
// 1998, BMJ 317:1309-1312).
#include "pooling/absolute_effects.hpp"

#include <algorithm>
#include <cmath>

namespace metapool {

namespace {

double clamp01(double p) { return std::isnan(p) ? p : std::min(1.0, std::max(0.0, p)); }

double risk_with_intervention(double effect, double acr, Measure m) {
    switch (m) {
        case Measure::RR: return clamp01(acr * effect);
        case Measure::OR: return clamp01(effect * acr / (1 - acr + effect * acr));
        case Measure::RD: return clamp01(acr + effect);
    }
    return std::nan("");
}

AbsoluteEffect absolute_effect(double estimate, double lower, double upper, double acr, Measure m) {
    AbsoluteEffect e;
    if (!std::isfinite(estimate) || !std::isfinite(acr)) return e;
    const double risk = risk_with_intervention(estimate, acr, m);
    const double risk_lo = risk_with_intervention(lower, acr, m);
    const double risk_hi = risk_with_intervention(upper, acr, m);
    e.risk_per_1000 = 1000 * risk;
    e.risk_per_1000_lower = 1000 * risk_lo;
    e.risk_per_1000_upper = 1000 * risk_hi;
    e.difference_per_1000 = 1000 * (risk - acr);
    e.difference_per_1000_lower = 1000 * (risk_lo - acr);
    e.difference_per_1000_upper = 1000 * (risk_hi - acr);
    const double d = acr - risk, d_a = acr - risk_hi, d_b = acr - risk_lo;  // events prevented per person
    e.nnt = d != 0 ? 1 / d : std::nan("");
    e.nnt_ci_crosses_infinity = !(d_a > 0 && d_b > 0) && !(d_a < 0 && d_b < 0);
    if (d_a != 0 && d_b != 0) {
        e.nnt_lower = std::min(1 / d_a, 1 / d_b);
        e.nnt_upper = std::max(1 / d_a, 1 / d_b);
    }
    return e;
}

double pooled_control_risk(const Analysis& a) {
    double events = 0, total = 0;
    for (const StudyResult& s : a.studies) {
        if (!s.included || s.generic) continue;  // a reported effect has no control arm
        events += s.e2;
        total += s.n2;
    }
    return total > 0 ? events / total : std::nan("");
}

}  // namespace

void fill_absolute_effects(Analysis& a) {
    AbsoluteEffects& out = a.absolute;
    out.control_risk_pooled = std::isnan(a.options.control_risk);
    out.control_risk = out.control_risk_pooled ? pooled_control_risk(a) : a.options.control_risk;
    const Measure m = a.options.measure;
    out.common = absolute_effect(a.common.estimate, a.common.ci_lower, a.common.ci_upper, out.control_risk, m);
    out.random = absolute_effect(a.random.estimate, a.random.ci_lower, a.random.ci_upper, out.control_risk, m);
}

}  // namespace metapool
