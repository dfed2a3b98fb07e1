// The forest plot as one standalone SVG document, as in RevMan and metafor:
// a row per study (label, events/total of each arm, estimate [CI] as text,
// common and random-effects weights, a square and its interval), then the
// common-effect and random-effects diamonds, the prediction interval, the
// axis with the line of no effect, "Favours ..." and the heterogeneity line.
//
// Class names (stable: the web page and its browser tests rely on them):
//   forest-plot               the root <svg>
//   header                    <g> of the column headings
//   study-row                 <g> per listed study, in pasted order (with
//                             subgroups, inside its "subgroup" <g>); also
//                             "excluded" (left out of the analysis, with its
//                             reason) or "not-estimable" (in the common
//                             effect, but no estimate of its own)
//   study-label events estimate weight excluded-reason reported
//                             <text> cells of a row ("reported": the effect
//                             a study reported, in place of its counts); a
//                             truncated label holds
//                             the full label in a <title> child (an excluded
//                             study's reason likewise)
//   study-box                 <rect> a study's square: one per included study
//                             with an estimate inside the axis range
//   study-ci                  <line> a study's confidence interval
//   ci-arrow                  <path> arrowhead where an interval (or the
//                             prediction interval) runs beyond the axis
//   pooled-row common|random|prediction   <g> of a pooled row, its label a
//                             "pooled-label" <text>; "estimate" and "weight"
//                             as in study rows
//   diamond common            <polygon> common-effect estimate and CI
//   diamond random            <polygon> random-effects estimate and CI
//   prediction-interval       <path> the prediction interval bar, present
//                             only when both of its limits are finite
//   null-line                 <line> the vertical line of no effect
//   axis                      <g> axis-line <line>, a "tick" <g> per tick
//                             (line and label) and the axis-title
//   favours                   <text> "Favours experimental" / "Favours control"
//   heterogeneity             <text> Q, df, p, I², τ² (absent when Q is NaN)
//   subgroup                  <g> per subgroup, when the table has a group
//                             column: the group's "subgroup-heading" <text>,
//                             its study-row <g>s (in pasted order; groups in
//                             order of first appearance), then the group's
//                             "subtotal common" and "subtotal random" <g>
//                             rows ("subtotal-label", "estimate", "weight":
//                             the sum of its studies' weights), each with a
//                             "subgroup-diamond common|random" <polygon>,
//                             and a "subgroup-heterogeneity" <text>
//   subgroup-test             <text> the tests for subgroup differences
//                             (common and random effects), under the
//                             heterogeneity line
//   error                     <text> why there is no plot (analysis not ok)
//
// Choices: squares have area proportional to the common-effect weight (as
// RevMan does for Mantel-Haenszel), the largest 16 px wide, none under 3 px
// wide; the random weight is used only when a study has no common weight.
// Ratios use a log axis. The axis covers the null, every included study's CI,
// the diamonds and the prediction interval, but not beyond two decades (RR,
// OR) on either side of the null and pooled estimates, or [-1, 1] (RD);
// whatever runs beyond the axis ends in an arrow (a diamond is cut flat).
// Text uses the system font stack and presentation attributes only (no
// <style>, which would leak into the page that inlines the SVG); black and
// grey strokes. Numbers use snprintf with the "C" conventions the core keeps.
#include "plots/forest_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>
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

constexpr double kWidth = 900;
constexpr double kRow = 20;                // every row, whatever k is
constexpr double kHeaderLine1 = 16, kHeaderLine2 = 32, kHeaderRule = 40;
constexpr double kTop = 44;                // top of the first study row
constexpr double kLabelX = 10;
constexpr double kExperimentalRight = 285, kControlRight = 360;
constexpr double kPlotLeft = 380, kPlotRight = 620;
constexpr double kEstimateRight = 775;
constexpr double kWeightCommonRight = 835, kWeightRandomRight = 890;
constexpr double kMaxBox = 16, kMinBox = 3;
constexpr double kDiamondHalfHeight = 6;
constexpr std::size_t kLabelChars = 30, kReasonChars = 62, kErrorChars = 140, kReportedChars = 26;
constexpr double kRatioWindowDecades = 2;

// ---- Text and numbers -------------------------------------------------------

// Markup that is already XML: the only thing put_text() accepts as content,
// so that no unescaped string reaches the document.
struct Xml {
    std::string s;
};

Xml text_node(std::string_view raw) { return {xml_escape(raw)}; }

// A label cut to max_chars, with the full label as a <title> child (hover)
// when it had to be cut.
Xml label_node(std::string_view raw, std::size_t max_chars) {
    const std::string clean = xml_clean(raw);
    const std::string shown = truncate_utf8(clean, max_chars);
    Xml out;
    if (shown != clean) out.s = "<title>" + xml_escape(clean) + "</title>";
    out.s += xml_escape(shown);
    return out;
}

