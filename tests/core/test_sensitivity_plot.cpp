// The leave-one-out and cumulative plots: well-formed SVG whatever the
// labels, one row per step in the analysis' order, each mark where its
// step's estimate and interval fall on the axis (read back through the
// axis' own tick positions), the reference line at the full analysis'
// estimate and the null line at no effect, steps without an estimate shown
// as text, hostile labels escaped, an explanatory document when the option
// is off, and the CLI's --leave-one-out-plot / --cumulative-plot output.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

#include "analyze.hpp"
#include "input/example_data.hpp"
#include "model/option_registry.hpp"
#include "plots/sensitivity_plot.hpp"
#include "svg_reader.hpp"

using namespace metapool;
using svg_reader::Document;
using svg_reader::Element;

namespace {

Options with_steps(Options o = Options{}) {
    o.leave_one_out = true;
    o.cumulative = true;
    return o;
}

std::vector<const Element*> children(const Document& doc, const Element* parent, const std::string& cls) {
    const int index = static_cast<int>(parent - doc.elements.data());
    std::vector<const Element*> out;
    for (const Element& e : doc.elements) {
        if (e.parent == index && e.has_class(cls)) out.push_back(&e);
    }
    return out;
}

const Element* child(const Document& doc, const Element* parent, const std::string& cls) {
    const auto found = children(doc, parent, cls);
    REQUIRE(found.size() == 1);
    return found[0];
}

double attr(const Element* e, const char* name) { return std::stod(e->attrs.at(name)); }

// The axis as drawn: x = a + b * u(value), u = log(value) on a log axis,
// value itself on a linear one, fitted through the first and last ticks
// (their tick-mark x and their label's number).
struct DrawnAxis {
    bool log_scale = false;
    double a = 0, b = 0;
    double u(double v) const { return log_scale ? std::log(v) : v; }
    double value_at(double x) const {
        const double uu = (x - a) / b;
        return log_scale ? std::exp(uu) : uu;
    }
    double x_of(double v) const { return a + b * u(v); }
};

DrawnAxis read_axis(const Document& doc, bool log_scale) {
    const auto ticks = doc.with_class("tick");
    REQUIRE(ticks.size() >= 2);
    std::vector<std::pair<double, double>> points;  // (x, value)
    for (const Element* t : ticks) {
        points.emplace_back(attr(child(doc, t, "tick-mark"), "x1"), std::stod(child(doc, t, "tick-label")->text));
    }
    DrawnAxis axis;
    axis.log_scale = log_scale;
    const auto& [x0, v0] = points.front();
    const auto& [x1, v1] = points.back();
    axis.b = (x1 - x0) / (axis.u(v1) - axis.u(v0));
    axis.a = x0 - axis.b * axis.u(v0);
    for (const auto& [x, v] : points) CHECK(std::fabs(axis.x_of(v) - x) < 0.02);  // every tick on the same scale
    return axis;
}

// Coordinates are written to 0.01 px: a value read back from one is within
// half a hundredth of a pixel, plus the ticks' own rounding.
constexpr double kPixelTolerance = 0.02;

void check_x(const DrawnAxis& axis, double x, double value, const std::string& what) {
    INFO(what << ": x = " << x << ", value read back " << axis.value_at(x) << ", expected " << value);
    CHECK(std::fabs(axis.x_of(value) - x) < kPixelTolerance);
}

std::string full_label(const Document& doc, const Element* label) {
    const std::string title = doc.title_of(label);
    return title.empty() ? label->text : title;
}

struct StepModel {
    double estimate, lower, upper;
};

StepModel random_of(const SensitivityStep& s) { return {s.random_estimate, s.random_ci_lower, s.random_ci_upper}; }
StepModel common_of(const SensitivityStep& s) { return {s.common_estimate, s.common_ci_lower, s.common_ci_upper}; }

// Every row against its step: label, k, the box at the estimate, the
// interval's ends (where inside the axis), the estimate as text.
void check_rows(const Document& doc, const DrawnAxis& axis, const std::vector<SensitivityStep>& steps,
                const std::vector<std::string>& labels, StepModel (*model)(const SensitivityStep&)) {
    const auto rows = doc.with_class("step-row");
    REQUIRE(rows.size() == steps.size());
    const double left = 320, right = 560;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Element* row = rows[i];
        const StepModel m = model(steps[i]);
        INFO("step " << i << " " << labels[i]);
        CHECK(full_label(doc, child(doc, row, "step-label")) == labels[i]);
        CHECK(child(doc, row, "step-k")->text == std::to_string(steps[i].k));
        const Element* box = child(doc, row, "step-box");
        check_x(axis, attr(box, "x") + attr(box, "width") / 2, m.estimate, "box centre");
        const Element* ci = child(doc, row, "step-ci");
        const double x1 = attr(ci, "x1"), x2 = attr(ci, "x2");
        if (x1 > left) check_x(axis, x1, m.lower, "CI lower end");
        if (x2 < right) check_x(axis, x2, m.upper, "CI upper end");
        CHECK(children(doc, row, "ci-arrow").size() ==
              static_cast<std::size_t>((axis.x_of(m.lower) < left - 0.01) + (axis.x_of(m.upper) > right + 0.01)));
        // The text: the estimate to two decimals, then its interval.
        const std::string text = child(doc, row, "estimate")->text;
        CHECK(std::fabs(std::stod(text) - m.estimate) <= 0.005 + 1e-12);
        CHECK(text.find('[') != std::string::npos);
        CHECK(children(doc, row, "not-estimable-text").empty());
    }
}

