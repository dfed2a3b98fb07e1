// METAPOOL_SIMD_LOOP before a loop asks the compiler to vectorise it: do its
// divisions two at a time (f64x2) while adding the sums element by element,
// in the loop's order, so the results are the scalar loop's to the last bit.
// Native GCC does this by itself at -O3 (SSE2); the wasm build (clang) does
// it for the files CMakeLists.txt compiles with -msimd128 and in-order
// reductions (-force-ordered-reductions), and vectorises no other loop of
// theirs (-fno-vectorize), so only marked loops grow the module.
#pragma once

#if defined(__clang__) && defined(__wasm_simd128__)
#define METAPOOL_SIMD_LOOP _Pragma("clang loop vectorize(enable)")
#else
#define METAPOOL_SIMD_LOOP
#endif