std::string general(double value, int significant) { return printf_general(value, significant); }

std::string p_text(double p) { return p < 0.001 ? "p < 0.001" : "p = " + fixed(p, 3); }

std::string tau2_text(double t) {
    if (t == 0) return "0";
    if (std::fabs(t) < 0.00005) return general(t, 2);
    return fixed(t, 4);
}

// ---- Names (local so that the plot needs nothing beyond the headers) -------

bool is_ratio_measure(Measure m) { return m != Measure::RD; }

std::string common_label(const Analysis& a) {
    return std::string("Common effect (") + common_method_name(a.common.method) + ")";
}

std::string random_label(const Analysis& a) {
    return std::string("Random effects (") + to_string(a.random.tau2_method) + (a.random.hksj ? ", HKSJ" : "") +
           ")";
}

// ---- What is drawn ----------------------------------------------------------

bool finite_interval(double est, double lo, double hi, bool ratio) {
    return std::isfinite(est) && std::isfinite(lo) && std::isfinite(hi) && (!ratio || (est > 0 && lo > 0 && hi > 0));
}

bool has_estimate(const StudyResult& s, bool ratio) {
    return s.included && finite_interval(s.estimate, s.ci_lower, s.ci_upper, ratio);
}

bool has_common(const Analysis& a) {
    return finite_interval(a.common.estimate, a.common.ci_lower, a.common.ci_upper, is_ratio_measure(a.options.measure));
}

bool has_random(const Analysis& a) {
    return finite_interval(a.random.estimate, a.random.ci_lower, a.random.ci_upper, is_ratio_measure(a.options.measure));
}

bool has_prediction(const Analysis& a) {
    const bool ratio = is_ratio_measure(a.options.measure);
    return std::isfinite(a.random.pi_lower) && std::isfinite(a.random.pi_upper) &&
           (!ratio || (a.random.pi_lower > 0 && a.random.pi_upper > 0));
}

// The weight a square's area shows: common, else random, else NaN.
double box_weight(const StudyResult& s) {
    if (std::isfinite(s.weight_common) && s.weight_common > 0) return s.weight_common;
    if (std::isfinite(s.weight_random) && s.weight_random > 0) return s.weight_random;
    return kNaN;
}

// ---- Axis range -------------------------------------------------------------

PlotAxis choose_axis(const Analysis& a) {
    const bool ratio = is_ratio_measure(a.options.measure);
    double lo = 0, hi = 0;  // the null, in axis units
    double win_lo = -1, win_hi = 1;
    if (ratio) {
        double c_lo = 0, c_hi = 0;
        if (has_common(a)) extend_range(c_lo, c_hi, axis_units(a.common.estimate, true));
        if (has_random(a)) extend_range(c_lo, c_hi, axis_units(a.random.estimate, true));
        win_lo = c_lo - kRatioWindowDecades;
        win_hi = c_hi + kRatioWindowDecades;
    }
    for (const StudyResult& s : a.studies) {
        if (!has_estimate(s, ratio)) continue;
        extend_range(lo, hi, axis_units(s.ci_lower, ratio));
        extend_range(lo, hi, axis_units(s.ci_upper, ratio));
    }
    if (has_common(a)) {
        extend_range(lo, hi, axis_units(a.common.ci_lower, ratio));
        extend_range(lo, hi, axis_units(a.common.ci_upper, ratio));
    }
    if (has_random(a)) {
        extend_range(lo, hi, axis_units(a.random.ci_lower, ratio));
        extend_range(lo, hi, axis_units(a.random.ci_upper, ratio));
    }
    if (has_prediction(a)) {
        extend_range(lo, hi, axis_units(a.random.pi_lower, ratio));
        extend_range(lo, hi, axis_units(a.random.pi_upper, ratio));
    }
    for (const SubgroupResult& g : a.subgroups.groups) {
        if (finite_interval(g.common.estimate, g.common.ci_lower, g.common.ci_upper, ratio)) {
            extend_range(lo, hi, axis_units(g.common.ci_lower, ratio));
            extend_range(lo, hi, axis_units(g.common.ci_upper, ratio));
        }
        if (finite_interval(g.random.estimate, g.random.ci_lower, g.random.ci_upper, ratio)) {
            extend_range(lo, hi, axis_units(g.random.ci_lower, ratio));
            extend_range(lo, hi, axis_units(g.random.ci_upper, ratio));
        }
    }
    return axis_within(lo, hi, win_lo, win_hi, ratio);
}

// ---- Geometry ---------------------------------------------------------------

