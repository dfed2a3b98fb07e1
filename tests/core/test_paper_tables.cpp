// Tables as papers print them: `n/N (%)` cells, `n (%)` cells
// with the total in the header or the next column, and headers that name the
// arms, control first included. The trials are those of dat.egger2001
// (magnesium after myocardial infarction; metadat), printed as a paper prints
// them: the percentages are each arm's events over its total, rounded as
// printed (1/40 = 2.5%, 2/36 = 5.6%, 23/135 = 17.0%, 90/1159 = 7.8%, ...).
// Each paste is read into exactly the counts of the data set, in RevMan's
// order, with the notes the user must see; what stays refused keeps a
// message at least as clear as before.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyze.hpp"
#include "input/parse_table.hpp"

using namespace metapool;

namespace {

struct Counts {
    std::string label;
    double e1, n1, e2, n2;  // RevMan's order: magnesium, then control
};

// dat.egger2001, the first trials and LIMIT-2.
const std::vector<Counts> kMagnesium = {
    {"Morton 1984", 1, 40, 2, 36},      {"Rasmussen 1986", 9, 135, 23, 135}, {"Smith 1986", 2, 200, 7, 200},
    {"Abraham 1987", 1, 48, 1, 46},     {"Feldstedt 1988", 10, 150, 8, 148}, {"Shechter 1989", 1, 59, 9, 56},
};

void check_rows(const ParsedTable& t, const std::vector<Counts>& expected, bool swapped) {
    REQUIRE(t.rows.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("row " << i);
        CHECK(t.rows[i].label == expected[i].label);
        CHECK(t.rows[i].e1 == expected[i].e1);
        CHECK(t.rows[i].n1 == expected[i].n1);
        CHECK(t.rows[i].e2 == expected[i].e2);
        CHECK(t.rows[i].n2 == expected[i].n2);
        CHECK(t.rows[i].arms_swapped == swapped);
    }
}

void check_percent(const PrintedNumber& p, double value, int decimals, int column) {
    CHECK(p.value == Approx(value).epsilon(1e-12));
    CHECK(p.decimals == decimals);
    CHECK(p.column == column);
}

// The same trials typed as plain counts in RevMan's order.
std::string plain_counts(const std::vector<Counts>& rows) {
    std::string s = "study,e1,n1,e2,n2\n";
    for (const Counts& c : rows) {
        s += c.label + "," + std::to_string(static_cast<int>(c.e1)) + "," + std::to_string(static_cast<int>(c.n1)) +
             "," + std::to_string(static_cast<int>(c.e2)) + "," + std::to_string(static_cast<int>(c.n2)) + "\n";
    }
    return s;
}

}  // namespace

TEST_CASE("paper tables: n/N (%) cells, experimental first", "[paper]") {
    const std::string paste =
        "Trial\tMagnesium n/N (%)\tControl n/N (%)\n"
        "Morton 1984\t1/40 (2.5%)\t2/36 (5.6%)\n"
        "Rasmussen 1986\t9/135 (6.7%)\t23/135 (17.0%)\n"
        "Smith 1986\t2/200 (1.0%)\t7/200 (3.5%)\n"
        "Abraham 1987\t1/48 (2.1%)\t1/46 (2.2%)\n"
        "Feldstedt 1988\t10/150 (6.7)\t8/148 (5.4)\n"  // percentages without the % sign
        "Shechter 1989\t1/59 (1.7)\t9/56 (16.1)\n";
    const ParsedTable t = parse_table(paste);
    CHECK(t.problems.empty());
    CHECK(t.notes.empty());  // control named second: RevMan's order already
    check_rows(t, kMagnesium, false);
    // The percentages, with their decimals and columns.
    check_percent(t.rows[0].printed.percent1, 2.5, 1, 2);
    check_percent(t.rows[0].printed.percent2, 5.6, 1, 3);
    check_percent(t.rows[1].printed.percent2, 17.0, 1, 3);
    check_percent(t.rows[5].printed.percent2, 16.1, 1, 3);
    // The analysis is that of the plain counts.
    const Analysis a = analyze_text(paste, Options());
    const Analysis b = analyze_text(plain_counts(kMagnesium), Options());
    REQUIRE(a.ok());
    CHECK(a.k == 6);
    CHECK(a.common.estimate == b.common.estimate);
    CHECK(a.random.estimate == b.random.estimate);
}

