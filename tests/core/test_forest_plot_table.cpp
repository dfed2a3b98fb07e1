// Forest-plot tables pasted as RevMan 5, RevMan Web and the Cochrane Library
// print them (core/input/forest_plot_table.hpp): every study row read with
// its counts and printed weight/effect/CI (with their decimals), the printed
// Total/Subtotal blocks, the effect header, subgroups from headings, and no
// problems; a corrupted row still gets its exact message.
//
// Data: seven trials of metafor's dat.bcg (BCG vaccine and tuberculosis;
// Colditz et al. 1994), risk ratios by Mantel-Haenszel random effects (DL),
// printed as RevMan 5 prints them, grouped by random vs alternate or
// systematic allocation (numbers computed with metafor 4, rounded as RevMan
// rounds them).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "input/parse_table.hpp"

using metapool::ParsedTable;
using metapool::PrintedNumber;
using metapool::PrintedPooled;
using metapool::parse_table;

namespace {

void check_number(const PrintedNumber& n, double value, int decimals, char relation = '=') {
    INFO("printed " << value << " with " << decimals << " decimals");
    REQUIRE(n.present());
    CHECK(std::fabs(n.value - value) <= 1e-12 * std::max(1.0, std::fabs(value)));
    CHECK(n.decimals == decimals);
    CHECK(n.relation == relation);
}

struct Study {
    const char* label;
    double e1, n1, e2, n2;
    double weight;  // 1 decimal; NaN: none printed
    double est, lo, hi;  // 2 decimals
    const char* group;
};

const std::vector<Study> kBcg = {
    {"Aronson 1948", 4, 123, 11, 139, 11.3, 0.41, 0.13, 1.26, "Random allocation"},
    {"Ferguson & Simes 1949", 6, 306, 29, 303, 14.6, 0.20, 0.09, 0.49, "Random allocation"},
    {"Rosenthal et al 1960", 3, 231, 11, 220, 9.8, 0.26, 0.07, 0.92, "Random allocation"},
    {"Vandiviere et al 1973", 8, 2545, 10, 629, 13.7, 0.20, 0.08, 0.50, "Random allocation"},
    {"Coetzee & Berjak 1968", 29, 7499, 45, 7277, 20.9, 0.63, 0.39, 1.00, "Random allocation"},
    {"Frimodt-Moller et al 1973", 33, 5069, 47, 5808, 21.3, 0.80, 0.52, 1.25, "Alternate or systematic allocation"},
    {"Comstock & Webster 1969", 5, 2498, 3, 2341, 8.4, 1.56, 0.37, 6.53, "Alternate or systematic allocation"},
};

// The rows, each with its printed numbers; `weight_col`/`effect_col`: the
// columns of the weight and effect fields on the line as pasted.
void check_rows(const ParsedTable& t, int weight_col, int effect_col, bool groups = true) {
    REQUIRE(t.rows.size() == kBcg.size());
    for (std::size_t i = 0; i < kBcg.size(); ++i) {
        const Study& s = kBcg[i];
        const metapool::StudyRow& r = t.rows[i];
        INFO(s.label);
        CHECK(r.label == s.label);
        CHECK(r.e1 == s.e1);
        CHECK(r.n1 == s.n1);
        CHECK(r.e2 == s.e2);
        CHECK(r.n2 == s.n2);
        check_number(r.printed.weight, s.weight, 1);
        check_number(r.printed.estimate, s.est, 2);
        check_number(r.printed.lower, s.lo, 2);
        check_number(r.printed.upper, s.hi, 2);
        CHECK(r.printed.weight.column == weight_col);
        CHECK(r.printed.estimate.column == effect_col);
        if (groups) CHECK(r.group == s.group);
    }
}

// The two Subtotals and the Total with their lines, as printed.
void check_pooled(const ParsedTable& t, bool tau2 = true) {
    REQUIRE(t.printed.pooled.size() == 3);
    const PrintedPooled& a = t.printed.pooled[0];
    CHECK(a.label == "Subtotal (95% CI)");
    CHECK(a.group == "Random allocation");
    check_number(a.n1, 10704, 0);
    check_number(a.n2, 8568, 0);
    check_number(a.weight, 70.3, 1);
    check_number(a.estimate, 0.33, 2);
    check_number(a.lower, 0.19, 2);
    check_number(a.upper, 0.58, 2);
    check_number(a.events1, 50, 0);
    check_number(a.events2, 106, 0);
    if (tau2) check_number(a.tau2, 0.21, 2);
    check_number(a.Q, 8.52, 2);
    check_number(a.df, 4, 0);
    check_number(a.Q_p, 0.07, 2);
    check_number(a.I2, 53, 0);
    check_number(a.z, 3.82, 2);
    check_number(a.p, 0.0001, 4);

    const PrintedPooled& b = t.printed.pooled[1];
    CHECK(b.group == "Alternate or systematic allocation");
    check_number(b.n1, 7567, 0);
    check_number(b.n2, 8149, 0);
    check_number(b.weight, 29.7, 1);
    check_number(b.estimate, 0.85, 2);
    check_number(b.events1, 38, 0);
    check_number(b.events2, 50, 0);
    check_number(b.Q, 0.75, 2);
    check_number(b.df, 1, 0);
    check_number(b.I2, 0, 0);
    check_number(b.z, 0.74, 2);
    check_number(b.p, 0.46, 2);

    const PrintedPooled& c = t.printed.pooled[2];
    CHECK(c.label == "Total (95% CI)");
    CHECK(c.group == "");
    check_number(c.n1, 18271, 0);
    check_number(c.n2, 16717, 0);
    check_number(c.weight, 100.0, 1);
    check_number(c.estimate, 0.45, 2);
    check_number(c.lower, 0.27, 2);
    check_number(c.upper, 0.75, 2);
    check_number(c.events1, 88, 0);
    check_number(c.events2, 156, 0);
    if (tau2) check_number(c.tau2, 0.26, 2);
    check_number(c.Q, 16.49, 2);
    check_number(c.df, 6, 0);
    check_number(c.Q_p, 0.01, 2);
    check_number(c.I2, 64, 0);
    check_number(c.z, 3.08, 2);
    check_number(c.p, 0.002, 3);

    CHECK(t.printed.subgroup_test.line > 0);
    check_number(t.printed.subgroup_test.Q, 6.84, 2);
    check_number(t.printed.subgroup_test.df, 1, 0);
    check_number(t.printed.subgroup_test.p, 0.009, 3);
    check_number(t.printed.subgroup_test.I2, 85.4, 1);
}

void check_analysis(const ParsedTable& t, const char* measure, const char* method, const char* model) {
    CHECK(t.printed.analysis.present);
    CHECK(t.printed.analysis.measure == measure);
    CHECK(t.printed.analysis.method == method);
    CHECK(t.printed.analysis.model == model);
    CHECK(t.printed.analysis.level == 0.95);
}

// RevMan 5's forest plot copied from the program: tab-separated cells.
const std::string kRevMan5Tabs =
    "\tVaccine\t\tControl\t\tRisk Ratio\tRisk Ratio\n"
    "Study or Subgroup\tEvents\tTotal\tEvents\tTotal\tWeight\tM-H, Random, 95% CI\tM-H, Random, 95% CI\n"
    "1.1.1 Random allocation\n"
    "Aronson 1948\t4\t123\t11\t139\t11.3%\t0.41 [0.13, 1.26]\n"
    "Ferguson & Simes 1949\t6\t306\t29\t303\t14.6%\t0.20 [0.09, 0.49]\n"
    "Rosenthal et al 1960\t3\t231\t11\t220\t9.8%\t0.26 [0.07, 0.92]\n"
    "Vandiviere et al 1973\t8\t2545\t10\t629\t13.7%\t0.20 [0.08, 0.50]\n"
    "Coetzee & Berjak 1968\t29\t7499\t45\t7277\t20.9%\t0.63 [0.39, 1.00]\n"
    "Subtotal (95% CI)\t\t10704\t\t8568\t70.3%\t0.33 [0.19, 0.58]\n"
    "Total events\t50\t\t106\n"
    "Heterogeneity: Tau\xC2\xB2 = 0.21; Chi\xC2\xB2 = 8.52, df = 4 (P = 0.07); I\xC2\xB2 = 53%\n"
    "Test for overall effect: Z = 3.82 (P = 0.0001)\n"
    "\n"
    "1.1.2 Alternate or systematic allocation\n"
    "Frimodt-Moller et al 1973\t33\t5069\t47\t5808\t21.3%\t0.80 [0.52, 1.25]\n"
    "Comstock & Webster 1969\t5\t2498\t3\t2341\t8.4%\t1.56 [0.37, 6.53]\n"
    "Subtotal (95% CI)\t\t7567\t\t8149\t29.7%\t0.85 [0.56, 1.30]\n"
    "Total events\t38\t\t50\n"
    "Heterogeneity: Tau\xC2\xB2 = 0.00; Chi\xC2\xB2 = 0.75, df = 1 (P = 0.39); I\xC2\xB2 = 0%\n"
    "Test for overall effect: Z = 0.74 (P = 0.46)\n"
    "\n"
    "Total (95% CI)\t\t18271\t\t16717\t100.0%\t0.45 [0.27, 0.75]\n"
    "Total events\t88\t\t156\n"
    "Heterogeneity: Tau\xC2\xB2 = 0.26; Chi\xC2\xB2 = 16.49, df = 6 (P = 0.01); I\xC2\xB2 = 64%\n"
    "Test for overall effect: Z = 3.08 (P = 0.002)\n"
    "Test for subgroup differences: Chi\xC2\xB2 = 6.84, df = 1 (P = 0.009), I\xC2\xB2 = 85.4%\n"
    "\t\t\t\t\t\t0.01 0.1 1 10 100\n"
    "\t\t\t\t\t\tFavours [vaccine]  Favours [control]\n";

}  // namespace

