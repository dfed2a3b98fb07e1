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
// The integral, with u scaled so that the largest D_i is 1 and
// omega = q / (2 max D), in one of two ways (both in double precision; the
// probability comes out within about 1e-13 of the chi-square distribution
// in tests/core/test_generalised_q_ci.cpp):
//
// 1. Many studies: the trapezoidal rule on the whole integrand, which is
//    even, analytic near the real axis and, with many eigenvalues, decays
//    like a normal density, so a few dozen nodes suffice (Davies 1973,
//    1980's AS 155 rests on the same rule; trapezoid_probability below).
//
// Where that rule would need too many nodes and Q_a is far in a tail,
// Chernoff's bound (chernoff_log_tail) often shows the probability to be
// 0 or 1 within kNegligible without integrating.
//
// 2. Few studies (or a few far more precise than the rest), where the
//    integrand decays only like u^(-1 - m/2) for m eigenvalues of any size
//    and the trapezoidal rule would need too many nodes:
//    sin(Theta(u) - omega u) is split into
//    sin Theta cos(omega u) - cos Theta sin(omega u), a cosine and a sine
//    transform, each taken by Ooura & Mori's (1999, J Comput Appl Math
//    112:229-241) double-exponential formula for Fourier integrals, whose
//    nodes approach the zeros of cos(omega u) or sin(omega u) double
//    exponentially fast, so that the slow tail costs nothing. (The cosine
//    transform is not taken by parts as a sine transform of the derivative:
//    near u = 0 that derivative is a difference of two terms of order 1/u.)
//    The step h is halved (from 1/4) until two steps agree on the
//    probability to kAgreement; the finer one is kept (the formula's error
//    falls like exp(-c / h)). The nodes are computed once per object and
//    step; a sum stops where e(u) = 1 / (u rho(u)), which bounds both
//    integrands and decreases in u, times the remaining weights cannot move
//    the probability by kNegligible.
//
// Bounds that need no integration: the nonzero eigenvalues lie between
// min D and max D, so Q_a lies between min D and max D times a chi-square
// with k - 1 degrees of freedom.
#include "pooling/generalised_q_distribution.hpp"

#include <algorithm>
#include <cmath>

#include "pooling/distributions.hpp"

namespace metapool {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kFirstLevel = 2;             // h = 1/4
constexpr int kLastLevel = 9;              // h = 1/512
constexpr double kAgreement = 1e-12;       // absolute, on the probability, between two steps
constexpr double kNegligible = 1e-16;      // absolute, on the probability, for the truncated tail
constexpr long kTrapezoidNodes = 2000;    // per step, beyond which the Fourier formula is cheaper
constexpr double kLittleWeightCut = 1e-18; // nodes near 0 left out once |w| / x is below it

struct Phase {
    double theta;    // 1/2 sum_j arctan(lambda_j u)
    double log_rho;  // 1/4 sum_j log(1 + lambda_j^2 u^2)
};

// theta and log rho at u for the scaled D_i (= s_i^2 a_i / max D), with
// a_i / (1 + i x) = a_i (1 - i x) / (1 + x^2) summed into w. The sums of
// arctan(x_i) and log(1 + x_i^2) are the argument and twice the log modulus
// of prod_i (1 + i x_i), multiplied out instead (no arctan or log per study):
// each factor turns it by less than pi/2, so it crosses the negative real
// axis exactly when its imaginary part turns negative, and a whole turn is
// counted there; it is rescaled by 2^-400 whenever it grows past 2^400, and
// a factor with x beyond 2^400 is taken as i x.
Phase phase_at(const std::vector<double>& a, const std::vector<double>& scaled_d, double sum_a, double u) {
    constexpr double kBig = 0x1p400, kSmall = 0x1p-400;
    double re = 1, im = 0, w_re = 0, w_im = 0, huge_arctan = 0, huge_log = 0;
    int turns = 0, rescalings = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double x = u * scaled_d[i], a_over = a[i] / (1 + x * x);
        w_re += a_over;
        w_im -= a_over * x;
        if (x > kBig) {  // a factor that would overflow the product: i x
            huge_arctan += kPi / 2;
            huge_log += std::log(x);
            continue;
        }
        const double next_re = re - im * x, next_im = im + re * x;
        turns += im >= 0 && next_im < 0;
        re = next_re;
        im = next_im;
        if (std::fabs(re) + std::fabs(im) > kBig) {
            re *= kSmall;
            im *= kSmall;
            ++rescalings;
        }
    }
    w_re /= sum_a;
    w_im /= sum_a;
    const double arctan_sum = std::atan2(im, re) + 2 * kPi * turns + huge_arctan;
    const double log_modulus = 0.5 * std::log(re * re + im * im) + rescalings * 400 * std::log(2.0) + huge_log;
    return {0.5 * (arctan_sum + std::atan2(w_im, w_re)), 0.5 * log_modulus + 0.25 * std::log(w_re * w_re + w_im * w_im)};
}

