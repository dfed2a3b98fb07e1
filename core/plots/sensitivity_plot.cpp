// Plots of the leave-one-out (e.g. Viechtbauer & Cheung 2010, Res Synth
// Methods 1:112) and cumulative meta-analysis (Lau et al. 1992, N Engl J Med
// 327:248), drawn like metafor's forest() of leave1out() and cumul() output:
// a row per step with the pooled estimate (a square) and its confidence
// interval (a line), the number of studies pooled, the estimate [CI] and I²
// as text; a solid line at no effect and a dashed reference line at the
// pooled estimate of the full analysis (same model).
//
// Row labels: "Omitting <study>" (leave-one-out); "+ <study> (<year>)" in the
// order of the cumulative analysis (the year only with a year column, and
// not when the label already contains it). A step whose estimate or interval
// could not be computed (no study left, or a t interval on 0 df) keeps its
// row, with "not estimable" in place of the marks.
//
// Class names (stable):
//   sensitivity-plot leave-one-out|cumulative   the root <svg>
//   plot-title        <text> what is plotted and which model
//   header            <g> of the column headings
//   step-row          <g> per step, in the order of the analysis; also
//                     "not-estimable" when it has no marks
//   step-label step-k estimate i2   <text> cells of a row (a cut label holds
//                     the full one in a <title> child)
//   step-box          <rect> the step's estimate (when inside the axis)
//   step-ci           <line> its confidence interval
//   ci-arrow          <path> where an interval runs beyond the axis
//   not-estimable-text  <text> in place of the marks
//   null-line         <line> no effect
//   reference-line    <line> the full analysis' pooled estimate (dashed),
//                     absent when the full analysis has none
//   axis              <g> axis-line, a "tick" <g> per tick, axis-title
//   caption           <text> what the reference line is
//   error             <text> why there is no plot
// Presentation attributes only (no <style>), black and grey, the system font
// stack; the output depends on nothing but the analysis.
#include "plots/sensitivity_plot.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "output/decimal_format.hpp"
#include "plots/plot_axis.hpp"
#include "plots/plot_text.hpp"
#include "plots/svg_shapes.hpp"
#include "plots/svg_text.hpp"