TEST_CASE("paper tables: n/N (%) cells with the control arm first are put in RevMan's order", "[paper]") {
    const std::string paste =
        "Trial\tPlacebo n/N (%)\tMagnesium n/N (%)\n"
        "Morton 1984\t2/36 (5.6%)\t1/40 (2.5%)\n"
        "Rasmussen 1986\t23/135 (17.0%)\t9/135 (6.7%)\n"
        "Smith 1986\t7/200 (3.5%)\t2/200 (1.0%)\n"
        "Abraham 1987\t1/46 (2.2%)\t1/48 (2.1%)\n"
        "Feldstedt 1988\t8/148 (5.4%)\t10/150 (6.7%)\n"
        "Shechter 1989\t9/56 (16.1%)\t1/59 (1.7%)\n";
    const ParsedTable t = parse_table(paste);
    CHECK(t.problems.empty());
    check_rows(t, kMagnesium, true);
    // The percentages follow their arms.
    check_percent(t.rows[0].printed.percent1, 2.5, 1, 3);
    check_percent(t.rows[0].printed.percent2, 5.6, 1, 2);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].line == 1);
    CHECK(t.notes[0].column == 2);
    CHECK(t.notes[0].text == "Trial\tPlacebo n/N (%)\tMagnesium n/N (%)");
    CHECK(t.notes[0].message ==
          "line 1, column 2: the header names the control arm first: column 2 ('Placebo n/N (%)') is read as the "
          "control arm and column 3 ('Magnesium n/N (%)') is read as the experimental arm, and put in RevMan's order "
          "(experimental first), so each ratio is Magnesium against Placebo");
    // Never inverted: the pooled RR is the one of RevMan's order (magnesium lowers mortality).
    const Analysis a = analyze_text(paste, Options());
    const Analysis b = analyze_text(plain_counts(kMagnesium), Options());
    REQUIRE(a.ok());
    CHECK(a.common.estimate == b.common.estimate);
    CHECK(a.common.estimate < 1);
    CHECK(a.studies[0].arms_swapped);
    CHECK(a.notes.size() == 1);
}

TEST_CASE("paper tables: four count columns with the control arm first", "[paper]") {
    SECTION("Placebo events, Placebo N, Drug events, Drug N") {
        const ParsedTable t = parse_table(
            "Study,Placebo events,Placebo N,Magnesium events,Magnesium N\n"
            "Morton 1984,2,36,1,40\nRasmussen 1986,23,135,9,135\nSmith 1986,7,200,2,200\n"
            "Abraham 1987,1,46,1,48\nFeldstedt 1988,8,148,10,150\nShechter 1989,9,56,1,59\n");
        CHECK(t.problems.empty());
        check_rows(t, kMagnesium, true);
        REQUIRE(t.notes.size() == 1);
        CHECK(t.notes[0].message ==
              "line 1, column 2: the header names the control arm first: columns 2 and 3 ('Placebo events', "
              "'Placebo N') are read as the control arm and columns 4 and 5 ('Magnesium events', 'Magnesium N') are "
              "read as the experimental arm, and put in RevMan's order (experimental first), so each ratio is "
              "Magnesium against Placebo");
    }
    SECTION("control_events, control_total, treatment_events, treatment_total") {
        const ParsedTable t = parse_table(
            "study,control_events,control_total,treatment_events,treatment_total\n"
            "Morton 1984,2,36,1,40\nRasmussen 1986,23,135,9,135\nSmith 1986,7,200,2,200\n"
            "Abraham 1987,1,46,1,48\nFeldstedt 1988,8,148,10,150\nShechter 1989,9,56,1,59\n");
        CHECK(t.problems.empty());
        check_rows(t, kMagnesium, true);
        REQUIRE(t.notes.size() == 1);
        CHECK(t.notes[0].message.find("columns 2 and 3 ('control_events', 'control_total') are read as the control "
                                      "arm") != std::string::npos);
    }
    SECTION("a message about a count names the arm the column holds") {
        const ParsedTable t = parse_table("Study,Placebo events,Placebo N,Drug events,Drug N\nA,30,20,1,10\nB,2,36,1,40\n");
        REQUIRE(t.problems.size() == 1);
        CHECK(t.problems[0].message ==
              "line 2, column 2: events larger than total in the control group (30 events, total 20); check the "
              "numbers and that events come before totals");
        REQUIRE(t.rows.size() == 1);
        CHECK(t.rows[0].e1 == 1);
        CHECK(t.rows[0].n1 == 40);
    }
    SECTION("RevMan's own headers are read as before, without a note") {
        for (const char* header : {"Study\tEvents E\tTotal E\tEvents C\tTotal C", "study\te1\tn1\te2\tn2",
                                   "Study\tExperimental events\tExperimental total\tControl events\tControl total",
                                   "Study\tTreatment events\tTreatment N\tPlacebo events\tPlacebo N"}) {
            INFO(header);
            const ParsedTable t = parse_table(std::string(header) + "\nMorton 1984\t1\t40\t2\t36\n");
            CHECK(t.notes.empty());
            check_rows(t, {kMagnesium[0]}, false);
        }
    }
}