TEST_CASE("RevMan 5 forest plot with tabs: rows, printed numbers, subgroups from headings", "[forest-table]") {
    const ParsedTable t = parse_table(kRevMan5Tabs);
    CHECK(t.problems.empty());
    for (const auto& p : t.problems) INFO(p.message);
    CHECK(t.header_line == 2);
    check_rows(t, 6, 7);
    check_pooled(t);
    check_analysis(t, "RR", "MH", "random");
    CHECK(t.printed.analysis.text == "Risk Ratio M-H, Random, 95% CI");
    CHECK(t.group_headings);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].line == 2);
    CHECK(t.notes[0].message ==
          "line 2: read as RevMan's forest-plot table: 7 studies under subgroup headings; the printed Totals and "
          "heterogeneity are kept for the check, not read as studies");
    CHECK(t.printed.pooled[0].lines == std::vector<int>{9, 10, 11, 12});

    // Analysed with the two subgroups.
    const metapool::Analysis a = metapool::analyze(t, metapool::Options());
    REQUIRE(a.ok());
    CHECK(a.k == 7);
    REQUIRE(a.subgroups.present);
    REQUIRE(a.subgroups.groups.size() == 2);
    CHECK(a.subgroups.groups[0].name == "Random allocation");
    CHECK(a.subgroups.groups[0].k == 5);
    CHECK(a.subgroups.groups[1].name == "Alternate or systematic allocation");
    CHECK(a.subgroups.groups[1].k == 2);
}

