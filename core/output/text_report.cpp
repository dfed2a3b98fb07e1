#include "output/text_report.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "input/utf8.hpp"
#include "model/presets.hpp"

namespace metapool {

namespace {

std::string num(double x, int digits = 3) {
    if (std::isnan(x)) return "NA";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
    return buf;
}

std::string p_value(double p) {
    if (std::isnan(p)) return "NA";
    if (p < 0.0001) return "< 0.0001";
    return num(p, 4);
}

std::string interval(double lo, double hi) { return "[" + num(lo) + ", " + num(hi) + "]"; }

std::string method_name(CommonMethod m) {
    switch (m) {
        case CommonMethod::MH: return "Mantel-Haenszel";
        case CommonMethod::IV: return "inverse variance";
        case CommonMethod::PETO: return "Peto";
    }
    return "";
}

void append_line(std::string& out, const std::string& line) { out += line + "\n"; }

void append_studies(std::string& out, const Analysis& a) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%-28s %9s %9s %9s %9s %12s %9s %9s", "Study", "e1", "n1", "e2", "n2",
                  to_string(a.options.measure).c_str(), "95% CI", "W common");
    append_line(out, buf);
    for (const StudyResult& s : a.studies) {
        std::string label = sanitize_utf8(s.label);
        if (label.size() > 28) label = label.substr(0, 25) + "...";
        if (s.generic) {  // a reported effect: no counts
            std::string reported = sanitize_utf8(s.reported);
            if (reported.size() > 39) reported = reported.substr(0, 36) + "...";
            std::snprintf(buf, sizeof buf, "%-28s %-39s %12s %19s %6s%%", label.c_str(), reported.c_str(),
                          num(s.estimate).c_str(), interval(s.ci_lower, s.ci_upper).c_str(),
                          num(s.weight_common, 1).c_str());
        } else {
            std::snprintf(buf, sizeof buf, "%-28s %9.0f %9.0f %9.0f %9.0f %12s %19s %6s%%", label.c_str(), s.e1, s.n1,
                          s.e2, s.n2, num(s.estimate).c_str(), interval(s.ci_lower, s.ci_upper).c_str(),
                          num(s.weight_common, 1).c_str());
        }
        append_line(out, buf);
        if (!s.excluded_reason.empty()) append_line(out, "    note: " + s.excluded_reason);
    }
}

void append_pooled(std::string& out, const Analysis& a) {
    const std::string m = to_string(a.options.measure);
    const CommonEffect& c = a.common;
    append_line(out, "Common effect (" + method_name(c.method) + "): " + m + " " + num(c.estimate) + " " +
                         interval(c.ci_lower, c.ci_upper) + ", z = " + num(c.z, 2) + ", p " +
                         (c.p < 0.0001 ? "" : "= ") + p_value(c.p));
    const RandomEffects& r = a.random;
    append_line(out, "Random effects (" + to_string(r.tau2_method) + (r.hksj ? ", HKSJ" : "") + "): " + m + " " +
                         num(r.estimate) + " " + interval(r.ci_lower, r.ci_upper) + ", " + (r.hksj ? "t" : "z") +
                         " = " + num(r.z, 2) + ", p " + (r.p < 0.0001 ? "" : "= ") + p_value(r.p));
    append_line(out, "Prediction interval: " + interval(r.pi_lower, r.pi_upper));
}

void append_heterogeneity(std::string& out, const Analysis& a) {
    const Heterogeneity& h = a.heterogeneity;
    append_line(out, "Heterogeneity: Q = " + num(h.Q, 2) + " (df = " + num(h.df, 0) + "), p " +
                         (h.p < 0.0001 ? "" : "= ") + p_value(h.p) + "; I2 = " + num(h.I2, 1) + "% " +
                         interval(h.I2_ci_lower, h.I2_ci_upper) + "; H2 = " + num(h.H2, 2));
    const std::string method = h.tau2_ci_method == "QP" ? " (Q-profile)"
                               : h.tau2_ci_method == "J" ? " (Jackson, generalised Q with weights 1/se)"
                               : h.tau2_ci_method == "BJ" ? " (Biggerstaff-Jackson, generalised Q with weights 1/v)"
                                                          : "";
    append_line(out, "tau2 = " + num(h.tau2, 4) + " [" + num(h.tau2_ci_lower, 4) + ", " + num(h.tau2_ci_upper, 4) +
                         "]" + method + ", tau = " + num(h.tau, 4));
}

