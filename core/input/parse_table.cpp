// parse_table(): reads pasted 2x2 tables. The rules, including the choices
// made where the issue was silent:
//
// Lines
//   * Lines end at LF, CRLF or a lone CR (old Mac). A UTF-8 BOM at the very
//     start is skipped. Every physical line is read on its own: a quote is
//     never continued onto the next line (an unterminated quote is an error on
//     its line), so one stray quote cannot swallow the rest of the paste.
//   * Blank lines (only ASCII or Unicode spaces) are ignored, and so are lines
//     whose first non-space character is '#' (comments; quote a label that
//     starts with '#'). A line that splits into nothing but empty fields
//     (`,,,,` or `\t\t\t` - an empty spreadsheet row) counts as blank.
//   * "Spaces" are ASCII whitespace plus U+00A0, U+2000-U+200B, U+202F,
//     U+205F, U+2060, U+3000 and U+FEFF; they are trimmed from both ends of
//     every field. Everything else (including NUL bytes and invalid UTF-8)
//     is kept byte for byte.
//
// Separators (chosen per line)
//   * A tab outside quotes makes the line tab-separated; else a semicolon
//     outside quotes makes it semicolon-separated; else a comma outside
//     quotes makes it comma-separated; else fields are separated by runs of
//     spaces. "Outside quotes" uses the same quote rule as the field reader.
//   * Delimited lines (tab/semicolon/comma): a field whose first non-space
//     character is '"' is quoted (RFC 4180: `""` inside stands for one '"'; it
//     may hold separators); only spaces may follow its closing quote. Quotes
//     elsewhere in a field are ordinary characters. Quoted text is trimmed
//     of spaces like any field. Empty fields at the end of a line (trailing
//     separators, empty spreadsheet columns) are dropped.
//   * Space-separated lines: only the label can be quoted, by a '"' at the
//     start of the line. The counts are the last four fields (or the last two
//     `x/n` cells) and the label is everything before them, exactly as pasted
//     (`Smith et al. 2001 12 100 20 98` -> label `Smith et al. 2001`). Hence a
//     label may end in a number, and `1 234` cannot be recognised as a
//     thousands separator on such lines (it can on tab/semicolon/comma lines).
//     If the field four from the end does not start like a number and fewer
//     than four fields do, the line is short of counts ("expected 4 counts
//     after the label, found 3"); otherwise a bad field among the last four
//     is reported at its column, unless fewer than half of the last four
//     start like numbers (a line of prose: "expected 4 counts after the
//     label, found 1"). `12 / 100` and `2.5 %` are single fields.
//   * Thousands written with a space (`A 1 234 5000 20 98`) or, in a line of
//     bare numbers, a comma (`1,234,5000,20,98`) would silently shift a count
//     into the label. So when the label would end in a number and two of the
//     unquoted numbers ending the line could be one number with a thousands
//     separator (1-3 digits, one space or comma, exactly 3 digits), the line
//     is refused as ambiguous with the fix (quote the label, use tabs or
//     commas, drop the separators). Exception: a label ending in one number
//     of 4 or more digits (`Smith 2001 12 100 20 98`) is read as a label.
//     A comma line with one column too many that holds such a pair says
//     "if "1,234" is one number, type it without the comma (1234)".
//
// Layout of a data line
//   * `label, e1, n1, e2, n2` or `e1, n1, e2, n2` (RevMan order), or
//     `label, e1/n1, e2/n2` or `e1/n1, e2/n2`; spaces around '/' are allowed.
//   * On delimited lines the first field is the label when the line has 5
//     fields, or 3 fields with an x/n cell, or when the first field does not
//     start like a number (so a numeric label such as `2001` needs all 5
//     fields; `12,100,20` is an unlabelled row missing a count).
//   * Unlabelled rows are named `Study N`, N being the row's position among
//     the data lines (header, blank and comment lines not counted; rejected
//     lines counted, so names do not shift while the user fixes errors).
//   * The header is the first non-blank, non-comment line when it has at
//     least two fields and none after the first starts like a number; its
//     line goes into header_line. A later line without any count is an error.
//
// Reported effects (generic inverse variance; grammar in parse_effect.hpp)
//   * `label, RR 0.54 (0.40 to 0.72)`, `label<TAB>OR 1.3 [0.9, 1.8]`,
//     `Smith 2001 log RR -0.62 (se 0.15)`: on delimited lines the second
//     field (or the only one) starts like an effect (a measure word, then a
//     number); on space-separated lines the line ends in ')' or ']' and the
//     effect starts at the last such measure word, the label being what
//     comes before it. Checked before the header rule, so that a first line
//     of effects is not taken for a header. Such a row has NaN counts and its
//     effect in `reported`; one problem per line, in the order: fields (a
//     label and the effect only; a comma or semicolon inside the effect that
//     split the line is named as such), label, the effect.
//
// Forest-plot tables (README, "Forest-plot tables"; core/input/)
//   * Every line is first offered to ForestPlotTable::read_line()
//     (input/forest_plot_table.hpp): the header (`Study or Subgroup ...
//     Weight ...`, its first line `Experimental Control Risk Ratio ...` and
//     continuation `n/N n/N M-H,Fixed,95% CI`), title lines, subgroup
//     headings (`1.1.1 Adults`), `Total (95% CI)` / `Subtotal (95% CI)`,
//     `Total events`, `Heterogeneity:`, `Test for overall effect:`, `Test for
//     subgroup differences:`, `Prediction interval`, the axis and `Favours`
//     lines are read into ParsedTable::printed (and one note), never as rows.
//   * A study row of such a table (under its header, or any line of counts
//     followed by `5.2%  0.14 [0.03, 0.59]` / `Not estimable`) loses its
//     printed weight and effect columns (input/printed_columns.hpp) and the
//     rest is read here as any row; the printed numbers go to the row, the
//     heading to its group (ParsedTable::group_headings: analysed with
//     subgroups). Problems keep the columns of the line as pasted; an effect
//     that cannot be read is a problem at its column.
//   * RevMan 5's CSV export (input/revman_csv.hpp): under its header each
//     study row's Name and counts are read here, problems moved to the
//     export's columns.
//
// Group and year columns (README, "Input")
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
//
// Counts
//   * Plain digits only (a leading '+' is tolerated), value <= 2^53. Rejected
//     with a reason: empty cell, not a number, negative, decimal (also 12.0,
//     12,5), percentage, a count with its percentage (`12 (12%)`, as papers
//     print them) unless its total is found and agrees (see Notes),
//     thousands separators (1,234 1 234 1'234 1’234, and
//     U+00A0/U+202F/U+2009 as separators; `1.234` is reported as not whole,
//     with a hint in case the dot separates thousands), scientific notation,
//     too large, events larger than total, zero total. Counts are parsed by
//     hand (no stod/stoi, no exceptions).
//
// Problems
//   * At most one per line, in this order: quoting, the number of fields
//     (column 0 when counts are missing, else the first extra field), then
//     fields left to right: label (empty), then per group events,
//     total, and the group checks (events > total at the events column, zero
//     total at the total column; for x/n cells, the cell's column).
//   * Columns count fields 1-based as split; on space-separated lines the
//     label is column 1 and the counts follow it.
//   * Messages read `line L, column C: <reason>` (`line L: <reason>` for
//     column 0); quoted values longer than 40 bytes are shortened with "...".
//
// Notes (ParsedTable::notes; nothing refused, but the user must know)
//   * A repeated label (compared ignoring ASCII case and runs of spaces,
//     against rows already kept) never drops a row: the later row is kept
//     as `label (2)`, with a note (input/repeated_labels.hpp).
//   * A header that names the control arm first: rows are put in RevMan's
//     order (arms_swapped), with a note at the header; two arms neither of
//     which is the control: a note (input/arm_header.hpp).
//   * Paper cells `2/55 (3.6%)`: a percentage the counts do not give is
//     noted at its cell; `12 (21.8%)` takes its total from the next column
//     or the header, and is refused when the percentage does not agree
//     (input/paper_cells.hpp).
//
// Never throws, does no I/O, runs in time linear in the input. Memory per
// line is bounded (only the few fields the layout rules look at are kept),
// and repeated labels are found through a flat hash table over the rows.
#include "input/parse_table.hpp"