namespace {

// The same table copied from a Cochrane review's PDF: runs of spaces, the
// superscripts lost (Chi2, I2, Tau2), the one-line header.
const std::string kRevMan5Pdf =
    "Study or Subgroup  Events  Total  Events  Total  Weight  Risk Ratio M-H, Random, 95% CI  Risk Ratio M-H, Random, 95% CI\n"
    "1.1.1 Random allocation\n"
    "Aronson 1948  4  123  11  139  11.3%  0.41 [0.13, 1.26]\n"
    "Ferguson & Simes 1949  6  306  29  303  14.6%  0.20 [0.09, 0.49]\n"
    "Rosenthal et al 1960  3  231  11  220  9.8%  0.26 [0.07, 0.92]\n"
    "Vandiviere et al 1973  8  2545  10  629  13.7%  0.20 [0.08, 0.50]\n"
    "Coetzee & Berjak 1968  29  7499  45  7277  20.9%  0.63 [0.39, 1.00]\n"
    "Subtotal (95% CI)  10704  8568  70.3%  0.33 [0.19, 0.58]\n"
    "Total events  50  106\n"
    "Heterogeneity: Tau2 = 0.21; Chi2 = 8.52, df = 4 (P = 0.07); I2 = 53%\n"
    "Test for overall effect: Z = 3.82 (P = 0.0001)\n"
    "1.1.2 Alternate or systematic allocation\n"
    "Frimodt-Moller et al 1973  33  5069  47  5808  21.3%  0.80 [0.52, 1.25]\n"
    "Comstock & Webster 1969  5  2498  3  2341  8.4%  1.56 [0.37, 6.53]\n"
    "Subtotal (95% CI)  7567  8149  29.7%  0.85 [0.56, 1.30]\n"
    "Total events  38  50\n"
    "Heterogeneity: Tau2 = 0.00; Chi2 = 0.75, df = 1 (P = 0.39); I2 = 0%\n"
    "Test for overall effect: Z = 0.74 (P = 0.46)\n"
    "Total (95% CI)  18271  16717  100.0%  0.45 [0.27, 0.75]\n"
    "Total events  88  156\n"
    "Heterogeneity: Tau2 = 0.26; Chi2 = 16.49, df = 6 (P = 0.01); I2 = 64%\n"
    "Test for overall effect: Z = 3.08 (P = 0.002)\n"
    "Test for subgroup differences: Chi2 = 6.84, df = 1 (P = 0.009), I2 = 85.4%\n"
    "0.01 0.1 1 10 100\n"
    "Favours [vaccine] Favours [control]\n";

// The Cochrane Library's analysis table (Wiley PDF / HTML): n/N cells, a
// fixed-effect analysis, `Total events: a (Treatment), b (Control)`, `I2 =x%`,
// `1 Random allocation` headings, the title lines above the table.
const std::string kCochraneLibrary =
    "Analysis 1.1. Comparison 1 BCG vaccine versus no vaccine, Outcome 1 Tuberculosis.\n"
    "Review: BCG vaccine for preventing tuberculosis\n"
    "Comparison: 1 BCG vaccine versus no vaccine\n"
    "Outcome: 1 Tuberculosis\n"
    "Study or subgroup\tTreatment n/N\tControl n/N\tRisk Ratio M-H,Random,95% CI\tWeight\tRisk Ratio M-H,Random,95% CI\n"
    "1 Random allocation\n"
    "Aronson 1948\t4/123\t11/139\t\t11.3 %\t0.41 [ 0.13, 1.26 ]\n"
    "Ferguson & Simes 1949\t6/306\t29/303\t\t14.6 %\t0.20 [ 0.09, 0.49 ]\n"
    "Rosenthal et al 1960\t3/231\t11/220\t\t9.8 %\t0.26 [ 0.07, 0.92 ]\n"
    "Vandiviere et al 1973\t8/2545\t10/629\t\t13.7 %\t0.20 [ 0.08, 0.50 ]\n"
    "Coetzee & Berjak 1968\t29/7499\t45/7277\t\t20.9 %\t0.63 [ 0.39, 1.00 ]\n"
    "Subtotal (95% CI)\t10704\t8568\t\t70.3 %\t0.33 [ 0.19, 0.58 ]\n"
    "Total events: 50 (Treatment), 106 (Control)\n"
    "Heterogeneity: Tau2 = 0.21; Chi2 = 8.52, df = 4 (P = 0.07); I2 =53%\n"
    "Test for overall effect: Z = 3.82 (P = 0.00013)\n"
    "2 Alternate or systematic allocation\n"
    "Frimodt-Moller et al 1973\t33/5069\t47/5808\t\t21.3 %\t0.80 [ 0.52, 1.25 ]\n"
    "Comstock & Webster 1969\t5/2498\t3/2341\t\t8.4 %\t1.56 [ 0.37, 6.53 ]\n"
    "Subtotal (95% CI)\t7567\t8149\t\t29.7 %\t0.85 [ 0.56, 1.30 ]\n"
    "Total events: 38 (Treatment), 50 (Control)\n"
    "Heterogeneity: Tau2 = 0.0; Chi2 = 0.75, df = 1 (P = 0.39); I2 =0.0%\n"
    "Test for overall effect: Z = 0.74 (P = 0.46)\n"
    "Total (95% CI)\t18271\t16717\t\t100.0 %\t0.45 [ 0.27, 0.75 ]\n"
    "Total events: 88 (Treatment), 156 (Control)\n"
    "Heterogeneity: Tau2 = 0.26; Chi2 = 16.49, df = 6 (P = 0.01); I2 =64%\n"
    "Test for overall effect: Z = 3.08 (P = 0.0021)\n"
    "Test for subgroup differences: Chi2 = 6.84, df = 1 (P = 0.01), I2 =85%\n"
    "0.01 0.1 1 10 100\n"
    "Favours treatment Favours control\n";

}  // namespace

