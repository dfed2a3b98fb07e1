// Guarded root finding for monotone or sign-changing functions of tau2 on
// [lower, infinity): the bracket is widened by doubling until the sign
// changes, then Boost.Math's TOMS 748 narrows it to full double precision.
// Never throws and never loops forever.
#pragma once

#include <functional>

namespace metapool {

struct RootResult {
    double root;
    bool found;      // false: no sign change was found within the search range
    int iterations;  // function evaluations spent
};

// f(lower) and f at the upper end must differ in sign for a root; `start` is
// the first upper end tried (> lower). The search stops at `max_upper`.
RootResult find_root_above(const std::function<double(double)>& f, double lower, double start,
                           double max_upper);

// The root of f in [lower, upper], given that f(lower) and f(upper) differ in sign.
RootResult find_root_between(const std::function<double(double)>& f, double lower, double upper);
// The same with f(lower) and f(upper) already known (not evaluated again).
RootResult find_root_between(const std::function<double(double)>& f, double lower, double upper, double f_lower,
                             double f_upper);

// A root of a score f (positive below it, negative above) reached from
// `start` > 0 as an ascent would go: upwards when f(start) > 0, otherwise
// downwards, halving towards 0 (at most 60 halvings) until f is positive.
RootResult find_root_from(const std::function<double(double)>& f, double start);

}  // namespace metapool
