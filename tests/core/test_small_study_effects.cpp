// Small-study effects agree with metafor (tests/fixtures/small_study_reference.json,
// made by generate_small_study_fixtures.R): Egger's test as regtest(model="lm")
// and as regtest(res) for 8 tau2 estimators with z, HKSJ and truncated HKSJ,
// Peters' and Harbord's tests (lm() with the published weights), Begg's rank
// correlation (ranktest) and trim-and-fill (trimfill), to 1e-6 relative;
// then the JSON, the report and the warning.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "fixture_support.hpp"
#include "model/option_registry.hpp"

#include "analyze.hpp"
#include "input/example_data.hpp"
#include "output/analysis_json.hpp"
#include "output/text_report.hpp"
#include "pooling/meta_regression.hpp"
#include "small_study/kendall_tau.hpp"

using nlohmann::json;
using namespace metapool;
using test::agrees;
using test::analysis_scale;
using test::number;

namespace {

const json& reference() { return test::fixture("small_study_reference.json"); }

// tau2 at a boundary: REML/ML can stop at ~1e-16 instead of 0.
bool agrees_tau2(double ours, double theirs) {
    return agrees(ours, theirs) || (std::fabs(theirs) < 1e-10 && std::fabs(ours) < 1e-10);
}

bool usable(const json& j) { return j.is_object() && !j.contains("error"); }

// Every table has p1 = 0.1 and p2 = 0.2: the effects differ by rounding only,
// so metafor's regression statistics (and trim-and-fill's ranks) are noise;
// metapool says the effects are identical instead.
bool identical_effects(const json& c) { return c["dataset"].get<std::string>() == "synthetic identical effects"; }

void check_identical(const FunnelRegression& r) {
    CHECK_FALSE(r.computed);
    CHECK(r.note == "the effects are identical: nothing to test");
}

Options case_options(const json& c) {
    Options o;
    const json& opt = c["options"];
    REQUIRE(!set_option(o, "measure", opt["measure"].get<std::string>()));
    REQUIRE(!set_option(o, "cc", std::to_string(opt["cc"].get<double>())));
    REQUIRE(!set_option(o, "cc-to", opt["cc_to"].get<std::string>()));
    REQUIRE(!set_option(o, "drop00", opt["drop00"].get<bool>() ? "yes" : "no"));
    return o;
}

void check_dispersion_test(const std::string& context, const FunnelRegression& r, const json& ref, Measure m,
                           bool with_limit) {
    INFO(context << ": " << r.note);
    REQUIRE(r.computed);
    CHECK(r.t_test);
    CHECK_AGREES("t", r.statistic, number(ref, ref.contains("statistic") ? "statistic" : "t"));
    CHECK_AGREES("df", r.df, number(ref, "df"));
    CHECK_AGREES("p", r.p, number(ref, "p"));
    CHECK_AGREES("bias", r.bias, number(ref, "bias"));
    CHECK_AGREES("bias se", r.bias_se, number(ref, "bias_se"));
    if (!with_limit) return;
    CHECK_AGREES("limit", r.limit_y, number(ref, "limit"));
    CHECK_AGREES("limit ci lower", analysis_scale(r.limit_ci_lower, m), number(ref, "limit_ci_lower"));
    CHECK_AGREES("limit ci upper", analysis_scale(r.limit_ci_upper, m), number(ref, "limit_ci_upper"));
}

void check_regtest_rma(const std::string& context, const FunnelRegression& r, const json& ref, Measure m) {
    REQUIRE(r.computed);
    CHECK(r.t_test == !std::isnan(number(ref, "df")));
    CHECK_AGREES("statistic", r.statistic, number(ref, "statistic"));
    CHECK_AGREES("df", r.df, number(ref, "df"));
    CHECK_AGREES("p", r.p, number(ref, "p"));
    CHECK_AGREES("bias", r.bias, number(ref, "bias"));
    CHECK_AGREES("bias se", r.bias_se, number(ref, "bias_se"));
    INFO(context << " residual tau2 " << r.tau2 << " vs " << number(ref, "tau2"));
    CHECK(agrees_tau2(r.tau2, number(ref, "tau2")));
    CHECK_AGREES("limit", r.limit_y, number(ref, "limit"));
    CHECK_AGREES("limit ci lower", analysis_scale(r.limit_ci_lower, m), number(ref, "limit_ci_lower"));
    CHECK_AGREES("limit ci upper", analysis_scale(r.limit_ci_upper, m), number(ref, "limit_ci_upper"));
}

void check_trimfill(const std::string& context, const TrimAndFill& t, const json& ref, Measure m) {
    REQUIRE(t.computed);
    CHECK(t.side == ref["side"].get<std::string>());
    CHECK(t.k0 == ref["k0"].get<int>());
    CHECK(t.k == ref["k"].get<int>());
    REQUIRE(t.filled.size() == ref["filled_y"].size());
    CHECK_AGREES("k0 se", t.k0_se, number(ref, "k0_se"));
    for (std::size_t i = 0; i < t.filled.size(); ++i) {
        CHECK_AGREES("filled y " << i, t.filled[i].y, ref["filled_y"][i].get<double>());
        CHECK_AGREES("filled v " << i, t.filled[i].v, ref["filled_v"][i].get<double>());
    }
    INFO(context << " filled tau2 " << t.tau2 << " vs " << number(ref, "tau2"));
    CHECK(agrees_tau2(t.tau2, number(ref, "tau2")));
    CHECK_AGREES("y", t.y, number(ref, "y"));
    CHECK_AGREES("se", t.se, number(ref, "se"));
    CHECK_AGREES("ci lower", analysis_scale(t.ci_lower, m), number(ref, "ci_lower"));
    CHECK_AGREES("ci upper", analysis_scale(t.ci_upper, m), number(ref, "ci_upper"));
    CHECK_AGREES("statistic", t.statistic, number(ref, "statistic"));
    CHECK_AGREES("p", t.p, number(ref, "p"));
    CHECK_AGREES("df", t.df, number(ref, "df"));
}

}  // namespace

