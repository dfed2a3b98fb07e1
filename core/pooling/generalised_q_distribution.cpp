// P(Q_a > q) by Imhof's (1961, Biometrika 48:419-426) inversion of the
// characteristic function of a quadratic form in normal variables:
//
//   P(Q > q) = 1/2 + (1/pi) int_0^inf sin(theta(u)) / (u rho(u)) du,
//   theta(u) = 1/2 sum_j arctan(lambda_j u) - q u / 2,
//   rho(u)   = prod_j (1 + lambda_j^2 u^2)^(1/4),
//
// where lambda_j are the eigenvalues of M = S P S, S = diag(sqrt(v_i + tau2)),
// P = A - a a' / sum a, A = diag(a) (Q_a = y' P y). metafor computes the
// same eigenvalues and then Farebrother's (1984, AS 204) series; here no
// eigenvalues are needed: with D = diag(s_i^2 a_i) and d_i = s_i a_i,
// M = D - d d' / sum a, and the matrix determinant lemma gives
//
//   prod_j (1 + i u lambda_j) = det(I + i u M) = prod_i (1 + i u D_i) * w(u),
//   w(u) = sum_i a_i / (1 + i u D_i) / sum a,
//
// (no cancellation: 1 - i u sum d_i^2 / (sum a (1 + i u D_i)) rewritten). The
// eigenvalues of M interlace the D_i from below, one of them 0, so
// arg w(u) lies in (-pi/2, 0] and its principal value is the continuous one.
// Each u costs O(k).
//
// The integral: u is scaled so that the largest D_i is 1, and
// sin(Theta(u) - omega u), omega = q / (2 max D), is split into
// sin Theta cos(omega u) - cos Theta sin(omega u): two Fourier integrals of
// smooth, algebraically decaying functions (like u^(-1 - (k-1)/2)), which
// Ooura & Mori's (1999, J Comput Appl Math 112:229) double-exponential
// formula (Boost.Math ooura_fourier_sin; the cosine one by parts) integrates to near machine
// precision in a few hundred evaluations. Its stopping rule is relative, so
// 4 exp(-u) (whose transforms are known) is added to both integrands to keep
// them away from 0 (in the tails one of them tends to 0): the probability is
// then accurate in absolute terms (about 1e-14; tests/core/
// test_generalised_q_ci.cpp checks it against the chi-square distribution).
//
// Bounds that need no integration: the nonzero eigenvalues lie between
// min D and max D, so Q_a lies between min D and max D times a chi-square
// with k - 1 degrees of freedom.
#include "pooling/generalised_q_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <complex>

#include <boost/math/quadrature/ooura_fourier_integrals.hpp>

#include "pooling/distributions.hpp"

namespace metapool {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kQuadratureTolerance = 1e-13;  // relative, per Fourier integral
constexpr double kAcceptedError = 1e-10;        // absolute, on the probability
constexpr double kOffset = 4;                   // times exp(-u), added to both integrands

struct Phase {
    double theta;      // 1/2 sum_j arctan(lambda_j u)
    double log_rho;    // 1/4 sum_j log(1 + lambda_j^2 u^2)
    double d_theta;    // their derivatives in u
    double d_log_rho;
};

// theta and log rho at u for the scaled D_i (= s_i^2 a_i / max D), with
// w'(u) = -i sum_i a_i D_i / (1 + i u D_i)^2 / sum a for the derivatives.
Phase phase_at(const std::vector<double>& a, const std::vector<double>& scaled_d, double sum_a, double u) {
    double arctan_sum = 0, log_sum = 0, d_arctan_sum = 0, d_log_sum = 0;
    std::complex<double> w(0, 0), dw(0, 0);
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double d = scaled_d[i], x = u * d;
        arctan_sum += std::atan(x);
        log_sum += std::log1p(x * x);
        d_arctan_sum += d / (1 + x * x);
        d_log_sum += x * d / (1 + x * x);
        const std::complex<double> z(1.0, x);
        w += a[i] / z;
        dw += std::complex<double>(0, -a[i] * d) / (z * z);
    }
    w /= sum_a;
    dw /= sum_a;
    const std::complex<double> dlog_w = dw / w;
    return {0.5 * (arctan_sum + std::arg(w)), 0.25 * log_sum + 0.5 * std::log(std::abs(w)),
            0.5 * (d_arctan_sum + dlog_w.imag()), 0.5 * (d_log_sum + dlog_w.real())};
}

}  // namespace

