// The forest plot of an Analysis as a standalone SVG document (a string).
// The CLI writes it with --forest FILE.svg and the web page inlines it, so
// both show the same figure. Every label is XML-escaped.
#pragma once

#include <string>

#include "model/analysis.hpp"

namespace metapool {

std::string forest_plot_svg(const Analysis& analysis);

}  // namespace metapool
