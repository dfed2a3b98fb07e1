// The text the SVG plots (forest, funnel, leave-one-out, cumulative) write:
// numbers, coordinates, intervals and the names of measures and methods,
// so that every plot prints a number the same way.
#pragma once

#include <string>

#include "model/options.hpp"

namespace metapool::plot_text {

// printf("%.*f") without a negative zero ("-0.00" -> "0.00").
std::string fixed(double value, int decimals);

// An SVG coordinate: at most two decimals, no trailing zeros.
std::string coordinate(double v);

// A ratio or a single value: two decimals; more (at most 12) for values that
// would print as 0.00; three significant digits from a million up; "NA" when
// not finite.
std::string value_text(double x);

// Risk differences share one number of decimals per row: two, or as many as
// show the interval's half-width to one significant digit (at most six), so
// that a narrow interval does not print as [0.00, 0.00].
int difference_decimals(double lo, double hi);

// "[lo, hi]": ratios each number on its own (value_text), differences with
// difference_decimals.
std::string interval_text(double lo, double hi, bool ratio);

// "est [lo, hi]", as interval_text.
std::string estimate_text(double est, double lo, double hi, bool ratio);

// The same texts appended to `out` (no string of their own: a plot of 1,000
// studies writes some 20,000 numbers).
void append_fixed(std::string& out, double value, int decimals);
void append_coordinate(std::string& out, double v);
void append_value_text(std::string& out, double x);
void append_interval_text(std::string& out, double lo, double hi, bool ratio);
void append_estimate_text(std::string& out, double est, double lo, double hi, bool ratio);

// "95%", "99.5%"; empty outside (0, 1).
std::string level_text(double level);

const char* measure_abbreviation(Measure m);  // "RR"
const char* measure_name(Measure m);          // "Risk ratio"
const char* common_method_name(CommonMethod m);  // "Mantel–Haenszel"

}  // namespace metapool::plot_text
