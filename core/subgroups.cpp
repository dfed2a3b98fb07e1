// Subgroup analysis as RevMan reports it (Cochrane Handbook, Deeks, Higgins
// & Altman, version 6.4, 2023, section 10.11.3.1; Borenstein & Higgins 2013,
// Prev Sci 14:134): each subgroup is a complete analysis of its own rows with
// the same options (common effect, Q, I2, tau2 and random effects within the
// subgroup, so each subgroup has its own tau2), and the test for subgroup
// differences treats the G subgroup estimates as a meta-analysis of G
// studies: inverse-variance weights w_g = 1 / se_g^2, Q = sum w_g (y_g -
// y_bar)^2 on G - 1 degrees of freedom, I2 = (Q - df) / Q. The test is made
// for the common-effect estimates (Mantel-Haenszel, inverse variance or Peto,
// with their own standard errors) and for the random-effects estimates (with
// the standard error in use, HKSJ's when on), as R's meta computes Q.b
// (`subgroup()`: `metagen(TE.w, seTE.w)$Q`). With a common tau2 instead,
// metafor's rma(yi, vi, mods = ~ group) gives a different random-effects
// test; that model is not computed here.
#include "subgroups.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>

#include "pooled_analysis.hpp"
#include "pooling/distributions.hpp"
#include "pooling/inverse_variance.hpp"

namespace metapool {

namespace {

// Names compared ignoring ASCII case and spaces, for the warning only.
std::string loose_key(const std::string& s) {
    std::string k;
    for (char c : s) {
        if (c == ' ' || c == '\t') continue;
        k += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return k;
}

SubgroupResult summarise(const std::string& name, int rows, const Analysis& g) {
    SubgroupResult r;
    r.name = name;
    r.rows = rows;
    r.k = g.k;
    r.problem = g.problem;
    r.common = g.common;
    r.random = g.random;
    r.heterogeneity = g.heterogeneity;
    return r;
}

bool usable(double y, double se) { return std::isfinite(y) && std::isfinite(se) && se > 0; }

}  // namespace

SubgroupDifferenceTest subgroup_difference_test(const std::vector<double>& y, const std::vector<double>& se) {
    SubgroupDifferenceTest t;
    t.groups = static_cast<int>(y.size());
    if (t.groups < 2) return t;
    std::vector<double> v;
    for (double s : se) v.push_back(s * s);
    const PooledEstimate pooled = inverse_variance(y, v);
    t.Q = cochran_q(y, v, pooled.y);
    t.df = t.groups - 1;
    t.p = chi_squared_upper_p(t.Q, t.df);
    t.I2 = t.Q > 0 ? 100 * std::max(0.0, (t.Q - t.df) / t.Q) : 0;
    return t;
}

void analyse_subgroups(const ParsedTable& table, Analysis& a) {
    SubgroupAnalysis& out = a.subgroups;
    out.present = true;
    std::vector<ParsedTable> subsets;
    std::vector<std::string> names;
    std::unordered_map<std::string, std::size_t> index;
    for (const StudyRow& r : table.rows) {
        const auto found = index.emplace(r.group, names.size());
        if (found.second) {
            names.push_back(r.group);
            subsets.emplace_back();
        }
        subsets[found.first->second].rows.push_back(r);
    }
    const Options options = inner_analysis_options(a.options);
    std::vector<double> common_y, common_se, random_y, random_se;
    std::unordered_map<std::string, std::size_t> loose;
    for (std::size_t g = 0; g < names.size(); ++g) {
        const Analysis sub = pooled_analysis(subsets[g], options);
        out.groups.push_back(summarise(names[g], static_cast<int>(subsets[g].rows.size()), sub));
        if (usable(sub.common.y, sub.common.se)) {
            common_y.push_back(sub.common.y);
            common_se.push_back(sub.common.se);
        }
        if (usable(sub.random.y, sub.random.se)) {
            random_y.push_back(sub.random.y);
            random_se.push_back(sub.random.se);
        }
        if (!sub.ok()) {
            a.warnings.push_back("subgroup '" + names[g] + "': " + sub.problem->message +
                                 "; it is left out of the test for subgroup differences");
        }
        const auto twin = loose.emplace(loose_key(names[g]), g);
        if (!twin.second) {
            a.warnings.push_back("subgroups '" + names[twin.first->second] + "' and '" + names[g] +
                                 "' differ only in case or spaces; they are analysed as different subgroups");
        }
    }
    out.common = subgroup_difference_test(common_y, common_se);
    out.random = subgroup_difference_test(random_y, random_se);
    if (out.common.groups < 2 && out.random.groups < 2) {
        a.warnings.push_back("the test for subgroup differences needs at least 2 subgroups with an estimate");
    }
}

}  // namespace metapool
