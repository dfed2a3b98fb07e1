// The analysis of one set of rows, with no analysis nested inside it: the
// per-study tables -> continuity correction -> effect sizes -> common effect
// (MH, IV or Peto) -> Q, I2 -> tau2 and its interval -> random effects ->
// absolute effects. Each step lives in its own file under pooling/; this one
// only decides which studies take part in which step and turns problems
// into warnings.
#include "pooled_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/stable_order.hpp"
#include "pooling/absolute_effects.hpp"
#include "pooling/continuity_correction.hpp"
#include "pooling/distributions.hpp"
#include "pooling/effect_sizes.hpp"
#include "pooling/heterogeneity.hpp"
#include "pooling/inverse_variance.hpp"
#include "pooling/mantel_haenszel.hpp"
#include "pooling/peto.hpp"
#include "pooling/random_effects.hpp"
#include "pooling/reported_effect.hpp"
#include "pooling/reporting_scale.hpp"
#include "pooling/tau2_confidence_interval.hpp"
#include "pooling/tau2_estimators.hpp"
#include "pooling/two_by_two.hpp"

namespace metapool {

namespace {

bool is_ratio(Measure m) { return m != Measure::RD; }

constexpr const char* kEveryStudyLeftOut = "no study can be analysed: every study was left out (see the reasons)";

std::string double_zero_reason(const Cells& t, Measure m) {
    const std::string what = t.a == 0 && t.c == 0 ? "no events in either arm" : "events in every participant of both arms";
    return what + " (double zero): carries no information on the " + to_string(m) +
           "; left out (option drop00=no keeps it)";
}

// The per-study part: cells, correction, effect sizes. Returns the tables of
// the studies that take part (uncorrected), in the order of `members`.
struct StudySet {
    std::vector<std::size_t> members;    // indices into analysis.studies
    std::vector<Cells> raw;              // uncorrected cells of members
    std::vector<Cells> mh;               // cells of members in the MH sums
    std::vector<std::size_t> estimable;  // members with finite y and v > 0
    std::vector<double> y, v;            // effects of the estimable studies
    // Members whose corrected table has V > 0: the studies rma.peto counts in
    // Q's df (a double zero kept with drop00 = no counts, adding nothing to Q).
    int peto_q_tables = 0;

