// The leave-one-out and cumulative meta-analyses (core/sensitivity.hpp) as
// forest-style SVG documents (strings): one row per step with its pooled
// estimate and confidence interval. The CLI writes them with
// --leave-one-out-plot / --cumulative-plot FILE.svg and the web page inlines
// the same text. Every label is XML-escaped.
#pragma once

#include <string>

#include "model/analysis.hpp"

namespace metapool {

enum class SensitivityKind { leave_one_out, cumulative };

// Which pooled estimate of each step is drawn.
enum class SensitivityModel { random_effects, common_effect };

// The plot of a.leave_one_out or a.cumulative. When the analysis is not ok,
// or the option that computes the steps (options.leave_one_out,
// options.cumulative) is off, the result is a short SVG document whose one
// "error" text says why (never an empty string), so that a caller can always
// show what it gets.
std::string sensitivity_plot_svg(const Analysis& a, SensitivityKind kind,
                                 SensitivityModel model = SensitivityModel::random_effects);

}  // namespace metapool