namespace metapool {

namespace {

// The plots' shared shapes and number texts, unqualified.
using namespace svg_shapes;
using namespace plot_text;

// ---- Layout (pixels) --------------------------------------------------------

constexpr double kWidth = 800;
constexpr double kTitleY = 18, kHeaderY = 42, kHeaderRule = 50;
constexpr double kTop = 54;  // top of the first row
constexpr double kRow = 20;
constexpr double kLabelX = 10, kKRight = 300;
constexpr double kPlotLeft = 320, kPlotRight = 560;
constexpr double kEstimateRight = 730, kI2Right = 790;
constexpr double kBox = 8;
constexpr double kRatioWindowDecades = 2;
constexpr double kFractionTolerance = 1e-9;
constexpr std::size_t kLabelChars = 40, kErrorChars = 140;

// ---- Text and numbers (as the forest plot writes them) ----------------------

std::string model_text(const Analysis& a, SensitivityModel model) {
    if (model == SensitivityModel::common_effect) {
        return std::string("common-effect model (") + common_method_name(a.options.method) + ")";
    }
    return "random-effects model (" + to_string(a.options.tau2_method) + (a.options.hksj ? ", HKSJ" : "") + ")";
}

const char* kind_title(SensitivityKind kind) {
    return kind == SensitivityKind::leave_one_out ? "Leave-one-out analysis" : "Cumulative meta-analysis";
}

// ---- What is drawn ----------------------------------------------------------

bool is_ratio(const Analysis& a) { return a.options.measure != Measure::RD; }

struct Interval {
    double estimate = kNaN, lower = kNaN, upper = kNaN;
};

Interval step_interval(const SensitivityStep& s, SensitivityModel model) {
    if (model == SensitivityModel::common_effect) return {s.common_estimate, s.common_ci_lower, s.common_ci_upper};
    return {s.random_estimate, s.random_ci_lower, s.random_ci_upper};
}

Interval full_interval(const Analysis& a, SensitivityModel model) {
    if (model == SensitivityModel::common_effect) return {a.common.estimate, a.common.ci_lower, a.common.ci_upper};
    return {a.random.estimate, a.random.ci_lower, a.random.ci_upper};
}

bool drawable(const Interval& i, bool ratio) {
    return std::isfinite(i.estimate) && std::isfinite(i.lower) && std::isfinite(i.upper) &&
           (!ratio || (i.estimate > 0 && i.lower > 0 && i.upper > 0));
}

bool drawable_point(double x, bool ratio) { return std::isfinite(x) && (!ratio || x > 0); }

const std::vector<SensitivityStep>& steps_of(const Analysis& a, SensitivityKind kind) {
    return kind == SensitivityKind::leave_one_out ? a.leave_one_out : a.cumulative;
}

// The study's label as the forest plot shows it ("Study N" when empty).
std::string study_name(const Analysis& a, const SensitivityStep& s) {
    if (!s.label.empty()) return s.label;
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        if (a.studies[i].line == s.line) return "Study " + std::to_string(i + 1);
    }
    return "Study on line " + std::to_string(s.line);
}

std::string row_label(const Analysis& a, const SensitivityStep& s, SensitivityKind kind) {
    const std::string name = study_name(a, s);
    if (kind == SensitivityKind::leave_one_out) return "Omitting " + name;
    const std::string year = std::to_string(s.year);
    if (a.has_year && s.year != 0 && name.find(year) == std::string::npos) return "+ " + name + " (" + year + ")";
    return "+ " + name;
}

// ---- Axis -------------------------------------------------------------------

// Covers no effect, the reference estimate and every step's interval, but
// not beyond two decades of the null and the reference (ratios) or [-1, 1]
// (RD); what runs beyond ends in an arrow.
PlotAxis choose_axis(const Analysis& a, const std::vector<SensitivityStep>& steps, SensitivityModel model,
                     const Interval& full) {
    const bool ratio = is_ratio(a);
    double lo = 0, hi = 0;  // the null, in axis units
    double win_lo = -1, win_hi = 1;
    if (ratio) {
        double c_lo = 0, c_hi = 0;
        if (drawable_point(full.estimate, true)) extend_range(c_lo, c_hi, axis_units(full.estimate, true));
        win_lo = c_lo - kRatioWindowDecades;
        win_hi = c_hi + kRatioWindowDecades;
    }
    if (drawable_point(full.estimate, ratio)) extend_range(lo, hi, axis_units(full.estimate, ratio));
    for (const SensitivityStep& s : steps) {
        const Interval i = step_interval(s, model);
        if (!drawable(i, ratio)) continue;
        extend_range(lo, hi, axis_units(i.lower, ratio));
        extend_range(lo, hi, axis_units(i.upper, ratio));
    }
    return axis_within(lo, hi, win_lo, win_hi, ratio);
}

double x_of(const PlotAxis& axis, double value) {
    const double f = std::max(-1e4, std::min(1e4, axis.fraction(value)));
    return kPlotLeft + f * (kPlotRight - kPlotLeft);
}

double clamp_x(double x) { return std::max(kPlotLeft, std::min(kPlotRight, x)); }

bool inside_axis(const PlotAxis& axis, double value) {
    const double f = axis.fraction(value);
    return f >= -kFractionTolerance && f <= 1 + kFractionTolerance;
}

// ---- Elements ---------------------------------------------------------------

enum class Anchor { Start, Middle, End };

void put_text(std::string& out, const std::string& cls, double x, double y, Anchor anchor, const std::string& raw,
              const std::string& extra = "") {
    out += "<text class=\"" + cls + "\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\"";
    if (anchor == Anchor::Middle) out += " text-anchor=\"middle\"";
    if (anchor == Anchor::End) out += " text-anchor=\"end\"";
    out += extra + ">" + xml_escape(raw) + "</text>\n";
}

// A label cut to max_chars, the full label in a <title> child when cut.
void put_label(std::string& out, const std::string& cls, double x, double y, const std::string& raw,
               std::size_t max_chars) {
    const std::string clean = xml_clean(raw);
    const std::string shown = truncate_utf8(clean, max_chars);
    out += "<text class=\"" + cls + "\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\">";
    if (shown != clean) out += "<title>" + xml_escape(clean) + "</title>";
    out += xml_escape(shown) + "</text>\n";
}

void put_marks(std::string& out, const PlotAxis& axis, const Interval& i, double cy) {
    const double f_lo = axis.fraction(i.lower), f_hi = axis.fraction(i.upper);
    put_line(out, "step-ci", clamp_x(x_of(axis, i.lower)), cy, clamp_x(x_of(axis, i.upper)), cy,
             "stroke=\"#000\" stroke-width=\"1\"");
    if (f_lo < -kFractionTolerance) put_arrow(out, kPlotLeft, cy, true);
    if (f_hi > 1 + kFractionTolerance) put_arrow(out, kPlotRight, cy, false);
    if (!inside_axis(axis, i.estimate)) return;
    const double x = x_of(axis, i.estimate);
    out += "<rect class=\"step-box\" x=\"" + coordinate(x - kBox / 2) + "\" y=\"" + coordinate(cy - kBox / 2) + "\" width=\"" +
           coordinate(kBox) + "\" height=\"" + coordinate(kBox) + "\" fill=\"#444\" stroke=\"#000\"/>\n";
}

void put_row(std::string& out, const Analysis& a, const PlotAxis& axis, const SensitivityStep& s, SensitivityKind kind,
             SensitivityModel model, double top) {
    const bool ratio = is_ratio(a);
    const Interval i = step_interval(s, model);
    const bool shown = drawable(i, ratio);
    const double text_y = top + 14;
    out += std::string("<g class=\"step-row") + (shown ? "" : " not-estimable") + "\">\n";
    put_label(out, "step-label", kLabelX, text_y, row_label(a, s, kind), kLabelChars);
    put_text(out, "step-k", kKRight, text_y, Anchor::End, std::to_string(s.k));
    if (shown) {
        put_text(out, "estimate", kEstimateRight, text_y, Anchor::End, estimate_text(i.estimate, i.lower, i.upper, ratio));
        put_marks(out, axis, i, top + kRow / 2);
    } else {
        put_text(out, "not-estimable-text", kPlotLeft, text_y, Anchor::Start,
                 s.k == 0 ? "not estimable: no study left" : "not estimable",
                 " font-size=\"11\" font-style=\"italic\" fill=\"#555\"");
    }
    if (std::isfinite(s.I2)) put_text(out, "i2", kI2Right, text_y, Anchor::End, fixed(s.I2, 1) + "%");
    out += "</g>\n";
}

void put_header(std::string& out, const Analysis& a, SensitivityKind kind) {
    const Measure m = a.options.measure;
    const std::string bold = " font-weight=\"bold\"";
    out += "<g class=\"header\" font-size=\"11\">\n";
    put_text(out, "column", kLabelX, kHeaderY, Anchor::Start,
             kind == SensitivityKind::leave_one_out ? "Study omitted" : "Study added", bold);
    put_text(out, "column", kKRight, kHeaderY, Anchor::End, "k", bold);
    put_text(out, "axis-title", (kPlotLeft + kPlotRight) / 2, kHeaderY, Anchor::Middle,
             std::string(measure_name(m)) + (is_ratio(a) ? " (log scale)" : ""), bold);
    put_text(out, "column", kEstimateRight, kHeaderY, Anchor::End,
             std::string(measure_abbreviation(m)) + " [" + level_text(a.options.level) + " CI]", bold);
    put_text(out, "column", kI2Right, kHeaderY, Anchor::End, "I\xC2\xB2", bold);
    put_line(out, "rule", kLabelX, kHeaderRule, kI2Right, kHeaderRule, "stroke=\"#999\"");
    out += "</g>\n";
}

void put_axis(std::string& out, const PlotAxis& axis, double axis_y) {
    out += "<g class=\"axis\" font-size=\"11\">\n";
    put_line(out, "axis-line", kPlotLeft, axis_y, kPlotRight, axis_y, "stroke=\"#000\"");
    for (const AxisTick& t : axis.ticks) {
        const double x = x_of(axis, t.value);
        out += "<g class=\"tick\">";
        put_line(out, "tick-mark", x, axis_y, x, axis_y + 5, "stroke=\"#000\"");
        put_text(out, "tick-label", x, axis_y + 17, Anchor::Middle, t.label);
        out += "</g>\n";
    }
    out += "</g>\n";
}

std::string caption_text(const Analysis& a, SensitivityModel model, const Interval& full) {
    const std::string which = model == SensitivityModel::common_effect ? "common-effect" : "random-effects";
    if (!drawable(full, is_ratio(a))) {
        return "The full analysis has no " + which + " estimate: no reference line.";
    }
    return "Dashed line: " + which + " estimate of all " + std::to_string(a.k) +
           (a.k == 1 ? " study, " : " studies, ") + estimate_text(full.estimate, full.lower, full.upper, is_ratio(a)) +
           ". Solid line: no effect.";
}

std::string open_svg(SensitivityKind kind, double height, const std::string& title, const std::string& desc) {
    const std::string id = kind == SensitivityKind::leave_one_out ? "leave-one-out" : "cumulative";
    return svg_shapes::open_svg("sensitivity-plot " + id, id, kWidth, height, title, desc);
}

std::string error_svg(SensitivityKind kind, const std::string& reason) {
    const std::string text = std::string("No ") + (kind == SensitivityKind::leave_one_out ? "leave-one-out" : "cumulative") +
                             " plot: " + reason;
    std::string out = open_svg(kind, 60, std::string(kind_title(kind)) + " not available", text);
    put_label(out, "error", kLabelX, 34, text, kErrorChars);
    return out + "</svg>\n";
}

std::string description(const Analysis& a, SensitivityKind kind, SensitivityModel model, std::size_t steps,
                        const Interval& full) {
    const std::string order = kind == SensitivityKind::leave_one_out ? "each study left out in turn"
                              : a.has_year                           ? "studies added in year order"
                                                                     : "studies added in the order pasted";
    return std::string(kind_title(kind)) + ", " + model_text(a, model) + ": " + std::to_string(steps) +
           (steps == 1 ? " step" : " steps") + " (" + order + "), " + measure_name(a.options.measure) + " with " +
           level_text(a.options.level) + " confidence intervals. " + caption_text(a, model, full);
}

}  // namespace

