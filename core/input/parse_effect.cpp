// Reported effects for generic inverse-variance rows; the grammar is in
// parse_effect.hpp. Numbers are read by hand (digits and one point, checked
// before strtod sees them, so the "C" conventions are all that matter); no
// exceptions.
#include "input/parse_effect.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "input/message_text.hpp"

namespace metapool {

namespace {

using std::size_t;
using std::string;
using std::string_view;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool has_at(string_view s, size_t i, string_view what) { return s.substr(i, what.size()) == what; }

// Spaces inside an effect: ASCII blanks, U+00A0, U+2009 (thin), U+202F.
size_t space_len(string_view s, size_t i) {
    if (i >= s.size()) return 0;
    if (s[i] == ' ' || s[i] == '\t') return 1;
    if (has_at(s, i, "\xC2\xA0")) return 2;
    if (has_at(s, i, "\xE2\x80\x89") || has_at(s, i, "\xE2\x80\xAF")) return 3;
    return 0;
}

constexpr const char* kMinus = "\xE2\x88\x92";   // U+2212
constexpr const char* kEnDash = "\xE2\x80\x93";  // U+2013
constexpr const char* kEmDash = "\xE2\x80\x94";  // U+2014

// The effect parser's messages cut a long value back to the start of the
// character (input/message_text.hpp: Cut).
string quote_value(string_view v) { return show(v, Cut::ToCharacterStart); }

struct Cursor {
    string_view s;
    size_t i = 0;

    bool end() const { return i >= s.size(); }
    char peek() const { return end() ? '\0' : s[i]; }
    string_view rest() const { return s.substr(i); }

    bool skip_spaces() {
        const size_t from = i;
        for (size_t l = space_len(s, i); l > 0; l = space_len(s, i)) i += l;
        return i > from;
    }

    // A word (any case) not followed by a letter or digit.
    bool word(string_view w) {
        if (i + w.size() > s.size()) return false;
        for (size_t j = 0; j < w.size(); ++j) {
            if (lower(s[i + j]) != w[j]) return false;
        }
        const size_t after = i + w.size();
        if (after < s.size() && (is_alpha(s[after]) || is_digit(s[after]))) return false;
        i = after;
        return true;
    }

    // A prefix (any case), e.g. "log" of "logRR".
    bool prefix(string_view w) {
        if (i + w.size() > s.size()) return false;
        for (size_t j = 0; j < w.size(); ++j) {
            if (lower(s[i + j]) != w[j]) return false;
        }
        i += w.size();
        return true;
    }

    bool literal(string_view w) {
        if (!has_at(s, i, w)) return false;
        i += w.size();
        return true;
    }

