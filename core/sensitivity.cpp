// Leave-one-out (e.g. Viechtbauer & Cheung 2010, Res Synth Methods 1:112) and
// cumulative meta-analysis (Lau et al. 1992, N Engl J Med 327:248): each step
// is a complete analysis with the same options, so every convention
// (continuity correction, double zeros, tau2 estimator, HKSJ) carries over.
// Cost: k analyses of up to k studies.
#include "sensitivity.hpp"

#include <algorithm>
#include <numeric>

#include "model/stable_order.hpp"
#include "pooled_analysis.hpp"

namespace metapool {

namespace {

// A step reports no tau2 interval, so none is computed.
// A step's table shows no tau2 interval: it is not computed.
Options step_options(const Options& full) {
    Options o = inner_analysis_options(full);
    o.tau2_ci = Tau2Ci::None;
    return o;
}

SensitivityStep summarise(const Analysis& a, const StudyRow& row) {
    SensitivityStep s;
    s.label = row.label;
    s.line = row.line;
    s.year = row.year;
    s.k = a.k;
    s.common_estimate = a.common.estimate;
    s.common_ci_lower = a.common.ci_lower;
    s.common_ci_upper = a.common.ci_upper;
    s.common_p = a.common.p;
    s.random_estimate = a.random.estimate;
    s.random_ci_lower = a.random.ci_lower;
    s.random_ci_upper = a.random.ci_upper;
    s.random_p = a.random.p;
    s.tau2 = a.heterogeneity.tau2;
    s.Q = a.heterogeneity.Q;
    s.Q_p = a.heterogeneity.p;
    s.I2 = a.heterogeneity.I2;
    return s;
}

// The order trials are added in: by year when the table has a year column
// (a stable sort: studies of the same year stay in pasted order, as R's
// order() used by metafor's cumul(res, order = year)), else pasted order.
std::vector<std::size_t> cumulation_order(const ParsedTable& table) {
    if (table.year_column > 0) {
        return stable_order(table.rows.size(),
                            [&](std::size_t x, std::size_t y) { return table.rows[x].year < table.rows[y].year; });
    }
    std::vector<std::size_t> order(table.rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    return order;
}

}  // namespace

std::vector<SensitivityStep> leave_one_out(const ParsedTable& table, const Analysis& full) {
    std::vector<SensitivityStep> steps;
    const Options options = step_options(full.options);
    ParsedTable subset;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        if (!full.studies[i].included) continue;
        subset.rows.clear();
        for (std::size_t j = 0; j < table.rows.size(); ++j) {
            if (j != i) subset.rows.push_back(table.rows[j]);
        }
        steps.push_back(summarise(pooled_analysis(subset, options), table.rows[i]));
    }
    return steps;
}

// One step per included trial, pooling every trial added up to it.
std::vector<SensitivityStep> cumulative(const ParsedTable& table, const Analysis& full) {
    const std::vector<std::size_t> order = cumulation_order(table);
    std::vector<SensitivityStep> steps;
    const Options options = step_options(full.options);
    ParsedTable prefix;
    for (std::size_t i : order) {
        prefix.rows.push_back(table.rows[i]);
        if (!full.studies[i].included) continue;
        steps.push_back(summarise(pooled_analysis(prefix, options), table.rows[i]));
    }
    return steps;
}

}  // namespace metapool
