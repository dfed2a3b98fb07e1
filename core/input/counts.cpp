// Reading counts and events/total cells (counts.hpp has the rules).
#include "input/counts.hpp"

#include <string>

#include "input/message_text.hpp"
#include "input/spaces.hpp"

namespace metapool::input {
namespace {

using std::size_t;
using std::string;
using std::string_view;
using uc = unsigned char;

constexpr std::uint64_t kMaxCount = 9007199254740992ULL;  // 2^53
constexpr size_t kShowMax = 40;  // longer digit strings are not repeated in messages

Count fail(string reason) {
    Count c;
    c.problem = problem(std::move(reason));
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

// `12,345` or `1.234`: why such a number is refused.
Count refuse_grouped(string_view s, string_view body, string_view sep, bool fraction) {
    if (fraction) return fail(show(s) + kNotWhole);
    string plain;
    for (char c : body) {
        if (is_digit(c)) plain += c;
    }
    if (plain.size() > kShowMax) plain = "plain digits";
    if (sep == ".") return fail(show(s) + kNotWhole + " (if \".\" separates thousands here, remove it: " + plain + ")");
    return fail(show(s) + " contains a thousands separator; type the count without separators: " + plain);
}

// A field `s` that starts like a positive number (`body`, after any '+')
// but is not plain digits: why it is refused.
Count refuse_number(string_view s, string_view body) {
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
    if (grouped(body, sep, fraction)) return refuse_grouped(s, body, sep, fraction);
    // A plain decimal: digits, one '.' or ',', digits.
    const size_t i = digit_run(body, 0);
    if (i < body.size() && (body[i] == '.' || body[i] == ',') && i + 1 + digit_run(body, i + 1) == body.size()) {
        return fail(show(s) + kNotWhole);
    }
    return fail(show(s) + " is not a number; type the count as a whole number, e.g. 12");
}

}  // namespace

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
    if (numberish) return refuse_number(s, body);
    return fail(show(s) + " is not a number; type the count as a whole number, e.g. 12");
}

std::optional<Problem> parse_cell(string_view s, Count& events, Count& total) {
    const size_t slash = s.find('/');
    if (slash == string_view::npos) {
        return problem(show(s) + " is a single number, but this line uses events/total cells; write it like 12/100");
    }
    if (s.find('/', slash + 1) != string_view::npos) {
        return problem(show(s) + " has more than one \"/\"; write events/total, e.g. 12/100");
    }
    const string_view a = trim(s.substr(0, slash));
    const string_view b = trim(s.substr(slash + 1));
    if (a.empty()) return problem(show(s) + " has no events before the \"/\"; write events/total, e.g. 12/100");
    if (b.empty()) return problem(show(s) + " has no total after the \"/\"; write events/total, e.g. 12/100");
    events = parse_count(a);
    if (!events.ok()) return events.problem;
    total = parse_count(b);
    if (!total.ok()) return total.problem;
    return std::nullopt;
}

}  // namespace metapool::input
