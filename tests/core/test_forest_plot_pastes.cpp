// Forest-plot tables pasted as text (core/input/forest_plot_table.cpp) and
// checked against their printed numbers (core/checks/): one real analysis in
// the shapes people copy it from.
//
// The analysis: Fleiss (1993), aspirin after myocardial infarction, as
// RevMan 5 computed it and stored it in its review file (guido-s/meta,
// inst/extdata/Fleiss1993.rm5: M-H fixed-effect odds ratio). The numbers
// below are RevMan's stored results rounded as its forest plot prints them
// (tests/core/test_source_checks.cpp holds the unrounded values): effects to
// 2 decimals, weights to 1, I² to a whole percent.
#include <catch2/catch.hpp>

#include <string>

#include "analyze.hpp"
#include "input/parse_table.hpp"

using namespace metapool;

namespace {

// RevMan 5's forest plot copied as text from a review's PDF (runs of spaces).
const char* kRevMan5Spaces =
    "                         Aspirin          Placebo                 Odds Ratio                 Odds Ratio\n"
    "Study or Subgroup     Events   Total   Events   Total   Weight   M-H, Fixed, 95% CI          M-H, Fixed, 95% CI\n"
    "MRC-1                     49     615       67     624     3.2%   0.72 [0.49, 1.06]\n"
    "CDP                       44     758       64     771     3.1%   0.68 [0.46, 1.01]\n"
    "MRC-2                    102     832      126     850     5.7%   0.80 [0.61, 1.06]\n"
    "GASP                      32     317       38     309     1.8%   0.80 [0.49, 1.32]\n"
    "PARIS                     85     810       52     406     3.2%   0.80 [0.55, 1.15]\n"
    "AMIS                     246    2267      219    2257    10.2%   1.13 [0.93, 1.37]\n"
    "ISIS-2                  1570    8587     1720    8600    72.9%   0.89 [0.83, 0.97]\n"
    "\n"
    "Total (95% CI)                 14186            13817   100.0%   0.90 [0.84, 0.96]\n"
    "Total events            2128             2286\n"
    "Heterogeneity: Chi² = 9.95, df = 6 (P = 0.13); I² = 40%\n"
    "Test for overall effect: Z = 3.29 (P = 0.001)\n"
    "                                                      0.01     0.1      1      10     100\n"
    "                                               Favours aspirin   Favours placebo\n";

// RevMan Web's table copied from the browser: tab-separated cells.
const char* kRevManWebTabs =
    "Study or Subgroup\tAspirin Events\tAspirin Total\tPlacebo Events\tPlacebo Total\tWeight\tOdds Ratio M-H, Fixed, 95% CI\n"
    "MRC-1\t49\t615\t67\t624\t3.2%\t0.72 [0.49, 1.06]\n"
    "CDP\t44\t758\t64\t771\t3.1%\t0.68 [0.46, 1.01]\n"
    "MRC-2\t102\t832\t126\t850\t5.7%\t0.80 [0.61, 1.06]\n"
    "GASP\t32\t317\t38\t309\t1.8%\t0.80 [0.49, 1.32]\n"
    "PARIS\t85\t810\t52\t406\t3.2%\t0.80 [0.55, 1.15]\n"
    "AMIS\t246\t2267\t219\t2257\t10.2%\t1.13 [0.93, 1.37]\n"
    "ISIS-2\t1570\t8587\t1720\t8600\t72.9%\t0.89 [0.83, 0.97]\n"
    "Total (95% CI)\t\t14186\t\t13817\t100.0%\t0.90 [0.84, 0.96]\n"
    "Total events\t2128\t\t2286\n"
    "Heterogeneity: Chi² = 9.95, df = 6 (P = 0.13); I² = 40%\n"
    "Test for overall effect: Z = 3.29 (P = 0.001)\n";

// The Cochrane Library's analysis table (HTML, or the PDF's data table):
// n/N cells, an empty plot column, `3.2 %`, `[ 0.49, 1.06 ]`, the
// superscripts lost.
const char* kCochraneLibrary =
    "Study or subgroup\tAspirin n/N\tPlacebo n/N\tOdds Ratio M-H,Fixed,95% CI\tWeight\tOdds Ratio M-H,Fixed,95% CI\n"
    "MRC-1\t49/615\t67/624\t\t3.2 %\t0.72 [ 0.49, 1.06 ]\n"
    "CDP\t44/758\t64/771\t\t3.1 %\t0.68 [ 0.46, 1.01 ]\n"
    "MRC-2\t102/832\t126/850\t\t5.7 %\t0.80 [ 0.61, 1.06 ]\n"
    "GASP\t32/317\t38/309\t\t1.8 %\t0.80 [ 0.49, 1.32 ]\n"
    "PARIS\t85/810\t52/406\t\t3.2 %\t0.80 [ 0.55, 1.15 ]\n"
    "AMIS\t246/2267\t219/2257\t\t10.2 %\t1.13 [ 0.93, 1.37 ]\n"
    "ISIS-2\t1570/8587\t1720/8600\t\t72.9 %\t0.89 [ 0.83, 0.97 ]\n"
    "Total (95% CI)\t14186\t13817\t\t100.0 %\t0.90 [ 0.84, 0.96 ]\n"
    "Total events: 2128 (Aspirin), 2286 (Placebo)\n"
    "Heterogeneity: Chi2 = 9.95, df = 6 (P = 0.13); I2 =40%\n"
    "Test for overall effect: Z = 3.29 (P = 0.0010)\n"
    "0.01 0.1 1 10 100\n"
    "Favours aspirin Favours placebo\n";

const double kCounts[7][4] = {{49, 615, 67, 624},     {44, 758, 64, 771},   {102, 832, 126, 850},
                              {32, 317, 38, 309},     {85, 810, 52, 406},   {246, 2267, 219, 2257},
                              {1570, 8587, 1720, 8600}};
const char* kLabels[7] = {"MRC-1", "CDP", "MRC-2", "GASP", "PARIS", "AMIS", "ISIS-2"};
const double kPrinted[7][4] = {{3.2, 0.72, 0.49, 1.06}, {3.1, 0.68, 0.46, 1.01}, {5.7, 0.80, 0.61, 1.06},
                               {1.8, 0.80, 0.49, 1.32}, {3.2, 0.80, 0.55, 1.15}, {10.2, 1.13, 0.93, 1.37},
                               {72.9, 0.89, 0.83, 0.97}};

void check_read(const ParsedTable& t) {
    INFO((t.problems.empty() ? std::string() : t.problems.front().message));
    CHECK(t.problems.empty());
    REQUIRE(t.rows.size() == 7);
    for (int i = 0; i < 7; ++i) {
        const StudyRow& r = t.rows[static_cast<std::size_t>(i)];
        INFO(kLabels[i]);
        CHECK(r.label == kLabels[i]);
        CHECK(r.e1 == kCounts[i][0]);
        CHECK(r.n1 == kCounts[i][1]);
        CHECK(r.e2 == kCounts[i][2]);
        CHECK(r.n2 == kCounts[i][3]);
        CHECK(r.printed.weight.value == kPrinted[i][0]);
        CHECK(r.printed.weight.decimals == 1);
        CHECK(r.printed.estimate.value == kPrinted[i][1]);
        CHECK(r.printed.lower.value == kPrinted[i][2]);
        CHECK(r.printed.upper.value == kPrinted[i][3]);
        CHECK(r.printed.estimate.decimals == 2);
        CHECK(r.printed.upper.decimals == 2);
    }
    CHECK(t.printed.analysis.present);
    CHECK(t.printed.analysis.measure == "OR");
    CHECK(t.printed.analysis.method == "MH");
    CHECK(t.printed.analysis.model == "common");
    CHECK(t.printed.analysis.level == 0.95);
    REQUIRE(t.printed.pooled.size() == 1);
    const PrintedPooled& total = t.printed.pooled.front();
    CHECK(total.label == "Total (95% CI)");
    CHECK(total.group.empty());
    CHECK(total.n1.value == 14186);
    CHECK(total.n2.value == 13817);
    CHECK(total.events1.value == 2128);
    CHECK(total.events2.value == 2286);
    CHECK(total.weight.value == 100.0);
    CHECK(total.estimate.value == 0.90);
    CHECK(total.lower.value == 0.84);
    CHECK(total.upper.value == 0.96);
    CHECK(total.Q.value == 9.95);
    CHECK(total.Q.decimals == 2);
    CHECK(total.df.value == 6);
    CHECK(total.Q_p.value == 0.13);
    CHECK(total.I2.value == 40);
    CHECK(total.I2.decimals == 0);
    CHECK(total.z.value == 3.29);
    CHECK(total.p.value == 0.001);
    CHECK_FALSE(total.tau2.present());
}

void check_reproduced(const std::string& text) {
    const Analysis a = analyze_text(text, Options{});
    REQUIRE(a.ok());
    CHECK(a.k == 7);
    const SourceChecks& c = a.checks;
    REQUIRE(c.present);
    CHECK(c.studies_checked == 7);
    CHECK(c.studies_flagged == 0);
    REQUIRE(c.pooled.size() == 1);
    INFO(c.pooled.front().message);
    CHECK(c.pooled.front().reproduced);
    bool revman5 = false;
    for (const Configuration& m : c.pooled.front().matches) {
        revman5 = revman5 || (m.preset == "revman5" && m.options.find("measure=OR;method=MH") != std::string::npos);
        // Each configuration is named as the preset control names it.
        if (m.preset == "meta") CHECK(m.description == "meta (R), M-H common-effect OR");
        if (m.preset.empty()) CHECK(m.description == "metapool defaults, M-H common-effect OR");
    }
    CHECK(revman5);
    CHECK(c.pooled.front().message.find("reproduced exactly as RevMan 5, M-H common-effect OR") != std::string::npos);
}

}  // namespace

