// Reads 2x2 tables as people paste them from spreadsheets, RevMan or papers.
//
// One study per line: `label, events1, total1, events2, total2`, or the
// four-number form without labels (studies are then named "Study 1", ...).
// Separators: tab, comma, semicolon or runs of spaces; RFC 4180 quoting for
// labels; `x/n` cells stand for an events/total pair; an optional header row;
// blank lines and lines starting with '#' are ignored. A row may report its
// effect instead (`label, RR 0.54 (0.40 to 0.72)`, parse_effect.hpp), and a
// header may name a group (subgroup) and a year column
// (group_year_columns.hpp). parse_table.cpp lists the steps and their files.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/table.hpp"

namespace metapool {

ParsedTable parse_table(std::string_view text);

// One line split into fields as parse_table() splits it, for other readers
// of the same text (batch mode's analysis column): the separator chosen for
// the line, quoted fields unquoted, every field trimmed of spaces. Fields of
// a space-separated line are its runs of non-spaces (a quoted first field
// is one), before parse_table() joins a label's words or `12 / 100`.
struct LineField {
    std::string value;      // trimmed; a quoted field without its quotes, "" undone
    std::size_t from = 0;   // the field's stretch of the line, spaces and quotes
    std::size_t to = 0;     // included: between its separators (or the line's ends)
    bool quoted = false;
};

struct LineFields {
    bool skip = false;      // blank, a comment, or only empty fields: parse_table() ignores it
    char separator = ' ';   // '\t', ';', ',' or ' ' (runs of spaces)
    std::vector<LineField> fields;
    // When the line cannot be split (a quote never closed, ...): the field
    // where (column, 1-based), parse_table()'s reason (message) and the line
    // (text); line is 0, the caller knows it. `fields` is then empty.
    std::optional<Problem> problem;
};

// Defined in input/field_splitter.cpp, beside the splitter parse_table() uses.
LineFields split_line(std::string_view line);

// parse_table() fed one line at a time, with the line numbers of the
// caller's choosing: line() takes a physical line without its line end (and
// without a BOM), as parse_table() reads them.
class TableReader {
public:
    TableReader();
    ~TableReader();
    TableReader(TableReader&&) noexcept;
    TableReader& operator=(TableReader&&) noexcept;

    void line(std::string_view text, int number);
    const ParsedTable& table() const;  // what has been read so far
    ParsedTable finish();              // the table; the reader starts afresh

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Equal but for the case of ASCII letters ("Year" = "year"): how header
// names are matched here and in batch mode.
bool ascii_iequal(std::string_view a, std::string_view b);

}  // namespace metapool
