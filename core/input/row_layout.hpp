// Fields -> which of them are the label and which the counts: the layout
// of one data line, between splitting (input/field_splitter.hpp) and
// reading the counts (input/row_counts.hpp) in the pipeline (pasted text ->
// lines -> fields -> cells -> rows -> ParsedTable).
//
//   * `label, e1, n1, e2, n2` or `e1, n1, e2, n2` (RevMan order), or
//     `label, e1/n1, e2/n2` or `e1/n1, e2/n2`; under a header that prints
//     each arm's total (`Dupilumab (N=55)`, input/arm_header.hpp), `label,
//     12 (21.8%), 20 (36.4%)` (two cells of events).
//   * Delimited lines: the first field is the label when the line has 5
//     fields, or 3 fields with an x/n cell, or when the first field does not
//     start like a number (so a numeric label such as `2001` needs all 5
//     fields; `12,100,20` is an unlabelled row missing a count).
//   * Space-separated lines: the counts are the last four fields (or the
//     last two `x/n` cells) and the label is everything before them, exactly
//     as pasted (`Smith et al. 2001 12 100 20 98` -> label `Smith et al.
//     2001`). If the field four from the end does not start like a number
//     and fewer than four fields do, the line is short of counts ("expected
//     4 counts after the label, found 3"); otherwise a bad field among the
//     last four is reported at its column by the count reader, unless fewer
//     than half of the last four start like numbers (a line of prose:
//     "expected 4 counts after the label, found 1").
//   * Columns count fields 1-based as split; on space-separated lines the
//     label is column 1 and the counts follow it.
//   * Thousands separators that split a number into two fields:
//     input/thousands.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "input/field_splitter.hpp"
#include "model/problem.hpp"

namespace metapool::input {

// A count field with the column it is reported under.
struct CountField {
    std::string_view value;
    int column = 0;
};

struct RowLayout {
    bool has_label = false;
    std::string label;       // when has_label
    bool slash = false;      // two events/total cells, in counts[0] and counts[1]
    bool header_cells = false;  // two `12 (21.8%)` cells whose totals the header prints
    CountField counts[4];    // e1, n1, e2, n2; or the two cells
    std::size_t cells() const { return slash || header_cells ? 2 : 4; }
};

// The layout of a data line that has counts (not a header, not an effect).
// `header_totals`: the header printed each arm's total. The problem when the
// line has too few or too many fields, or is ambiguous (its column: the
// first extra field, 0 for the whole line; its message).
std::optional<Problem> lay_out_row(std::string_view text, Sep sep, const Fields& f, bool header_totals,
                                   RowLayout& out);

}  // namespace metapool::input
