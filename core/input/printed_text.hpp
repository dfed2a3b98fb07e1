// Reading the numbers and words a forest-plot table prints (`0.14`, `5.2%`,
// `P < 0.00001`, `Chi²`): hand-written, no exceptions, no locale, the
// decimals recorded exactly as printed. Used by printed_columns.cpp and
// forest_plot_table.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "input/printed.hpp"

namespace metapool {
namespace printed_text {

// Length of the space (ASCII space or tab, U+00A0, U+2009, U+202F) at s[i], 0 if none.
std::size_t space_at(std::string_view s, std::size_t i);
std::size_t skip_spaces(std::string_view s, std::size_t i);
std::string_view trim(std::string_view s);

// A decimal number at s[i]: optional sign (-, +, U+2212 minus), digits,
// optionally '.' and digits (or '.' and digits alone). On success sets
// `out` (value, decimals), moves i past it and returns true.
bool read_number(std::string_view s, std::size_t& i, PrintedNumber& out);

// The whole of `s` (trimmed) is a number, optionally followed by '%' (with
// or without a space) when `percent`.
bool whole_number(std::string_view s, PrintedNumber& out, bool percent);

// Does `s` start with `prefix`, ignoring ASCII case?
bool starts_with(std::string_view s, std::string_view prefix);
// Position of `word` in `s` ignoring ASCII case, npos if absent.
std::size_t find(std::string_view s, std::string_view word, std::size_t from = 0);

// A statistic's name as printed, reduced for matching: ASCII lower case,
// spaces dropped, `²`, `^2` and a trailing `2` kept as "2", τ read as tau:
// `Tau²` -> "tau2", `Chi2` -> "chi2", `I²` -> "i2".
std::string statistic_key(std::string_view name);

}  // namespace printed_text
}  // namespace metapool
