// parse_table(): the group and year columns a header names, and rows that
// report an effect instead of counts (generic inverse variance): what is read,
// and the exact problem (line, column, message) for what is refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "batch.hpp"
#include "input/parse_effect.hpp"
#include "input/parse_table.hpp"

using namespace metapool;

namespace {

struct Problem {
    int line;
    int column;
    std::string message;  // the whole message
};

void check_problems(const ParsedTable& t, const std::vector<Problem>& want) {
    REQUIRE(t.problems.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("problem " << i << ": " << t.problems[i].message);
        CHECK(t.problems[i].line == want[i].line);
        CHECK(t.problems[i].column == want[i].column);
        CHECK(t.problems[i].message == want[i].message);
    }
}

}  // namespace

// ---- group and year columns -------------------------------------------------

TEST_CASE("group and year columns: named by the header in any case, anywhere after the label") {
    const ParsedTable t = parse_table(
        "Study,Subgroup,e1,n1,e2,n2,YEAR\n"
        "Smith 2001,adults,12,100,20,98,2001\n"
        "Jones,children,5,50,9,51,1999\n");
    CHECK(t.header_line == 1);
    CHECK(t.group_column == 2);
    CHECK(t.year_column == 7);
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].label == "Smith 2001");
    CHECK(t.rows[0].e1 == 12);
    CHECK(t.rows[0].n2 == 98);
    CHECK(t.rows[0].group == "adults");
    CHECK(t.rows[0].year == 2001);
    CHECK(t.rows[1].group == "children");
    CHECK(t.rows[1].year == 1999);
    CHECK(t.problems.empty());
}

TEST_CASE("group and year columns: tabs, semicolons, x/n cells, quoted groups, spaces with the columns last") {
    const ParsedTable tab = parse_table("study\tyear\tgroup\te1\tn1\te2\tn2\nA, B\t1990\tlow dose\t1\t10\t2\t10\n");
    REQUIRE(tab.rows.size() == 1);
    CHECK(tab.rows[0].label == "A, B");
    CHECK(tab.rows[0].group == "low dose");
    CHECK(tab.rows[0].year == 1990);
    const ParsedTable cells = parse_table("study;treated;control;group\nA;1/10;2/10;\"x; y\"\n");
    REQUIRE(cells.rows.size() == 1);
    CHECK(cells.rows[0].e2 == 2);
    CHECK(cells.rows[0].group == "x; y");
    const ParsedTable spaces = parse_table("study e1 n1 e2 n2 group year\nSmith et al. 2001 12 100 20 98 adults 2001\n");
    REQUIRE(spaces.rows.size() == 1);
    CHECK(spaces.rows[0].label == "Smith et al. 2001");
    CHECK(spaces.rows[0].n2 == 98);
    CHECK(spaces.rows[0].group == "adults");
    CHECK(spaces.rows[0].year == 2001);
    CHECK(spaces.problems.empty());
}

TEST_CASE("group and year columns: without a header there are none; other header names change nothing") {
    const ParsedTable none = parse_table("A,1,10,2,10,x\n");
    CHECK(none.rows.empty());
    CHECK(none.group_column == 0);
    const ParsedTable notes = parse_table("study,e1,n1,e2,n2\nA,1,10,2,10\n");
    CHECK(notes.group_column == 0);
    CHECK(notes.year_column == 0);
    REQUIRE(notes.rows.size() == 1);
    CHECK(notes.rows[0].group.empty());
    CHECK(notes.rows[0].year == 0);
}

