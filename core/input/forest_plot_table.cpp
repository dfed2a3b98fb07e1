// ForestPlotTable: the source lines of a forest-plot table (see the header).
// Forms read (README, "Forest-plot tables"):
//   RevMan 5 (text copied from the program or a PDF, tabs or runs of spaces):
//     `Experimental  Control  Risk Ratio  Risk Ratio` /
//     `Study or Subgroup  Events  Total  Events  Total  Weight  M-H, Random, 95% CI  ...`,
//     `1.1.1 Adults`, `Subtotal (95% CI)  155  152  25.3%  0.30 [0.09, 1.01]`,
//     `Total events  12  34`, `Heterogeneity: Tau² = 0.04; Chi² = 12.30, df = 6 (P = 0.06); I² = 51%`,
//     `Test for overall effect: Z = 3.20 (P = 0.001)`, `Total (95% CI) ...`,
//     `Test for subgroup differences: Chi² = 0.85, df = 1 (P = 0.36), I² = 0%`,
//     the axis (`0.01 0.1 1 10 100`) and `Favours [experimental] Favours [control]`.
//   RevMan Web: the same in tab-separated cells; `Tau² (REML) = ...` keeps
//     the estimator's name; a `Prediction interval [a, b]` line is read into
//     the block above it.
//   The Cochrane Library (HTML, PDF): `Study or subgroup  Treatment n/N  Control n/N ...`,
//     rows of x/n cells, `Total events: 12 (Treatment), 34 (Control)`,
//     `Chi2`/`I2`/`Tau2` where superscripts were lost, `I2 =38%`, headings
//     `1 Adults`, title lines `Analysis 1.1. ...`, `Review:`, `Comparison:`, `Outcome:`.
// Subgroup headings: a line under the header that is only a heading
// (`1.1.1 Adults`: a number with two dots, then any text; `1 Adults` or
// `Adults`: no other digit, nothing in other columns). Its rows get the
// heading (without its number) as their group, and the table is analysed
// with subgroups (ParsedTable::group_headings).
#include "input/forest_plot_table.hpp"

#include <cstring>

#include "input/field_splitter.hpp"
#include "input/message_text.hpp"
#include "input/printed_text.hpp"

namespace metapool {
namespace {

using std::size_t;
using std::string;
using std::string_view;
namespace pt = printed_text;

bool has_digit(string_view s) {
    for (char c : s) {
        if (c >= '0' && c <= '9') return true;
    }
    return false;
}

bool has_letter(string_view s) {
    for (char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    }
    return false;
}

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// `word` in `s` as a word of its own (no letter on either side).
size_t find_word(string_view s, string_view word) {
    for (size_t p = pt::find(s, word); p != string_view::npos; p = pt::find(s, word, p + 1)) {
        const bool before = p > 0 && is_letter(s[p - 1]);
        const bool after = p + word.size() < s.size() && is_letter(s[p + word.size()]);
        if (!before && !after) return p;
    }
    return string_view::npos;
}

const char* measure_of(string_view s, size_t& at, string_view& phrase) {
    static const struct {
        const char* phrase;
        const char* measure;
    } kMeasures[] = {{"Peto Odds Ratio", "OR"}, {"Risk Ratio", "RR"}, {"Odds Ratio", "OR"}, {"Risk Difference", "RD"}};
    for (const auto& m : kMeasures) {
        at = pt::find(s, m.phrase);
        if (at != string_view::npos) {
            phrase = m.phrase;
            return m.measure;
        }
    }
    return nullptr;
}

// Words a header's continuation line is made of (`n/N  n/N  M-H,Fixed,95% CI`).
bool header_word(string_view w) {
    static const char* kWords[] = {"n/n", "events", "total", "weight", "m-h", "iv", "peto", "fixed", "random", "ci",
                                   "risk", "odds", "ratio", "difference", "experimental", "control", "(%)", "%"};
    for (const char* k : kWords) {
        if (w.size() == std::strlen(k) && pt::starts_with(w, k)) return true;
    }
    PrintedNumber n;
    return !w.empty() && w.back() == '%' && pt::whole_number(w, n, true);  // 95%
}

template <typename Visit>
void for_each_word(string_view s, const char* separators, Visit visit) {
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (std::strchr(separators, s[i]) != nullptr || pt::space_at(s, i) > 0)) {
            i += pt::space_at(s, i) > 0 ? pt::space_at(s, i) : 1;
        }
        size_t e = i;
        while (e < s.size() && std::strchr(separators, s[e]) == nullptr && pt::space_at(s, e) == 0) ++e;
        if (e > i) visit(s.substr(i, e - i));
        i = e;
    }
}