TEST_CASE("RevMan 5 forest plot copied from a PDF: spaces, Chi2/I2/Tau2, one-line header", "[forest-table]") {
    const ParsedTable t = parse_table(kRevMan5Pdf);
    for (const auto& p : t.problems) INFO(p.message);
    CHECK(t.problems.empty());
    CHECK(t.header_line == 1);
    check_rows(t, 6, 7);
    check_pooled(t);
    check_analysis(t, "RR", "MH", "random");
    CHECK(t.group_headings);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].line == 1);
}

TEST_CASE("the Cochrane Library's analysis table: n/N cells, Total events with arm names", "[forest-table]") {
    const ParsedTable t = parse_table(kCochraneLibrary);
    for (const auto& p : t.problems) INFO(p.message);
    CHECK(t.problems.empty());
    CHECK(t.header_line == 5);
    // Label, two cells, the empty plot column, weight, effect.
    check_rows(t, 5, 6);
    check_analysis(t, "RR", "MH", "random");
    REQUIRE(t.printed.pooled.size() == 3);
    const PrintedPooled& a = t.printed.pooled[0];
    CHECK(a.group == "Random allocation");
    check_number(a.n1, 10704, 0);
    CHECK(a.n1.column == 2);
    check_number(a.n2, 8568, 0);
    CHECK(a.n2.column == 3);
    check_number(a.weight, 70.3, 1);
    CHECK(a.weight.column == 5);
    check_number(a.events1, 50, 0);
    check_number(a.events2, 106, 0);
    check_number(a.tau2, 0.21, 2);
    check_number(a.I2, 53, 0);
    check_number(a.p, 0.00013, 5);
    check_number(t.printed.pooled[1].tau2, 0.0, 1);
    check_number(t.printed.pooled[1].I2, 0.0, 1);
    check_number(t.printed.pooled[2].p, 0.0021, 4);
    check_number(t.printed.subgroup_test.I2, 85, 0);
    CHECK(t.printed.subgroup_test.Q.value == 6.84);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].message ==
          "line 5: read as the Cochrane Library's analysis table: 7 studies under subgroup headings; the printed "
          "Totals and heterogeneity are kept for the check, not read as studies");
}