#include "input/arm_header.hpp"
#include "input/paper_cells.hpp"
#include "input/repeated_labels.hpp"
#include "input/parse_effect.hpp"
#include "input/forest_plot_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace metapool {
namespace {

using std::size_t;
using std::string;
using std::string_view;

constexpr std::uint64_t kMaxCount = 9007199254740992ULL;  // 2^53
constexpr size_t kShowMax = 40;

using uc = unsigned char;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Three-byte UTF-8 spaces: U+2000-U+200A, U+202F, U+205F, U+3000, and the
// invisible U+200B (zero width space), U+2060 (word joiner) and U+FEFF (a
// BOM inside the text), which would otherwise make "12" fail as a number
// with nothing visible to show why.
bool space3(uc a, uc b, uc c) {
    if (a == 0xE2 && b == 0x80) return (c >= 0x80 && c <= 0x8B) || c == 0xAF;
    if (a == 0xE2 && b == 0x81) return c == 0x9F || c == 0xA0;
    if (a == 0xE3 && b == 0x80) return c == 0x80;
    return a == 0xEF && b == 0xBB && c == 0xBF;
}

// Length of the space character starting at s[i], 0 if none.
size_t space_at(string_view s, size_t i) {
    const uc c = static_cast<uc>(s[i]);
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n') return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<uc>(s[i + 1]) == 0xA0) return 2;
    if (i + 2 < s.size() && space3(c, static_cast<uc>(s[i + 1]), static_cast<uc>(s[i + 2]))) return 3;
    return 0;
}

// Length of the space character ending just before s[end], 0 if none.
size_t space_before(string_view s, size_t end) {
    const uc c = static_cast<uc>(s[end - 1]);
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n') return 1;
    if (end >= 2 && static_cast<uc>(s[end - 2]) == 0xC2 && c == 0xA0) return 2;
    if (end >= 3 && space3(static_cast<uc>(s[end - 3]), static_cast<uc>(s[end - 2]), c)) return 3;
    return 0;
}

string_view trim(string_view s) {
    size_t b = 0;
    size_t e = s.size();
    while (b < e) {
        const size_t l = space_at(s, b);
        if (l == 0 || b + l > e) break;
        b += l;
    }
    while (e > b) {
        const size_t l = space_before(s, e);
        if (l == 0 || e - l < b) break;
        e -= l;
    }
    return s.substr(b, e - b);
}

bool is_unicode_minus(string_view s) {
    return s.size() >= 3 && static_cast<uc>(s[0]) == 0xE2 && static_cast<uc>(s[1]) == 0x88 &&
           static_cast<uc>(s[2]) == 0x92;
}

// Does the field start like a number (optional sign, optional '.', digit)?
bool starts_numeric(string_view v) {
    size_t i = 0;
    if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
        i = 1;
    } else if (is_unicode_minus(v)) {
        i = 3;
    }
    if (i < v.size() && v[i] == '.') ++i;
    return i < v.size() && is_digit(v[i]);
}

bool has_slash(string_view v) { return v.find('/') != string_view::npos; }

// A numeric-looking x/n cell.
bool is_cell_like(string_view v) { return starts_numeric(v) && has_slash(v); }

bool all_digits(string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!is_digit(c)) return false;
    }
    return true;
}

// A value as shown inside a message: in double quotes, shortened if long
// (cut at a UTF-8 character boundary).
string show(string_view v) {
    string out = "\"";
    if (v.size() <= kShowMax) {
        out.append(v);
    } else {
        size_t cut = kShowMax;
        for (int k = 0; k < 3 && cut > 0 && (static_cast<uc>(v[cut]) & 0xC0) == 0x80; ++k) --cut;
        out.append(v.substr(0, cut));
        out += "...";
    }
    out += '"';
    return out;
}

// ---------------------------------------------------------------- counts

struct Count {
    bool ok = false;
    std::uint64_t value = 0;
    string reason;
};

Count fail(string reason) {
    Count c;
    c.reason = std::move(reason);
    return c;
}

Count digits_value(string_view digits, string_view shown) {
    size_t i = 0;
    while (i + 1 < digits.size() && digits[i] == '0') ++i;
    digits = digits.substr(i);
    std::uint64_t v = 0;
    bool too_large = digits.size() > 16;
    if (!too_large) {
        for (char c : digits) v = v * 10 + static_cast<std::uint64_t>(c - '0');
        too_large = v > kMaxCount;
    }
    if (too_large) {
        return fail(show(shown) + " is too large; counts must be at most 9007199254740992");
    }
    Count c;
    c.ok = true;
    c.value = v;
    return c;
}

// Length of a thousands-separator candidate at s[i]: , . ' ’ or a space.
size_t group_sep_at(string_view s, size_t i) {
    const char c = s[i];
    if (c == ',' || c == '.' || c == '\'') return 1;
    if (i + 2 < s.size() && static_cast<uc>(c) == 0xE2 && static_cast<uc>(s[i + 1]) == 0x80 &&
        static_cast<uc>(s[i + 2]) == 0x99) {
        return 3;  // ’ (U+2019), the Swiss separator as typeset
    }
    return space_at(s, i);
}

size_t digit_run(string_view s, size_t i) {
    size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    return j - i;
}

// 1-3 digits, then one or more groups of (separator, exactly 3 digits), all
// with the same separator, then optionally a '.' or ',' fraction.
// Returns true on a match; `sep` receives the grouping separator.
bool grouped(string_view s, string_view& sep, bool& fraction) {
    size_t i = digit_run(s, 0);
    if (i < 1 || i > 3) return false;
    int groups = 0;
    while (i < s.size()) {
        const size_t l = group_sep_at(s, i);
        if (l == 0) break;
        const string_view here = s.substr(i, l);
        if (groups > 0 && here != sep) break;
        if (digit_run(s, i + l) != 3) break;
        sep = here;
        i += l + 3;
        ++groups;
    }
    if (groups == 0) return false;
    fraction = false;
    if (i == s.size()) return true;
    if ((s[i] == '.' || s[i] == ',') && string_view(&s[i], 1) != sep &&
        i + 1 + digit_run(s, i + 1) == s.size() && i + 1 < s.size()) {
        fraction = true;
        return true;
    }
    return false;
}

bool scientific(string_view s) {
    size_t i = digit_run(s, 0);
    size_t mantissa = i;
    if (i < s.size() && s[i] == '.') {
        const size_t f = digit_run(s, i + 1);
        mantissa += f;
        i += 1 + f;
    }
    if (mantissa == 0 || i >= s.size() || (s[i] != 'e' && s[i] != 'E')) return false;
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t exp = digit_run(s, i);
    return exp > 0 && i + exp == s.size();
}

const char* kNotWhole = " is not a whole number; counts must be whole numbers of participants";

