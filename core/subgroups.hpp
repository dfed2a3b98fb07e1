// Subgroup analysis: the studies split by the table's group column, each
// subgroup pooled on its own, and the test for subgroup differences.
#pragma once

#include <vector>

#include "input/table.hpp"
#include "model/analysis.hpp"

namespace metapool {

// Fills a.subgroups (and adds warnings) for a table with a group column;
// `a` is the finished analysis of the whole table.
void analyse_subgroups(const ParsedTable& table, Analysis& a);

// The test for subgroup differences from the subgroup estimates y_g and
// their standard errors se_g (all finite, se_g > 0); with fewer than 2
// subgroups only `groups` is set.
SubgroupDifferenceTest subgroup_difference_test(const std::vector<double>& y, const std::vector<double>& se);

}  // namespace metapool
