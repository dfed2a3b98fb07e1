// Small-study effects: tests for funnel plot asymmetry and trim-and-fill,
// part of every Analysis (Analysis::small_study; JSON "small_study").
//
// Reference model. All of them take the studies of the random-effects model
// (finite effect, positive variance) on the analysis scale, as metafor's
// functions do on `res <- rma(yi, vi, method = <tau2 method>, test = "z" or
// "knha")` fitted to escalc() values -- what a metafor user runs:
//   egger       regtest(res, model = "lm"): Egger et al. (1997), weighted
//               regression of y on se with multiplicative dispersion, t(k-2)
//   egger_rma   regtest(res): the same as a mixed-effects meta-regression
//               with the analysis's tau2 estimator and test (z, or t(k-2)
//               with HKSJ), metafor's default
//   peters      Peters et al. (2006): y on 1/n, weights from the events and
//               non-events of both arms together, t(k-2)
//   harbord     OR only. Harbord, Egger & Sterne (2006): score Z and
//               hypergeometric variance V from the tables as pasted
//               (studies with V > 0 that take part in the analysis)
//   begg        ranktest(res): Begg & Mazumdar (1994), Kendall's tau
//   trim_and_fill  trimfill(res): Duval & Tweedie (2000), estimator L0,
//               side by metafor's rule, refitted with the same tau2 method
//               (and HKSJ when the analysis uses it)
// None needs more than the pooled data: everything is NaN (JSON null) with
// a `note` when there are too few studies (regressions and trim-and-fill
// need 3, the rank test 2).
#pragma once

#include "model/analysis.hpp"

namespace metapool {

// Computes the SmallStudyEffects (model/small_study_result.hpp) of a finished analysis (studies, options).
SmallStudyEffects small_study_effects(const Analysis& analysis);

}  // namespace metapool
