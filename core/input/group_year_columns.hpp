// Group (subgroup) and year columns: part of the layout step (fields ->
// which of them are what) in the pipeline (pasted text -> lines -> fields
// -> cells -> rows -> ParsedTable). They are cut out of each data line, and
// the rest of the line is read as any other line.
//
//   * Only a header names them: a header field equal, ignoring ASCII case, to
//     `group` or `subgroup` is the group column, `year` the year column (a
//     second one is reported at the header and read as an ordinary column).
//   * Each data line is split (split_line()), the group and year fields are
//     cut out with one separator each, and the rest is read as any other line
//     (counts or an effect); its problems are moved back to the columns of
//     the line as pasted (and name the header's and the line's column counts
//     when they differ). Columns that only group/year columns follow in the
//     header (after the counts) are counted from the end of each line, the
//     others from its start, so that rows of counts and rows of effects can
//     share one header; on space-separated lines all are counted from the end
//     (a label may contain spaces), and a header separated by spaces with
//     them elsewhere is reported.
//   * A missing field is a problem at column 0; an empty group, an empty
//     year or a year that is not four digits is a problem at its column,
//     checked once the rest of the row is good (so a row has at most one).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/arm_header.hpp"
#include "input/parse_table.hpp"

namespace metapool::input {

// A data line with its group and year fields cut out.
struct CutLine {
    std::string rest;          // the line without them, to be read as any line
    std::vector<int> kept;     // the column (1-based) in the line of each column of `rest`
    std::size_t cut = 0;       // how many fields were cut out
    std::size_t fields = 0;    // the line's fields (delimited lines: trailing empty ones not counted)
    bool spaces = false;       // a space-separated line
    std::string group;         // the row's group, "" if none
    int year = 0;              // its year, 0 if none
    // A bad group or year (column and message), refused only if the rest
    // of the row is good.
    std::optional<Problem> bad_value;
};

class GroupYearColumns {
public:
    bool any() const { return !columns_.empty(); }

    // Reads the header's group and year columns into `table` (group_column,
    // year_column, problems at `number`) and gives the other header fields,
    // for the arms they name.
    std::vector<HeaderField> read_header(const LineFields& header, int number, std::string_view text,
                                         ParsedTable& table);

    // Cuts the columns out of a data line (split, not skipped, without a
    // problem). The problem (column 0, message) when the line lacks one.
    std::optional<Problem> cut(std::string_view text, const LineFields& lf, CutLine& out) const;

    // The problems, notes and row read from `line.rest` (those after the
    // given counts) moved back to the columns of the line as pasted.
    void move_back(const CutLine& line, std::string_view text, std::size_t problems_before, std::size_t notes_before,
                   std::size_t rows_before, ParsedTable& table) const;

private:
    struct Column {
        bool year = false;
        std::size_t index = 0;   // 0-based position in the header
        bool from_end = false;   // only group/year columns follow it in the header
    };
    std::vector<std::size_t> positions(const LineFields& lf, std::size_t fields) const;
    void read_value(const Column& c, const std::string& v, int column, CutLine& out) const;
    std::string without_columns(std::string_view text, const LineFields& lf, std::vector<std::size_t> at) const;

    std::vector<Column> columns_;
    std::size_t header_fields_ = 0;
};

}  // namespace metapool::input
