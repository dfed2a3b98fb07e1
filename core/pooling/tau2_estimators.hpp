// Estimators of the between-study variance tau2 for the random-effects model
// y_i ~ N(mu, v_i + tau2).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "model/options.hpp"

namespace metapool {

struct Tau2Estimate {
    double tau2 = 0;
    bool converged = true;
    int iterations = 0;
    std::string note;  // why it is not converged, or a boundary remark
};

// Whether DL's Q is centred on the Mantel-Haenszel common estimate instead
// of the inverse-variance one: RevMan 5's rule (option dl-q = mh), which
// applies only when the common effect is Mantel-Haenszel's.
inline bool dl_q_around_mh(const Options& options) {
    return options.dl_q == DlQCentre::MH && options.method == CommonMethod::MH;
}

// Whether the estimator is the root of an estimating equation, found by
// iteration (REML, ML, PM, EB), rather than a closed form (DL, HE, HS, SJ).
// The R code asks metafor for a tight tolerance for these.
bool solved_iteratively(Tau2Method method);

// tau2 of the random-effects model (the intercept-only model; the estimators
// for any linear model are in tau2_model.hpp). `dl_centre`: for DL, the
// centre of Q (NaN: the inverse-variance estimate).
Tau2Estimate estimate_tau2(const std::vector<double>& y, const std::vector<double>& v,
                           Tau2Method method, double dl_centre = std::numeric_limits<double>::quiet_NaN());

}  // namespace metapool