    // Room for n studies in each list, allocated once instead of grown by
    // copies (copies and allocations cost the wasm build more than native).
    void reserve(std::size_t n) {
        members.reserve(n); raw.reserve(n); mh.reserve(n);
        estimable.reserve(n); y.reserve(n); v.reserve(n);
    }
};

// One study's y and v from its cells as pasted (`raw`) and corrected (`cc`):
// Peto's log OR (O - E)/V with variance 1/V from the raw table, as RevMan 5
// and R meta show it (metafor's escalc(measure = "PETO") with add = 0); a
// risk difference under cc-rd variance from the raw cells with the variance
// of the corrected ones (RevMan 5, Deeks & Higgins 2010; meta's metabin.R);
// otherwise both from the corrected cells (metafor's escalc).
EffectSize study_effect(const Cells& raw, const Cells& cc, const Options& o) {
    if (o.method == CommonMethod::PETO && o.measure == Measure::OR) return peto_effect_size(raw);
    if (o.measure == Measure::RD && o.cc_rd == RdCorrection::Variance) {
        return {effect_size(raw, Measure::RD).y, effect_size(cc, Measure::RD).v};
    }
    return effect_size(cc, o.measure);
}

StudySet prepare_studies(const std::vector<StudyRow>& rows, const Options& o, Analysis& a) {
    const bool drop00 = drops_double_zero(o);
    std::vector<Cells> tables;
    std::vector<char> in_analysis;
    std::vector<char> tables_in_analysis;  // generic rows have no table to correct
    tables.reserve(rows.size());
    in_analysis.reserve(rows.size());
    tables_in_analysis.reserve(rows.size());
    a.studies.reserve(rows.size());
    for (const StudyRow& r : rows) {
        StudyResult& s = a.studies.emplace_back();  // filled in place, not copied in
        s.label = r.label;
        s.e1 = r.e1; s.n1 = r.n1; s.e2 = r.e2; s.n2 = r.n2;
        s.line = r.line;
        s.group = r.group;
        s.year = r.year;
        s.pasted_label = r.pasted_label;
        s.arms_swapped = r.arms_swapped;
        s.printed = r.printed;
        s.generic = r.generic();
        if (s.generic) s.reported = r.reported.text;
        const Cells t = s.generic ? Cells{} : cells_from_counts(r.e1, r.n1, r.e2, r.n2);
        const bool dropped = !s.generic && drop00 && t.double_zero();
        if (dropped) s.excluded_reason = double_zero_reason(t, o.measure);
        tables.push_back(t);
        in_analysis.push_back(!dropped);
        tables_in_analysis.push_back(!dropped && !s.generic);
    }
    std::vector<char> corrected;
    const std::vector<Cells> cells = apply_continuity_correction(tables, tables_in_analysis, o, corrected);
    const std::vector<Cells> mh_cells = mantel_haenszel_cells(tables, tables_in_analysis, o);
    StudySet set;
    set.reserve(a.studies.size());
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        StudyResult& s = a.studies[i];
        s.a = cells[i].a; s.b = cells[i].b; s.c = cells[i].c; s.d = cells[i].d;
        s.corrected = corrected[i];
        if (s.generic) s.a = s.b = s.c = s.d = std::nan("");
        if (!in_analysis[i]) continue;
        set.members.push_back(i);
        set.raw.push_back(tables[i]);
        set.mh.push_back(mh_cells[i]);
        if (!s.generic && hypergeometric_variance(cells[i]) > 0) ++set.peto_q_tables;
        const EffectSize e = s.generic ? reported_effect_size(rows[i].reported) : study_effect(tables[i], cells[i], o);
        if (!s.generic && o.method == CommonMethod::PETO) {
            // Peto's per-study OR needs no correction (Yusuf et al. 1985):
            // the study is shown with its cells as pasted.
            s.a = tables[i].a; s.b = tables[i].b; s.c = tables[i].c; s.d = tables[i].d;
            s.corrected = false;
        }
        if (!(std::isfinite(e.y) && std::isfinite(e.v) && e.v > 0)) continue;
        s.y = e.y; s.v = e.v; s.se = std::sqrt(e.v);
        set.estimable.push_back(i);
        set.y.push_back(e.y);
        set.v.push_back(e.v);
    }
    return set;
}

void fill_study_intervals(Analysis& a) {
    const double crit = normal_quantile(1 - (1 - a.options.level) / 2);
    const bool exp = is_ratio(a.options.measure);
    for (StudyResult& s : a.studies) {
        if (!std::isnan(s.y)) set_reported_interval(s, crit, exp);
    }
}

void fill_common(const PooledEstimate& p, Analysis& a) {
    CommonEffect& c = a.common;
    if (!p.defined()) return;
    const double crit = normal_quantile(1 - (1 - a.options.level) / 2);
    const bool exp = is_ratio(a.options.measure);
    c.y = p.y;
    c.se = p.se;
    c.z = p.y / p.se;
    c.p = normal_two_sided_p(c.z);
    set_reported_interval(c, crit, exp);
}

// Raw weights (one per listed study) -> percentages in the studies.
void set_weight_percent(const std::vector<std::size_t>& idx, const std::vector<double>& w,
                        double StudyResult::*field, Analysis& a) {
    double total = 0;
    for (double x : w) total += x;
    if (!(total > 0) || !std::isfinite(total)) return;
    for (std::size_t j = 0; j < idx.size(); ++j) a.studies[idx[j]].*field = 100 * w[j] / total;
}

// Common effect and the Q around it.
void analyse_common(const StudySet& set, Analysis& a) {
    const Options& o = a.options;
    PooledEstimate pooled;
    double Q = std::nan("");
    int k_y = static_cast<int>(set.y.size());
    if (o.method == CommonMethod::IV) {
        pooled = inverse_variance(set.y, set.v);
        set_weight_percent(set.estimable, pooled.weights, &StudyResult::weight_common, a);
        if (pooled.defined()) Q = cochran_q(set.y, set.v, pooled.y);
        for (std::size_t i : set.estimable) a.studies[i].included = true;
    } else {
        if (o.method == CommonMethod::PETO) {
            const PetoResult peto_result = peto(set.raw);
            pooled = peto_result.pooled;
            Q = peto_result.Q;
            // As metafor's rma.peto: df counts the tables whose Peto log OR
            // is defined after continuity correction (V > 0); without
            // drop00 = no these are the studies with a y.
            k_y = set.peto_q_tables;
        } else {
            const bool rd_raw = o.measure == Measure::RD && o.cc_rd == RdCorrection::Variance;
            pooled = rd_raw ? mantel_haenszel_rd(set.raw, set.mh, o.mh_rd_variance)
                            : mantel_haenszel(set.mh, o.measure, o.mh_rd_variance);
            const double centre = q_centred_on_iv(o) ? inverse_variance(set.y, set.v).y : pooled.y;
            if (pooled.defined()) Q = cochran_q(set.y, set.v, centre);
        }
        set_weight_percent(set.members, pooled.weights, &StudyResult::weight_common, a);
        for (std::size_t i : set.members) a.studies[i].included = true;
    }
    for (StudyResult& s : a.studies) {
        if (!std::isnan(s.y) || !s.excluded_reason.empty()) continue;
        // Not a double zero, so a member whose effect or variance is not
        // estimable: IV leaves it out of everything, MH and Peto keep it.
        s.excluded_reason = std::string("effect or its variance not estimable (a zero cell without continuity "
                                        "correction): left out of ") +
                            (s.included ? "heterogeneity and random effects"
                                        : "the inverse-variance estimate, heterogeneity and random effects");
    }
    fill_common(pooled, a);
    if (!pooled.defined()) {
        a.warnings.push_back("the " + to_string(o.method) + " common-effect " + to_string(o.measure) +
                             " is not defined for these data (for ratios: no events in one arm of every study)");
    }
    fill_q_statistics(Q, k_y, a.heterogeneity);
}

void analyse_random(const StudySet& set, Analysis& a) {
    const Options& o = a.options;
    Heterogeneity& h = a.heterogeneity;
    a.random.k = static_cast<int>(set.y.size());
    if (set.y.empty()) return;
    const bool mh_centre = dl_q_around_mh(o);
    const Tau2Estimate t = estimate_tau2(set.y, set.v, o.tau2_method, mh_centre ? a.common.y : std::nan(""));
    a.random.tau2_converged = t.converged;
    a.random.tau2_iterations = t.iterations;
    if (o.i2 == I2Source::Tau2) use_tau2_for_i2(t.converged ? t.tau2 : std::nan(""), set.v, h);
    if (!t.converged) {
        a.warnings.push_back("tau2 (" + to_string(o.tau2_method) + "): " + t.note);
        return;
    }
    h.tau2 = t.tau2;
    h.tau = std::sqrt(t.tau2);
    std::vector<double> weights;
    fit_random_effects(set.y, set.v, t.tau2, o.level, is_ratio(o.measure), a.random, weights, o.pi,
                       o.hksj_truncate);
    set_weight_percent(set.estimable, weights, &StudyResult::weight_random, a);
    const Tau2Ci method = resolved_tau2_ci(o);
    if (method == Tau2Ci::None) return;
    const Tau2Interval ci =
        method == Tau2Ci::QProfile ? q_profile_interval(set.y, set.v, t.tau2, o.level)
                                   : generalised_q_interval(set.y, set.v,
                                                            method == Tau2Ci::Jackson ? GeneralisedQWeights::InverseStandardError
                                                                                      : GeneralisedQWeights::InverseVariance,
                                                            o.level);
    h.tau2_ci_method = method == Tau2Ci::QProfile ? "QP" : method == Tau2Ci::Jackson ? "J" : "BJ";
    h.tau2_ci_lower = ci.tau2_lower; h.tau2_ci_upper = ci.tau2_upper;
    h.I2_ci_lower = ci.I2_lower; h.I2_ci_upper = ci.I2_upper;
    h.H2_ci_lower = ci.H2_lower; h.H2_ci_upper = ci.H2_upper;
    if (!ci.note.empty()) a.warnings.push_back(ci.note);
}

void add_small_k_warnings(const Analysis& an, std::vector<std::string>& warnings) {
    if (an.random.k < 2) warnings.push_back("fewer than 2 studies with an estimable effect: no heterogeneity or tau2");
    else if (an.random.k < 3 && an.options.pi == PredictionInterval::TK2) {
        warnings.push_back("fewer than 3 studies: no prediction interval");
    }
    if (an.options.hksj && !an.random.hksj) warnings.push_back("HKSJ needs at least 2 studies: the Wald interval is shown");
}

// Generic inverse-variance rows (README, "Input"): a row reporting another
// measure than the analysis's is refused at its line (and left out of
// everything); reported effects cannot enter the Mantel-Haenszel or Peto
// sums, so with those methods the analysis is refused. Returns the table to
// analyse: `table`, or the copy in `kept` without the refused rows.
const ParsedTable& rows_for_measure(const ParsedTable& table, const Options& o, Analysis& a, ParsedTable& kept) {
    bool refused = false;
    const StudyRow* generic = nullptr;
    for (const StudyRow& r : table.rows) {
        if (!r.generic()) continue;
        if (!reported_fits(r.reported.measure, o.measure)) refused = true;
        else if (generic == nullptr) generic = &r;
    }
    if (generic != nullptr && o.method != CommonMethod::IV) {
        a.problem = problem("line " + std::to_string(generic->line) +
                            " reports an effect instead of counts (generic inverse variance), which cannot enter " +
                            (o.method == CommonMethod::PETO ? "Peto's" : "the Mantel\xE2\x80\x93Haenszel") +
                            " sums: choose method IV (inverse variance) to pool reported effects, alone or with "
                            "2\xC3\x97" "2 tables");
    }
    if (!refused) return table;
    kept.header_line = table.header_line;
    kept.group_column = table.group_column;
    kept.year_column = table.year_column;
    kept.group_headings = table.group_headings;
    for (const StudyRow& r : table.rows) {
        if (!r.generic() || reported_fits(r.reported.measure, o.measure)) {
            kept.rows.push_back(r);
            continue;
        }
        InputProblem p;
        p.line = r.line;
        p.column = r.reported.column;
        p.message = "line " + std::to_string(r.line) + ", column " + std::to_string(r.reported.column) +
                    ": this row reports " + reported_measure_name(r.reported.measure) +
                    ", but the analysis measure is " + to_string(o.measure) +
                    ": give this study's " + to_string(o.measure) + " or its counts, or change the measure";
        p.text = r.reported.line_text;
        a.errors.push_back(std::move(p));
    }
    // By line, rows of one line in their order.
    const std::vector<std::size_t> order = stable_order(
        a.errors.size(), [&](std::size_t x, std::size_t y) { return a.errors[x].line < a.errors[y].line; });
    std::vector<InputProblem> by_line;
    by_line.reserve(order.size());
    for (const std::size_t i : order) by_line.push_back(std::move(a.errors[i]));
    a.errors = std::move(by_line);
    return kept;
}

}  // namespace

