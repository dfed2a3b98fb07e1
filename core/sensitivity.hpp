// Sensitivity analyses that re-run the whole analysis on subsets of the
// table: leave-one-out and cumulative meta-analysis.
#pragma once

#include <vector>

#include "input/table.hpp"
#include "model/analysis.hpp"

namespace metapool {

// One step per study that takes part in the analysis: the analysis of all
// the other rows (as metafor's leave1out()).
std::vector<SensitivityStep> leave_one_out(const ParsedTable& table, const Analysis& full);

// One step per study, in year order when the table has a year column (ties
// in pasted order), else in pasted order: the analysis of the rows up to and
// including it (as metafor's cumul(), with order = year).
std::vector<SensitivityStep> cumulative(const ParsedTable& table, const Analysis& full);

}  // namespace metapool
