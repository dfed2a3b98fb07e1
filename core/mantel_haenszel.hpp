// Mantel-Haenszel common-effect estimate from the given tables (as pasted,
// or corrected inside the sums: mantel_haenszel_cells()).
#pragma once

#include <vector>

#include "options.hpp"
#include "pooled_estimate.hpp"
#include "two_by_two.hpp"

namespace metapool {

PooledEstimate mantel_haenszel(const std::vector<Cells>& tables, Measure measure,
                               MhRdVariance rd_variance = MhRdVariance::SatoGreenlandRobins);

}  // namespace metapool