TEST_CASE("group and year columns: bad values at their columns, count problems at the pasted columns") {
    const ParsedTable t = parse_table(
        "study,group,year,e1,n1,e2,n2\n"
        "A,x,1998a,1,10,2,10\n"
        "B,,2001,1,10,2,10\n"
        "C,x,,1,10,2,10\n"
        "D,x,2001,1,10,-2,10\n"
        "E,x\n"
        "F,x,98,1,10,2,10\n"
        "G,y,2002,1,10,2,10\n");
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].label == "G");
    check_problems(t, {
        {2, 3, "line 2, column 3: \"1998a\" is not a year; type four digits, e.g. 1998 (a letter as in 1998a "
               "belongs in the label)"},
        {3, 2, "line 3, column 2: the group is empty; type the subgroup of this study (the header has a group "
               "column)"},
        {4, 3, "line 4, column 3: the year is empty; type the study's year, e.g. 1998 (the header has a year "
               "column)"},
        {5, 6, "line 5, column 6: \"-2\" is negative; counts cannot be negative"},
        {6, 0, "line 6: no year on this line (column 3 under the header); give every row its year"},
        {7, 3, "line 7, column 3: \"98\" is not a year; type four digits, e.g. 1998 (a letter as in 1998a belongs "
               "in the label)"},
    });
    CHECK(t.problems[3].text == "D,x,2001,1,10,-2,10");
}

TEST_CASE("group and year columns: the counts are checked first, one problem per line") {
    const ParsedTable t = parse_table("study,e1,n1,e2,n2,group,year\nA,1,x,2,10,,19\nA,1,10,2,10,g,2001\nA,1,10,2,10,g,2002\n");
    check_problems(t, {
        {2, 3, "line 2, column 3: \"x\" is not a number; type the count as a whole number, e.g. 12"},
    });
    // A repeated label is kept, with a note at the label's column.
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[1].label == "A (2)");
    CHECK(t.rows[1].year == 2002);
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].line == 4);
    CHECK(t.notes[0].column == 1);
    CHECK(t.notes[0].text == "A,1,10,2,10,g,2002");
}

TEST_CASE("group and year columns: a line short of a column names the header's column count") {
    const ParsedTable t = parse_table("study;e1;n1;e2;n2;group;year\nC;1;10;2;10;G\n");
    check_problems(t, {{2, 0,
                        "line 2: expected 4 counts after the label, found 3 (fields split at semicolons); the header "
                        "has 7 columns, this line 6"}});
}

TEST_CASE("group and year columns: a second one, and a space-separated header with them before the counts") {
    const ParsedTable twice = parse_table("study,group,subgroup,e1,n1,e2,n2\nA,x,y,1,10,2,10\n");
    CHECK(twice.group_column == 2);
    REQUIRE(twice.problems.size() == 2);
    CHECK(twice.problems[0].line == 1);
    CHECK(twice.problems[0].column == 3);
    CHECK(twice.problems[0].message ==
          "line 1, column 3: a second group column (the first is column 2); this one is read as an ordinary column: "
          "rename or delete one of them");
    CHECK(twice.rows.empty());  // `y` is then an extra column
    CHECK(twice.problems[1].line == 2);
    const ParsedTable spaces = parse_table("study year e1 n1 e2 n2\nA 2001 1 10 2 10\n");
    REQUIRE(spaces.problems.size() == 1);
    CHECK(spaces.problems[0].line == 1);
    CHECK(spaces.problems[0].column == 2);
    CHECK(spaces.problems[0].message.find("on lines separated by spaces the group and year columns must come last") !=
          std::string::npos);
}

TEST_CASE("group and year columns: blank and comment lines stay ignored, Study N still counts data rows") {
    const ParsedTable t = parse_table("e1,n1,e2,n2,group\n\n# a note\n1,10,2,10,a\n3,10,4,10,b\n");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].label == "Study 1");
    CHECK(t.rows[1].label == "Study 2");
    CHECK(t.rows[1].group == "b");
}

