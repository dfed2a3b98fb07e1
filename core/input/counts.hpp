// Fields -> cells: reading one count (`12`) or one events/total cell
// (`12/100`), the third step of the pipeline (pasted text -> lines ->
// fields -> cells -> rows -> ParsedTable); and the shape tests the layout
// uses to tell counts from labels before reading them.
//
// Counts
//   * Plain digits only (a leading '+' is tolerated), value <= 2^53. Refused
//     with a reason: empty cell, not a number, negative, decimal (also 12.0,
//     12,5), percentage, a count with its percentage (`12 (12%)`, as papers
//     print them; input/row_counts.hpp reads those where their total is
//     known), thousands separators (1,234 1 234 1'234 1’234, and
//     U+00A0/U+202F/U+2009 as separators; `1.234` is reported as not whole,
//     with a hint in case the dot separates thousands), scientific notation,
//     too large. Counts are parsed by hand (no stod/stoi, no exceptions).
//   * An events/total cell is two counts around one '/', spaces allowed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/problem.hpp"

namespace metapool::input {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!is_digit(c)) return false;
    }
    return true;
}

// U+2212, the minus sign as typeset.
inline bool is_unicode_minus(std::string_view s) {
    return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE2 && static_cast<unsigned char>(s[1]) == 0x88 &&
           static_cast<unsigned char>(s[2]) == 0x92;
}

// Does the field start like a number (optional sign, optional '.', digit)?
inline bool starts_numeric(std::string_view v) {
    std::size_t i = 0;
    if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
        i = 1;
    } else if (is_unicode_minus(v)) {
        i = 3;
    }
    if (i < v.size() && v[i] == '.') ++i;
    return i < v.size() && is_digit(v[i]);
}

inline bool has_slash(std::string_view v) { return v.find('/') != std::string_view::npos; }

// A numeric-looking x/n cell.
inline bool is_cell_like(std::string_view v) { return starts_numeric(v) && has_slash(v); }

// A count, or why the field is not one (the problem's message; its place is
// the caller's to fill in).
struct Count {
    std::uint64_t value = 0;
    std::optional<Problem> problem;
    bool ok() const { return !problem; }
};

// One count field, already trimmed and unquoted.
Count parse_count(std::string_view s);

// An `events/total` cell; the problem when it is not one.
std::optional<Problem> parse_cell(std::string_view s, Count& events, Count& total);

}  // namespace metapool::input
