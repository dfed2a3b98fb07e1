// The forest plot SVG: well-formed XML whatever the labels, one square per
// plotted study, diamonds, prediction interval and heterogeneity only when
// they exist, axis ticks, escaping, growth with k, determinism. Analyses are
// built by hand (plain data), so these tests need nothing but the renderer.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "model/analysis.hpp"
#include "plots/forest_plot.hpp"
#include "plots/plot_axis.hpp"
#include "plots/svg_text.hpp"
#include "svg_reader.hpp"

using namespace metapool;

namespace {

using svg_reader::Document;
using svg_reader::Element;
using svg_reader::parse_ok;

double number(const std::string& s) { return std::stod(s); }

// ---- Hand-built analyses ----------------------------------------------------

struct Counts {
    const char* label;
    double e1, n1, e2, n2;
};

// BCG vaccine trials (Colditz et al. 1994), as in metafor's dat.bcg.
const std::vector<Counts> kBcg = {
    {"Aronson 1948", 4, 123, 11, 139},
    {"Ferguson & Simes 1949", 6, 306, 29, 303},
    {"Rosenthal et al 1960", 3, 231, 11, 220},
    {"Hart & Sutherland 1977", 62, 13598, 248, 12867},
    {"Frimodt-Moller et al 1973", 33, 5069, 47, 5808},
    {"Stein & Aronson 1953", 180, 1541, 372, 1451},
    {"Vandiviere et al 1973", 8, 2545, 10, 629},
    {"TPT Madras 1980", 505, 88391, 499, 88391},
    {"Coetzee & Berjak 1968", 29, 7499, 45, 7277},
    {"Rosenthal et al 1961", 17, 1716, 65, 1665},
    {"Comstock et al 1974", 186, 50634, 141, 27338},
    {"Comstock & Webster 1969", 5, 2498, 3, 2341},
    {"Comstock et al 1976", 27, 16913, 29, 17854},
};

bool double_zero(const Counts& c) { return (c.e1 == 0 && c.e2 == 0) || (c.e1 == c.n1 && c.e2 == c.n2); }

void effect(const Counts& c, Measure m, double& y, double& v) {
    double a = c.e1, b = c.n1 - c.e1, cc = c.e2, d = c.n2 - c.e2;
    if (a == 0 || b == 0 || cc == 0 || d == 0) { a += 0.5; b += 0.5; cc += 0.5; d += 0.5; }
    const double n1 = a + b, n2 = cc + d;
    switch (m) {
        case Measure::RR: y = std::log((a / n1) / (cc / n2)); v = 1 / a - 1 / n1 + 1 / cc - 1 / n2; break;
        case Measure::OR: y = std::log(a * d / (b * cc)); v = 1 / a + 1 / b + 1 / cc + 1 / d; break;
        case Measure::RD: y = a / n1 - cc / n2; v = a * b / (n1 * n1 * n1) + cc * d / (n2 * n2 * n2); break;
    }
}

// An inverse-variance common effect and a DerSimonian-Laird random effect
// (close enough to what analyze() gives; the renderer only draws numbers).
Analysis make_analysis(const std::vector<Counts>& rows, Measure m) {
    Analysis a;
    a.options.measure = m;
    const bool ratio = m != Measure::RD;
    auto report = [&](double y) { return ratio ? std::exp(y) : y; };
    std::vector<double> ys, vs;
    for (const Counts& c : rows) {
        StudyResult s;
        s.label = c.label;
        s.e1 = c.e1; s.n1 = c.n1; s.e2 = c.e2; s.n2 = c.n2;
        if (ratio && double_zero(c)) {
            s.excluded_reason = "no events in either arm (double zero): left out";
        } else {
            effect(c, m, s.y, s.v);
            s.se = std::sqrt(s.v);
            s.estimate = report(s.y);
            s.ci_lower = report(s.y - 1.96 * s.se);
            s.ci_upper = report(s.y + 1.96 * s.se);
            s.included = true;
            ys.push_back(s.y);
            vs.push_back(s.v);
            ++a.k;
        }
        a.studies.push_back(s);
    }
    double sw = 0, swy = 0;
    for (std::size_t i = 0; i < ys.size(); ++i) { sw += 1 / vs[i]; swy += ys[i] / vs[i]; }
    const double yc = swy / sw, sec = std::sqrt(1 / sw);
    a.common.method = CommonMethod::IV;
    a.common.y = yc; a.common.se = sec;
    a.common.estimate = report(yc);
    a.common.ci_lower = report(yc - 1.96 * sec);
    a.common.ci_upper = report(yc + 1.96 * sec);
    double q = 0, sw2 = 0;
    for (std::size_t i = 0; i < ys.size(); ++i) { q += (ys[i] - yc) * (ys[i] - yc) / vs[i]; sw2 += 1 / (vs[i] * vs[i]); }
    const double df = static_cast<double>(ys.size()) - 1;
    const double tau2 = df > 0 ? std::max(0.0, (q - df) / (sw - sw2 / sw)) : 0;
    double swr = 0, swry = 0;
    for (std::size_t i = 0; i < ys.size(); ++i) { swr += 1 / (vs[i] + tau2); swry += ys[i] / (vs[i] + tau2); }
    const double yr = swry / swr, ser = std::sqrt(1 / swr);
    a.random.k = static_cast<int>(ys.size());
    a.random.y = yr; a.random.se = ser;
    a.random.estimate = report(yr);
    a.random.ci_lower = report(yr - 1.96 * ser);
    a.random.ci_upper = report(yr + 1.96 * ser);
    if (ys.size() >= 3) {
        const double half = 2.2 * std::sqrt(tau2 + ser * ser);  // roughly t on k-2 df
        a.random.pi_lower = report(yr - half);
        a.random.pi_upper = report(yr + half);
    }
    std::size_t j = 0;
    for (StudyResult& s : a.studies) {
        if (!s.included) continue;
        s.weight_common = 100 / vs[j] / sw;
        s.weight_random = 100 / (vs[j] + tau2) / swr;
        ++j;
    }
    if (ys.size() >= 2) {
        a.heterogeneity.Q = q;
        a.heterogeneity.df = df;
        a.heterogeneity.p = q > 100 ? 1e-20 : 0.2;
        a.heterogeneity.I2 = q > df ? 100 * (q - df) / q : 0;
        a.heterogeneity.tau2 = tau2;
        a.heterogeneity.tau = std::sqrt(tau2);
    }
    return a;
}

std::vector<Counts> first(std::size_t n) { return std::vector<Counts>(kBcg.begin(), kBcg.begin() + n); }

std::size_t included(const Analysis& a) {
    std::size_t n = 0;
    for (const StudyResult& s : a.studies) n += s.included ? 1 : 0;
    return n;
}

std::vector<std::string> labels(const PlotAxis& axis) {
    std::vector<std::string> out;
    for (const AxisTick& t : axis.ticks) out.push_back(t.label);
    return out;
}

// A label as the reader sees it on hover: the <title> child when the label
// was cut, the text itself otherwise.
std::string full_label(const Document& doc, const Element* label) {
    const std::string title = doc.title_of(label);
    return title.empty() ? label->text : title;
}

double height_of(const std::string& svg) { return number(parse_ok(svg).root().attr("height")); }

}  // namespace