std::vector<std::string> labels_of(const std::vector<SensitivityStep>& steps, const std::string& prefix) {
    std::vector<std::string> out;
    for (const SensitivityStep& s : steps) out.push_back(prefix + s.label);
    return out;
}

const std::string kYearTable =
    "Study, Year, e1, n1, e2, n2\n"
    "Late, 1999, 12, 100, 20, 98\n"
    "Early, 1980, 3, 40, 9, 41\n"
    "Middle 1990, 1990, 5, 60, 4, 58\n"
    "Also early, 1980, 30, 300, 45, 310\n";

}  // namespace

TEST_CASE("leave-one-out plot of the BCG trials: rows, marks on the axis, reference and null lines",
          "[sensitivity-plot]") {
    const Analysis a = analyze_text(example_table(), with_steps());
    REQUIRE(a.ok());
    REQUIRE(a.leave_one_out.size() == 13);
    const Document doc = svg_reader::parse_ok(sensitivity_plot_svg(a, SensitivityKind::leave_one_out));
    CHECK(doc.elements.front().has_class("sensitivity-plot"));
    CHECK(doc.elements.front().has_class("leave-one-out"));
    CHECK(doc.with_class("plot-title")[0]->text == "Leave-one-out analysis: random-effects model (REML)");
    const DrawnAxis axis = read_axis(doc, true);
    check_rows(doc, axis, a.leave_one_out, labels_of(a.leave_one_out, "Omitting "), random_of);
    CHECK(full_label(doc, child(doc, doc.with_class("step-row")[0], "step-label")) == "Omitting Aronson 1948");
    const auto reference = doc.with_class("reference-line");
    REQUIRE(reference.size() == 1);
    CHECK(attr(reference[0], "x1") == attr(reference[0], "x2"));
    check_x(axis, attr(reference[0], "x1"), a.random.estimate, "reference line");
    const auto null_line = doc.with_class("null-line");
    REQUIRE(null_line.size() == 1);
    check_x(axis, attr(null_line[0], "x1"), 1.0, "null line");
    CHECK(doc.with_class("caption")[0]->text.find("random-effects estimate of all 13 studies, 0.49 [0.34, 0.70]") !=
          std::string::npos);
    // Leaving out one of 13 changes I2 little: each row's I2 is its step's.
    for (std::size_t i = 0; i < a.leave_one_out.size(); ++i) {
        const Element* i2 = child(doc, doc.with_class("step-row")[i], "i2");
        CHECK(std::fabs(std::stod(i2->text) - a.leave_one_out[i].I2) <= 0.05 + 1e-9);
    }
}

