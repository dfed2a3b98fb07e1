// Small-study effects of a finished analysis: gathers the studies of the
// random-effects model and runs each test (see small_study_effects.hpp for
// the reference model and the files of the methods).
#include "small_study/small_study_effects.hpp"

#include <cmath>
#include <string>

#include "model/analysis.hpp"
#include "pooling/meta_regression.hpp"
#include "small_study/funnel_regression_tests.hpp"
#include "small_study/rank_correlation_test.hpp"
#include "small_study/trim_and_fill.hpp"

namespace metapool {

namespace {

// Studies with an estimable effect (finite y, v > 0): those of the
// random-effects model, in pasted order.
TrimAndFillInput collect(const Analysis& a) {
    TrimAndFillInput in;
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        const StudyResult& s = a.studies[i];
        if (!(std::isfinite(s.y) && std::isfinite(s.v) && s.v > 0)) continue;
        in.y.push_back(s.y);
        in.v.push_back(s.v);
        in.index.push_back(static_cast<int>(i));
        in.label.push_back(s.label);
    }
    const Options& o = a.options;
    in.method = o.tau2_method;
    in.hksj = o.hksj;
    in.hksj_truncate = o.hksj_truncate;
    in.level = o.level;
    in.exponentiate = o.measure != Measure::RD;
    return in;
}

// Peters' and Harbord's tests need counts: not computed when a study
// reports only its effect (generic inverse variance).
bool any_generic(const Analysis& a, FunnelRegression& r, const char* test) {
    for (const StudyResult& s : a.studies) {
        if (s.included && s.generic) {
            r.note = std::string(test) + " needs the 2x2 tables, and some studies report only their effect";
            return true;
        }
    }
    return false;
}

FunnelRegression peters(const Analysis& a, const TrimAndFillInput& in) {
    std::vector<double> n, events;
    FunnelRegression none;
    if (any_generic(a, none, "Peters' test")) return none;
    for (int i : in.index) {
        const StudyResult& s = a.studies[static_cast<std::size_t>(i)];
        n.push_back(s.n1 + s.n2);
        events.push_back(s.e1 + s.e2);
    }
    return peters_test(in.y, n, events, in.level, in.exponentiate);
}

// Harbord's test uses the tables as pasted, so it also takes studies that
// are in the analysis without an effect of their own (a zero cell without
// continuity correction under MH or Peto).
FunnelRegression harbord(const Analysis& a) {
    FunnelRegression r;
    if (a.options.measure != Measure::OR) {
        r.note = "Harbord's test is for odds ratios";
        return r;
    }
    if (any_generic(a, r, "Harbord's test")) return r;
    std::vector<double> e1, n1, e2, n2;
    for (const StudyResult& s : a.studies) {
        if (!s.included && std::isnan(s.y)) continue;
        e1.push_back(s.e1); n1.push_back(s.n1); e2.push_back(s.e2); n2.push_back(s.n2);
    }
    return harbord_test(e1, n1, e2, n2);
}

}  // namespace

SmallStudyEffects small_study_effects(const Analysis& a) {
    SmallStudyEffects out;
    if (!a.ok()) return out;
    TrimAndFillInput in = collect(a);
    out.computed = true;
    out.k = static_cast<int>(in.y.size());
    out.tau2_method = in.method;
    out.hksj = in.hksj;
    out.egger = egger_test(in.y, in.v, in.level, in.exponentiate);
    out.egger_rma = egger_meta_regression_test(in.y, in.v, in.method, in.hksj, in.hksj_truncate, in.level,
                                               in.exponentiate);
    out.peters = peters(a, in);
    out.harbord = harbord(a);
    out.begg = rank_correlation_test(in.y, in.v);
    in.side_slope = out.egger_rma.computed ? out.egger_rma.bias : std::nan("");
    out.trim_and_fill = trim_and_fill(in);
    return out;
}

}  // namespace metapool