bool all_header_words(string_view t) {
    bool all = true;
    for_each_word(t, ",", [&](string_view w) { all = all && header_word(w); });
    return all;
}

// `0.01 0.1 1 10 100`, `-1 -0.5 0 0.5 1`: the plot's axis. Only numbers,
// at least three, increasing, and one with decimals or a sign (a row of
// counts has neither).
bool axis_line(string_view t) {
    int n = 0;
    bool ok = true;
    bool decimals_or_sign = false;
    double previous = 0;
    for_each_word(t, "", [&](string_view w) {
        PrintedNumber x;
        if (!ok || !pt::whole_number(w, x, false)) {
            ok = false;
            return;
        }
        if (n > 0 && !(x.value > previous)) ok = false;
        decimals_or_sign = decimals_or_sign || x.decimals > 0 || x.value < 0 || w[0] == '-';
        previous = x.value;
        ++n;
    });
    return ok && n >= 3 && decimals_or_sign;
}

bool footer_line(string_view t) {
    return pt::starts_with(t, "Favours") || pt::starts_with(t, "Favors") || pt::starts_with(t, "Footnotes") ||
           pt::starts_with(t, "Risk of bias legend");
}

bool title_line(string_view t) {
    if (pt::starts_with(t, "Review:") || pt::starts_with(t, "Comparison:") || pt::starts_with(t, "Outcome:")) {
        return true;
    }
    return pt::starts_with(t, "Analysis ") && t.size() > 9 && t[9] >= '0' && t[9] <= '9';
}

// The column of byte `at` of a line: a field of a delimited line; on a
// space-separated line `fallback`.
int column_at(string_view text, size_t at, int fallback) {
    const LineFields lf = split_line(text);
    if (lf.separator == ' ') return fallback;
    for (size_t f = 0; f < lf.fields.size(); ++f) {
        if (at >= lf.fields[f].from && at <= lf.fields[f].to) return static_cast<int>(f) + 1;
    }
    return fallback;
}

// The statistic name ending at `e` in `s`: back to `;`, `,`, `:` or `(`,
// a parenthesis just before `e` included (`Tau² (REML)`).
string_view name_before(string_view s, size_t e, string& method) {
    while (e > 0 && pt::space_at(s, e - 1) > 0) --e;
    size_t b = e;
    size_t name_end = e;
    if (b > 0 && s[b - 1] == ')') {
        const size_t o = s.rfind('(', b - 1);
        if (o != string_view::npos) {
            method.assign(pt::trim(s.substr(o + 1, b - 2 - o)));
            b = o;
            name_end = o;
        }
    }
    while (b > 0 && std::strchr(";,:(", s[b - 1]) == nullptr) --b;
    return s.substr(b, name_end - b);
}

}  // namespace