// Parses one count field (already trimmed and unquoted).
Count parse_count(string_view s) {
    if (s.empty()) return fail("empty cell; each study needs events and totals for both groups");
    if (all_digits(s)) return digits_value(s, s);

    string_view body = s;
    bool negative = false;
    if (body[0] == '-') {
        negative = true;
        body = trim(body.substr(1));
    } else if (is_unicode_minus(body)) {
        negative = true;
        body = trim(body.substr(3));
    } else if (body[0] == '+') {
        body = body.substr(1);
        if (all_digits(body)) return digits_value(body, s);
    }
    const bool numberish = !body.empty() && (is_digit(body[0]) || (body[0] == '.' && body.size() > 1 && is_digit(body[1])));
    if (negative && numberish) return fail(show(s) + " is negative; counts cannot be negative");

    if (numberish && !negative) {
        // `12 (12%)`: a count with its percentage, as tables in papers print them.
        const size_t d = digit_run(body, 0);
        if (d > 0 && body.back() == ')' && trim(body.substr(d)).front() == '(') {
            return fail(show(s) + " holds more than a count; type only the count (" + string(body.substr(0, d)) +
                        ") in this cell");
        }
        if (body.back() == '%') {
            return fail(show(s) + " looks like a percentage; paste counts (numbers of participants), not percentages");
        }
        if (scientific(body)) {
            return fail(show(s) +
                        " is in scientific notation; type the count in full digits (in a spreadsheet, "
                        "format the cells as whole numbers before copying)");
        }
        string_view sep;
        bool fraction = false;
        if (grouped(body, sep, fraction)) {
            if (fraction) return fail(show(s) + kNotWhole);
            string plain;
            for (char c : body) {
                if (is_digit(c)) plain += c;
            }
            if (plain.size() > kShowMax) plain = "plain digits";
            if (sep == ".") {
                return fail(show(s) + kNotWhole + " (if \".\" separates thousands here, remove it: " + plain + ")");
            }
            return fail(show(s) + " contains a thousands separator; type the count without separators: " + plain);
        }
        // A plain decimal: digits, one '.' or ',', digits.
        size_t i = digit_run(body, 0);
        if (i < body.size() && (body[i] == '.' || body[i] == ',') && i + 1 + digit_run(body, i + 1) == body.size()) {
            return fail(show(s) + kNotWhole);
        }
    }
    return fail(show(s) + " is not a number; type the count as a whole number, e.g. 12");
}

// Parses an `events/total` cell.
bool parse_cell(string_view s, Count& events, Count& total, string& reason) {
    const size_t slash = s.find('/');
    if (slash == string_view::npos) {
        reason = show(s) + " is a single number, but this line uses events/total cells; write it like 12/100";
        return false;
    }
    if (s.find('/', slash + 1) != string_view::npos) {
        reason = show(s) + " has more than one \"/\"; write events/total, e.g. 12/100";
        return false;
    }
    const string_view a = trim(s.substr(0, slash));
    const string_view b = trim(s.substr(slash + 1));
    if (a.empty()) {
        reason = show(s) + " has no events before the \"/\"; write events/total, e.g. 12/100";
        return false;
    }
    if (b.empty()) {
        reason = show(s) + " has no total after the \"/\"; write events/total, e.g. 12/100";
        return false;
    }
    events = parse_count(a);
    if (!events.ok) {
        reason = events.reason;
        return false;
    }
    total = parse_count(b);
    if (!total.ok) {
        reason = total.reason;
        return false;
    }
    return true;
}

// ---------------------------------------------------------------- fields

enum class Sep { Tab, Semicolon, Comma, Space };

struct Field {
    string_view value;  // trimmed; for a quoted field, its text with "" undone
    size_t begin = 0;   // raw extent in the line (trimmed, quotes included)
    size_t end = 0;
    size_t slashes = 0;  // number of '/' in value (space-separated lines)
    bool quoted = false;
};

// The fields of one line, held in bounded memory so that a 1 MB line of
// separators costs no allocation per field: a delimited line keeps its first
// kHead fields (the interpretation never needs more), a space-separated line
// its first field and its last kTail fields (label start, counts, label end).
constexpr size_t kHead = 7;
constexpr size_t kTail = 6;

struct Fields {
    bool spaces = false;
    size_t count = 0;                   // trailing empty fields not counted
    bool numbers_after_first = false;   // a field after the first starts like a number
    size_t first_numeric = string_view::npos;  // space-separated lines only
    Field head[kHead];
    Field ring[kTail];

    // Delimited lines: i < kHead. Space-separated lines: i == 0 or
    // i >= count - kTail.
    const Field& at(size_t i) const {
        if (!spaces) return head[i < kHead ? i : kHead - 1];
        if (i + kTail >= count) return ring[i % kTail];
        return head[0];
    }
};

struct Failure {
    int column = 0;
    string reason;
};

// Skips spaces other than `sep` from i.
size_t skip_spaces(string_view line, size_t i, char sep) {
    while (i < line.size() && line[i] != sep) {
        const size_t l = space_at(line, i);
        if (l == 0) break;
        i += l;
    }
    return i;
}

// Reads a quoted field whose opening quote is at line[i], appending its text
// (with "" undone) to `arena`, whose capacity the caller has made at least
// the line's length so that earlier views into it stay valid. On success sets
// `value` and `close` (the index just after the closing quote).
bool read_quoted(string_view line, size_t i, string& arena, string_view& value, size_t& close) {
    const size_t start = arena.size();
    size_t k = i + 1;
    size_t chunk = k;
    while (k < line.size()) {
        const size_t q = line.find('"', k);
        if (q == string_view::npos) break;
        arena.append(line.substr(chunk, q - chunk));
        if (q + 1 < line.size() && line[q + 1] == '"') {
            arena += '"';
            k = q + 2;
            chunk = k;
            continue;
        }
        close = q + 1;
        value = trim(string_view(arena).substr(start));
        return true;
    }
    arena.resize(start);
    return false;
}

const char* kUnterminated =
    "the quote that starts this field is never closed; close it with another \" (a quoted label "
    "cannot continue onto the next line)";
const char* kAfterQuote =
    "unexpected text after the closing quote; put the whole label inside the quotes and write \"\" "
    "for a quote inside it";

// Is `sep` present outside quoted fields? (Same quote rule as the readers.)
bool sep_outside_quotes(string_view line, char sep) {
    size_t i = skip_spaces(line, 0, sep);
    while (i < line.size()) {
        if (line[i] == '"') {
            size_t k = i + 1;
            for (;;) {
                const size_t q = line.find('"', k);
                if (q == string_view::npos) return false;
                if (q + 1 < line.size() && line[q + 1] == '"') {
                    k = q + 2;
                    continue;
                }
                i = q + 1;
                break;
            }
        }
        const size_t p = line.find(sep, i);
        if (p == string_view::npos) return false;
        return true;
    }
    return false;
}

Sep choose_sep(string_view line) {
    if (line.find('\t') != string_view::npos && sep_outside_quotes(line, '\t')) return Sep::Tab;
    if (line.find(';') != string_view::npos && sep_outside_quotes(line, ';')) return Sep::Semicolon;
    if (line.find(',') != string_view::npos && sep_outside_quotes(line, ',')) return Sep::Comma;
    return Sep::Space;
}

char sep_char(Sep s) {
    switch (s) {
        case Sep::Tab: return '\t';
        case Sep::Semicolon: return ';';
        case Sep::Comma: return ',';
        case Sep::Space: break;
    }
    return ' ';
}

const char* sep_hint(Sep s) {
    switch (s) {
        case Sep::Tab: return "fields split at tabs";
        case Sep::Semicolon: return "fields split at semicolons";
        case Sep::Comma: return "fields split at commas";
        case Sep::Space: break;
    }
    return "fields split at spaces";
}

int column_of(size_t index) { return static_cast<int>(index) + 1; }

// Walks the fields of a delimited line: visit(field, index, next) for each,
// `next` being the index of the separator that ends it (npos for the last).
// Shared by split_delimited() and the public split_line().
template <typename Visit>
bool for_each_delimited_field(string_view line, char sep, string& arena, Failure& failure, Visit visit) {
    size_t i = 0;
    size_t index = 0;
    for (;;) {
        Field f;
        const size_t j = skip_spaces(line, i, sep);
        size_t next;  // index of the separator ending this field, or npos
        if (j < line.size() && line[j] == '"') {
            size_t close = 0;
            if (!read_quoted(line, j, arena, f.value, close)) {
                failure = {column_of(index), kUnterminated};
                return false;
            }
            const size_t k = skip_spaces(line, close, sep);
            if (k < line.size() && line[k] != sep) {
                failure = {column_of(index), kAfterQuote};
                return false;
            }
            f.quoted = true;
            f.begin = j;
            f.end = close;
            next = k < line.size() ? k : string_view::npos;
        } else {
            next = line.find(sep, j);
            const size_t e = next == string_view::npos ? line.size() : next;
            f.value = trim(line.substr(j, e - j));
            f.begin = j;
            f.end = j + f.value.size();
        }
        visit(f, index, next);
        if (next == string_view::npos) return true;
        i = next + 1;
        ++index;
    }
}

