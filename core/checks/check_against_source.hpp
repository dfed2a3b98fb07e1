// The entry point of the checks against the source (model/source_checks.hpp
// says what they are). analyze() calls it only when the paste printed
// something (has_printed_numbers); the analyses the checks run themselves
// are analysis_without_checks(), so they never check again.
#pragma once

#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/options.hpp"

namespace metapool {

bool has_printed_numbers(const ParsedTable& table);

SourceChecks check_against_source(const ParsedTable& table, const Analysis& analysis, const Options& options);

}  // namespace metapool
