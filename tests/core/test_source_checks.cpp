// Check against the source (core/checks/): printed forest-plot numbers
// against metapool's, on real printed analyses.
//
// RevMan 5: Fleiss (1993), aspirin after myocardial infarction, as RevMan
// 5.0.23 computed it and stored it in its review file (guido-s/meta,
// inst/extdata/Fleiss1993.rm5 and the RevMan export Fleiss93_CR.csv: per
// study EFFECT_SIZE, CI_START, CI_END, WEIGHT; pooled CHI2, DF, P_CHI2, I2,
// Z, P_Z; M-H fixed-effect odds ratio; revman5_fleiss1993.hpp holds them).
// fleiss_as_revman_prints_it() prints those values as RevMan's forest plot
// does: effects to 2 decimals, weights to 1, I2 as
// a whole percent, P with 2 decimals from 0.01 and one significant digit
// below, `< 0.00001` below 0.00001.
//
// metafor: BCG vaccine trials (metafor's dat.bcg), rma(measure = "RR",
// method = "REML") as metafor 3.8-1 printed it here (Rscript; predict() with
// transf = exp for the pooled RR): 0.4894 [0.3441, 0.6962], tau^2 0.3132,
// Q(df = 12) = 152.2330, I^2 92.22%, z = -3.9744, p < .0001. (DL would give
// 0.4896 [0.3449, 0.6950], tau^2 0.3088, I^2 92.12%, z = -3.9952.)
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "checks/precision.hpp"
#include "output/analysis_json.hpp"
#include "output/text_report.hpp"
#include "revman5_fleiss1993.hpp"

using namespace metapool;

namespace {

// A number as printed: "0.72", "< 0.00001", "40" (I2 without its %).
PrintedNumber printed(const std::string& text) {
    PrintedNumber p;
    std::string digits = text;
    if (!digits.empty() && (digits[0] == '<' || digits[0] == '>')) {
        p.relation = digits[0];
        digits = digits.substr(digits.find_first_not_of("<> "));
    }
    p.value = std::stod(digits);
    const auto dot = digits.find('.');
    p.decimals = dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1);
    return p;
}

std::string fixed(double x, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
}

// RevMan 5's P: 2 decimals from 0.01, one significant digit below, and
// `< 0.00001` below 0.00001 (as in the forest plots of Cochrane reviews).
std::string revman_p(double p) {
    if (p < 0.00001) return "< 0.00001";
    if (p >= 0.01) return fixed(p, 2);
    return fixed(p, static_cast<int>(-std::floor(std::log10(p))));
}

// The forest plot as RevMan prints it: header on line 1, studies on lines
// 2-8, Total on line 9.
ParsedTable fleiss_as_revman_prints_it() {
    ParsedTable t;
    t.header_line = 1;
    t.printed.analysis.present = true;
    t.printed.analysis.line = 1;
    t.printed.analysis.text = "Odds Ratio M-H, Fixed, 95% CI";
    t.printed.analysis.measure = "OR";
    t.printed.analysis.method = "MH";
    t.printed.analysis.model = "common";
    int line = 2;
    for (const test::RevManStudy& r : test::fleiss1993_studies()) {
        StudyRow row;
        row.label = r.label;
        row.e1 = r.e1; row.n1 = r.n1; row.e2 = r.e2; row.n2 = r.n2;
        row.line = line++;
        row.printed.weight = printed(fixed(r.weight, 1));
        row.printed.estimate = printed(fixed(r.effect, 2));
        row.printed.lower = printed(fixed(r.lower, 2));
        row.printed.upper = printed(fixed(r.upper, 2));
        t.rows.push_back(row);
    }
    const test::RevManPooled& pooled = test::kFleiss1993Pooled;
    PrintedPooled total;  // DICH_OUTCOME of Fleiss1993.rm5
    total.line = line;
    total.label = "Total (95% CI)";
    total.n1 = printed("14186");
    total.n2 = printed("13817");
    total.events1 = printed("2128");
    total.events2 = printed("2286");
    total.weight = printed("100.0");
    total.estimate = printed(fixed(pooled.effect, 2));
    total.lower = printed(fixed(pooled.lower, 2));
    total.upper = printed(fixed(pooled.upper, 2));
    total.Q = printed(fixed(pooled.chi2, 2));
    total.df = printed("6");
    total.Q_p = printed(revman_p(pooled.p_chi2));
    total.I2 = printed(fixed(pooled.i2, 0));
    total.z = printed(fixed(pooled.z, 2));
    total.p = printed(revman_p(pooled.p_z));
    t.printed.pooled.push_back(total);
    return t;
}

