// The SVG elements every plot draws alike: a line, and the arrowhead that
// marks an interval running off the axis.
#pragma once

#include <string>

namespace metapool::svg_shapes {

// <line class="cls" x1 y1 x2 y2 style/> appended to out.
void put_line(std::string& out, const std::string& cls, double x1, double y1, double x2, double y2,
              const std::string& style);

// A filled arrowhead (class ci-arrow) with its tip at (x, y), pointing left or right.
void put_arrow(std::string& out, double x, double y, bool pointing_left);

}  // namespace metapool::svg_shapes
