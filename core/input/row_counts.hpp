// Cells -> the two arms of a row: reading the count fields the layout chose
// (input/row_layout.hpp) as events and totals, the step before the row is
// kept in the pipeline (pasted text -> lines -> fields -> cells -> rows ->
// ParsedTable).
//
//   * Separate counts (`12, 100`), events/total cells (`12/100`), or under a
//     header that prints each arm's total, cells of events (`12 (21.8%)`).
//   * Paper cells (input/paper_cells.hpp): `2/55 (3.6%)` whose percentage the
//     counts do not give is read, with a note at its cell; `12 (21.8%)` takes
//     its total from the next column or the header, and is refused when the
//     percentage does not agree.
//   * Problems, at most one per row, left to right: per arm the events, the
//     total, then the arm's checks (events larger than total at the events
//     column, zero total at the total column; for x/n cells, the cell's
//     column). Messages name the arm as the header has it read
//     ("experimental" or "control", input/arm_header.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "input/arm_header.hpp"
#include "input/row_layout.hpp"

namespace metapool::input {

struct RowCounts {
    std::uint64_t values[4] = {0, 0, 0, 0};  // e1, n1, e2, n2 in the order of the columns
    PrintedNumber percents[2];               // printed beside each arm's events
    // Cells whose printed percentage the counts do not give: their column
    // and message (the place is the caller's to add).
    std::vector<Problem> percent_notes;
};

// The problem (column, message) when a count cannot be read or an arm is
// impossible.
std::optional<Problem> read_row_counts(const RowLayout& layout, const ArmHeader& arms, RowCounts& out);

}  // namespace metapool::input
