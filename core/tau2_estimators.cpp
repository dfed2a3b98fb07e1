// tau2 estimators, with metafor's conventions for the intercept-only model
// (Viechtbauer 2005, J Educ Behav Stat 30:261-293; metafor's rma.uni):
//   DL   DerSimonian & Laird (1986), Control Clin Trials 7:177-188.
//        Q is centred on the inverse-variance estimate (metafor), or on a
//        given centre: RevMan 5 takes the Mantel-Haenszel estimate (Deeks &
//        Higgins 2010, "Statistical algorithms in Review Manager 5"; R meta's
//        Q.Cochrane), still with weights 1/v.
//   HE   Hedges (1983), Psychol Bull 93:388-395 (unweighted moments).
//   HS   Hunter & Schmidt (2004): (Q - k) / sum w.
//   SJ   Sidik & Jonkman (2005), J Biopharm Stat 15:823-838; initial value
//        sum (y - ybar)^2 / k.
//   PM   Paule & Mandel (1982), J Res Natl Bur Stand 87:377-385: Q(tau2) = k - 1.
//   EB   Morris (1983), JASA 78:47-55. For the intercept-only model its
//        estimating equation Q(tau2) k / (k - 1) = k is the PM equation, so
//        the two coincide (as in metafor).
//   ML, REML  Viechtbauer (2005): roots of the (restricted) likelihood score.
//        The likelihood can have a maximum at 0 and a higher one inside
//        (e.g. trim-and-fill's filled dat.nielweise2007 RD, ML): as metafor's
//        Fisher scoring from the Hedges estimate, the maximum reached from
//        there is taken unless the likelihood at 0 is higher.
// Negative estimates are truncated at 0. The iterative estimators solve
// their estimating equations with a bracketing root finder (TOMS 748)
// instead of Fisher scoring, so they cannot diverge or cycle.
#include "tau2_estimators.hpp"

#include <algorithm>
#include <cmath>

#include "inverse_variance.hpp"
#include "root_finding.hpp"

namespace metapool {

namespace {

double sum_of_weights(const std::vector<double>& v) {
    double sw = 0;
    for (double vi : v) sw += 1 / vi;
    return sw;
}

double dersimonian_laird(const std::vector<double>& y, const std::vector<double>& v, double centre) {
    const double k = static_cast<double>(y.size());
    const double q = std::isnan(centre) ? generalised_q(y, v, 0) : cochran_q(y, v, centre);
    return (q - (k - 1)) / weight_spread(v);
}

double unweighted_mean(const std::vector<double>& y) {
    double sum = 0;
    for (double yi : y) sum += yi;
    return sum / static_cast<double>(y.size());
}

double sum_squared_deviations(const std::vector<double>& y) {
    const double mean = unweighted_mean(y);
    double ss = 0;
    for (double yi : y) ss += (yi - mean) * (yi - mean);
    return ss;
}

double hedges(const std::vector<double>& y, const std::vector<double>& v) {
    const double k = static_cast<double>(y.size());
    double sum_v = 0;
    for (double vi : v) sum_v += vi;
    const double trace_pv = sum_v - sum_v / k;
    return (sum_squared_deviations(y) - trace_pv) / (k - 1);
}

double hunter_schmidt(const std::vector<double>& y, const std::vector<double>& v) {
    const double k = static_cast<double>(y.size());
    return (generalised_q(y, v, 0) - k) / sum_of_weights(v);
}

double sidik_jonkman(const std::vector<double>& y, const std::vector<double>& v) {
    const double k = static_cast<double>(y.size());
    const double tau2_0 = sum_squared_deviations(y) / k;
    return tau2_0 * generalised_q(y, v, tau2_0) / (k - 1);
}

// Estimating equations whose root is the estimate; each is positive below
// the root and negative above it (for PM, Q(tau2) decreases in tau2).
double paule_mandel_equation(const std::vector<double>& y, const std::vector<double>& v, double tau2) {
    return generalised_q(y, v, tau2) - static_cast<double>(y.size() - 1);
}

// Score of the (restricted) log-likelihood in tau2, up to a positive factor:
//   ML:   sum w^2 (y - mu)^2 - sum w
//   REML: sum w^2 (y - mu)^2 - sum w + sum w^2 / sum w
double likelihood_score(const std::vector<double>& y, const std::vector<double>& v, double tau2,
                        bool restricted) {
    double sw = 0, swy = 0, sw2 = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double w = 1 / (v[i] + tau2);
        sw += w;
        swy += w * y[i];
        sw2 += w * w;
    }
    const double mu = swy / sw;
    double sw2r2 = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double w = 1 / (v[i] + tau2);
        const double r = y[i] - mu;
        sw2r2 += w * w * r * r;
    }
    return restricted ? sw2r2 - sw + sw2 / sw : sw2r2 - sw;
}

