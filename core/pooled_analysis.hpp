// The analysis of one set of rows with no analysis nested inside it: what
// the subgroups and the sensitivity steps run on their rows, and the first
// part of every analysis (analysis_without_checks.hpp adds the rest).
#pragma once

#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/options.hpp"

namespace metapool {

// Fills `a` from `table` under `options`: the studies, the common effect,
// heterogeneity, tau2, random effects and absolute effects. Returns the rows
// pooled (`table`, or its copy in `kept` without the rows reporting another
// measure, which are refused at their line), or nullptr when the analysis
// was refused as a whole (a.problem says why) and nothing more can be computed.
const ParsedTable* analyse_pooled(const ParsedTable& table, const Options& options, ParsedTable& kept, Analysis& a);

// analyse_pooled() as a value.
Analysis pooled_analysis(const ParsedTable& table, const Options& options);

}  // namespace metapool