constexpr double kFractionTolerance = 1e-9;

// x of a value; beyond the plot area outside the axis, capped far away.
double x_of(const PlotAxis& axis, double value) {
    const double f = std::max(-1e4, std::min(1e4, axis.fraction(value)));
    return kPlotLeft + f * (kPlotRight - kPlotLeft);
}

struct Span {
    double x1 = 0, x2 = 0;
    bool cut_left = false, cut_right = false;
};

Span span_on_axis(const PlotAxis& axis, double lo, double hi) {
    Span s;
    const double f1 = axis.fraction(lo), f2 = axis.fraction(hi);
    s.cut_left = f1 < -kFractionTolerance;
    s.cut_right = f2 > 1 + kFractionTolerance;
    s.x1 = std::max(kPlotLeft, std::min(kPlotRight, x_of(axis, lo)));
    s.x2 = std::max(kPlotLeft, std::min(kPlotRight, x_of(axis, hi)));
    return s;
}

bool inside_axis(const PlotAxis& axis, double value) {
    const double f = axis.fraction(value);
    return f >= -kFractionTolerance && f <= 1 + kFractionTolerance;
}

using Point = std::pair<double, double>;

Point cut_at_x(const Point& p, const Point& q, double x) {
    const double t = (x - p.first) / (q.first - p.first);
    return {x, p.second + t * (q.second - p.second)};
}

// Sutherland-Hodgman against one vertical line: keeps x >= bound (or <=).
std::vector<Point> clip_polygon(const std::vector<Point>& poly, double bound, bool keep_right) {
    std::vector<Point> out;
    const std::size_t n = poly.size();
    auto inside = [&](const Point& p) { return keep_right ? p.first >= bound : p.first <= bound; };
    for (std::size_t i = 0; i < n; ++i) {
        const Point& cur = poly[i];
        const Point& prev = poly[(i + n - 1) % n];
        if (inside(cur)) {
            if (!inside(prev)) out.push_back(cut_at_x(prev, cur, bound));
            out.push_back(cur);
        } else if (inside(prev)) {
            out.push_back(cut_at_x(prev, cur, bound));
        }
    }
    return out;
}

// ---- Elements ---------------------------------------------------------------

enum class Anchor { Start, Middle, End };

// Appended piece by piece, as svg_shapes' put_line: five or six texts a row.
// The opening tag, up to its '>' (`extra`: more attributes).
void open_text(std::string& out, std::string_view cls, double x, double y, Anchor anchor, std::string_view extra = {}) {
    out += "<text class=\"";
    out += cls;
    out += "\" x=\"";
    append_coordinate(out, x);
    out += "\" y=\"";
    append_coordinate(out, y);
    out += '"';
    if (anchor == Anchor::Middle) out += " text-anchor=\"middle\"";
    if (anchor == Anchor::End) out += " text-anchor=\"end\"";
    out += extra;
    out += '>';
}

void close_text(std::string& out) { out += "</text>\n"; }

void put_text(std::string& out, std::string_view cls, double x, double y, Anchor anchor, const Xml& content,
              std::string_view extra = {}) {
    open_text(out, cls, x, y, anchor, extra);
    out += content.s;
    close_text(out);
}

void put_span_arrows(std::string& out, const Span& s, double y) {
    if (s.cut_left) put_arrow(out, kPlotLeft, y, true);
    if (s.cut_right) put_arrow(out, kPlotRight, y, false);
}

void put_study_marks(std::string& out, const PlotAxis& axis, const StudyResult& s, double cy, double box_side) {
    const Span span = span_on_axis(axis, s.ci_lower, s.ci_upper);
    put_line(out, "study-ci", span.x1, cy, span.x2, cy, "stroke=\"#000\" stroke-width=\"1\"");
    put_span_arrows(out, span, cy);
    if (!inside_axis(axis, s.estimate)) return;
    const double x = x_of(axis, s.estimate);
    out += "<rect class=\"study-box\" x=\"";
    append_coordinate(out, x - box_side / 2);
    out += "\" y=\"";
    append_coordinate(out, cy - box_side / 2);
    out += "\" width=\"";
    append_coordinate(out, box_side);
    out += "\" height=\"";
    append_coordinate(out, box_side);
    out += "\" fill=\"#444\" stroke=\"#000\"/>\n";
}

double box_side(const StudyResult& s, double max_weight) {
    const double w = box_weight(s);
    if (!std::isfinite(w) || !(max_weight > 0)) return kMaxBox / 2;
    return std::max(kMinBox, kMaxBox * std::sqrt(w / max_weight));
}

