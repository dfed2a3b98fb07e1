// Rows -> ParsedTable: the table parser reads a paste line by line, each
// through the steps of the pipeline (pasted text -> lines -> fields ->
// cells -> rows -> ParsedTable), and decides what each line is: a source
// line of a forest-plot table, the header, a row reporting an effect, a row
// of counts, or a problem. parse_table() and TableReader drive it.
//
//   * Blank lines (only spaces, input/spaces.hpp) are ignored, and so are
//     lines whose first non-space character is '#' (comments; quote a label
//     that starts with '#'). A line that splits into nothing but empty
//     fields (`,,,,` or `\t\t\t`, an empty spreadsheet row) counts as blank.
//   * The header is the first non-blank, non-comment line when it has at
//     least two fields and none after the first starts like a number; its
//     line goes into header_line. A later line without any count is an
//     error. A header may name the arms (control first: rows are put in
//     RevMan's order, input/arm_header.hpp) and group and year columns
//     (input/group_year_columns.hpp).
//   * Forest-plot tables (README, "Forest-plot tables"): every line is first
//     offered to ForestPlotTable::read_line() (input/forest_plot_table.hpp),
//     which reads the table's source lines (header, headings, Total and
//     heterogeneity lines, ...) into ParsedTable::printed. A study row of
//     such a table loses its printed weight and effect columns
//     (input/printed_columns.hpp) and the rest is read as any row, the
//     printed numbers going to the row, its heading to its group. RevMan 5's
//     CSV export (input/revman_csv.hpp): each study row's Name and counts
//     are read here, problems moved to the export's columns.
//   * Problems: at most one per line, in this order: quoting, the number of
//     fields (column 0 when counts are missing, else the first extra field),
//     the label (empty), then the counts (input/row_counts.hpp). Messages
//     read `line L, column C: <reason>` (`line L: <reason>` for column 0);
//     quoted values longer than 40 bytes are shortened with "..."
//     (input/message_text.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "input/arm_header.hpp"
#include "input/field_splitter.hpp"
#include "input/forest_plot_table.hpp"
#include "input/group_year_columns.hpp"
#include "input/study_labels.hpp"
#include "input/table.hpp"

namespace metapool::input {

class TableParser {
public:
    // Room for `rows` kept rows.
    void reserve(std::size_t rows);

    // One physical line, without its line end, and its number.
    void line(std::string_view text, int number);

    ParsedTable result;

private:
    void forest_row(std::string_view text, int number);
    void export_row(std::string_view text, int number);
    void columns_line(std::string_view text, int number);
    void plain_line(std::string_view text, int number);
    void header(std::string_view text, int number);
    bool effect_line(std::string_view text, Sep sep, int number);
    void counts_line(std::string_view text, Sep sep, int number);
    bool take_group_year(StudyRow& row);
    void data_line_seen();
    void reject(int line, int column, const std::string& reason, std::string_view text);
    void reject(int line, const Problem& p, std::string_view text) { reject(line, p.column, p.message, text); }

    // The group and year cut from the line being read (input/group_year_columns.hpp),
    // taken by its row once the rest of the row is good.
    struct GroupYear {
        std::string group;
        int year = 0;
        std::optional<Problem> bad_value;
        bool refused = false;  // the row was good but for its group or year
    };

    KeptRows kept_;
    ArmHeader arms_;            // the arms as the header names them, and their totals
    GroupYearColumns columns_;  // group and year columns named by the header
    ForestPlotTable forest_;    // a RevMan / Cochrane forest-plot table's source lines
    GroupYear group_year_;
    int data_rows_ = 0;         // data lines so far (for `Study N`)
    bool seen_content_ = false;
    std::string arena_;         // unquoted text of quoted fields, reused line after line
    Fields fields_;
};

}  // namespace metapool::input