ForestLine ForestPlotTable::read_line(string_view text, int number, bool data_seen, ParsedTable& table) {
    const string_view t = pt::trim(text);
    if (t.empty() || t[0] == '#') return ForestLine::Other;
    text_ = text;
    csv_row_ = false;
    if (csv_.active()) return csv_line(text, number, table);
    if (!data_seen && !header_done_ && csv_.header(text)) {
        header_done_ = active_ = true;
        table.header_line = number;
        note_line_ = number;
        note_text_.assign(text);
        return ForestLine::Source;
    }
    // Only a line that starts with "Study" is searched for the header's words.
    const auto counts_named = [t] {
        return find_word(t, "Events") != string_view::npos || pt::find(t, "n/N") != string_view::npos;
    };
    if (pt::starts_with(t, "Study") && (find_word(t, "Weight") != string_view::npos ||
                                        (counts_named() && pt::find(t, "CI") != string_view::npos))) {
        return header_line(t, number, table) ? ForestLine::Source : ForestLine::Other;
    }
    if (!data_seen && !header_done_ && title_line(t)) {
        active_ = true;
        return ForestLine::Source;
    }
    size_t at = 0;
    string_view phrase;
    if (!data_seen && !header_done_ && !has_digit(t) && measure_of(t, at, phrase) != nullptr) {
        header_text_ += string(t) + " ";  // the header's first line: arm names and the measure
        active_ = true;
        return ForestLine::Source;
    }
    if (pt::starts_with(t, "Subtotal (") || pt::starts_with(t, "Total (")) {
        pooled_line(text, t, number, pt::starts_with(t, "Subtotal"), table);
        return ForestLine::Source;
    }
    if (pt::starts_with(t, "Total events")) {
        total_events_line(t, number, table);
        return ForestLine::Source;
    }
    if (pt::starts_with(t, "Heterogeneity:")) {
        statistics_line(t.substr(14), number, 0, table);
        return ForestLine::Source;
    }
    if (pt::starts_with(t, "Test for overall effect")) {
        statistics_line(t.substr(23), number, 1, table);
        return ForestLine::Source;
    }
    if (pt::starts_with(t, "Test for subgroup differences")) {
        statistics_line(t.substr(29), number, 2, table);
        return ForestLine::Source;
    }
    if (pt::starts_with(t, "Prediction interval")) {
        statistics_line(t.substr(19), number, 3, table);
        return ForestLine::Source;
    }
    if (footer_line(t)) {
        active_ = true;
        return ForestLine::Source;
    }
    if (active_) {
        if (header_done_ && !rows_started_ && all_header_words(t)) {
            header_text_ += string(t) + " ";
            read_analysis(number, table);
            return ForestLine::Source;
        }
        if (axis_line(t)) return ForestLine::Source;
        if (heading_line(text, t, table)) return ForestLine::Source;
        return ForestLine::StudyRow;
    }
    // No header: a row of counts followed by printed columns is one too.
    const PrintedColumns pc = cut_printed_columns(text);
    if (pc.found && !pc.problem && pc.before_numeric) {
        active_ = true;
        return ForestLine::StudyRow;
    }
    return ForestLine::Other;
}

ForestLine ForestPlotTable::csv_line(string_view text, int number, ParsedTable& table) {
    csv_line_ = csv_.read(text, number, table);
    if (csv_line_.kind == RevManCsv::Kind::Study) {
        csv_row_ = true;
        return ForestLine::StudyRow;
    }
    if (csv_line_.kind == RevManCsv::Kind::Refused) {
        const Problem& p = *csv_line_.problem;
        table.problems.push_back(problem_at(number, p.column, p.message, text));
    }
    update_note(table);
    return ForestLine::Source;
}

int ForestPlotTable::export_column(int column) const {
    const std::vector<int>& c = csv_line_.columns;
    return column >= 1 && static_cast<size_t>(column) <= c.size() ? c[static_cast<size_t>(column) - 1] : column;
}

bool ForestPlotTable::header_line(string_view t, int number, ParsedTable& table) {
    header_text_ += string(t) + " ";
    header_done_ = true;
    active_ = true;
    if (pt::find(t, "n/N") != string_view::npos) cochrane_library_ = true;
    if (table.header_line == 0) table.header_line = number;
    if (note_line_ == 0) {
        note_line_ = number;
        note_text_.assign(text_);
    }
    read_analysis(number, table);
    return true;
}

