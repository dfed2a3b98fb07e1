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
// Negative estimates are truncated at 0. The estimators themselves are
// written once for any linear model (tau2_model.hpp); this file holds them
// and the intercept-only model, meta_regression.cpp the one-covariate model.
#include "pooling/tau2_estimators.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "pooling/inverse_variance.hpp"
#include "pooling/root_finding.hpp"
#include "pooling/study_pairs.hpp"
#include "pooling/tau2_model.hpp"

namespace metapool {

namespace {

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

// The random-effects model y_i ~ N(mu, v_i + tau2): p = 1, P y = W (y - mu),
// tr P = sum w - sum w^2 / sum w.
class InterceptOnly final : public Tau2Model {
public:
    InterceptOnly(const std::vector<double>& y, const std::vector<double>& v, double dl_centre)
        : y_(y), v_(v), dl_centre_(dl_centre) {}

    std::size_t studies() const override { return y_.size(); }
    double coefficients() const override { return 1; }
    double residual_q(double tau2) const override { return generalised_q(y_, v_, tau2); }
    double dersimonian_laird_q() const override {
        return std::isnan(dl_centre_) ? generalised_q(y_, v_, 0) : cochran_q(y_, v_, dl_centre_);
    }
    double trace_p0() const override { return weight_spread(v_); }
    double sum_of_inverse_variances() const override {
        double sw = 0;
        for (double vi : v_) sw += 1 / vi;
        return sw;
    }
    double hedges() const override {  // unweighted moments: tr(P_ols V) = sum v - sum v / k
        const double k = static_cast<double>(y_.size());
        double sum_v = 0;
        for (double vi : v_) sum_v += vi;
        const double trace_pv = sum_v - sum_v / k;
        return (sum_squared_deviations(y_) - trace_pv) / (k - 1);
    }
    double sidik_jonkman_start() const override {
        return sum_squared_deviations(y_) / static_cast<double>(y_.size());
    }
    //   ML:   sum w^2 (y - mu)^2 - sum w
    //   REML: sum w^2 (y - mu)^2 - sum w + sum w^2 / sum w
    double likelihood_score(double tau2, bool restricted) const override {
        double sw = 0, swy = 0, sw2 = 0;
        for_each_study(y_.size(), [&](auto at) {
            const auto w = 1 / (at(v_) + tau2);
            add_to(sw, w);
            add_to(swy, w * at(y_));
            add_to(sw2, w * w);
        });
        const double mu = swy / sw;
        double sw2r2 = 0;
        for_each_study(y_.size(), [&](auto at) {
            const auto w = 1 / (at(v_) + tau2);
            const auto r = at(y_) - mu;
            add_to(sw2r2, w * w * r * r);
        });
        return restricted ? sw2r2 - sw + sw2 / sw : sw2r2 - sw;
    }
    double log_likelihood(double tau2, bool restricted) const override {
        double sw = 0, log_det = 0;
        for (std::size_t i = 0; i < y_.size(); ++i) {
            sw += 1 / (v_[i] + tau2);
            log_det += std::log(v_[i] + tau2);
        }
        const double ll = -0.5 * log_det - 0.5 * generalised_q(y_, v_, tau2);
        return restricted ? ll - 0.5 * std::log(sw) : ll;
    }
    double mean_variance() const override { return unweighted_mean(v_); }

private:
    const std::vector<double>& y_;
    const std::vector<double>& v_;
    double dl_centre_;
};

// Solves equation(tau2) = 0 on [0, inf), the equation being positive below
// the root and negative above it: 0 when it is already non-positive at 0
// (the estimate is truncated there).
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

// The score is not positive at 0; from a positive Hedges estimate `he`
// metafor's Fisher scoring may still reach an interior maximum.
void interior_maximum(const Tau2Model& m, double he, bool restricted, Tau2Estimate& out) {
    if (!out.converged || out.tau2 > 0 || !(he > 0) || !std::isfinite(he)) return;
    const RootResult r = find_root_from([&](double t) { return m.likelihood_score(t, restricted); }, he);
    out.iterations += r.iterations;
    if (r.found && m.log_likelihood(r.root, restricted) > m.log_likelihood(0, restricted)) out.tau2 = r.root;
}

double positive_or(double x, double fallback) { return x > 0 && std::isfinite(x) ? x : fallback; }

}  // namespace

bool solved_iteratively(Tau2Method method) {
    switch (method) {
        case Tau2Method::DL:
        case Tau2Method::HE:
        case Tau2Method::HS:
        case Tau2Method::SJ: return false;
        case Tau2Method::PM:
        case Tau2Method::EB:
        case Tau2Method::ML:
        case Tau2Method::REML: return true;
    }
    return true;
}

Tau2Estimate estimate_tau2(const Tau2Model& m, Tau2Method method) {
    const double k = static_cast<double>(m.studies());
    const double p = m.coefficients();
    // A scale for the first bracket: the moment estimate, or the typical variance.
    const double he = m.hedges();
    const double start = positive_or(he, positive_or(m.mean_variance(), 1));
    Tau2Estimate out;
    switch (method) {
        case Tau2Method::DL: out.tau2 = (m.dersimonian_laird_q() - (k - p)) / m.trace_p0(); break;
        case Tau2Method::HE: out.tau2 = he; break;
        case Tau2Method::HS: out.tau2 = (m.residual_q(0) - k) / m.sum_of_inverse_variances(); break;
        case Tau2Method::SJ: {
            const double tau0 = m.sidik_jonkman_start();
            out.tau2 = tau0 * m.residual_q(tau0) / (k - p);
            break;
        }
        case Tau2Method::PM:
        case Tau2Method::EB:
            out = solve_on_half_line([&](double t) { return m.residual_q(t) - (k - p); }, start);
            break;
        case Tau2Method::ML:
        case Tau2Method::REML: {
            const bool restricted = method == Tau2Method::REML;
            out = solve_on_half_line([&](double t) { return m.likelihood_score(t, restricted); }, start);
            interior_maximum(m, he, restricted, out);
            break;
        }
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

Tau2Estimate estimate_tau2(const std::vector<double>& y, const std::vector<double>& v,
                           Tau2Method method, double dl_centre) {
    if (y.size() < 2) return Tau2Estimate();  // k = 1: tau2 = 0, as metafor
    return estimate_tau2(InterceptOnly(y, v, dl_centre), method);
}

}  // namespace metapool
