// SVG shapes shared by the plots (core/plots/svg_shapes.hpp).
#include "plots/svg_shapes.hpp"

#include "plots/plot_text.hpp"
#include "plots/svg_text.hpp"

namespace metapool::svg_shapes {

namespace {
constexpr double kArrowLength = 6, kArrowHalfWidth = 3.5;
// The system's interface font, so that the plot matches the page around it.
constexpr const char* kFontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
}  // namespace

using plot_text::append_coordinate;
using plot_text::coordinate;

std::string open_svg(const std::string& css_class, const std::string& id_stem, double width, double height,
                     const std::string& title, const std::string& desc) {
    const std::string h = coordinate(height), w = coordinate(width);
    const std::string title_id = id_stem + "-plot-title", desc_id = id_stem + "-plot-desc";
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + css_class + "\" width=\"" + w + "\" height=\"" + h +
           "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-labelledby=\"" + title_id + " " + desc_id +
           "\" font-family=\"" + kFontFamily + "\" font-size=\"12\" fill=\"#000\">\n<title id=\"" + title_id + "\">" +
           xml_escape(title) + "</title>\n<desc id=\"" + desc_id + "\">" + xml_escape(desc) +
           "</desc>\n<rect class=\"background\" width=\"" + w + "\" height=\"" + h + "\" fill=\"#fff\"/>\n";
}

// Appended piece by piece, the numbers straight into `out`: the plots put a
// line or two in every row, and a string of their own for each piece cost an
// allocation each.
void put_line(std::string& out, std::string_view cls, double x1, double y1, double x2, double y2,
              std::string_view style) {
    out += "<line class=\"";
    out += cls;
    out += "\" x1=\"";
    append_coordinate(out, x1);
    out += "\" y1=\"";
    append_coordinate(out, y1);
    out += "\" x2=\"";
    append_coordinate(out, x2);
    out += "\" y2=\"";
    append_coordinate(out, y2);
    out += "\" ";
    out += style;
    out += "/>\n";
}

void put_arrow(std::string& out, double x, double y, bool pointing_left) {
    const double back = pointing_left ? x + kArrowLength : x - kArrowLength;
    out += "<path class=\"ci-arrow\" d=\"M";
    append_coordinate(out, x);
    out += ' ';
    append_coordinate(out, y);
    out += 'L';
    append_coordinate(out, back);
    out += ' ';
    append_coordinate(out, y - kArrowHalfWidth);
    out += 'L';
    append_coordinate(out, back);
    out += ' ';
    append_coordinate(out, y + kArrowHalfWidth);
    out += "Z\" fill=\"#000\"/>\n";
}

}  // namespace metapool::svg_shapes
