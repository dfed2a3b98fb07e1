// "What would change under preset X": the same table analysed under every
// preset, for the page to show side by side.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/analysis.hpp"
#include "model/options.hpp"

namespace metapool {

struct PresetAnalysis {
    std::string preset;
    Analysis analysis;
};

// One analysis per preset (preset_names() order). Each starts from `options`
// (measure, common-effect method, level, control risk) with the preset's
// conventions applied on top; leave-one-out and cumulative are not run.
std::vector<PresetAnalysis> compare_presets(std::string_view text, const Options& options);

// {"presets": [{"preset", "ok", "error", "conventions", "common": {...},
//  "random": {...}, "heterogeneity": {...}}]}: the pooled results of every
// preset, with the same field names as the analysis JSON.
std::string compare_presets_json(std::string_view text, const Options& options);

}  // namespace metapool