    bool assignment() {  // optional "=" or ":" with spaces around
        skip_spaces();
        if (peek() == '=' || peek() == ':') {
            ++i;
            skip_spaces();
            return true;
        }
        return false;
    }
};

// Does s[i] start a number: a sign (-, +, U+2212), then a digit or ".digit"?
bool number_starts(string_view s, size_t i) {
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
        ++i;
    } else if (has_at(s, i, kMinus)) {
        i += 3;
    }
    if (i < s.size() && s[i] == '.') ++i;
    return i < s.size() && is_digit(s[i]);
}

// The text of a number-like run for messages: up to the next space or bracket.
string_view token_at(string_view s, size_t i) {
    size_t e = i;
    while (e < s.size() && space_len(s, e) == 0 && s[e] != '(' && s[e] != ')' && s[e] != '[' && s[e] != ']') ++e;
    return s.substr(i, e - i);
}

// Reads a number at the cursor into `value`; refused (naming `what`) when
// there is none.
std::optional<Problem> read_number(Cursor& c, double& value, const string& what) {
    const size_t start = c.i;
    string buf;
    if (c.peek() == '-' || c.peek() == '+') {
        buf += c.peek();
        ++c.i;
    } else if (c.literal(kMinus)) {
        buf += '-';
    }
    size_t digits = 0;
    while (is_digit(c.peek())) {
        buf += c.peek();
        ++c.i;
        ++digits;
    }
    if (c.peek() == '.') {
        buf += '.';
        ++c.i;
        while (is_digit(c.peek())) {
            buf += c.peek();
            ++c.i;
            ++digits;
        }
    }
    const char next = c.peek();
    const bool decimal_comma = next == ',' && c.i + 1 < c.s.size() && is_digit(c.s[c.i + 1]) &&
                               buf.find('.') == string::npos;
    if (digits == 0 || decimal_comma || is_digit(next) || is_alpha(next) || next == '.' || next == '%') {
        const string_view shown = token_at(c.s, start);
        if (shown.empty()) {
            return problem("expected " + what + " at " + quote_value(c.s.substr(start)) +
                           "; write the effect like RR 0.54 (0.40 to 0.72)");
        }
        if (decimal_comma) {
            return problem(quote_value(shown) + " is not a number; write " + what + " with a decimal point (e.g. 0.54)");
        }
        return problem(quote_value(shown) + " is not a number; write " + what +
                       " in plain digits with a decimal point, e.g. 0.54");
    }
    value = std::strtod(buf.c_str(), nullptr);
    return std::nullopt;
}

bool ratio_scale(const ReportedEffect& e) { return e.measure != ReportedMeasure::RD && !e.log_scale; }

const char* measure_word(const ReportedEffect& e) {
    switch (e.measure) {
        case ReportedMeasure::RR: return e.log_scale ? "log RR" : "RR";
        case ReportedMeasure::OR: return e.log_scale ? "log OR" : "OR";
        case ReportedMeasure::RD: return "RD";
        case ReportedMeasure::None: break;
    }
    return "";
}

const char* kExamples = "e.g. RR 0.54 (0.40 to 0.72), log OR -0.62 (se 0.15) or RD -0.05 (-0.10 to 0.00)";

// The measure at the start; refused when there is none.
std::optional<Problem> read_measure(Cursor& c, ReportedEffect& e) {
    if (c.prefix("log") || c.prefix("ln")) {
        e.log_scale = true;
        c.skip_spaces();
    }
    if (c.word("rr")) {
        e.measure = ReportedMeasure::RR;
    } else if (c.word("or")) {
        e.measure = ReportedMeasure::OR;
    } else if (c.word("rd")) {
        e.measure = ReportedMeasure::RD;
        if (e.log_scale) {
            return problem("a risk difference has no log scale: write RD -0.05 (-0.10 to 0.00) or RD -0.05 (se 0.02)");
        }
    } else if (c.word("hr")) {
        return problem("a hazard ratio (HR) cannot be pooled here: metapool pools risk ratios (RR), odds ratios (OR) and "
                       "risk differences (RD)");
    } else {
        return problem("expected the measure (RR, OR, RD, log RR or log OR) before the estimate, " + string(kExamples));
    }
    return std::nullopt;
}

// "95% CI", "95%CI:", "CI" before the limits; the level defaults to 95%.
std::optional<Problem> read_level(Cursor& c, ReportedEffect& e) {
    size_t j = c.i;
    while (j < c.s.size() && (is_digit(c.s[j]) || c.s[j] == '.')) ++j;
    if (!(j > c.i && j < c.s.size() && c.s[j] == '%')) {
        if (c.word("ci")) c.assignment();
        return std::nullopt;
    }
    const string digits(c.s.substr(c.i, j - c.i));
    const double level = std::strtod(digits.c_str(), nullptr);
    if (!(level > 0 && level < 100) || digits.front() == '.' || digits.back() == '.' ||
        digits.find('.') != digits.rfind('.')) {
        return problem(quote_value(c.s.substr(c.i, j + 1 - c.i)) + " is not a confidence level; write e.g. (95% CI 0.40 to 0.72)");
    }
    e.level = level / 100;
    c.i = j + 1;
    c.skip_spaces();
    if (!c.word("ci")) {
        return problem("expected \"CI\" after " + quote_value(digits + "%") + ", e.g. (95% CI 0.40 to 0.72)");
    }
    c.assignment();
    return std::nullopt;
}

// The separator between the limits.
std::optional<Problem> read_separator(Cursor& c, const ReportedEffect& e) {
    c.skip_spaces();
    if (c.word("to") || c.literal(kEnDash) || c.literal(kEmDash) || c.literal(",") || c.literal(";")) return std::nullopt;
    if (c.peek() == '-' && ratio_scale(e)) {
        ++c.i;
        return std::nullopt;
    }
    return problem("expected \"to\" between the limits, at " + quote_value(c.rest()) + "; write the interval as (lower to upper), e.g. " +
                   (ratio_scale(e) ? "(0.40 to 0.72)" : "(-0.10 to 0.05)"));
}

std::optional<Problem> read_inside(Cursor& c, ReportedEffect& e) {
    c.skip_spaces();
    const size_t before_se = c.i;
    if (c.word("se")) {
        c.assignment();
        e.has_interval = false;
        if (auto refused = read_number(c, e.se, "the standard error")) return refused;
        if (ratio_scale(e)) {
            return problem(string("the standard error of a ratio is on the log scale: give the log ratio with it, e.g. log ") +
                           measure_word(e) + " -0.62 (se 0.15), or give the confidence interval, e.g. " + measure_word(e) +
                           " 0.54 (0.40 to 0.72)");
        }
        return std::nullopt;
    }
    c.i = before_se;
    if (auto refused = read_level(c, e)) return refused;
    c.skip_spaces();
    if (auto refused = read_number(c, e.lower, "the lower limit")) return refused;
    if (auto refused = read_separator(c, e)) return refused;
    c.skip_spaces();
    return read_number(c, e.upper, "the upper limit");
}

string number_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

std::optional<Problem> check_values(const ReportedEffect& e) {
    if (ratio_scale(e) && !(e.estimate > 0 && (!e.has_interval || (e.lower > 0 && e.upper > 0)))) {
        return problem(string("a ") + (e.measure == ReportedMeasure::RR ? "risk" : "odds") +
                       " ratio and its limits must be positive; for a log ratio write log " + measure_word(e) + " ...");
    }
    if (e.measure == ReportedMeasure::RD && !(std::fabs(e.estimate) <= 1)) {
        return problem("a risk difference lies between -1 and 1 (write -0.05 for -5%)");
    }
    if (!e.has_interval) {
        if (!(e.se > 0)) {
            return problem("the standard error must be positive");
        }
        return std::nullopt;
    }
    if (!(e.lower < e.upper)) {
        return problem(e.lower == e.upper ? "the interval has no width (lower and upper limits are equal)"
                                          : "the lower limit " + number_text(e.lower) + " is above the upper limit " +
                                                number_text(e.upper) + "; write (lower to upper)");
    }
    if (!(e.lower <= e.estimate && e.estimate <= e.upper)) {
        return problem("the estimate " + number_text(e.estimate) + " lies outside its interval (" + number_text(e.lower) +
                       " to " + number_text(e.upper) + "); check the numbers");
    }
    return std::nullopt;
}

}  // namespace

