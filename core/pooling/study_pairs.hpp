// Loops over the studies that divide once per study (the weights
// 1 / (v + tau2), Q's terms r^2 / (v + tau2)), two studies at a time where the
// build can: the root finders of the tau2 estimators and of the Q-profile
// interval run them a few dozen times per analysis, and the divisions are
// most of their time.
//
// x86-64 GCC does this by itself at -O3: it divides two doubles per
// instruction (divpd) and still adds the sums one study at a time, in order.
// clang vectorises no loop whose floating-point sums it would have to keep in
// order (and `#pragma clang loop vectorize(enable)` lets it reorder them,
// which changes the sums' last bits), so the wasm build divided one at a
// time. for_each_study() runs a loop body written once for a generic value:
// in the wasm build with SIMD (-msimd128) on a StudyPair (f64x2: each lane
// is the IEEE operation the scalar code does on that study), with a plain
// double for the last study of an odd count and everywhere else. add_to()
// adds a pair's first lane, then its second, so every sum sees the same
// additions in the same order as the plain loop: the results are the same to
// the last bit.
//
//   double sw = 0;
//   for_each_study(v.size(), [&](auto at) { add_to(sw, 1 / (at(v) + tau2)); });
#pragma once

#include <cstddef>
#include <vector>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace metapool {

inline void add_to(double& sum, double x) { sum += x; }

#if defined(__wasm_simd128__)

// Two studies' values; arithmetic lane by lane, with a double on either side
// standing for itself in both lanes.
struct StudyPair {
    v128_t lanes;
};

inline StudyPair pair_of(double x) { return {wasm_f64x2_splat(x)}; }
inline StudyPair operator+(StudyPair a, StudyPair b) { return {wasm_f64x2_add(a.lanes, b.lanes)}; }
inline StudyPair operator-(StudyPair a, StudyPair b) { return {wasm_f64x2_sub(a.lanes, b.lanes)}; }
inline StudyPair operator*(StudyPair a, StudyPair b) { return {wasm_f64x2_mul(a.lanes, b.lanes)}; }
inline StudyPair operator/(StudyPair a, StudyPair b) { return {wasm_f64x2_div(a.lanes, b.lanes)}; }
inline StudyPair operator+(StudyPair a, double b) { return a + pair_of(b); }
inline StudyPair operator-(StudyPair a, double b) { return a - pair_of(b); }
inline StudyPair operator*(StudyPair a, double b) { return a * pair_of(b); }
inline StudyPair operator/(StudyPair a, double b) { return a / pair_of(b); }
inline StudyPair operator+(double a, StudyPair b) { return pair_of(a) + b; }
inline StudyPair operator-(double a, StudyPair b) { return pair_of(a) - b; }
inline StudyPair operator*(double a, StudyPair b) { return pair_of(a) * b; }
inline StudyPair operator/(double a, StudyPair b) { return pair_of(a) / b; }

// The first study's value, then the second's.
inline void add_to(double& sum, StudyPair x) {
    sum += wasm_f64x2_extract_lane(x.lanes, 0);
    sum += wasm_f64x2_extract_lane(x.lanes, 1);
}

#endif

// Calls body(at) for the studies 0 .. n - 1 in order, where at(x) is the
// current study's x[i] (a double) or studies i and i + 1's (a StudyPair).
template <typename Body>
inline void for_each_study(std::size_t n, Body&& body) {
    std::size_t i = 0;
#if defined(__wasm_simd128__)
    for (; i + 1 < n; i += 2) {
        body([i](const std::vector<double>& x) { return StudyPair{wasm_v128_load(&x[i])}; });
    }
#endif
    for (; i < n; ++i) {
        body([i](const std::vector<double>& x) { return x[i]; });
    }
}

}  // namespace metapool