std::string sensitivity_plot_svg(const Analysis& a, SensitivityKind kind, SensitivityModel model) {
    if (!a.ok()) return error_svg(kind, a.problem->message);
    const bool on = kind == SensitivityKind::leave_one_out ? a.options.leave_one_out : a.options.cumulative;
    if (!on) {
        return error_svg(kind, kind == SensitivityKind::leave_one_out
                                   ? "the leave-one-out analysis was not asked for (option leave-one-out)"
                                   : "the cumulative meta-analysis was not asked for (option cumulative)");
    }
    const std::vector<SensitivityStep>& steps = steps_of(a, kind);
    if (steps.empty()) return error_svg(kind, "no study is included in the analysis");
    const Interval full = full_interval(a, model);
    const PlotAxis axis = choose_axis(a, steps, model, full);
    const double rows_end = kTop + kRow * static_cast<double>(steps.size());
    const double axis_y = rows_end + 6;
    const double height = axis_y + 48;
    std::string out = open_svg(kind, height, std::string(kind_title(kind)) + " (" + measure_name(a.options.measure) + ")",
                               description(a, kind, model, steps.size(), full));
    put_text(out, "plot-title", kLabelX, kTitleY, Anchor::Start,
             std::string(kind_title(kind)) + ": " + model_text(a, model), " font-weight=\"bold\" font-size=\"13\"");
    put_header(out, a, kind);
    const double x_null = x_of(axis, is_ratio(a) ? 1.0 : 0.0);
    put_line(out, "null-line", x_null, kTop, x_null, axis_y, "stroke=\"#000\" stroke-width=\"1\"");
    if (drawable(full, is_ratio(a)) && inside_axis(axis, full.estimate)) {
        const double x = x_of(axis, full.estimate);
        put_line(out, "reference-line", x, kTop, x, axis_y,
                 "stroke=\"#555\" stroke-width=\"1\" stroke-dasharray=\"4 3\"");
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
        put_row(out, a, axis, steps[i], kind, model, kTop + kRow * static_cast<double>(i));
    }
    put_axis(out, axis, axis_y);
    put_text(out, "caption", kLabelX, axis_y + 40, Anchor::Start, caption_text(a, model, full), " font-size=\"11\"");
    return out + "</svg>\n";
}

}  // namespace metapool
