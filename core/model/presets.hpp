// "Compute it as tool X": named presets that set every convention in which
// metafor, RevMan 5, RevMan Web, R's meta and Stata differ, and the option
// keys of the single conventions. The sources of each preset's values are in
// presets.cpp and in the README ("Presets").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/options.hpp"
#include "model/problem.hpp"
#include "output/json_writer.hpp"

namespace metapool {

// The preset names, in the order the page lists them.
const std::vector<std::string>& preset_names();

// What the page shows of a preset: the entry of its control's list, its
// name in the lines that say how a result was computed ("Computed as
// RevMan Web"), and one sentence on what it computes.
struct PresetWords {
    std::string_view label;
    std::string_view title;
    std::string_view explain;
};

// The words of preset `name`; "" stands for no preset (metapool's defaults),
// an unknown name gets empty words.
PresetWords preset_words(std::string_view name);

// The preset names as the messages list them: "metafor, revman5, ...".
std::string preset_list();

// Sets every convention of preset `name` (and records it in `preset`); the
// measure, the common-effect method, the level and the extra analyses are
// left as they are. Refused with a message naming the presets.
std::optional<Problem> apply_preset(Options& options, std::string_view name);

// True when the conventions of `options` are exactly those of its preset
// (false after a later option changed one; true without a preset).
bool preset_unchanged(const Options& options);

// "conventions": every convention in force, with option spellings.
void write_conventions(JsonWriter& json, const Options& options);

}  // namespace metapool