// A study's label cell: label_node(), but a short label of printable ASCII
// with no markup characters (most of them) straight into `out`.
void put_study_label(std::string& out, const StudyResult& s, std::size_t index, double text_y) {
    open_text(out, "study-label", kLabelX, text_y, Anchor::Start);
    if (s.label.empty()) {
        out += "Study ";
        out += std::to_string(index + 1);
    } else if (s.label.size() <= kLabelChars && plain_xml_text(s.label)) {
        out += s.label;
    } else {
        out += label_node(s.label, kLabelChars).s;
    }
    close_text(out);
}

// "e/n" of an arm, right-aligned at x.
void put_events(std::string& out, double x, double y, double e, double n) {
    open_text(out, "events", x, y, Anchor::End);
    append_fixed(out, e, 0);
    out += '/';
    append_fixed(out, n, 0);
    close_text(out);
}

// "12.3%" right-aligned at x; nothing when w is not finite.
void put_weight(std::string& out, double x, double y, double w) {
    if (!std::isfinite(w)) return;
    open_text(out, "weight", x, y, Anchor::End);
    append_fixed(out, w, 1);
    out += '%';
    close_text(out);
}

// The numbers of a pooled or subtotal row: its estimate's text and the
// weights, each where it is not NaN.
void put_pooled_cells(std::string& out, double y, const std::string& estimate, double w_common, double w_random) {
    put_text(out, "estimate", kEstimateRight, y, Anchor::End, text_node(estimate));
    put_weight(out, kWeightCommonRight, y, w_common);
    put_weight(out, kWeightRandomRight, y, w_random);
}

// The numbers of a study's row, written straight into `out` (their texts are
// digits, signs, brackets and "NA": nothing to escape).
void put_study_cells(std::string& out, const StudyResult& s, double y, bool plotted, bool ratio) {
    if (!s.generic) {
        put_events(out, kExperimentalRight, y, s.e1, s.n1);
        put_events(out, kControlRight, y, s.e2, s.n2);
    }
    if (plotted) {
        open_text(out, "estimate", kEstimateRight, y, Anchor::End);
        append_estimate_text(out, s.estimate, s.ci_lower, s.ci_upper, ratio);
        close_text(out);
    }
    if (s.included) {
        put_weight(out, kWeightCommonRight, y, s.weight_common);
        put_weight(out, kWeightRandomRight, y, s.weight_random);
    }
}

void put_study_row(std::string& out, const Analysis& a, const PlotAxis& axis, std::size_t index, double top,
                   double max_weight) {
    const StudyResult& s = a.studies[index];
    const bool ratio = is_ratio_measure(a.options.measure);
    const bool plotted = has_estimate(s, ratio);
    const double text_y = top + 14, cy = top + kRow / 2;
    out += "<g class=\"study-row";
    if (!s.included) out += " excluded";
    else if (!plotted) out += " not-estimable";
    out += '"';
    if (!s.included) out += " fill=\"#666\"";
    out += ">\n";
    put_study_label(out, s, index, text_y);
    if (s.generic) {  // a reported effect stands where the counts would
        put_text(out, "reported", kControlRight, text_y, Anchor::End, label_node(s.reported, kReportedChars),
                 " font-size=\"10\" fill=\"#555\"");
    }
    put_study_cells(out, s, text_y, plotted, ratio);
    if (plotted) {
        put_study_marks(out, axis, s, cy, box_side(s, max_weight));
    } else {
        const std::string reason = s.included ? s.excluded_reason
                                   : s.excluded_reason.empty() ? std::string("Excluded")
                                                               : "Excluded: " + s.excluded_reason;
        if (!reason.empty()) {
            put_text(out, "excluded-reason", kPlotLeft, text_y, Anchor::Start, label_node(reason, kReasonChars),
                     " font-size=\"11\" font-style=\"italic\" fill=\"#555\" stroke=\"#fff\" stroke-width=\"4\" "
                     "paint-order=\"stroke\"");
        }
    }
    out += "</g>\n";
}

void put_diamond(std::string& out, const PlotAxis& axis, const std::string& cls, double est, double lo, double hi,
                 double cy, const char* fill) {
    std::vector<Point> poly = {{x_of(axis, lo), cy},
                               {x_of(axis, est), cy - kDiamondHalfHeight},
                               {x_of(axis, hi), cy},
                               {x_of(axis, est), cy + kDiamondHalfHeight}};
    poly = clip_polygon(clip_polygon(poly, kPlotLeft, true), kPlotRight, false);
    if (poly.empty()) return;
    out += "<polygon class=\"" + (cls.compare(0, 9, "subgroup-") == 0 ? cls : "diamond " + cls) + "\" points=\"";
    for (std::size_t i = 0; i < poly.size(); ++i) {
        out += (i ? " " : "") + coordinate(poly[i].first) + "," + coordinate(poly[i].second);
    }
    out += std::string("\" fill=\"") + fill + "\" stroke=\"#000\"/>\n";
}