TEST_CASE("RevMan Web: tab cells, Tau2 (REML), a prediction interval, P < 0.00001, Not estimable", "[forest-table]") {
    const std::string text =
        "Study or Subgroup\tExperimental Events\tExperimental Total\tControl Events\tControl Total\tWeight\t"
        "Odds Ratio IV, Fixed, 95% CI\n"
        "Alpha 2001\t0\t40\t0\t42\t\tNot estimable\n"
        "Beta 2003\t12\t100\t30\t98\t60.1%\t0.31 [0.15, 0.65]\n"
        "Gamma 2009\t7\t60\t19\t61\t39.9%\t0.30 [0.12, 0.79]\n"
        "Total (95% CI)\t\t200\t\t201\t100.0%\t0.31 [0.17, 0.55]\n"
        "Prediction interval\t\t\t\t\t\t[0.12, 0.80]\n"
        "Total events\t19\t\t49\n"
        "Heterogeneity: Tau\xC2\xB2 (REML) = 0.0000; Chi\xC2\xB2 = 0.00, df = 1 (P = 0.96); I\xC2\xB2 = 0%\n"
        "Test for overall effect: Z = 4.02 (P < 0.0001)\n";
    const ParsedTable t = parse_table(text);
    for (const auto& p : t.problems) INFO(p.message);
    CHECK(t.problems.empty());
    check_analysis(t, "OR", "IV", "common");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].label == "Alpha 2001");
    CHECK(t.rows[0].e1 == 0);
    CHECK(t.rows[0].n2 == 42);
    CHECK_FALSE(t.rows[0].printed.weight.present());
    CHECK_FALSE(t.rows[0].printed.estimate.present());
    check_number(t.rows[1].printed.weight, 60.1, 1);
    check_number(t.rows[2].printed.upper, 0.79, 2);
    CHECK_FALSE(t.group_headings);
    REQUIRE(t.printed.pooled.size() == 1);
    const PrintedPooled& p = t.printed.pooled[0];
    check_number(p.n1, 200, 0);
    check_number(p.n2, 201, 0);
    check_number(p.pi_lower, 0.12, 2);
    check_number(p.pi_upper, 0.80, 2);
    check_number(p.tau2, 0, 4);
    CHECK(p.tau2_method == "REML");
    check_number(p.p, 0.0001, 4, '<');
    check_number(p.z, 4.02, 2);
}

