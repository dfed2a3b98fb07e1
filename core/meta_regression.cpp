// Meta-regression on one covariate (e.g. Thompson & Sharp 1999, Stat Med
// 18:2693-2708; Viechtbauer 2005, J Educ Behav Stat 30:261-293), with the
// residual tau2 estimators in metafor's rma.uni form for p = 2 coefficients,
// where P = W - W X (X'WX)^-1 X'W and Q_E = y'Py:
//   DL  (Q_E(0) - (k - p)) / tr P(0)
//   HE  (RSS_ols - tr(P_ols V)) / (k - p)
//   HS  (Q_E(0) - k) / sum 1/v
//   SJ  tau0 Q_E(tau0) / (k - p), tau0 = sum (y - ybar)^2 / k
//   PM, EB  Q_E(tau2) = k - p (EB's equation Q_E k / (k - p) = k is the same)
//   ML  y'PPy = sum w;  REML  y'PPy = tr P
// The iterative ones are solved with the bracketing root finder (as in
// tau2_estimators.cpp) rather than Fisher scoring; all are truncated at 0.
// ML and REML also look for the interior maximum that metafor's Fisher
// scoring reaches from the Hedges estimate when the score is negative at 0,
// and keep it when its likelihood beats tau2 = 0 (metafor's ll0check).
// With X = (1, x), P y = W r (r the weighted residuals) and the leverage of
// study i is w_i (1 / sum w + (x_i - xbar)^2 / Sxx), so everything stays O(k).
#include "meta_regression.hpp"

#include <cmath>
#include <functional>

#include "root_finding.hpp"

namespace metapool {

namespace {

constexpr double kP = 2;  // coefficients: intercept and slope

std::vector<double> inverse_of(const std::vector<double>& v, double tau2) {
    std::vector<double> w;
    w.reserve(v.size());
    for (double vi : v) w.push_back(1 / (vi + tau2));
    return w;
}

// tr P for the weights w.
double trace_p(const std::vector<double>& x, const std::vector<double>& w) {
    double sw = 0, swx = 0;
    for (std::size_t i = 0; i < w.size(); ++i) { sw += w[i]; swx += w[i] * x[i]; }
    const double xbar = swx / sw;
    double sxx = 0;
    for (std::size_t i = 0; i < w.size(); ++i) sxx += w[i] * (x[i] - xbar) * (x[i] - xbar);
    double leverage = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        leverage += w[i] * w[i] * (1 / sw + (x[i] - xbar) * (x[i] - xbar) / sxx);
    }
    return sw - leverage;
}

// sum w^2 r^2 = y'PPy.
double weighted_squared_residuals(const std::vector<double>& y, const std::vector<double>& x,
                                  const std::vector<double>& w, const LineFit& f) {
    double s = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double r = y[i] - f.intercept - f.slope * x[i];
        s += w[i] * w[i] * r * r;
    }
    return s;
}

double q_e(const std::vector<double>& y, const std::vector<double>& v, const std::vector<double>& x, double tau2) {
    return weighted_line(y, x, inverse_of(v, tau2)).rss;
}

double hedges(const std::vector<double>& y, const std::vector<double>& v, const std::vector<double>& x) {
    const double k = static_cast<double>(y.size());
    const std::vector<double> ones(y.size(), 1.0);
    const LineFit ols = weighted_line(y, x, ones);
    double xbar = 0;
    for (double xi : x) xbar += xi / k;
    double sxx = 0;
    for (double xi : x) sxx += (xi - xbar) * (xi - xbar);
    double trace_pv = 0;
    for (std::size_t i = 0; i < y.size(); ++i) trace_pv += v[i] * (1 - 1 / k - (x[i] - xbar) * (x[i] - xbar) / sxx);
    return (ols.rss - trace_pv) / (k - kP);
}

double sidik_jonkman(const std::vector<double>& y, const std::vector<double>& v, const std::vector<double>& x) {
    const double k = static_cast<double>(y.size());
    double ybar = 0;
    for (double yi : y) ybar += yi / k;
    double ss = 0;
    for (double yi : y) ss += (yi - ybar) * (yi - ybar);
    const double tau0 = ss / k;
    return tau0 * q_e(y, v, x, tau0) / (k - kP);
}

double likelihood_score(const std::vector<double>& y, const std::vector<double>& v, const std::vector<double>& x,
                        double tau2, bool restricted) {
    const std::vector<double> w = inverse_of(v, tau2);
    const LineFit f = weighted_line(y, x, w);
    double sw = 0;
    for (double wi : w) sw += wi;
    return weighted_squared_residuals(y, x, w, f) - (restricted ? trace_p(x, w) : sw);
}

// (Restricted) log-likelihood up to a constant; det(X'WX) = sum w * Sxx.
double log_likelihood(const std::vector<double>& y, const std::vector<double>& v, const std::vector<double>& x,
                      double tau2, bool restricted) {
    const std::vector<double> w = inverse_of(v, tau2);
    const LineFit f = weighted_line(y, x, w);
    double sw = 0, log_det = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        sw += w[i];
        log_det += std::log(v[i] + tau2);
    }
    const double ll = -0.5 * log_det - 0.5 * f.rss;
    return restricted ? ll - 0.5 * std::log(sw / f.var_slope) : ll;
}

