// parse_table(): pasted text -> ParsedTable. The pipeline, a file for each
// step, each file's opening comment giving its rules:
//
//   pasted text -> lines          here: lines end at LF, CRLF or a lone CR
//                                 (old Mac); a UTF-8 BOM at the very start is
//                                 skipped; every line is read on its own
//   lines -> fields               input/spaces.hpp (what a space is),
//                                 input/field_splitter.hpp (separators, quoting)
//   fields -> what they are       input/table_parser.hpp (blank, comment,
//                                 header, data), input/row_layout.hpp (label
//                                 and counts), input/thousands.hpp (`1 234`),
//                                 input/effect_row.hpp (a reported effect),
//                                 input/group_year_columns.hpp
//   fields -> cells               input/counts.hpp (a count, `12/100`),
//                                 input/parse_effect.hpp (`RR 0.54 (0.40 to
//                                 0.72)`), input/paper_cells.hpp (`2/55 (3.6%)`)
//   cells -> rows                 input/row_counts.hpp (the two arms, their checks)
//   rows -> ParsedTable           input/study_labels.hpp (`Study N`, repeated
//                                 labels, input/repeated_labels.hpp)
//
// Forest-plot tables and RevMan's CSV export are read beside this
// (input/forest_plot_table.hpp). Messages quote pasted text through
// input/message_text.hpp.
//
// Never throws, does no I/O, runs in time linear in the input. Memory per
// line is bounded (only the few fields the layout rules look at are kept),
// and repeated labels are found through a flat hash table over the rows.
#include "input/parse_table.hpp"

#include <algorithm>

#include "input/table_parser.hpp"

namespace metapool {

namespace {

bool starts_with_bom(std::string_view text) {
    return text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
           static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF;
}

// Room for the rows: at most one per line, and a row takes at least 8 bytes
// (`1,1,1,1` and its line end).
std::size_t expected_rows(std::string_view text) {
    std::size_t lines = 1;
    for (char c : text) lines += (c == '\n' || c == '\r') ? 1 : 0;
    return std::min(lines, text.size() / 8 + 1);
}

}  // namespace

ParsedTable parse_table(std::string_view text) {
    if (starts_with_bom(text)) text.remove_prefix(3);
    input::TableParser parser;
    parser.reserve(expected_rows(text));
    std::size_t start = 0;
    for (int number = 1;; ++number) {
        std::size_t end = start;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
        parser.line(text.substr(start, end - start), number);
        if (end >= text.size()) break;
        start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
    }
    std::vector<StudyRow>& rows = parser.result.rows;
    if (rows.capacity() > 2 * rows.size() + 64) rows.shrink_to_fit();  // mostly blank or refused lines
    return std::move(parser.result);
}

bool ascii_iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

struct TableReader::State {
    input::TableParser parser;
};

TableReader::TableReader() : state_(new State) {}
TableReader::~TableReader() = default;
TableReader::TableReader(TableReader&&) noexcept = default;
TableReader& TableReader::operator=(TableReader&&) noexcept = default;

void TableReader::line(std::string_view text, int number) { state_->parser.line(text, number); }

const ParsedTable& TableReader::table() const { return state_->parser.result; }

ParsedTable TableReader::finish() {
    ParsedTable t = std::move(state_->parser.result);
    state_.reset(new State);
    return t;
}

}  // namespace metapool
