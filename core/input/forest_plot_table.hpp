// A forest-plot table as RevMan 5, RevMan Web, the Cochrane Library (HTML,
// PDF) print it, pasted as text: its source lines (the header, subgroup
// headings, Total and Subtotal rows, `Total events`, `Heterogeneity: ...`,
// `Test for overall effect: ...`, `Test for subgroup differences: ...`, the
// plot's axis and `Favours ...` footers) are read into ParsedTable::printed
// and never counted as study rows; its study rows are read by parse_table()
// once their printed weight and effect columns are cut off (printed_columns.hpp).
// The table parser (input/table_parser.hpp) asks read_line() about every
// line first.
#pragma once

#include <string>
#include <string_view>

#include "input/printed_columns.hpp"
#include "input/revman_csv.hpp"
#include "input/table.hpp"

namespace metapool {

enum class ForestLine {
    Other,     // not part of a forest-plot table: read as usual
    Source,    // a source line, read here (nothing more to do)
    StudyRow,  // a study row of the table: cut its printed columns, read the rest
};

class ForestPlotTable {
public:
    // `data_seen`: a data row has been read already (so a title or a
    // header's first line can no longer start a table).
    ForestLine read_line(std::string_view text, int number, bool data_seen, ParsedTable& table);

    // A study row's counts were read into `row`: give it the printed columns
    // and the subgroup of the heading above it.
    void take_row(StudyRow& row, const PrintedColumns& printed, ParsedTable& table);

    bool active() const { return active_; }

    // A study row of RevMan 5's CSV export (revman_csv.hpp): the line the
    // ordinary reader is given instead (`label<TAB>e1<TAB>n1<TAB>e2<TAB>n2`)
    // and the export's column of each of its fields; nullptr otherwise.
    const std::string* counts_line() const { return csv_row_ ? &csv_line_.counts : nullptr; }
    int export_column(int column) const;

private:
    ForestLine csv_line(std::string_view text, int number, ParsedTable& table);
    bool header_line(std::string_view t, int number, ParsedTable& table);
    bool heading_line(std::string_view text, std::string_view t, ParsedTable& table);
    void read_analysis(int number, ParsedTable& table);
    void pooled_line(std::string_view text, std::string_view t, int number, bool subtotal, ParsedTable& table);
    void total_events_line(std::string_view t, int number, ParsedTable& table);
    void statistics_line(std::string_view t, int number, int kind, ParsedTable& table);
    PrintedPooled& block(int number, ParsedTable& table);
    void update_note(ParsedTable& table);

    RevManCsv csv_;
    RevManCsv::Line csv_line_;
    bool csv_row_ = false;
    bool active_ = false;       // a header, Total or heterogeneity line has been read
    bool header_done_ = false;  // the column header has been read (its continuation lines follow)
    bool rows_started_ = false;
    bool cochrane_library_ = false;  // n/N columns
    std::string header_text_;   // header lines joined, for the effect column's description
    std::string heading_;       // the subgroup heading the rows are under
    int open_block_ = -1;       // index into table.printed.pooled of the block being read
    int note_ = -1;             // index into table.notes of the summary note
    int note_line_ = 0;         // the line the note is given at (the header, else the first row)
    std::string note_text_;
    std::string_view text_;     // the line being read
    int studies_ = 0;
};

}  // namespace metapool
