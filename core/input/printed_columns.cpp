// cut_printed_columns(): reads the weight and effect columns from the right
// of a study row of a forest-plot table. Columns are fields of the line as
// pasted: on delimited lines (tabs) the fields between tabs; on lines
// separated by spaces the label is column 1, the counts follow it (as
// input/row_layout.hpp numbers them), then the weight and the effect.
#include "input/printed_columns.hpp"

#include "input/parse_table.hpp"
#include "input/printed_text.hpp"

namespace metapool {
namespace {

using std::size_t;
using std::string_view;
namespace pt = printed_text;

// The column of the field holding byte `at` of a delimited line.
int delimited_column(const LineFields& lf, size_t at) {
    for (size_t f = 0; f < lf.fields.size(); ++f) {
        if (at >= lf.fields[f].from && at <= lf.fields[f].to) return static_cast<int>(f) + 1;
    }
    return static_cast<int>(lf.fields.size());
}

// Reads `a, b` / `a; b` / `a to b` / `a - b` between brackets.
bool read_interval(string_view inside, PrintedNumber& lower, PrintedNumber& upper) {
    size_t i = pt::skip_spaces(inside, 0);
    if (!pt::read_number(inside, i, lower)) return false;
    i = pt::skip_spaces(inside, i);
    if (i < inside.size() && (inside[i] == ',' || inside[i] == ';')) {
        ++i;
    } else if (pt::starts_with(inside.substr(i), "to")) {
        i += 2;
    } else if (i + 2 < inside.size() && static_cast<unsigned char>(inside[i]) == 0xE2 &&
               static_cast<unsigned char>(inside[i + 1]) == 0x80 && static_cast<unsigned char>(inside[i + 2]) == 0x93) {
        i += 3;  // en dash
    } else {
        return false;
    }
    i = pt::skip_spaces(inside, i);
    if (!pt::read_number(inside, i, upper)) return false;
    return pt::skip_spaces(inside, i) == inside.size();
}

// Start of the run of non-spaces ending at `end` (exclusive).
size_t word_start(string_view s, size_t end) {
    size_t b = end;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\t') {
        if (b >= 2 && static_cast<unsigned char>(s[b - 2]) == 0xC2 && static_cast<unsigned char>(s[b - 1]) == 0xA0) break;
        --b;
    }
    return b;
}

size_t back_over_spaces(string_view s, size_t end, bool tabs) {
    while (end > 0 && (s[end - 1] == ' ' || (tabs && s[end - 1] == '\t'))) --end;
    while (end >= 2 && static_cast<unsigned char>(s[end - 2]) == 0xC2 && static_cast<unsigned char>(s[end - 1]) == 0xA0) {
        end -= 2;
        while (end > 0 && (s[end - 1] == ' ' || (tabs && s[end - 1] == '\t'))) --end;
    }
    return end;
}

bool numeric_start(string_view w) {
    size_t i = 0;
    PrintedNumber n;
    return pt::read_number(w, i, n);
}

// `54` or `14/54`: all digits, or digits, '/', digits.
bool count_or_cell(string_view w) {
    size_t digits = 0;
    int slashes = 0;
    for (char c : w) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c == '/' && digits > 0 && slashes == 0) ++slashes;
        else return false;
    }
    return digits > 0 && w.back() != '/';
}

}  // namespace