// The effect column's description from the header's lines read so far.
void ForestPlotTable::read_analysis(int number, ParsedTable& table) {
    PrintedAnalysis& a = table.printed.analysis;
    const string_view h = header_text_;
    size_t at = 0;
    string_view phrase;
    const char* measure = measure_of(h, at, phrase);
    size_t method_at = pt::find(h, "M-H");
    const char* method = "MH";
    if (method_at == string_view::npos && (method_at = find_word(h, "Peto")) != string_view::npos &&
        pt::find(h, "Peto Odds Ratio") != method_at) {
        method = "PETO";
    } else if (method_at == string_view::npos) {
        method_at = find_word(h, "IV");
        method = "IV";
    }
    if (method_at == string_view::npos && pt::find(h, "Peto Odds Ratio") != string_view::npos) {
        method_at = pt::find(h, "Peto Odds Ratio");
        method = "PETO";
    }
    if (measure == nullptr && method_at == string_view::npos) return;
    a.present = true;
    a.line = a.line == 0 ? number : a.line;
    a.measure = measure != nullptr ? measure : "";
    a.method = method_at != string_view::npos ? method : "";
    a.model = find_word(h, "Random") != string_view::npos ? "random"
              : find_word(h, "Fixed") != string_view::npos ? "common"
                                                          : "";
    const size_t ci = method_at != string_view::npos ? pt::find(h, "CI", method_at) : string_view::npos;
    a.text = measure != nullptr ? string(phrase) : string();
    if (ci != string_view::npos) {
        a.text += (a.text.empty() ? "" : " ") + string(h.substr(method_at, ci + 2 - method_at));
        // The level: the number before `% CI`.
        const size_t pct = h.rfind('%', ci);
        if (pct != string_view::npos && pct > method_at) {
            size_t b = pct;
            while (b > 0 && ((h[b - 1] >= '0' && h[b - 1] <= '9') || h[b - 1] == '.')) --b;
            PrintedNumber level;
            if (pt::whole_number(h.substr(b, pct - b), level, false) && level.value > 0 && level.value < 100) {
                a.level = level.value / 100;
            }
        }
    }
}

bool ForestPlotTable::heading_line(string_view text, string_view t, ParsedTable& table) {
    const LineFields lf = split_line(text);
    size_t filled = 0;
    for (const LineField& f : lf.fields) filled += f.value.empty() ? 0 : 1;
    string_view h = t;
    if (lf.separator != ' ') {
        if (filled != 1 || lf.fields.empty() || lf.fields[0].value.empty()) return false;
        h = pt::trim(t.substr(0, t.find(lf.separator)));
    }
    // A leading number: `1.1.1`, `1`.
    size_t n = 0;
    int dots = 0;
    while (n < h.size() && ((h[n] >= '0' && h[n] <= '9') || h[n] == '.')) dots += h[n++] == '.' ? 1 : 0;
    const bool numbered = n > 0 && n < h.size() && pt::space_at(h, n) > 0;
    string_view name = numbered ? pt::trim(h.substr(n)) : h;
    if (numbered && dots >= 2) {
        // RevMan's `1.1.1 Adults`: any text.
    } else if (has_digit(name) || !has_letter(name) || (n > 0 && !numbered)) {
        return false;
    }
    if (name.empty()) return false;
    heading_.assign(name);
    table.group_headings = true;
    open_block_ = -1;
    return true;
}

PrintedPooled& ForestPlotTable::block(int number, ParsedTable& table) {
    if (open_block_ < 0) {
        PrintedPooled p;
        p.line = number;
        p.group = heading_;
        table.printed.pooled.push_back(p);
        open_block_ = static_cast<int>(table.printed.pooled.size()) - 1;
    }
    PrintedPooled& p = table.printed.pooled[static_cast<size_t>(open_block_)];
    p.lines.push_back(number);
    return p;
}

void ForestPlotTable::pooled_line(string_view text, string_view t, int number, bool subtotal, ParsedTable& table) {
    active_ = true;
    open_block_ = -1;
    if (!subtotal) heading_.clear();  // the overall total closes the last subgroup
    PrintedPooled& p = block(number, table);
    const size_t close = t.find(')');
    p.label.assign(close != string_view::npos ? t.substr(0, close + 1) : t.substr(0, subtotal ? 8 : 5));
    p.group = subtotal ? heading_ : "";
    const PrintedColumns pc = cut_printed_columns(text);
    if (pc.found && !pc.problem) {
        p.weight = pc.printed.weight.present() ? pc.printed.weight : p.weight;
        p.estimate = pc.printed.estimate;
        p.lower = pc.printed.lower;
        p.upper = pc.printed.upper;
    }
    // The participants per arm between the label and the printed columns.
    const size_t from = static_cast<size_t>(t.data() - text.data()) + p.label.size();
    const size_t to = pc.found ? pc.keep : text.size();
    size_t i = from;
    int read = 0;
    while (i < to && read < 2) {
        i = pt::skip_spaces(text, i);
        if (i >= to) break;
        PrintedNumber x;
        const size_t start = i;
        if (!pt::read_number(text.substr(0, to), i, x)) break;
        x.column = column_at(text, start, 2 + read);
        (read == 0 ? p.n1 : p.n2) = x;
        ++read;
    }
    update_note(table);
}