TEST_CASE("batch mode: a group column travels with each analysis") {
    std::vector<std::string> lines = {"review,study,group,e1,n1,e2,n2", "R1,A,x,1,10,2,10", "R1,B,y,2,10,3,10",
                                      "R2,C,x,3,10,4,10", "R2,D,x,4,10,5,10"};
    std::size_t next = 0;
    const LineSource source = [&](std::string& line) {
        if (next >= lines.size()) return false;
        line = lines[next++];
        return true;
    };
    BatchSettings settings;
    settings.column = "review";
    std::vector<std::size_t> groups;
    const BatchOutcome outcome = run_batch(source, settings, [&](BatchItem& item) {
        groups.push_back(item.analysis.subgroups.groups.size());
    });
    CHECK_FALSE(outcome.problem);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0] == 2);
    CHECK(groups[1] == 1);
}

// ---- reported effects -------------------------------------------------------

TEST_CASE("reported effects: the accepted forms") {
    struct Form {
        std::string line;
        std::string label;
        ReportedMeasure measure;
        bool log_scale;
        double estimate, lower, upper, se, level;
        bool interval;
    };
    const std::vector<Form> forms = {
        {"Smith 2001, RR 0.54 (0.40 to 0.72)", "Smith 2001", ReportedMeasure::RR, false, 0.54, 0.40, 0.72, 0, 0.95, true},
        {"Jones\tOR 1.3 [95% CI 0.9; 1.8]", "Jones", ReportedMeasure::OR, false, 1.3, 0.9, 1.8, 0, 0.95, true},
        {"Lee; rd -0.05 (-0.10 to 0.00)", "Lee", ReportedMeasure::RD, false, -0.05, -0.10, 0.0, 0, 0.95, true},
        {"\"Wu, K\", log RR -0.62 (se 0.15)", "Wu, K", ReportedMeasure::RR, true, -0.62, 0, 0, 0.15, 0.95, false},
        {"Brown et al. 1999 logOR \xE2\x88\x92" "0.2 (90% CI \xE2\x88\x92" "0.5 \xE2\x80\x93 0.1)", "Brown et al. 1999",
         ReportedMeasure::OR, true, -0.2, -0.5, 0.1, 0, 0.90, true},
        {"Kim 2003 RR = 0.8 (0.6-1.1)", "Kim 2003", ReportedMeasure::RR, false, 0.8, 0.6, 1.1, 0, 0.95, true},
        {"Park, ln OR: .5 (CI: .1 to .9)", "Park", ReportedMeasure::OR, true, 0.5, 0.1, 0.9, 0, 0.95, true},
        {"Ito, RD 0.02 (SE = 0.01)", "Ito", ReportedMeasure::RD, false, 0.02, 0, 0, 0.01, 0.95, false},
        {"RR 0.7 (0.5 to 0.9)", "Study 1", ReportedMeasure::RR, false, 0.7, 0.5, 0.9, 0, 0.95, true},
    };
    for (const Form& f : forms) {
        INFO(f.line);
        const ParsedTable t = parse_table(f.line + "\n");
        REQUIRE(t.problems.empty());
        REQUIRE(t.rows.size() == 1);
        const StudyRow& r = t.rows[0];
        CHECK(t.header_line == 0);
        CHECK(r.label == f.label);
        CHECK(r.generic());
        CHECK(std::isnan(r.e1));
        CHECK(r.reported.measure == f.measure);
        CHECK(r.reported.log_scale == f.log_scale);
        CHECK(r.reported.has_interval == f.interval);
        CHECK(r.reported.estimate == Approx(f.estimate));
        CHECK(r.reported.level == Approx(f.level));
        if (f.interval) {
            CHECK(r.reported.lower == Approx(f.lower).margin(1e-12));
            CHECK(r.reported.upper == Approx(f.upper).margin(1e-12));
        } else {
            CHECK(r.reported.se == Approx(f.se));
        }
        CHECK(r.reported.column == (f.label == "Study 1" ? 1 : 2));
        CHECK(r.reported.line_text == f.line);
    }
}

