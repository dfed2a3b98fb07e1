// Subgroups, cumulative meta-analysis by a year column and generic
// inverse-variance rows agree with metafor (tests/fixtures/
// subgroup_reference.json, made by generate_subgroup_fixtures.R): each
// subgroup's common effect, random effects, Q, I2 and tau2; the tests for
// subgroup differences (common and random effects); cumul(order = year);
// the per-study y and v recovered from the effect lines. Then the rules
// around them: grouping order, warnings, refusals, JSON fields.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "fixture_support.hpp"
#include "model/option_registry.hpp"

#include "analyze.hpp"
#include "output/analysis_json.hpp"
#include "plots/forest_plot.hpp"
#include "subgroups.hpp"

using nlohmann::json;
using namespace metapool;
using test::agrees;
using test::analysis_scale;
using test::at;

namespace {

const json& reference() { return test::fixture("subgroup_reference.json"); }

void check_pooled(const std::string& context, const CommonEffect& c, const RandomEffects& r, const Heterogeneity& h,
                  const json& want) {
    CHECK_AGREES("common y", c.y, test::number(want["common"]["y"]));
    CHECK_AGREES("common se", c.se, test::number(want["common"]["se"]));
    CHECK_AGREES("common p", c.p, test::number(want["common"]["p"]));
    CHECK_AGREES("random y", r.y, test::number(want["random"]["y"]));
    CHECK_AGREES("random se", r.se, test::number(want["random"]["se"]));
    CHECK_AGREES("random p", r.p, test::number(want["random"]["p"]));
    CHECK_AGREES("Q", h.Q, test::number(want["Q"]));
    CHECK_AGREES("Q p", h.p, test::number(want["Q_p"]));
    CHECK_AGREES("I2", h.I2, test::number(want["I2"]));
    const double tau2 = std::isnan(h.tau2) && r.k == 1 ? 0.0 : h.tau2;  // one study: metafor fits tau2 = 0
    CHECK_AGREES("tau2", tau2, test::number(want["tau2"]));
}

void check_test(const std::string& context, const SubgroupDifferenceTest& t, const json& want) {
    CHECK(t.groups == want["groups"].get<int>());
    CHECK_AGREES("Q between", t.Q, test::number(want["Q"]));
    CHECK_AGREES("df", t.df, test::number(want["df"]));
    CHECK_AGREES("p", t.p, test::number(want["p"]));
    CHECK_AGREES("I2", t.I2, test::number(want["I2"]));
}

void check_steps(const std::string& context, const std::vector<SensitivityStep>& steps, const json& common,
                 const json& random, Measure m) {
    REQUIRE(steps.size() == common["estimate"].size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const SensitivityStep& s = steps[i];
        INFO("step " << i);
        CHECK(s.label == common["label"][i].get<std::string>());
        CHECK_AGREES("common estimate", analysis_scale(s.common_estimate, m), at(common["estimate"], i));
        CHECK_AGREES("common ci_lower", analysis_scale(s.common_ci_lower, m), at(common["ci_lower"], i));
        CHECK_AGREES("common ci_upper", analysis_scale(s.common_ci_upper, m), at(common["ci_upper"], i));
        CHECK_AGREES("common p", s.common_p, at(common["p"], i));
        CHECK_AGREES("Q", s.Q, at(common["Q"], i));
        CHECK_AGREES("Q p", s.Q_p, at(common["Q_p"], i));
        CHECK_AGREES("I2", s.I2, at(common["I2"], i));
        CHECK_AGREES("random estimate", analysis_scale(s.random_estimate, m), at(random["estimate"], i));
        CHECK_AGREES("random ci_lower", analysis_scale(s.random_ci_lower, m), at(random["ci_lower"], i));
        CHECK_AGREES("random ci_upper", analysis_scale(s.random_ci_upper, m), at(random["ci_upper"], i));
        CHECK_AGREES("random p", s.random_p, at(random["p"], i));
        CHECK_AGREES("tau2", s.tau2, at(random["tau2"], i));
    }
}

Options options_of(const json& c) {
    Options o;
    REQUIRE(!set_option(o, "measure", c["measure"].get<std::string>()));
    REQUIRE(!set_option(o, "method", c["method"].get<std::string>()));
    REQUIRE(!set_option(o, "tau2", c["tau2"].get<std::string>()));
    o.hksj = c["hksj"].get<bool>();
    o.cumulative = c.contains("cumul");
    return o;
}

}  // namespace

