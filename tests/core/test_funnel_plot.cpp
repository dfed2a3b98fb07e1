// The funnel plot SVG: well-formed XML whatever the labels, one point per
// study with an estimable effect, one hollow point per study filled by
// trim-and-fill, the limits and the centre line, axes with ticks, escaped
// <title>s, determinism, and a plain error document when there is nothing
// to plot.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "analyze.hpp"
#include "example_data.hpp"
#include "funnel_plot.hpp"

using namespace metapool;

namespace {

// ---- A strict reader for the XML we write (no comments, no CDATA) -----------

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

bool decode(const std::string& raw, std::string& out) {
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

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':'; }

Document parse(const std::string& s) {
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

Document parse_ok(const std::string& svg) {
    Document doc = parse(svg);
    INFO(doc.error);
    REQUIRE(doc.ok);
    return doc;
}

int estimable(const Analysis& a) {
    int k = 0;
    for (const StudyResult& s : a.studies) k += std::isfinite(s.y) && s.se > 0 ? 1 : 0;
    return k;
}

}  // namespace

TEST_CASE("funnel plot of the BCG trials: points, filled study, limits, centre, axes", "[funnel]") {
    Options o;  // RR, REML: trim-and-fill fills one study on the right (as metafor)
    const Analysis a = analyze_text(example_table(), o);
    REQUIRE(a.ok);
    const Document doc = parse_ok(funnel_plot_svg(a));
    CHECK(doc.elements.front().has_class("funnel-plot"));
    CHECK(doc.with_class("funnel-point").size() == 13);
    REQUIRE(a.small_study.trim_and_fill.k0 == 1);
    const auto filled = doc.with_class("funnel-filled");
    REQUIRE(filled.size() == 1);
    CHECK(filled[0]->attrs.at("fill") == "#fff");
    CHECK(doc.title_of(filled[0]).find("mirror of") != std::string::npos);
    CHECK(doc.with_class("funnel-limits").size() == 1);
    CHECK(doc.with_class("funnel-center").size() == 1);
    CHECK(doc.with_class("funnel-adjusted").size() == 1);
    CHECK(doc.with_class("axis").size() == 2);
    CHECK(doc.with_class("tick").size() >= 6);
    for (const Element* p : doc.with_class("funnel-point")) CHECK_FALSE(doc.title_of(p).empty());
    // The first study's title names it; its point lies inside the plot.
    const Element* first = doc.with_class("funnel-point")[0];
    CHECK(doc.title_of(first).rfind("Aronson 1948: RR", 0) == 0);
    const double cx = std::stod(first->attrs.at("cx")), cy = std::stod(first->attrs.at("cy"));
    CHECK(cx >= 80);
    CHECK(cx <= 610);
    CHECK(cy >= 30);
    CHECK(cy <= 390);
}

TEST_CASE("funnel plot: one point per study with an estimable effect, for every measure", "[funnel]") {
    const std::string table =
        "study,e1,n1,e2,n2\nA,0,20,0,22\nB,3,40,9,41\nC,12,100,20,98\nD,5,60,4,58\nE,30,300,45,310\n";
    for (const char* m : {"RR", "OR", "RD"}) {
        Options o;
        REQUIRE(set_option(o, "measure", m).empty());
        const Analysis a = analyze_text(table, o);
        REQUIRE(a.ok);
        const Document doc = parse_ok(funnel_plot_svg(a));
        INFO(m);
        CHECK(static_cast<int>(doc.with_class("funnel-point").size()) == estimable(a));
        CHECK(doc.with_class("funnel-filled").size() == a.small_study.trim_and_fill.filled.size());
    }
}

TEST_CASE("funnel plot: labels are escaped in <title>", "[funnel]") {
    const std::string hostile = "<script>alert(\"x\")</script> & 'Smith' ]]>";
    const std::string table = "study,e1,n1,e2,n2\n\"" + std::string("<script>alert(\"\"x\"\")</script> & 'Smith' ]]>") +
                              "\",4,123,11,139\nB,6,306,29,303\nC,3,231,11,220\nD,62,13598,248,12867\n";
    const Analysis a = analyze_text(table, Options{});
    REQUIRE(a.ok);
    REQUIRE(a.studies[0].label == hostile);
    const std::string svg = funnel_plot_svg(a);
    CHECK(svg.find("<script") == std::string::npos);
    const Document doc = parse_ok(svg);
    CHECK(doc.title_of(doc.with_class("funnel-point")[0]).rfind(hostile + ": RR", 0) == 0);
}

TEST_CASE("funnel plot: deterministic, and an error document without an analysis", "[funnel]") {
    const Analysis a = analyze_text(example_table(), Options{});
    CHECK(funnel_plot_svg(a) == funnel_plot_svg(analyze_text(example_table(), Options{})));
    const Analysis none = analyze_text("nothing here\n", Options{});
    REQUIRE_FALSE(none.ok);
    const Document doc = parse_ok(funnel_plot_svg(none));
    CHECK(doc.with_class("error").size() == 1);
    CHECK(doc.with_class("funnel-point").empty());
    // A single study still gives a plot (no tests, no trim-and-fill).
    const Analysis one = analyze_text("A,4,123,11,139\n", Options{});
    REQUIRE(one.ok);
    const Document single = parse_ok(funnel_plot_svg(one));
    CHECK(single.with_class("funnel-point").size() == 1);
    CHECK(single.with_class("funnel-filled").empty());
}

TEST_CASE("cli: --funnel writes the funnel plot", "[funnel]") {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("metapool_funnel_test_" + std::to_string(getpid()) + ".svg")).string();
    const std::string cmd = std::string(METAPOOL_CLI_PATH) + " --example --funnel " + path + " > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(path, std::ios::binary);
    const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove(path.c_str());
    CHECK(svg == funnel_plot_svg(analyze_text(example_table(), Options{})));
}