TEST_CASE("cumulative plot: year order, '+ study (year)' labels, the last step at the reference line",
          "[sensitivity-plot]") {
    const Analysis a = analyze_text(kYearTable, with_steps());
    REQUIRE(a.ok());
    REQUIRE(a.has_year);
    const Document doc = svg_reader::parse_ok(sensitivity_plot_svg(a, SensitivityKind::cumulative));
    CHECK(doc.elements.front().has_class("cumulative"));
    const DrawnAxis axis = read_axis(doc, true);
    // Year order, ties in pasted order; a label holding its year keeps it once.
    check_rows(doc, axis, a.cumulative, {"+ Early (1980)", "+ Also early (1980)", "+ Middle 1990", "+ Late (1999)"},
               random_of);
    CHECK(child(doc, doc.with_class("step-row")[0], "step-k")->text == "1");
    CHECK(child(doc, doc.with_class("step-row")[3], "step-k")->text == "4");
    // The last step is the full analysis: its box sits on the reference line.
    const Element* last_box = child(doc, doc.with_class("step-row")[3], "step-box");
    const double reference_x = attr(doc.with_class("reference-line")[0], "x1");
    CHECK(std::fabs(attr(last_box, "x") + attr(last_box, "width") / 2 - reference_x) < kPixelTolerance);
    check_x(axis, reference_x, a.random.estimate, "reference line");
}

TEST_CASE("sensitivity plots: a linear axis for the risk difference, and the common-effect model on request",
          "[sensitivity-plot]") {
    Options o = with_steps();
    REQUIRE(!set_option(o, "measure", "RD"));
    const Analysis a = analyze_text(example_table(), o);
    REQUIRE(a.ok());
    const Document random = svg_reader::parse_ok(sensitivity_plot_svg(a, SensitivityKind::leave_one_out));
    const DrawnAxis axis = read_axis(random, false);
    check_rows(random, axis, a.leave_one_out, labels_of(a.leave_one_out, "Omitting "), random_of);
    check_x(axis, attr(random.with_class("null-line")[0], "x1"), 0.0, "null line");
    check_x(axis, attr(random.with_class("reference-line")[0], "x1"), a.random.estimate, "reference line");

    const Document common = svg_reader::parse_ok(
        sensitivity_plot_svg(a, SensitivityKind::cumulative, SensitivityModel::common_effect));
    CHECK(common.with_class("plot-title")[0]->text ==
          "Cumulative meta-analysis: common-effect model (Mantel\xE2\x80\x93Haenszel)");
    const DrawnAxis common_axis = read_axis(common, false);
    check_rows(common, common_axis, a.cumulative, labels_of(a.cumulative, "+ "), common_of);
    check_x(common_axis, attr(common.with_class("reference-line")[0], "x1"), a.common.estimate, "reference line");
}

TEST_CASE("sensitivity plots: steps without an estimate keep their row, with text instead of marks",
          "[sensitivity-plot]") {
    // One study: leaving it out leaves nothing to pool.
    const Analysis one = analyze_text("A, 4, 123, 11, 139\n", with_steps());
    REQUIRE(one.ok());
    REQUIRE(one.leave_one_out.size() == 1);
    REQUIRE(one.leave_one_out[0].k == 0);
    const Document doc = svg_reader::parse_ok(sensitivity_plot_svg(one, SensitivityKind::leave_one_out));
    const auto rows = doc.with_class("step-row");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]->has_class("not-estimable"));
    CHECK(child(doc, rows[0], "not-estimable-text")->text == "not estimable: no study left");
    CHECK(child(doc, rows[0], "step-k")->text == "0");
    CHECK(doc.with_class("step-box").empty());
    CHECK(doc.with_class("step-ci").empty());
    CHECK(children(doc, rows[0], "estimate").empty());

    // A step analysing only double-zero studies (left out for RR): k = 0,
    // while the other rows keep their marks.
    const Analysis mixed = analyze_text("Z, 0, 20, 0, 22\nB, 3, 40, 9, 41\nC, 12, 100, 20, 98\n", with_steps());
    REQUIRE(mixed.ok());
    REQUIRE(mixed.cumulative.size() == 2);  // the double-zero study is not a step
    const Document cum = svg_reader::parse_ok(sensitivity_plot_svg(mixed, SensitivityKind::cumulative));
    CHECK(cum.with_class("step-row").size() == 2);
    CHECK(cum.with_class("step-box").size() == 2);
    CHECK(cum.with_class("not-estimable").empty());
}

