// The one entry point of the statistics: a parsed table and options in, an
// Analysis out. Never throws for any input; a refusal becomes `problem`
// (model/problem.hpp), other problems `warnings` and per-study
// `excluded_reason`.
#pragma once

#include <string_view>

#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/options.hpp"

namespace metapool {

Analysis analyze(const ParsedTable& table, const Options& options);

// parse_table() followed by analyze().
Analysis analyze_text(std::string_view text, const Options& options);

}  // namespace metapool