// ---- Axis ticks -------------------------------------------------------------

TEST_CASE("log axis: 1-2-5 ticks when a few decades, powers of ten beyond", "[forest][axis]") {
    CHECK(labels(log_axis(0.12, 8)) == std::vector<std::string>{"0.1", "0.2", "0.5", "1", "2", "5", "10"});
    CHECK(labels(log_axis(0.8, 1.25)) == std::vector<std::string>{"0.5", "1", "2"});
    CHECK(labels(log_axis(0.3, 1.25)) == std::vector<std::string>{"0.2", "0.5", "1", "2"});
    CHECK(labels(log_axis(0.5, 2)) == std::vector<std::string>{"0.5", "1", "2"});
    CHECK(labels(log_axis(0.02, 30)) == std::vector<std::string>{"0.01", "0.1", "1", "10", "100"});
    CHECK(labels(log_axis(0.003, 1.25)) == std::vector<std::string>{"0.001", "0.01", "0.1", "1", "10"});
    CHECK(labels(log_axis(1e-5, 1e5)) ==
          std::vector<std::string>{"0.000001", "0.0001", "0.01", "1", "100", "10000", "1000000"});
    const PlotAxis a = log_axis(0.12, 8);
    CHECK(a.log_scale);
    CHECK(a.lo == Approx(0.1));
    CHECK(a.hi == Approx(10));
    CHECK(a.fraction(1) == Approx(0.5));
    CHECK(a.fraction(0.1) == Approx(0));
    CHECK(a.fraction(100) == Approx(1.5));
    CHECK(std::isinf(a.fraction(0)));
}