TEST_CASE("subgroups, cumulative by year and generic inverse-variance rows agree with metafor", "[metafor]") {
    const long checks_before = test::agreement_checks();
    REQUIRE(reference()["cases"].size() >= 16);
    for (const json& c : reference()["cases"]) {
        const std::string context = c["name"].get<std::string>();
        INFO(context);
        const Options o = options_of(c);
        const Analysis a = analyze_text(c["table"].get<std::string>(), o);
        REQUIRE(a.ok());
        CHECK(a.errors.empty());
        check_pooled(context + " overall", a.common, a.random, a.heterogeneity, c["overall"]);
        REQUIRE(a.subgroups.present);
        REQUIRE(a.subgroups.groups.size() == c["subgroups"].size());
        for (std::size_t g = 0; g < a.subgroups.groups.size(); ++g) {
            const SubgroupResult& s = a.subgroups.groups[g];
            const json& want = c["subgroups"][g];
            CHECK(s.name == want["name"].get<std::string>());
            CHECK(s.k == want["k"].get<int>());
            CHECK(s.ok());
            check_pooled(context + " subgroup " + s.name, s.common, s.random, s.heterogeneity, want);
        }
        check_test(context + " test (common)", a.subgroups.common, c["test"]["common"]);
        check_test(context + " test (random)", a.subgroups.random, c["test"]["random"]);
        if (c.contains("studies")) {
            const json& st = c["studies"];
            REQUIRE(a.studies.size() == st["label"].size());
            for (std::size_t i = 0; i < a.studies.size(); ++i) {
                CHECK(a.studies[i].label == st["label"][i].get<std::string>());
                CHECK(a.studies[i].generic == st["generic"][i].get<bool>());
                CHECK_AGREES("study y", a.studies[i].y, test::number(st["y"][i]));
                CHECK_AGREES("study v", a.studies[i].v, test::number(st["v"][i]));
            }
        }
        if (c.contains("cumul")) {
            CHECK(a.has_year);
            check_steps(context + " cumulative by year", a.cumulative, c["cumul"]["common"], c["cumul"]["random"],
                        o.measure);
        }
    }
    CHECK(test::agreement_checks() - checks_before > 1500);
}

TEST_CASE("test for subgroup differences: the fixed-effect Q of the subgroup estimates") {
    // Two subgroups, estimates 0 and 1 with SE 1 and 1: y_bar = 0.5, Q = 0.5.
    const SubgroupDifferenceTest t = subgroup_difference_test({0.0, 1.0}, {1.0, 1.0});
    CHECK(t.groups == 2);
    CHECK(t.Q == Approx(0.5));
    CHECK(t.df == 1);
    CHECK(t.p == Approx(0.4795001221869535));
    CHECK(t.I2 == 0);
    const SubgroupDifferenceTest one = subgroup_difference_test({0.3}, {0.1});
    CHECK(one.groups == 1);
    CHECK(std::isnan(one.Q));
    CHECK(std::isnan(one.p));
}

TEST_CASE("subgroups come in order of first appearance; each subgroup keeps the options") {
    const std::string text =
        "study,e1,n1,e2,n2,group\n"
        "A,10,100,20,100,beta\n"
        "B,5,50,9,50,alpha\n"
        "C,8,80,12,80,beta\n"
        "D,0,30,0,30,alpha\n"
        "E,3,40,8,40,alpha\n";
    Options o;
    const Analysis a = analyze_text(text, o);
    REQUIRE(a.ok());
    REQUIRE(a.subgroups.groups.size() == 2);
    CHECK(a.subgroups.groups[0].name == "beta");
    CHECK(a.subgroups.groups[0].rows == 2);
    CHECK(a.subgroups.groups[1].name == "alpha");
    CHECK(a.subgroups.groups[1].rows == 3);
    CHECK(a.subgroups.groups[1].k == 2);  // D is a double zero, left out
    CHECK(a.studies[1].group == "alpha");
    // A subgroup's numbers are those of its rows pasted alone.
    const Analysis beta = analyze_text("A,10,100,20,100\nC,8,80,12,80\n", o);
    CHECK(a.subgroups.groups[0].common.y == beta.common.y);
    CHECK(a.subgroups.groups[0].random.y == beta.random.y);
    CHECK(a.subgroups.groups[0].heterogeneity.Q == beta.heterogeneity.Q);
}

