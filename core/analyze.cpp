// The whole pipeline of one analysis, each step in its own file:
//   pasted text -> ParsedTable (input/parse_table, for analyze_text)
//   -> per-study tables, continuity correction and effect sizes
//   -> the common effect (Mantel-Haenszel, inverse variance or Peto)
//   -> heterogeneity (Q, I2, H2) -> tau2 and its interval -> random effects
//   -> absolute effects          (these in pooled_analysis, over pooling/)
//   -> leave-one-out and cumulative meta-analysis (sensitivity)
//   -> subgroups and the test for subgroup differences (subgroups)
//   -> the small-study tests     (small_study/; these in analysis_without_checks)
//   -> the check against a pasted source's printed numbers (checks/), only
//      when the paste printed some.
// The nested analyses (subgroups, sensitivity steps, the checks' search)
// run the earlier steps only, so none of them checks again.
#include "analyze.hpp"

#include "analysis_without_checks.hpp"
#include "checks/check_against_source.hpp"
#include "input/parse_table.hpp"

namespace metapool {

Analysis analyze(const ParsedTable& table, const Options& options) {
    Analysis a;
    if (analyse_without_checks(table, options, a) && has_printed_numbers(table)) {
        a.checks = check_against_source(table, a, options);
    }
    return a;
}

Analysis analyze_text(std::string_view text, const Options& options) {
    return analyze(parse_table(text), options);
}

}  // namespace metapool
