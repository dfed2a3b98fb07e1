// Which way of computing reproduces a printed pooled result (a RevMan Total
// or Subtotal block): the block's studies are analysed under every
// configuration metapool has, restricted to what the printed effect header
// says (measure, method, model), and each printed number is compared at its
// printed precision (checks/precision.hpp).
//
// The search space: the metapool defaults and the presets (metafor, RevMan 5,
// RevMan Web, R meta, Stata; core/model/presets.cpp gives each one's source) x the
// measures RR, OR, RD x the methods MH, IV, Peto (OR only) x the common and
// random-effects models; for random effects x the tau2 estimators DL, REML,
// PM, ML, HE, SJ, HS, EB x Wald or HKSJ intervals. One analysis_without_checks() per
// (preset, measure, method, tau2, HKSJ); the common-effect model is read
// from the same analyses.
#pragma once

#include "input/printed.hpp"
#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/options.hpp"
#include "model/source_checks.hpp"

namespace metapool {

struct PooledSearch {
    PooledCheck check;
    bool found = false;        // a best configuration (a match, or the closest) exists
    Options best;              // its options
    bool best_random = false;  // its model
    Analysis best_analysis;    // the block's studies analysed under it (for the per-study weights)
};

// `rows`: the block's studies (all rows for the Total, a subgroup's for its
// Subtotal). `user`: the options of the analysis (level, correction value).
PooledSearch search_pooled(const PrintedPooled& block, const ParsedTable& rows, const PrintedAnalysis& header,
                           const Options& user);

// "RevMan 5, M-H random-effects RR with DL".
std::string describe_configuration(const Options& o, bool random);

}  // namespace metapool