TEST_CASE("linear axis: steps of 1, 2 or 5 x 10^n with the step's decimals", "[forest][axis]") {
    CHECK(labels(linear_axis(-0.3, 0.1)) == std::vector<std::string>{"-0.3", "-0.2", "-0.1", "0.0", "0.1"});
    CHECK(labels(linear_axis(-0.12, 0.04)) == std::vector<std::string>{"-0.15", "-0.10", "-0.05", "0.00", "0.05"});
    CHECK(labels(linear_axis(-1, 1)) == std::vector<std::string>{"-1.0", "-0.5", "0.0", "0.5", "1.0"});
    CHECK(labels(linear_axis(0, 0)).size() >= 2);  // a zero span is widened
    const PlotAxis a = linear_axis(-0.3, 0.1);
    CHECK_FALSE(a.log_scale);
    CHECK(a.fraction(-0.1) == Approx(0.5));
}

TEST_CASE("axes always cover their range with 2 to 8 ascending ticks", "[forest][axis]") {
    const double los[] = {1e-9, 0.001, 0.04, 0.33, 0.9, 1, 3.7, 250};
    const double factors[] = {1, 1.01, 1.5, 4, 30, 1000, 1e7};
    for (double lo : los) {
        for (double f : factors) {
            const double hi = lo * f;
            for (const PlotAxis& a : {log_axis(lo, hi), linear_axis(lo - 1, hi), linear_axis(-hi, lo)}) {
                INFO("lo " << lo << " hi " << hi);
                REQUIRE(a.ticks.size() >= 2);
                CHECK(a.ticks.size() <= 8);
                for (std::size_t i = 1; i < a.ticks.size(); ++i) CHECK(a.ticks[i - 1].value < a.ticks[i].value);
                CHECK(a.lo == a.ticks.front().value);
                CHECK(a.hi == a.ticks.back().value);
                for (const AxisTick& t : a.ticks) {
                    CHECK(t.label.find('e') == std::string::npos);
                    CHECK(std::stod(t.label) == Approx(t.value).margin(1e-12));
                }
            }
            const PlotAxis l = log_axis(lo, hi);
            CHECK(l.lo <= lo * (1 + 1e-9));
            CHECK(l.hi >= std::min(hi, 1e12) * (1 - 1e-9));
        }
    }
    CHECK(labels(log_axis(kNaN, 3)) == std::vector<std::string>{"0.5", "1", "2"});
    CHECK(labels(log_axis(-1, 3)) == std::vector<std::string>{"0.5", "1", "2"});
    CHECK(linear_axis(kNaN, kNaN).ticks.size() >= 2);
}

// ---- Text -------------------------------------------------------------------

