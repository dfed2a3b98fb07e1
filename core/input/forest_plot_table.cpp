// Reading the non-study lines of a forest-plot table and the printed columns
// of its study rows (forest_plot_table.hpp). Hand-written scanning: no
// exceptions, no locale, linear in the line.
#include "input/forest_plot_table.hpp"

#include <cmath>
#include <vector>

namespace metapool {

namespace {

using std::size_t;
using std::string;
using std::string_view;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_separator(char c) { return c == ' ' || c == '\t' || c == ',' || c == ';'; }

// Lower-case ASCII copy in which the printed forms that vary between sources
// read alike: ² and ^2 -> 2, the Unicode minus and en dash -> '-', tabs and
// non-breaking spaces -> ' '. Byte positions are not kept; only this copy is
// searched and read.
string normalised(string_view s) {
    string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB2) {  // ²
            out += '2';
            ++i;
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // NBSP
            out += ' ';
            ++i;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x88 &&
                   static_cast<unsigned char>(s[i + 2]) == 0x92) {  // U+2212 minus
            out += '-';
            i += 2;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   static_cast<unsigned char>(s[i + 2]) == 0x93) {  // en dash
            out += '-';
            i += 2;
        } else if (c == '^' && i + 1 < s.size() && s[i + 1] == '2') {
            continue;  // Chi^2 -> chi2
        } else if (c == '\t') {
            out += ' ';
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

string_view trim(string_view s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
    return s.substr(a, b - a);
}

bool starts_with(string_view s, string_view p) { return s.substr(0, p.size()) == p; }

// A number token ending at `end` (exclusive) in `s`: its start, or npos.
size_t number_start_before(string_view s, size_t end) {
    size_t i = end;
    while (i > 0) {
        const char c = s[i - 1];
        if (is_digit(c) || c == '.') {
            --i;
        } else if (c == '-' || c == '+') {
            --i;
            break;
        } else if (i >= 3 && static_cast<unsigned char>(s[i - 3]) == 0xE2 &&
                   static_cast<unsigned char>(s[i - 2]) == 0x88 && static_cast<unsigned char>(s[i - 1]) == 0x92) {
            i -= 3;  // Unicode minus
            break;
        } else {
            break;
        }
    }
    return i < end ? i : string_view::npos;
}

size_t skip_separators_back(string_view s, size_t end) {
    while (end > 0 && is_separator(s[end - 1])) --end;
    return end;
}

// `0.03, 0.59`, `0.03 to 0.59`, `0.03; 0.59`: the two limits.
bool read_interval(string_view inside, PrintedNumber& lower, PrintedNumber& upper) {
    const string n = normalised(inside);
    size_t cut = n.find(" to ");
    size_t skip = 4;
    if (cut == string::npos) {
        cut = n.find(',');
        skip = 1;
    }
    if (cut == string::npos) {
        cut = n.find(';');
        skip = 1;
    }
    if (cut == string::npos) return false;
    return read_printed_number(trim(string_view(n).substr(0, cut)), lower) &&
           read_printed_number(trim(string_view(n).substr(cut + skip)), upper);
}

bool ends_with_ci(string_view s, string_view word) {
    if (s.size() < word.size()) return false;
    const string tail = normalised(s.substr(s.size() - word.size()));
    return tail == word;
}

// The value printed after `key` in `n` (normalised): `key = 0.04`,
// `key (REML) = 0.04`, `key < 0.00001`, `key =51%`. `method` receives a
// bracketed word after the key. Keys are matched where a word starts.
PrintedNumber value_after(const string& n, string_view key, size_t from = 0, string* method = nullptr) {
    PrintedNumber out;
    size_t at = from;
    for (;;) {
        at = n.find(key.data(), at, key.size());
        if (at == string::npos) return out;
        const bool word_start = at == 0 || !is_letter(n[at - 1]);
        const size_t after = at + key.size();
        const bool word_end = after >= n.size() || !is_letter(n[after]);
        if (word_start && word_end) break;
        at = after;
    }
    size_t i = at + key.size();
    while (i < n.size() && n[i] == ' ') ++i;
    if (i < n.size() && n[i] == '(') {  // Tau² (REML)
        const size_t close = n.find(')', i);
        if (close == string::npos) return out;
        if (method) *method = string(trim(string_view(n).substr(i + 1, close - i - 1)));
        i = close + 1;
        while (i < n.size() && n[i] == ' ') ++i;
    }
    if (i >= n.size()) return out;
    char relation = n[i];
    if (relation != '=' && relation != '<' && relation != '>') return out;
    ++i;
    while (i < n.size() && n[i] == ' ') ++i;
    size_t j = i;
    while (j < n.size() && (is_digit(n[j]) || n[j] == '.' || n[j] == '-' || n[j] == '+')) ++j;
    if (!read_printed_number(string_view(n).substr(i, j - i), out)) return PrintedNumber();
    out.relation = relation;
    return out;
}

// The p-value printed in brackets after `from`: `(P = 0.06)`, `(P < 0.00001)`.
PrintedNumber bracketed_p(const string& n, size_t from) {
    const size_t at = n.find("(p", from);
    return at == string::npos ? PrintedNumber() : value_after(n, "p", at + 1);
}

// Whole numbers of `s` outside brackets, in order (`12 (Treatment), 34 (Control)`).
std::vector<PrintedNumber> whole_numbers(string_view s) {
    std::vector<PrintedNumber> out;
    int depth = 0;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '(' || c == '[') { ++depth; ++i; continue; }
        if (c == ')' || c == ']') { depth = depth > 0 ? depth - 1 : 0; ++i; continue; }
        if (depth == 0 && is_digit(c) && (i == 0 || !is_letter(s[i - 1]))) {
            size_t j = i;
            while (j < s.size() && (is_digit(s[j]) || s[j] == '.')) ++j;
            PrintedNumber p;
            if (read_printed_number(s.substr(i, j - i), p)) out.push_back(p);
            i = j;
            continue;
        }
        ++i;
    }
    return out;
}

// What an effect header says: `Risk Ratio`, `M-H, Random, 95% CI`,
// `Peto Odds Ratio Peto, Fixed, 95% CI`, `Risk Difference IV, Fixed, 90% CI`.
void read_effect_header(const string& n, PrintedAnalysis& a) {
    if (n.find("peto odds ratio") != string::npos) {
        a.measure = "OR";
        a.method = "PETO";
    } else if (n.find("odds ratio") != string::npos) {
        a.measure = "OR";
    } else if (n.find("risk ratio") != string::npos || n.find("relative risk") != string::npos) {
        a.measure = "RR";
    } else if (n.find("risk difference") != string::npos) {
        a.measure = "RD";
    }
    if (n.find("m-h") != string::npos || n.find("mantel") != string::npos) a.method = "MH";
    else if (n.find("iv,") != string::npos || n.find(" iv ") != string::npos || n.find("inverse variance") != string::npos)
        a.method = "IV";
    else if (n.find("peto,") != string::npos || n.find("peto ") != string::npos) a.method = "PETO";
    if (n.find("random") != string::npos) a.model = "random";
    else if (n.find("fixed") != string::npos || n.find("common") != string::npos) a.model = "common";
    const size_t ci = n.find("% ci");
    if (ci != string::npos) {
        const size_t start = number_start_before(n, ci);
        PrintedNumber level;
        if (start != string_view::npos && read_printed_number(string_view(n).substr(start, ci - start), level) &&
            level.value > 0 && level.value < 100) {
            a.level = level.value / 100;
        }
    }
}

bool has_digit(string_view s) {
    for (char c : s) if (is_digit(c)) return true;
    return false;
}

// `95% CI` is no data: a header may hold it.
bool only_level_digits(const string& n) {
    string rest = n;
    for (size_t at; (at = rest.find("% ci")) != string::npos;) {
        size_t s = at;
        while (s > 0 && (is_digit(rest[s - 1]) || rest[s - 1] == '.')) --s;
        rest.erase(s, at + 4 - s);
    }
    return !has_digit(rest);
}

bool mentions_measure(const string& n) {
    return n.find("risk ratio") != string::npos || n.find("odds ratio") != string::npos ||
           n.find("risk difference") != string::npos;
}

// `0.01 0.1 1 10 100`, `-1 -0.5 0 0.5 1`: the plot's axis.
bool axis_line(const string& n) {
    size_t tokens = 0;
    bool decimal = false;
    size_t i = 0;
    while (i < n.size()) {
        while (i < n.size() && n[i] == ' ') ++i;
        if (i >= n.size()) break;
        size_t j = i;
        while (j < n.size() && n[j] != ' ') ++j;
        PrintedNumber p;
        if (!read_printed_number(string_view(n).substr(i, j - i), p)) return false;
        decimal = decimal || p.decimals > 0 || p.value < 0;
        ++tokens;
        i = j;
    }
    return tokens >= 3 && decimal;
}

// `1.1.1 Adults`: RevMan's numbered subgroup heading (no counts after it).
bool numbered_heading(const string& n) {
    size_t i = 0;
    while (i < n.size() && is_digit(n[i])) ++i;
    if (i == 0 || i >= n.size() || n[i] != '.') return false;
    while (i < n.size() && (is_digit(n[i]) || n[i] == '.')) ++i;
    if (i >= n.size() || n[i] != ' ') return false;
    return whole_numbers(string_view(n).substr(i)).size() < 2;
}

}  // namespace

