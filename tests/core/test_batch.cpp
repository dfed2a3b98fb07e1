// Batch mode (core/batch.hpp, `metapool --by`): several analyses in one
// file, each equal to the analysis of its rows pasted on their own; the
// contiguous rule; problems at the file's lines and columns; streaming; the
// line reader; and the parser helpers batch mode is built on (split_line,
// TableReader), checked against parse_table() itself.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze.hpp"
#include "batch.hpp"
#include "input/parse_table.hpp"
#include "output/analysis_json.hpp"

namespace {

using metapool::BatchItem;
using metapool::BatchSettings;

struct Collected {
    std::vector<BatchItem> items;
    metapool::BatchOutcome outcome;
};

// All physical lines of `text`, as a LineSource (through stream_lines, as the CLI reads).
Collected run(const std::string& text, const std::string& column, const metapool::Options& o = {}) {
    std::istringstream in(text);
    BatchSettings s;
    s.column = column;
    s.options = o;
    Collected c;
    c.outcome = metapool::run_batch(metapool::stream_lines(in), s, [&](BatchItem& item) { c.items.push_back(item); });
    return c;
}

std::vector<std::string> read_lines(const std::string& text) {
    std::istringstream in(text);
    const metapool::LineSource next = metapool::stream_lines(in);
    std::vector<std::string> out;
    std::string line;
    while (next(line)) out.push_back(line);
    return out;
}

// `rows` pasted on their own under `header`, keeping the file's line numbers
// (blank lines are ignored by the parser and only move the numbering).
std::string alone(const std::string& header, int header_line, const std::vector<std::pair<int, std::string>>& rows) {
    std::string text;
    int line = 1;
    auto put = [&](int at, const std::string& s) {
        while (line < at) {
            text += "\n";
            ++line;
        }
        text += s + "\n";
        ++line;
    };
    if (!header.empty()) put(header_line, header);
    for (const auto& r : rows) put(r.first, r.second);
    return text;
}

const char* kFile =
    "# three reviews\n"                                    // 1
    "review,study,e1,n1,e2,n2\n"                           // 2
    "CD001,Aronson 1948,4,123,11,139\n"                    // 3
    "CD001,Ferguson 1949,6,306,29,303\n"                   // 4
    "CD001,Rosenthal 1960,3,231,11,220\n"                  // 5
    "\n"                                                   // 6
    "CD002,Hart 1977,62,13598,248,12867\n"                 // 7
    "CD002,Frimodt-Moller 1973,33,5069,47,5808\n"          // 8
    "CD002,Stein 1953,180,1541,372,1451\n"                 // 9
    "CD002,Vandiviere 1973,8,2545,10,629\n"                // 10
    "\"CD 003, part 2\",TPT Madras 1980,505,88391,499,88391\n"  // 11
    "\"CD 003, part 2\",Coetzee 1968,29,7499,45,7277\n";   // 12

}  // namespace

TEST_CASE("batch: several analyses, each equal to its rows analysed on their own") {
    for (const auto& o : {metapool::Options{}, [] {
                              metapool::Options x;
                              x.measure = metapool::Measure::OR;
                              x.tau2_method = metapool::Tau2Method::DL;
                              x.hksj = true;
                              return x;
                          }()}) {
        const Collected c = run(kFile, "review", o);
        REQUIRE_FALSE(c.outcome.problem);
        REQUIRE(c.items.size() == 3);
        CHECK(c.outcome.analyses == 3);
        CHECK(c.outcome.unassigned == 0);
        CHECK(c.items[0].name == "CD001");
        CHECK(c.items[1].name == "CD002");
        CHECK(c.items[2].name == "CD 003, part 2");
        const std::string header = "study,e1,n1,e2,n2";
        const std::string a = alone(header, 2, {{3, "Aronson 1948,4,123,11,139"}, {4, "Ferguson 1949,6,306,29,303"},
                                                {5, "Rosenthal 1960,3,231,11,220"}});
        const std::string b = alone(header, 2, {{7, "Hart 1977,62,13598,248,12867"}, {8, "Frimodt-Moller 1973,33,5069,47,5808"},
                                                {9, "Stein 1953,180,1541,372,1451"}, {10, "Vandiviere 1973,8,2545,10,629"}});
        const std::string d = alone(header, 2, {{11, "TPT Madras 1980,505,88391,499,88391"}, {12, "Coetzee 1968,29,7499,45,7277"}});
        const std::string texts[] = {a, b, d};
        for (int i = 0; i < 3; ++i) {
            INFO("analysis " << i);
            REQUIRE(c.items[i].analysed());
            CHECK(c.items[i].analysis.ok());
            CHECK(metapool::to_json(c.items[i].analysis) == metapool::to_json(metapool::analyze_text(texts[i], o)));
        }
        CHECK(c.items[0].analysis.studies[2].line == 5);
        CHECK(c.items[1].analysis.k == 4);
        CHECK(c.items[2].analysis.studies[0].label == "TPT Madras 1980");
    }
}