TEST_CASE("reported effects: mixed with counts, under a header with group and year columns") {
    const ParsedTable t = parse_table(
        "study,group,year,e1,n1,e2,n2\n"
        "A,x,2001,RR 0.5 (0.3 to 0.8)\n"
        "B,y,1999,1,10,2,10\n"
        "C\tRR 0.9 (0.7 to 1.2)\tz\t2003\n");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].generic());
    CHECK(t.rows[0].group == "x");
    CHECK(t.rows[0].year == 2001);
    CHECK(t.rows[0].reported.column == 4);
    CHECK(t.rows[0].reported.line_text == "A,x,2001,RR 0.5 (0.3 to 0.8)");
    CHECK_FALSE(t.rows[1].generic());
    // C: a tab line under a comma header: group and year still come second
    // and third.
    REQUIRE(t.problems.size() == 1);
    CHECK(t.problems[0].line == 4);
    const ParsedTable last = parse_table("study,e1,n1,e2,n2,group,year\nA,RR 0.5 (0.3 to 0.8),x,2001\nB,1,10,2,10,y,1999\n");
    REQUIRE(last.rows.size() == 2);
    CHECK(last.rows[0].group == "x");
    CHECK(last.rows[0].reported.column == 2);
    CHECK(last.rows[1].year == 1999);
    const ParsedTable spaces = parse_table("study e1 n1 e2 n2 group\nSmith 2001 RR 0.5 (0.3 to 0.8) adults\n");
    REQUIRE(spaces.rows.size() == 1);
    CHECK(spaces.rows[0].label == "Smith 2001");
    CHECK(spaces.rows[0].group == "adults");
}

TEST_CASE("reported effects: what is refused, and why") {
    const ParsedTable t = parse_table(
        "A, RR 0,54 (0.40 to 0.72)\n"
        "B, RR 0.54 (0.60 to 0.72)\n"
        "C, RR 0.54 (se 0.2)\n"
        "D, HR 0.54 (0.40 to 0.72)\n"
        "E, RR 0.54 (0.40, 0.72)\n"
        "F, RR 0.54\n"
        "G, RD -0.05 (-0.10-0.00)\n"
        "H, log RD 0.1 (se 0.1)\n"
        "I, RR 0.54 (0.40 to 0.72) extra\n"
        "J, RR -0.54 (0.40 to 0.72)\n"
        "K, OR 2 (95% 1 to 3)\n"
        "L\tRR 0.54 (0.40 to 0.72)\tx\n"
        "M, RR 0.54 (0.72 to 0.40)\n"
        "N, RD 1.5 (se 0.1)\n"
        "O, RR 1e-3 (1e-4 to 1e-2)\n"
        "P, OR 1.3 (0.9 to 1.8\n"
        "Q; OR 1.3 [0.9; 1.8]\n"
        "R, RR 0.5 (0.5 to 0.5)\n"
        "Jones, OR 1.3 [95% CI 0.9; 1.8]\n");
    CHECK(t.rows.empty());
    check_problems(t, {
        {1, 2, "line 1, column 2: \"0,54\" is not a number; write the estimate with a decimal point (e.g. 0.54)"},
        {2, 2, "line 2, column 2: the estimate 0.54 lies outside its interval (0.6 to 0.72); check the numbers"},
        {3, 2, "line 3, column 2: the standard error of a ratio is on the log scale: give the log ratio with it, e.g. "
               "log RR -0.62 (se 0.15), or give the confidence interval, e.g. RR 0.54 (0.40 to 0.72)"},
        {4, 2, "line 4, column 2: a hazard ratio (HR) cannot be pooled here: metapool pools risk ratios (RR), odds "
               "ratios (OR) and risk differences (RD)"},
        {5, 2, "line 5, column 2: the comma inside the effect splits the line at commas: write the limits with "
               "\"to\", e.g. RR 0.54 (0.40 to 0.72), or put a tab between the label and the effect"},
        {6, 2, "line 6, column 2: no interval after the estimate: give the confidence interval or the standard "
               "error in brackets, e.g. RR 0.54 (0.40 to 0.72), log OR -0.62 (se 0.15) or RD -0.05 (-0.10 to 0.00)"},
        {7, 2, "line 7, column 2: expected \"to\" between the limits, at \"-0.00)\"; write the interval as (lower to "
               "upper), e.g. (-0.10 to 0.05)"},
        {8, 2, "line 8, column 2: a risk difference has no log scale: write RD -0.05 (-0.10 to 0.00) or RD -0.05 "
               "(se 0.02)"},
        {9, 2, "line 9, column 2: unexpected text after the interval: \"extra\"; the effect ends with its bracket"},
        {10, 2, "line 10, column 2: a risk ratio and its limits must be positive; for a log ratio write log RR ..."},
        {11, 2, "line 11, column 2: expected \"CI\" after \"95%\", e.g. (95% CI 0.40 to 0.72)"},
        {12, 3, "line 12, column 3: expected the label and the effect, found 3 fields; delete the extra column "
                "(fields split at tabs)"},
        {13, 2, "line 13, column 2: the lower limit 0.72 is above the upper limit 0.4; write (lower to upper)"},
        {14, 2, "line 14, column 2: a risk difference lies between -1 and 1 (write -0.05 for -5%)"},
        {15, 2, "line 15, column 2: \"1e-3\" is not a number; write the estimate in plain digits with a decimal "
                "point, e.g. 0.54"},
        {16, 2, "line 16, column 2: expected \")\" after the upper limit, found the end of the field (a comma or "
                "semicolon between the limits splits a line separated by them: write 0.40 to 0.72)"},
        {17, 2, "line 17, column 2: the semicolon inside the effect splits the line at semicolons: write the limits with "
                "\"to\", e.g. RR 0.54 (0.40 to 0.72), or put a tab between the label and the effect"},
        {18, 2, "line 18, column 2: the interval has no width (lower and upper limits are equal)"},
        {19, 0, "line 19: the semicolon inside the effect splits the line at semicolons: write the limits with "
                "\"to\", e.g. RR 0.54 (0.40 to 0.72), or put a tab between the label and the effect"},
    });
}