TEST_CASE("subgroup warnings: names that differ only in case, a subgroup with nothing to analyse, one subgroup") {
    Options o;
    const Analysis a = analyze_text("study,group,e1,n1,e2,n2\nA,BCG,1,10,3,10\nB,bcg,2,10,3,10\nC,none,0,10,0,10\n", o);
    REQUIRE(a.ok());
    REQUIRE(a.subgroups.groups.size() == 3);
    CHECK_FALSE(a.subgroups.groups[2].ok());
    CHECK(a.subgroups.common.groups == 2);
    bool twin = false, empty = false;
    for (const std::string& w : a.warnings) {
        twin = twin || w.find("'BCG' and 'bcg' differ only in case") != std::string::npos;
        empty = empty || w.find("subgroup 'none'") != std::string::npos;
    }
    CHECK(twin);
    CHECK(empty);
    const Analysis one = analyze_text("study,group,e1,n1,e2,n2\nA,x,1,10,3,10\nB,x,2,10,3,10\n", o);
    REQUIRE(one.subgroups.groups.size() == 1);
    CHECK(std::isnan(one.subgroups.random.Q));
    bool needs_two = false;
    for (const std::string& w : one.warnings) needs_two = needs_two || w.find("at least 2 subgroups") != std::string::npos;
    CHECK(needs_two);
}

TEST_CASE("cumulative: pasted order without a year column, year order (ties as pasted) with one") {
    Options o;
    o.cumulative = true;
    const std::string rows = "A,1,10,3,10,2001\nB,2,10,3,10,1999\nC,3,10,4,10,2001\nD,1,10,4,10,1999\n";
    const Analysis by_year = analyze_text("study,e1,n1,e2,n2,year\n" + rows, o);
    REQUIRE(by_year.cumulative.size() == 4);
    CHECK(by_year.cumulative[0].label == "B");
    CHECK(by_year.cumulative[1].label == "D");
    CHECK(by_year.cumulative[2].label == "A");
    CHECK(by_year.cumulative[3].label == "C");
    CHECK(by_year.cumulative[0].year == 1999);
    const Analysis pasted = analyze_text("study,e1,n1,e2,n2,notes\nA,1,10,3,10\nB,2,10,3,10\n", o);
    REQUIRE(pasted.cumulative.size() == 2);
    CHECK(pasted.cumulative[0].label == "A");
}

TEST_CASE("generic rows: another measure is refused at its line; MH and Peto refuse reported effects") {
    const std::string text = "A,RR 0.54 (0.40 to 0.72)\nB,12,100,20,98\nC,OR 0.5 (0.3 to 0.9)\n";
    Options o;
    o.method = CommonMethod::IV;
    const Analysis a = analyze_text(text, o);
    REQUIRE(a.ok());
    CHECK(a.k == 2);
    REQUIRE(a.errors.size() == 1);
    CHECK(a.errors[0].line == 3);
    CHECK(a.errors[0].column == 2);
    CHECK(a.errors[0].message ==
          "line 3, column 2: this row reports an odds ratio (OR), but the analysis measure is RR: give this study's RR "
          "or its counts, or change the measure");
    CHECK(a.errors[0].text == "C,OR 0.5 (0.3 to 0.9)");
    CHECK(a.total_participants == 198);  // B's 100 + 98: reported effects have no counts
    CHECK(std::isfinite(a.absolute.control_risk));
    CHECK(a.studies[0].generic);
    CHECK(std::isnan(a.studies[0].e1));
    CHECK(a.studies[0].reported == "RR 0.54 (0.40 to 0.72)");
    CHECK(a.studies[0].y == Approx(std::log(0.54)));
    CHECK(a.studies[0].se == Approx((std::log(0.72) - std::log(0.40)) / (2 * 1.959963984540054)));

    Options mh;
    const Analysis refused = analyze_text(text, mh);
    CHECK_FALSE(refused.ok());
    CHECK(message_of(refused.problem).find("line 1 reports an effect instead of counts") == 0);
    CHECK(message_of(refused.problem).find("choose method IV") != std::string::npos);
    Options peto;
    peto.measure = Measure::OR;
    peto.method = CommonMethod::PETO;
    CHECK(message_of(analyze_text("A,OR 0.5 (0.3 to 0.9)\nB,1,10,2,10\n", peto).problem).find("Peto's sums") != std::string::npos);
}