bool split_delimited(string_view line, char sep, string& arena, Fields& out, Failure& failure) {
    out = Fields();
    return for_each_delimited_field(line, sep, arena, failure, [&](const Field& f, size_t index, size_t) {
        if (!f.value.empty()) out.count = index + 1;
        if (index >= 1 && !out.numbers_after_first && starts_numeric(f.value)) out.numbers_after_first = true;
        if (index < kHead) out.head[index] = f;
    });
}

size_t count_slashes(string_view v) {
    size_t n = 0;
    for (char c : v) n += c == '/' ? 1 : 0;
    return n;
}

void push_space_field(string_view line, const Field& f, Fields& out) {
    if (out.count > 0) {
        Field& prev = out.ring[(out.count - 1) % kTail];
        // `12 / 100`, `12/ 100`, `12 /100` are one cell, and `2.5 %` one field.
        const bool slash_join = !prev.quoted && (f.value.front() == '/' || prev.value.back() == '/') &&
                                prev.slashes + f.slashes == 1;
        // `2/55 (3.6%)` and `12 (21.8)` are one cell (input/paper_cells.hpp).
        const bool percent_join = !prev.quoted && f.value.front() == '(' && is_digit(prev.value.back()) &&
                                  split_paper_cell(line.substr(prev.begin, f.end - prev.begin)).matched;
        if (slash_join || percent_join || (!prev.quoted && f.value == "%")) {
            prev.end = f.end;
            prev.value = line.substr(prev.begin, f.end - prev.begin);
            prev.slashes += f.slashes;
            if (out.count == 1) out.head[0] = prev;
            return;
        }
    }
    const size_t index = out.count;
    out.ring[index % kTail] = f;
    if (index == 0) out.head[0] = f;
    if (starts_numeric(f.value)) {
        if (out.first_numeric == string_view::npos) out.first_numeric = index;
        if (index >= 1) out.numbers_after_first = true;
    }
    ++out.count;
}

// Walks the fields of a space-separated line before any joining: a quoted
// first field, then runs of non-spaces; visit(field) for each. Shared by
// split_spaces() and the public split_line().
template <typename Visit>
bool for_each_space_field(string_view line, string& arena, Failure& failure, Visit visit) {
    size_t i = skip_spaces(line, 0, '\0');
    if (i < line.size() && line[i] == '"') {
        Field f;
        size_t close = 0;
        if (!read_quoted(line, i, arena, f.value, close)) {
            failure = {1, kUnterminated};
            return false;
        }
        if (close < line.size() && space_at(line, close) == 0) {
            failure = {1, kAfterQuote};
            return false;
        }
        f.quoted = true;
        f.begin = i;
        f.end = close;
        visit(f);
        i = close;
    }
    for (;;) {
        i = skip_spaces(line, i, '\0');
        if (i >= line.size()) break;
        size_t e = i;
        while (e < line.size() && space_at(line, e) == 0) ++e;
        Field f;
        f.begin = i;
        f.end = e;
        f.value = line.substr(i, e - i);
        f.slashes = count_slashes(f.value);
        visit(f);
        i = e;
    }
    return true;
}

bool split_spaces(string_view line, string& arena, Fields& out, Failure& failure) {
    out = Fields();
    out.spaces = true;
    return for_each_space_field(line, arena, failure, [&](const Field& f) { push_space_field(line, f, out); });
}

// ---------------------------------------------------------------- thousands

// `1 234` on a space-separated line and `1,234` on a comma-separated one look
// like two fields. Can the adjacent fields a and b be one number written with
// a thousands separator: a of 1-3 digits (no leading 0), then exactly one
// separator (a comma, or one space character), then b of exactly 3 digits?
bool thousands_pair(string_view line, const Field& a, const Field& b, bool comma) {
    if (a.quoted || b.quoted || b.begin <= a.end) return false;
    if (!all_digits(a.value) || a.value.size() > 3 || a.value[0] == '0') return false;
    if (!all_digits(b.value) || b.value.size() != 3) return false;
    const string_view gap = line.substr(a.end, b.begin - a.end);
    return comma ? gap == "," : space_at(line, a.end) == gap.size();
}

// The fields from..to-1 are the unquoted numbers that end the line, and more
// of them than there are counts, so the label would end in a number. If two
// of them could be one number with a thousands separator, the line can be
// read more than one way: returns the first such pair's index, else npos.
// A label ending in a single number of 4 or more digits (a year, `Smith
// 2001 12 100 20 98`) is read as a label: such a number cannot start a
// thousands group, and the other reading would make it a count.
size_t ambiguous_numbers(string_view line, const Fields& f, size_t from, size_t to, bool comma) {
    if (to - from == 5 && f.at(from).value.size() > 3) return string_view::npos;
    for (size_t i = from; i + 1 < to; ++i) {
        if (thousands_pair(line, f.at(i), f.at(i + 1), comma)) return i;
    }
    return string_view::npos;
}

string ambiguous_message(string_view line, const Field& a, const Field& b, bool comma) {
    return string("cannot tell the label from the counts: ") + show(line.substr(a.begin, b.end - a.begin)) +
           " could be one number with " + (comma ? "a comma" : "a space") + " as thousands separator (" +
           string(a.value) + string(b.value) + ") or two numbers; put the label in double quotes" +
           (comma ? "" : " or separate the fields with tabs or commas") + ", and type counts without separators";
}

// The other separator a delimited line holds outside quotes, for the hint
// when it is short of counts (`A<TAB>1,10,2,20`).
const char* other_separator(string_view line, Sep sep) {
    if (sep == Sep::Tab && line.find(';') != string_view::npos && sep_outside_quotes(line, ';')) return "semicolons";
    if ((sep == Sep::Tab || sep == Sep::Semicolon) && line.find(',') != string_view::npos &&
        sep_outside_quotes(line, ',')) {
        return "commas";
    }
    return nullptr;
}

// ---------------------------------------------------------------- lines

// Repeated labels are found by a key: ASCII letters lower-cased, runs of
// spaces read as one space. The key is never built; it is read byte by byte.
struct KeyCursor {
    string_view s;
    size_t i = 0;

    int next() {
        if (i >= s.size()) return -1;
        size_t l = space_at(s, i);
        if (l > 0) {
            while (i < s.size() && (l = space_at(s, i)) > 0) i += l;
            return i < s.size() ? ' ' : -1;
        }
        const char c = s[i++];
        return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : static_cast<uc>(c);
    }
};

std::uint64_t key_hash(string_view label) {
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a
    KeyCursor c{label};
    for (int b = c.next(); b >= 0; b = c.next()) {
        h ^= static_cast<std::uint64_t>(b);
        h *= 1099511628211ULL;
    }
    return h;
}

bool same_key(string_view a, string_view b) {
    KeyCursor x{a};
    KeyCursor y{b};
    for (;;) {
        const int p = x.next();
        const int q = y.next();
        if (p != q) return false;
        if (p < 0) return true;
    }
}

// The labels of the accepted rows, by key: open addressing over row indices,
// so 100,000 rows cost two flat arrays rather than 100,000 allocations.
class LabelIndex {
public:
    void reserve(size_t rows) { rehash(capacity_for(rows)); }

    // Index of the accepted row whose label has the same key, or npos.
    size_t find(std::uint64_t h, string_view label, const std::vector<StudyRow>& rows) const {
        if (slots_.empty()) return string_view::npos;
        const size_t mask = slots_.size() - 1;
        for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
            if (slots_[i] == 0) return string_view::npos;
            const size_t row = slots_[i] - 1;
            if (hashes_[i] == h && same_key(rows[row].label, label)) return row;
        }
    }

    void insert(std::uint64_t h, size_t row) {
        if ((used_ + 1) * 2 > slots_.size()) rehash(capacity_for(used_ + 1));
        place(h, static_cast<std::uint32_t>(row + 1));
        ++used_;
    }