void put_prediction_interval(std::string& out, const PlotAxis& axis, double lo, double hi, double cy) {
    const Span s = span_on_axis(axis, lo, hi);
    std::string d = "M" + coordinate(s.x1) + " " + coordinate(cy) + "H" + coordinate(s.x2);
    if (!s.cut_left) d += "M" + coordinate(s.x1) + " " + coordinate(cy - 4) + "V" + coordinate(cy + 4);
    if (!s.cut_right) d += "M" + coordinate(s.x2) + " " + coordinate(cy - 4) + "V" + coordinate(cy + 4);
    out += "<path class=\"prediction-interval\" d=\"" + d + "\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>\n";
    put_span_arrows(out, s, cy);
}

// ---- Sections ---------------------------------------------------------------

// The rows of one subgroup (tops).
struct SubgroupRows {
    std::size_t group = 0;  // index into a.subgroups.groups
    std::vector<std::size_t> studies;  // its studies, in pasted order
    double heading_y = 0, common_y = 0, random_y = 0, heterogeneity_y = 0;
};

struct Layout {
    std::vector<double> study_top;         // per study, in a.studies order
    std::vector<SubgroupRows> subgroups;   // when the table has a group column
    double common_y = 0, random_y = 0, prediction_y = 0;  // row tops
    double axis_y = 0;
    double height = 0;
    bool heterogeneity = false;
    bool subgroup_test = false;
};

bool has_subgroup_test(const Analysis& a) {
    return a.subgroups.present && (a.subgroups.common.groups >= 2 || a.subgroups.random.groups >= 2);
}

// Studies under their subgroup headings, each subgroup followed by its
// subtotal rows; returns the top of the row after them.
double layout_subgroups(const Analysis& a, Layout& l) {
    double y = kTop;
    std::vector<char> placed(a.studies.size(), false);
    for (std::size_t g = 0; g < a.subgroups.groups.size(); ++g) {
        SubgroupRows rows;
        rows.group = g;
        rows.heading_y = y;
        y += kRow;
        for (std::size_t i = 0; i < a.studies.size(); ++i) {
            if (placed[i] || a.studies[i].group != a.subgroups.groups[g].name) continue;
            placed[i] = true;
            rows.studies.push_back(i);
            l.study_top[i] = y;
            y += kRow;
        }
        rows.common_y = y;
        rows.random_y = y + kRow;
        rows.heterogeneity_y = y + 2 * kRow;
        y += 3 * kRow + 4;
        l.subgroups.push_back(rows);
    }
    for (std::size_t i = 0; i < a.studies.size(); ++i) {  // none, unless built by hand
        if (placed[i]) continue;
        l.study_top[i] = y;
        y += kRow;
    }
    return y;
}

Layout make_layout(const Analysis& a) {
    Layout l;
    l.study_top.assign(a.studies.size(), 0);
    double end = kTop + kRow * static_cast<double>(a.studies.size());
    if (a.subgroups.present) {
        end = layout_subgroups(a, l);
    } else {
        for (std::size_t i = 0; i < a.studies.size(); ++i) l.study_top[i] = kTop + kRow * static_cast<double>(i);
    }
    l.common_y = end + 6;
    l.random_y = l.common_y + kRow;
    l.prediction_y = l.random_y + kRow;
    const double pooled_end = has_prediction(a) ? l.prediction_y + kRow : l.random_y + kRow;
    l.axis_y = pooled_end + 6;
    l.heterogeneity = std::isfinite(a.heterogeneity.Q);
    l.subgroup_test = has_subgroup_test(a);
    l.height = l.axis_y + (l.heterogeneity ? 62 : 44) + (l.subgroup_test ? 16 : 0);
    return l;
}

