// Does a value metapool computed agree with a number a source printed, at
// the precision it was printed with? A printed number stands for every value
// that rounds to it: 0.14 for [0.135, 0.145], 51% for [50.5, 51.5]. So the
// rule is |computed - printed| <= half a unit in the last printed place, with
// a tiny relative slack for binary rounding (a computed 0.145000000001 that
// the source's own double rounded down). `P < 0.00001` (RevMan 5 prints P
// below 0.00001 so; Deeks & Higgins 2010) agrees with any computed value
// below the bound, `>` likewise above it.
#pragma once

#include <string>
#include <vector>

#include "input/printed.hpp"
#include "model/source_checks.hpp"

namespace metapool {

bool agrees_at_printed_precision(const PrintedNumber& printed, double computed);

// How far `computed` is from `printed`, in units of half the last printed
// place (0 when it agrees with a bound): orders near misses for "closest".
double distance_in_half_units(const PrintedNumber& printed, double computed);

// The printed number as text: "0.14", "< 0.00001", "51".
std::string printed_text(const PrintedNumber& printed);

// `computed` at the printed number's precision ("0.13"); "not estimable"
// when it is not finite; small values keep 2 significant digits so that a
// computed p of 0.000003 is not shown as "0.00000".
std::string computed_text(double computed, const PrintedNumber& printed);

// The number `name` as printed against the value computed for it.
CheckedNumber checked_number(const char* name, const PrintedNumber& printed, double computed);

// Appends checked_number(...) to `out` when the source printed the number.
void check_if_printed(std::vector<CheckedNumber>& out, const char* name, const PrintedNumber& printed,
                      double computed);

}  // namespace metapool
