// Every statistic agrees with metafor to 1e-6 relative on the committed
// reference fixtures (tests/fixtures/metafor_reference.json, made by
// tests/fixtures/generate_fixtures.R). Fixture values are on the analysis
// scale; the core reports ratios on the natural scale, so limits are compared
// after log().
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "model/option_registry.hpp"
#include "analyze.hpp"
#include "fixture_support.hpp"

using nlohmann::json;
using namespace metapool;
using test::agrees;
using test::analysis_scale;
using test::number;

namespace {

const json& reference() {
    static const json doc = test::load_fixture("metafor_reference.json");
    return doc;
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

// metapool leaves a study with zero sampling variance (RD without continuity
// correction and no events, or only events, in both arms) out of every
// inverse-variance computation, where metafor keeps it with weight 1/tau2 and
// cannot compute Q. Such cases are compared on the Mantel-Haenszel part only;
// test_statistics.cpp checks that the study is left out with its reason.
bool has_zero_variance(const json& c) {
    for (const json& s : c["studies"]) {
        if (s["vi"].is_number() && s["vi"].get<double>() == 0) return true;
    }
    return false;
}

void check_studies(const std::string& context, const json& c, const Analysis& a) {
    const json& studies = c["studies"];
    REQUIRE(studies.size() == a.studies.size());
    for (std::size_t i = 0; i < studies.size(); ++i) {
        if (studies[i]["vi"].is_number() && studies[i]["vi"].get<double>() == 0) {
            CHECK(std::isnan(a.studies[i].y));
            continue;
        }
        CHECK_AGREES("study " << i << " yi", a.studies[i].y, number(studies[i], "yi"));
        CHECK_AGREES("study " << i << " vi", a.studies[i].v, number(studies[i], "vi"));
    }
}

void check_weights(const std::string& context, const char* what, const json& weights, const Analysis& a,
                   double StudyResult::*field) {
    REQUIRE(weights.size() == a.studies.size());
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double theirs = weights[i].is_null() ? std::nan("") : weights[i].get<double>();
        CHECK_AGREES(what << " weight " << i, a.studies[i].*field, theirs);
    }
}

void check_common(const std::string& context, const json& ref, const Analysis& a, bool with_q) {
    const Measure m = a.options.measure;
    CHECK_AGREES("common y", a.common.y, number(ref, "y"));
    CHECK_AGREES("common se", a.common.se, number(ref, "se"));
    CHECK_AGREES("common z", a.common.z, number(ref, "z"));
    CHECK_AGREES("common p", a.common.p, number(ref, "p"));
    CHECK_AGREES("common ci_lower", analysis_scale(a.common.ci_lower, m), number(ref, "ci_lower"));
    CHECK_AGREES("common ci_upper", analysis_scale(a.common.ci_upper, m), number(ref, "ci_upper"));
    if (ref.contains("weights")) check_weights(context, "common", ref["weights"], a, &StudyResult::weight_common);
    if (!with_q) return;
    CHECK_AGREES("Q", a.heterogeneity.Q, number(ref, "Q"));
    CHECK_AGREES("Q df", a.heterogeneity.df, number(ref, "Q_df"));
    CHECK_AGREES("Q p", a.heterogeneity.p, number(ref, "Q_p"));
    // For the IV model the fixture holds metafor's own I2/H2 as I2_metafor
    // (0 and 1 when k = 1, the convention metapool follows).
    CHECK_AGREES("I2", a.heterogeneity.I2, number(ref, ref.contains("I2_metafor") ? "I2_metafor" : "I2"));
    CHECK_AGREES("H2", a.heterogeneity.H2, number(ref, ref.contains("H2_metafor") ? "H2_metafor" : "H2"));
}

void check_random(const std::string& context, const json& ref, const Analysis& a) {
    const Measure m = a.options.measure;
    CHECK_AGREES("tau2", a.heterogeneity.tau2, number(ref, "tau2"));
    CHECK_AGREES("random y", a.random.y, number(ref, "y"));
    CHECK_AGREES("random se", a.random.se, number(ref, "se"));
    CHECK_AGREES("random z", a.random.z, number(ref, "z"));
    CHECK_AGREES("random p", a.random.p, number(ref, "p"));
    CHECK_AGREES("random ci_lower", analysis_scale(a.random.ci_lower, m), number(ref, "ci_lower"));
    CHECK_AGREES("random ci_upper", analysis_scale(a.random.ci_upper, m), number(ref, "ci_upper"));
    CHECK_AGREES("pi_lower", analysis_scale(a.random.pi_lower, m), number(ref, "pi_lower"));
    CHECK_AGREES("pi_upper", analysis_scale(a.random.pi_upper, m), number(ref, "pi_upper"));
    CHECK_AGREES("random df", a.random.df, number(ref, "df"));
    if (ref.contains("weights")) check_weights(context, "random", ref["weights"], a, &StudyResult::weight_random);
}

void check_tau2_interval(const std::string& context, const json& ref, const Analysis& a) {
    const Heterogeneity& h = a.heterogeneity;
    CHECK_AGREES("tau2 ci lower", h.tau2_ci_lower, number(ref, "tau2_lower"));
    CHECK_AGREES("tau2 ci upper", h.tau2_ci_upper, number(ref, "tau2_upper"));
    CHECK_AGREES("I2 ci lower", h.I2_ci_lower, number(ref, "I2_lower"));
    CHECK_AGREES("I2 ci upper", h.I2_ci_upper, number(ref, "I2_upper"));
    CHECK_AGREES("H2 ci lower", h.H2_ci_lower, number(ref, "H2_lower"));
    CHECK_AGREES("H2 ci upper", h.H2_ci_upper, number(ref, "H2_upper"));
}

bool usable(const json& ref) { return ref.is_object() && !ref.contains("error"); }

}  // namespace