// "NNT 11" (treating prevents events) or "NNH 11" (it causes them), rounded
// up to a whole person as the Cochrane Handbook (section 15.4.4) advises. The
// 1e-9 keeps an NNT of exactly 10 (1/0.1 = 10.000000000000002) at 10.
std::string nnt_text(double nnt) {
    if (std::isnan(nnt)) return "NNT not estimable";
    if (std::isinf(nnt)) return "NNT infinite (no difference)";
    return std::string(nnt > 0 ? "NNT " : "NNH ") + num(std::ceil(std::fabs(nnt) - 1e-9), 0);
}

void append_absolute(std::string& out, const Analysis& a) {
    const AbsoluteEffects& x = a.absolute;
    if (std::isnan(x.control_risk)) return;
    const AbsoluteEffect& e = std::isnan(a.random.estimate) ? x.common : x.random;
    append_line(out, "Absolute effect (" + std::string(std::isnan(a.random.estimate) ? "common" : "random") +
                         " effects, control risk " + num(1000 * x.control_risk, 1) + " per 1,000" +
                         (x.control_risk_pooled ? ", pooled control arms" : "") + "): " +
                         num(e.risk_per_1000, 1) + " per 1,000 (" + num(e.risk_per_1000_lower, 1) + " to " +
                         num(e.risk_per_1000_upper, 1) + "), difference " + num(e.difference_per_1000, 1) +
                         " per 1,000; " + nnt_text(e.nnt) +
                         (e.nnt_ci_crosses_infinity ? " (CI includes no effect)" : ""));
}

std::string regression_line(const char* name, const FunnelRegression& r) {
    if (!r.computed) return std::string(name) + ": not computed (" + r.note + ")";
    std::string s = std::string(name) + ": " + (r.t_test ? "t = " : "z = ") + num(r.statistic, 2);
    if (r.t_test) s += ", df = " + num(r.df, 0);
    return s + ", p " + (r.p < 0.0001 ? "" : "= ") + p_value(r.p);
}

void append_small_study(std::string& out, const Analysis& a) {
    const SmallStudyEffects& s = a.small_study;
    if (!s.computed) return;
    const std::string m = to_string(a.options.measure);
    append_line(out, "");
    append_line(out, "Small-study effects (k = " + std::to_string(s.k) + ")");
    append_line(out, "  " + regression_line("Egger's test", s.egger) +
                         (s.egger.computed ? "; limit estimate " + m + " " + num(s.egger.limit_estimate) + " " +
                                                 interval(s.egger.limit_ci_lower, s.egger.limit_ci_upper)
                                           : ""));
    append_line(out, "  " + regression_line(("Egger's test, " + to_string(s.tau2_method) + " meta-regression").c_str(),
                                            s.egger_rma));
    append_line(out, "  " + regression_line("Peters' test", s.peters));
    if (a.options.measure == Measure::OR) append_line(out, "  " + regression_line("Harbord's test", s.harbord));
    append_line(out, "  Begg's rank correlation: " +
                         (s.begg.computed ? "tau = " + num(s.begg.tau) + ", p " + (s.begg.p < 0.0001 ? "" : "= ") +
                                                p_value(s.begg.p)
                                          : "not computed (" + s.begg.note + ")"));
    const TrimAndFill& t = s.trim_and_fill;
    append_line(out, "  Trim-and-fill (" + t.estimator + "): " +
                         (t.computed ? std::to_string(t.k0) + (t.k0 == 1 ? " study" : " studies") + " filled" +
                                           (t.k0 > 0 ? " on the " + t.side : "") + "; adjusted " + m + " " +
                                           num(t.estimate) + " " + interval(t.ci_lower, t.ci_upper)
                                     : "not computed (" + t.note + ")"));
}

std::string difference_test_line(const char* model, const SubgroupDifferenceTest& t) {
    if (t.groups < 2) return std::string("  ") + model + ": not computed (fewer than 2 subgroups with an estimate)";
    return std::string("  ") + model + ": Q = " + num(t.Q, 2) + " (df = " + num(t.df, 0) + "), p " +
           (t.p < 0.0001 ? "" : "= ") + p_value(t.p) + "; I2 = " + num(t.I2, 1) + "%";
}