TEST_CASE("forest-plot paste: RevMan 5's plot copied from a PDF (spaces) reads every row and the printed Total",
          "[forest-paste]") {
    const ParsedTable t = parse_table(kRevMan5Spaces);
    check_read(t);
    CHECK(t.header_line == 2);  // the `Study or Subgroup` line; line 1 names the arms and the measure
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes.front().line == 2);
    check_reproduced(kRevMan5Spaces);
}

TEST_CASE("forest-plot paste: RevMan Web's tab-separated table", "[forest-paste]") {
    const ParsedTable t = parse_table(kRevManWebTabs);
    check_read(t);
    CHECK(t.rows[6].printed.estimate.column == 7);  // label, 4 counts, weight, effect
    CHECK(t.rows[6].printed.weight.column == 6);
    check_reproduced(kRevManWebTabs);
}

TEST_CASE("forest-plot paste: the Cochrane Library's n/N table, superscripts lost", "[forest-paste]") {
    const std::string text = kCochraneLibrary;
    const ParsedTable t = parse_table(text);
    check_read(t);
    check_reproduced(text);
}

TEST_CASE("forest-plot paste: a mistyped CI is flagged at its line; a bad count keeps its line and column",
          "[forest-paste]") {
    std::string text = kRevMan5Spaces;
    text.replace(text.find("0.68 [0.46, 1.01]"), 17, "0.68 [0.46, 1.10]");  // line 4, CDP
    const Analysis a = analyze_text(text, Options{});
    REQUIRE(a.checks.present);
    CHECK(a.checks.studies_flagged == 1);
    for (const StudyCheck& s : a.checks.studies) CHECK(s.agrees == (s.line != 4));
    CHECK(a.checks.summary.find("line 4") != std::string::npos);

    std::string bad = kRevManWebTabs;
    bad.replace(bad.find("GASP\t32"), 7, "GASP\t3x");  // line 5, column 2
    const ParsedTable t = parse_table(bad);
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].line == 5);
    CHECK(t.problems[0].column == 2);
    CHECK(t.problems[0].text == "GASP\t3x\t317\t38\t309\t1.8%\t0.80 [0.49, 1.32]");
    CHECK(t.rows.size() == 6);
}