TEST_CASE("batch: repeated labels are kept, with the same numbers as a single analysis") {
    // dat.li2007's Shechter trials (three) and dat.lee2004's Agarwal (two), one analysis each.
    const std::string file =
        "review\tstudy\te1\tn1\te2\tn2\n"      // 1
        "Mg\tShechter\t1\t50\t9\t53\n"         // 2
        "Mg\tSingh\t6\t81\t11\t81\n"           // 3
        "Mg\tShechter\t2\t21\t4\t25\n"         // 4
        "Mg\tShechter\t4\t96\t17\t98\n"        // 5
        "PONV\tAgarwal\t18\t100\t20\t100\n"    // 6
        "PONV\tAgarwal\t5\t50\t18\t50\n"       // 7
        "PONV\tAllen\t9\t23\t10\t23\n";        // 8
    const std::string header = "study\te1\tn1\te2\tn2";
    const std::string alone_mg = alone(header, 1, {{2, "Shechter\t1\t50\t9\t53"}, {3, "Singh\t6\t81\t11\t81"},
                                                   {4, "Shechter\t2\t21\t4\t25"}, {5, "Shechter\t4\t96\t17\t98"}});
    const std::string alone_ponv = alone(header, 1, {{6, "Agarwal\t18\t100\t20\t100"}, {7, "Agarwal\t5\t50\t18\t50"},
                                                     {8, "Allen\t9\t23\t10\t23"}});
    for (const auto& o : {metapool::Options{}, [] {
                              metapool::Options x;
                              x.measure = metapool::Measure::OR;
                              x.method = metapool::CommonMethod::IV;
                              x.tau2_method = metapool::Tau2Method::DL;
                              return x;
                          }()}) {
        const Collected c = run(file, "review", o);
        REQUIRE(c.items.size() == 2);
        const std::string texts[] = {alone_mg, alone_ponv};
        const std::size_t rows[] = {4, 3};
        for (int i = 0; i < 2; ++i) {
            INFO("analysis " << i);
            const metapool::Analysis& batch = c.items[i].analysis;
            const metapool::Analysis single = metapool::analyze_text(texts[i], o);
            REQUIRE(batch.studies.size() == rows[i]);
            CHECK(batch.k == static_cast<int>(rows[i]));
            // Equal numbers, labels and notes; a note's column and text are the file's
            // (the analysis column comes first).
            nlohmann::json jb = nlohmann::json::parse(metapool::to_json(batch));
            nlohmann::json js = nlohmann::json::parse(metapool::to_json(single));
            REQUIRE(jb["notes"].size() == js["notes"].size());
            for (std::size_t n = 0; n < jb["notes"].size(); ++n) {
                CHECK(jb["notes"][n]["line"] == js["notes"][n]["line"]);
                CHECK(jb["notes"][n]["column"] == 2);
                CHECK(js["notes"][n]["column"] == 1);
                const int line = jb["notes"][n]["line"];
                CHECK(jb["notes"][n]["text"] == read_lines(file)[static_cast<std::size_t>(line) - 1]);
            }
            jb.erase("notes");
            js.erase("notes");
            CHECK(jb == js);
        }
        CHECK(c.items[0].analysis.studies[3].label == "Shechter (3)");
        CHECK(c.items[0].analysis.studies[3].pasted_label == "Shechter");
        CHECK(c.items[1].analysis.studies[1].label == "Agarwal (2)");
        REQUIRE(c.items[0].analysis.notes.size() == 2);
        CHECK(c.items[0].analysis.notes[1].message ==
              "line 5, column 2: the label 'Shechter' is also the label of line 2; both rows are analysed, this one "
              "shown as 'Shechter (3)' (rename it if another name tells the studies apart)");
    }
}