// Solves equation(tau2) = 0 on [0, inf): 0 when the equation is already
// non-positive at 0 (the estimate is truncated there).
Tau2Estimate solve_on_half_line(const std::function<double(double)>& equation, double start) {
    Tau2Estimate out;
    const double at_zero = equation(0);
    if (!std::isfinite(at_zero)) {
        out.converged = false;
        out.note = "the estimating equation is not finite at tau2 = 0";
        return out;
    }
    if (at_zero <= 0) {
        out.iterations = 1;
        return out;
    }
    const RootResult r = find_root_above(equation, 0, start > 0 ? start : 1, 1e300);
    out.iterations = r.iterations;
    if (!r.found) {
        out.converged = false;
        out.tau2 = std::nan("");
        out.note = "no root of the estimating equation was found";
        return out;
    }
    out.tau2 = r.root;
    return out;
}

// (Restricted) log-likelihood up to a constant.
double log_likelihood(const std::vector<double>& y, const std::vector<double>& v, double tau2, bool restricted) {
    double sw = 0, log_det = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        sw += 1 / (v[i] + tau2);
        log_det += std::log(v[i] + tau2);
    }
    const double ll = -0.5 * log_det - 0.5 * generalised_q(y, v, tau2);
    return restricted ? ll - 0.5 * std::log(sw) : ll;
}

// The score is not positive at 0; from a positive Hedges estimate `he`
// metafor's Fisher scoring may still reach an interior maximum.
void interior_maximum(const std::vector<double>& y, const std::vector<double>& v, double he, bool restricted,
                      Tau2Estimate& out) {
    if (!out.converged || out.tau2 > 0 || !(he > 0) || !std::isfinite(he)) return;
    const RootResult r = find_root_from([&](double t) { return likelihood_score(y, v, t, restricted); }, he);
    out.iterations += r.iterations;
    if (r.found && log_likelihood(y, v, r.root, restricted) > log_likelihood(y, v, 0, restricted)) {
        out.tau2 = r.root;
    }
}

double positive_or(double x, double fallback) { return x > 0 && std::isfinite(x) ? x : fallback; }

}  // namespace

Tau2Estimate estimate_tau2(const std::vector<double>& y, const std::vector<double>& v,
                           Tau2Method method, double dl_centre) {
    Tau2Estimate out;
    if (y.size() < 2) return out;  // k = 1: tau2 = 0, as metafor
    // A scale for the first bracket: the moment estimate, or the typical variance.
    const double he = hedges(y, v);
    const double start = positive_or(he, positive_or(unweighted_mean(v), 1));
    switch (method) {
        case Tau2Method::DL: out.tau2 = dersimonian_laird(y, v, dl_centre); break;
        case Tau2Method::HE: out.tau2 = hedges(y, v); break;
        case Tau2Method::HS: out.tau2 = hunter_schmidt(y, v); break;
        case Tau2Method::SJ: out.tau2 = sidik_jonkman(y, v); break;
        case Tau2Method::PM:
        case Tau2Method::EB:
            out = solve_on_half_line([&](double t) { return paule_mandel_equation(y, v, t); }, start);
            break;
        case Tau2Method::ML:
            out = solve_on_half_line([&](double t) { return likelihood_score(y, v, t, false); }, start);
            interior_maximum(y, v, he, false, out);
            break;
        case Tau2Method::REML:
            out = solve_on_half_line([&](double t) { return likelihood_score(y, v, t, true); }, start);
            interior_maximum(y, v, he, true, out);
            break;
    }
    // Truncate at 0. An infinite or undefined value can only come from
    // variances that differ by more orders of magnitude than doubles hold.
    if (out.tau2 < 0) out.tau2 = 0;
    if (!std::isfinite(out.tau2) && out.converged) {
        out.converged = false;
        out.note = "tau2 is not finite: the sampling variances differ by too many orders of magnitude";
    }
    return out;
}

}  // namespace metapool