TEST_CASE("sensitivity plots: hostile labels come out as escaped text", "[sensitivity-plot]") {
    const std::vector<std::string> hostile = {"</svg><script>alert(1)</script>", "<img src=x onerror=\"alert(1)\">",
                                              "'single' & \"double\" ]]>", "<![CDATA[x]]>"};
    std::string table = "Study, e1, n1, e2, n2\n";
    const int counts[4][4] = {{4, 123, 11, 139}, {6, 306, 29, 303}, {3, 231, 11, 220}, {62, 13598, 248, 12867}};
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        std::string quoted;
        for (char c : hostile[i]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        table += "\"" + quoted + "\"";
        for (int c : counts[i]) table += ", " + std::to_string(c);
        table += "\n";
    }
    const Analysis a = analyze_text(table, with_steps());
    REQUIRE(a.ok());
    for (std::size_t i = 0; i < hostile.size(); ++i) REQUIRE(a.studies[i].label == hostile[i]);
    for (const SensitivityKind kind : {SensitivityKind::leave_one_out, SensitivityKind::cumulative}) {
        const std::string svg = sensitivity_plot_svg(a, kind);
        CHECK(svg.find("<script") == std::string::npos);
        CHECK(svg.find("<img") == std::string::npos);
        CHECK(svg.find("]]>") == std::string::npos);
        CHECK(svg.find("<![CDATA[") == std::string::npos);
        const Document doc = svg_reader::parse_ok(svg);  // one root, every '<' a tag of ours
        const auto rows = doc.with_class("step-row");
        REQUIRE(rows.size() == hostile.size());
        const std::string prefix = kind == SensitivityKind::leave_one_out ? "Omitting " : "+ ";
        for (std::size_t i = 0; i < hostile.size(); ++i) {
            CHECK(full_label(doc, child(doc, rows[i], "step-label")) == prefix + hostile[i]);
        }
    }
}

TEST_CASE("sensitivity plots: an explanatory document when the option is off or there is no analysis",
          "[sensitivity-plot]") {
    const Analysis plain = analyze_text(example_table(), Options{});
    REQUIRE(plain.ok());
    for (const SensitivityKind kind : {SensitivityKind::leave_one_out, SensitivityKind::cumulative}) {
        const Document doc = svg_reader::parse_ok(sensitivity_plot_svg(plain, kind));
        const auto error = doc.with_class("error");
        REQUIRE(error.size() == 1);
        CHECK(error[0]->text.find(kind == SensitivityKind::leave_one_out ? "option leave-one-out" : "option cumulative") !=
              std::string::npos);
        CHECK(doc.with_class("step-row").empty());
    }
    const Analysis none = analyze_text("nothing here\n", with_steps());
    REQUIRE_FALSE(none.ok());
    const Document doc = svg_reader::parse_ok(sensitivity_plot_svg(none, SensitivityKind::cumulative));
    REQUIRE(doc.with_class("error").size() == 1);
    CHECK(doc.with_class("error")[0]->text.find(none.problem->message.substr(0, 20)) != std::string::npos);
}

TEST_CASE("cli: --leave-one-out-plot and --cumulative-plot write the plots and imply the analyses",
          "[sensitivity-plot]") {
    const auto temp = [](const char* name) {
        return (std::filesystem::temp_directory_path() /
                ("metapool_" + std::string(name) + "_" + std::to_string(getpid()) + ".svg"))
            .string();
    };
    const std::string loo = temp("loo"), cum = temp("cum");
    const std::string cmd = std::string(METAPOOL_CLI_PATH) + " --example --measure OR --leave-one-out-plot " + loo +
                            " --cumulative-plot=" + cum + " > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const auto slurp = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::remove(path.c_str());
        return s;
    };
    const std::string loo_svg = slurp(loo), cum_svg = slurp(cum);
    Options o = with_steps();
    REQUIRE(!set_option(o, "measure", "OR"));
    const Analysis a = analyze_text(example_table(), o);
    CHECK(loo_svg == sensitivity_plot_svg(a, SensitivityKind::leave_one_out));
    CHECK(cum_svg == sensitivity_plot_svg(a, SensitivityKind::cumulative));
    CHECK(svg_reader::parse_ok(loo_svg).with_class("step-row").size() == 13);
}
