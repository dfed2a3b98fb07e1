#include "input/utf8.hpp"

namespace metapool {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";

bool continuation(unsigned char ch) { return (ch & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t valid_sequence_length(std::string_view s, std::size_t i) {
    const unsigned char c0 = static_cast<unsigned char>(s[i]);
    if (c0 < 0x80) return c0 == 0 ? 0 : 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c0 >= 0xC2 && c0 <= 0xDF) len = 2;
    else if (c0 >= 0xE0 && c0 <= 0xEF) { len = 3; if (c0 == 0xE0) lo = 0xA0; if (c0 == 0xED) hi = 0x9F; }
    else if (c0 >= 0xF0 && c0 <= 0xF4) { len = 4; if (c0 == 0xF0) lo = 0x90; if (c0 == 0xF4) hi = 0x8F; }
    else return 0;
    if (i + len > s.size()) return 0;
    const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return 0;
    for (std::size_t j = 2; j < len; ++j) {
        if (!continuation(static_cast<unsigned char>(s[i + j]))) return 0;
    }
    return len;
}

}  // namespace

std::string sanitize_utf8(std::string_view s) {
    // ASCII without NUL, the usual case, is valid as it is.
    bool ascii = true;
    for (char ch : s) ascii = ascii && ch != 0 && static_cast<unsigned char>(ch) < 0x80;
    if (ascii) return std::string(s);
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t len = valid_sequence_length(s, i);
        if (len == 0) {
            out += kReplacement;
            ++i;
        } else {
            out.append(s.data() + i, len);
            i += len;
        }
    }
    return out;
}

}  // namespace metapool
