// Thousands separators that split a number into two fields, a question of
// the layout step (fields -> which of them are counts): `A 1 234 5000 20 98`
// on a space-separated line and `1,234,5000,20,98` on a comma-separated one
// look like one field too many, and reading them so would silently shift a
// count into the label.
//
//   * When the label would end in a number and two of the unquoted numbers
//     ending the line could be one number with a thousands separator (1-3
//     digits, no leading 0, one space or comma, exactly 3 digits), the line
//     is refused as ambiguous with the fix (quote the label, use tabs or
//     commas, drop the separators). Exception: a label ending in one number
//     of 4 or more digits (`Smith 2001 12 100 20 98`) is read as a label:
//     such a number cannot start a thousands group, and the other reading
//     would make it a count.
//   * A comma line with one column too many that holds such a pair says
//     "if "1,234" is one number, type it without the comma (1234)".
//   * Hence on space-separated lines a label may end in a number, and `1 234`
//     cannot be recognised as a thousands separator there (it can on
//     tab/semicolon/comma lines, where it is one field: input/counts.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "input/field_splitter.hpp"

namespace metapool::input {

// The fields from..to-1 are the unquoted numbers that end the line, more of
// them than there are counts. The index of the first pair that could be one
// number with a thousands separator (a comma when `comma`, else one space
// character), npos if none or if the label ends in a year-like number.
std::size_t ambiguous_numbers(std::string_view line, const Fields& f, std::size_t from, std::size_t to, bool comma);

// The reason for refusing a line whose pair at `i`, `i + 1` is ambiguous.
std::string ambiguous_message(std::string_view line, const Fields& f, std::size_t i, bool comma);

// For a comma line with a column too many: `if "1,234" is one number, type
// it without the comma (1234), otherwise ` for the first such pair from field
// `first` on, "" if none.
std::string comma_thousands_hint(std::string_view line, const Fields& f, std::size_t first);

}  // namespace metapool::input