TEST_CASE("batch: the column by number, in any position, and with or without a header") {
    // By number with a header: the same results as by name.
    const Collected by_name = run(kFile, "REVIEW ");
    const Collected by_number = run(kFile, "1");
    REQUIRE(by_number.items.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(by_number.items[i].name == by_name.items[i].name);
        CHECK(metapool::to_json(by_number.items[i].analysis) == metapool::to_json(by_name.items[i].analysis));
    }
    // The name in the last column of a tab-separated file without a header.
    const std::string tsv =
        "Aronson 1948\t4\t123\t11\t139\tA\n"
        "Ferguson 1949\t6\t306\t29\t303\tA\n"
        "Hart 1977\t62\t13598\t248\t12867\tB\n";
    const Collected t = run(tsv, "6");
    REQUIRE(t.items.size() == 2);
    CHECK(t.items[0].name == "A");
    CHECK(t.items[0].analysis.k == 2);
    CHECK(t.items[0].analysis.studies[1].label == "Ferguson 1949");
    CHECK(metapool::to_json(t.items[0].analysis) ==
          metapool::to_json(metapool::analyze_text("Aronson 1948\t4\t123\t11\t139\nFerguson 1949\t6\t306\t29\t303\n", {})));
    CHECK(t.items[1].analysis.studies[0].line == 3);
    // In the middle; space-separated lines with the name first.
    const Collected m = run("study;review;e1;n1;e2;n2\nX;R1;1;10;2;10\nY;R1;2;10;3;10\n", "review");
    REQUIRE(m.items.size() == 1);
    CHECK(m.items[0].analysis.k == 2);
    CHECK(m.items[0].analysis.studies[1].label == "Y");
    const Collected s = run("R1 Smith et al. 2001 12 100 20 98\nR1 Jones 2003 5 50 9 51\nR2 Lee 1999 1 10 2 10\n", "1");
    REQUIRE(s.items.size() == 2);
    CHECK(s.items[0].analysis.studies[0].label == "Smith et al. 2001");
    CHECK(s.items[0].analysis.k == 2);
    // Without a header, unlabelled rows are numbered within their analysis.
    const Collected u = run("A,1,10,2,10\nA,3,10,4,10\nB,1,10,1,10\n", "1");
    REQUIRE(u.items.size() == 2);
    CHECK(u.items[0].analysis.studies[1].label == "Study 2");
    CHECK(u.items[1].analysis.studies[0].label == "Study 1");
}

TEST_CASE("batch: rows of one analysis must be contiguous; a name that comes back is an error for that row") {
    const std::string text =
        "review,study,e1,n1,e2,n2\n"  // 1
        "A,s1,4,123,11,139\n"         // 2
        "A,s2,6,306,29,303\n"         // 3
        "B,s1,62,13598,248,12867\n"   // 4
        "A,s3,3,231,11,220\n"         // 5: A again
        "B,s2,33,5069,47,5808\n"      // 6: B goes on
        "C,s1,1,10,2,10\n"            // 7
        "A,s4,1,10,2,10\n";           // 8: A again
    const Collected c = run(text, "review");
    REQUIRE(c.items.size() == 5);
    // Emitted in the order they are known: A ends at line 4; the error rows
    // as they are read; B when C starts; C at the end of the file.
    CHECK(c.items[0].name == "A");
    CHECK(c.items[0].analysed());
    CHECK(c.items[0].analysis.k == 2);
    REQUIRE_FALSE(c.items[1].analysed());
    CHECK(c.items[1].name == "A");
    CHECK(c.items[1].problem->line == 5);
    CHECK(c.items[1].problem->column == 1);
    CHECK(c.items[1].problem->message.rfind("line 5, column 1: analysis \"A\" already ended", 0) == 0);
    CHECK(c.items[1].problem->message.find("sort the file by column 1 (\"review\")") != std::string::npos);
    CHECK(c.items[1].problem->text == "A,s3,3,231,11,220");
    CHECK(c.items[2].name == "B");
    CHECK(c.items[2].analysis.k == 2);  // the A row between did not end B
    REQUIRE_FALSE(c.items[3].analysed());
    CHECK(c.items[3].problem->line == 8);
    CHECK(c.items[4].name == "C");
    CHECK(c.items[4].analysed());
    CHECK(c.outcome.analyses == 3);
    CHECK(c.outcome.unassigned == 2);

    const auto j = nlohmann::json::parse(metapool::batch_json(c.items[1]));
    CHECK(j["analysis"] == "A");
    CHECK(j["ok"] == false);
    CHECK(j["error"] == c.items[1].problem->message);
    REQUIRE(j["errors"].size() == 1);
    CHECK(j["errors"][0]["line"] == 5);
    CHECK(j["errors"][0]["column"] == 1);
    CHECK(j["errors"][0]["text"] == "A,s3,3,231,11,220");
}