TEST_CASE("a corrupted study row gets its exact problem; the other rows are read", "[forest-table]") {
    std::string text = kRevMan5Pdf;
    // Ferguson's control events typed as a decimal, Rosenthal's effect cut short.
    text.replace(text.find("6  306  29  303"), 15, "6  306  29.5  303");
    text.replace(text.find("0.26 [0.07, 0.92]"), 17, "0.26 [0.07, 0.92");
    const ParsedTable t = parse_table(text);
    REQUIRE(t.problems.size() == 2);
    CHECK(t.problems[0].line == 4);
    CHECK(t.problems[0].column == 4);
    CHECK(t.problems[0].message ==
          "line 4, column 4: \"29.5\" is not a whole number; counts must be whole numbers of participants");
    CHECK(t.problems[0].text == "Ferguson & Simes 1949  6  306  29.5  303  14.6%  0.20 [0.09, 0.49]");
    CHECK(t.problems[1].line == 5);
    CHECK(t.problems[1].column == 7);
    CHECK(t.problems[1].message ==
          "line 5, column 7: the printed effect \"0.26 [0.07, 0.92\" cannot be read; a forest-plot row ends in the "
          "weight and the effect with its interval, e.g. 5.2% 0.14 [0.03, 0.59], or Not estimable");
    REQUIRE(t.rows.size() == 5);
    CHECK(t.rows[0].label == "Aronson 1948");
    CHECK(t.rows[1].label == "Vandiviere et al 1973");
    CHECK(t.printed.pooled.size() == 3);
}

TEST_CASE("plain tables are not taken for forest-plot tables", "[forest-table]") {
    const ParsedTable t = parse_table("study,e1,n1,e2,n2\nA,1,10,2,10\nB, RR 0.54 (0.40 to 0.72)\nTotal,3,20,4,20\n");
    CHECK(t.notes.empty());
    CHECK_FALSE(t.printed.any());
    CHECK(t.rows.size() == 3);
}

