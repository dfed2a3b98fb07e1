// Begg and Mazumdar's rank correlation test for funnel plot asymmetry.
#pragma once

#include <vector>

#include "model/small_study_result.hpp"

namespace metapool {

// Effects y and variances v (analysis scale) of at least 2 studies.
RankCorrelation rank_correlation_test(const std::vector<double>& y, const std::vector<double>& v);

}  // namespace metapool
