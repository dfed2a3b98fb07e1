// The funnel plot of an Analysis as a standalone SVG document (a string),
// with the studies of the random-effects model and trim-and-fill's filled
// studies. Every label is XML-escaped.
#pragma once

#include <string>

#include "model/analysis.hpp"

namespace metapool {

std::string funnel_plot_svg(const Analysis& analysis);

}  // namespace metapool
