// Begg and Mazumdar's rank correlation test for funnel plot asymmetry.
#pragma once

#include <vector>

#include "small_study/small_study_effects.hpp"

namespace metapool {

// Effects y and variances v (analysis scale) of at least 2 studies.
RankCorrelation rank_correlation_test(const std::vector<double>& y, const std::vector<double>& v);

}  // namespace metapool