namespace {

// RevMan 5's export of Fleiss (1993) as shipped with R's meta
// (inst/extdata/Fleiss1993_CR.csv): a dichotomous outcome (aspirin after
// myocardial infarction, MH odds ratios, fixed effect) and a continuous one.
const std::string kFleissHeader =
    "Comparison Number,Outcome Number,Subgroup Number,Name,Data Type,Statistical Method,Effect Measure,Analysis "
    "Model,Events 1,Mean 1,SD 1,Total 1,Events 2,Mean 2,SD 2,Total 2,Effect Estimate,SE,CI Start,CI End,Weight,Q,"
    "P(Q),I\xC2\xB2(Q),Tau\xC2\xB2,Z,P(Z),Qint,P(Qint),I\xC2\xB2(Qint),df,Group Label 1,Group Label 2,Left Graph "
    "Label,Right Graph Label,Year of study,User defined order\n";
const std::string kFleiss =
    kFleissHeader +
    "1,0,0,Examples from Fleiss (1993),,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n"
    "1,1,0,Aspirin for Preventing Death after Myocardial Infarction,DIC,MH,OR,Fixed,2128,,,14186,2286,,,13817,"
    "0.89686556,,0.8405144,0.95699471,100,9.94605598,0.12694225,39.67458046,0,3.28763306,0.00101033,0,0,0,6,"
    "Aspirin,Control,Favours experimental,Favours control,,\n"
    "1,1,0,MRC-1,,,,,49,0,0,615,67,0,0,624,0.71971415,0.19721981,0.48897453,1.05933628,3.17649,,,,,,,,,,,,,,,1974,1\n"
    "1,1,0,CDP,,,,,44,0,0,758,64,0,0,771,0.6807598,0.20289717,0.4573909,1.01321191,3.10168911,,,,,,,,,,,,,,,1976,2\n"
    "1,1,0,MRC-2,,,,,102,0,0,832,126,0,0,850,0.80287019,0.14314855,0.60645288,1.06290292,5.67538044,,,,,,,,,,,,,,,"
    "1979,6\n"
    "1,1,0,GASP,,,,,32,0,0,317,38,0,0,309,0.80073869,0.2544889,0.48626104,1.31859721,1.79548462,,,,,,,,,,,,,,,1979,8\n"
    "1,1,0,PARIS,,,,,85,0,0,810,52,0,0,406,0.79814324,0.18761568,0.55256335,1.15286803,3.21762436,,,,,,,,,,,,,,,"
    "1980,9\n"
    "1,1,0,AMIS,,,,,246,0,0,2267,219,0,0,2257,1.1327364,0.09806494,0.93466468,1.37278298,10.15349122,,,,,,,,,,,,,,,"
    "1980,10\n"
    "1,1,0,ISIS-2,,,,,1570,0,0,8587,1720,0,0,8600,0.89496936,0.03880977,0.82941758,0.96570193,72.87984024,,,,,,,,,,,"
    ",,,,1988,11\n"
    "1,2,0,Mental Health Treatment versus Control,CON,IV,MD,Fixed,0,,,106,0,,,126,-0.70938839,,-1.25848502,"
    "-0.16029176,100,5.66012379,0.22600895,29.33016758,0,2.53211477,0.01133769,0,1,0,4,Mental Health Treatment,"
    "Control,Favours experimental,Favours control,,\n"
    "1,2,0,Davis,,,,,0,5,4.7,13,0,6.5,3.8,13,-1.5,1.67630546,-4.78549833,1.78549833,2.79315513,,,,,,,,,,,,,,,1973,12\n";

}  // namespace

TEST_CASE("RevMan 5's CSV export: counts, exported effects and pooled results", "[forest-table]") {
    const ParsedTable t = parse_table(kFleiss);
    CHECK(t.header_line == 1);
    check_analysis(t, "OR", "MH", "common");
    REQUIRE(t.rows.size() == 7);
    CHECK(t.rows[0].label == "MRC-1");
    CHECK(t.rows[0].e1 == 49);
    CHECK(t.rows[0].n1 == 615);
    CHECK(t.rows[0].e2 == 67);
    CHECK(t.rows[0].n2 == 624);
    check_number(t.rows[0].printed.estimate, 0.71971415, 8);
    CHECK(t.rows[0].printed.estimate.column == 17);
    check_number(t.rows[0].printed.lower, 0.48897453, 8);
    check_number(t.rows[0].printed.upper, 1.05933628, 8);
    check_number(t.rows[0].printed.weight, 3.17649, 5);
    CHECK(t.rows[6].label == "ISIS-2");
    CHECK(t.rows[6].e1 == 1570);
    CHECK(t.rows[6].n2 == 8600);
    check_number(t.rows[6].printed.weight, 72.87984024, 8);
    REQUIRE(t.printed.pooled.size() == 1);
    const PrintedPooled& p = t.printed.pooled[0];
    CHECK(p.line == 3);
    CHECK(p.label == "Aspirin for Preventing Death after Myocardial Infarction");
    check_number(p.events1, 2128, 0);
    check_number(p.n1, 14186, 0);
    check_number(p.events2, 2286, 0);
    check_number(p.n2, 13817, 0);
    check_number(p.estimate, 0.89686556, 8);
    check_number(p.lower, 0.8405144, 7);
    check_number(p.upper, 0.95699471, 8);
    check_number(p.Q, 9.94605598, 8);
    check_number(p.Q_p, 0.12694225, 8);
    check_number(p.I2, 39.67458046, 8);
    check_number(p.tau2, 0, 0);
    check_number(p.z, 3.28763306, 8);
    check_number(p.p, 0.00101033, 8);
    check_number(p.df, 6, 0);
    // The continuous outcome's study row is refused at its Outcome Number.
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].line == 12);
    CHECK(t.problems[0].column == 2);
    CHECK(t.problems[0].message ==
          "line 12, column 2: this row belongs to outcome 1.2, but outcome 1.1 (\"Aspirin for Preventing Death after "
          "Myocardial Infarction\") is being read: RevMan's export holds every outcome of the review; paste the rows "
          "of one dichotomous outcome at a time");
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].message ==
          "line 1: read as RevMan 5's exported analysis data (CSV): 7 studies; the printed Total and heterogeneity "
          "are kept for the check, not read as studies");
}

