// Lines -> fields, the second step of the pipeline (pasted text -> lines ->
// fields -> cells -> rows -> ParsedTable). Internal to the table parser;
// other readers use split_line() (at the end), built on the same walk.
//
// Separators (chosen per line)
//   * A tab outside quotes makes the line tab-separated; else a semicolon
//     outside quotes makes it semicolon-separated; else a comma outside
//     quotes makes it comma-separated; else fields are separated by runs of
//     spaces (input/spaces.hpp). "Outside quotes" uses the same quote rule
//     as the field reader.
//   * Every physical line is read on its own: a quote is never continued
//     onto the next line (an unterminated quote is an error on its line), so
//     one stray quote cannot swallow the rest of the paste.
//   * Delimited lines (tab/semicolon/comma): a field whose first non-space
//     character is '"' is quoted (RFC 4180: `""` inside stands for one '"'; it
//     may hold separators); only spaces may follow its closing quote. Quotes
//     elsewhere in a field are ordinary characters. Quoted text is trimmed
//     of spaces like any field. Empty fields at the end of a line (trailing
//     separators, empty spreadsheet columns) are not counted.
//   * Space-separated lines: only the label can be quoted, by a '"' at the
//     start of the line; the other fields are runs of non-spaces, except
//     that `12 / 100` (spaces around '/'), `2.5 %` and a paper's `2/55
//     (3.6%)` are single fields. Which of them are the label and which the
//     counts is input/row_layout.hpp's business.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/problem.hpp"

namespace metapool::input {

enum class Sep { Tab, Semicolon, Comma, Space };

Sep choose_sep(std::string_view line);
char sep_char(Sep s);
const char* sep_hint(Sep s);  // "fields split at commas", for messages

// The other separator a delimited line holds outside quotes ("semicolons",
// "commas"), for the hint when it is short of counts (`A<TAB>1,10,2,20`);
// nullptr if none.
const char* other_separator(std::string_view line, Sep sep);

struct Field {
    std::string_view value;  // trimmed; for a quoted field, its text with "" undone
    std::size_t begin = 0;   // raw extent in the line (trimmed, quotes included)
    std::size_t end = 0;
    std::size_t slashes = 0;  // number of '/' in value (space-separated lines)
    bool quoted = false;
};

// The fields of one line, held in bounded memory so that a 1 MB line of
// separators costs no allocation per field: a delimited line keeps its first
// kHead fields (the layout never needs more), a space-separated line its
// first field and its last kTail fields (label start, counts, label end).
constexpr std::size_t kHead = 7;
constexpr std::size_t kTail = 6;

struct Fields {
    bool spaces = false;
    std::size_t count = 0;                   // trailing empty fields not counted
    bool numbers_after_first = false;        // a field after the first starts like a number
    std::size_t first_numeric = std::string_view::npos;  // space-separated lines only
    Field head[kHead];
    Field ring[kTail];

    // Ready for a new line. Only the counters are reset: the fields the
    // layout reads (those below `count`) are all written by the split, and
    // zeroing both arrays for every line cost several percent of a parse.
    void reset(bool space_separated) {
        spaces = space_separated;
        count = 0;
        numbers_after_first = false;
        first_numeric = std::string_view::npos;
    }

    // Delimited lines: i < kHead. Space-separated lines: i == 0 or
    // i >= count - kTail.
    const Field& at(std::size_t i) const {
        if (!spaces) return head[i < kHead ? i : kHead - 1];
        if (i + kTail >= count) return ring[i % kTail];
        return head[0];
    }
};

// Splits `line` into `out`. Quoted text is unquoted into `arena`, whose
// capacity the caller has made at least the line's length (the fields' views
// point into it). A line that cannot be split (a quote never closed, text
// after a closing quote) gives the problem: its column (the field, 1-based)
// and message; line and text are the caller's to fill in.
std::optional<Problem> split_fields(std::string_view line, Sep sep, std::string& arena, Fields& out);

}  // namespace metapool::input

namespace metapool {

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

LineFields split_line(std::string_view line);

}  // namespace metapool
