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

// For other readers of the same text (batch mode): split_line() and
// ascii_iequal().
#include "input/ascii_case.hpp"
#include "input/field_splitter.hpp"

namespace metapool {

ParsedTable parse_table(std::string_view text);

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

}  // namespace metapool