void put_header(std::string& out, const Analysis& a) {
    const Measure m = a.options.measure;
    const std::string bold = " font-weight=\"bold\"";
    out += "<g class=\"header\" font-size=\"11\">\n";
    put_text(out, "column-group", kExperimentalRight, kHeaderLine1, Anchor::End, text_node("Experimental"), bold);
    put_text(out, "column-group", kControlRight, kHeaderLine1, Anchor::End, text_node("Control"), bold);
    put_text(out, "column-group", (kWeightCommonRight - 38 + kWeightRandomRight) / 2, kHeaderLine1, Anchor::Middle,
             text_node("Weight"), bold);
    put_text(out, "column", kLabelX, kHeaderLine2, Anchor::Start, text_node("Study"), bold);
    put_text(out, "column", kExperimentalRight, kHeaderLine2, Anchor::End, text_node("Events/Total"));
    put_text(out, "column", kControlRight, kHeaderLine2, Anchor::End, text_node("Events/Total"));
    put_text(out, "axis-title", (kPlotLeft + kPlotRight) / 2, kHeaderLine2, Anchor::Middle,
             text_node(std::string(measure_name(m)) + (is_ratio_measure(m) ? " (log scale)" : "")), bold);
    put_text(out, "column", kEstimateRight, kHeaderLine2, Anchor::End,
             text_node(std::string(measure_abbreviation(m)) + " [" + level_text(a.options.level) + " CI]"), bold);
    put_text(out, "column", kWeightCommonRight, kHeaderLine2, Anchor::End, text_node("Common"));
    put_text(out, "column", kWeightRandomRight, kHeaderLine2, Anchor::End, text_node("Random"));
    put_line(out, "rule", kLabelX, kHeaderRule, kWeightRandomRight, kHeaderRule, "stroke=\"#999\"");
    out += "</g>\n";
}

double max_box_weight(const Analysis& a) {
    const bool ratio = is_ratio_measure(a.options.measure);
    double max_weight = 0;
    for (const StudyResult& s : a.studies) {
        if (has_estimate(s, ratio) && std::isfinite(box_weight(s))) max_weight = std::max(max_weight, box_weight(s));
    }
    return max_weight;
}

// The study rows not drawn under a subgroup heading (all of them without
// subgroups), in pasted order.
void put_studies(std::string& out, const Analysis& a, const PlotAxis& axis, const Layout& l) {
    const double max_weight = max_box_weight(a);
    std::vector<char> grouped(a.studies.size(), false);
    for (const SubgroupRows& rows : l.subgroups) {
        for (std::size_t i : rows.studies) grouped[i] = true;
    }
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        if (!grouped[i]) put_study_row(out, a, axis, i, l.study_top[i], max_weight);
    }
}

// The overall common-effect or random-effects row: its label, the estimate
// with its CI, 100.0% in the model's weight column and the diamond (black
// for the common effect, white for random effects).
void put_pooled_row(std::string& out, const Analysis& a, const PlotAxis& axis, double top, bool random) {
    const bool ratio = is_ratio_measure(a.options.measure), shown = random ? has_random(a) : has_common(a);
    const double est = random ? a.random.estimate : a.common.estimate;
    const double lo = random ? a.random.ci_lower : a.common.ci_lower;
    const double hi = random ? a.random.ci_upper : a.common.ci_upper;
    const std::string kind = random ? "random" : "common";
    const double weight = shown ? 100.0 : kNaN;
    out += "<g class=\"pooled-row " + kind + "\">\n";
    put_text(out, "pooled-label", kLabelX, top + 14, Anchor::Start, text_node(random ? random_label(a) : common_label(a)),
             " font-weight=\"bold\"");
    put_pooled_cells(out, top + 14, shown ? estimate_text(est, lo, hi, ratio) : "not estimable", random ? kNaN : weight,
                     random ? weight : kNaN);
    if (shown) put_diamond(out, axis, kind, est, lo, hi, top + kRow / 2, random ? "#fff" : "#000");
    out += "</g>\n";
}

void put_prediction_row(std::string& out, const Analysis& a, const PlotAxis& axis, double top) {
    if (!has_prediction(a)) return;
    const RandomEffects& r = a.random;
    out += "<g class=\"pooled-row prediction\">\n";
    put_text(out, "pooled-label", kLabelX, top + 14, Anchor::Start, text_node("Prediction interval"));
    put_text(out, "estimate", kEstimateRight, top + 14, Anchor::End,
             text_node(interval_text(r.pi_lower, r.pi_upper, is_ratio_measure(a.options.measure))));
    put_prediction_interval(out, axis, r.pi_lower, r.pi_upper, top + kRow / 2);
    out += "</g>\n";
}

double null_value(const Analysis& a) { return is_ratio_measure(a.options.measure) ? 1.0 : 0.0; }

// Drawn before the studies and diamonds, so that it passes behind them.
void put_null_line(std::string& out, const Analysis& a, const PlotAxis& axis, const Layout& l) {
    const double x_null = x_of(axis, null_value(a));
    put_line(out, "null-line", x_null, kTop, x_null, l.axis_y, "stroke=\"#000\" stroke-width=\"1\"");
}