TEST_CASE("batch: problems keep the file's line numbers, columns and text") {
    const std::string text =
        "\xEF\xBB\xBF# comment\r\n"             // 1 (BOM, CRLF)
        "review\tstudy\te1\tn1\te2\tn2\r\n"     // 2
        "A\ts1\t4\t123\t11\t139\r\n"            // 3
        "A\ts2\tfive\t306\t29\t303\r\n"         // 4: bad count, column 3 of the file
        "A\ts1\t3\t231\t11\t220\r"              // 5: a repeated label, kept (lone CR)
        "B\ts1\t62\t13598\t248\t12867\n"        // 6
        "\ts2\t1\t10\t1\t10\n"                  // 7: no name
        "B\n"                                   // 8: nothing but the name
        "B\t\"s3\t1\t10\t1\t10\n"               // 9: a quote never closed
        "B\ts4\t1\t10\t20\t10\n";               // 10: events above total, column 5
    const Collected c = run(text, "review");
    REQUIRE_FALSE(c.outcome.problem);
    REQUIRE(c.items.size() == 4);  // A, the row without a name, the broken row, B
    const BatchItem& a = c.items[0];
    CHECK(a.name == "A");
    CHECK(a.analysis.k == 2);  // the repeated label s1 is kept, under a label that tells it apart
    REQUIRE(a.analysis.errors.size() == 1);
    CHECK(a.analysis.errors[0].line == 4);
    CHECK(a.analysis.errors[0].column == 3);
    CHECK(a.analysis.errors[0].message.rfind("line 4, column 3: \"five\" is not a number", 0) == 0);
    CHECK(a.analysis.errors[0].text == "A\ts2\tfive\t306\t29\t303");
    REQUIRE(a.analysis.notes.size() == 1);
    CHECK(a.analysis.notes[0].line == 5);
    CHECK(a.analysis.notes[0].column == 2);
    CHECK(a.analysis.notes[0].message ==
          "line 5, column 2: the label 's1' is also the label of line 3; both rows are analysed, this one shown as "
          "'s1 (2)' (rename it if another name tells the studies apart)");
    CHECK(a.analysis.notes[0].text == "A\ts1\t3\t231\t11\t220");
    REQUIRE(a.analysis.studies.size() == 2);
    CHECK(a.analysis.studies[1].label == "s1 (2)");
    CHECK(a.analysis.studies[1].pasted_label == "s1");

    REQUIRE_FALSE(c.items[1].analysed());
    CHECK(c.items[1].problem->line == 7);
    CHECK(c.items[1].problem->column == 1);
    CHECK(c.items[1].problem->message.find("the analysis name is empty") != std::string::npos);
    REQUIRE_FALSE(c.items[2].analysed());
    CHECK(c.items[2].problem->line == 9);
    CHECK(c.items[2].problem->column == 2);
    CHECK(c.items[2].problem->message.find("never closed") != std::string::npos);

    const BatchItem& b = c.items[3];
    CHECK(b.name == "B");
    CHECK(b.analysis.k == 1);
    REQUIRE(b.analysis.errors.size() == 1);  // line 8 has no fields left: blank for the parser
    CHECK(b.analysis.errors[0].line == 10);
    CHECK(b.analysis.errors[0].column == 5);
    CHECK(b.analysis.errors[0].message.rfind("line 10, column 5: events larger than total", 0) == 0);
}