TEST_CASE("small-study fixtures come from metafor and cover the cases", "[metafor][small-study]") {
    const json& doc = reference();
    REQUIRE(doc["cases"].size() >= 70);
    CHECK(doc["metafor_version"].get<std::string>() == "3.8.1");
}

TEST_CASE("Egger, Peters, Harbord and Begg agree with metafor and lm()", "[metafor][small-study]") {
    int cases = 0;
    for (const json& c : reference()["cases"]) {
        const std::string context = c["name"].get<std::string>();
        const Options o = case_options(c);
        const Analysis a = analyze_text(c["table"].get<std::string>(), o);
        REQUIRE(a.ok());
        const SmallStudyEffects& s = a.small_study;
        REQUIRE(s.computed);
        CHECK(s.k == c["k"].get<int>());
        ++cases;
        if (identical_effects(c)) {
            check_identical(s.egger);
            check_identical(s.peters);
            check_identical(s.egger_rma);
            CHECK_FALSE(s.trim_and_fill.computed);
            continue;
        }
        // k = 2: lm() has 0 residual df and NaN statistics; metapool needs 3 studies
        if (usable(c["egger_lm"]) && number(c["egger_lm"], "df") > 0) check_dispersion_test(context + " / Egger lm", s.egger, c["egger_lm"], o.measure, true);
        else CHECK_FALSE(s.egger.computed);
        if (usable(c["peters"])) {
            check_dispersion_test(context + " / Peters", s.peters, c["peters"], o.measure, true);
            // metafor's regtest with vi = the Peters variance is the same regression
            CHECK(agrees(number(c["peters"], "regtest_statistic"), number(c["peters"], "t")));
        } else {
            CHECK_FALSE(s.peters.computed);
        }
        if (c.contains("harbord")) {
            if (usable(c["harbord"])) check_dispersion_test(context + " / Harbord", s.harbord, c["harbord"], o.measure, false);
            else CHECK_FALSE(s.harbord.computed);
        } else {
            CHECK_FALSE(s.harbord.computed);
        }
        if (usable(c["ranktest"])) {
            CHECK_AGREES("rank tau", s.begg.tau, number(c["ranktest"], "tau"));
            CHECK_AGREES("rank p", s.begg.p, number(c["ranktest"], "p"));
            CHECK(s.begg.exact == (!c["ranktest"]["ties"].get<bool>() && s.k <= kKendallExactMax));
        } else {
            CHECK_FALSE(s.begg.computed);
        }
    }
    CHECK(cases >= 70);
}

TEST_CASE("regtest(res) and trimfill(res) agree with metafor for every tau2 estimator", "[metafor][small-study]") {
    int fits = 0, filled = 0;
    for (const json& c : reference()["cases"]) {
        if (identical_effects(c)) continue;  // see the test above
        Options o = case_options(c);
        for (const auto& [key, fit] : c["fits"].items()) {
            const std::string context = c["name"].get<std::string>() + " / " + key;
            if (!usable(fit)) continue;
            REQUIRE(!set_option(o, "tau2", fit["method"].get<std::string>()));
            const std::string test = fit["test"].get<std::string>();
            o.hksj = test != "z";
            o.hksj_truncate = test == "adhoc";
            const Analysis a = analyze_text(c["table"].get<std::string>(), o);
            REQUIRE(a.ok());
            const bool few = c["k"].get<int>() < 3;
            if (usable(fit["regtest"])) {
                check_regtest_rma(context + " regtest", a.small_study.egger_rma, fit["regtest"], o.measure);
                ++fits;
            } else if (few) {
                CHECK_FALSE(a.small_study.egger_rma.computed);
            }
            // Otherwise metafor refused the model matrix (eigenvalue of X'X
            // below 1e-7: standard errors of ~1e-4 on the RD scale); metapool's
            // centred regression does not need that guard.
            if (usable(fit["trimfill"])) {
                check_trimfill(context + " trimfill", a.small_study.trim_and_fill, fit["trimfill"], o.measure);
                filled += a.small_study.trim_and_fill.k0 > 0;
            } else if (few) {
                CHECK_FALSE(a.small_study.trim_and_fill.computed);
            }
        }
    }
    CHECK(fits >= 700);
    CHECK(filled >= 300);
    WARN("small-study comparisons with metafor in this run: " << test::agreement_checks());
}

