// The SVG elements every plot draws alike: the root element with its title
// and background, a line, and the arrowhead that marks an interval running
// off the axis.
#pragma once

#include <string>
#include <string_view>

namespace metapool::svg_shapes {

// The opening of a plot: <svg class="css_class"> of the given size in the
// plots' font, labelled for screen readers by its <title> and <desc> (ids
// "<id_stem>-plot-title" and "<id_stem>-plot-desc"), then a white
// background. The caller closes it with "</svg>".
std::string open_svg(const std::string& css_class, const std::string& id_stem, double width, double height,
                     const std::string& title, const std::string& desc);

// <line class="cls" x1 y1 x2 y2 style/> appended to out.
void put_line(std::string& out, std::string_view cls, double x1, double y1, double x2, double y2,
              std::string_view style);

// A filled arrowhead (class ci-arrow) with its tip at (x, y), pointing left or right.
void put_arrow(std::string& out, double x, double y, bool pointing_left);

}  // namespace metapool::svg_shapes