private:
    static size_t capacity_for(size_t n) {
        size_t c = 16;
        while (c < n * 2) c *= 2;
        return c;
    }

    void place(std::uint64_t h, std::uint32_t value) {
        const size_t mask = slots_.size() - 1;
        size_t i = static_cast<size_t>(h) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = value;
        hashes_[i] = h;
    }

    void rehash(size_t capacity) {
        if (capacity <= slots_.size()) return;
        std::vector<std::uint32_t> old_slots(capacity, 0);
        std::vector<std::uint64_t> old_hashes(capacity, 0);
        old_slots.swap(slots_);
        old_hashes.swap(hashes_);
        for (size_t i = 0; i < old_slots.size(); ++i) {
            if (old_slots[i] != 0) place(old_hashes[i], old_slots[i]);
        }
    }

    std::vector<std::uint32_t> slots_;  // row index + 1; 0 = empty
    std::vector<std::uint64_t> hashes_;
    size_t used_ = 0;
};

string count_word(bool slash, size_t n) {
    if (slash) return n == 1 ? "events/total cell" : "events/total cells";
    return n == 1 ? "count" : "counts";
}

// A count field with the column it is reported under.
struct CountField {
    string_view value;
    int column = 0;
};

struct Parser {
    ParsedTable result;
    LabelIndex seen;  // accepted rows by label
    RepeatedLabels repeats;  // labels given to rows whose label repeats (input/repeated_labels.hpp)
    ArmHeader arms;          // the arms as the header names them, and their totals (input/arm_header.hpp)
    int data_rows = 0;
    bool seen_content = false;
    string arena;  // unquoted text of quoted fields, reused line after line
    Fields fields;

    void reject(int line, int column, const string& reason, string_view text) {
        InputProblem p;
        p.line = line;
        p.column = column;
        p.message = "line " + std::to_string(line);
        if (column > 0) p.message += ", column " + std::to_string(column);
        p.message += ": ";
        p.message += reason;
        p.text.assign(text);
        result.problems.push_back(std::move(p));
    }

    // Group and year columns named by the header (see "Group and year
    // columns" above): their 0-based header positions, and the value of the
    // line being read, checked once the rest of its row is good.
    struct Extra {
        bool year = false;
        size_t index = 0;
        bool from_end = false;  // only group/year columns follow it in the header
    };
    struct Pending {
        string group;
        int year = 0;
        int column = 0;       // where the first bad value is, with
        string reason;        // why (empty: good)
        bool refused = false; // the row was good but for its group or year
    };
    std::vector<Extra> extras;
    size_t header_fields = 0;
    Pending pending;
    ForestPlotTable forest;  // a RevMan / Cochrane forest-plot table's source lines

    void line(string_view text, int number);
    void forest_row(string_view text, int number);
    void plain_line(string_view text, int number);
    void read_header(string_view text, int number);
    void extra_line(string_view text, int number);
    bool effect_line(string_view text, Sep sep, const Fields& f, int number);
    bool check_label(string& label, bool has_label, int number, string_view text, std::uint64_t& key);
    bool take_pending(StudyRow& row);
    void keep_row(StudyRow row, std::uint64_t key, int label_column, string_view text);
};

void Parser::line(string_view text, int number) {
    // A forest-plot table (input/forest_plot_table.hpp): its header, headings,
    // Total and heterogeneity lines are read as printed results; its study
    // rows lose their printed weight and effect columns before being read.
    switch (forest.read_line(text, number, data_rows > 0, result)) {
        case ForestLine::Source: seen_content = true; return;
        case ForestLine::StudyRow: forest_row(text, number); return;
        case ForestLine::Other: break;
    }
    if (extras.empty()) {
        plain_line(text, number);
    } else {
        extra_line(text, number);
    }
}

// A study row of a forest-plot table: the counts before the printed
// columns are read as any row (their columns are those of the line as
// pasted, the printed ones coming last), then given the printed numbers.
void Parser::forest_row(string_view text, int number) {
    if (const string* counts = forest.counts_line()) {  // RevMan 5's CSV export
        const size_t problems = result.problems.size();
        const size_t rows = result.rows.size();
        plain_line(*counts, number);
        for (size_t i = problems; i < result.problems.size(); ++i) {
            InputProblem& p = result.problems[i];
            const size_t colon = p.message.find(": ");
            if (p.column > 0) p.column = forest.export_column(p.column);
            p.message = "line " + std::to_string(number) + (p.column > 0 ? ", column " + std::to_string(p.column) : "") +
                        p.message.substr(colon);
            p.text.assign(text);
        }
        if (result.rows.size() > rows) forest.take_row(result.rows.back(), PrintedColumns(), result);
        return;
    }
    PrintedColumns printed = cut_printed_columns(text);
    if (printed.found && printed.error.empty() && !printed.before_numeric) printed = PrintedColumns();  // an effect row
    if (printed.found && !printed.error.empty()) {
        seen_content = true;
        ++data_rows;
        reject(number, printed.error_column, printed.error, text);
        return;
    }
    const size_t rows = result.rows.size();
    const size_t problems = result.problems.size();
    plain_line(printed.found ? text.substr(0, printed.keep) : text, number);
    for (size_t i = problems; i < result.problems.size(); ++i) result.problems[i].text.assign(text);
    if (result.rows.size() > rows) forest.take_row(result.rows.back(), printed, result);
}

