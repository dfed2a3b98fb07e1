// SVG shapes shared by the plots (core/plots/svg_shapes.hpp).
#include "plots/svg_shapes.hpp"

#include "plots/plot_text.hpp"

namespace metapool::svg_shapes {

namespace {
constexpr double kArrowLength = 6, kArrowHalfWidth = 3.5;
}  // namespace

using plot_text::coordinate;

void put_line(std::string& out, const std::string& cls, double x1, double y1, double x2, double y2,
              const std::string& style) {
    out += "<line class=\"" + cls + "\" x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" + coordinate(x2) +
           "\" y2=\"" + coordinate(y2) + "\" " + style + "/>\n";
}

void put_arrow(std::string& out, double x, double y, bool pointing_left) {
    const double back = pointing_left ? x + kArrowLength : x - kArrowLength;
    out += "<path class=\"ci-arrow\" d=\"M" + coordinate(x) + " " + coordinate(y) + "L" + coordinate(back) + " " +
           coordinate(y - kArrowHalfWidth) + "L" + coordinate(back) + " " + coordinate(y + kArrowHalfWidth) + "Z\" fill=\"#000\"/>\n";
}

}  // namespace metapool::svg_shapes