bool has_match(const PooledCheck& c, const std::string& preset, const std::string& option_part) {
    for (const Configuration& m : c.matches) {
        if (m.preset == preset && m.options.find(option_part) != std::string::npos) return true;
    }
    return false;
}

const CheckedNumber* number_named(const std::vector<CheckedNumber>& numbers, const std::string& name) {
    for (const CheckedNumber& n : numbers) {
        if (n.name == name) return &n;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("precision: a computed value agrees with a printed one within half a unit of its last place", "[checks]") {
    CHECK(agrees_at_printed_precision(printed("0.14"), 0.1449));
    CHECK(agrees_at_printed_precision(printed("0.14"), 0.135));
    CHECK_FALSE(agrees_at_printed_precision(printed("0.14"), 0.1451));
    CHECK_FALSE(agrees_at_printed_precision(printed("0.14"), 0.1349));
    CHECK(agrees_at_printed_precision(printed("51"), 50.6));
    CHECK_FALSE(agrees_at_printed_precision(printed("51"), 51.6));
    CHECK(agrees_at_printed_precision(printed("< 0.00001"), 3e-6));
    CHECK_FALSE(agrees_at_printed_precision(printed("< 0.00001"), 2e-5));
    CHECK_FALSE(agrees_at_printed_precision(printed("0.14"), std::nan("")));
    CHECK(printed_text(printed("< 0.00001")) == "< 0.00001");
    CHECK(computed_text(0.1349, printed("0.14")) == "0.13");
    CHECK(computed_text(3e-6, printed("0.001")) == "3e-06");
}

TEST_CASE("RevMan 5's Fleiss 1993 forest plot: every row agrees and RevMan 5's M-H fixed-effect OR reproduces the Total",
          "[checks]") {
    const Analysis a = analyze(fleiss_as_revman_prints_it(), Options{});
    const SourceChecks& c = a.checks;
    REQUIRE(c.present);
    CHECK(c.studies_checked == 7);
    CHECK(c.studies_flagged == 0);
    for (const StudyCheck& s : c.studies) {
        INFO(s.label << ": " << s.message);
        CHECK(s.agrees);
        CHECK(s.numbers.size() == 4);  // weight, effect, both limits
    }
    REQUIRE(c.pooled.size() == 1);
    const PooledCheck& total = c.pooled.front();
    INFO(total.message);
    CHECK(total.reproduced);
    CHECK(total.line == 9);
    CHECK(has_match(total, "revman5", "measure=OR;method=MH"));
    // The header said M-H, fixed, OR: nothing else is tried.
    for (const Configuration& m : total.matches) {
        CHECK(m.options.find("measure=OR;method=MH") != std::string::npos);
        CHECK(m.options.find("model=common") != std::string::npos);
    }
    CHECK(total.numbers.size() == 13);  // n1, n2, events1, events2, estimate, CI, Q, df, Q_p, I2, z, p
    CHECK(total.message.find("reproduced exactly as RevMan 5, M-H common-effect OR computes it") == 0 + total.label.size() + 2);
    CHECK(total.message.find("reproduced exactly as") != std::string::npos);
    CHECK(c.summary.find("Every printed study row follows from its counts (7 rows)") != std::string::npos);
}

TEST_CASE("Fleiss 1993 without the effect header: the search still names RevMan 5's M-H common-effect OR", "[checks]") {
    ParsedTable t = fleiss_as_revman_prints_it();
    t.printed.analysis = PrintedAnalysis{};
    const Analysis a = analyze(t, Options{});  // the user's RR does not restrict the search
    REQUIRE(a.checks.pooled.size() == 1);
    const PooledCheck& total = a.checks.pooled.front();
    INFO(total.message);
    CHECK(total.reproduced);
    CHECK(has_match(total, "revman5", "measure=OR;method=MH;model=common"));
    for (const Configuration& m : total.matches) CHECK(m.options.find("measure=OR") != std::string::npos);
    // The studies are checked as ORs, the measure the Total was found to be.
    CHECK(a.checks.studies_flagged == 0);
}

TEST_CASE("a printed row whose CI does not follow from its counts is flagged with its line", "[checks]") {
    ParsedTable t = fleiss_as_revman_prints_it();
    t.rows[1].printed.upper = printed("1.10");  // CDP: RevMan printed 1.01
    const Analysis a = analyze(t, Options{});
    const SourceChecks& c = a.checks;
    CHECK(c.studies_flagged == 1);
    REQUIRE(c.studies.size() == 7);
    const StudyCheck& cdp = c.studies[1];
    CHECK_FALSE(cdp.agrees);
    CHECK(cdp.line == 3);
    CHECK(cdp.message.find("line 3 (CDP)") == 0);
    CHECK(cdp.message.find("upper CI limit printed 1.10, computed 1.01") != std::string::npos);
    const CheckedNumber* upper = number_named(cdp.numbers, "ci_upper");
    REQUIRE(upper != nullptr);
    CHECK_FALSE(upper->agrees);
    CHECK(std::fabs(upper->computed - 1.0132119087766858) < 1e-6);
    for (std::size_t i = 0; i < c.studies.size(); ++i) {
        if (i != 1) CHECK(c.studies[i].agrees);
    }
    CHECK(c.summary.find("1 study row does not follow from its counts (line 3)") != std::string::npos);
    // The Total is still reproduced: the corrupted row is the paste's, not the pooling's.
    CHECK(c.pooled.front().reproduced);
}

TEST_CASE("a Total with one corrupted number is not reproduced; the closest configuration names the difference",
          "[checks]") {
    ParsedTable t = fleiss_as_revman_prints_it();
    t.printed.pooled.front().Q = printed("9.59");  // RevMan printed Chi2 = 9.95
    const Analysis a = analyze(t, Options{});
    REQUIRE(a.checks.pooled.size() == 1);
    const PooledCheck& total = a.checks.pooled.front();
    INFO(total.message);
    CHECK_FALSE(total.reproduced);
    CHECK(total.matches.empty());
    CHECK(total.closest.options.find("measure=OR;method=MH") != std::string::npos);
    CHECK(total.closest.description == "RevMan 5, M-H common-effect OR");
    const CheckedNumber* q = number_named(total.numbers, "Q");
    REQUIRE(q != nullptr);
    CHECK_FALSE(q->agrees);
    CHECK(q->printed == "9.59");
    CHECK(q->computed_text == "9.95");
    int disagreeing = 0;
    for (const CheckedNumber& n : total.numbers) disagreeing += n.agrees ? 0 : 1;
    CHECK(disagreeing == 1);
    CHECK(total.message.find("differs in Q: printed 9.59, computed 9.95") != std::string::npos);
    CHECK(a.checks.summary.find("no configuration reproduces the Total (95% CI)") != std::string::npos);
}

namespace {

struct CountRow {
    const char* label;
    double e1, n1, e2, n2;
};

// metafor's dat.bcg: tpos, tpos + tneg, cpos, cpos + cneg.
const std::vector<CountRow> kBcg = {
    {"Aronson 1948", 4, 123, 11, 139},          {"Ferguson & Simes 1949", 6, 306, 29, 303},
    {"Rosenthal et al 1960", 3, 231, 11, 220},  {"Hart & Sutherland 1977", 62, 13598, 248, 12867},
    {"Frimodt-Moller et al 1973", 33, 5069, 47, 5808}, {"Stein & Aronson 1953", 180, 1541, 372, 1451},
    {"Vandiviere et al 1973", 8, 2545, 10, 629}, {"TPT Madras 1980", 505, 88391, 499, 88391},
    {"Coetzee & Berjak 1968", 29, 7499, 45, 7277}, {"Rosenthal et al 1961", 17, 1716, 65, 1665},
    {"Comstock et al 1974", 186, 50634, 141, 27338}, {"Comstock & Webster 1969", 5, 2498, 3, 2341},
    {"Comstock et al 1976", 27, 16913, 29, 17854},
};

ParsedTable bcg_with_metafor_reml_total() {
    ParsedTable t;
    int line = 2;
    for (const CountRow& r : kBcg) {
        StudyRow row;
        row.label = r.label;
        row.e1 = r.e1; row.n1 = r.n1; row.e2 = r.e2; row.n2 = r.n2;
        row.line = line++;
        t.rows.push_back(row);
    }
    t.printed.analysis.present = true;
    t.printed.analysis.measure = "RR";
    t.printed.analysis.model = "random";
    PrintedPooled total;  // metafor 3.8-1, rma(measure = "RR", method = "REML")
    total.line = line;
    total.label = "Random-effects model";
    total.estimate = printed("0.4894");
    total.lower = printed("0.3441");
    total.upper = printed("0.6962");
    total.tau2 = printed("0.3132");
    total.Q = printed("152.2330");
    total.df = printed("12");
    total.I2 = printed("92.22");
    total.z = printed("-3.9744");
    total.p = printed("< 0.0001");
    t.printed.pooled.push_back(total);
    return t;
}

}  // namespace

TEST_CASE("a metafor REML random-effects total is attributed to REML, not DL", "[checks]") {
    const Analysis a = analyze(bcg_with_metafor_reml_total(), Options{});
    REQUIRE(a.checks.pooled.size() == 1);
    const PooledCheck& total = a.checks.pooled.front();
    INFO(total.message);
    REQUIRE(total.reproduced);
    for (const Configuration& m : total.matches) {
        INFO(m.options);
        CHECK(m.options.find("tau2=REML") != std::string::npos);
        CHECK(m.options.find("model=random") != std::string::npos);
        CHECK(m.options.find("hksj=no") != std::string::npos);
    }
    CHECK(total.message.find("with REML") != std::string::npos);
    CHECK(a.checks.studies_checked == 0);  // no printed row numbers
}

TEST_CASE("the same total printed with DL's numbers is attributed to DL", "[checks]") {
    ParsedTable t = bcg_with_metafor_reml_total();
    PrintedPooled& total = t.printed.pooled.front();  // metafor 3.8-1, method = "DL"
    total.estimate = printed("0.4896");
    total.lower = printed("0.3449");
    total.upper = printed("0.6950");
    total.tau2 = printed("0.3088");
    total.I2 = printed("92.12");
    total.z = printed("-3.9952");
    const Analysis a = analyze(t, Options{});
    const PooledCheck& check = a.checks.pooled.front();
    INFO(check.message);
    REQUIRE(check.reproduced);
    for (const Configuration& m : check.matches) CHECK(m.options.find("tau2=DL") != std::string::npos);
}

TEST_CASE("checks appear in the JSON and the report only when something was printed", "[checks]") {
    ParsedTable bare;
    for (StudyRow r : fleiss_as_revman_prints_it().rows) {
        r.printed = PrintedStudy{};
        bare.rows.push_back(r);
    }
    const Analysis none = analyze(bare, Options{});
    CHECK_FALSE(none.checks.present);
    const std::string none_json = to_json(none);
    CHECK(none_json.find("\"source\":null") != std::string::npos);
    CHECK(none_json.find("\"checks\":null") != std::string::npos);
    CHECK(none_json.find("\"printed\":null") != std::string::npos);
    CHECK(text_report(none).find("Check against the source") == std::string::npos);

    ParsedTable t = fleiss_as_revman_prints_it();
    t.rows[1].printed.upper = printed("1.10");
    const Analysis a = analyze(t, Options{});
    const std::string json = to_json(a);
    CHECK(json.find("\"checks\":{\"present\":true,\"studies_checked\":7,\"studies_flagged\":1,\"summary\":") != std::string::npos);
    CHECK(json.find("\"name\":\"ci_upper\",\"printed\":\"1.10\",\"computed\":") != std::string::npos);
    CHECK(json.find("\"reproduced\":true,\"matches\":[{\"preset\":") != std::string::npos);
    CHECK(json.find("\"source\":{\"analysis\":{\"line\":1,\"text\":\"Odds Ratio M-H, Fixed, 95% CI\"") != std::string::npos);
    CHECK(json.find("\"printed\":{\"weight\":{\"value\":3.2,\"decimals\":1,\"relation\":\"=\",\"text\":\"3.2\"}") != std::string::npos);
    const std::string report = text_report(a);
    CHECK(report.find("Check against the source\n  1 study row does not follow from its counts (line 3)") != std::string::npos);
    CHECK(report.find("line 3 (CDP): the printed numbers do not follow from its counts") != std::string::npos);
}

TEST_CASE("nested analyses (sensitivity, subgroups) do not check against the source again", "[checks]") {
    ParsedTable t = fleiss_as_revman_prints_it();
    for (std::size_t i = 0; i < t.rows.size(); ++i) t.rows[i].group = i < 3 ? "early" : "late";
    t.group_column = 1;
    Options o;
    o.leave_one_out = true;
    o.cumulative = true;
    const Analysis a = analyze(t, o);
    CHECK(a.checks.present);
    CHECK(a.leave_one_out.size() == 7);
    CHECK(a.subgroups.groups.size() == 2);
    CHECK(a.checks.pooled.size() == 1);
}

namespace {

// Fleiss 1993 split into two subgroups (the first three trials, the last
// four), printed as RevMan 5 prints subtotals. The subtotals are metafor
// 3.8-1's rma.mh(measure = "OR") of each subgroup (M-H OR as RevMan
// computes it): early 0.7491 [0.6151, 0.9123], Q = 0.4980 (P = 0.7796),
// I2 = 0, z = -2.8734 (P = 0.004061); late 0.9169 [0.8560, 0.9822],
// Q = 5.8659 (P = 0.1183), I2 = 48.8567, z = -2.4719 (P = 0.013439). The
// test for subgroup differences: rma(yi, sei, method = "FE") of the two
// M-H estimates: Q = 3.604468, P = 0.057625, I2 = 72.2567.
ParsedTable fleiss_with_subtotals() {
    ParsedTable t = fleiss_as_revman_prints_it();
    t.group_column = 0;  // RevMan prints subgroups as headings, not a column
    for (std::size_t i = 0; i < t.rows.size(); ++i) t.rows[i].group = i < 3 ? "early" : "late";
    PrintedPooled early;
    early.line = 20;
    early.label = "Subtotal (95% CI)";
    early.group = "early";
    early.estimate = printed("0.75");
    early.lower = printed("0.62");
    early.upper = printed("0.91");
    early.Q = printed("0.50");
    early.df = printed("2");
    early.Q_p = printed(revman_p(0.7796));
    early.I2 = printed("0");
    early.z = printed("2.87");
    early.p = printed(revman_p(0.004061));
    PrintedPooled late = early;
    late.line = 30;
    late.group = "late";
    late.estimate = printed("0.92");
    late.lower = printed("0.86");
    late.upper = printed("0.98");
    late.Q = printed("5.87");
    late.df = printed("3");
    late.Q_p = printed(revman_p(0.1183));
    late.I2 = printed("49");
    late.z = printed("2.47");
    late.p = printed(revman_p(0.013439));
    t.printed.pooled.insert(t.printed.pooled.begin(), {early, late});
    t.printed.subgroup_test.line = 40;
    t.printed.subgroup_test.Q = printed("3.60");
    t.printed.subgroup_test.df = printed("1");
    t.printed.subgroup_test.p = printed(revman_p(0.057625));
    t.printed.subgroup_test.I2 = printed("72.3");
    return t;
}

}  // namespace

TEST_CASE("RevMan subtotals are checked against the subgroups' own analyses, and the test for subgroup differences",
          "[checks]") {
    const Analysis a = analyze(fleiss_with_subtotals(), Options{});
    const SourceChecks& c = a.checks;
    REQUIRE(c.pooled.size() == 4);  // two subtotals, the Total, the subgroup test
    CHECK(c.pooled[0].group == "early");
    CHECK(c.pooled[1].group == "late");
    CHECK(c.pooled[2].group.empty());
    for (const PooledCheck& p : c.pooled) {
        INFO(p.message);
        CHECK(p.reproduced);
        CHECK(p.closest.preset == "revman5");
    }
    CHECK(has_match(c.pooled[0], "revman5", "measure=OR;method=MH"));
    CHECK(c.pooled[3].label == "Test for subgroup differences");
    CHECK(c.pooled[3].numbers.size() == 4);
    CHECK(c.studies_flagged == 0);
    CHECK(c.summary.find("4 of 4 printed pooled results reproduced") != std::string::npos);

    ParsedTable wrong = fleiss_with_subtotals();
    wrong.printed.pooled[1].upper = printed("0.89");   // late subtotal: printed 0.98
    wrong.printed.subgroup_test.Q = printed("3.06");   // printed 3.60
    const Analysis b = analyze(wrong, Options{});
    CHECK(b.checks.pooled[0].reproduced);
    CHECK_FALSE(b.checks.pooled[1].reproduced);
    CHECK(b.checks.pooled[1].message.find("differs in ci_upper: printed 0.89, computed 0.98") != std::string::npos);
    CHECK_FALSE(b.checks.pooled[3].reproduced);
    CHECK(b.checks.pooled[3].message.find("Q: printed 3.06, computed 3.60") != std::string::npos);
}

TEST_CASE("a paper's arm percentages are checked against the counts", "[checks]") {
    ParsedTable t;
    StudyRow row;  // `2/55 (3.6%)` and `5/60 (8.3%)`
    row.label = "Trial A";
    row.e1 = 2; row.n1 = 55; row.e2 = 5; row.n2 = 60;
    row.line = 2;
    row.printed.percent1 = printed("3.6");
    row.printed.percent2 = printed("8.3");
    t.rows.push_back(row);
    row.label = "Trial B";  // `7/40 (17.5%)` but `9/41 (2.2%)`: 9/41 is 22.0%
    row.e1 = 7; row.n1 = 40; row.e2 = 9; row.n2 = 41;
    row.line = 3;
    row.printed.percent1 = printed("17.5");
    row.printed.percent2 = printed("2.2");
    t.rows.push_back(row);
    const Analysis a = analyze(t, Options{});
    REQUIRE(a.checks.studies.size() == 2);
    CHECK(a.checks.studies[0].agrees);
    CHECK_FALSE(a.checks.studies[1].agrees);
    CHECK(a.checks.studies[1].message.find("percentage of the second arm printed 2.2, computed 22.0") != std::string::npos);
    CHECK(a.checks.pooled.empty());
}

TEST_CASE("rows pasted without their Total are checked under the printed header", "[checks]") {
    ParsedTable t = fleiss_as_revman_prints_it();
    t.printed.pooled.clear();
    t.rows[4].printed.estimate = printed("0.89");  // PARIS: RevMan printed 0.80
    const Analysis a = analyze(t, Options{});      // the user's measure is RR; the header says OR
    const SourceChecks& c = a.checks;
    CHECK(c.pooled.empty());
    CHECK(c.studies_checked == 7);
    CHECK(c.studies_flagged == 1);
    CHECK_FALSE(c.studies[4].agrees);
    CHECK(c.studies[4].message.find("line 6 (PARIS)") == 0);
    CHECK(c.studies[4].message.find("effect printed 0.89, computed 0.80") != std::string::npos);
}

TEST_CASE("a Total that names its tau2 estimator (RevMan Web: Tau2 (REML)) is searched under that estimator only",
          "[checks]") {
    ParsedTable t = bcg_with_metafor_reml_total();
    t.printed.pooled.front().tau2_method = "REML";
    const Analysis a = analyze(t, Options{});
    const PooledCheck& reml = a.checks.pooled.front();
    CHECK(reml.reproduced);
    t.printed.pooled.front().tau2_method = "DL";  // the REML numbers, labelled DL: nothing reproduces them
    const Analysis b = analyze(t, Options{});
    const PooledCheck& dl = b.checks.pooled.front();
    INFO(dl.message);
    CHECK_FALSE(dl.reproduced);
    CHECK(dl.closest.options.find("tau2=DL") != std::string::npos);
    CHECK(number_named(dl.numbers, "tau2")->computed_text == "0.3088");
}