void Parser::plain_line(string_view text, int number) {
    const string_view t = trim(text);
    if (t.empty() || t[0] == '#') return;

    const Sep sep = choose_sep(text);
    arena.clear();
    if (arena.capacity() < text.size()) arena.reserve(text.size());
    Fields& f = fields;
    Failure failure;
    const bool split_ok = sep == Sep::Space ? split_spaces(text, arena, f, failure)
                                            : split_delimited(text, sep_char(sep), arena, f, failure);
    if (!split_ok) {
        seen_content = true;
        ++data_rows;
        reject(number, failure.column, failure.reason, text);
        return;
    }
    const size_t k = f.count;
    if (k == 0) return;  // only empty fields: an empty spreadsheet row

    if (effect_line(text, sep, f, number)) return;
    const bool first_line = !seen_content;
    if (first_line) {
        seen_content = true;
        if (k >= 2 && !f.numbers_after_first) {
            result.header_line = number;
            read_header(text, number);
            return;
        }
    }
    ++data_rows;
    if (!f.numbers_after_first && (k >= 2 || !starts_numeric(f.at(0).value))) {
        reject(number, 0,
               string("no counts found; expected a label and 4 counts, e.g. Smith 2001, 12, 100, 20, 98 (") +
                   (first_line ? "" : "only the first line can be a header; ") + sep_hint(sep) + ")",
               text);
        return;
    }

    // Work out the label and the count fields.
    bool has_label = false;
    string label;
    CountField counts[4];
    bool slash = false;
    bool header_cells = false;  // `12 (21.8%)` cells whose totals the header prints (input/arm_header.hpp)
    if (sep == Sep::Space) {
        slash = is_cell_like(f.at(k - 1).value) || (k >= 2 && is_cell_like(f.at(k - 2).value));
        header_cells = !slash && arms.has_totals() && k >= 3 &&
                       (split_paper_cell(f.at(k - 2).value).matched || split_paper_cell(f.at(k - 1).value).matched ||
                        f.first_numeric + 2 == k);
        const size_t need = slash || header_cells ? 2 : 4;
        const size_t first_num = f.first_numeric == string_view::npos ? k : f.first_numeric;
        const size_t found = k - first_num;
        // Fewer than half of the count fields look like numbers: a line of
        // prose (`Table 2. Outcomes by arm`), not a row with a bad count.
        size_t numeric_tail = 0;
        for (size_t i = k >= need ? k - need : 0; i < k; ++i) numeric_tail += starts_numeric(f.at(i).value) ? 1 : 0;
        if (!(k >= need && (starts_numeric(f.at(k - need).value) || found >= need) && 2 * numeric_tail >= need)) {
            reject(number, 0,
                   "expected " + std::to_string(need) + " " + count_word(slash, need) +
                       (first_num > 0 ? " after the label" : "") + ", found " +
                       std::to_string(numeric_tail) + " (" + sep_hint(sep) + ")",
                   text);
            return;
        }
        const size_t nl = k - need;
        has_label = nl > 0;
        if (!slash) {  // `A 1 234 5000 20 98`: label `A 1` or `A`?
            size_t r = 0;
            while (r < k && r < kTail && !f.at(k - 1 - r).quoted && all_digits(f.at(k - 1 - r).value)) ++r;
            const size_t i = r > need ? ambiguous_numbers(text, f, k - r, k, false) : string_view::npos;
            if (i != string_view::npos) {
                reject(number, i < nl ? 2 : static_cast<int>(i - nl) + 2,
                       ambiguous_message(text, f.at(i), f.at(i + 1), false), text);
                return;
            }
        }
        if (has_label) {
            // The label: the first field's value, then the rest as pasted.
            const Field& first = f.at(0);
            label.assign(first.value);
            if (nl > 1) label.append(text.substr(first.end, f.at(nl - 1).end - first.end));
        }
        for (size_t i = 0; i < need; ++i) {
            counts[i].value = f.at(nl + i).value;
            counts[i].column = static_cast<int>(i) + (has_label ? 2 : 1);
        }
    } else {
        if (k == 5) {
            has_label = true;
        } else if (k == 3 && !is_cell_like(f.at(0).value) && (has_slash(f.at(1).value) || has_slash(f.at(2).value))) {
            has_label = true;
        } else {
            has_label = !starts_numeric(f.at(0).value);
        }
        const size_t first = has_label ? 1 : 0;
        const size_t m = k - first;
        bool any_cell = false;
        if (m <= 3) {
            for (size_t i = first; i < k; ++i) any_cell = any_cell || is_cell_like(f.at(i).value);
        }
        slash = (m >= 1 && is_cell_like(f.at(first).value)) || any_cell;
        header_cells = !slash && m == 2 && arms.has_totals();
        const size_t need = slash || header_cells ? 2 : 4;
        const string what = count_word(slash, need) + (has_label ? " after the label" : "");
        if (m < need) {
            if (m == 2 && split_paper_cell(f.at(first).value).matched &&
                split_paper_cell(f.at(first + 1).value).matched) {  // `12 (21.8%)` without a total
                reject(number, 0, counts_without_totals(what, sep_hint(sep)), text);
                return;
            }
            const char* other = other_separator(text, sep);
            reject(number, 0,
                   "expected " + std::to_string(need) + " " + what + ", found " + std::to_string(m) + " (" +
                       sep_hint(sep) +
                       (other ? string("; the line also has ") + other + ": use one kind of separator" : "") + ")",
                   text);
            return;
        }
        if (m > need) {
            string hint = sep_hint(sep);
            if (has_label && sep != Sep::Tab) {
                hint += sep == Sep::Comma ? "; a label containing a comma must be in double quotes"
                                          : "; a label containing a semicolon must be in double quotes";
            }
            string grouped_hint;  // `A,1,234,5000,20,98`
            for (size_t i = first; sep == Sep::Comma && !slash && i + 1 < std::min(k, kHead); ++i) {
                if (thousands_pair(text, f.at(i), f.at(i + 1), true)) {
                    grouped_hint = "if " + show(text.substr(f.at(i).begin, f.at(i + 1).end - f.at(i).begin)) +
                                   " is one number, type it without the comma (" + string(f.at(i).value) +
                                   string(f.at(i + 1).value) + "), otherwise ";
                    break;
                }
            }
            reject(number, column_of(first + need),
                   "expected " + std::to_string(need) + " " + what + ", found " + std::to_string(m) + "; " +
                       grouped_hint + "delete the extra column (" + hint + ")",
                   text);
            return;
        }
        if (sep == Sep::Comma && !slash && k == 5 && !f.at(0).quoted && all_digits(f.at(0).value)) {
            const size_t i = ambiguous_numbers(text, f, 0, 5, true);  // `1,234,5000,20,98`
            if (i != string_view::npos) {
                reject(number, column_of(i), ambiguous_message(text, f.at(i), f.at(i + 1), true), text);
                return;
            }
        }
        if (has_label) label.assign(f.at(0).value);
        for (size_t i = 0; i < need; ++i) {
            counts[i].value = f.at(first + i).value;
            counts[i].column = column_of(first + i);
        }
    }

    // The label.
    std::uint64_t key = 0;
    if (!check_label(label, has_label, number, text, key)) return;

    // The counts, group by group.
    std::uint64_t values[4] = {0, 0, 0, 0};
    PrintedNumber percents[2];  // printed beside the events (input/paper_cells.hpp)
    std::vector<InputProblem> percent_notes;
    for (size_t g = 0; g < 2; ++g) {
        int events_col = 0;
        int total_col = 0;
        Count events;
        Count total;
        if (slash) {
            const CountField& cell = counts[g];
            const PaperCell paper = split_paper_cell(cell.value);  // `2/55 (3.6%)`
            string reason;
            if (!parse_cell(paper.matched ? paper.counts : cell.value, events, total, reason)) {
                reject(number, cell.column, reason, text);
                return;
            }
            percents[g] = paper.percent;
            events_col = total_col = percents[g].column = cell.column;
        } else if (header_cells) {  // `12 (21.8%)` under `Dupilumab (N=55)`
            const CountField& cell = counts[g];
            const PaperCell paper = split_paper_cell(cell.value);
            events = parse_count(paper.matched ? paper.counts : cell.value);
            if (!events.ok) {
                reject(number, cell.column, events.reason, text);
                return;
            }
            total.ok = true;
            total.value = arms.total[g];
            percents[g] = paper.percent;
            events_col = total_col = percents[g].column = cell.column;
        } else {
            for (size_t j = 0; j < 2; ++j) {
                const CountField& c = counts[2 * g + j];
                Count& slot = j == 0 ? events : total;
                if (is_cell_like(c.value)) {
                    reject(number, c.column,
                           show(c.value) +
                               " is an events/total cell, but this line has separate counts; use either "
                               "12/100, 20/98 or 12, 100, 20, 98",
                           text);
                    return;
                }
                const PaperCell paper = j == 0 ? split_paper_cell(c.value) : PaperCell();  // `12 (12%)`
                const bool with_percent = paper.matched && paper.counts.find('/') == string_view::npos;
                slot = parse_count(with_percent ? paper.counts : c.value);
                if (with_percent) {
                    percents[g] = paper.percent;
                    percents[g].column = c.column;
                }
                if (!slot.ok) {
                    reject(number, c.column, slot.reason, text);
                    return;
                }
            }
            events_col = counts[2 * g].column;
            total_col = counts[2 * g + 1].column;
        }
        const char* group = arm_read_as(arms, static_cast<int>(g));
        if (percents[g].present() && events.value <= total.value && total.value > 0 &&
            !percent_agrees(static_cast<double>(events.value), static_cast<double>(total.value), percents[g])) {
            const CountField& cell = counts[slash || header_cells ? g : 2 * g];
            if (!slash) {  // the total was found elsewhere: the percentage says it may not be this one
                reject(number, cell.column,
                       count_percent_mismatch(show(cell.value), events.value, total.value, percents[g],
                                              header_cells ? "printed in the header" : "in column " + std::to_string(total_col)),
                       text);
                return;
            }
            percent_notes.push_back({number, cell.column,
                                     "line " + std::to_string(number) + ", column " + std::to_string(cell.column) +
                                         ": " + cell_percent_mismatch(events.value, total.value, percents[g]),
                                     string(text)});
        }
        if (events.value > total.value) {
            reject(number, events_col,
                   "events larger than total in the " + string(group) + " group (" + std::to_string(events.value) +
                       " events, total " + std::to_string(total.value) +
                       "); check the numbers and that events come before totals",
                   text);
            return;
        }
        if (total.value == 0) {
            reject(number, total_col,
                   "zero total in the " + string(group) + " group; each group needs at least one participant",
                   text);
            return;
        }
        values[2 * g] = events.value;
        values[2 * g + 1] = total.value;
    }

    StudyRow row;
    if (!take_pending(row)) return;
    row.label = std::move(label);
    row.e1 = static_cast<double>(values[0]);
    row.n1 = static_cast<double>(values[1]);
    row.e2 = static_cast<double>(values[2]);
    row.n2 = static_cast<double>(values[3]);
    row.line = number;
    row.printed.percent1 = percents[0];
    row.printed.percent2 = percents[1];
    if (arms.swapped) {  // the header named the control arm first: RevMan's order, with the header's note
        std::swap(row.e1, row.e2);
        std::swap(row.n1, row.n2);
        std::swap(row.printed.percent1, row.printed.percent2);
        row.arms_swapped = true;
    }
    for (InputProblem& p : percent_notes) result.notes.push_back(std::move(p));
    keep_row(std::move(row), key, has_label ? 1 : 0, text);
}