struct GeneralisedQDistribution::Integrators {
    boost::math::quadrature::ooura_fourier_sin<double> sin_integral{kQuadratureTolerance};
};

GeneralisedQDistribution::GeneralisedQDistribution() : integrators_(std::make_unique<Integrators>()) {}

GeneralisedQDistribution::~GeneralisedQDistribution() = default;

namespace {

// D_i = total_variance_i a_i; false for weights or variances that are not
// positive and finite.
bool form_diagonal(const std::vector<double>& a, const std::vector<double>& total_variance, std::vector<double>& d,
                   double& sum_a) {
    if (a.size() < 2 || a.size() != total_variance.size()) return false;
    sum_a = 0;
    d.resize(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        d[i] = total_variance[i] * a[i];
        if (!(a[i] > 0) || !(total_variance[i] > 0) || !std::isfinite(d[i]) || !std::isfinite(a[i])) return false;
        sum_a += a[i];
    }
    return std::isfinite(sum_a);
}

}  // namespace

double GeneralisedQDistribution::exceedance(const std::vector<double>& a, const std::vector<double>& total_variance,
                                            double q) {
    std::vector<double> d;
    double sum_a = 0;
    if (!form_diagonal(a, total_variance, d, sum_a) || std::isnan(q)) return std::nan("");
    if (q <= 0) return 1.0;
    const double scale = *std::max_element(d.begin(), d.end());
    for (double& x : d) x /= scale;
    const double omega = q / (2 * scale);
    if (!std::isfinite(omega)) return std::isinf(omega) ? 0.0 : std::nan("");
    // The cosine transform of g(u) = sin(Theta) / (u rho) + 4 exp(-u) is
    // taken, by parts, as -1/omega times the sine transform of g'(u) (g(0) is
    // finite and g vanishes at infinity): Boost's ooura_fourier_cos computes
    // its nodes with cos_pi in long double, which gives NaN in WebAssembly.
    auto cos_part_derivative = [&](double u) {
        const Phase p = phase_at(a, d, sum_a, u);
        const double e = std::exp(-p.log_rho) / u;
        return e * (std::cos(p.theta) * p.d_theta - std::sin(p.theta) * (p.d_log_rho + 1 / u)) - kOffset * std::exp(-u);
    };
    auto sin_part = [&](double u) {
        const Phase p = phase_at(a, d, sum_a, u);
        return std::cos(p.theta) * std::exp(-p.log_rho) / u + kOffset * std::exp(-u);
    };
    const auto dc = integrators_->sin_integral.integrate(cos_part_derivative, omega);
    const std::pair<double, double> c{-dc.first / omega, dc.second};
    const auto s = integrators_->sin_integral.integrate(sin_part, omega);
    const double error = (std::fabs(c.first) * c.second + std::fabs(s.first) * s.second) / kPi;
    const double cos_integral = c.first - kOffset / (1 + omega * omega);
    const double sin_integral = s.first - kOffset * omega / (1 + omega * omega);
    const double p = 0.5 + (cos_integral - sin_integral) / kPi;
    if (!std::isfinite(p) || !(error <= kAcceptedError)) return std::nan("");
    return std::min(1.0, std::max(0.0, p));
}

std::pair<double, double> GeneralisedQDistribution::exceedance_bounds(const std::vector<double>& a,
                                                                      const std::vector<double>& total_variance,
                                                                      double q) {
    std::vector<double> d;
    double sum_a = 0;
    if (!form_diagonal(a, total_variance, d, sum_a) || std::isnan(q)) return {std::nan(""), std::nan("")};
    if (q <= 0) return {1.0, 1.0};
    const auto [min_d, max_d] = std::minmax_element(d.begin(), d.end());
    const double df = static_cast<double>(a.size() - 1);
    return {chi_squared_upper_p(q / *min_d, df), chi_squared_upper_p(q / *max_d, df)};
}

}  // namespace metapool