// sin(pi x), reduced to |x| <= 1/2 first so that large x keep their accuracy.
double sin_pi(double x) {
    const double n = std::nearbyint(x);
    const double s = std::sin(kPi * (x - n));
    return static_cast<long long>(n) % 2 == 0 ? s : -s;
}

}  // namespace

// Ooura & Mori's formula for int_0^inf f(x) sin(omega x) dx (or cos):
//   (1/omega) sum_n w_n f(x_n / omega),  x_n = M phi(t_n),
//   w_n = pi sin(x_n) phi'(t_n) (or cos), t_n = n h (or (n - 1/2) h),
//   phi(t) = t / (1 - exp(-eta(t))),
//   eta(t) = 2 t + alpha (1 - exp(-t)) + beta (exp(t) - 1),
//   M = pi / h, beta = 1/4, alpha = beta / sqrt(1 + M log(1 + M) / (4 pi)).
// Nodes in increasing order; tail_weight[n] = sum_{m >= n} |w_m|.
struct FourierNodes {
    std::vector<double> node, weight, tail_weight;
};

struct GeneralisedQDistribution::Level {
    FourierNodes sine, cosine;
};

namespace {

struct NodeWeight {
    double node, weight;
};

// Node and weight at t = (n - shift) h, shift 0 (sine) or 1/2 (cosine).
NodeWeight ooura_mori_node(long n, double shift, double h, double alpha) {
    constexpr double beta = 0.25;
    const double m = n - shift;  // x = M phi(t) = m pi / (1 - exp(-eta))
    if (m == 0) {  // phi(0) = 1 / eta'(0), phi'(0) = (1 - eta''(0) / eta'(0)^2) / 2
        const double eta1 = 2 + alpha + beta, eta2 = beta - alpha;
        return {kPi / (h * eta1), kPi * sin_pi(1 / (h * eta1)) * (1 - eta2 / (eta1 * eta1)) / 2};
    }
    const double t = m * h, exp_t = std::exp(t);
    const double eta = 2 * t - alpha * std::expm1(-t) + beta * std::expm1(t);
    const double d_eta = 2 + alpha / exp_t + beta * exp_t;
    const double expm1_minus_eta = std::expm1(-eta), exp_minus_eta = std::exp(-eta);
    const double node = -m * kPi / expm1_minus_eta;
    const double d_phi = -(expm1_minus_eta + t * exp_minus_eta * d_eta) / (expm1_minus_eta * expm1_minus_eta);
    // x = m pi + m pi / (exp(eta) - 1): for eta > -1 the sine (cosine) of
    // the second form, which loses nothing to a large m pi:
    // sin(n pi + delta) = (-1)^n sin(delta), cos((n - 1/2) pi + delta) = (-1)^n sin(delta).
    double trig;
    if (eta > -1) {
        trig = ((n & 1) ? -1 : 1) * sin_pi(m / std::expm1(eta));
    } else {
        const double half_turns = -m / expm1_minus_eta;
        trig = shift == 0 ? sin_pi(half_turns) : sin_pi(half_turns + 0.5);
    }
    return {node, kPi * trig * d_phi};
}

// The nodes in increasing order: t < 0 (towards x = 0, while they matter),
// t = 0 (sine), t > 0 (until the weights vanish).
FourierNodes ooura_mori_nodes(double shift, double h) {
    const double m = kPi / h;
    const double alpha = 0.25 / std::sqrt(1 + m * std::log1p(m) / (4 * kPi));
    std::vector<NodeWeight> nodes;
    for (long n = shift == 0 ? -1 : 0;; --n) {
        const NodeWeight nw = ooura_mori_node(n, shift, h, alpha);
        // u f(u) <= 1 for both integrands, so |w| / x bounds a node's share.
        if (!(nw.node > 0) || std::fabs(nw.weight) <= kLittleWeightCut * nw.node) break;
        nodes.push_back(nw);
    }
    std::reverse(nodes.begin(), nodes.end());
    if (shift == 0) nodes.push_back(ooura_mori_node(0, shift, h, alpha));
    double max_weight = 0;
    for (long n = 1;; ++n) {
        const NodeWeight nw = ooura_mori_node(n, shift, h, alpha);
        max_weight = std::max(max_weight, std::fabs(nw.weight));
        nodes.push_back(nw);
        if ((n - shift) * h > 1 && std::fabs(nw.weight) <= 1e-17 * max_weight) break;
    }
    FourierNodes out;
    out.tail_weight.assign(nodes.size(), 0);
    double tail = 0;
    for (std::size_t j = nodes.size(); j-- > 0;) {
        tail += std::fabs(nodes[j].weight);
        out.tail_weight[j] = tail;
    }
    for (const NodeWeight& nw : nodes) {
        out.node.push_back(nw.node);
        out.weight.push_back(nw.weight);
    }
    return out;
}

}  // namespace

