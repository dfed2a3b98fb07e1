// Meta-regression on one covariate (e.g. Thompson & Sharp 1999, Stat Med
// 18:2693-2708; Viechtbauer 2005, J Educ Behav Stat 30:261-293), with the
// residual tau2 estimators of tau2_estimators.cpp in metafor's rma.uni form
// (tau2_model.hpp) for p = 2 coefficients. With X = (1, x), P y = W r (r the
// weighted residuals) and the leverage of study i is
// w_i (1 / sum w + (x_i - xbar)^2 / Sxx), so everything stays O(k).
#include "pooling/meta_regression.hpp"

#include <cmath>

#include "pooling/tau2_estimators.hpp"
#include "pooling/tau2_model.hpp"

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

// y_i ~ N(b0 + b1 x_i, v_i + tau2).
class OneCovariate final : public Tau2Model {
public:
    OneCovariate(const std::vector<double>& y, const std::vector<double>& v, const std::vector<double>& x)
        : y_(y), v_(v), x_(x) {}

    std::size_t studies() const override { return y_.size(); }
    double coefficients() const override { return kP; }
    double residual_q(double tau2) const override { return weighted_line(y_, x_, inverse_of(v_, tau2)).rss; }
    double trace_p0() const override { return trace_p(x_, inverse_of(v_, 0)); }
    double sum_of_inverse_variances() const override {
        double sw = 0;
        for (double vi : v_) sw += 1 / vi;
        return sw;
    }
    // (RSS_ols - tr(P_ols V)) / (k - p), P_ols from the unweighted fit.
    double hedges() const override {
        const double k = static_cast<double>(y_.size());
        const std::vector<double> ones(y_.size(), 1.0);
        const LineFit ols = weighted_line(y_, x_, ones);
        double xbar = 0;
        for (double xi : x_) xbar += xi / k;
        double sxx = 0;
        for (double xi : x_) sxx += (xi - xbar) * (xi - xbar);
        double trace_pv = 0;
        for (std::size_t i = 0; i < y_.size(); ++i) {
            trace_pv += v_[i] * (1 - 1 / k - (x_[i] - xbar) * (x_[i] - xbar) / sxx);
        }
        return (ols.rss - trace_pv) / (k - kP);
    }
    double sidik_jonkman_start() const override {
        const double k = static_cast<double>(y_.size());
        double ybar = 0;
        for (double yi : y_) ybar += yi / k;
        double ss = 0;
        for (double yi : y_) ss += (yi - ybar) * (yi - ybar);
        return ss / k;
    }
    double likelihood_score(double tau2, bool restricted) const override {
        const std::vector<double> w = inverse_of(v_, tau2);
        const LineFit f = weighted_line(y_, x_, w);
        double sw = 0;
        for (double wi : w) sw += wi;
        return weighted_squared_residuals(y_, x_, w, f) - (restricted ? trace_p(x_, w) : sw);
    }
    // det(X'WX) = sum w * Sxx.
    double log_likelihood(double tau2, bool restricted) const override {
        const std::vector<double> w = inverse_of(v_, tau2);
        const LineFit f = weighted_line(y_, x_, w);
        double sw = 0, log_det = 0;
        for (std::size_t i = 0; i < v_.size(); ++i) {
            sw += w[i];
            log_det += std::log(v_[i] + tau2);
        }
        const double ll = -0.5 * log_det - 0.5 * f.rss;
        return restricted ? ll - 0.5 * std::log(sw / f.var_slope) : ll;
    }
    double mean_variance() const override {
        double s = 0;
        for (double vi : v_) s += vi;
        return s / static_cast<double>(v_.size());
    }

private:
    const std::vector<double>& y_;
    const std::vector<double>& v_;
    const std::vector<double>& x_;
};

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
    const Tau2Estimate t = estimate_tau2(OneCovariate(y, v, x), method);
    out.tau2 = t.tau2;
    out.converged = t.converged;
    out.note = t.note;
    if (!out.converged) return out;
    out.fit = weighted_line(y, x, inverse_of(v, out.tau2));
    if (!out.fit.defined) {
        out.converged = false;
        out.note = "the meta-regression is not defined for these data";
    }
    return out;
}

}  // namespace metapool