TEST_CASE("generic rows: levels other than 95%, the se form, Peters' and Harbord's tests not computed") {
    Options o;
    o.method = CommonMethod::IV;
    o.measure = Measure::OR;
    const Analysis a = analyze_text(
        "A,OR 2 (90% CI 1.2 to 3.5)\nB,log OR 0.4 (se 0.3)\nC\tOR 1.5 [1.1, 2.2]\nD,10,50,5,50\nE,OR 1.5 [1.1, 2.2]\n",
        o);
    REQUIRE(a.ok());
    REQUIRE(a.studies.size() == 4);
    REQUIRE(a.errors.size() == 1);  // E: the comma inside the interval splits a comma line
    CHECK(a.errors[0].message.find("line 5, column 2: the comma inside the effect splits the line at commas") == 0);
    CHECK(a.studies[0].se == Approx((std::log(3.5) - std::log(1.2)) / (2 * 1.6448536269514722)));
    CHECK(a.studies[1].y == Approx(0.4));
    CHECK(a.studies[1].se == Approx(0.3));
    CHECK(a.studies[2].se == Approx((std::log(2.2) - std::log(1.1)) / (2 * 1.959963984540054)));
    CHECK_FALSE(a.small_study.peters.computed);
    CHECK(a.small_study.peters.note.find("report only their effect") != std::string::npos);
    CHECK_FALSE(a.small_study.harbord.computed);
}

TEST_CASE("JSON: subgroups, subgroup_test, and group, year, reported in studies") {
    Options o;
    o.method = CommonMethod::IV;
    o.cumulative = true;
    const std::string text = "study\tgroup\tyear\te1\tn1\te2\tn2\n"
                             "A\tx\t2001\t10\t100\t20\t100\n"
                             "B\ty\t1999\tRR 0.7 (0.5 to 0.98)\n"
                             "C\tx\t2003\t5\t50\t9\t50\n";
    const json j = json::parse(to_json(analyze_text(text, o)));
    REQUIRE(j["subgroups"].size() == 2);
    const json& x = j["subgroups"][0];
    CHECK(x["name"] == "x");
    CHECK(x["rows"] == 2);
    CHECK(x["k"] == 2);
    CHECK(x["ok"] == true);
    CHECK(x.contains("common"));
    CHECK(x.contains("random"));
    CHECK(x["heterogeneity"].contains("tau2"));
    CHECK(j["subgroup_test"]["common"]["groups"] == 2);
    CHECK(j["subgroup_test"]["random"]["df"] == 1);
    CHECK(j["studies"][0]["group"] == "x");
    CHECK(j["studies"][0]["year"] == 2001);
    CHECK_FALSE(j["studies"][0].contains("reported"));
    CHECK(j["studies"][1]["reported"] == "RR 0.7 (0.5 to 0.98)");
    CHECK(j["studies"][1]["e1"].is_null());
    CHECK(j["cumulative"][0]["label"] == "B");
    CHECK(j["cumulative"][0]["year"] == 1999);
    const json plain = json::parse(to_json(analyze_text("A,1,10,2,10\nB,2,10,3,10\n", Options{})));
    CHECK_FALSE(plain.contains("subgroups"));
    CHECK_FALSE(plain["studies"][0].contains("group"));
    CHECK_FALSE(plain["studies"][0].contains("year"));
}

TEST_CASE("forest plot: subgroup headings, subtotal diamonds and the test line") {
    Options o;
    const Analysis a = analyze_text("study,group,e1,n1,e2,n2\nA,x,10,100,20,100\nB,y,5,50,9,50\nC,x,8,80,12,80\n"
                                    "D,y,3,40,8,40\n",
                                    o);
    const std::string svg = forest_plot_svg(a);
    auto count = [&](const std::string& s) {
        std::size_t n = 0;
        for (std::size_t p = svg.find(s); p != std::string::npos; p = svg.find(s, p + 1)) ++n;
        return n;
    };
    CHECK(count("class=\"subgroup-heading\"") == 2);
    CHECK(count("class=\"subgroup-diamond common\"") == 2);
    CHECK(count("class=\"subgroup-diamond random\"") == 2);
    CHECK(count("class=\"diamond common\"") == 1);
    CHECK(count("class=\"subgroup-test\"") == 1);
    CHECK(svg.find("Test for subgroup differences: common effect Q = ") != std::string::npos);
    // Rows are grouped: A, C under x, then B, D under y.
    CHECK(svg.find(">A<") < svg.find(">C<"));
    CHECK(svg.find(">C<") < svg.find(">B<"));
    CHECK(svg.find(">B<") < svg.find(">D<"));
}
