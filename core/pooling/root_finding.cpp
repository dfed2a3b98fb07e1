#include "pooling/root_finding.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include "pooling/math_policy.hpp"

namespace metapool {

namespace {
bool opposite_signs(double fa, double fb) { return (fa <= 0 && fb >= 0) || (fa >= 0 && fb <= 0); }
}  // namespace

RootResult find_root_between(const std::function<double(double)>& f, double lower, double upper) {
    return find_root_between(f, lower, upper, f(lower), f(upper));
}

RootResult find_root_between(const std::function<double(double)>& f, double lower, double upper, double fa,
                             double fb) {
    if (!std::isfinite(fa) || !std::isfinite(fb) || !opposite_signs(fa, fb)) {
        return {std::nan(""), false, 2};
    }
    if (fa == 0) return {lower, true, 2};
    if (fb == 0) return {upper, true, 2};
    std::uintmax_t max_iter = 500;
    // Stop when the bracket is as narrow as double precision allows.
    boost::math::tools::eps_tolerance<double> tol(std::numeric_limits<double>::digits - 2);
    const auto bracket = boost::math::tools::toms748_solve(f, lower, upper, fa, fb, tol, max_iter,
                                                           NoThrowPolicy());
    const double root = bracket.first + (bracket.second - bracket.first) / 2;
    return {root, std::isfinite(root), static_cast<int>(max_iter) + 2};
}

RootResult find_root_above(const std::function<double(double)>& f, double lower, double start,
                           double max_upper) {
    const double f_lower = f(lower);
    if (!std::isfinite(f_lower)) return {std::nan(""), false, 1};
    double previous = lower;
    double upper = start > lower ? start : lower + 1;
    int evaluations = 1;
    while (upper <= max_upper) {
        const double f_upper = f(upper);
        ++evaluations;
        if (!std::isfinite(f_upper)) return {std::nan(""), false, evaluations};
        if (opposite_signs(f_lower, f_upper)) {
            RootResult r = find_root_between(f, previous, upper);
            r.iterations += evaluations;
            return r;
        }
        previous = upper;
        upper *= 2;
    }
    return {std::nan(""), false, evaluations};
}

RootResult find_root_from(const std::function<double(double)>& f, double start) {
    const double at_start = f(start);
    if (!std::isfinite(at_start)) return {std::nan(""), false, 1};
    if (at_start > 0) {
        RootResult r = find_root_above(f, start, 2 * start, 1e300);
        r.iterations += 1;
        return r;
    }
    double upper = start;
    for (int i = 1; i <= 60; ++i) {
        const double lower = upper / 2;
        const double at_lower = f(lower);
        if (!std::isfinite(at_lower)) return {std::nan(""), false, i + 1};
        if (at_lower > 0) {
            RootResult r = find_root_between(f, lower, upper);
            r.iterations += i + 1;
            return r;
        }
        upper = lower;
    }
    return {std::nan(""), false, 61};
}

}  // namespace metapool
