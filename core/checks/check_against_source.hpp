// The entry point of the checks against the source (model/source_checks.hpp
// says what they are). analyze() calls it only when the paste printed
// something (has_printed_numbers); the analyses the checks run themselves
// are analysis_without_checks(), so they never check again.
#pragma once

#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/options.hpp"

namespace metapool {

// Runs on every analysis, over every row: inline, so the wasm build compiles
// it with its caller's speed settings, not the checks' size settings.
inline bool has_printed_numbers(const ParsedTable& table) {
    if (table.printed.any()) return true;
    for (const StudyRow& r : table.rows) {
        if (r.printed.any()) return true;
    }
    return false;
}

SourceChecks check_against_source(const ParsedTable& table, const Analysis& analysis, const Options& options);

}  // namespace metapool