bool read_printed_number(std::string_view s, PrintedNumber& out) {
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
        negative = s[i] == '-';
        ++i;
    } else if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE2 && static_cast<unsigned char>(s[1]) == 0x88 &&
               static_cast<unsigned char>(s[2]) == 0x92) {
        negative = true;
        i = 3;
    }
    // The digits as one whole number, divided once by 10^decimals: the
    // double nearest the printed decimal (for up to 15 digits).
    double mantissa = 0;
    int digits = 0, decimals = -1;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (is_digit(c)) {
            ++digits;
            mantissa = mantissa * 10 + (c - '0');
            if (decimals >= 0) ++decimals;
        } else if (c == '.' && decimals < 0) {
            decimals = 0;
        } else {
            return false;
        }
    }
    if (digits == 0 || digits > 15 || decimals == 0) return false;
    const double value = decimals > 0 ? mantissa / std::pow(10.0, decimals) : mantissa;
    out.value = negative ? -value : value;
    out.decimals = decimals < 0 ? 0 : decimals;
    out.relation = '=';
    return true;
}

std::size_t cut_printed_columns(std::string_view line, PrintedStudy& printed, bool& not_estimable) {
    not_estimable = false;
    size_t end = line.size();
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r')) --end;
    PrintedStudy found;
    size_t pos;
    if (ends_with_ci(line.substr(0, end), "not estimable")) {
        pos = end - 13;
        not_estimable = true;
    } else {
        if (end == 0 || (line[end - 1] != ']' && line[end - 1] != ')')) return line.size();
        const char close = line[end - 1];
        const size_t open = line.rfind(close == ']' ? '[' : '(', end - 1);
        if (open == string_view::npos) return line.size();
        if (!read_interval(line.substr(open + 1, end - 1 - open - 1), found.lower, found.upper)) return line.size();
        size_t e = open;
        while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
        const size_t s = number_start_before(line, e);
        if (s == string_view::npos || !read_printed_number(line.substr(s, e - s), found.estimate)) return line.size();
        if (s > 0 && !is_separator(line[s - 1])) return line.size();
        // `RR 0,54 (...)`: a decimal comma, not a column.
        if (s > 1 && (line[s - 1] == ',' || line[s - 1] == ';') && is_digit(line[s - 2]) &&
            found.estimate.decimals == 0) {
            return line.size();
        }
        pos = s;
    }
    // What comes before the effect must be a count, a cell or a weight, never
    // a measure word (`RR 0.54 (0.40 to 0.72)` is a reported effect).
    size_t before = skip_separators_back(line, pos);
    if (before == 0) return line.size();
    const char last = line[before - 1];
    if (!is_digit(last) && last != '%') return line.size();
    if (last == '%') {
        size_t e = before - 1;
        while (e > 0 && line[e - 1] == ' ') --e;
        const size_t s = number_start_before(line, e);
        if (s == string_view::npos || !read_printed_number(line.substr(s, e - s), found.weight)) return line.size();
        before = skip_separators_back(line, s);
    }
    printed.weight = found.weight;
    printed.estimate = found.estimate;
    printed.lower = found.lower;
    printed.upper = found.upper;
    return before;
}

