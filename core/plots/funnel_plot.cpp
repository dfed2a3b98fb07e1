// The funnel plot (Light & Pillemer 1984, Summing Up; Sterne & Egger 2001,
// J Clin Epidemiol 54:1046-1055), as metafor's funnel(res): each study's
// effect on the horizontal axis (log scale for RR and OR, with the ticks of
// the forest plot), its standard error on the vertical axis, 0 at the top;
// a vertical line at the pooled estimate (random effects, the model the
// small-study tests refer to; the common effect when there is none) and the
// pseudo confidence limits estimate +- z se (the triangle, at the analysis's
// level). Studies filled by trim-and-fill are hollow, and the adjusted
// estimate is a dashed line.
//
// Class names (stable):
//   funnel-plot       the root <svg>
//   funnel-point      <circle> per study with an estimable effect, in pasted
//                     order; a <title> child holds its label and numbers
//   funnel-filled     <circle> per study filled by trim-and-fill (hollow),
//                     its <title> naming the study it mirrors
//   funnel-limits     <path> the pseudo confidence limits (dashed)
//   funnel-center     <line> the pooled estimate
//   funnel-adjusted   <line> trim-and-fill's adjusted estimate (when k0 > 0)
//   axis              <g> per axis ("axis x-axis", "axis y-axis"): an
//                     axis-line, a "tick" <g> per tick (line and label) and
//                     the axis-title
//   funnel-caption    <text> the tests (Egger, Begg), then trim-and-fill: one
//                     line each
//   error             <text> why there is no plot
// Presentation attributes only (no <style>), black and grey, system fonts;
// the output depends on nothing but the analysis.
#include "plots/funnel_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "output/decimal_format.hpp"
#include "plots/plot_axis.hpp"
#include "plots/plot_text.hpp"
#include "plots/svg_shapes.hpp"
#include "plots/svg_text.hpp"
#include "pooling/distributions.hpp"

