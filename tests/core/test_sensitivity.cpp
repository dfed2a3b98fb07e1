// Leave-one-out and cumulative meta-analysis agree with metafor's leave1out()
// and cumul() (tests/fixtures/sensitivity_reference.json, made by
// generate_sensitivity_fixtures.R); absolute effects follow their formulas.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "fixture_support.hpp"
#include "model/option_registry.hpp"

#include "analyze.hpp"
#include "output/text_report.hpp"

using nlohmann::json;
using namespace metapool;
using test::agrees;
using test::analysis_scale;
using test::at;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

const json& reference() { return test::fixture("sensitivity_reference.json"); }


void check_steps(const std::string& case_name, const std::vector<SensitivityStep>& steps, const json& mh,
                 const json& reml, Measure m) {
    REQUIRE(steps.size() == mh["estimate"].size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const SensitivityStep& s = steps[i];
        const std::string context = case_name + " step " + std::to_string(i);
        CHECK(s.label == mh["label"][i].get<std::string>());
        CHECK_AGREES("MH estimate", analysis_scale(s.common_estimate, m), at(mh["estimate"], i));
        CHECK_AGREES("MH ci_lower", analysis_scale(s.common_ci_lower, m), at(mh["ci_lower"], i));
        CHECK_AGREES("MH ci_upper", analysis_scale(s.common_ci_upper, m), at(mh["ci_upper"], i));
        CHECK_AGREES("MH p", s.common_p, at(mh["p"], i));
        CHECK_AGREES("Q", s.Q, at(mh["Q"], i));
        CHECK_AGREES("Q p", s.Q_p, at(mh["Q_p"], i));
        CHECK_AGREES("I2", s.I2, at(mh["I2"], i));
        CHECK_AGREES("REML estimate", analysis_scale(s.random_estimate, m), at(reml["estimate"], i));
        CHECK_AGREES("REML ci_lower", analysis_scale(s.random_ci_lower, m), at(reml["ci_lower"], i));
        CHECK_AGREES("REML ci_upper", analysis_scale(s.random_ci_upper, m), at(reml["ci_upper"], i));
        CHECK_AGREES("REML p", s.random_p, at(reml["p"], i));
        CHECK_AGREES("tau2", s.tau2, at(reml["tau2"], i));
    }
}

}  // namespace

TEST_CASE("leave-one-out and cumulative analyses agree with metafor", "[metafor]") {
    REQUIRE(reference()["cases"].size() >= 7);
    for (const json& c : reference()["cases"]) {
        Options o;
        REQUIRE(!set_option(o, "measure", c["measure"].get<std::string>()));
        o.leave_one_out = true;
        o.cumulative = true;
        const Analysis a = analyze_text(c["table"].get<std::string>(), o);
        REQUIRE(a.ok());
        const std::string context = c["name"].get<std::string>();
        check_steps(context + " leave-one-out", a.leave_one_out, c["leave1out"]["MH"], c["leave1out"]["REML"],
                    o.measure);
        check_steps(context + " cumulative", a.cumulative, c["cumul"]["MH"], c["cumul"]["REML"], o.measure);
    }
}

TEST_CASE("sensitivity tables are computed only when asked for") {
    const Analysis a = analyze_text("A,1,10,2,10\nB,2,10,3,10\nC,3,20,5,20\n", Options{});
    CHECK(a.leave_one_out.empty());
    CHECK(a.cumulative.empty());
}

TEST_CASE("absolute effects: risk per 1,000 and NNT from an assumed control risk") {
    // Two identical studies give a pooled estimate equal to each study's.
    const std::string text = "A,10,100,20,100\nB,10,100,20,100\n";
    Options o;
    o.control_risk = 0.2;
    o.method = CommonMethod::IV;
    const Analysis rr = analyze_text(text, o);  // RR 0.5
    CHECK_THAT(rr.absolute.common.risk_per_1000, WithinRel(100.0, 1e-12));
    CHECK_THAT(rr.absolute.common.difference_per_1000, WithinRel(-100.0, 1e-12));
    CHECK_THAT(rr.absolute.common.nnt, WithinRel(10.0, 1e-12));
    CHECK_FALSE(rr.absolute.common.nnt_ci_crosses_infinity);
    CHECK_THAT(rr.absolute.common.risk_per_1000_lower, WithinRel(200 * rr.common.ci_lower, 1e-12));
    o.measure = Measure::OR;  // OR = (10/90)/(20/80) = 4/9
    const Analysis odds = analyze_text(text, o);
    const double or_ = 4.0 / 9.0;
    CHECK_THAT(odds.absolute.common.risk_per_1000, WithinRel(1000 * or_ * 0.2 / (0.8 + or_ * 0.2), 1e-12));
    o.measure = Measure::RD;  // RD = -0.1
    const Analysis rd = analyze_text(text, o);
    CHECK_THAT(rd.absolute.common.risk_per_1000, WithinRel(100.0, 1e-9));
    CHECK_THAT(rd.absolute.common.nnt, WithinRel(10.0, 1e-9));
}

TEST_CASE("absolute effects use the pooled control risk by default; an NNT interval can cross infinity") {
    const Analysis a = analyze_text("A,10,100,12,100\nB,30,300,29,300\n", Options{});
    CHECK(a.absolute.control_risk_pooled);
    CHECK_THAT(a.absolute.control_risk, WithinRel(41.0 / 400.0, 1e-12));
    CHECK(a.absolute.common.nnt_ci_crosses_infinity);
}

TEST_CASE("the report words the NNT rounded up, and a harmful effect as an NNH") {
    Options o;
    o.control_risk = 0.2;
    o.method = CommonMethod::IV;
    o.small_study = false;
    // RR 0.5 at control risk 0.2: difference -0.1, NNT exactly 10 (not 11 from 10.000000000000002).
    CHECK_THAT(text_report(analyze_text("A,10,100,20,100\nB,10,100,20,100\n", o)), Contains("; NNT 10"));
    // RR 1.15 at 0.2: difference 0.03, NNH 1/0.03 = 33.3 -> 34.
    const Analysis harm = analyze_text("A,23,100,20,100\nB,23,100,20,100\n", o);
    REQUIRE(harm.absolute.random.nnt < 0);
    CHECK_THAT(harm.absolute.random.nnt, WithinRel(-1 / (0.2 * 1.15 - 0.2), 1e-9));
    CHECK_THAT(text_report(harm), Contains("; NNH 34"));
}
