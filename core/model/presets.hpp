// "Compute it as tool X": named presets that set every convention in which
// metafor, RevMan 5, RevMan Web, R's meta and Stata differ, and the option
// keys of the single conventions. The sources of each preset's values are in
// presets.cpp and in the README ("Presets").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "output/json_writer.hpp"
#include "model/options.hpp"

namespace metapool {

// The preset names, in the order the page lists them.
const std::vector<std::string>& preset_names();

// Sets every convention of preset `name` (and records it in `preset`); the
// measure, the common-effect method, the level and the extra analyses are
// left as they are. Returns "" or a message naming the presets.
std::string apply_preset(Options& options, std::string_view name);

// Sets one convention from its option key ("cc-mh", "cc-rr", "dl-q", "q", "i2",
// "pi", "hksj-truncate", "tau2-ci", "mh-rd-var", "preset"). `handled` is
// false when `key` is not one of these; the return value is "" or an error.
std::string set_convention(Options& options, std::string_view key, std::string_view value, bool& handled);

// True when the conventions of `options` are exactly those of its preset
// (false after a later option changed one; true without a preset).
bool preset_unchanged(const Options& options);

// "conventions": every convention in force, with option spellings.
void write_conventions(JsonWriter& json, const Options& options);

std::string to_string(RrCorrection c);
std::string to_string(DlQCentre c);
std::string to_string(QCentre c);
std::string to_string(I2Source s);
std::string to_string(PredictionInterval p);
std::string to_string(Tau2Ci c);
std::string to_string(MhRdVariance v);
std::string to_string(RdCorrection c);

}  // namespace metapool