TEST_CASE("Kendall's tau: hand-worked values and R's cor.test", "[small-study]") {
    // cor.test(c(1,2,3,4,5), c(2,1,4,3,5), method = "kendall"): tau 0.6, p 0.2333333 (exact)
    const KendallTest t = kendall_tau_test({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5});
    CHECK(t.exact);
    CHECK(t.tau == Approx(0.6));
    CHECK(t.p == Approx(0.2333333333).epsilon(1e-9));
    // ties: cor.test(c(1,2,2,3,4), c(1,3,2,2,5)): tau-b 2/3, normal p 0.118432928916672
    const KendallTest u = kendall_tau_test({1, 2, 2, 3, 4}, {1, 3, 2, 2, 5});
    CHECK_FALSE(u.exact);
    CHECK(u.tau == Approx(2.0 / 3.0));
    CHECK(u.p == Approx(0.118432928916672).epsilon(1e-12));
    // a constant variable has no correlation
    CHECK(std::isnan(kendall_tau_test({1, 2, 3}, {4, 4, 4}).tau));
}

TEST_CASE("the weighted line refuses a constant predictor, as lm()", "[small-study]") {
    CHECK_FALSE(weighted_line({1, 2, 3}, {0.5, 0.5, 0.5}, {1, 1, 1}).defined);
    const LineFit f = weighted_line({1, 2, 3}, {1, 2, 3}, {1, 1, 1});
    REQUIRE(f.defined);
    CHECK(f.slope == Approx(1));
    CHECK(f.intercept == Approx(0).margin(1e-12));
}

TEST_CASE("small-study effects in the JSON, the report and the k < 10 warning", "[small-study]") {
    const Analysis a = analyze_text(example_table(), Options{});
    const json j = json::parse(to_json(a));
    const json& s = j["small_study"];
    CHECK(s["k"] == 13);
    CHECK(s["tau2_method"] == "REML");
    CHECK(s["egger"]["computed"] == true);
    CHECK(s["egger"]["df"] == 11);
    CHECK(s["egger"].contains("t"));
    CHECK(s["egger_rma"].contains("z"));  // Wald without HKSJ
    CHECK(s["harbord"]["computed"] == false);  // RR
    CHECK(s["begg"]["exact"] == true);
    CHECK(s["trim_and_fill"]["side"] == "right");
    CHECK(s["trim_and_fill"]["filled"].size() == 1);
    CHECK(s["trim_and_fill"]["filled"][0]["mirror_index"].get<int>() >= 0);
    CHECK(text_report(a).find("Trim-and-fill (L0): 1 study filled on the right") != std::string::npos);
    const std::string low_power = "tests for funnel asymmetry have low power with fewer than 10 studies";
    auto warned = [&](const Analysis& x) {
        for (const std::string& w : x.warnings) {
            if (w.rfind(low_power, 0) == 0) return true;
        }
        return false;
    };
    CHECK_FALSE(warned(a));
    CHECK(warned(analyze_text("A,4,123,11,139\nB,6,306,29,303\nC,3,231,11,220\nD,62,13598,248,12867\n", Options{})));
    // Sensitivity steps do not repeat the small-study analysis.
    Options loo;
    loo.leave_one_out = true;
    CHECK(analyze_text(example_table(), loo).small_study.computed);
    Options off;
    off.small_study = false;
    CHECK_FALSE(analyze_text(example_table(), off).small_study.computed);
    CHECK(json::parse(to_json(analyze_text(example_table(), off))).count("small_study") == 0);
}

// (That small_study = false computes nothing and writes no "small_study" is
// checked in the test case above.)
TEST_CASE("option small-study no skips the tests and leaves the pooled analysis as it is", "[small-study][options]") {
    Options off;
    REQUIRE(!set_option(off, "small-study", "no"));
    CHECK_FALSE(off.small_study);
    CHECK(set_option(off, "small-study", "maybe"));
    const Analysis a = analyze_text(example_table(), Options{});
    const Analysis b = analyze_text(example_table(), off);
    CHECK(a.small_study.computed);
    CHECK_FALSE(b.small_study.computed);
    CHECK(b.random.estimate == a.random.estimate);
    CHECK(b.heterogeneity.tau2 == a.heterogeneity.tau2);
    CHECK(b.common.estimate == a.common.estimate);
}
