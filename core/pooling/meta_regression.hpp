// Regression of study effects on one study-level covariate x:
//   y_i = b0 + b1 x_i + e_i
// by weighted least squares, and as the mixed-effects meta-regression model
// y_i ~ N(b0 + b1 x_i, v_i + tau2) with tau2 from any of metapool's
// estimators, as metafor's rma.uni(yi, vi, mods = x, method = ...). The tests
// for funnel plot asymmetry (Egger, Peters, Harbord) and trim-and-fill's
// choice of side are built on these.
#pragma once

#include <string>
#include <vector>

#include "model/options.hpp"

namespace metapool {

struct LineFit {
    bool defined = false;  // false: no weights, x (nearly) constant, or y constant
    bool y_constant = false;  // every y equal up to rounding: nothing to regress
    double intercept = 0, slope = 0;
    // Diagonal of (X'WX)^-1: the variances of the coefficients when the
    // weights are inverse variances (no dispersion factor).
    double var_intercept = 0, var_slope = 0;
    double rss = 0;  // sum w (y - b0 - b1 x)^2
    int k = 0;
};

// Weighted least squares, in centred form. As R's lm(), the fit is not
// defined when x is constant up to a relative 1e-7 (lm's QR tolerance).
// Unlike lm(), it is not defined either when y is constant up to a relative
// 1e-12 (identical effects): the slope and its standard error would both be
// rounding noise, and so would any test.
LineFit weighted_line(const std::vector<double>& y, const std::vector<double>& x, const std::vector<double>& w);

struct MetaRegression {
    LineFit fit;   // at tau2, weights 1 / (v + tau2)
    double tau2 = 0;
    bool converged = true;
    std::string note;  // why not converged
};

// Residual heterogeneity tau2 by `method` (metafor's formulas for models with
// moderators, truncated at 0), then the weighted fit at that tau2.
MetaRegression meta_regression(const std::vector<double>& y, const std::vector<double>& v,
                               const std::vector<double>& x, Tau2Method method);

}  // namespace metapool