TEST_CASE("paper tables: n (%) and N columns, control first", "[paper]") {
    const ParsedTable t = parse_table(
        "Study\tPlacebo n (%)\tPlacebo N\tMagnesium n (%)\tMagnesium N\n"
        "Morton 1984\t2 (5.6)\t36\t1 (2.5)\t40\n"
        "Rasmussen 1986\t23 (17.0)\t135\t9 (6.7)\t135\n"
        "Smith 1986\t7 (3.5%)\t200\t2 (1.0%)\t200\n"
        "Abraham 1987\t1 (2.2)\t46\t1 (2.1)\t48\n"
        "Feldstedt 1988\t8 (5.4)\t148\t10 (6.7)\t150\n"
        "Shechter 1989\t9 (16.1)\t56\t1 (1.7)\t59\n");
    CHECK(t.problems.empty());
    check_rows(t, kMagnesium, true);
    check_percent(t.rows[1].printed.percent1, 6.7, 1, 4);
    check_percent(t.rows[1].printed.percent2, 17.0, 1, 2);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].message.find("columns 2 and 3 ('Placebo n (%)', 'Placebo N') are read as the control arm") !=
          std::string::npos);
}

TEST_CASE("paper tables: n (%) cells with each arm's total in the header", "[paper]") {
    SECTION("Magnesium (N=1159), Placebo (N=1157): LIMIT-2") {
        const ParsedTable t = parse_table("Outcome\tMagnesium (N=1159)\tPlacebo (N=1157)\nDeath\t90 (7.8%)\t118 (10.2%)\n");
        CHECK(t.problems.empty());
        CHECK(t.notes.empty());
        check_rows(t, {{"Death", 90, 1159, 118, 1157}}, false);
        check_percent(t.rows[0].printed.percent1, 7.8, 1, 2);
        check_percent(t.rows[0].printed.percent2, 10.2, 1, 3);
    }
    SECTION("Placebo, n = 1157 first: swapped") {
        const ParsedTable t = parse_table("Outcome\tPlacebo, n = 1157\tMagnesium, n = 1159\nDeath\t118 (10.2%)\t90 (7.8%)\n");
        CHECK(t.problems.empty());
        check_rows(t, {{"Death", 90, 1159, 118, 1157}}, true);
        REQUIRE(t.notes.size() == 1);
        CHECK(t.notes[0].message.find("column 2 ('Placebo, n = 1157') is read as the control arm") != std::string::npos);
    }
    SECTION("(n=...) alone, space-separated rows") {
        const ParsedTable t = parse_table("Outcome\t(n=1159)\t(n=1157)\nAll-cause death 90 (7.8%) 118 (10.2%)\n");
        CHECK(t.problems.empty());
        CHECK(t.notes.empty());
        check_rows(t, {{"All-cause death", 90, 1159, 118, 1157}}, false);
    }
    SECTION("a percentage that the header's total does not give is refused, at its column") {
        const ParsedTable t = parse_table(
            "Outcome\tMagnesium (N=1159)\tPlacebo (N=1157)\nDeath\t90 (7.8%)\t118 (12.2%)\nReinfarction\t3 (0.3%)\t4 (0.3%)\n");
        REQUIRE(t.problems.size() == 1);
        CHECK(t.problems[0].line == 2);
        CHECK(t.problems[0].column == 3);
        CHECK(t.problems[0].message ==
              "line 2, column 3: \"118 (12.2%)\" holds more than a count, and its 12.2% is not 118 of the total 1157 "
              "printed in the header (10.20%); check the count, its percentage and the total against the source, "
              "then type only the count (118) in this cell");
        check_rows(t, {{"Reinfarction", 3, 1159, 4, 1157}}, false);
    }
}