const GeneralisedQDistribution::Level& GeneralisedQDistribution::level(int i) {
    if (levels_.size() <= static_cast<std::size_t>(i)) levels_.resize(i + 1);
    Level& level = levels_[i];
    if (level.sine.node.empty()) {
        const double h = std::ldexp(1.0, -i);
        level.sine = ooura_mori_nodes(0, h);
        level.cosine = ooura_mori_nodes(0.5, h);
    }
    return level;
}

GeneralisedQDistribution::GeneralisedQDistribution() = default;

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

// (1/omega) int_0^inf f(u) sin(omega u) du (or cos) for f(u) = e(u) g(Theta(u)),
// e(u) = 1 / (u rho(u)), |g| <= 1; the sum stops once e(u) (decreasing) times
// the remaining weights is below kNegligible * pi.
template <class G>
double fourier_transform(const FourierNodes& nodes, const std::vector<double>& a, const std::vector<double>& d,
                         double sum_a, double omega, G g) {
    double sum = 0;
    for (std::size_t j = 0; j < nodes.node.size(); ++j) {
        const double u = nodes.node[j] / omega;
        const Phase p = phase_at(a, d, sum_a, u);
        const double e = std::exp(-p.log_rho) / u;
        sum += nodes.weight[j] * e * g(p.theta);
        if (e * nodes.tail_weight[j] < kNegligible * kPi * omega) break;
    }
    return sum / omega;
}

}  // namespace

double GeneralisedQDistribution::probability_at_level(const std::vector<double>& a, const std::vector<double>& d,
                                                      double sum_a, double omega, int i) {
    const Level& nodes = level(i);
    const double cos_integral =
        fourier_transform(nodes.cosine, a, d, sum_a, omega, [](double theta) { return std::sin(theta); });
    const double sin_integral =
        fourier_transform(nodes.sine, a, d, sum_a, omega, [](double theta) { return std::cos(theta); });
    return 0.5 + (cos_integral - sin_integral) / kPi;
}

namespace {

// The trace of M and of M^2 for the scaled D_i: M = D - b b',
// b_i^2 = D_i a_i / sum a.
std::pair<double, double> traces(const std::vector<double>& a, const std::vector<double>& d, double sum_a) {
    double sum_d = 0, sum_d2 = 0, bb = 0, bdb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double b2 = d[i] * a[i] / sum_a;
        sum_d += d[i];
        sum_d2 += d[i] * d[i];
        bb += b2;
        bdb += d[i] * b2;
    }
    return {sum_d - bb, sum_d2 - 2 * bdb + bb * bb};
}

