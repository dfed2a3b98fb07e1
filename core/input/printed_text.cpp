#include "input/printed_text.hpp"

#include <cstdint>

namespace metapool {
namespace printed_text {

using std::size_t;
using std::string_view;
using uc = unsigned char;

size_t space_at(string_view s, size_t i) {
    if (i >= s.size()) return 0;
    const uc c = static_cast<uc>(s[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<uc>(s[i + 1]) == 0xA0) return 2;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<uc>(s[i + 1]) == 0x80) {
        const uc d = static_cast<uc>(s[i + 2]);
        if (d == 0x89 || d == 0xAF) return 3;  // thin space, narrow no-break space
    }
    return 0;
}

size_t skip_spaces(string_view s, size_t i) {
    for (size_t l = space_at(s, i); l > 0; l = space_at(s, i)) i += l;
    return i;
}

string_view trim(string_view s) {
    size_t b = skip_spaces(s, 0);
    size_t e = s.size();
    while (e > b) {
        const uc c = static_cast<uc>(s[e - 1]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
            --e;
        } else if (e >= b + 2 && static_cast<uc>(s[e - 2]) == 0xC2 && c == 0xA0) {
            e -= 2;
        } else if (e >= b + 3 && static_cast<uc>(s[e - 3]) == 0xE2 && static_cast<uc>(s[e - 2]) == 0x80 &&
                   (c == 0x89 || c == 0xAF)) {
            e -= 3;
        } else {
            break;
        }
    }
    return s.substr(b, e - b);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool read_number(string_view s, size_t& i, PrintedNumber& out) {
    size_t k = i;
    bool negative = false;
    if (k < s.size() && (s[k] == '-' || s[k] == '+')) {
        negative = s[k] == '-';
        ++k;
    } else if (k + 2 < s.size() && static_cast<uc>(s[k]) == 0xE2 && static_cast<uc>(s[k + 1]) == 0x88 &&
               static_cast<uc>(s[k + 2]) == 0x92) {
        negative = true;  // U+2212 minus sign
        k += 3;
    }
    // Digits as an integer (at most 18 significant ones) and a power of ten:
    // value = digits / 10^decimals, correctly rounded while digits < 2^53.
    std::uint64_t digits = 0;
    int significant = 0;
    size_t whole = 0;
    while (k < s.size() && is_digit(s[k])) {
        if (significant < 18) {
            digits = digits * 10 + static_cast<std::uint64_t>(s[k] - '0');
            if (digits > 0) ++significant;
        } else {
            return false;  // more digits than any printed table holds
        }
        ++k;
        ++whole;
    }
    int decimals = 0;
    if (k + 1 < s.size() && s[k] == '.' && is_digit(s[k + 1])) {
        ++k;
        while (k < s.size() && is_digit(s[k])) {
            if (significant >= 18) return false;
            digits = digits * 10 + static_cast<std::uint64_t>(s[k] - '0');
            if (digits > 0) ++significant;
            ++decimals;
            ++k;
        }
    }
    if (whole == 0 && decimals == 0) return false;
    double scale = 1;
    for (int d = 0; d < decimals; ++d) scale *= 10;
    const double v = static_cast<double>(digits) / scale;
    out.value = negative ? -v : v;
    out.decimals = decimals;
    i = k;
    return true;
}

bool whole_number(string_view s, PrintedNumber& out, bool percent) {
    s = trim(s);
    size_t i = 0;
    PrintedNumber n;
    if (!read_number(s, i, n)) return false;
    i = skip_spaces(s, i);
    if (percent && i < s.size() && s[i] == '%') i = skip_spaces(s, i + 1);
    if (i != s.size()) return false;
    n.relation = out.relation;
    n.column = out.column;
    out = n;
    return true;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with(string_view s, string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        if (lower(s[i]) != lower(prefix[i])) return false;
    }
    return true;
}

size_t find(string_view s, string_view word, size_t from) {
    if (word.empty()) return from <= s.size() ? from : string_view::npos;
    const char first = lower(word[0]);
    for (size_t i = from; i + word.size() <= s.size(); ++i) {
        if (lower(s[i]) == first && starts_with(s.substr(i), word)) return i;
    }
    return string_view::npos;
}

std::string statistic_key(string_view name) {
    std::string k;
    for (size_t i = 0; i < name.size(); ++i) {
        const uc c = static_cast<uc>(name[i]);
        if (c == 0xC2 && i + 1 < name.size() && static_cast<uc>(name[i + 1]) == 0xB2) {  // ²
            k += '2';
            ++i;
        } else if (c == 0xCF && i + 1 < name.size() && static_cast<uc>(name[i + 1]) == 0x84) {  // τ
            k += "tau";
            ++i;
        } else if (c == 0xCF && i + 1 < name.size() && static_cast<uc>(name[i + 1]) == 0x87) {  // χ
            k += "chi";
            ++i;
        } else if (c == '^') {
            continue;
        } else if (space_at(name, i) == 0) {
            k += lower(name[i]);
        }
    }
    return k;
}

}  // namespace printed_text
}  // namespace metapool