TEST_CASE("paper tables: a printed percentage that the counts do not give is noted, the row read", "[paper]") {
    const ParsedTable t = parse_table(
        "Trial\tMagnesium n/N (%)\tControl n/N (%)\n"
        "Morton 1984\t1/40 (2.5%)\t2/36 (5.6%)\n"
        "Rasmussen 1986\t9/135 (6.7%)\t23/135 (13.0%)\n");
    CHECK(t.problems.empty());
    check_rows(t, {kMagnesium[0], kMagnesium[1]}, false);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].line == 3);
    CHECK(t.notes[0].column == 3);
    CHECK(t.notes[0].text == "Rasmussen 1986\t9/135 (6.7%)\t23/135 (13.0%)");
    CHECK(t.notes[0].message ==
          "line 3, column 3: the percentage printed beside 23/135 is 13.0%, but 23/135 = 17.04%; the counts 23/135 "
          "are read: check them and the percentage against the source");
    check_percent(t.rows[1].printed.percent2, 13.0, 1, 3);
    // At the printed precision: 2/36 = 5.56% is 6% with no decimals, and 5.6% with one.
    const ParsedTable r = parse_table("Morton 1984, 1/40 (3%), 2/36 (6%)\n");
    CHECK(r.notes.empty());
    check_percent(r.rows[0].printed.percent1, 3, 0, 2);
}

TEST_CASE("paper tables: space-separated paper rows", "[paper]") {
    const ParsedTable t = parse_table("Morton 1984 1/40 (2.5%) 2/36 (5.6%)\nLIMIT-2 1992 90 (7.8%) 1159 118 (10.2%) 1157\n");
    CHECK(t.problems.empty());
    CHECK(t.notes.empty());
    check_rows(t, {kMagnesium[0], {"LIMIT-2 1992", 90, 1159, 118, 1157}}, false);
    check_percent(t.rows[1].printed.percent2, 10.2, 1, 4);
}

TEST_CASE("paper tables: two arms, neither recognisably the control", "[paper]") {
    const ParsedTable t = parse_table("Trial\tDupilumab n/N\tOmalizumab n/N\nA\t1/40\t2/36\n");
    check_rows(t, {{"A", 1, 40, 2, 36}}, false);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].message ==
          "line 1, column 2: the header names two arms, 'Dupilumab' and 'Omalizumab', and neither is recognisably "
          "the control: column 2 ('Dupilumab n/N') is read as the experimental arm (RevMan's order), so each ratio is "
          "Dupilumab against Omalizumab; if Dupilumab is the control, put its columns last");
}

TEST_CASE("paper tables: what stays refused keeps its message", "[paper]") {
    SECTION("n (%) cells with no total anywhere") {
        const ParsedTable t = parse_table("Outcome\tMagnesium\tPlacebo\nDeath\t90 (7.8%)\t118 (10.2%)\n");
        CHECK(t.rows.empty());
        REQUIRE(t.problems.size() == 1);
        CHECK(t.problems[0].message ==
              "line 2: expected 4 counts after the label, found 2 counts with their percentages and no totals: give "
              "each arm's total in the header, e.g. Dupilumab (N=55) and Placebo (N=54), or type events/total cells "
              "such as 12/55 (fields split at tabs)");
    }
    SECTION("a percentage in the total's column") {
        const ParsedTable t = parse_table("A; 12; 100 (12%); 20; 98\n");
        REQUIRE(t.problems.size() == 1);
        CHECK(t.problems[0].message ==
              "line 1, column 3: \"100 (12%)\" holds more than a count; type only the count (100) in this cell");
    }
    SECTION("a percentage alone") {
        const ParsedTable t = parse_table("A, 12%, 100, 1, 20\n");
        REQUIRE(t.problems.size() == 1);
        CHECK(t.problems[0].message ==
              "line 1, column 2: \"12%\" looks like a percentage; paste counts (numbers of participants), not "
              "percentages");
    }
    SECTION("a count with a percentage its total does not give") {
        const ParsedTable t = parse_table("B\t12(12.5%)\t100\t20\t98\n");
        REQUIRE(t.problems.size() == 1);
        CHECK(t.problems[0].message ==
              "line 1, column 2: \"12(12.5%)\" holds more than a count, and its 12.5% is not 12 of the total 100 in "
              "column 3 (12.00%); check the count, its percentage and the total against the source, then type only "
              "the count (12) in this cell");
    }
}
