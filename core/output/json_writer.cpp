#include "output/json_writer.hpp"

#include <cmath>

#include "input/utf8.hpp"
#include "output/decimal_format.hpp"

namespace metapool {

namespace {

// The one rule for a number's JSON text (format_number's and JsonWriter's),
// appended to `out`: no string of its own per number (in WebAssembly libc++
// keeps at most 10 characters without allocating).
void append_number(std::string& out, double x) {
    if (!std::isfinite(x)) {
        out += "null";
    } else if (x == 0) {
        out += '0';
    } else {
        // "%.15g" when it reads back as x, else "%.17g", with exact integer
        // arithmetic (decimal_format.hpp): 5x faster natively and 15x in
        // WebAssembly than snprintf and strtod, which made the JSON the
        // slowest part of an analysis in the page.
        append_shortest_15_or_17(out, x);
    }
}

}  // namespace

std::string format_number(double x) {
    std::string text;
    append_number(text, x);
    return text;
}

namespace {
// Printable ASCII that needs no escape: copied as it is.
bool plain_ascii(std::string_view s) {
    for (const char c : s) {
        const unsigned char ch = static_cast<unsigned char>(c);
        if (ch < 0x20 || ch > 0x7E || ch == '"' || ch == '\\' || ch == '<' || ch == '>' || ch == '&') return false;
    }
    return true;
}
}  // namespace

void append_json_string(std::string& out, std::string_view raw) {
    static const char* hex = "0123456789abcdef";
    if (plain_ascii(raw)) {  // keys and most labels
        out += '"';
        out.append(raw);
        out += '"';
        return;
    }
    const std::string s = sanitize_utf8(raw);
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(s[i]);
        switch (ch) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            default: break;
        }
        // U+2028 and U+2029 (E2 80 A8/A9) break JavaScript string literals.
        if (ch == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            i += 2;
            continue;
        }
        if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == 0x7F) {
            out += "\\u00";
            out += hex[ch >> 4];
            out += hex[ch & 15];
            continue;
        }
        out += static_cast<char>(ch);
    }
    out += '"';
}

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) out_ += ',';
        first_.back() = false;
    }
}

JsonWriter& JsonWriter::begin_object() { separate(); out_ += '{'; first_.push_back(true); return *this; }
JsonWriter& JsonWriter::end_object() { out_ += '}'; first_.pop_back(); return *this; }
JsonWriter& JsonWriter::begin_array() { separate(); out_ += '['; first_.push_back(true); return *this; }
JsonWriter& JsonWriter::end_array() { out_ += ']'; first_.pop_back(); return *this; }

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(double x) { separate(); append_number(out_, x); return *this; }
JsonWriter& JsonWriter::value(int x) { separate(); out_ += std::to_string(x); return *this; }
JsonWriter& JsonWriter::value(bool x) { separate(); out_ += x ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::value(std::string_view s) { separate(); append_json_string(out_, s); return *this; }

}  // namespace metapool
