// Mantel-Haenszel common-effect estimate from the uncorrected tables.
#pragma once

#include <vector>

#include "options.hpp"
#include "pooled_estimate.hpp"
#include "two_by_two.hpp"

namespace metapool {

PooledEstimate mantel_haenszel(const std::vector<Cells>& tables, Measure measure);

}  // namespace metapool