PrintedColumns cut_printed_columns(string_view line) {
    PrintedColumns out;
    const bool tabs = line.find('\t') != string_view::npos;
    const string_view t = pt::trim(line);
    if (t.empty()) return out;
    const size_t base = static_cast<size_t>(t.data() - line.data());
    size_t end = base + t.size();  // end of the printed columns' text
    size_t effect_begin = 0;       // where the effect column starts
    const char last = line[end - 1];
    const size_t ne = line.size() >= 13 ? end - 13 : string_view::npos;
    if (end >= base + 13 && pt::starts_with(line.substr(ne, 13), "Not estimable")) {
        out.not_estimable = true;
        effect_begin = ne;
    } else if (last == ']' || last == ')' || line.find('[') != string_view::npos) {
        // An interval in brackets ends the line; a '[' that is never closed
        // (`0.26 [0.07, 0.92`) is an effect that cannot be read.
        const bool closed = last == ']' || last == ')';
        const char open = last == ')' ? '(' : '[';
        const size_t o = line.rfind(open, end - 1);
        if (o == string_view::npos || o < base) return out;
        const size_t est_end = back_over_spaces(line, o, false);
        const size_t est_begin = word_start(line, est_end);
        PrintedNumber estimate;
        PrintedNumber lower;
        PrintedNumber upper;
        const string_view est_text = line.substr(est_begin, est_end - est_begin);
        const bool est_ok = pt::whole_number(est_text, estimate, false);
        const bool ci_ok = closed && read_interval(line.substr(o + 1, end - 1 - (o + 1)), lower, upper);
        if (!est_ok || !ci_ok) {
            // Not a printed effect unless it looks like one (a number before
            // the bracket): `(x)` or a reported effect's `RR 0.5 (...)` are
            // left to the ordinary reader.
            if (!numeric_start(est_text) || est_begin == 0) return out;
            out.found = true;
            out.problem = problem("the printed effect \"" + std::string(line.substr(est_begin, end - est_begin)) +
                                  "\" cannot be read; a forest-plot row ends in the weight and the effect with its "
                                  "interval, e.g. 5.2% 0.14 [0.03, 0.59], or Not estimable");
            out.keep = est_begin;
            effect_begin = est_begin;
        } else {
            out.printed.estimate = estimate;
            out.printed.lower = lower;
            out.printed.upper = upper;
            effect_begin = est_begin;
        }
    } else {
        return out;
    }
    out.found = true;
    // The weight: the field (or word) before the effect, when it ends in '%';
    // on a tab line an empty field is an empty weight.
    size_t keep = back_over_spaces(line, effect_begin, false);
    size_t weight_begin = string_view::npos;
    if (tabs) {
        if (keep > 0 && line[keep - 1] == '\t') {
            const size_t field_end = keep - 1;
            size_t field_begin = line.rfind('\t', field_end == 0 ? 0 : field_end - 1);
            field_begin = (field_begin == string_view::npos || field_end == 0) ? 0 : field_begin + 1;
            const string_view w = pt::trim(line.substr(field_begin, field_end - field_begin));
            PrintedNumber weight;
            if (!w.empty() && w.back() == '%' && pt::whole_number(w, weight, true)) {
                out.printed.weight = weight;
                weight_begin = field_begin;
                keep = field_begin;
            } else if (w.empty()) {
                keep = field_end;  // an empty weight column
            } else {
                keep = field_end;
            }
        }
        keep = back_over_spaces(line, keep, true);
    } else {
        size_t wb = word_start(line, keep);
        string_view w = line.substr(wb, keep - wb);
        if (w == "%") {  // `5.2 %`
            const size_t e2 = back_over_spaces(line, wb, false);
            wb = word_start(line, e2);
            w = line.substr(wb, keep - wb);
        }
        PrintedNumber weight;
        if (!w.empty() && w.back() == '%' && pt::whole_number(w, weight, true)) {
            out.printed.weight = weight;
            weight_begin = wb;
            keep = back_over_spaces(line, wb, false);
        }
    }
    out.keep = keep;
    // What precedes: a count or an x/n cell?
    const size_t ws = word_start(line, keep);
    out.before_numeric = keep > ws && count_or_cell(line.substr(ws, keep - ws));
    // Columns.
    int weight_col = 0;
    int effect_col = 0;
    if (tabs) {
        const LineFields lf = split_line(line);
        effect_col = delimited_column(lf, effect_begin);
        weight_col = weight_begin != string_view::npos ? delimited_column(lf, weight_begin) : effect_col - 1;
    } else {
        // Label (1) and 4 counts, or label and 2 x/n cells.
        const bool cells = line.substr(ws, keep - ws).find('/') != string_view::npos;
        const int counted = cells ? 3 : 5;
        weight_col = counted + 1;
        effect_col = counted + (weight_begin != string_view::npos ? 2 : 1);
    }
    out.printed.weight.column = weight_col;
    out.printed.estimate.column = effect_col;
    out.printed.lower.column = effect_col;
    out.printed.upper.column = effect_col;
    if (out.problem) out.problem->column = effect_col;
    return out;
}

}  // namespace metapool