namespace metapool {

namespace {

// The plots' shared shapes and number texts, unqualified.
using namespace svg_shapes;
using namespace plot_text;

constexpr double kWidth = 640, kHeight = 480;
constexpr double kPlotLeft = 80, kPlotRight = 610, kPlotTop = 30, kPlotBottom = 390;
constexpr double kRadius = 4;
constexpr std::size_t kTitleChars = 200;

// ---- Text -------------------------------------------------------------------

std::string value_text(double x) {
    if (!std::isfinite(x)) return "NA";
    return std::fabs(x) >= 0.01 && std::fabs(x) < 1000 ? fixed(x, std::fabs(x) < 0.1 ? 3 : 2) : printf_general(x, 3);
}

std::string p_text(double p) { return p < 0.001 ? "p < 0.001" : "p = " + fixed(p, 3); }

bool is_ratio(const Analysis& a) { return a.options.measure != Measure::RD; }

double reporting(double y, bool ratio) { return ratio ? std::exp(y) : y; }

// ---- Elements ---------------------------------------------------------------

void put_text(std::string& out, const std::string& cls, double x, double y, const char* anchor, const std::string& text,
              const std::string& extra = "") {
    out += "<text class=\"" + cls + "\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\"" + anchor + "\"" +
           extra + ">" + xml_escape(text) + "</text>\n";
}

struct Frame {
    PlotAxis x, y;
    bool ratio = false;
    double px(double reporting_value) const {
        const double f = std::max(-1.0, std::min(2.0, x.fraction(reporting_value)));
        return kPlotLeft + f * (kPlotRight - kPlotLeft);
    }
    double py(double se) const { return kPlotTop + y.fraction(se) * (kPlotBottom - kPlotTop); }
};

void put_point(std::string& out, const Frame& f, const char* cls, double y, double se, const std::string& title,
               bool hollow) {
    out += std::string("<circle class=\"") + cls + "\" cx=\"" + coordinate(f.px(reporting(y, f.ratio))) + "\" cy=\"" +
           coordinate(f.py(se)) + "\" r=\"" + coordinate(kRadius) + "\" fill=\"" + (hollow ? "#fff" : "#000") +
           "\" stroke=\"#000\"><title>" + xml_escape(truncate_utf8(xml_clean(title), kTitleChars)) +
           "</title></circle>\n";
}

void put_axes(std::string& out, const Frame& f, Measure m) {
    out += "<g class=\"axis x-axis\" font-size=\"11\">\n";
    put_line(out, "axis-line", kPlotLeft, kPlotBottom, kPlotRight, kPlotBottom, "stroke=\"#000\"");
    for (const AxisTick& t : f.x.ticks) {
        const double x = f.px(t.value);
        out += "<g class=\"tick\">";
        put_line(out, "tick-mark", x, kPlotBottom, x, kPlotBottom + 5, "stroke=\"#000\"");
        put_text(out, "tick-label", x, kPlotBottom + 17, "middle", t.label);
        out += "</g>\n";
    }
    put_text(out, "axis-title", (kPlotLeft + kPlotRight) / 2, kPlotBottom + 36, "middle",
             std::string(measure_name(m)) + (f.ratio ? " (log scale)" : ""), " font-weight=\"bold\"");
    out += "</g>\n<g class=\"axis y-axis\" font-size=\"11\">\n";
    put_line(out, "axis-line", kPlotLeft, kPlotTop, kPlotLeft, kPlotBottom, "stroke=\"#000\"");
    for (const AxisTick& t : f.y.ticks) {
        const double y = f.py(t.value);
        out += "<g class=\"tick\">";
        put_line(out, "tick-mark", kPlotLeft - 5, y, kPlotLeft, y, "stroke=\"#000\"");
        put_text(out, "tick-label", kPlotLeft - 8, y + 4, "end", t.label);
        out += "</g>\n";
    }
    const double mid = (kPlotTop + kPlotBottom) / 2;
    put_text(out, "axis-title", 22, mid, "middle", "Standard error",
             " font-weight=\"bold\" transform=\"rotate(-90 22 " + coordinate(mid) + ")\"");
    out += "</g>\n";
}

// ---- Content ----------------------------------------------------------------

// The pooled estimate the funnel is centred on (analysis scale), or NaN.
double centre_of(const Analysis& a) {
    if (std::isfinite(a.random.y)) return a.random.y;
    return a.common.y;
}

std::vector<const StudyResult*> plotted_studies(const Analysis& a) {
    std::vector<const StudyResult*> out;
    for (const StudyResult& s : a.studies) {
        if (std::isfinite(s.y) && std::isfinite(s.se) && s.se > 0) out.push_back(&s);
    }
    return out;
}

Frame make_frame(const Analysis& a, const std::vector<const StudyResult*>& studies, double centre, double z) {
    Frame f;
    f.ratio = is_ratio(a);
    double se_max = 0, lo = centre, hi = centre;
    auto extend = [&](double y, double se) {
        se_max = std::max(se_max, se);
        lo = std::min(lo, y);
        hi = std::max(hi, y);
    };
    for (const StudyResult* s : studies) extend(s->y, s->se);
    for (const FilledStudy& fs : a.small_study.trim_and_fill.filled) extend(fs.y, fs.se);
    f.y = linear_axis(0, se_max);
    if (std::isfinite(centre)) {  // the triangle's base, at the bottom of the axis
        lo = std::min(lo, centre - z * f.y.hi);
        hi = std::max(hi, centre + z * f.y.hi);
    }
    f.x = f.ratio ? log_axis(std::exp(lo), std::exp(hi)) : linear_axis(lo, hi);
    return f;
}

void put_limits(std::string& out, const Frame& f, double centre, double z) {
    const double bottom = f.py(f.y.hi);
    const std::string d = "M" + coordinate(f.px(reporting(centre - z * f.y.hi, f.ratio))) + " " + coordinate(bottom) + "L" +
                          coordinate(f.px(reporting(centre, f.ratio))) + " " + coordinate(f.py(0)) + "L" +
                          coordinate(f.px(reporting(centre + z * f.y.hi, f.ratio))) + " " + coordinate(bottom);
    out += "<path class=\"funnel-limits\" d=\"" + d +
           "\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n";
}

std::string study_title(const StudyResult& s, const Analysis& a) {
    const char* m = a.options.measure == Measure::RR ? "RR" : a.options.measure == Measure::OR ? "OR" : "RD";
    return (s.label.empty() ? std::string("Study") : s.label) + ": " + m + " " + value_text(s.estimate) + ", SE " +
           value_text(s.se);
}

std::string filled_title(const FilledStudy& f, const Analysis& a) {
    const char* m = a.options.measure == Measure::RR ? "RR" : a.options.measure == Measure::OR ? "OR" : "RD";
    return "Filled by trim-and-fill (mirror of " + f.mirror_of + "): " + m + " " + value_text(f.estimate) + ", SE " +
           value_text(f.se);
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    return out;
}

// Two caption lines: the tests, then trim-and-fill.
std::vector<std::string> caption_lines(const Analysis& a) {
    const SmallStudyEffects& s = a.small_study;
    std::vector<std::string> tests, fill;
    if (s.egger.computed) tests.push_back("Egger's test " + p_text(s.egger.p));
    if (s.begg.computed && std::isfinite(s.begg.p)) tests.push_back("Begg's test " + p_text(s.begg.p));
    if (s.k < 10) tests.push_back("fewer than 10 studies: low power");
    const TrimAndFill& t = s.trim_and_fill;
    if (t.computed) {
        std::string tf = "Trim-and-fill: " + std::to_string(t.k0) + (t.k0 == 1 ? " study" : " studies") + " filled";
        if (t.k0 > 0) tf += " on the " + t.side + " (hollow points), adjusted estimate " + value_text(t.estimate);
        fill.push_back(tf);
    }
    std::vector<std::string> lines;
    if (!tests.empty()) lines.push_back(joined(tests));
    if (!fill.empty()) lines.push_back(joined(fill));
    return lines;
}

std::string caption(const Analysis& a) { return joined(caption_lines(a)); }

std::string open_svg(double height, const std::string& title, const std::string& desc) {
    return svg_shapes::open_svg("funnel-plot", "funnel", kWidth, height, title, desc);
}

std::string error_svg(const std::string& reason) {
    std::string out = open_svg(60, "Funnel plot not available", "No funnel plot: " + reason);
    put_text(out, "error", 10, 34, "start", truncate_utf8(xml_clean("No funnel plot: " + reason), 140));
    return out + "</svg>\n";
}

std::string description(const Analysis& a, std::size_t k, double centre) {
    std::string d = "Funnel plot of " + std::to_string(k) + (k == 1 ? " study" : " studies") + ": " +
                    measure_name(a.options.measure) + (is_ratio(a) ? " (log scale)" : "") +
                    " against its standard error (0 at the top), centred on the " +
                    (std::isfinite(a.random.y) ? "random-effects" : "common-effect") + " estimate " +
                    value_text(reporting(centre, is_ratio(a))) + " with pseudo " + fixed(100 * a.options.level, 0) +
                    "% confidence limits.";
    const std::string c = caption(a);
    return c.empty() ? d : d + " " + c + ".";
}

}  // namespace

std::string funnel_plot_svg(const Analysis& a) {
    if (!a.ok()) return error_svg(a.problem->message);
    const std::vector<const StudyResult*> studies = plotted_studies(a);
    const double centre = centre_of(a);
    if (studies.empty() || !std::isfinite(centre)) return error_svg("no study has an estimable effect and variance");
    const double z = normal_quantile(1 - (1 - a.options.level) / 2);
    const Frame f = make_frame(a, studies, centre, z);
    std::string out = open_svg(kHeight, std::string("Funnel plot (") + measure_name(a.options.measure) + ")",
                               description(a, studies.size(), centre));
    put_limits(out, f, centre, z);
    put_line(out, "funnel-center", f.px(reporting(centre, f.ratio)), kPlotTop, f.px(reporting(centre, f.ratio)),
             kPlotBottom, "stroke=\"#000\" stroke-width=\"1\"");
    const TrimAndFill& t = a.small_study.trim_and_fill;
    if (t.computed && t.k0 > 0 && std::isfinite(t.y)) {
        const double x = f.px(reporting(t.y, f.ratio));
        put_line(out, "funnel-adjusted", x, kPlotTop, x, kPlotBottom,
                 "stroke=\"#777\" stroke-width=\"1\" stroke-dasharray=\"2 2\"");
    }
    put_axes(out, f, a.options.measure);
    for (const StudyResult* s : studies) put_point(out, f, "funnel-point", s->y, s->se, study_title(*s, a), false);
    for (const FilledStudy& fs : t.filled) put_point(out, f, "funnel-filled", fs.y, fs.se, filled_title(fs, a), true);
    const std::vector<std::string> lines = caption_lines(a);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        put_text(out, "funnel-caption", kPlotLeft, kHeight - 28 + 16 * static_cast<double>(i), "start", lines[i],
                 " font-size=\"11\"");
    }
    return out + "</svg>\n";
}

}  // namespace metapool
