// Regression tests for funnel plot asymmetry (see small_study_effects.hpp).
// Inputs are per study on the analysis scale; `level` is the confidence level
// of the limit estimate's interval and `exponentiate` reports it for ratios.
#pragma once

#include <vector>

#include "model/options.hpp"
#include "model/small_study_result.hpp"
#include "pooling/meta_regression.hpp"

namespace metapool {

// The t test (k - 2 df) of one coefficient of a weighted line fit with a
// multiplicative dispersion factor rss / (k - 2), as R's summary.lm; the
// intercept becomes the limit estimate when `with_limit`.
FunnelRegression dispersion_line_test(const LineFit& fit, bool test_slope, bool with_limit, double level,
                                      bool exponentiate);

// Egger et al. (1997): y on se with weights 1/v (metafor's regtest, model "lm").
FunnelRegression egger_test(const std::vector<double>& y, const std::vector<double>& v, double level,
                            bool exponentiate);

// The mixed-effects version (metafor's default regtest(res)): the
// meta-regression on se with the tau2 estimator; Wald z test, or with HKSJ
// the t(k-2) test on the Knapp-Hartung scale (max(1, .) when `truncate`).
FunnelRegression egger_meta_regression_test(const std::vector<double>& y, const std::vector<double>& v,
                                            Tau2Method method, bool hksj, bool truncate, double level,
                                            bool exponentiate);

// Peters et al. (2006): y on 1/n with weights 1 / (1/events + 1/non-events),
// n, events and non-events of both arms together. Studies without events or
// without non-events carry no weight and are left out.
FunnelRegression peters_test(const std::vector<double>& y, const std::vector<double>& n,
                             const std::vector<double>& events, double level, bool exponentiate);

// Harbord, Egger & Sterne (2006) from the 2x2 tables (events e1/n1, e2/n2 as
// pasted): Z/sqrt(V) on sqrt(V) by ordinary least squares, intercept tested.
FunnelRegression harbord_test(const std::vector<double>& e1, const std::vector<double>& n1,
                              const std::vector<double>& e2, const std::vector<double>& n2);

}  // namespace metapool
