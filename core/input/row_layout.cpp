// Which fields of a data line are the label and which the counts
// (row_layout.hpp has the rules).
#include "input/row_layout.hpp"

#include "input/counts.hpp"
#include "input/paper_cells.hpp"
#include "input/thousands.hpp"

namespace metapool::input {
namespace {

using std::size_t;
using std::string;
using std::string_view;

string count_word(bool slash, size_t n) {
    if (slash) return n == 1 ? "events/total cell" : "events/total cells";
    return n == 1 ? "count" : "counts";
}

Problem line_problem(int column, string message) { return Problem{0, column, std::move(message), {}}; }

// Space-separated lines: are the last fields two x/n cells, or two `12
// (21.8%)` cells under a header that prints the totals?
void space_cells(const Fields& f, bool header_totals, RowLayout& out) {
    const size_t k = f.count;
    out.slash = is_cell_like(f.at(k - 1).value) || (k >= 2 && is_cell_like(f.at(k - 2).value));
    out.header_cells = !out.slash && header_totals && k >= 3 &&
                       (split_paper_cell(f.at(k - 2).value).matched || split_paper_cell(f.at(k - 1).value).matched ||
                        f.first_numeric + 2 == k);
}

// Space-separated lines: does the line end in enough fields that look like
// counts? Fewer than half of them looking like numbers is a line of prose
// (`Table 2. Outcomes by arm`), not a row with a bad count.
std::optional<Problem> space_counts_found(const Fields& f, Sep sep, const RowLayout& out) {
    const size_t k = f.count;
    const size_t need = out.cells();
    const size_t first_num = f.first_numeric == string_view::npos ? k : f.first_numeric;
    const size_t found = k - first_num;
    size_t numeric_tail = 0;
    for (size_t i = k >= need ? k - need : 0; i < k; ++i) numeric_tail += starts_numeric(f.at(i).value) ? 1 : 0;
    if (k >= need && (starts_numeric(f.at(k - need).value) || found >= need) && 2 * numeric_tail >= need) {
        return std::nullopt;
    }
    return line_problem(0, "expected " + std::to_string(need) + " " + count_word(out.slash, need) +
                               (first_num > 0 ? " after the label" : "") + ", found " + std::to_string(numeric_tail) +
                               " (" + sep_hint(sep) + ")");
}

// `A 1 234 5000 20 98`: label `A 1` or `A`? (input/thousands.hpp)
std::optional<Problem> space_thousands(string_view text, const Fields& f, const RowLayout& out) {
    if (out.slash) return std::nullopt;
    const size_t k = f.count;
    const size_t need = out.cells();
    const size_t label_fields = k - need;
    size_t r = 0;
    while (r < k && r < kTail && !f.at(k - 1 - r).quoted && all_digits(f.at(k - 1 - r).value)) ++r;
    const size_t i = r > need ? ambiguous_numbers(text, f, k - r, k, false) : string_view::npos;
    if (i == string_view::npos) return std::nullopt;
    return line_problem(i < label_fields ? 2 : static_cast<int>(i - label_fields) + 2,
                        ambiguous_message(text, f, i, false));
}

std::optional<Problem> lay_out_spaces(string_view text, Sep sep, const Fields& f, bool header_totals,
                                      RowLayout& out) {
    space_cells(f, header_totals, out);
    if (auto p = space_counts_found(f, sep, out)) return p;
    if (auto p = space_thousands(text, f, out)) return p;
    const size_t need = out.cells();
    const size_t label_fields = f.count - need;
    out.has_label = label_fields > 0;
    if (out.has_label) {
        // The label: the first field's value, then the rest as pasted.
        const Field& first = f.at(0);
        out.label.assign(first.value);
        if (label_fields > 1) out.label.append(text.substr(first.end, f.at(label_fields - 1).end - first.end));
    }
    for (size_t i = 0; i < need; ++i) {
        out.counts[i].value = f.at(label_fields + i).value;
        out.counts[i].column = static_cast<int>(i) + (out.has_label ? 2 : 1);
    }
    return std::nullopt;
}

bool delimited_label(const Fields& f) {
    const size_t k = f.count;
    if (k == 5) return true;
    if (k == 3 && !is_cell_like(f.at(0).value) && (has_slash(f.at(1).value) || has_slash(f.at(2).value))) return true;
    return !starts_numeric(f.at(0).value);
}

void delimited_cells(const Fields& f, bool header_totals, RowLayout& out) {
    const size_t first = out.has_label ? 1 : 0;
    const size_t m = f.count - first;
    bool any_cell = false;
    if (m <= 3) {
        for (size_t i = first; i < f.count; ++i) any_cell = any_cell || is_cell_like(f.at(i).value);
    }
    out.slash = (m >= 1 && is_cell_like(f.at(first).value)) || any_cell;
    out.header_cells = !out.slash && m == 2 && header_totals;
}

// Delimited lines: as many count fields as the layout needs?
std::optional<Problem> delimited_count_fields(string_view text, Sep sep, const Fields& f, const RowLayout& out) {
    const size_t first = out.has_label ? 1 : 0;
    const size_t m = f.count - first;
    const size_t need = out.cells();
    if (m == need) return std::nullopt;
    const string what = count_word(out.slash, need) + (out.has_label ? " after the label" : "");  // for the message
    if (m < need) {
        if (m == 2 && split_paper_cell(f.at(first).value).matched &&
            split_paper_cell(f.at(first + 1).value).matched) {  // `12 (21.8%)` without a total
            return line_problem(0, counts_without_totals(what, sep_hint(sep)));
        }
        const char* other = other_separator(text, sep);
        return line_problem(0, "expected " + std::to_string(need) + " " + what + ", found " + std::to_string(m) + " (" +
                                   sep_hint(sep) +
                                   (other ? string("; the line also has ") + other + ": use one kind of separator" : "") +
                                   ")");
    }
    if (m > need) {
        string hint = sep_hint(sep);
        if (out.has_label && sep != Sep::Tab) {
            hint += sep == Sep::Comma ? "; a label containing a comma must be in double quotes"
                                      : "; a label containing a semicolon must be in double quotes";
        }
        // `A,1,234,5000,20,98`
        const string grouped_hint = sep == Sep::Comma && !out.slash ? comma_thousands_hint(text, f, first) : "";
        return line_problem(static_cast<int>(first + need) + 1,
                            "expected " + std::to_string(need) + " " + what + ", found " + std::to_string(m) + "; " +
                                grouped_hint + "delete the extra column (" + hint + ")");
    }
    return std::nullopt;
}

std::optional<Problem> lay_out_delimited(string_view text, Sep sep, const Fields& f, bool header_totals,
                                         RowLayout& out) {
    out.has_label = delimited_label(f);
    delimited_cells(f, header_totals, out);
    if (auto p = delimited_count_fields(text, sep, f, out)) return p;
    if (sep == Sep::Comma && !out.slash && f.count == 5 && !f.at(0).quoted && all_digits(f.at(0).value)) {
        const size_t i = ambiguous_numbers(text, f, 0, 5, true);  // `1,234,5000,20,98`
        if (i != string_view::npos) return line_problem(static_cast<int>(i) + 1, ambiguous_message(text, f, i, true));
    }
    const size_t first = out.has_label ? 1 : 0;
    if (out.has_label) out.label.assign(f.at(0).value);
    for (size_t i = 0; i < out.cells(); ++i) {
        out.counts[i].value = f.at(first + i).value;
        out.counts[i].column = static_cast<int>(first + i) + 1;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Problem> lay_out_row(string_view text, Sep sep, const Fields& f, bool header_totals, RowLayout& out) {
    return sep == Sep::Space ? lay_out_spaces(text, sep, f, header_totals, out)
                             : lay_out_delimited(text, sep, f, header_totals, out);
}

}  // namespace metapool::input
