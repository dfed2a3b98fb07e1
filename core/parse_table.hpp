// Reads 2x2 tables as people paste them from spreadsheets, RevMan or papers.
//
// One study per line: `label, events1, total1, events2, total2`, or the
// four-number form without labels (studies are then named "Study 1", ...).
// Separators: tab, comma, semicolon or runs of spaces; RFC 4180 quoting for
// labels; `x/n` cells stand for an events/total pair; an optional header row;
// blank lines and lines starting with '#' are ignored.
#pragma once

#include <string_view>

#include "table.hpp"

namespace metapool {

ParsedTable parse_table(std::string_view text);

}  // namespace metapool