void append_subgroups(std::string& out, const Analysis& a) {
    const SubgroupAnalysis& s = a.subgroups;
    if (!s.present) return;
    const std::string m = to_string(a.options.measure);
    append_line(out, "");
    append_line(out, "Subgroups (" + m + ": common [CI] | random [CI] | tau2 | Q, df, p | I2)");
    for (const SubgroupResult& g : s.groups) {
        std::string name = sanitize_utf8(g.name);
        if (name.size() > 28) name = name.substr(0, 25) + "...";
        if (!g.ok()) {
            append_line(out, name + ": " + g.problem->message);
            continue;
        }
        char buf[320];
        std::snprintf(buf, sizeof buf, "%-28s k=%-4d %s %s | %s %s | %s | %s, %s, %s | %s%%", name.c_str(), g.k,
                      num(g.common.estimate).c_str(), interval(g.common.ci_lower, g.common.ci_upper).c_str(),
                      num(g.random.estimate).c_str(), interval(g.random.ci_lower, g.random.ci_upper).c_str(),
                      num(g.heterogeneity.tau2, 4).c_str(), num(g.heterogeneity.Q, 2).c_str(),
                      num(g.heterogeneity.df, 0).c_str(), p_value(g.heterogeneity.p).c_str(),
                      num(g.heterogeneity.I2, 1).c_str());
        append_line(out, buf);
    }
    append_line(out, "Test for subgroup differences");
    append_line(out, difference_test_line("common effect", s.common));
    append_line(out, difference_test_line("random effects (tau2 within each subgroup)", s.random));
}

void append_steps(std::string& out, const char* title, const std::vector<SensitivityStep>& steps,
                  const std::string& measure) {
    if (steps.empty()) return;
    append_line(out, "");
    append_line(out, std::string(title) + " (" + measure + ": common [CI] | random [CI] | tau2 | I2)");
    for (const SensitivityStep& s : steps) {
        std::string label = sanitize_utf8(s.label);
        if (label.size() > 28) label = label.substr(0, 25) + "...";
        char buf[256];
        std::snprintf(buf, sizeof buf, "%-28s k=%-4d %s %s | %s %s | %s | %s%%", label.c_str(), s.k,
                      num(s.common_estimate).c_str(), interval(s.common_ci_lower, s.common_ci_upper).c_str(),
                      num(s.random_estimate).c_str(), interval(s.random_ci_lower, s.random_ci_upper).c_str(),
                      num(s.tau2, 4).c_str(), num(s.I2, 1).c_str());
        append_line(out, buf);
    }
}

// "Check against the source" (core/checks/): the headline, then each
// flagged study and each printed pooled result with its message.
void append_source_checks(std::string& out, const Analysis& a) {
    const SourceChecks& c = a.checks;
    if (!c.present) return;
    append_line(out, "");
    append_line(out, "Check against the source");
    append_line(out, "  " + sanitize_utf8(c.summary));
    for (const StudyCheck& s : c.studies) {
        if (!s.agrees) append_line(out, "  " + sanitize_utf8(s.message));
    }
    for (const PooledCheck& p : c.pooled) append_line(out, "  line " + std::to_string(p.line) + ": " + sanitize_utf8(p.message));
}

}  // namespace

std::string text_report(const Analysis& a) {
    std::string out;
    // The parser's messages already start with "line L, column C:".
    for (const InputProblem& p : a.errors) append_line(out, "input " + sanitize_utf8(p.message));
    for (const InputProblem& p : a.notes) append_line(out, "note: " + sanitize_utf8(p.message));
    if (!a.ok()) {
        append_line(out, "error: " + a.problem->message);
        return out;
    }
    append_line(out, "metapool: " + to_string(a.options.measure) + ", k = " + std::to_string(a.k) + " studies, " +
                         num(a.total_participants, 0) + " participants");
    if (!a.options.preset.empty()) {
        append_line(out, "Computed as " + a.options.preset +
                             (preset_unchanged(a.options) ? "" : " (with options changed after the preset)"));
    }
    append_source_checks(out, a);
    append_line(out, "");
    append_studies(out, a);
    append_line(out, "");
    append_pooled(out, a);
    append_heterogeneity(out, a);
    append_absolute(out, a);
    append_subgroups(out, a);
    append_small_study(out, a);
    append_steps(out, "Leave one out", a.leave_one_out, to_string(a.options.measure));
    append_steps(out, a.has_year ? "Cumulative, by year" : "Cumulative", a.cumulative, to_string(a.options.measure));
    for (const std::string& w : a.warnings) append_line(out, "warning: " + w);
    return out;
}

}  // namespace metapool
