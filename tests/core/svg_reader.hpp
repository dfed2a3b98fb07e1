// A strict reader for the SVG documents the core writes (no comments, no
// CDATA, no processing instructions): elements, attributes and decoded
// character data, so that tests check the structure and read numbers back.
// Anything else (an unescaped '<' in text, a bad entity, an unclosed
// element) makes the document not ok.
#pragma once

#include <catch2/catch.hpp>

#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace svg_reader {

struct Element {
    std::string name;
    std::map<std::string, std::string> attrs;
    std::string text;  // decoded character data directly inside
    int parent = -1;
    bool has_class(const std::string& cls) const {
        const auto it = attrs.find("class");
        return it != attrs.end() && (" " + it->second + " ").find(" " + cls + " ") != std::string::npos;
    }
};

struct Document {
    bool ok = false;
    std::string error;
    std::vector<Element> elements;
    std::vector<const Element*> with_class(const std::string& cls) const {
        std::vector<const Element*> out;
        for (const Element& e : elements) {
            if (e.has_class(cls)) out.push_back(&e);
        }
        return out;
    }
    // The text of the <title> child of element `index`.
    std::string title_of(const Element* e) const {
        const int index = static_cast<int>(e - elements.data());
        for (const Element& c : elements) {
            if (c.parent == index && c.name == "title") return c.text;
        }
        return "";
    }
};

inline bool decode(const std::string& raw, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '<' || raw[i] == '>') return false;
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
        doc.error = why + " at " + std::to_string(at) + ": " + s.substr(at, 60);
        return doc;
    };
    std::vector<int> stack;
    std::size_t i = 0;
    bool closed = false;
    while (i < s.size()) {
        if (s[i] != '<') {
            const std::size_t next = std::min(s.find('<', i), s.size());
            std::string text;
            if (!decode(s.substr(i, next - i), text)) return fail("bad character data", i);
            if (stack.empty() && text.find_first_not_of(" \n") != std::string::npos) return fail("text outside", i);
            if (!stack.empty()) doc.elements[static_cast<std::size_t>(stack.back())].text += text;
            i = next;
            continue;
        }
        if (closed) return fail("content after the root", i);
        if (s.compare(i, 2, "</") == 0) {
            std::size_t j = i + 2;
            while (j < s.size() && name_char(s[j])) ++j;
            if (j >= s.size() || s[j] != '>' || stack.empty() ||
                doc.elements[static_cast<std::size_t>(stack.back())].name != s.substr(i + 2, j - i - 2)) {
                return fail("mismatched end tag", i);
            }
            stack.pop_back();
            closed = stack.empty();
            i = j + 1;
            continue;
        }
        Element e;
        std::size_t j = i + 1;
        while (j < s.size() && name_char(s[j])) ++j;
        e.name = s.substr(i + 1, j - i - 1);
        if (e.name.empty()) return fail("empty tag name", i);
        e.parent = stack.empty() ? -1 : stack.back();
        bool self_closing = false;
        for (;;) {
            while (j < s.size() && s[j] == ' ') ++j;
            if (j >= s.size()) return fail("unterminated tag", i);
            if (s.compare(j, 2, "/>") == 0) { self_closing = true; j += 2; break; }
            if (s[j] == '>') { ++j; break; }
            std::size_t k = j;
            while (k < s.size() && name_char(s[k])) ++k;
            if (k == j || k + 1 >= s.size() || s[k] != '=' || s[k + 1] != '"') return fail("bad attribute", j);
            const std::size_t close = s.find('"', k + 2);
            if (close == std::string::npos) return fail("unterminated attribute", j);
            std::string value;
            const std::string key = s.substr(j, k - j);
            if (!decode(s.substr(k + 2, close - k - 2), value) || e.attrs.count(key)) return fail("bad attribute", j);
            e.attrs[key] = value;
            j = close + 1;
        }
        if (stack.empty() && !doc.elements.empty()) return fail("second root", i);
        doc.elements.push_back(e);
        if (!self_closing) stack.push_back(static_cast<int>(doc.elements.size() - 1));
        else closed = stack.empty();
        i = j;
    }
    if (!stack.empty()) return fail("unclosed element", s.size());
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
