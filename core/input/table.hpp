// The pasted table after parsing: the rows that could be read and, for every
// row that could not, where and why. Plain data; produced by parse_table().
#pragma once

#include <string>
#include <vector>

#include "input/printed.hpp"
#include "model/problem.hpp"

namespace metapool {

// A study that reports its effect instead of counts (generic inverse
// variance): `label, RR 0.54 (0.40 to 0.72)`, `label, log OR -0.62 (se 0.15)`.
// The numbers are held as typed; analyze() turns them into y and se.
enum class ReportedMeasure { None, RR, OR, RD };

struct ReportedEffect {
    ReportedMeasure measure = ReportedMeasure::None;  // None: the row has counts
    bool log_scale = false;      // typed as log RR / log OR (estimate and limits are logs)
    double estimate = 0;         // as typed
    double lower = 0, upper = 0; // the interval as typed (when has_interval)
    double level = 0.95;         // the interval's level
    double se = 0;               // as typed (when !has_interval)
    bool has_interval = true;
    int column = 0;              // the column of the effect field, for messages
    std::string text;            // the effect as typed, e.g. "RR 0.54 (0.40 to 0.72)"
    std::string line_text;       // the whole line as pasted
};

// One 2x2 table in RevMan's order: experimental events/total, control events/total.
// Counts are held as double so that counts up to 2^53 stay exact and the
// statistics need no conversions; the parser guarantees they are whole numbers.
// A row with a reported effect has NaN counts.
struct StudyRow {
    std::string label;
    double e1 = 0;  // events, experimental arm
    double n1 = 0;  // total, experimental arm
    double e2 = 0;  // events, control arm
    double n2 = 0;  // total, control arm
    int line = 0;   // 1-based line number in the pasted text
    std::string group;  // subgroup (when the header names a group column), else ""
    int year = 0;       // year (when the header names a year column), else 0
    ReportedEffect reported;  // measure None for a 2x2 table
    // The label as pasted when `label` had to be made distinguishable from
    // an earlier row's (two trials by one author: "Shechter 1995" twice
    // becomes "Shechter 1995" and "Shechter 1995 (2)"); "" otherwise.
    std::string pasted_label;
    // The arms were read in the order the header named them (control first)
    // and put in RevMan's order: e1/n1 is the experimental arm all the same.
    bool arms_swapped = false;
    PrintedStudy printed;     // weight, effect and CI, percentages printed beside the counts
    bool generic() const { return reported.measure != ReportedMeasure::None; }
};

// A problem found in the pasted text. line and column are 1-based; column
// counts fields (1 = first field of the line), 0 when the problem concerns
// the whole line. `text` is the offending line exactly as pasted, so that
// nothing the user pasted is lost from the report.
// The core's one problem shape (core/model/problem.hpp), by its parser name.
using InputProblem = Problem;

struct ParsedTable {
    std::vector<StudyRow> rows;          // valid rows, in pasted order
    std::vector<InputProblem> problems;  // rejected rows and other problems
    // Lines read but not as rows, and things the user should know though
    // nothing was refused: a repeated label, arms read in the header's
    // order, a source's Total or heterogeneity line read as printed results.
    // Same shape as problems (line, column, message, text).
    std::vector<InputProblem> notes;
    PrintedSource printed;               // what a forest-plot or paper table printed
    int header_line = 0;                 // line of the header row, 0 if none
    int group_column = 0;                // 1-based header column named group/subgroup, 0 if none
    int year_column = 0;                 // 1-based header column named year, 0 if none
    // The rows' groups come from subgroup headings (`1.1.1 Adults` in a
    // forest-plot table, core/input/forest_plot_table.hpp), not a column:
    // the table is analysed with subgroups as with a group column.
    bool group_headings = false;
    bool has_subgroups() const { return group_column > 0 || group_headings; }
};

}  // namespace metapool