void put_axis(std::string& out, const Analysis& a, const PlotAxis& axis, const Layout& l) {
    const double x_null = x_of(axis, null_value(a));
    out += "<g class=\"axis\" font-size=\"11\">\n";
    put_line(out, "axis-line", kPlotLeft, l.axis_y, kPlotRight, l.axis_y, "stroke=\"#000\"");
    for (const AxisTick& t : axis.ticks) {
        const double x = x_of(axis, t.value);
        out += "<g class=\"tick\">";
        put_line(out, "tick-mark", x, l.axis_y, x, l.axis_y + 5, "stroke=\"#000\"");
        put_text(out, "tick-label", x, l.axis_y + 17, Anchor::Middle, text_node(t.label));
        out += "</g>\n";
    }
    out += "</g>\n";
    put_text(out, "favours", x_null - 8, l.axis_y + 32, Anchor::End, text_node("Favours experimental"),
             " font-size=\"11\"");
    put_text(out, "favours", x_null + 8, l.axis_y + 32, Anchor::Start, text_node("Favours control"),
             " font-size=\"11\"");
}

std::string heterogeneity_text(const Heterogeneity& h) {
    std::string q = "Q = " + fixed(h.Q, 2);
    if (std::isfinite(h.df)) q += ", df = " + fixed(h.df, 0);
    if (std::isfinite(h.p)) q += ", " + p_text(h.p);
    std::string out = "Heterogeneity: " + q;
    if (std::isfinite(h.I2)) out += "; I\xC2\xB2 = " + fixed(h.I2, 1) + "%";
    if (std::isfinite(h.tau2)) out += "; \xCF\x84\xC2\xB2 = " + tau2_text(h.tau2);
    return out;
}

void put_heterogeneity(std::string& out, const Analysis& a, const Layout& l) {
    if (!l.heterogeneity) return;
    put_text(out, "heterogeneity", kLabelX, l.axis_y + 52, Anchor::Start, text_node(heterogeneity_text(a.heterogeneity)),
             " font-size=\"11\"");
}

// ---- Subgroups ---------------------------------------------------------------

// The sum of a subgroup's included weights; NaN when none is finite.
double weight_sum(const Analysis& a, const std::string& group, double StudyResult::*field) {
    double sum = 0;
    bool any = false;
    for (const StudyResult& s : a.studies) {
        if (!s.included || s.group != group || !std::isfinite(s.*field)) continue;
        sum += s.*field;
        any = true;
    }
    return any ? sum : kNaN;
}

void put_subtotal_row(std::string& out, const Analysis& a, const PlotAxis& axis, const SubgroupResult& g, bool random,
                      double top) {
    const bool ratio = is_ratio_measure(a.options.measure);
    const double est = random ? g.random.estimate : g.common.estimate;
    const double lo = random ? g.random.ci_lower : g.common.ci_lower;
    const double hi = random ? g.random.ci_upper : g.common.ci_upper;
    const bool shown = finite_interval(est, lo, hi, ratio);
    const double w = weight_sum(a, g.name, random ? &StudyResult::weight_random : &StudyResult::weight_common);
    out += std::string("<g class=\"subtotal ") + (random ? "random" : "common") + "\">\n";
    put_text(out, "subtotal-label", kLabelX + 10, top + 14, Anchor::Start,
             text_node(random ? "Subtotal, random effects" : "Subtotal, common effect"), " font-size=\"11\"");
    put_pooled_cells(out, top + 14, shown ? estimate_text(est, lo, hi, ratio) : "not estimable", random ? kNaN : w,
                     random ? w : kNaN);
    if (shown) {
        put_diamond(out, axis, random ? "subgroup-diamond random" : "subgroup-diamond common", est, lo, hi,
                    top + kRow / 2, random ? "#fff" : "#000");
    }
    out += "</g>\n";
}

// Each subgroup in display order: its heading, its studies, its subtotals.
void put_subgroups(std::string& out, const Analysis& a, const PlotAxis& axis, const Layout& l) {
    const double max_weight = max_box_weight(a);
    for (const SubgroupRows& rows : l.subgroups) {
        const SubgroupResult& g = a.subgroups.groups[rows.group];
        out += "<g class=\"subgroup\">\n";
        put_text(out, "subgroup-heading", kLabelX, rows.heading_y + 14, Anchor::Start, label_node(g.name, kReasonChars),
                 " font-weight=\"bold\" font-style=\"italic\"");
        for (std::size_t i : rows.studies) put_study_row(out, a, axis, i, l.study_top[i], max_weight);
        if (g.ok()) {
            put_subtotal_row(out, a, axis, g, false, rows.common_y);
            put_subtotal_row(out, a, axis, g, true, rows.random_y);
            if (std::isfinite(g.heterogeneity.Q)) {
                put_text(out, "subgroup-heterogeneity", kLabelX + 10, rows.heterogeneity_y + 14, Anchor::Start,
                         text_node(heterogeneity_text(g.heterogeneity)), " font-size=\"11\"");
            }
        } else {
            put_text(out, "excluded-reason", kLabelX + 10, rows.common_y + 14, Anchor::Start,
                     label_node(g.problem->message, kErrorChars), " font-size=\"11\" font-style=\"italic\" fill=\"#555\"");
        }
        out += "</g>\n";
    }
}

