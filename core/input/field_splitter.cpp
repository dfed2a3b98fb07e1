// Splitting a line into fields (field_splitter.hpp has the rules): the
// separator, quoted fields, and the bounded Fields the table parser reads.
#include "input/field_splitter.hpp"

#include <utility>

#include "input/counts.hpp"
#include "input/paper_cells.hpp"
#include "input/spaces.hpp"

namespace metapool::input {
namespace {

using std::size_t;
using std::string;
using std::string_view;

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

int column_of(size_t index) { return static_cast<int>(index) + 1; }

Problem split_problem(int column, const char* message) { return Problem{0, column, message, {}}; }

// Walks the fields of a delimited line: visit(field, index, next) for each,
// `next` being the index of the separator that ends it (npos for the last).
// Shared by split_delimited() and split_line().
template <typename Visit>
std::optional<Problem> for_each_delimited_field(string_view line, char sep, string& arena, Visit visit) {
    size_t i = 0;
    size_t index = 0;
    for (;;) {
        Field f;
        const size_t j = skip_spaces(line, i, sep);
        size_t next;  // index of the separator ending this field, or npos
        if (j < line.size() && line[j] == '"') {
            size_t close = 0;
            if (!read_quoted(line, j, arena, f.value, close)) {
                return split_problem(column_of(index), kUnterminated);
            }
            const size_t k = skip_spaces(line, close, sep);
            if (k < line.size() && line[k] != sep) {
                return split_problem(column_of(index), kAfterQuote);
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
        if (next == string_view::npos) return std::nullopt;
        i = next + 1;
        ++index;
    }
}

std::optional<Problem> split_delimited(string_view line, char sep, string& arena, Fields& out) {
    out.reset(false);
    return for_each_delimited_field(line, sep, arena, [&](const Field& f, size_t index, size_t) {
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
// split_spaces() and split_line().
template <typename Visit>
std::optional<Problem> for_each_space_field(string_view line, string& arena, Visit visit) {
    size_t i = skip_spaces(line, 0, '\0');
    if (i < line.size() && line[i] == '"') {
        Field f;
        size_t close = 0;
        if (!read_quoted(line, i, arena, f.value, close)) {
            return split_problem(1, kUnterminated);
        }
        if (close < line.size() && space_at(line, close) == 0) {
            return split_problem(1, kAfterQuote);
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
    return std::nullopt;
}

std::optional<Problem> split_spaces(string_view line, string& arena, Fields& out) {
    out.reset(true);
    return for_each_space_field(line, arena, [&](const Field& f) { push_space_field(line, f, out); });
}


}  // namespace

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


std::optional<Problem> split_fields(string_view line, Sep sep, string& arena, Fields& out) {
    return sep == Sep::Space ? split_spaces(line, arena, out) : split_delimited(line, sep_char(sep), arena, out);
}

}  // namespace metapool::input

namespace metapool {

using namespace input;

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
    bool any = false;
    std::optional<Problem> problem;
    if (sep == Sep::Space) {
        problem = for_each_space_field(line, arena, [&](const Field& f) {
            out.fields.push_back({string(f.value), f.begin, f.end, f.quoted});
            any = true;
        });
    } else {
        problem = for_each_delimited_field(line, out.separator, arena, [&](const Field& f, size_t index, size_t next) {
            const size_t from = index == 0 ? 0 : out.fields.back().to + 1;
            out.fields.push_back({string(f.value), from, next == string_view::npos ? line.size() : next, f.quoted});
            any = any || !f.value.empty();
        });
    }
    if (problem) {
        out.fields.clear();
        problem->text.assign(line);
        out.problem = std::move(problem);
    } else if (!any) {
        out.fields.clear();
        out.skip = true;  // only empty fields: an empty spreadsheet row
    }
    return out;
}

}  // namespace metapool
