// The tau2 estimators are written once (tau2_estimators.cpp) for any linear
// model of the effects, y_i ~ N(x_i'b, v_i + tau2) with p coefficients; a
// model supplies the few quantities they are built from, with P = W - W X
// (X'WX)^-1 X'W and W = diag(1 / (v + tau2)) (Viechtbauer 2005, J Educ Behav
// Stat 30:261-293; metafor's rma.uni):
//   DL    (Q_E(0) - (k - p)) / tr P(0)
//   HE    (RSS_ols - tr(P_ols V)) / (k - p)
//   HS    (Q_E(0) - k) / sum 1/v
//   SJ    tau0 Q_E(tau0) / (k - p), tau0 = sum (y - ybar)^2 / k
//   PM, EB  Q_E(tau2) = k - p
//   ML    y'PPy = sum w;   REML  y'PPy = tr P
// Two models implement it: the intercept-only model of the random-effects
// analysis (tau2_estimators.cpp) and the one-covariate meta-regression
// (meta_regression.cpp), each with the arithmetic it has always used.
#pragma once

#include <cstddef>

#include "model/options.hpp"

namespace metapool {

struct Tau2Estimate;

class Tau2Model {
public:
    virtual ~Tau2Model() = default;
    virtual std::size_t studies() const = 0;        // k
    virtual double coefficients() const = 0;        // p
    virtual double residual_q(double tau2) const = 0;  // Q_E(tau2) = y'P(tau2)y
    virtual double dersimonian_laird_q() const { return residual_q(0); }  // the Q DL is computed from
    virtual double trace_p0() const = 0;            // tr P(0), DL's denominator
    virtual double sum_of_inverse_variances() const = 0;  // sum 1 / v, HS's denominator
    virtual double hedges() const = 0;              // HE, before truncation
    virtual double sidik_jonkman_start() const = 0; // tau0
    // The (restricted) likelihood score, up to a positive factor:
    // y'PPy - sum w (ML) or y'PPy - tr P (REML).
    virtual double likelihood_score(double tau2, bool restricted) const = 0;
    // The (restricted) log-likelihood up to a constant.
    virtual double log_likelihood(double tau2, bool restricted) const = 0;
    virtual double mean_variance() const = 0;       // a scale for the first bracket when HE is not positive
};

// tau2 by `method` for `model`, truncated at 0. The iterative estimators
// solve their estimating equations with a bracketing root finder (TOMS 748)
// instead of Fisher scoring, so they cannot diverge or cycle. ML and REML:
// the likelihood can have a maximum at 0 and a higher one inside (e.g.
// trim-and-fill's filled dat.nielweise2007 RD, ML); as metafor's Fisher
// scoring from the Hedges estimate, the maximum reached from there is taken
// unless the likelihood at 0 is higher (metafor's ll0check).
Tau2Estimate estimate_tau2(const Tau2Model& model, Tau2Method method);

}  // namespace metapool