// Whether the Imhof integrand's tail past u_n cannot reach kNegligible * pi:
// log rho is convex in log u, so past u_n, e(u) = 1 / (u rho(u)) <=
// e(u_n) (u_n / u)^r with r >= 1 + the slope of log rho over the last step
// (from the previous u to u_n), and the tail is at most
// e(u_n) u_n / (r - 1); `magnitude` is e(u_n) u_n.
bool tail_negligible(double magnitude, double log_rho, double previous_log_rho, double log_u, double previous_log_u) {
    const double r = 1 + (log_rho - previous_log_rho) / (log_u - previous_log_u);
    return r > 1 && magnitude / (r - 1) < kNegligible * kPi;
}

// Adds h f(u) over u = first, first + step, ... for the Imhof integrand
// f(u) = sin(Theta(u) - omega u) / (u rho(u)) until the rest cannot reach
// kNegligible * pi (tail_negligible). False when that takes more than
// max_nodes nodes.
bool add_trapezoid_nodes(const std::vector<double>& a, const std::vector<double>& d, double sum_a, double omega,
                         double first, double step, long max_nodes, double& sum) {
    double previous_log_u = 0, previous_log_rho = 0;
    for (long n = 0; n < max_nodes; ++n) {
        const double u = first + n * step;
        const Phase p = phase_at(a, d, sum_a, u);
        const double e = std::exp(-p.log_rho) / u;
        sum += step * e * std::sin(p.theta - omega * u);
        const double log_u = std::log(u);
        if (n > 0 && tail_negligible(e * u, p.log_rho, previous_log_rho, log_u, previous_log_u)) return true;
        previous_log_u = log_u;
        previous_log_rho = p.log_rho;
    }
    return false;
}

// Whether the Imhof integrand, past some u <= max_u, cannot add kNegligible
// (tail_negligible, with u doubled from `first`): a few
// evaluations that tell slowly decaying integrands (few studies) apart.
bool decays_before(const std::vector<double>& a, const std::vector<double>& d, double sum_a, double first,
                   double max_u) {
    double previous_log_u = 0, previous_log_rho = 0;
    for (double u = first; u <= max_u; u *= 2) {
        const double log_rho = phase_at(a, d, sum_a, u).log_rho, log_u = std::log(u);
        if (u > first && tail_negligible(std::exp(-log_rho), log_rho, previous_log_rho, log_u, previous_log_u)) {
            return true;
        }
        previous_log_u = log_u;
        previous_log_rho = log_rho;
    }
    return false;
}

// P(Q_a > q) by the trapezoidal rule on the whole Imhof integrand, which is
// even in u and analytic near the real axis, so the rule converges
// geometrically; its error is the aliasing of Davies (1973, Biometrika
// 60:415-417): with step h, the probability of Q_a lying more than 4 pi / h
// from q. The first step puts that beyond 8 standard deviations (plus the
// distance from the mean); h is then halved (the new nodes between the old
// ones) until two steps agree to kAgreement. Many studies make the integrand
// decay like a normal density within a few dozen nodes; when it would take
// more than kTrapezoidNodes (few studies, or a few studies far more precise
// than the rest), NaN: the Fourier formula is then cheaper. `trace` and
// `trace2` are traces(a, d, sum_a).
double trapezoid_probability(const std::vector<double>& a, const std::vector<double>& d, double sum_a,
                             double omega, double trace, double trace2) {
    const double spread = 8 * std::sqrt(2 * trace2) + std::fabs(2 * omega - trace);
    double h = 4 * kPi / spread;
    if (!(h > 0) || !decays_before(a, d, sum_a, h, h * kTrapezoidNodes / 8)) return std::nan("");
    double sum = h * (trace / 2 - omega) / 2;  // f(0) = Theta'(0) - omega, weight h / 2
    if (!add_trapezoid_nodes(a, d, sum_a, omega, h, h, kTrapezoidNodes, sum)) return std::nan("");
    double previous = 0.5 + sum / kPi;
    for (int halving = 0; halving < 6; ++halving) {
        double added = 0;
        if (!add_trapezoid_nodes(a, d, sum_a, omega, h / 2, h, kTrapezoidNodes, added)) return std::nan("");
        sum = sum / 2 + added / 2;
        h /= 2;
        const double p = 0.5 + sum / kPi;
        if (!std::isfinite(p)) return std::nan("");
        if (std::fabs(p - previous) <= kAgreement) return p;
        previous = p;
    }
    return std::nan("");
}