TEST_CASE("batch: the analysis column must be found") {
    CHECK(metapool::message_of(run(kFile, "trial").outcome.problem).find("no column named \"trial\" in the header row (line 2") == 0);
    CHECK(metapool::message_of(run("a,A,e1,n1,e2,n2\nX,x,1,2,3,4\n", "a").outcome.problem).find("more than one column is named \"a\"") == 0);
    CHECK(metapool::message_of(run(kFile, "0").outcome.problem).find("out of range") != std::string::npos);
    CHECK(metapool::message_of(run(kFile, " ").outcome.problem).find("empty") != std::string::npos);
    // A column beyond a row's end: that row is an error, the others go on.
    const Collected c = run("s1,1,10,2,10,A\ns2,1,10,2,10\ns3,1,10,2,10,A\n", "6");
    REQUIRE(c.items.size() == 2);
    REQUIRE_FALSE(c.items[0].analysed());
    CHECK(c.items[0].problem->line == 2);
    CHECK(c.items[0].problem->column == 0);
    CHECK(c.items[0].problem->message == "line 2: no column 6 on this line (it has 5 fields); every row needs the name of "
                                        "its analysis there, so this row is not analysed");
    CHECK(c.items[1].analysis.k == 2);
    // Nothing but a header: no analyses, no error of the batch.
    const Collected h = run("review,study,e1,n1,e2,n2\n", "review");
    CHECK_FALSE(h.outcome.problem);
    CHECK(h.items.empty());
}

TEST_CASE("batch: streamed, one analysis at a time") {
    // 3,000 analyses: each is emitted when the next one starts, before the
    // rows after it have been read.
    std::string text = "review,study,e1,n1,e2,n2\n";
    for (int r = 0; r < 3000; ++r) {
        for (int s = 0; s < 3; ++s) {
            text += "R" + std::to_string(r) + ",S" + std::to_string(s) + "," + std::to_string(1 + (r + s) % 7) +
                    ",50," + std::to_string(2 + (r * s) % 9) + ",50\n";
        }
    }
    std::istringstream in(text);
    const metapool::LineSource lines = metapool::stream_lines(in);
    int lines_read = 0;
    const metapool::LineSource counted = [&](std::string& l) {
        const bool more = lines(l);
        if (more) ++lines_read;
        return more;
    };
    BatchSettings s;
    s.column = "review";
    s.studies = false;
    std::vector<int> read_when_emitted;
    std::size_t max_studies = 0;
    const auto outcome = metapool::run_batch(counted, s, [&](BatchItem& item) {
        read_when_emitted.push_back(lines_read);
        max_studies = std::max(max_studies, item.analysis.studies.size());
        CHECK(item.analysis.k == 3);
    });
    CHECK(outcome.analyses == 3000);
    REQUIRE(read_when_emitted.size() == 3000);
    for (int r = 0; r + 1 < 3000; ++r) REQUIRE(read_when_emitted[r] == 2 + 3 * (r + 1));  // the next one's first row
    CHECK(max_studies == 0);  // studies: no
}

TEST_CASE("batch: the line reader splits lines as parse_table() does") {
    CHECK(read_lines("") == std::vector<std::string>{});
    CHECK(read_lines("a") == std::vector<std::string>{"a"});
    CHECK(read_lines("a\n") == std::vector<std::string>{"a"});
    CHECK(read_lines("a\r\nb\rc\n\nd") == std::vector<std::string>{"a", "b", "c", "", "d"});
    CHECK(read_lines("\xEF\xBB\xBFx\ny") == std::vector<std::string>{"x", "y"});
    CHECK(read_lines("x\xEF\xBB\xBF") == std::vector<std::string>{"x\xEF\xBB\xBF"});
    // A CRLF cut by the 64 kB block boundary is one line end.
    const std::string first(65535, 'a');
    CHECK(read_lines(first + "\r\nb") == std::vector<std::string>{first, "b"});
    CHECK(read_lines(first + "\r\rb") == std::vector<std::string>{first, "", "b"});
    // A line longer than a block.
    const std::string long_line(200000, 'z');
    CHECK(read_lines("q\n" + long_line + "\nr") == std::vector<std::string>{"q", long_line, "r"});
}