void ForestPlotTable::total_events_line(string_view t, int number, ParsedTable& table) {
    PrintedPooled& p = block(number, table);
    const string_view rest = t.substr(12);
    size_t i = 0;
    int read = 0;
    while (i < rest.size() && read < 2) {
        const char c = rest[i];
        if (c == '(') {
            const size_t close = rest.find(')', i);
            i = close == string_view::npos ? rest.size() : close + 1;
            continue;
        }
        PrintedNumber x;
        if ((c >= '0' && c <= '9') && pt::read_number(rest, i, x)) {
            (read == 0 ? p.events1 : p.events2) = x;
            ++read;
            continue;
        }
        ++i;
    }
}

// kind 0: Heterogeneity, 1: Test for overall effect, 2: Test for subgroup
// differences, 3: Prediction interval.
void ForestPlotTable::statistics_line(string_view rest, int number, int kind, ParsedTable& table) {
    active_ = true;
    PrintedSubgroupTest& test = table.printed.subgroup_test;
    if (kind == 2) {
        test.line = number;
    }
    PrintedPooled* p = kind == 2 ? nullptr : &block(number, table);
    if (kind == 3) {
        size_t i = 0;
        int read = 0;
        while (i < rest.size() && read < 2) {
            PrintedNumber x;
            const char c = rest[i];
            const bool starts = (c >= '0' && c <= '9') || c == '-' || static_cast<unsigned char>(c) == 0xE2;
            if (starts && pt::read_number(rest, i, x)) {
                (read == 0 ? p->pi_lower : p->pi_upper) = x;
                ++read;
                continue;
            }
            ++i;
        }
        return;
    }
    for (size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (c != '=' && c != '<' && c != '>') continue;
        string method;
        const string key = pt::statistic_key(name_before(rest, i, method));
        size_t j = pt::skip_spaces(rest, i + 1);
        PrintedNumber x;
        if (!pt::read_number(rest, j, x)) continue;
        x.relation = c;
        if (kind == 2) {
            if (key == "chi2") test.Q = x;
            else if (key == "df") test.df = x;
            else if (key == "p") test.p = x;
            else if (key == "i2") test.I2 = x;
        } else if (kind == 0) {
            if (key == "tau2") {
                p->tau2 = x;
                p->tau2_method = method;
            } else if (key == "chi2") {
                p->Q = x;
            } else if (key == "df") {
                p->df = x;
            } else if (key == "p") {
                p->Q_p = x;
            } else if (key == "i2") {
                p->I2 = x;
            }
        } else {
            if (key == "z") p->z = x;
            else if (key == "p") p->p = x;
        }
        i = j - 1;
    }
}

void ForestPlotTable::take_row(StudyRow& row, const PrintedColumns& printed, ParsedTable& table) {
    rows_started_ = true;
    if (printed.found && !printed.problem) row.printed = printed.printed;
    row.group = heading_;
    if (csv_row_) {
        row.printed = csv_line_.printed;
        row.group = csv_line_.group;
    }
    ++studies_;
    if (note_line_ == 0) {
        note_line_ = row.line;
        note_text_.assign(text_);
    }
    update_note(table);
}

// One note for the whole table, kept up to date as lines are read.
void ForestPlotTable::update_note(ParsedTable& table) {
    if (note_line_ == 0) return;
    const size_t pooled = table.printed.pooled.size();
    const char* shape = csv_.active()       ? "RevMan 5's exported analysis data (CSV)"
                        : cochrane_library_ ? "the Cochrane Library's analysis table"
                                            : "RevMan's forest-plot table";
    string m = "line " + std::to_string(note_line_) + ": read as " + shape + ": " +
               std::to_string(studies_) + (studies_ == 1 ? " study" : " studies");
    if (table.group_headings) m += " under subgroup headings";
    if (pooled > 0) {
        m += "; the printed " + string(pooled == 1 ? "Total" : "Totals") +
             " and heterogeneity are kept for the check, not read as studies";
    }
    if (note_ < 0) {
        InputProblem n;
        n.line = note_line_;
        n.text = note_text_;
        table.notes.push_back(n);
        note_ = static_cast<int>(table.notes.size()) - 1;
    }
    table.notes[static_cast<size_t>(note_)].message = m;
}

}  // namespace metapool
