// Every step of an analysis but the check against the source: what
// analyze() runs before it, and what the checks' own analyses run (so they
// do not check again).
#pragma once

#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/options.hpp"

namespace metapool {

// Fills `a`: the pooled analysis (pooled_analysis.hpp), then leave-one-out
// and cumulative meta-analysis, the subgroups, the small-study tests, as the
// options and the table ask. Returns false when the analysis was refused as
// a whole (a.problem says why).
bool analyse_without_checks(const ParsedTable& table, const Options& options, Analysis& a);

// analyse_without_checks() as a value.
Analysis analysis_without_checks(const ParsedTable& table, const Options& options);

}  // namespace metapool