// The root of a decreasing-through-zero equation on [0, inf), 0 when it is
// not positive at 0.
void solve(const std::function<double(double)>& equation, double start, MetaRegression& out) {
    const double at_zero = equation(0);
    if (!std::isfinite(at_zero)) {
        out.converged = false;
        out.note = "the estimating equation is not finite at tau2 = 0";
        return;
    }
    if (at_zero <= 0) { out.tau2 = 0; return; }
    const RootResult r = find_root_above(equation, 0, start > 0 ? start : 1, 1e300);
    if (!r.found) {
        out.converged = false;
        out.note = "no root of the estimating equation was found";
        return;
    }
    out.tau2 = r.root;
}

double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

}  // namespace

LineFit weighted_line(const std::vector<double>& y, const std::vector<double>& x, const std::vector<double>& w) {
    LineFit f;
    f.k = static_cast<int>(y.size());
    double sw = 0, swx = 0, swy = 0, swxx = 0, swyy = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        sw += w[i];
        swx += w[i] * x[i];
        swy += w[i] * y[i];
        swxx += w[i] * x[i] * x[i];
        swyy += w[i] * y[i] * y[i];
    }
    if (!(sw > 0) || !std::isfinite(sw)) return f;
    const double xbar = swx / sw, ybar = swy / sw;
    double sxx = 0, sxy = 0, syy = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        sxx += w[i] * (x[i] - xbar) * (x[i] - xbar);
        sxy += w[i] * (x[i] - xbar) * (y[i] - ybar);
        syy += w[i] * (y[i] - ybar) * (y[i] - ybar);
    }
    f.y_constant = syy <= 1e-24 * swyy;
    if (f.y_constant) return f;
    // lm()'s rank test: the x column is dependent on the intercept when what
    // is left of it after centring is below 1e-7 of its length.
    if (!(sxx > 1e-14 * swxx) || !std::isfinite(sxx)) return f;
    f.slope = sxy / sxx;
    f.intercept = ybar - f.slope * xbar;
    f.var_slope = 1 / sxx;
    f.var_intercept = 1 / sw + xbar * xbar / sxx;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double r = y[i] - f.intercept - f.slope * x[i];
        f.rss += w[i] * r * r;
    }
    f.defined = std::isfinite(f.intercept) && std::isfinite(f.slope) && std::isfinite(f.rss);
    return f;
}

MetaRegression meta_regression(const std::vector<double>& y, const std::vector<double>& v,
                               const std::vector<double>& x, Tau2Method method) {
    MetaRegression out;
    const double k = static_cast<double>(y.size());
    const LineFit common = k <= kP ? LineFit{} : weighted_line(y, x, inverse_of(v, 0));
    if (!common.defined) {
        out.converged = false;
        out.note = k <= kP ? "needs at least 3 studies"
                   : common.y_constant ? "the effects are identical: nothing to test"
                                       : "the predictor does not vary between studies";
        return out;
    }
    const double he = hedges(y, v, x);
    const double start = he > 0 && std::isfinite(he) ? he : mean_of(v);
    switch (method) {
        case Tau2Method::DL: {
            const std::vector<double> w = inverse_of(v, 0);
            out.tau2 = (weighted_line(y, x, w).rss - (k - kP)) / trace_p(x, w);
            break;
        }
        case Tau2Method::HE: out.tau2 = he; break;
        case Tau2Method::HS: {
            double sw = 0;
            for (double vi : v) sw += 1 / vi;
            out.tau2 = (q_e(y, v, x, 0) - k) / sw;
            break;
        }
        case Tau2Method::SJ: out.tau2 = sidik_jonkman(y, v, x); break;
        case Tau2Method::PM:
        case Tau2Method::EB:
            solve([&](double t) { return q_e(y, v, x, t) - (k - kP); }, start, out);
            break;
        case Tau2Method::ML:
        case Tau2Method::REML: {
            const bool restricted = method == Tau2Method::REML;
            const auto score = [&](double t) { return likelihood_score(y, v, x, t, restricted); };
            solve(score, start, out);
            if (out.converged && out.tau2 == 0 && he > 0 && std::isfinite(he)) {
                const RootResult r = find_root_from(score, he);
                if (r.found && log_likelihood(y, v, x, r.root, restricted) > log_likelihood(y, v, x, 0, restricted)) {
                    out.tau2 = r.root;
                }
            }
            break;
        }
    }
    if (out.converged && !std::isfinite(out.tau2)) {
        out.converged = false;
        out.note = "tau2 is not finite: the sampling variances differ by too many orders of magnitude";
    }
    if (!out.converged) return out;
    if (out.tau2 < 0) out.tau2 = 0;
    out.fit = weighted_line(y, x, inverse_of(v, out.tau2));
    if (!out.fit.defined) {
        out.converged = false;
        out.note = "the meta-regression is not defined for these data";
    }
    return out;
}

}  // namespace metapool
