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
#include "input/example_data.hpp"
#include "model/option_registry.hpp"
#include "plots/funnel_plot.hpp"
#include "svg_reader.hpp"

using namespace metapool;

namespace {

using namespace svg_reader;

int estimable(const Analysis& a) {
    int k = 0;
    for (const StudyResult& s : a.studies) k += std::isfinite(s.y) && s.se > 0 ? 1 : 0;
    return k;
}

}  // namespace

TEST_CASE("funnel plot of the BCG trials: points, filled study, limits, centre, axes", "[funnel]") {
    Options o;  // RR, REML: trim-and-fill fills one study on the right (as metafor)
    const Analysis a = analyze_text(example_table(), o);
    REQUIRE(a.ok());
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
        REQUIRE(!set_option(o, "measure", m));
        const Analysis a = analyze_text(table, o);
        REQUIRE(a.ok());
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
    REQUIRE(a.ok());
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
    REQUIRE_FALSE(none.ok());
    const Document doc = parse_ok(funnel_plot_svg(none));
    CHECK(doc.with_class("error").size() == 1);
    CHECK(doc.with_class("funnel-point").empty());
    // A single study still gives a plot (no tests, no trim-and-fill).
    const Analysis one = analyze_text("A,4,123,11,139\n", Options{});
    REQUIRE(one.ok());
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
