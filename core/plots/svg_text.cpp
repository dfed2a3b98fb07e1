#include "plots/svg_text.hpp"

#include "input/utf8.hpp"

namespace metapool {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr const char* kEllipsis = "\xE2\x80\xA6";     // U+2026

bool is_continuation(unsigned char ch) { return (ch & 0xC0) == 0x80; }

// U+FFFE or U+FFFF (EF BF BE, EF BF BF) at s[i]: not XML 1.0 characters.
bool is_xml_nonchar(const std::string& s, std::size_t i) {
    return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
           static_cast<unsigned char>(s[i + 1]) == 0xBF &&
           (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF);
}

// Printable ASCII (0x20-0x7F): valid UTF-8 and XML text as it is. Most labels
// and every number in a plot are, and the plots call these functions for every
// piece of text, so they return such text at once.
bool printable_ascii(std::string_view text) {
    for (char ch : text) {
        const unsigned char u = static_cast<unsigned char>(ch);
        if (u < 0x20 || u >= 0x80) return false;
    }
    return true;
}

bool has_markup_character(std::string_view text) {
    return text.find_first_of("&<>\"'") != std::string_view::npos;
}

}  // namespace

std::string xml_clean(std::string_view text) {
    if (printable_ascii(text)) return std::string(text);
    const std::string valid = sanitize_utf8(text);
    std::string out;
    out.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(valid[i]);
        if (ch == '\t' || ch == '\n' || ch == '\r') {
            out += ' ';
        } else if (ch < 0x20) {
            out += kReplacement;
        } else if (is_xml_nonchar(valid, i)) {
            out += kReplacement;
            i += 2;
        } else {
            out += static_cast<char>(ch);
        }
    }
    return out;
}

bool plain_xml_text(std::string_view text) { return printable_ascii(text) && !has_markup_character(text); }

std::string xml_escape(std::string_view text) {
    if (plain_xml_text(text)) return std::string(text);
    const std::string clean = xml_clean(text);
    std::string out;
    out.reserve(clean.size() + clean.size() / 8);
    for (char ch : clean) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += ch;
        }
    }
    return out;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (char ch : text) {
        if (!is_continuation(static_cast<unsigned char>(ch))) ++n;
    }
    return n;
}

std::string truncate_utf8(std::string_view text, std::size_t max_chars) {
    if (utf8_length(text) <= max_chars) return std::string(text);
    if (max_chars == 0) return std::string();
    std::size_t kept = 0, end = 0;
    while (end < text.size()) {
        if (!is_continuation(static_cast<unsigned char>(text[end]))) {
            if (kept == max_chars - 1) break;
            ++kept;
        }
        ++end;
    }
    return std::string(text.substr(0, end)) + kEllipsis;
}

}  // namespace metapool