TEST_CASE("reported effects: a first line of effects is data, not a header; labels like 'Or 2001' stay labels") {
    const ParsedTable t = parse_table("Smith, RR 0.5 (0.3 to 0.8)\nOr 2001 12 100 20 98\nRR trial, 1, 10, 2, 10\n");
    CHECK(t.header_line == 0);
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].generic());
    CHECK(t.rows[1].label == "Or 2001");
    CHECK_FALSE(t.rows[1].generic());
    CHECK(t.rows[2].label == "RR trial");
    CHECK(t.problems.empty());
}

TEST_CASE("reported effects: repeated labels are compared with the 2x2 rows") {
    const ParsedTable t = parse_table("A,1,10,2,10\na, RR 0.5 (0.3 to 0.8)\n");
    check_problems(t, {});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[1].generic());
    CHECK(t.rows[1].label == "a (2)");
    CHECK(t.rows[1].pasted_label == "a");
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].message ==
          "line 2, column 1: the label 'a' is also the label of line 1; both rows are analysed, this one shown as "
          "'a (2)' (rename it if another name tells the studies apart)");
}

TEST_CASE("starts_like_effect and find_effect") {
    CHECK(starts_like_effect("RR 0.5 (0.4 to 0.6)"));
    CHECK(starts_like_effect("log OR -1"));
    CHECK(starts_like_effect("lnRR .5"));
    CHECK(starts_like_effect("HR 2"));
    CHECK_FALSE(starts_like_effect("RR trial"));
    CHECK_FALSE(starts_like_effect("Orr 0.5"));
    CHECK_FALSE(starts_like_effect("12"));
    CHECK(find_effect("Smith 2001 RR 0.5 (0.4 to 0.6)") == 11);
    CHECK(find_effect("Smith log RR -0.5 (se 0.1)") == 6);
    CHECK(find_effect("Smith 2001 RR 0.5 (0.4 to 0.6) x") == std::string::npos);
    CHECK(find_effect("Smith 12 100 20 98") == std::string::npos);
}