TEST_CASE("parse_table helpers: split_line and TableReader read lines as parse_table()") {
    using metapool::split_line;
    auto values = [](const metapool::LineFields& f) {
        std::vector<std::string> v;
        for (const auto& x : f.fields) v.push_back(x.value);
        return v;
    };
    auto l = split_line(" CD1 , \"Smith, J \"\"Jr\"\"\" ,12, 100 ,20,98,");
    CHECK(l.separator == ',');
    CHECK(values(l) == std::vector<std::string>{"CD1", "Smith, J \"Jr\"", "12", "100", "20", "98", ""});
    CHECK(l.fields[1].quoted);
    CHECK(l.fields[0].from == 0);
    CHECK(l.fields[0].to == 5);
    CHECK(l.fields[1].from == 6);
    CHECK(l.fields.back().from == l.fields.back().to);
    CHECK(split_line("a;b,c\td").separator == '\t');
    CHECK(split_line("a;b,c").separator == ';');
    l = split_line("\"R 1\" Smith et al. 2001  12 100");
    CHECK(l.separator == ' ');
    CHECK(values(l) == std::vector<std::string>{"R 1", "Smith", "et", "al.", "2001", "12", "100"});
    CHECK(split_line("   ").skip);
    CHECK(split_line("  # note, 1, 2").skip);
    CHECK(split_line(",,,").skip);
    CHECK(split_line(" \t ").skip);
    CHECK_FALSE(split_line("a,,").skip);
    l = split_line("A,\"open,1,2,3,4");
    CHECK(l.fields.empty());
    REQUIRE(l.problem);
    CHECK(l.problem->column == 2);
    CHECK(l.problem->message.find("never closed") != std::string::npos);
    l = split_line("A,\"x\" y,1,2,3,4");
    REQUIRE(l.problem);
    CHECK(l.problem->column == 2);
    CHECK(l.problem->message.find("after the closing quote") != std::string::npos);
    // The same reason parse_table() gives for the line.
    const auto parsed = metapool::parse_table("Smith,\"open,1,2,3,4\n");
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].message == "line 1, column 2: " + split_line("Smith,\"open,1,2,3,4").problem->message);

    // TableReader over a file's lines gives what parse_table() gives.
    const std::string text = "Trial, e1, n1, e2, n2\n# c\nA, 1, 10, 2, 10\nB, x, 10, 2, 10\n\nA, 3, 10, 4, 10\n9,10,11,12\n";
    metapool::TableReader reader;
    int n = 0;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) reader.line(line, ++n);
    const auto a = reader.finish();
    const auto b = metapool::parse_table(text);
    CHECK(a.header_line == b.header_line);
    REQUIRE(a.rows.size() == b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        CHECK(a.rows[i].label == b.rows[i].label);
        CHECK(a.rows[i].line == b.rows[i].line);
        CHECK(a.rows[i].e1 == b.rows[i].e1);
    }
    REQUIRE(a.problems.size() == b.problems.size());
    for (std::size_t i = 0; i < a.problems.size(); ++i) CHECK(a.problems[i].message == b.problems[i].message);
    CHECK(reader.table().rows.empty());  // finish() starts afresh
}

TEST_CASE("cli: --by prints one JSON line per analysis") {
    const std::string in_path = (std::filesystem::temp_directory_path() /
                                 ("metapool_batch_test_" + std::to_string(getpid()) + ".csv")).string();
    std::ofstream(in_path, std::ios::binary) << kFile;
    auto run_cli = [&](const std::string& args, int& code) {
        const std::string cmd = std::string(METAPOOL_CLI_PATH) + " " + args + " 2>/dev/null";
        FILE* pipe = popen(cmd.c_str(), "r");
        REQUIRE(pipe != nullptr);
        std::string out;
        char buf[4096];
        std::size_t got;
        while ((got = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, got);
        const int status = pclose(pipe);
        code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return out;
    };
    int code = -1;
    const std::string out = run_cli("--by review --measure OR " + in_path, code);
    CHECK(code == 0);
    metapool::Options o;
    o.measure = metapool::Measure::OR;
    const Collected c = run(kFile, "review", o);
    std::string expected;
    for (const auto& item : c.items) expected += metapool::batch_json(item) + "\n";
    CHECK(out == expected);
    std::istringstream lines(out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        const auto j = nlohmann::json::parse(line);
        CHECK(j["analysis"] == c.items[static_cast<std::size_t>(count)].name);
        CHECK(j["measure"] == "OR");
        ++count;
    }
    CHECK(count == 3);
    const std::string compact = run_cli("--by=1 --studies no " + in_path, code);
    CHECK(code == 0);
    CHECK(nlohmann::json::parse(compact.substr(0, compact.find('\n')))["studies"].empty());
    run_cli("--by nope " + in_path, code);
    CHECK(code == 2);
    run_cli("--by review --forest x.svg " + in_path, code);
    CHECK(code == 2);
    run_cli("--studies no " + in_path, code);
    CHECK(code == 2);
    std::remove(in_path.c_str());
}