bool starts_like_effect(std::string_view field) {
    Cursor c{field};
    if (c.prefix("log") || c.prefix("ln")) c.skip_spaces();
    if (!(c.word("rr") || c.word("or") || c.word("rd") || c.word("hr"))) return false;
    c.assignment();
    return number_starts(field, c.i);
}

std::size_t find_effect(std::string_view line) {
    size_t e = line.size();
    while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r')) --e;
    if (e == 0 || (line[e - 1] != ')' && line[e - 1] != ']')) return string_view::npos;
    size_t found = string_view::npos;
    for (size_t i = 0; i < e; ++i) {
        const bool word_start = i == 0 || space_len(line, i - 1) > 0 || (i >= 2 && space_len(line, i - 2) == 2) ||
                                (i >= 3 && space_len(line, i - 3) == 3);
        if (word_start && is_alpha(line[i]) && starts_like_effect(line.substr(i, e - i))) found = i;
    }
    if (found == string_view::npos) return found;
    // "log RR", "ln OR": the word before belongs to the effect.
    size_t j = found;
    while (j > 0 && (line[j - 1] == ' ' || line[j - 1] == '\t')) --j;
    for (string_view w : {string_view("log"), string_view("ln")}) {
        if (j >= w.size() && (j == w.size() || line[j - w.size() - 1] == ' ' || line[j - w.size() - 1] == '\t')) {
            bool same = true;
            for (size_t k = 0; k < w.size(); ++k) same = same && lower(line[j - w.size() + k]) == w[k];
            if (same) return j - w.size();
        }
    }
    return found;
}

namespace {

// The effect in `field` into `e`; refused, with the reason, when it cannot be read.
std::optional<Problem> read_effect(string_view field, ReportedEffect& e) {
    Cursor c{field};
    c.skip_spaces();
    if (auto refused = read_measure(c, e)) return refused;
    if (!(c.skip_spaces() || c.peek() == '=' || c.peek() == ':')) {
        return problem("expected a space after the measure, " + string(kExamples));
    }
    c.assignment();
    if (auto refused = read_number(c, e.estimate, "the estimate")) return refused;
    c.skip_spaces();
    const char open = c.peek();
    if (open != '(' && open != '[') {
        return problem((c.end() ? string("no interval after the estimate") : "expected \"(\" after the estimate, at " + quote_value(c.rest())) +
                           ": give the confidence interval or the standard error in brackets, " + kExamples);
    }
    ++c.i;
    if (auto refused = read_inside(c, e)) return refused;
    c.skip_spaces();
    const char close = open == '(' ? ')' : ']';
    if (c.peek() != close) {
        return problem(string("expected \"") + close + "\" after the " +
                           (e.has_interval ? "upper limit" : "standard error") +
                           (c.end() ? string(", found the end of the field") : ", at " + quote_value(c.rest())) +
                           " (a comma or semicolon between the limits splits a line separated by them: write 0.40 to 0.72)");
    }
    ++c.i;
    c.skip_spaces();
    if (!c.end()) {
        return problem("unexpected text after the interval: " + quote_value(c.rest()) + "; the effect ends with its bracket");
    }
    return check_values(e);
}

}  // namespace

EffectParse parse_effect(std::string_view field) {
    EffectParse out;
    out.problem = read_effect(field, out.effect);
    return out;
}

}  // namespace metapool
