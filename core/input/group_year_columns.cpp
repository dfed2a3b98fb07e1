// Group and year columns named by the header (group_year_columns.hpp has
// the rules): found in the header, cut out of each data line, and the
// problems of the rest moved back to the columns of the line as pasted.
#include "input/group_year_columns.hpp"

#include <algorithm>

#include "input/ascii_case.hpp"
#include "input/counts.hpp"
#include "input/message_text.hpp"

namespace metapool::input {
namespace {

using std::size_t;
using std::string;
using std::string_view;

// The fields of a delimited line without its trailing empty (unquoted) ones.
size_t fields_without_trailing_empty(const LineFields& lf) {
    size_t n = lf.fields.size();
    while (n > 0 && lf.fields[n - 1].value.empty() && !lf.fields[n - 1].quoted) --n;
    return n;
}

// "1998": four digits.
bool read_year(string_view v, int& year) {
    if (v.size() != 4 || !all_digits(v)) return false;
    year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    return year > 0;
}

int column_at(const std::vector<int>& kept, int column) { return kept[static_cast<size_t>(column) - 1]; }

}  // namespace

std::vector<HeaderField> GroupYearColumns::read_header(const LineFields& header, int number, string_view text,
                                                       ParsedTable& table) {
    const size_t n = fields_without_trailing_empty(header);
    std::vector<HeaderField> others;
    for (size_t i = 0; i < n; ++i) {
        const string& name = header.fields[i].value;
        const bool year = ascii_iequal(name, "year");
        int* slot = year ? &table.year_column : nullptr;
        if (!year && (ascii_iequal(name, "group") || ascii_iequal(name, "subgroup"))) slot = &table.group_column;
        if (slot == nullptr || *slot != 0) {
            if (slot != nullptr) {
                table.problems.push_back(problem_at(
                    number, static_cast<int>(i) + 1,
                    string("a second ") + (year ? "year" : "group") + " column (the first is column " +
                        std::to_string(*slot) + "); this one is read as an ordinary column: rename or delete one of them",
                    text));
            }
            others.push_back({name, static_cast<int>(i) + 1});
            continue;
        }
        *slot = static_cast<int>(i) + 1;
        columns_.push_back({year, i, false});
    }
    header_fields_ = n;
    // Columns after the counts (or the effect) are counted from the end of
    // each line, so that rows of counts and rows of effects can share them.
    for (size_t i = n, c = columns_.size(); c-- > 0;) {
        if (columns_[c].index + 1 != i) break;
        columns_[c].from_end = true;
        i = columns_[c].index;
    }
    for (const Column& c : columns_) {
        if (header.separator != ' ' || c.from_end) continue;
        table.problems.push_back(problem_at(
            number, static_cast<int>(c.index) + 1,
            "on lines separated by spaces the group and year columns must come last (labels may contain spaces, "
            "so these columns are counted from the end of each line); move them after the counts, or separate "
            "the columns with tabs or commas",
            text));
        break;
    }
    return others;
}

// The field index of each column on a line of `fields` fields; npos where
// the line has none.
std::vector<size_t> GroupYearColumns::positions(const LineFields& lf, size_t fields) const {
    const bool spaces = lf.separator == ' ';
    std::vector<size_t> at;
    for (const Column& c : columns_) {
        size_t i = c.index;
        if (spaces || c.from_end) {
            i = fields + c.index >= header_fields_ ? fields + c.index - header_fields_ : string_view::npos;
        }
        at.push_back(i < fields ? i : string_view::npos);
    }
    return at;
}

void GroupYearColumns::read_value(const Column& c, const string& v, int column, CutLine& out) const {
    string reason;
    if (!c.year) {
        out.group = v;
        if (v.empty()) reason = "the group is empty; type the subgroup of this study (the header has a group column)";
    } else if (v.empty()) {
        reason = "the year is empty; type the study's year, e.g. 1998 (the header has a year column)";
    } else if (!read_year(v, out.year)) {
        reason = show(v) + " is not a year; type four digits, e.g. 1998 (a letter as in 1998a belongs in the label)";
    }
    if (!reason.empty() && !out.bad_value) out.bad_value = Problem{0, column, reason, {}};
}

// The line without the fields at `at`, each cut with one separator next to
// it, from the right.
string GroupYearColumns::without_columns(string_view text, const LineFields& lf, std::vector<size_t> at) const {
    std::sort(at.begin(), at.end());
    string rest(text);
    const std::vector<LineField>& fs = lf.fields;
    for (size_t c = at.size(); c-- > 0;) {
        const size_t i = at[c];
        if (lf.separator == ' ') {
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
    return rest;
}

std::optional<Problem> GroupYearColumns::cut(string_view text, const LineFields& lf, CutLine& out) const {
    out.spaces = lf.separator == ' ';
    out.fields = out.spaces ? lf.fields.size() : fields_without_trailing_empty(lf);
    const std::vector<size_t> at = positions(lf, out.fields);
    for (size_t j = 0; j < columns_.size(); ++j) {
        if (at[j] != string_view::npos) continue;
        const Column& c = columns_[j];
        return Problem{0, 0,
                       string("no ") + (c.year ? "year" : "group") + " on this line (column " +
                           std::to_string(c.index + 1) + " under the header); give every row its " +
                           (c.year ? "year" : "subgroup") +
                           (out.spaces ? " (on lines separated by spaces, columns are counted from the end: put "
                                         "group and year last)"
                                       : ""),
                       {}};
    }
    for (size_t j = 0; j < columns_.size(); ++j) {
        const int column = out.spaces ? static_cast<int>(columns_[j].index) + 1 : static_cast<int>(at[j]) + 1;
        read_value(columns_[j], lf.fields[at[j]].value, column, out);
    }
    out.rest = without_columns(text, lf, at);
    out.cut = at.size();
    // Columns of the rest -> columns of the line.
    const size_t n = out.spaces ? header_fields_ : out.fields;
    for (size_t i = 0; i < n; ++i) {
        bool cut_out = false;
        for (size_t j = 0; j < columns_.size(); ++j) cut_out = cut_out || (out.spaces ? columns_[j].index : at[j]) == i;
        if (!cut_out) out.kept.push_back(static_cast<int>(i) + 1);
    }
    return std::nullopt;
}

void GroupYearColumns::move_back(const CutLine& line, string_view text, size_t problems_before, size_t notes_before,
                                 size_t rows_before, ParsedTable& table) const {
    const std::vector<int>& kept = line.kept;
    if (table.rows.size() > rows_before) {
        StudyRow& row = table.rows.back();
        if (row.generic()) {
            row.reported.column = column_at(kept, row.reported.column);
            row.reported.line_text.assign(text);
        }
        for (PrintedNumber* p : {&row.printed.percent1, &row.printed.percent2}) {  // input/paper_cells.hpp
            if (p->column > 0 && static_cast<size_t>(p->column) <= kept.size()) p->column = column_at(kept, p->column);
        }
    }
    const auto move = [&](Problem& p) {
        p.text.assign(text);
        if (p.column <= 0) return;
        const string old_prefix = place(p.line, p.column);
        p.column = static_cast<size_t>(p.column) <= kept.size() ? column_at(kept, p.column)
                                                                 : p.column + static_cast<int>(line.cut);
        if (p.message.compare(0, old_prefix.size(), old_prefix) == 0) {
            p.message = place(p.line, p.column) + p.message.substr(old_prefix.size());
        }
    };
    for (size_t i = problems_before; i < table.problems.size(); ++i) move(table.problems[i]);
    for (size_t i = notes_before; i < table.notes.size(); ++i) move(table.notes[i]);
    if (!line.spaces && line.fields != header_fields_ && table.problems.size() > problems_before) {
        table.problems.back().message += "; the header has " + std::to_string(header_fields_) + " columns, this line " +
                                         std::to_string(line.fields);
    }
}

}  // namespace metapool::input
