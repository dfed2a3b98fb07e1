// Per-study check: does each row's printed effect, CI, weight and arm
// percentages follow from its counts? The effect is recomputed under the
// source's conventions: RevMan 5 adds 0.5 to every cell of a study with a
// zero cell (Deeks & Higgins, "Statistical algorithms in Review Manager 5",
// 2010; Cochrane Handbook 5.1, 9.4.4), as the analysis the pooled search
// chose does; the weight is the percent of the total weight under the
// printed model (RevMan prints a study's share of the Total's weight).
#pragma once

#include <vector>

#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/source_checks.hpp"

namespace metapool {

// `reference`: the studies analysed under the configuration the pooled
// check chose (or the user's options); `random`: its model. `within_group`:
// when subgroups were printed, each subgroup's own analysis (a source that
// prints weights within subgroups), else empty.
StudyCheck check_study(const StudyRow& row, const StudyResult* reference, bool random,
                       const StudyResult* within_group);

}  // namespace metapool
