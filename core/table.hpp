// The pasted table after parsing: the rows that could be read and, for every
// row that could not, where and why. Plain data; produced by parse_table().
#pragma once

#include <string>
#include <vector>

namespace metapool {

// One 2x2 table in RevMan's order: experimental events/total, control events/total.
// Counts are held as double so that counts up to 2^53 stay exact and the
// statistics need no conversions; the parser guarantees they are whole numbers.
struct StudyRow {
    std::string label;
    double e1 = 0;  // events, experimental arm
    double n1 = 0;  // total, experimental arm
    double e2 = 0;  // events, control arm
    double n2 = 0;  // total, control arm
    int line = 0;   // 1-based line number in the pasted text
};

// A problem found in the pasted text. line and column are 1-based; column
// counts fields (1 = first field of the line), 0 when the problem concerns
// the whole line. `text` is the offending line exactly as pasted, so that
// nothing the user pasted is lost from the report.
struct InputProblem {
    int line = 0;
    int column = 0;
    std::string message;
    std::string text;
};

struct ParsedTable {
    std::vector<StudyRow> rows;          // valid rows, in pasted order
    std::vector<InputProblem> problems;  // rejected rows and other problems
    int header_line = 0;                 // line of the header row, 0 if none
};

}  // namespace metapool
