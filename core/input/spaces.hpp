// What counts as a space in pasted text, the first step of the pipeline
// (pasted text -> lines -> fields -> cells -> rows -> ParsedTable): fields
// are trimmed of these, and a space-separated line splits at runs of them.
//
// "Spaces" are ASCII whitespace plus U+00A0, U+2000-U+200B, U+202F, U+205F,
// U+2060, U+3000 and U+FEFF. The invisible ones (zero width space, word
// joiner, a BOM inside the text) are spaces too: otherwise "12" would fail as
// a number with nothing visible to show why. Everything else (NUL bytes,
// invalid UTF-8) is kept byte for byte.
#pragma once

#include <cstddef>
#include <string_view>

namespace metapool::input {

// Defined here, not in spaces.cpp: the field splitter calls these for
// nearly every byte of a paste, on every keystroke in the page.
namespace space_detail {

inline bool ascii_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

// Three-byte UTF-8 spaces: U+2000-U+200A, U+202F, U+205F, U+3000, and the
// invisible U+200B (zero width space), U+2060 (word joiner) and U+FEFF.
inline bool space3(unsigned char a, unsigned char b, unsigned char c) {
    if (a == 0xE2 && b == 0x80) return (c >= 0x80 && c <= 0x8B) || c == 0xAF;
    if (a == 0xE2 && b == 0x81) return c == 0x9F || c == 0xA0;
    if (a == 0xE3 && b == 0x80) return c == 0x80;
    return a == 0xEF && b == 0xBB && c == 0xBF;
}

inline unsigned char byte(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

}  // namespace space_detail

// Length in bytes of the space character starting at s[i], 0 if none.
inline std::size_t space_at(std::string_view s, std::size_t i) {
    using namespace space_detail;
    const unsigned char c = byte(s, i);
    if (ascii_space(c)) return 1;
    if (c == 0xC2 && i + 1 < s.size() && byte(s, i + 1) == 0xA0) return 2;  // U+00A0
    if (i + 2 < s.size() && space3(c, byte(s, i + 1), byte(s, i + 2))) return 3;
    return 0;
}

// Length in bytes of the space character ending just before s[end], 0 if none.
inline std::size_t space_before(std::string_view s, std::size_t end) {
    using namespace space_detail;
    const unsigned char c = byte(s, end - 1);
    if (ascii_space(c)) return 1;
    if (end >= 2 && byte(s, end - 2) == 0xC2 && c == 0xA0) return 2;
    if (end >= 3 && space3(byte(s, end - 3), byte(s, end - 2), c)) return 3;
    return 0;
}

// `s` without the spaces at either end.
std::string_view trim(std::string_view s);

}  // namespace metapool::input
