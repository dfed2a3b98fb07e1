// What a header row says about the two arms. Papers and
// spreadsheets name the arms in the header (`Dupilumab`, `Placebo`,
// `control_events`, `Treatment N`), and some put the control arm first
// (`Placebo events, Placebo N, Drug events, Drug N`). Read in RevMan's order
// (experimental first) such a table silently inverts every ratio, so the
// arms are read as the header names them and put in RevMan's order, with a
// note; a header naming two arms neither of which is recognisably the
// control is read in RevMan's order, with a note saying so. A header may
// also print each arm's total (`Dupilumab (N=55)`, `Placebo, n = 54`,
// `(n=54)`), for cells that hold only the events (`12 (21.8%)`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/table.hpp"

namespace metapool {

// A header field that may describe a data column, with its 1-based column.
struct HeaderField {
    std::string value;
    int column = 0;
};

struct ArmHeader {
    // The data columns are 2 (one cell per arm) or 4 (events and total per
    // arm); 0 when the header does not show which columns hold which arm.
    int data_columns = 0;
    bool swapped = false;      // the control arm comes first: rows are put in RevMan's order
    std::string first, second; // the arms as the header names them, in column order ("" if unnamed)
    // Each arm's total as printed in the header, by data column; 0 if not printed.
    std::uint64_t total[2] = {0, 0};
    bool has_totals() const { return data_columns == 2 && total[0] > 0 && total[1] > 0; }
    // The note for the header line, when there is something to say.
    std::optional<Problem> note;
};

// `fields` are the header's fields without the group and year columns;
// `line` and `text` are the header's line number and text, for the note.
ArmHeader read_arm_header(const std::vector<HeaderField>& fields, int line, std::string_view text);

// The arm a data column's group (0 = first pair of columns, 1 = second) is,
// for messages: "experimental" or "control".
const char* arm_read_as(const ArmHeader& arms, int group);

}  // namespace metapool