TEST_CASE("XML text: escaped, valid UTF-8, only XML 1.0 characters", "[forest][text]") {
    CHECK(xml_escape("Study 1 (2001), 12/150") == "Study 1 (2001), 12/150");  // printable ASCII: as it is
    CHECK(xml_escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f");
    CHECK(xml_escape("tab\tnew\nline\r") == "tab new line ");
    CHECK(xml_escape(std::string("nul\0bell\x07", 9)) == "nul\xEF\xBF\xBD" "bell\xEF\xBF\xBD");
    CHECK(xml_escape("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    CHECK(xml_escape("nonchar \xEF\xBF\xBE\xEF\xBF\xBF") == "nonchar \xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(xml_escape("Mantel\xE2\x80\x93Haenszel \xF0\x9F\x98\x80") == "Mantel\xE2\x80\x93Haenszel \xF0\x9F\x98\x80");
}

TEST_CASE("truncation counts characters, never splits one, ends with an ellipsis", "[forest][text]") {
    CHECK(truncate_utf8("short", 10) == "short");
    CHECK(truncate_utf8("exactly10!", 10) == "exactly10!");
    CHECK(truncate_utf8("eleven char", 10) == "eleven ch\xE2\x80\xA6");
    CHECK(truncate_utf8("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
    CHECK(utf8_length("\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80") == 5);
}

// ---- The plot ---------------------------------------------------------------

TEST_CASE("BCG risk ratios: a square per study, two diamonds, PI, log axis", "[forest]") {
    const Analysis a = make_analysis(kBcg, Measure::RR);
    const std::string svg = forest_plot_svg(a);
    const Document doc = parse_ok(svg);
    const Element& root = doc.root();
    CHECK(root.attr("role") == "img");
    CHECK(root.attr("viewBox") == "0 0 900 " + root.attr("height"));
    CHECK(root.attr("width") == "900");
    CHECK(root.attr("aria-labelledby") == "forest-plot-title forest-plot-desc");
    CHECK(root.attr("font-family").find("sans-serif") != std::string::npos);
    REQUIRE(doc.elements.size() > 3);
    CHECK(doc.elements[1].name == "title");
    CHECK(doc.elements[1].attr("id") == "forest-plot-title");
    CHECK(doc.elements[2].name == "desc");
    CHECK(doc.elements[2].text.find("13 studies") != std::string::npos);
    CHECK(svg.find("<style") == std::string::npos);

    CHECK(doc.count("study-row") == 13);
    CHECK(doc.count("study-box") == 13);
    CHECK(doc.count("study-ci") == 13);
    CHECK(doc.count("diamond") == 2);
    CHECK(doc.with_class("diamond").front()->has_class("common"));
    CHECK(doc.with_class("diamond").back()->has_class("random"));
    CHECK(doc.count("prediction-interval") == 1);
    CHECK(doc.count("null-line") == 1);
    CHECK(doc.count("axis") == 1);
    CHECK(doc.count("heterogeneity") == 1);
    CHECK(doc.count("favours") == 2);
    CHECK(doc.count("excluded") == 0);

    // The label as text, with '&' escaped in the source.
    CHECK(svg.find("Ferguson &amp; Simes 1949") != std::string::npos);
    bool found = false;
    for (const Element* e : doc.with_class("study-label")) found = found || e->text == "Ferguson & Simes 1949";
    CHECK(found);

    // Log axis with 1-2-5 ticks around the data; the null line at 1.
    std::vector<std::string> ticks;
    for (const Element& e : doc.elements) {
        if (e.has_class("tick-label")) ticks.push_back(e.text);
    }
    // CIs from about 0.03 to 6.5: 1-2-5 would need 9 ticks, so decades.
    CHECK(ticks == std::vector<std::string>{"0.01", "0.1", "1", "10"});
    const Element& null_line = *doc.with_class("null-line").front();
    double x_one = -1;
    for (const Element& e : doc.elements) {
        if (e.has_class("tick-label") && e.text == "1") x_one = number(e.attr("x"));
    }
    CHECK(number(null_line.attr("x1")) == Approx(x_one));
    CHECK(svg.find("Risk ratio (log scale)") != std::string::npos);
    CHECK(svg.find("RR [95% CI]") != std::string::npos);

    // Texts: estimate [CI] with two decimals, weights, heterogeneity, labels.
    const StudyResult& s1 = a.studies[0];
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.2f [%.2f, %.2f]", s1.estimate, s1.ci_lower, s1.ci_upper);
    CHECK(doc.with_class("estimate").front()->text == expected);
    CHECK(doc.with_class("weight").front()->text.back() == '%');
    const std::string het = doc.with_class("heterogeneity").front()->text;
    CHECK(het.find("Q = ") != std::string::npos);
    CHECK(het.find("df = 12") != std::string::npos);
    CHECK(het.find("p < 0.001") != std::string::npos);
    CHECK(het.find("I\xC2\xB2 = ") != std::string::npos);
    CHECK(het.find("\xCF\x84\xC2\xB2 = ") != std::string::npos);
    CHECK(svg.find("Common effect (inverse variance)") != std::string::npos);
    CHECK(svg.find("Random effects (REML)") != std::string::npos);
    CHECK(svg.find("Prediction interval") != std::string::npos);
    CHECK(svg.find("Favours experimental") != std::string::npos);
    CHECK(svg.find("Favours control") != std::string::npos);
}

TEST_CASE("squares: area proportional to the common-effect weight", "[forest]") {
    const Analysis a = make_analysis(kBcg, Measure::RR);
    const Document doc = parse_ok(forest_plot_svg(a));
    const auto boxes = doc.with_class("study-box");
    REQUIRE(boxes.size() == a.studies.size());
    std::size_t heaviest = 0;
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        if (a.studies[i].weight_common > a.studies[heaviest].weight_common) heaviest = i;
    }
    const double w_max = number(boxes[heaviest]->attr("width"));
    CHECK(w_max == Approx(16));
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const double w = number(boxes[i]->attr("width"));
        CHECK(number(boxes[i]->attr("height")) == w);
        const double area_ratio = (w * w) / (w_max * w_max);
        const double weight_ratio = a.studies[i].weight_common / a.studies[heaviest].weight_common;
        if (w > 3) CHECK(area_ratio == Approx(weight_ratio).epsilon(0.03));
        else CHECK(weight_ratio <= (3.0 * 3.0) / (16.0 * 16.0) + 1e-9);  // the minimum size
    }
}

TEST_CASE("the Mantel-Haenszel label, HKSJ and the confidence level are shown", "[forest]") {
    Analysis a = make_analysis(kBcg, Measure::RR);
    a.common.method = CommonMethod::MH;
    a.random.hksj = true;
    a.random.tau2_method = Tau2Method::PM;
    a.options.level = 0.9;
    const std::string svg = forest_plot_svg(a);
    parse_ok(svg);
    CHECK(svg.find("Common effect (Mantel\xE2\x80\x93Haenszel)") != std::string::npos);
    CHECK(svg.find("Random effects (PM, HKSJ)") != std::string::npos);
    CHECK(svg.find("RR [90% CI]") != std::string::npos);
}

TEST_CASE("k = 2: heterogeneity but no prediction interval", "[forest]") {
    const Analysis a = make_analysis(first(2), Measure::RR);
    REQUIRE(std::isnan(a.random.pi_lower));
    const Document doc = parse_ok(forest_plot_svg(a));
    CHECK(doc.count("study-box") == 2);
    CHECK(doc.count("diamond") == 2);
    CHECK(doc.count("prediction-interval") == 0);
    CHECK(doc.count("heterogeneity") == 1);
}

TEST_CASE("k = 1: no heterogeneity, no prediction interval, still valid", "[forest]") {
    const Analysis a = make_analysis(first(1), Measure::RR);
    REQUIRE(std::isnan(a.heterogeneity.Q));
    const std::string svg = forest_plot_svg(a);
    const Document doc = parse_ok(svg);
    CHECK(doc.count("study-box") == 1);
    CHECK(doc.count("diamond") == 2);
    CHECK(doc.count("prediction-interval") == 0);
    CHECK(doc.count("heterogeneity") == 0);
    CHECK(svg.find("nan") == std::string::npos);
    CHECK(svg.find("NA") == std::string::npos);
    CHECK(doc.elements[2].text.find("1 study:") != std::string::npos);
}

TEST_CASE("NaN pooled estimates: no diamonds, no heterogeneity, valid SVG", "[forest]") {
    Analysis a = make_analysis(first(3), Measure::RR);
    a.common = CommonEffect{};
    a.random = RandomEffects{};
    a.heterogeneity = Heterogeneity{};
    const std::string svg = forest_plot_svg(a);
    const Document doc = parse_ok(svg);
    CHECK(doc.count("study-box") == 3);
    CHECK(doc.count("diamond") == 0);
    CHECK(doc.count("prediction-interval") == 0);
    CHECK(doc.count("heterogeneity") == 0);
    CHECK(svg.find("not estimable") != std::string::npos);
    CHECK(svg.find("nan") == std::string::npos);

    // Only the random effect missing: just its diamond goes.
    Analysis b = make_analysis(first(3), Measure::RR);
    b.random.estimate = kNaN;
    b.random.pi_lower = b.random.pi_upper = kNaN;
    const Document doc_b = parse_ok(forest_plot_svg(b));
    CHECK(doc_b.count("diamond common") == 1);
    CHECK(doc_b.count("random") == 1);  // the row, without a diamond
    CHECK(doc_b.with_class("diamond").size() == 1);
}

TEST_CASE("OR with an excluded double-zero study: listed with its reason, no square", "[forest]") {
    std::vector<Counts> rows = first(5);
    rows.insert(rows.begin() + 2, Counts{"Zero & zero 2001", 0, 40, 0, 38});
    const Analysis a = make_analysis(rows, Measure::OR);
    REQUIRE(included(a) == 5);
    const std::string svg = forest_plot_svg(a);
    const Document doc = parse_ok(svg);
    CHECK(doc.count("study-row") == 6);
    CHECK(doc.count("excluded") == 1);
    CHECK(doc.count("study-box") == 5);
    CHECK(doc.count("study-ci") == 5);
    const auto reasons = doc.with_class("excluded-reason");
    REQUIRE(reasons.size() == 1);
    CHECK(reasons.front()->text.find("Excluded: no events in either arm") == 0);
    CHECK(svg.find("Zero &amp; zero 2001") != std::string::npos);
    CHECK(svg.find("0/40") != std::string::npos);
    CHECK(svg.find("OR [95% CI]") != std::string::npos);
    CHECK(svg.find("Odds ratio (log scale)") != std::string::npos);
    CHECK(doc.elements[2].text.find("1 study excluded") != std::string::npos);
}

TEST_CASE("an included study without an estimate keeps its weight and shows why", "[forest]") {
    Analysis a = make_analysis(first(4), Measure::RR);
    StudyResult& s = a.studies[1];
    s.y = s.v = s.se = s.estimate = s.ci_lower = s.ci_upper = kNaN;
    s.weight_random = kNaN;
    s.excluded_reason = "effect not estimable (a zero cell without continuity correction)";
    const Document doc = parse_ok(forest_plot_svg(a));
    CHECK(doc.count("study-box") == 3);
    CHECK(doc.count("not-estimable") == 1);
    CHECK(doc.count("excluded") == 0);
    CHECK(doc.with_class("excluded-reason").front()->text.find("effect not estimable") == 0);
}

TEST_CASE("RD: linear axis with the null line at 0", "[forest]") {
    const Analysis a = make_analysis(first(6), Measure::RD);
    const std::string svg = forest_plot_svg(a);
    const Document doc = parse_ok(svg);
    CHECK(doc.count("study-box") == 6);
    CHECK(doc.count("diamond") == 2);
    CHECK(svg.find("log scale") == std::string::npos);
    CHECK(svg.find("RD [95% CI]") != std::string::npos);
    std::vector<std::string> ticks;
    double x_zero = -1;
    for (const Element& e : doc.elements) {
        if (!e.has_class("tick-label")) continue;
        ticks.push_back(e.text);
        if (std::stod(e.text) == 0) x_zero = number(e.attr("x"));
    }
    CHECK(ticks.size() >= 3);
    CHECK(x_zero > 380);
    CHECK(number(doc.with_class("null-line").front()->attr("x1")) == Approx(x_zero));
    // A negative pooled difference prints with a minus sign and two decimals.
    const std::string common = doc.with_class("estimate")[6]->text;
    CHECK(common.substr(0, 2) == "-0");
}

TEST_CASE("extreme intervals are clipped with arrows; diamonds cut at the axis", "[forest]") {
    Analysis a = make_analysis(first(3), Measure::RR);
    StudyResult& s = a.studies[0];
    s.estimate = 0.9; s.ci_lower = 1e-6; s.ci_upper = 1e6;
    a.random.ci_lower = 1e-5; a.random.ci_upper = 1e5;  // e.g. HKSJ with k = 2
    const Document doc = parse_ok(forest_plot_svg(a));
    CHECK(doc.count("study-box") == 3);
    CHECK(doc.count("ci-arrow") >= 2);
    std::vector<double> ticks;
    for (const Element& e : doc.elements) {
        if (e.has_class("tick-label")) ticks.push_back(std::stod(e.text));
    }
    REQUIRE(!ticks.empty());
    CHECK(ticks.front() >= 1e-3);  // not the 1e-6 of the wild interval
    CHECK(ticks.back() <= 1e3);
    for (const Element* d : doc.with_class("diamond")) {
        std::string pts = d->attr("points");
        for (char& c : pts) if (c == ',') c = ' ';
        std::size_t pos = 0;
        for (int i = 0; pos < pts.size(); ++i) {
            std::size_t used = 0;
            const double v = std::stod(pts.substr(pos), &used);
            pos += used;
            if (i % 2 == 0) {
                CHECK(v >= 380 - 1e-9);
                CHECK(v <= 620 + 1e-9);
            }
            while (pos < pts.size() && pts[pos] == ' ') ++pos;
        }
    }
    // A study entirely beyond the axis: an arrow, no square.
    Analysis b = make_analysis(first(3), Measure::RR);
    b.studies[2].estimate = 1e-7; b.studies[2].ci_lower = 1e-8; b.studies[2].ci_upper = 1e-6;
    const Document doc_b = parse_ok(forest_plot_svg(b));
    CHECK(doc_b.count("study-box") == 2);
    CHECK(doc_b.count("study-ci") == 3);
    CHECK(doc_b.count("ci-arrow") >= 1);
}

TEST_CASE("hostile labels appear only as escaped text", "[forest][security]") {
    std::vector<Counts> rows = first(4);
    rows[0].label = "</svg><script>alert(1)</script>";
    rows[1].label = "<img src=x onerror=alert(1)>";
    rows[2].label = "\"quoted\" & 'apos' ]]> <!-- -->";
    rows[3].label = "ctl\x01\x02\x1b bad\xff\xfe nonchar\xEF\xBF\xBE tab\there";
    const Analysis a = make_analysis(rows, Measure::RR);
    const std::string svg = forest_plot_svg(a);
    const Document doc = parse_ok(svg);  // includes: valid UTF-8, only XML characters
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("<img") == std::string::npos);
    CHECK(svg.find("<!--") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;") != std::string::npos);
    CHECK(svg.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(doc.count("study-box") == 4);
    std::vector<std::string> shown;
    for (const Element* e : doc.with_class("study-label")) shown.push_back(full_label(doc, e));
    CHECK(shown[0] == "</svg><script>alert(1)</script>");
    CHECK(shown[1] == "<img src=x onerror=alert(1)>");
    CHECK(shown[2] == "\"quoted\" & 'apos' ]]> <!-- -->");
    CHECK(shown[3].find("ctl\xEF\xBF\xBD") == 0);
    for (const Element& e : doc.elements) {
        CHECK(e.name != "script");
        CHECK(e.name != "img");
        CHECK(e.attrs.count("onerror") == 0);
        CHECK(e.attrs.count("onload") == 0);
    }
}

TEST_CASE("long labels are cut with an ellipsis, the full label in a <title>", "[forest]") {
    std::vector<Counts> rows = first(3);
    const std::string long_label = "A very long study label that goes on & on, 2003 \xC3\xA9tude multicentrique";
    rows[1].label = long_label.c_str();
    const Document doc = parse_ok(forest_plot_svg(make_analysis(rows, Measure::RR)));
    const auto shown = doc.with_class("study-label");
    CHECK(shown[1]->text.size() < long_label.size());
    CHECK(utf8_length(shown[1]->text) == 30);
    CHECK(shown[1]->text.substr(shown[1]->text.size() - 3) == "\xE2\x80\xA6");
    CHECK(full_label(doc, shown[1]) == long_label);
    CHECK(doc.count("study-label") == 3);
    CHECK(doc.count("pooled-label") == 3);  // common, random, prediction interval
    CHECK(shown[0]->text == "Aronson 1948");  // short: no title
}

TEST_CASE("height grows with k (fixed row height); 200 studies stay valid", "[forest]") {
    std::vector<Counts> many;
    std::vector<std::string> names;
    names.reserve(200);
    for (int i = 0; i < 200; ++i) names.push_back("Trial " + std::to_string(i + 1));
    for (int i = 0; i < 200; ++i) {
        Counts c = kBcg[static_cast<std::size_t>(i) % kBcg.size()];
        c.label = names[static_cast<std::size_t>(i)].c_str();
        many.push_back(c);
    }
    const Analysis big = make_analysis(many, Measure::RR);
    const std::string svg = forest_plot_svg(big);
    const Document doc = parse_ok(svg);
    CHECK(doc.count("study-box") == 200);
    CHECK(doc.count("study-row") == 200);
    CHECK(doc.root().attr("width") == "900");
    const double h2 = height_of(forest_plot_svg(make_analysis(first(2), Measure::RR)));
    const double h3 = height_of(forest_plot_svg(make_analysis(first(3), Measure::RR)));
    const double h13 = height_of(forest_plot_svg(make_analysis(kBcg, Measure::RR)));
    const double h200 = number(doc.root().attr("height"));
    CHECK(h2 < h13);
    CHECK(h13 < h200);
    CHECK(h200 - h13 == Approx(187 * 20));
    CHECK(h3 - h2 == Approx(20 + 20));  // one row more, and the prediction interval row
}

TEST_CASE("analysis not ok: a small SVG with the (escaped) error", "[forest]") {
    Analysis a;
    a.problem = problem("no valid study rows <b>&</b>");
    const std::string svg = forest_plot_svg(a);
    const Document doc = parse_ok(svg);
    CHECK(doc.count("error") == 1);
    CHECK(doc.with_class("error").front()->text == "No forest plot: no valid study rows <b>&</b>");
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(doc.count("study-box") == 0);
    CHECK(doc.count("diamond") == 0);
    CHECK(doc.count("axis") == 0);
    CHECK(number(doc.root().attr("height")) < 100);
    CHECK(doc.root().attr("role") == "img");

    Analysis empty;  // default: nothing refused, no studies
    CHECK(svg_reader::parse(forest_plot_svg(empty)).ok);
}

TEST_CASE("the same analysis gives byte-identical SVG", "[forest]") {
    const Analysis a = make_analysis(kBcg, Measure::OR);
    const Analysis b = make_analysis(kBcg, Measure::OR);
    CHECK(forest_plot_svg(a) == forest_plot_svg(b));
    CHECK(forest_plot_svg(a) == forest_plot_svg(a));
}

TEST_CASE("the checker itself rejects broken documents", "[forest][checker]") {
    CHECK(svg_reader::parse("<svg><g></svg>").ok == false);
    CHECK(svg_reader::parse("<svg><text>a < b</text></svg>").ok == false);
    CHECK(svg_reader::parse("<svg><text>a &bogus; b</text></svg>").ok == false);
    CHECK(svg_reader::parse("<svg a=\"1\" a=\"2\"></svg>").ok == false);
    CHECK(svg_reader::parse("<g></g>").ok == false);
    CHECK(svg_reader::parse("<svg>\x01</svg>").ok == false);
    CHECK(svg_reader::parse("<svg>\xff</svg>").ok == false);
    CHECK(svg_reader::parse("<svg><text>a &amp; b</text></svg>\n").ok);
}

TEST_CASE("numbers: two decimals, more for tiny ratios and narrow differences", "[forest][text]") {
    Analysis rr = make_analysis(first(3), Measure::RR);
    StudyResult& s = rr.studies[0];
    s.estimate = 0.0042; s.ci_lower = 0.0011; s.ci_upper = 0.016;
    rr.heterogeneity.p = 0.0123;
    const Document doc = parse_ok(forest_plot_svg(rr));
    CHECK(doc.with_class("estimate").front()->text == "0.0042 [0.0011, 0.02]");
    CHECK(doc.with_class("heterogeneity").front()->text.find("p = 0.012;") != std::string::npos);

    Analysis rd = make_analysis(first(3), Measure::RD);
    StudyResult& d = rd.studies[0];
    d.estimate = -0.0016; d.ci_lower = -0.0048; d.ci_upper = 0.0016;
    rd.studies[1].estimate = -0.08; rd.studies[1].ci_lower = -0.113; rd.studies[1].ci_upper = -0.04;
    rd.studies[2].estimate = -0.00002; rd.studies[2].ci_lower = -0.0009; rd.studies[2].ci_upper = 0.0008;
    const Document doc_rd = parse_ok(forest_plot_svg(rd));
    const auto est = doc_rd.with_class("estimate");
    CHECK(est[0]->text == "-0.002 [-0.005, 0.002]");
    CHECK(est[1]->text == "-0.08 [-0.11, -0.04]");
    CHECK(est[2]->text == "0.0000 [-0.0009, 0.0008]");  // never "-0.0000"
}
