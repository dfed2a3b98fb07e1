// Absolute effects for the bedside: risk with the intervention per 1,000,
// the risk difference per 1,000 and the number needed to treat, from the
// pooled relative effect and an assumed control risk.
#pragma once

#include "model/analysis.hpp"

namespace metapool {

// Fills analysis.absolute from the pooled estimates already in `analysis`.
void fill_absolute_effects(Analysis& analysis);

}  // namespace metapool