TEST_CASE("forest-plot paste: subgroup headings group the rows; Subtotal blocks and the subgroup test are read",
          "[forest-paste]") {
    const char* text =
        "Study or Subgroup\tEvents\tTotal\tEvents\tTotal\tWeight\tRisk Ratio M-H, Random, 95% CI\n"
        "1.1.1 Adults\n"
        "Beck 2014\t2\t55\t14\t54\t5.2%\t0.14 [0.03, 0.59]\n"
        "Cole 2016\t0\t40\t0\t41\t\tNot estimable\n"
        "Subtotal (95% CI)\t\t95\t\t95\t5.2%\t0.14 [0.03, 0.59]\n"
        "Total events\t2\t\t14\n"
        "Heterogeneity: Not applicable\n"
        "Test for overall effect: Z = 2.68 (P = 0.007)\n"
        "1.1.2 Children\n"
        "Dunn 2018\t10\t100\t20\t98\t94.8%\t0.49 [0.24, 0.99]\n"
        "Total (95% CI)\t\t195\t\t193\t100.0%\t0.35 [0.12, 1.04]\n"
        "Heterogeneity: Tau² (REML) = 0.40; Chi² = 2.46, df = 1 (P = 0.12); I² = 59%\n"
        "Test for overall effect: Z = 1.89 (P = 0.06)\n"
        "Test for subgroup differences: Chi² = 2.46, df = 1 (P = 0.12), I² = 59.3%\n";
    const ParsedTable t = parse_table(text);
    CHECK(t.problems.empty());
    REQUIRE(t.rows.size() == 3);
    CHECK(t.group_headings);
    CHECK(t.rows[0].group == "Adults");
    CHECK(t.rows[1].group == "Adults");
    CHECK(t.rows[2].group == "Children");
    CHECK_FALSE(t.rows[1].printed.estimate.present());  // Not estimable
    CHECK(t.printed.analysis.model == "random");
    REQUIRE(t.printed.pooled.size() == 2);
    CHECK(t.printed.pooled[0].group == "Adults");
    CHECK(t.printed.pooled[0].label == "Subtotal (95% CI)");
    CHECK(t.printed.pooled[0].events2.value == 14);
    CHECK_FALSE(t.printed.pooled[0].Q.present());
    CHECK(t.printed.pooled[0].z.value == 2.68);
    CHECK(t.printed.pooled[1].group.empty());
    CHECK(t.printed.pooled[1].tau2.value == 0.40);
    CHECK(t.printed.pooled[1].tau2_method == "REML");
    CHECK(t.printed.pooled[1].p.value == 0.06);
    CHECK(t.printed.subgroup_test.line == 14);
    CHECK(t.printed.subgroup_test.I2.value == 59.3);
    CHECK(t.printed.subgroup_test.I2.decimals == 1);
    const Analysis a = analyze(t, Options{});
    CHECK(a.subgroups.present);
    CHECK(a.subgroups.groups.size() == 2);
}

TEST_CASE("forest-plot paste: a reported effect and a decimal comma are not printed columns", "[forest-paste]") {
    const ParsedTable t = parse_table("A, RR 0.54 (0.40 to 0.72)\nB\t12\t100\t20\t98\t0.59 (0.31 to 1.12)\n");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].generic());
    CHECK_FALSE(t.rows[0].printed.estimate.present());
    CHECK(t.rows[1].e1 == 12);
    CHECK(t.rows[1].printed.estimate.value == 0.59);
    CHECK(t.rows[1].printed.lower.value == 0.31);
    CHECK(t.rows[1].printed.upper.value == 1.12);
}