TEST_CASE("RevMan 5's CSV export: subgroup rows and a bad count at the export's column", "[forest-table]") {
    const std::string text =
        kFleissHeader +
        "1,1,0,Tuberculosis,DIC,MH,RR,Random,88,,,18271,156,,,16717,0.45,,0.27,0.75,100,16.49,0.011,63.62,0.26,3.08,"
        "0.0021,6.84,0.0089,85.39,6,BCG,Control,Favours BCG,Favours control,,\n"
        "1,1,1,Random allocation,DIC,MH,RR,Random,50,,,10704,106,,,8568,0.33,,0.19,0.58,70.3,8.52,0.074,53.04,0.21,"
        "3.82,0.00013,,,,4,,,,,,\n"
        "1,1,1,Aronson 1948,,,,,4,,,123,11,,,139,0.41,,0.13,1.26,11.3,,,,,,,,,,,,,,,1948,1\n"
        "1,1,1,Ferguson & Simes 1949,,,,,6,,,306,29.5,,,303,0.20,,0.09,0.49,14.6,,,,,,,,,,,,,,,1949,2\n"
        "1,1,2,Alternate or systematic allocation,DIC,MH,RR,Random,38,,,7567,50,,,8149,0.85,,0.56,1.30,29.7,0.75,"
        "0.39,0,0,0.74,0.46,,,,1,,,,,,\n"
        "1,1,2,Comstock & Webster 1969,,,,,5,,,2498,3,,,2341,1.56,,0.37,6.53,8.4,,,,,,,,,,,,,,,1969,3\n";
    const ParsedTable t = parse_table(text);
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].line == 5);
    CHECK(t.problems[0].column == 13);
    CHECK(t.problems[0].message ==
          "line 5, column 13: \"29.5\" is not a whole number; counts must be whole numbers of participants");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].group == "Random allocation");
    CHECK(t.rows[1].label == "Comstock & Webster 1969");
    CHECK(t.rows[1].group == "Alternate or systematic allocation");
    CHECK(t.group_headings);
    REQUIRE(t.printed.pooled.size() == 3);
    CHECK(t.printed.pooled[1].group == "Random allocation");
    check_number(t.printed.pooled[1].tau2, 0.21, 2);
    check_number(t.printed.pooled[2].n2, 8149, 0);
    check_number(t.printed.subgroup_test.Q, 6.84, 2);
    check_number(t.printed.subgroup_test.p, 0.0089, 4);
    check_number(t.printed.subgroup_test.I2, 85.39, 2);
    check_analysis(t, "RR", "MH", "random");
}

TEST_CASE("a forest-plot table may hold a row that reports its effect", "[forest-table]") {
    const ParsedTable t = parse_table(
        "Study or Subgroup\tEvents\tTotal\tEvents\tTotal\tWeight\tRisk Ratio M-H, Fixed, 95% CI\n"
        "A 2001\t4\t123\t11\t139\t40.0%\t0.41 [0.13, 1.26]\n"
        "B 2002\tRR 0.54 (0.40 to 0.72)\n");
    CHECK(t.problems.empty());
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[1].generic());
    CHECK(t.rows[1].reported.estimate == 0.54);
}