// ---------------------------------------------------------------- labels, effects, group and year

bool Parser::check_label(string& label, bool has_label, int number, string_view text, std::uint64_t& key) {
    if (has_label) {
        if (label.empty()) {
            reject(number, 1, "the label is empty; type a name for this study", text);
            return false;
        }
    } else {
        label = "Study " + std::to_string(data_rows);
    }
    key = key_hash(label);  // a repeated label is kept (keep_row())
    return true;
}

// A good row is kept. One whose label repeats a kept row's gets a label no
// kept row has, and a note (input/repeated_labels.hpp): never left out.
void Parser::keep_row(StudyRow row, std::uint64_t key, int label_column, string_view text) {
    const size_t earlier = seen.find(key, row.label, result.rows);
    std::uint64_t final_key = key;
    if (earlier != string_view::npos) {
        const auto taken = [this](const string& l) {
            return seen.find(key_hash(l), l, result.rows) != string_view::npos;
        };
        result.notes.push_back(repeats.rename(row, earlier, result.rows, label_column, text, taken));
        final_key = key_hash(row.label);
    }
    result.rows.push_back(std::move(row));
    seen.insert(final_key, result.rows.size() - 1);
}

// The group and year read by extra_line() go to the row; false (and the
// row is left out) when one of them is bad.
bool Parser::take_pending(StudyRow& row) {
    if (!pending.reason.empty()) {
        pending.refused = true;
        return false;
    }
    row.group = pending.group;
    row.year = pending.year;
    return true;
}

string split_effect_message(Sep sep) {
    const string what = sep == Sep::Comma ? "comma" : "semicolon";
    return "the " + what + " inside the effect splits the line at " + what +
           "s: write the limits with \"to\", e.g. RR 0.54 (0.40 to 0.72), or put a tab between the label and the effect";
}

// A row that reports its effect (parse_effect.hpp): `label, RR 0.54 (0.40
// to 0.72)`. False when the line is not one (it then has counts).
bool Parser::effect_line(string_view text, Sep sep, const Fields& f, int number) {
    const size_t k = f.count;
    bool has_label = false;
    string label;
    string_view effect;
    if (sep == Sep::Space) {
        const size_t p = find_effect(text);
        if (p == string_view::npos) return false;
        const string_view before = trim(text.substr(0, p));
        has_label = !before.empty();
        if (has_label) {
            const Field& first = f.at(0);
            if (first.quoted && first.end <= p) {
                label.assign(first.value);
                label.append(trim(text.substr(first.end, p - first.end)));
            } else {
                label.assign(before);
            }
        }
        effect = trim(text.substr(p));
    } else if (k >= 2 && starts_like_effect(f.at(1).value)) {
        has_label = true;
        label.assign(f.at(0).value);
        effect = f.at(1).value;
    } else if (k == 1 && starts_like_effect(f.at(0).value)) {
        effect = f.at(0).value;
    } else {
        // `Jones, OR 1.3 [0.9; 1.8]` is split at the semicolon.
        const size_t p = sep == Sep::Tab ? string_view::npos : find_effect(text);
        if (p == string_view::npos || text.find(sep_char(sep), p) == string_view::npos) return false;
        seen_content = true;
        ++data_rows;
        reject(number, 0, split_effect_message(sep), text);
        return true;
    }
    seen_content = true;
    ++data_rows;
    const int column = has_label ? 2 : 1;
    if (sep != Sep::Space && k > 2) {
        // A separator inside the effect (`RR 0.54 (0.40, 0.72)`, `RR 0,54
        // (...)`), or a column after it?
        const EffectParse whole = sep == Sep::Tab ? EffectParse() : parse_effect(trim(text.substr(f.at(1).begin)));
        if (whole.ok) {
            reject(number, 2, split_effect_message(sep), text);
        } else if (sep != Sep::Tab && whole.reason.compare(0, 15, "unexpected text") != 0) {
            reject(number, 2, whole.reason, text);
        } else {
            reject(number, 3,
                   "expected the label and the effect, found " + std::to_string(k) +
                       " fields; delete the extra column (" + sep_hint(sep) + ")",
                   text);
        }
        return true;
    }
    std::uint64_t key = 0;
    if (!check_label(label, has_label, number, text, key)) return true;
    EffectParse parsed = parse_effect(effect);
    if (!parsed.ok) {
        reject(number, column, parsed.reason, text);
        return true;
    }
    StudyRow row;
    if (!take_pending(row)) return true;
    row.label = std::move(label);
    row.e1 = row.n1 = row.e2 = row.n2 = std::nan("");
    row.line = number;
    row.reported = std::move(parsed.effect);
    row.reported.column = column;
    row.reported.text.assign(effect);
    row.reported.line_text.assign(text);
    keep_row(std::move(row), key, has_label ? 1 : 0, text);
    return true;
}

// The header's group and year columns.
void Parser::read_header(string_view text, int number) {
    const LineFields lf = split_line(text);
    size_t n = lf.fields.size();
    while (n > 0 && lf.fields[n - 1].value.empty() && !lf.fields[n - 1].quoted) --n;
    for (size_t i = 0; i < n; ++i) {
        const string& name = lf.fields[i].value;
        const bool year = ascii_iequal(name, "year");
        if (!year && !ascii_iequal(name, "group") && !ascii_iequal(name, "subgroup")) continue;
        int& slot = year ? result.year_column : result.group_column;
        if (slot != 0) {
            reject(number, static_cast<int>(i) + 1,
                   string("a second ") + (year ? "year" : "group") + " column (the first is column " +
                       std::to_string(slot) + "); this one is read as an ordinary column: rename or delete one of them",
                   text);
            continue;
        }
        slot = static_cast<int>(i) + 1;
        extras.push_back({year, i, false});
    }
    header_fields = n;
    // The arms the header names, and the totals it prints (input/arm_header.hpp).
    std::vector<HeaderField> named;
    for (size_t i = 0; i < n; ++i) {
        bool extra = false;
        for (const Extra& e : extras) extra = extra || e.index == i;
        if (!extra) named.push_back({lf.fields[i].value, static_cast<int>(i) + 1});
    }
    arms = read_arm_header(named, number, text);
    if (!arms.note.message.empty()) result.notes.push_back(arms.note);
    // Columns after the counts (or the effect) are counted from the end of
    // each line, so that rows of counts and rows of effects can share them.
    for (size_t i = n, e = extras.size(); e-- > 0;) {
        if (extras[e].index + 1 != i) break;
        extras[e].from_end = true;
        i = extras[e].index;
    }
    for (const Extra& e : extras) {
        if (lf.separator != ' ' || e.from_end) continue;
        reject(number, static_cast<int>(e.index) + 1,
               "on lines separated by spaces the group and year columns must come last (labels may contain spaces, "
               "so these columns are counted from the end of each line); move them after the counts, or separate "
               "the columns with tabs or commas",
               text);
        break;
    }
}

