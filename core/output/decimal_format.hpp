// Decimal text of doubles, exactly as the C library's printf writes it, but
// fast on every platform: in WebAssembly the C library formats through
// 128-bit long doubles emulated in software, which made the JSON and the
// plots the slowest part of an analysis in the page.
//
// The digits are computed exactly (correctly rounded, ties to even, as
// glibc and musl round) with 128-bit integers; the few values out of that
// range (e.g. 1e-30 with 17 significant digits) go to snprintf itself.
// tests/core/test_decimal_format.cpp compares each function with snprintf.
#pragma once

#include <cstdint>
#include <string>

namespace metapool {

// snprintf("%.*f", decimals, x); decimals 0..40.
std::string printf_fixed(double x, int decimals);

// The same text appended to `out`, with no string of its own (the plots
// write a dozen numbers in each study's row).
void append_printf_fixed(std::string& out, double x, int decimals);

// round(|x| * 10^decimals), ties to even, exactly: the digits printf's
// "%.*f" writes for x, as one integer; false when that cannot be had here
// (x not finite, decimals outside 0..40, or the digits beyond 64 bits).
bool fixed_digits(double x, int decimals, std::uint64_t& digits);

// `digits` written with its last `decimals` digits after a point (0..40),
// as "%.*f" writes fixed_digits()'s integer, a '-' before it if `negative`.
void append_fixed_digits(std::string& out, bool negative, std::uint64_t digits, int decimals);

// snprintf("%.*g", precision, x); precision 1..17.
std::string printf_general(double x, int precision);

// The JSON number rule of json_writer: "%.15g" when it reads back as x,
// otherwise "%.17g" (finite x only).
std::string shortest_15_or_17(double x);

// The same text appended to `out`: no string of its own for each number
// (in WebAssembly, libc++ keeps at most 10 characters without allocating).
void append_shortest_15_or_17(std::string& out, double x);

}  // namespace metapool