const ParsedTable* analyse_pooled(const ParsedTable& table, const Options& options, ParsedTable& kept, Analysis& a) {
    a.options = options;
    a.errors = table.problems;
    a.notes = table.notes;
    a.common.method = options.method;
    a.random.tau2_method = options.tau2_method;
    a.random.hksj = options.hksj;
    if (options.method == CommonMethod::PETO && options.measure != Measure::OR) {
        a.problem = problem("Peto's method estimates odds ratios only: use measure OR, or method MH or IV");
        return nullptr;
    }
    const ParsedTable& rows = rows_for_measure(table, options, a, kept);
    if (a.problem) return nullptr;
    a.has_year = rows.year_column > 0;
    const StudySet set = prepare_studies(rows.rows, options, a);
    fill_study_intervals(a);
    if (set.members.empty()) {
        a.problem = problem(rows.rows.empty() ? "no valid study rows: paste one study per line as label, events1, "
                                                "total1, events2, total2"
                                              : kEveryStudyLeftOut);
        return nullptr;
    }
    analyse_common(set, a);
    analyse_random(set, a);
    for (const StudyResult& s : a.studies) {
        if (!s.included) continue;
        ++a.k;
        if (!s.generic) a.total_participants += s.n1 + s.n2;  // a reported effect has no counts
    }
    add_small_k_warnings(a, a.warnings);
    if (a.k == 0) a.problem = problem(kEveryStudyLeftOut);
    fill_absolute_effects(a);
    return &rows;
}

Analysis pooled_analysis(const ParsedTable& table, const Options& options) {
    Analysis a;
    ParsedTable kept;
    analyse_pooled(table, options, kept, a);
    return a;
}

}  // namespace metapool