TEST_CASE("fixtures were generated by metafor and cover the methods", "[metafor]") {
    const json& doc = reference();
    REQUIRE(doc["cases"].size() == 105);  // tests/fixtures/README.md lists them
    CHECK(doc["metafor_version"].get<std::string>().rfind("3.", 0) == 0);
}

TEST_CASE("per-study effects, common effects and Q agree with metafor", "[metafor]") {
    for (const json& c : reference()["cases"]) {
        Options o = case_options(c);
        for (const auto& [method, ref] : c["common"].items()) {
            if (!usable(ref) || (method != "MH" && has_zero_variance(c))) continue;
            REQUIRE(!set_option(o, "method", method));
            const std::string context = c["name"].get<std::string>() + " / " + method;
            const Analysis a = analyze_text(c["table"].get<std::string>(), o);
            REQUIRE(a.ok());
            // Under PETO a study's y and v are its own Peto log OR and 1/V
            // (RevMan 5), not the log OR these fixtures hold: they are checked
            // against escalc(measure = "PETO", add = 0) in test_peto_fixtures.cpp.
            if (method != "PETO") check_studies(context, c, a);
            check_common(context, ref, a, !has_zero_variance(c));
        }
    }
}

TEST_CASE("tau2, random effects, HKSJ and prediction intervals agree with metafor", "[metafor]") {
    for (const json& c : reference()["cases"]) {
        if (has_zero_variance(c)) continue;
        Options o = case_options(c);
        o.method = CommonMethod::IV;
        for (const auto& [estimator, tests] : c["random"].items()) {
            REQUIRE(!set_option(o, "tau2", estimator));
            for (const auto& [test, ref] : tests.items()) {
                if (!usable(ref)) continue;
                o.hksj = test == "knha";
                const std::string context = c["name"].get<std::string>() + " / " + estimator + " / " + test;
                const Analysis a = analyze_text(c["table"].get<std::string>(), o);
                REQUIRE(a.ok());
                check_random(context, ref, a);
            }
        }
    }
}

TEST_CASE("the Q-profile interval for tau2, I2 and H2 agrees with metafor", "[metafor]") {
    for (const json& c : reference()["cases"]) {
        if (!usable(c["tau2_ci"]) || has_zero_variance(c)) continue;
        Options o = case_options(c);
        o.method = CommonMethod::IV;
        const std::string context = c["name"].get<std::string>();
        check_tau2_interval(context, c["tau2_ci"], analyze_text(c["table"].get<std::string>(), o));
    }
}