// "1998": four digits.
bool read_year(string_view v, int& year) {
    if (v.size() != 4 || !all_digits(v)) return false;
    year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    return year > 0;
}

// A data line under a header with group or year columns: the columns are
// cut out, the rest of the line is read as any other line, and the problems
// found in it are moved back to the columns of the line as pasted.
void Parser::extra_line(string_view text, int number) {
    const LineFields lf = split_line(text);
    if (lf.skip) return;
    if (!lf.error.empty()) {
        plain_line(text, number);  // reports the same problem
        return;
    }
    const bool spaces = lf.separator == ' ';
    size_t m = lf.fields.size();
    while (!spaces && m > 0 && lf.fields[m - 1].value.empty() && !lf.fields[m - 1].quoted) --m;
    // Field index of each extra column on this line.
    std::vector<size_t> at;
    for (const Extra& e : extras) {
        size_t i = e.index;
        if (spaces || e.from_end) i = m + e.index >= header_fields ? m + e.index - header_fields : string_view::npos;
        if (i == string_view::npos || i >= m) {
            seen_content = true;
            ++data_rows;
            reject(number, 0,
                   string("no ") + (e.year ? "year" : "group") + " on this line (column " + std::to_string(e.index + 1) +
                       " under the header); give every row its " + (e.year ? "year" : "subgroup") +
                       (spaces ? " (on lines separated by spaces, columns are counted from the end: put group and "
                                 "year last)"
                               : ""),
                   text);
            return;
        }
        at.push_back(i);
    }
    pending = Pending();
    for (size_t j = 0; j < extras.size(); ++j) {
        const string& v = lf.fields[at[j]].value;
        const int column = spaces ? static_cast<int>(extras[j].index) + 1 : static_cast<int>(at[j]) + 1;
        string reason;
        if (!extras[j].year) {
            pending.group = v;
            if (v.empty()) reason = "the group is empty; type the subgroup of this study (the header has a group column)";
        } else if (v.empty()) {
            reason = "the year is empty; type the study's year, e.g. 1998 (the header has a year column)";
        } else if (!read_year(v, pending.year)) {
            reason = show(v) + " is not a year; type four digits, e.g. 1998 (a letter as in 1998a belongs in the label)";
        }
        if (!reason.empty() && pending.reason.empty()) {
            pending.reason = reason;
            pending.column = column;
        }
    }
    // The rest of the line: cut the extra fields from the right, each with
    // one separator next to it.
    std::vector<size_t> cut = at;
    std::sort(cut.begin(), cut.end());
    string rest(text);
    const std::vector<LineField>& fs = lf.fields;
    for (size_t c = cut.size(); c-- > 0;) {
        const size_t i = cut[c];
        if (spaces) {
            const size_t from = i > 0 ? fs[i - 1].to : fs[i].from;
            const size_t to = i > 0 ? fs[i].to : (i + 1 < fs.size() ? fs[i + 1].from : fs[i].to);
            rest.erase(from, to - from);
        } else if (i + 1 < fs.size()) {
            rest.erase(fs[i].from, fs[i + 1].from - fs[i].from);
        } else if (i > 0) {
            rest.erase(fs[i - 1].to, fs[i].to - fs[i - 1].to);
        } else {
            rest.clear();
        }
    }
    // Columns of the rest -> columns of the line.
    std::vector<int> kept;
    const size_t n = spaces ? header_fields : m;
    for (size_t i = 0; i < n; ++i) {
        bool extra = false;
        for (size_t j = 0; j < extras.size(); ++j) extra = extra || (spaces ? extras[j].index : at[j]) == i;
        if (!extra) kept.push_back(static_cast<int>(i) + 1);
    }
    const size_t before = result.problems.size();
    const size_t notes_before = result.notes.size();
    const size_t rows_before = result.rows.size();
    plain_line(rest, number);
    if (result.rows.size() > rows_before && result.rows.back().generic()) {
        ReportedEffect& e = result.rows.back().reported;
        e.column = kept[static_cast<size_t>(e.column) - 1];
        e.line_text.assign(text);
    }
    if (result.rows.size() > rows_before) {  // printed percentages (input/paper_cells.hpp)
        PrintedStudy& printed = result.rows.back().printed;
        for (PrintedNumber* p : {&printed.percent1, &printed.percent2}) {
            if (p->column > 0 && static_cast<size_t>(p->column) <= kept.size()) {
                p->column = kept[static_cast<size_t>(p->column) - 1];
            }
        }
    }
    const auto move_back = [&](InputProblem& p) {
        p.text.assign(text);
        if (p.column <= 0) return;
        const string old_prefix = "line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ": ";
        p.column = static_cast<size_t>(p.column) <= kept.size() ? kept[static_cast<size_t>(p.column) - 1]
                                                                  : p.column + static_cast<int>(cut.size());
        if (p.message.compare(0, old_prefix.size(), old_prefix) == 0) {
            p.message = "line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ": " +
                        p.message.substr(old_prefix.size());
        }
    };
    for (size_t i = before; i < result.problems.size(); ++i) move_back(result.problems[i]);
    for (size_t i = notes_before; i < result.notes.size(); ++i) move_back(result.notes[i]);
    if (!spaces && m != header_fields && result.problems.size() > before) {
        result.problems.back().message += "; the header has " + std::to_string(header_fields) + " columns, this line " +
                                          std::to_string(m);
    }
    if (pending.refused) reject(number, pending.column, pending.reason, text);
    pending = Pending();
}

}  // namespace

bool ascii_iequal(string_view a, string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

ParsedTable parse_table(std::string_view text) {
    Parser parser;
    if (text.size() >= 3 && static_cast<uc>(text[0]) == 0xEF && static_cast<uc>(text[1]) == 0xBB &&
        static_cast<uc>(text[2]) == 0xBF) {
        text.remove_prefix(3);
    }
    // Room for the rows: at most one per line, and a row takes at least 8
    // bytes (`1,1,1,1` and its line end).
    size_t lines = 1;
    for (size_t i = 0; i < text.size(); ++i) lines += (text[i] == '\n' || text[i] == '\r') ? 1 : 0;
    const size_t expected_rows = std::min(lines, text.size() / 8 + 1);
    parser.result.rows.reserve(expected_rows);
    parser.seen.reserve(expected_rows);
    size_t start = 0;
    int number = 1;
    for (;;) {
        size_t end = start;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
        parser.line(text.substr(start, end - start), number);
        if (end >= text.size()) break;
        start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
        ++number;
    }
    std::vector<StudyRow>& rows = parser.result.rows;
    if (rows.capacity() > 2 * rows.size() + 64) rows.shrink_to_fit();  // mostly blank or rejected
    return std::move(parser.result);
}

// ---------------------------------------------------------------- public helpers

LineFields split_line(std::string_view line) {
    LineFields out;
    const string_view t = trim(line);
    if (t.empty() || t[0] == '#') {
        out.skip = true;
        return out;
    }
    const Sep sep = choose_sep(line);
    out.separator = sep_char(sep);
    string arena;
    arena.reserve(line.size());  // views into it stay valid while the line is read
    Failure failure;
    bool any = false;
    bool ok;
    if (sep == Sep::Space) {
        ok = for_each_space_field(line, arena, failure, [&](const Field& f) {
            out.fields.push_back({string(f.value), f.begin, f.end, f.quoted});
            any = true;
        });
    } else {
        ok = for_each_delimited_field(line, out.separator, arena, failure, [&](const Field& f, size_t index, size_t next) {
            const size_t from = index == 0 ? 0 : out.fields.back().to + 1;
            out.fields.push_back({string(f.value), from, next == string_view::npos ? line.size() : next, f.quoted});
            any = any || !f.value.empty();
        });
    }
    if (!ok) {
        out.fields.clear();
        out.error_column = failure.column;
        out.error = failure.reason;
    } else if (!any) {
        out.fields.clear();
        out.skip = true;  // only empty fields: an empty spreadsheet row
    }
    return out;
}

struct TableReader::State {
    Parser parser;
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
