// What each pasted line is, and the row it gives (table_parser.hpp has the
// rules; each step lives in its own file of core/input/).
#include "input/table_parser.hpp"

#include <cmath>
#include <utility>

#include "input/counts.hpp"
#include "input/effect_row.hpp"
#include "input/message_text.hpp"
#include "input/parse_effect.hpp"
#include "input/printed_columns.hpp"
#include "input/row_counts.hpp"
#include "input/row_layout.hpp"
#include "input/spaces.hpp"

namespace metapool::input {

using std::size_t;
using std::string;
using std::string_view;

void TableParser::reserve(size_t rows) {
    result.rows.reserve(rows);
    kept_.reserve(rows);
}

void TableParser::reject(int line, int column, const string& reason, string_view text) {
    result.problems.push_back(problem_at(line, column, reason, text));
}

// A line read as data (a row, or refused as one): the first line can no
// longer be the header, and unlabelled rows are numbered past it.
void TableParser::data_line_seen() {
    seen_content_ = true;
    ++data_rows_;
}

void TableParser::line(string_view text, int number) {
    // A forest-plot table (input/forest_plot_table.hpp): its header, headings,
    // Total and heterogeneity lines are read as printed results; its study
    // rows lose their printed weight and effect columns before being read.
    switch (forest_.read_line(text, number, data_rows_ > 0, result)) {
        case ForestLine::Source: seen_content_ = true; return;
        case ForestLine::StudyRow: forest_row(text, number); return;
        case ForestLine::Other: break;
    }
    if (columns_.any()) {
        columns_line(text, number);
    } else {
        plain_line(text, number);
    }
}

// A study row of a forest-plot table: the counts before the printed
// columns are read as any row (their columns are those of the line as
// pasted, the printed ones coming last), then given the printed numbers.
void TableParser::forest_row(string_view text, int number) {
    if (forest_.counts_line() != nullptr) {
        export_row(text, number);
        return;
    }
    PrintedColumns printed = cut_printed_columns(text);
    if (printed.found && !printed.problem && !printed.before_numeric) printed = PrintedColumns();  // an effect row
    if (printed.found && printed.problem) {
        data_line_seen();
        reject(number, *printed.problem, text);
        return;
    }
    const size_t rows = result.rows.size();
    const size_t problems = result.problems.size();
    plain_line(printed.found ? text.substr(0, printed.keep) : text, number);
    for (size_t i = problems; i < result.problems.size(); ++i) result.problems[i].text.assign(text);
    if (result.rows.size() > rows) forest_.take_row(result.rows.back(), printed, result);
}

// A study row of RevMan 5's CSV export: its Name and counts, read as a
// line of their own, problems moved to the export's columns.
void TableParser::export_row(string_view text, int number) {
    const size_t problems = result.problems.size();
    const size_t rows = result.rows.size();
    plain_line(*forest_.counts_line(), number);
    for (size_t i = problems; i < result.problems.size(); ++i) {
        Problem& p = result.problems[i];
        const size_t colon = p.message.find(": ");
        if (p.column > 0) p.column = forest_.export_column(p.column);
        p.message = place(number, p.column) + p.message.substr(colon + 2);
        p.text.assign(text);
    }
    if (result.rows.size() > rows) forest_.take_row(result.rows.back(), PrintedColumns(), result);
}

// A data line under a header with group or year columns: the columns are
// cut out, the rest of the line is read as any other line, and the problems
// found in it are moved back to the columns of the line as pasted.
void TableParser::columns_line(string_view text, int number) {
    const LineFields lf = split_line(text);
    if (lf.skip) return;
    if (lf.problem) {
        plain_line(text, number);  // reports the same problem
        return;
    }
    CutLine cut;
    if (auto p = columns_.cut(text, lf, cut)) {
        data_line_seen();
        reject(number, *p, text);
        return;
    }
    group_year_ = GroupYear{cut.group, cut.year, cut.bad_value, false};
    const size_t problems = result.problems.size();
    const size_t notes = result.notes.size();
    const size_t rows = result.rows.size();
    plain_line(cut.rest, number);
    columns_.move_back(cut, text, problems, notes, rows, result);
    if (group_year_.refused) reject(number, *group_year_.bad_value, text);
    group_year_ = GroupYear();
}

void TableParser::plain_line(string_view text, int number) {
    const string_view t = trim(text);
    if (t.empty() || t[0] == '#') return;
    const Sep sep = choose_sep(text);
    arena_.clear();
    if (arena_.capacity() < text.size()) arena_.reserve(text.size());
    if (auto p = split_fields(text, sep, arena_, fields_)) {
        data_line_seen();
        reject(number, *p, text);
        return;
    }
    const Fields& f = fields_;
    if (f.count == 0) return;  // only empty fields: an empty spreadsheet row
    if (effect_line(text, sep, number)) return;
    const bool first_line = !seen_content_;
    if (first_line) {
        seen_content_ = true;
        if (f.count >= 2 && !f.numbers_after_first) {
            header(text, number);
            return;
        }
    }
    ++data_rows_;
    if (!f.numbers_after_first && (f.count >= 2 || !starts_numeric(f.at(0).value))) {
        reject(number, 0,
               string("no counts found; expected a label and 4 counts, e.g. Smith 2001, 12, 100, 20, 98 (") +
                   (first_line ? "" : "only the first line can be a header; ") + sep_hint(sep) + ")",
               text);
        return;
    }
    counts_line(text, sep, number);
}

// The header: its group and year columns, and the arms it names.
void TableParser::header(string_view text, int number) {
    result.header_line = number;
    const std::vector<HeaderField> named = columns_.read_header(split_line(text), number, text, result);
    arms_ = read_arm_header(named, number, text);
    if (arms_.note) result.notes.push_back(*arms_.note);
}

// A row that reports its effect (input/effect_row.hpp). False when the
// line is not one (it then has counts).
bool TableParser::effect_line(string_view text, Sep sep, int number) {
    EffectRow found = find_effect_row(text, sep, fields_);
    if (!found.found) return false;
    data_line_seen();
    std::optional<Problem> p = found.problem;
    if (!p) p = name_row(found.label, found.has_label, data_rows_);
    EffectParse parsed;
    if (!p) {
        parsed = parse_effect(found.effect);
        if (parsed.problem) p = Problem{0, found.column, parsed.problem->message, {}};
    }
    StudyRow row;
    if (p) {
        reject(number, *p, text);
        return true;
    }
    if (!take_group_year(row)) return true;
    row.label = std::move(found.label);
    row.e1 = row.n1 = row.e2 = row.n2 = std::nan("");
    row.line = number;
    row.reported = std::move(parsed.effect);
    row.reported.column = found.column;
    row.reported.text.assign(found.effect);
    row.reported.line_text.assign(text);
    kept_.keep(std::move(row), found.has_label ? 1 : 0, text, result);
    return true;
}

// A row of counts: its layout (input/row_layout.hpp), its label, its
// counts (input/row_counts.hpp).
void TableParser::counts_line(string_view text, Sep sep, int number) {
    RowLayout layout;
    RowCounts counts;
    std::optional<Problem> p = lay_out_row(text, sep, fields_, arms_.has_totals(), layout);
    if (!p) p = name_row(layout.label, layout.has_label, data_rows_);
    if (!p) p = read_row_counts(layout, arms_, counts);
    if (p) {
        reject(number, *p, text);
        return;
    }
    StudyRow row;
    if (!take_group_year(row)) return;
    row.label = std::move(layout.label);
    row.e1 = static_cast<double>(counts.values[0]);
    row.n1 = static_cast<double>(counts.values[1]);
    row.e2 = static_cast<double>(counts.values[2]);
    row.n2 = static_cast<double>(counts.values[3]);
    row.line = number;
    row.printed.percent1 = counts.percents[0];
    row.printed.percent2 = counts.percents[1];
    if (arms_.swapped) {  // the header named the control arm first: RevMan's order, with the header's note
        std::swap(row.e1, row.e2);
        std::swap(row.n1, row.n2);
        std::swap(row.printed.percent1, row.printed.percent2);
        row.arms_swapped = true;
    }
    for (const Problem& note : counts.percent_notes) {
        result.notes.push_back(problem_at(number, note.column, note.message, text));
    }
    kept_.keep(std::move(row), layout.has_label ? 1 : 0, text, result);
}

// The group and year cut from the line go to the row; false (and the row
// is left out, its problem reported by columns_line()) when one is bad.
bool TableParser::take_group_year(StudyRow& row) {
    if (group_year_.bad_value) {
        group_year_.refused = true;
        return false;
    }
    row.group = group_year_.group;
    row.year = group_year_.year;
    return true;
}

}  // namespace metapool::input