bool ForestPlotLines::read(std::string_view line, int number, int rows_so_far, PrintedSource& source,
                           std::string& note) {
    const string_view t = trim(line);
    if (t.empty() || t[0] == '#') return false;
    const string n = normalised(t);

    PrintedPooled* block = block_ >= 0 ? &source.pooled[static_cast<size_t>(block_)] : nullptr;
    const auto open_block = [&](string label, string group) -> PrintedPooled& {
        PrintedPooled p;
        p.line = number;
        p.label = std::move(label);
        p.group = std::move(group);
        source.pooled.push_back(std::move(p));
        block_ = static_cast<int>(source.pooled.size()) - 1;
        return source.pooled.back();
    };
    // A line that belongs to a block: to the one open, else to a new one
    // (only the heterogeneity lines of an analysis may have been pasted).
    const auto current = [&]() -> PrintedPooled& {
        if (block) return *block;
        return open_block("", heading_);
    };

    if (starts_with(n, "heterogeneity")) {
        PrintedPooled& p = current();
        p.lines.push_back(number);
        p.tau2 = value_after(n, "tau2", 0, &p.tau2_method);
        if (!p.tau2.present()) p.tau2 = value_after(n, "tau", 0, &p.tau2_method);
        p.Q = value_after(n, "chi2");
        const size_t df_at = n.find("df");
        p.df = value_after(n, "df");
        if (df_at != string::npos) p.Q_p = bracketed_p(n, df_at);
        p.I2 = value_after(n, "i2");
        recognised_ = true;
        return true;
    }
    if (starts_with(n, "test for overall effect")) {
        PrintedPooled& p = current();
        p.lines.push_back(number);
        const size_t z_at = n.find("z");
        p.z = value_after(n, "z");
        if (z_at != string::npos) p.p = bracketed_p(n, z_at);
        recognised_ = true;
        return true;
    }
    if (starts_with(n, "test for subgroup differences")) {
        PrintedSubgroupTest& s = source.subgroup_test;
        s.line = number;
        s.Q = value_after(n, "chi2");
        const size_t df_at = n.find("df");
        s.df = value_after(n, "df");
        if (df_at != string::npos) s.p = bracketed_p(n, df_at);
        s.I2 = value_after(n, "i2");
        recognised_ = true;
        return true;
    }
    if (starts_with(n, "total events")) {
        PrintedPooled& p = current();
        p.lines.push_back(number);
        const std::vector<PrintedNumber> v = whole_numbers(string_view(n).substr(12));
        if (v.size() >= 2) {
            p.events1 = v[0];
            p.events2 = v[1];
        }
        recognised_ = true;
        return true;
    }
    const bool subtotal = starts_with(n, "subtotal (");
    if ((subtotal || starts_with(n, "total (")) && n.find("ci)") != string::npos) {
        const size_t close = t.find(')');
        PrintedPooled& p = open_block(string(t.substr(0, close + 1)), subtotal ? heading_ : "");
        p.lines.push_back(number);
        PrintedStudy printed;
        bool not_estimable = false;
        const size_t end = cut_printed_columns(t, printed, not_estimable);
        p.weight = printed.weight;
        p.estimate = printed.estimate;
        p.lower = printed.lower;
        p.upper = printed.upper;
        if (end > close + 1) {
            const std::vector<PrintedNumber> v = whole_numbers(t.substr(close + 1, end - close - 1));
            if (v.size() >= 2) {
                p.n1 = v[0];
                p.n2 = v[1];
            }
        }
        recognised_ = true;
        return true;
    }
    // Header lines: `Study or Subgroup ...`, or the effect's name above it.
    if (n.find("study or subgroup") != string::npos ||
        (rows_so_far == 0 && mentions_measure(n) && only_level_digits(n) && n.find('/') == string::npos)) {
        PrintedAnalysis& a = source.analysis;
        read_effect_header(n, a);
        if (mentions_measure(n) || n.find("% ci") != string::npos) {
            a.present = true;
            if (a.line == 0) a.line = number;
            if (!a.text.empty()) a.text += " / ";
            a.text.append(t);
        }
        if (!recognised_) note = "read as a forest-plot table (RevMan, the Cochrane Library): its printed weights, "
                                 "effects, totals and heterogeneity are kept and checked against the counts";
        recognised_ = true;
        return true;
    }
    if (!recognised_) return false;
    // The plot's footer and axis, and subgroup headings.
    if (starts_with(n, "favours") || starts_with(n, "favors") || n.find("favours [") != string::npos) return true;
    if (starts_with(n, "footnotes") || starts_with(n, "risk of bias legend")) return true;
    if (axis_line(n)) return true;
    if (numbered_heading(n) || (!has_digit(n) && n.find('/') == string::npos)) {
        heading_ = string(t);
        has_headings_ = true;
        block_ = -1;
        return true;
    }
    return false;
}

}  // namespace metapool
