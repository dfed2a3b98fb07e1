// The one strict reader the tests use for the SVG documents the core writes
// (no comments, no CDATA, no processing instructions): valid XML 1.0 UTF-8,
// one <svg> root, elements with their attributes, parent and decoded
// character data, so that tests check the structure and read numbers back.
// Anything else (an unescaped '<' or '>' in text, an unknown entity, a
// duplicate attribute, an unclosed element) makes the document not ok.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace svg_reader {

struct Element {
    std::string name;
    std::map<std::string, std::string> attrs;
    std::string text;  // decoded character data directly inside the element
    int parent = -1;  // index of the parent element, -1 for the root

    std::string attr(const std::string& key) const {
        auto it = attrs.find(key);
        return it == attrs.end() ? "" : it->second;
    }
    bool has_class(const std::string& cls) const {
        const std::string c = " " + attr("class") + " ";
        return c.find(" " + cls + " ") != std::string::npos;
    }
};

struct Document {
    bool ok = false;
    std::string error;
    std::vector<Element> elements;  // in document order

    std::vector<const Element*> with_class(const std::string& cls) const {
        std::vector<const Element*> out;
        for (const Element& e : elements) {
            if (e.has_class(cls)) out.push_back(&e);
        }
        return out;
    }
    std::size_t count(const std::string& cls) const { return with_class(cls).size(); }
    const Element& root() const { return elements.front(); }
    // The text of the <title> child of `e` ("" when it has none).
    std::string title_of(const Element* e) const {
        const int index = static_cast<int>(e - elements.data());
        for (const Element& c : elements) {
            if (c.parent == index && c.name == "title") return c.text;
        }
        return "";
    }
};

inline bool valid_xml_utf8(const std::string& s, std::string& why) {
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        unsigned cp = 0;
        std::size_t len = 0;
        if (c < 0x80) { cp = c; len = 1; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; len = 2; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; len = 3; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; len = 4; }
        else { why = "invalid UTF-8 lead byte"; return false; }
        if (i + len > s.size()) { why = "truncated UTF-8"; return false; }
        for (std::size_t j = 1; j < len; ++j) {
            const unsigned char cc = static_cast<unsigned char>(s[i + j]);
            if ((cc & 0xC0) != 0x80) { why = "bad continuation byte"; return false; }
            cp = (cp << 6) | (cc & 0x3F);
        }
        const unsigned min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[len]) { why = "overlong UTF-8"; return false; }
        const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                             (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
        if (!allowed) { why = "character not allowed in XML 1.0"; return false; }
        i += len;
    }
    return true;
}

// Decodes the five entities and numeric references; false on anything else.
inline bool decode(const std::string& raw, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '<' || raw[i] == '>') return false;  // never raw, though '>' would parse
        if (raw[i] != '&') { out += raw[i]; continue; }
        const std::size_t semi = raw.find(';', i);
        if (semi == std::string::npos) return false;
        const std::string name = raw.substr(i + 1, semi - i - 1);
        if (name == "amp") out += '&';
        else if (name == "lt") out += '<';
        else if (name == "gt") out += '>';
        else if (name == "quot") out += '"';
        else if (name == "apos" || name == "#39") out += '\'';
        else return false;
        i = semi;
    }
    return true;
}

inline bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':'; }

inline Document parse(const std::string& s) {
    Document doc;
    auto fail = [&](const std::string& why, std::size_t at) {
        doc.ok = false;
        doc.error = why + " at " + std::to_string(at) + ": " + s.substr(at, 60);
        return doc;
    };
    std::string why;
    if (!valid_xml_utf8(s, why)) return fail(why, 0);
    if (s.compare(0, 4, "<svg") != 0) return fail("does not start with <svg", 0);
    std::vector<std::size_t> stack;  // indices into doc.elements
    bool root_closed = false;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] != '<') {
            const std::size_t next = s.find('<', i);
            const std::string raw = s.substr(i, next == std::string::npos ? std::string::npos : next - i);
            std::string text;
            if (!decode(raw, text)) return fail("bad character data", i);
            if (stack.empty()) {
                if (text.find_first_not_of(" \n") != std::string::npos) return fail("text outside the root", i);
            } else {
                doc.elements[stack.back()].text += text;
            }
            i = next == std::string::npos ? s.size() : next;
            continue;
        }
        if (root_closed) return fail("content after the root", i);
        if (s.compare(i, 2, "</") == 0) {
            std::size_t j = i + 2;
            while (j < s.size() && name_char(s[j])) ++j;
            const std::string name = s.substr(i + 2, j - i - 2);
            if (j >= s.size() || s[j] != '>') return fail("bad end tag", i);
            if (stack.empty() || doc.elements[stack.back()].name != name) return fail("mismatched </" + name + ">", i);
            stack.pop_back();
            if (stack.empty()) root_closed = true;
            i = j + 1;
            continue;
        }
        Element e;
        std::size_t j = i + 1;
        while (j < s.size() && name_char(s[j])) ++j;
        e.name = s.substr(i + 1, j - i - 1);
        if (e.name.empty()) return fail("empty tag name", i);
        e.parent = stack.empty() ? -1 : static_cast<int>(stack.back());
        bool self_closing = false;
        for (;;) {
            while (j < s.size() && s[j] == ' ') ++j;
            if (j >= s.size()) return fail("unterminated tag", i);
            if (s.compare(j, 2, "/>") == 0) { self_closing = true; j += 2; break; }
            if (s[j] == '>') { ++j; break; }
            std::size_t k = j;
            while (k < s.size() && name_char(s[k])) ++k;
            const std::string key = s.substr(j, k - j);
            if (key.empty() || k + 1 >= s.size() || s[k] != '=' || s[k + 1] != '"') return fail("bad attribute", j);
            const std::size_t close = s.find('"', k + 2);
            if (close == std::string::npos) return fail("unterminated attribute", j);
            std::string value;
            if (!decode(s.substr(k + 2, close - k - 2), value)) return fail("bad attribute value", j);
            if (e.attrs.count(key)) return fail("duplicate attribute " + key, j);
            e.attrs[key] = value;
            j = close + 1;
            if (j < s.size() && s[j] != ' ' && s[j] != '>' && s[j] != '/') return fail("no space after attribute", j);
        }
        if (stack.empty() && !doc.elements.empty()) return fail("second root", i);
        doc.elements.push_back(e);
        if (!self_closing) stack.push_back(doc.elements.size() - 1);
        else if (stack.empty()) root_closed = true;
        i = j;
    }
    if (!stack.empty()) return fail("unclosed <" + doc.elements[stack.back()].name + ">", s.size());
    if (doc.elements.empty() || doc.elements.front().name != "svg") return fail("no svg root", 0);
    doc.ok = true;
    return doc;
}

inline Document parse_ok(const std::string& svg) {
    Document doc = parse(svg);
    INFO(doc.error);
    REQUIRE(doc.ok);
    return doc;
}

}  // namespace svg_reader
