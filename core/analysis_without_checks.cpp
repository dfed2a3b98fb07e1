// The analyses nested inside one (leave-one-out, cumulative, subgroups: each
// a pooled analysis of some of the rows) and the small-study tests, on top
// of the pooled analysis of all the rows.
#include "analysis_without_checks.hpp"

#include <string>

#include "pooled_analysis.hpp"
#include "sensitivity.hpp"
#include "small_study/small_study_effects.hpp"
#include "subgroups.hpp"

namespace metapool {

bool analyse_without_checks(const ParsedTable& table, const Options& options, Analysis& a) {
    ParsedTable kept;
    const ParsedTable* pooled = analyse_pooled(table, options, kept, a);
    if (pooled == nullptr) return false;
    const ParsedTable& rows = *pooled;
    if (options.leave_one_out) a.leave_one_out = leave_one_out(rows, a);
    if (options.cumulative) a.cumulative = cumulative(rows, a);
    if (rows.has_subgroups() && a.ok()) analyse_subgroups(rows, a);
    if (options.small_study && a.ok()) {
        a.small_study = small_study_effects(a);
        if (a.random.k < 10) {
            a.warnings.push_back("tests for funnel asymmetry have low power with fewer than 10 studies" +
                                 std::string(a.random.k < 3 ? "; the regression tests and trim-and-fill need at least 3" : ""));
        }
    }
    return true;
}

Analysis analysis_without_checks(const ParsedTable& table, const Options& options) {
    Analysis a;
    analyse_without_checks(table, options, a);
    return a;
}

}  // namespace metapool
