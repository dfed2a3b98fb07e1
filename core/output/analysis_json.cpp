// The JSON form of an Analysis. Field names are a stable contract (README,
// CLI --json, the WebAssembly module): extend, never rename.
#include "output/analysis_json.hpp"

#include <cmath>
#include <iterator>

#include "checks/checks_json.hpp"
#include "model/presets.hpp"
#include "output/json_writer.hpp"

namespace metapool {

namespace {

void write_options(JsonWriter& j, const Options& o) {
    j.key("options").begin_object()
        .field("measure", to_string(o.measure))
        .field("method", to_string(o.method))
        .field("tau2", to_string(o.tau2_method))
        .field("hksj", o.hksj)
        .field("cc", o.cc)
        .field("cc_to", to_string(o.cc_to))
        .field("cc_type", cc_type_name(o.cc_treatment_arm))
        .field("drop00", to_string(o.drop00))
        .field("drop00_applied", drops_double_zero(o))
        .field("level", o.level)
        .end_object();
}

void write_common(JsonWriter& j, const CommonEffect& c) {
    j.key("common").begin_object()
        .field("method", to_string(c.method))
        .field("y", c.y).field("se", c.se)
        .field("estimate", c.estimate).field("ci_lower", c.ci_lower).field("ci_upper", c.ci_upper)
        .field("z", c.z).field("p", c.p)
        .end_object();
}

void write_random(JsonWriter& j, const RandomEffects& r) {
    j.key("random").begin_object()
        .field("tau2_method", to_string(r.tau2_method))
        .field("hksj", r.hksj)
        .field("k", r.k)
        .field("y", r.y).field("se", r.se)
        .field("estimate", r.estimate).field("ci_lower", r.ci_lower).field("ci_upper", r.ci_upper)
        .field(r.hksj ? "t" : "z", r.z).field("df", r.df).field("p", r.p)
        .field("pi_lower", r.pi_lower).field("pi_upper", r.pi_upper)
        .field("tau2_converged", r.tau2_converged)
        .field("tau2_iterations", r.tau2_iterations)
        .end_object();
}

void write_heterogeneity(JsonWriter& j, const Heterogeneity& h) {
    j.key("heterogeneity").begin_object()
        .field("Q", h.Q).field("df", h.df).field("p", h.p)
        .field("I2", h.I2).field("H2", h.H2)
        .field("tau2", h.tau2).field("tau", h.tau)
        .field("tau2_ci_lower", h.tau2_ci_lower).field("tau2_ci_upper", h.tau2_ci_upper);
    if (h.tau2_ci_method.empty()) j.field("tau2_ci_method", kNaN);  // null: no interval
    else j.field("tau2_ci_method", h.tau2_ci_method);
    j.field("I2_ci_lower", h.I2_ci_lower).field("I2_ci_upper", h.I2_ci_upper)
        .field("H2_ci_lower", h.H2_ci_lower).field("H2_ci_upper", h.H2_ci_upper)
        .end_object();
}

// null: the label is as pasted.
void write_pasted_label(JsonWriter& j, const StudyResult& s) {
    if (s.pasted_label.empty()) j.field("pasted_label", kNaN);
    else j.field("pasted_label", s.pasted_label);
}

// Group, year and reported, where the table has them.
void write_study_columns(JsonWriter& j, const StudyResult& s, const Analysis& a) {
    if (a.subgroups.present) j.field("group", s.group);
    if (a.has_year) j.field("year", s.year);
    if (s.generic) j.field("reported", s.reported);
}

void write_study(JsonWriter& j, const StudyResult& s, const Analysis& a) {
    j.begin_object()
        .field("label", s.label).field("line", s.line)
        .field("e1", s.e1).field("n1", s.n1).field("e2", s.e2).field("n2", s.n2)
        .field("y", s.y).field("v", s.v).field("se", s.se)
        .field("estimate", s.estimate).field("ci_lower", s.ci_lower).field("ci_upper", s.ci_upper)
        .field("weight_common", s.weight_common).field("weight_random", s.weight_random)
        .field("included", s.included)
        .field("excluded_reason", s.excluded_reason)
        .field("corrected", s.corrected);
    write_pasted_label(j, s);
    j.field("arms_swapped", s.arms_swapped);
    write_study_columns(j, s, a);
    write_printed_study(j, s.printed);
    j.key("cells").begin_object()
        .field("a", s.a).field("b", s.b).field("c", s.c).field("d", s.d)
        .end_object();
    j.end_object();
}

// to_json()'s second form: the study's texts in the JSON, its numbers and
// flags (kStudyNumberFields, in that order) appended to `numbers`.
void write_study_apart(JsonWriter& j, const StudyResult& s, const Analysis& a, std::vector<double>& numbers) {
    const double values[] = {static_cast<double>(s.line), s.e1, s.n1, s.e2, s.n2, s.y, s.v, s.se, s.estimate,
                             s.ci_lower, s.ci_upper, s.weight_common, s.weight_random, s.included ? 1.0 : 0.0,
                             s.corrected ? 1.0 : 0.0, s.arms_swapped ? 1.0 : 0.0, s.a, s.b, s.c, s.d};
    static_assert(std::size(values) == std::size(kStudyNumberFields), "a value for each field handed over apart");
    numbers.insert(numbers.end(), std::begin(values), std::end(values));
    j.begin_object().field("label", s.label).field("excluded_reason", s.excluded_reason);
    write_pasted_label(j, s);
    write_study_columns(j, s, a);
    write_printed_study(j, s.printed);
    j.end_object();
}

void write_problems(JsonWriter& j, const std::vector<InputProblem>& problems, const char* key = "errors") {
    j.key(key).begin_array();
    for (const InputProblem& p : problems) {
        j.begin_object()
            .field("line", p.line).field("column", p.column)
            .field("message", p.message).field("text", p.text)
            .end_object();
    }
    j.end_array();
}

void write_absolute_effect(JsonWriter& j, const char* name, const AbsoluteEffect& e) {
    j.key(name).begin_object()
        .field("risk_per_1000", e.risk_per_1000)
        .field("risk_per_1000_lower", e.risk_per_1000_lower)
        .field("risk_per_1000_upper", e.risk_per_1000_upper)
        .field("difference_per_1000", e.difference_per_1000)
        .field("difference_per_1000_lower", e.difference_per_1000_lower)
        .field("difference_per_1000_upper", e.difference_per_1000_upper)
        .field("nnt", e.nnt).field("nnt_lower", e.nnt_lower).field("nnt_upper", e.nnt_upper)
        .field("nnt_ci_crosses_infinity", e.nnt_ci_crosses_infinity)
        .end_object();
}

void write_absolute(JsonWriter& j, const AbsoluteEffects& a) {
    j.key("absolute").begin_object()
        .field("control_risk", a.control_risk)
        .field("control_risk_source", a.control_risk_pooled ? "pooled control arms" : "assumed");
    write_absolute_effect(j, "common", a.common);
    write_absolute_effect(j, "random", a.random);
    j.end_object();
}

void write_sensitivity(JsonWriter& j, const char* name, const std::vector<SensitivityStep>& steps, bool years) {
    j.key(name).begin_array();
    for (const SensitivityStep& s : steps) {
        j.begin_object()
            .field("label", s.label).field("line", s.line);
        if (years) j.field("year", s.year);
        j.field("k", s.k)
            .field("common_estimate", s.common_estimate)
            .field("common_ci_lower", s.common_ci_lower).field("common_ci_upper", s.common_ci_upper)
            .field("common_p", s.common_p)
            .field("random_estimate", s.random_estimate)
            .field("random_ci_lower", s.random_ci_lower).field("random_ci_upper", s.random_ci_upper)
            .field("random_p", s.random_p)
            .field("tau2", s.tau2).field("Q", s.Q).field("Q_p", s.Q_p).field("I2", s.I2)
            .end_object();
    }
    j.end_array();
}

// Subgroups (README, "subgroups"): each subgroup's pooled results, then the
// tests for subgroup differences.
void write_difference_test(JsonWriter& j, const char* name, const SubgroupDifferenceTest& t) {
    j.key(name).begin_object()
        .field("groups", t.groups).field("Q", t.Q).field("df", t.df).field("p", t.p).field("I2", t.I2)
        .end_object();
}

void write_subgroups(JsonWriter& j, const SubgroupAnalysis& s) {
    j.key("subgroups").begin_array();
    for (const SubgroupResult& g : s.groups) {
        j.begin_object()
            .field("name", g.name).field("rows", g.rows).field("k", g.k)
            .field("ok", g.ok()).field("error", message_of(g.problem));
        write_common(j, g.common);
        write_random(j, g.random);
        write_heterogeneity(j, g.heterogeneity);
        j.end_object();
    }
    j.end_array();
    j.key("subgroup_test").begin_object();
    write_difference_test(j, "common", s.common);
    write_difference_test(j, "random", s.random);
    j.end_object();
}

// Small-study effects (README, "small_study"): a regression test.
void write_funnel_regression(JsonWriter& j, const char* name, const FunnelRegression& r, bool with_limit,
                             bool with_tau2) {
    j.key(name).begin_object()
        .field("computed", r.computed).field("note", r.note).field("k", r.k)
        .field(r.t_test ? "t" : "z", r.statistic).field("df", r.df).field("p", r.p)
        .field("bias", r.bias).field("bias_se", r.bias_se);
    if (with_tau2) j.field("tau2", r.tau2);
    if (with_limit) {
        j.field("limit_y", r.limit_y).field("limit_se", r.limit_se)
            .field("limit_estimate", r.limit_estimate)
            .field("limit_ci_lower", r.limit_ci_lower).field("limit_ci_upper", r.limit_ci_upper);
    }
    j.end_object();
}

void write_trim_and_fill(JsonWriter& j, const TrimAndFill& t) {
    j.key("trim_and_fill").begin_object()
        .field("computed", t.computed).field("note", t.note)
        .field("estimator", t.estimator).field("side", t.side)
        .field("k0", t.k0).field("k0_se", t.k0_se).field("iterations", t.iterations)
        .field("k", t.k).field("tau2", t.tau2)
        .field("y", t.y).field("se", t.se)
        .field("estimate", t.estimate).field("ci_lower", t.ci_lower).field("ci_upper", t.ci_upper)
        .field(t.t_test ? "t" : "z", t.statistic).field("df", t.df).field("p", t.p);
    j.key("filled").begin_array();
    for (const FilledStudy& f : t.filled) {
        j.begin_object()
            .field("y", f.y).field("v", f.v).field("se", f.se).field("estimate", f.estimate)
            .field("mirror_of", f.mirror_of).field("mirror_index", f.mirror_index)
            .end_object();
    }
    j.end_array();
    j.end_object();
}

void write_small_study(JsonWriter& j, const SmallStudyEffects& s) {
    j.key("small_study").begin_object()
        .field("k", s.k).field("tau2_method", to_string(s.tau2_method)).field("hksj", s.hksj);
    write_funnel_regression(j, "egger", s.egger, true, false);
    write_funnel_regression(j, "egger_rma", s.egger_rma, true, true);
    write_funnel_regression(j, "peters", s.peters, true, false);
    write_funnel_regression(j, "harbord", s.harbord, false, false);
    j.key("begg").begin_object()
        .field("computed", s.begg.computed).field("note", s.begg.note).field("k", s.begg.k)
        .field("tau", s.begg.tau).field("p", s.begg.p).field("exact", s.begg.exact)
        .end_object();
    write_trim_and_fill(j, s.trim_and_fill);
    j.end_object();
}

// Room for the whole document at once (a study's object is some 480
// bytes): growing it step by step copied it a dozen times at 1,000 studies.
std::size_t expected_json_size(const Analysis& a) {
    std::size_t rows = a.studies.size();
    if (a.options.leave_one_out) rows += a.leave_one_out.size();
    if (a.options.cumulative) rows += a.cumulative.size();
    return 8192 + 512 * rows;
}

std::string write_json(const Analysis& a, std::vector<double>* apart) {
    JsonWriter j(expected_json_size(a));
    j.begin_object()
        .field("measure", to_string(a.options.measure))
        .field("ok", a.ok())
        .field("error", message_of(a.problem))
        .field("k", a.k)
        .field("total_participants", a.total_participants);
    write_options(j, a.options);
    j.field("preset", a.options.preset).field("preset_unchanged", preset_unchanged(a.options));
    write_conventions(j, a.options);
    write_common(j, a.common);
    write_random(j, a.random);
    write_heterogeneity(j, a.heterogeneity);
    write_absolute(j, a.absolute);
    if (a.options.leave_one_out) write_sensitivity(j, "leave_one_out", a.leave_one_out, a.has_year);
    if (a.options.cumulative) write_sensitivity(j, "cumulative", a.cumulative, a.has_year);
    if (a.subgroups.present) write_subgroups(j, a.subgroups);
    if (a.small_study.computed) write_small_study(j, a.small_study);
    write_source(j, a.checks);
    write_checks(j, a.checks);
    j.key("studies").begin_array();
    for (const StudyResult& s : a.studies) {
        if (apart) write_study_apart(j, s, a, *apart);
        else write_study(j, s, a);
    }
    j.end_array();
    j.key("warnings").begin_array();
    for (const std::string& w : a.warnings) j.value(w);
    j.end_array();
    write_problems(j, a.errors);
    write_problems(j, a.notes, "notes");
    j.end_object();
    return j.take();
}

}  // namespace

std::string to_json(const Analysis& a) { return write_json(a, nullptr); }

std::string to_json(const Analysis& a, std::vector<double>& study_numbers) {
    study_numbers.clear();
    study_numbers.reserve(std::size(kStudyNumberFields) * a.studies.size());
    return write_json(a, &study_numbers);
}

}  // namespace metapool