std::string difference_test_text(const char* model, const SubgroupDifferenceTest& t) {
    if (t.groups < 2) return std::string(model) + " not computed";
    return std::string(model) + " Q = " + fixed(t.Q, 2) + ", df = " + fixed(t.df, 0) + ", " + p_text(t.p) +
           " (I\xC2\xB2 = " + fixed(t.I2, 1) + "%)";
}

void put_subgroup_test(std::string& out, const Analysis& a, const Layout& l) {
    if (!l.subgroup_test) return;
    const std::string text = "Test for subgroup differences: " + difference_test_text("common effect", a.subgroups.common) +
                             "; " + difference_test_text("random effects", a.subgroups.random);
    put_text(out, "subgroup-test", kLabelX, l.axis_y + (l.heterogeneity ? 68 : 52), Anchor::Start, text_node(text),
             " font-size=\"11\"");
}

// ---- Document ---------------------------------------------------------------

std::string summary(const Analysis& a) {
    const Measure m = a.options.measure;
    const bool ratio = is_ratio_measure(m);
    std::string s = "Forest plot of " + std::to_string(a.k) + (a.k == 1 ? " study" : " studies") + ": " +
                    measure_name(m) + " with " + level_text(a.options.level) + " confidence intervals.";
    if (has_common(a)) {
        s += " " + common_label(a) + ": " + estimate_text(a.common.estimate, a.common.ci_lower, a.common.ci_upper, ratio) + ".";
    }
    if (has_random(a)) {
        s += " " + random_label(a) + ": " + estimate_text(a.random.estimate, a.random.ci_lower, a.random.ci_upper, ratio);
        if (has_prediction(a)) s += ", prediction interval " + interval_text(a.random.pi_lower, a.random.pi_upper, ratio);
        s += ".";
    }
    if (std::isfinite(a.heterogeneity.I2)) s += " I\xC2\xB2 = " + fixed(a.heterogeneity.I2, 1) + "%.";
    std::size_t excluded = 0;
    for (const StudyResult& st : a.studies) excluded += st.included ? 0 : 1;
    if (excluded) s += " " + std::to_string(excluded) + (excluded == 1 ? " study" : " studies") + " excluded.";
    if (a.subgroups.present) {
        s += " " + std::to_string(a.subgroups.groups.size()) + (a.subgroups.groups.size() == 1 ? " subgroup." : " subgroups.");
        if (has_subgroup_test(a)) {
            s += " Test for subgroup differences: " + difference_test_text("common effect", a.subgroups.common) + "; " +
                 difference_test_text("random effects", a.subgroups.random) + ".";
        }
    }
    return s;
}

std::string open_svg(double height, const std::string& title, const std::string& desc) {
    return svg_shapes::open_svg("forest-plot", "forest", kWidth, height, title, desc);
}

std::string error_svg(const Analysis& a) {
    const std::string& reason = a.problem->message;
    std::string out = open_svg(60, "Forest plot not available", "No forest plot: " + reason);
    put_text(out, "error", kLabelX, 34, Anchor::Start, label_node("No forest plot: " + reason, kErrorChars));
    return out + "</svg>\n";
}

}  // namespace

std::string forest_plot_svg(const Analysis& analysis) {
    if (!analysis.ok()) return error_svg(analysis);
    const PlotAxis axis = choose_axis(analysis);
    const Layout layout = make_layout(analysis);
    std::string out = open_svg(layout.height, std::string("Forest plot (") + measure_name(analysis.options.measure) + ")",
                               summary(analysis));
    // Room for the whole plot at once (a study's row is some 650 bytes):
    // growing it step by step copied it a dozen times at 1,000 studies.
    out.reserve(out.size() + 4096 + 768 * analysis.studies.size());
    put_header(out, analysis);
    put_null_line(out, analysis, axis, layout);
    put_studies(out, analysis, axis, layout);
    put_subgroups(out, analysis, axis, layout);
    put_pooled_row(out, analysis, axis, layout.common_y, false);
    put_pooled_row(out, analysis, axis, layout.random_y, true);
    put_prediction_row(out, analysis, axis, layout.prediction_y);
    put_axis(out, analysis, axis, layout);
    put_heterogeneity(out, analysis, layout);
    put_subgroup_test(out, analysis, layout);
    out += "</svg>\n";
    return out;
}

}  // namespace metapool