// The slope in t of log det(I + t M) for the scaled D_i (every 1 + t D_i > 0),
// by the determinant lemma with a real argument:
// det(I + t M) = prod_i (1 + t D_i) * sum_i a_i / (1 + t D_i) / sum a.
double log_det_slope(const std::vector<double>& a, const std::vector<double>& d, double t) {
    double slope = 0, w = 0, dw = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double f = 1 + t * d[i];
        slope += d[i] / f;
        w += a[i] / f;
        dw -= a[i] * d[i] / (f * f);
    }
    return slope + dw / w;
}

double log_det(const std::vector<double>& a, const std::vector<double>& d, double sum_a, double t) {
    double log_sum = 0, w = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double f = 1 + t * d[i];
        log_sum += std::log(f);
        w += a[i] / f;
    }
    return log_sum + std::log(w / sum_a);
}

// Chernoff's bound on the tail of Q_a beyond q (scaled): with
// E e^{-s Q} = det(I + 2 s M)^(-1/2) (s > -1/2, as every eigenvalue <= max D = 1),
//   P(Q > q) <= exp(-s q - L(-2s) / 2), 0 < s < 1/2, when q > E Q = tr M,
//   P(Q < q) <= exp(s q - L(2s) / 2),   s > 0,       when q < tr M,
// L = log det(I + t M), minimised over s by bisection on the slope (the
// exponent is convex). Returns the log of the bound; `upper` says which tail.
double chernoff_log_tail(const std::vector<double>& a, const std::vector<double>& d, double sum_a, double q,
                         double trace, bool& upper) {
    upper = q > trace;
    const double sign = upper ? -1 : 1;
    // The exponent's slope in s, -q + L'(-2s) or q - L'(2s): increasing in s.
    auto slope = [&](double s) { return sign * (q - log_det_slope(a, d, 2 * sign * s)); };
    double low = 0, high = upper ? 0.5 * (1 - 1e-9) : 1;
    if (!upper) {
        for (int i = 0; i < 200 && slope(high) < 0; ++i) high *= 2;
    }
    if (slope(high) > 0) {
        for (int i = 0; i < 60; ++i) {
            const double mid = (low + high) / 2;
            (slope(mid) < 0 ? low : high) = mid;
        }
    }
    const double s = high;
    return sign * s * q - 0.5 * log_det(a, d, sum_a, 2 * sign * s);
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
    const auto [trace, trace2] = traces(a, d, sum_a);
    const double trapezoid = trapezoid_probability(a, d, sum_a, omega, trace, trace2);
    if (std::isfinite(trapezoid)) return std::min(1.0, std::max(0.0, trapezoid));
    // Far in a tail (where the trapezoidal rule needs too many nodes), a bound
    // can settle it within kNegligible without integrating.
    bool upper = false;
    const double log_tail = chernoff_log_tail(a, d, sum_a, 2 * omega, trace, upper);
    if (log_tail < std::log(kNegligible)) return upper ? 0.0 : 1.0;
    double previous = probability_at_level(a, d, sum_a, omega, kFirstLevel);
    for (int i = kFirstLevel + 1; i <= kLastLevel; ++i) {
        const double p = probability_at_level(a, d, sum_a, omega, i);
        if (!std::isfinite(p)) return std::nan("");
        if (std::fabs(p - previous) <= kAgreement) return std::min(1.0, std::max(0.0, p));
        previous = p;
    }
    return std::nan("");
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
