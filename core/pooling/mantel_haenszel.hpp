// Mantel-Haenszel common-effect estimate from the given tables (as pasted,
// or corrected inside the sums: mantel_haenszel_cells()).
#pragma once

#include <vector>

#include "model/options.hpp"
#include "model/pooled_estimate.hpp"
#include "pooling/two_by_two.hpp"

namespace metapool {

PooledEstimate mantel_haenszel(const std::vector<Cells>& tables, Measure measure,
                               MhRdVariance rd_variance = MhRdVariance::SatoGreenlandRobins);

// The MH risk difference as RevMan 5 computes it (option cc-rd variance): the
// estimate and the weights from `point_tables` (as pasted), the variance from
// `variance_tables` (corrected inside the sums) except the square of the
// summed weights, which again comes from `point_tables`.
PooledEstimate mantel_haenszel_rd(const std::vector<Cells>& point_tables, const std::vector<Cells>& variance_tables,
                                  MhRdVariance rd_variance);

}  // namespace metapool
