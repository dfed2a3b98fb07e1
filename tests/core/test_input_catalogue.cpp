// The catalogue of awkward and malformed pastes: for each input the
// exact problems (line, column, full message) and the proof that every valid
// row in it is still analysed: the whole analyze_text() runs, and its k and
// the labels of the included (and left-out) studies are checked.
//
// Policy: accept what is unambiguous and safe (a BOM, CRLF or CR, Unicode
// spaces); refuse what is ambiguous (decimals, percentages, thousands
// separators, a count that could belong to the label) with a message that
// says how to fix it; never guess.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "input/parse_table.hpp"
#include "pasted_lines.hpp"

using metapool::analyze_text;
using metapool::Analysis;
using metapool::message_of;
using metapool::test::physical_lines;

namespace {

struct Problem {
    int line;
    int column;
    std::string message;  // the full message
};

struct Item {
    std::string name;
    std::string input;
    std::vector<Problem> problems;
    std::vector<std::string> included;  // labels of the studies in the pooled estimates, in order
    std::vector<std::string> left_out = {};  // valid rows analysed but left out with a reason
    std::vector<Problem> notes = {};  // what the user is told though nothing was refused (a repeated label)
};

const std::string kNoRows =
    "no valid study rows: paste one study per line as label, events1, total1, events2, total2";

void check_item(const Item& item) {
    const Analysis a = analyze_text(item.input, metapool::Options());

    // The problems, exactly.
    const std::vector<std::string> lines = physical_lines(item.input);
    REQUIRE(a.errors.size() == item.problems.size());
    for (std::size_t i = 0; i < item.problems.size(); ++i) {
        INFO("problem " << i << ": " << a.errors[i].message.substr(0, 300));
        CHECK(a.errors[i].line == item.problems[i].line);
        CHECK(a.errors[i].column == item.problems[i].column);
        CHECK(a.errors[i].message == item.problems[i].message);
        REQUIRE(a.errors[i].line >= 1);
        REQUIRE(static_cast<std::size_t>(a.errors[i].line) <= lines.size());
        CHECK(a.errors[i].text == lines[static_cast<std::size_t>(a.errors[i].line) - 1]);
    }

    // The notes, exactly.
    REQUIRE(a.notes.size() == item.notes.size());
    for (std::size_t i = 0; i < item.notes.size(); ++i) {
        INFO("note " << i << ": " << a.notes[i].message.substr(0, 300));
        CHECK(a.notes[i].line == item.notes[i].line);
        CHECK(a.notes[i].column == item.notes[i].column);
        CHECK(a.notes[i].message == item.notes[i].message);
        CHECK(a.notes[i].text == lines[static_cast<std::size_t>(a.notes[i].line) - 1]);
    }

    // Every valid row is analysed: included, or left out with a reason.
    std::vector<std::string> included;
    std::vector<std::string> left_out;
    for (const auto& s : a.studies) {
        if (s.included) {
            included.push_back(s.label);
            CHECK(std::isfinite(s.estimate));
        } else {
            left_out.push_back(s.label);
            CHECK_FALSE(s.excluded_reason.empty());
        }
    }
    CHECK(a.k == static_cast<int>(item.included.size()));
    CHECK(included == item.included);
    CHECK(left_out == item.left_out);
    CHECK(a.studies.size() == metapool::parse_table(item.input).rows.size());
    CHECK(a.ok() == !item.included.empty());
    if (a.ok()) {
        CHECK_FALSE(a.problem);
        // A pooled estimate that does not exist for the data (MH with no
        // events in one arm of every study) is NaN with a warning saying so.
        CHECK((std::isfinite(a.common.estimate) || !a.warnings.empty()));
        CHECK(std::isfinite(a.random.estimate));
    } else {
        CHECK(message_of(a.problem) == kNoRows);
    }
}

const std::string kNbsp = "\xC2\xA0";             // U+00A0 no-break space
const std::string kNarrowNbsp = "\xE2\x80\xAF";   // U+202F narrow no-break space
const std::string kEmSpace = "\xE2\x80\x83";      // U+2003
const std::string kIdeoSpace = "\xE3\x80\x80";    // U+3000
const std::string kZeroWidth = "\xE2\x80\x8B";    // U+200B zero width space
const std::string kBom = "\xEF\xBB\xBF";          // U+FEFF
const std::string kMinus = "\xE2\x88\x92";        // U+2212 minus sign

std::vector<Item> catalogue() {
    std::vector<Item> v;
    // ---- nothing to read
    v.push_back({"empty text",
                 "",
                 {},
                 {}});
    v.push_back({"only spaces and blank lines",
                 std::string("  \n\t\n") + kNbsp + "\n",
                 {},
                 {}});
    v.push_back({"only a header",
                 "Study,e1,n1,e2,n2\n",
                 {},
                 {}});
    v.push_back({"a header and comments, CRLF",
                 "# BCG trials\r\nTrial\tBCG TB\tBCG total\tControl TB\tControl total\r\n# none yet\r\n",
                 {},
                 {}});
    v.push_back({"prose pasted from a PDF page",
                 "Table 2. Outcomes by arm\nTuberculosis cases were recorded at 12 months.\nIn 1948, 123 children were vaccinated.\n",
                 {{1, 0, "line 1: expected 4 counts after the label, found 1 (fields split at spaces)"},
                  {2, 0, "line 2: expected 4 counts after the label, found 1 (fields split at spaces)"},
                  {3, 0, "line 3: expected 4 counts after the label, found 1 (fields split at commas)"}},
                 {}});
    v.push_back({"a PDF page: prose around the table",
                 "Table 2. Outcomes by arm\nAronson 1948 4 123 11 139\nFerguson & Simes 1949 6 306 29 303\nValues are n/N.\n",
                 {{1, 0, "line 1: expected 4 counts after the label, found 1 (fields split at spaces)"},
                  {4, 0, "line 4: no counts found; expected a label and 4 counts, e.g. Smith 2001, 12, 100, 20, 98 (only the first line can be a header; fields split at spaces)"}},
                 {"Aronson 1948", "Ferguson & Simes 1949"}});
    // ---- one study
    v.push_back({"one study",
                 "Smith 2001, 12, 100, 20, 98\n",
                 {},
                 {"Smith 2001"}});
    v.push_back({"one valid study among rejected rows",
                 "A, 1, 10, 2, 20\nB, x, 10, 2, 20\nC, 1, 10\n",
                 {{2, 2, "line 2, column 2: \"x\" is not a number; type the count as a whole number, e.g. 12"},
                  {3, 0, "line 3: expected 4 counts after the label, found 2 (fields split at commas)"}},
                 {"A"}});
    // ---- not numbers
    v.push_back({"a word where a count belongs",
                 "A, abc, 10, 2, 20\nB, 1, 10, 2, 20\n",
                 {{1, 2, "line 1, column 2: \"abc\" is not a number; type the count as a whole number, e.g. 12"}},
                 {"B"}});
    v.push_back({"N/A and a dash in a space-separated line",
                 "A 1 10 N/A 20\nB 1 10 - 20\nC 3 30 4 40\n",
                 {{1, 4, "line 1, column 4: \"N/A\" is not a number; type the count as a whole number, e.g. 12"},
                  {2, 4, "line 2, column 4: \"-\" is not a number; type the count as a whole number, e.g. 12"}},
                 {"C"}});
    v.push_back({"a count written in words",
                 "A\ttwelve\t100\t20\t98\nB\t12\t100\t20\t98\n",
                 {{1, 2, "line 1, column 2: \"twelve\" is not a number; type the count as a whole number, e.g. 12"}},
                 {"B"}});
    v.push_back({"full-width digits",
                 "A, \xEF\xBC\x91\xEF\xBC\x92, 100, 20, 98\nB, 12, 100, 20, 98\n",
                 {{1, 2, "line 1, column 2: \"\xEF\xBC\x91\xEF\xBC\x92\" is not a number; type the count as a whole number, e.g. 12"}},
                 {"B"}});
    // `12 (12%)` followed by its total (100), whose percentage
    // agrees, is a known shape and is read; `12(12.5%)` does not agree with
    // the total beside it and is refused, the message saying why.
    v.push_back({"a count with its percentage, as papers print them",
                 "A; 12 (12%); 100; 20; 98\nB\t12(12.5%)\t100\t20\t98\nC; 12; 100; 20; 98\n",
                 {{2, 2, "line 2, column 2: \"12(12.5%)\" holds more than a count, and its 12.5% is not 12 of the total "
                         "100 in column 3 (12.00%); check the count, its percentage and the total against the source, "
                         "then type only the count (12) in this cell"}},
                 {"A", "C"}});
    // ---- negative counts
    v.push_back({"negative count",
                 "A,-3,10,2,20\nB,3,10,2,20\n",
                 {{1, 2, "line 1, column 2: \"-3\" is negative; counts cannot be negative"}},
                 {"B"}});
    v.push_back({"negative count with a Unicode minus",
                 std::string("A 1 10 ") + kMinus + "2 20\nB 1 10 2 20\n",
                 {{1, 4, "line 1, column 4: \"\xE2\x88\x92" "2\" is negative; counts cannot be negative"}},
                 {"B"}});
    // ---- decimals
    v.push_back({"decimal count",
                 "Study,e1,n1,e2,n2\nA,1,10,2,20\nB,1,12.5,2,20\n",
                 {{3, 3, "line 3, column 3: \"12.5\" is not a whole number; counts must be whole numbers of participants"}},
                 {"A"}});
    v.push_back({"12.0 is not a whole number either",
                 "A\t12.0\t100\t1\t20\nB\t12\t100\t1\t20\n",
                 {{1, 2, "line 1, column 2: \"12.0\" is not a whole number; counts must be whole numbers of participants"}},
                 {"B"}});
    v.push_back({"decimal comma in a semicolon line",
                 "A;12,5;100;1;20\nB;12;100;1;20\n",
                 {{1, 2, "line 1, column 2: \"12,5\" is not a whole number; counts must be whole numbers of participants"}},
                 {"B"}});
    v.push_back({"a dot that may separate thousands",
                 "A;1.234;2000;1;20\nB;1234;2000;1;20\n",
                 {{1, 2, "line 1, column 2: \"1.234\" is not a whole number; counts must be whole numbers of participants (if \".\" separates thousands here, remove it: 1234)"}},
                 {"B"}});
    v.push_back({"scientific notation from a spreadsheet",
                 "A, 1e3, 2000, 1, 20\nB 1 1.2E+05 1 20\nC 1 1200 1 20\n",
                 {{1, 2, "line 1, column 2: \"1e3\" is in scientific notation; type the count in full digits (in a spreadsheet, format the cells as whole numbers before copying)"},
                  {2, 3, "line 2, column 3: \"1.2E+05\" is in scientific notation; type the count in full digits (in a spreadsheet, format the cells as whole numbers before copying)"}},
                 {"C"}});
    // ---- events above totals, zero totals
    v.push_back({"events above the total, experimental arm",
                 "A,30,20,1,20\nB,3,20,1,20\n",
                 {{1, 2, "line 1, column 2: events larger than total in the experimental group (30 events, total 20); check the numbers and that events come before totals"}},
                 {"B"}});
    v.push_back({"events above the total, control arm",
                 "A,1,20,30,29\nB,1,20,3,29\n",
                 {{1, 4, "line 1, column 4: events larger than total in the control group (30 events, total 29); check the numbers and that events come before totals"}},
                 {"B"}});
    v.push_back({"events above the total in an x/n cell",
                 "A, 3/2, 1/2\nB, 2/3, 1/2\n",
                 {{1, 2, "line 1, column 2: events larger than total in the experimental group (3 events, total 2); check the numbers and that events come before totals"}},
                 {"B"}});
    v.push_back({"zero total, experimental arm",
                 "A,0,0,1,2\nB,0,1,1,2\n",
                 {{1, 3, "line 1, column 3: zero total in the experimental group; each group needs at least one participant"}},
                 {"B"}});
    v.push_back({"zero total, control arm in an x/n cell",
                 "A, 1/10, 0/0\nB, 1/10, 0/1\n",
                 {{1, 3, "line 1, column 3: zero total in the control group; each group needs at least one participant"}},
                 {"B"}});
    // ---- missing and extra columns
    v.push_back({"a count missing, comma separated",
                 "A,1,10,2\nB,1,10,2,20\n",
                 {{1, 0, "line 1: expected 4 counts after the label, found 3 (fields split at commas)"}},
                 {"B"}});
    v.push_back({"a count missing, no label",
                 "1,10,2\n1,10,2,20\n",
                 {{1, 0, "line 1: expected 4 counts, found 3 (fields split at commas)"}},
                 {"Study 2"}});
    v.push_back({"a count missing, space separated",
                 "Smith et al 12 100 20\nSmith et al 12 100 20 98\n",
                 {{1, 0, "line 1: expected 4 counts after the label, found 3 (fields split at spaces)"}},
                 {"Smith et al"}});
    v.push_back({"a label alone on its line",
                 "Smith 2001\nA,1,10,2,20\nJones\n",
                 {{1, 0, "line 1: expected 4 counts after the label, found 1 (fields split at spaces)"},
                  {3, 0, "line 3: no counts found; expected a label and 4 counts, e.g. Smith 2001, 12, 100, 20, 98 (only the first line can be a header; fields split at spaces)"}},
                 {"A"}});
    v.push_back({"an empty cell",
                 "A,1,,2,20\nB\t1\t10\t\t20\nC,1,10,2,20\n",
                 {{1, 3, "line 1, column 3: empty cell; each study needs events and totals for both groups"},
                  {2, 4, "line 2, column 4: empty cell; each study needs events and totals for both groups"}},
                 {"C"}});
    v.push_back({"one x/n cell missing",
                 "A, 1/10\nB, 1/10, 2/20\n",
                 {{1, 0, "line 1: expected 2 events/total cells after the label, found 1 (fields split at commas)"}},
                 {"B"}});
    v.push_back({"one column too many",
                 "A,1,10,2,20,7\nB,1,10,2,20\n",
                 {{1, 6, "line 1, column 6: expected 4 counts after the label, found 5; delete the extra column (fields split at commas; a label containing a comma must be in double quotes)"}},
                 {"B"}});
    v.push_back({"an unquoted label with a comma",
                 "Smith, J, 1, 10, 2, 20\n\"Smith, J\", 1, 10, 2, 20\n",
                 {{1, 6, "line 1, column 6: expected 4 counts after the label, found 5; delete the extra column (fields split at commas; a label containing a comma must be in double quotes)"}},
                 {"Smith, J"}});
    v.push_back({"three x/n cells",
                 "A, 1/10, 2/20, 3/30\nB, 1/10, 2/20\n",
                 {{1, 4, "line 1, column 4: expected 2 events/total cells after the label, found 3; delete the extra column (fields split at commas; a label containing a comma must be in double quotes)"}},
                 {"B"}});
    v.push_back({"trailing separators and empty spreadsheet columns are ignored",
                 "A\t1\t10\t2\t20\t\t\n\t\t\t\t\nB,1,10,2,20,,\n",
                 {},
                 {"A", "B"}});
    // ---- mixed separators
    v.push_back({"a tab line with commas",
                 "A\t1,10,2,20\nB\t1\t10\t2\t20\n",
                 {{1, 0, "line 1: expected 4 counts after the label, found 1 (fields split at tabs; the line also has commas: use one kind of separator)"}},
                 {"B"}});
    v.push_back({"a semicolon line with commas",
                 "A;1,10;2,20\nB;1;10;2;20\n",
                 {{1, 0, "line 1: expected 4 counts after the label, found 2 (fields split at semicolons; the line also has commas: use one kind of separator)"}},
                 {"B"}});
    v.push_back({"each line its own separator",
                 "A\t1\t10\t2\t20\nB;1;10;2;20\nC,1,10,2,20\nD 1 10 2 20\n",
                 {},
                 {"A", "B", "C", "D"}});
    v.push_back({"x/n cells mixed with separate counts",
                 "A, 12, 100/5, 20, 98\nB, 12, 20/98\nC, 12/100, 20/98\n",
                 {{1, 3, "line 1, column 3: \"100/5\" is an events/total cell, but this line has separate counts; use either 12/100, 20/98 or 12, 100, 20, 98"},
                  {2, 2, "line 2, column 2: \"12\" is a single number, but this line uses events/total cells; write it like 12/100"}},
                 {"C"}});
    // ---- quoted labels
    v.push_back({"quoted label with a comma and doubled quotes",
                 "\"Smith, J \"\"Jr\"\" 2001\",12,100,20,98\nJones,1,10,2,20\n",
                 {},
                 {"Smith, J \"Jr\" 2001", "Jones"}});
    v.push_back({"quoted labels holding the line's separator",
                 "\"Smith\tJones\"\t1\t10\t2\t20\n\"Lee; Kim\"; 3; 30; 4; 40\n",
                 {},
                 {"Smith\tJones", "Lee; Kim"}});
    v.push_back({"quoted label in a space-separated line",
                 "\"Smith, J\" 2001 12 100 20 98\n",
                 {},
                 {"Smith, J 2001"}});
    v.push_back({"quotes inside an unquoted label are kept",
                 "O\"Brien \"the elder\", 1, 10, 2, 20\nSmith \"Jr\" 3 30 4 40\n",
                 {},
                 {"O\"Brien \"the elder\"", "Smith \"Jr\""}});
    v.push_back({"an unterminated quote is an error on its line only",
                 "\"Smith, 12, 100, 20, 98\nJones, 1, 10, 2, 20\nLee, \"3, 30, 4, 40\n",
                 {{1, 1, "line 1, column 1: the quote that starts this field is never closed; close it with another \" (a quoted label cannot continue onto the next line)"},
                  {3, 2, "line 3, column 2: the quote that starts this field is never closed; close it with another \" (a quoted label cannot continue onto the next line)"}},
                 {"Jones"}});
    v.push_back({"text after a closing quote",
                 "\"Smith\" Jr, 1, 10, 2, 20\nLee, 1, 10, 2, 20\n",
                 {{1, 1, "line 1, column 1: unexpected text after the closing quote; put the whole label inside the quotes and write \"\" for a quote inside it"}},
                 {"Lee"}});
    v.push_back({"an empty label",
                 ",1,10,2,20\n\"\" 1 10 2 20\nA,1,10,2,20\n",
                 {{1, 1, "line 1, column 1: the label is empty; type a name for this study"},
                  {2, 1, "line 2, column 1: the label is empty; type a name for this study"}},
                 {"A"}});
    // ---- line endings, BOM, Unicode spaces (accepted)
    v.push_back({"Windows line endings",
                 "Study,e1,n1,e2,n2\r\nA,1,10,2,20\r\nB,x,10,2,20\r\nC,3,30,4,40\r\n",
                 {{3, 2, "line 3, column 2: \"x\" is not a number; type the count as a whole number, e.g. 12"}},
                 {"A", "C"}});
    v.push_back({"old-Mac CR line endings",
                 "A,1,10,2,20\rB,3,30,4,40\r\rC,5,50,6,60",
                 {},
                 {"A", "B", "C"}});
    v.push_back({"LF, CRLF and CR in one paste",
                 "A,1,10,2,20\r\nB,3,30,4,40\rC,5,50,6,60\nD,7,70,8,80",
                 {},
                 {"A", "B", "C", "D"}});
    v.push_back({"UTF-8 BOM before a header",
                 kBom + "Study,e1,n1,e2,n2\nA,1,10,2,20\n",
                 {},
                 {"A"}});
    v.push_back({"UTF-8 BOM before the first study",
                 kBom + "A,1,10,2,20\nB,3,30,4,40\n",
                 {},
                 {"A", "B"}});
    v.push_back({"a BOM inside the text (two files pasted together)",
                 std::string("A,1,10,2,20\n") + kBom + "B,3,30,4,40\n",
                 {},
                 {"A", "B"}});
    v.push_back({"non-breaking spaces around fields",
                 kNbsp + "Smith" + kNbsp + "," + kNbsp + "12" + kNbsp + ",100,20,98" + kNbsp + "\n",
                 {},
                 {"Smith"}});
    v.push_back({"non-breaking spaces between fields",
                 std::string("Lee") + kNbsp + "1" + kNbsp + "10" + kNbsp + kNbsp + "2 20\n",
                 {},
                 {"Lee"}});
    v.push_back({"em, ideographic and narrow no-break spaces",
                 std::string("A,") + kEmSpace + "12" + kIdeoSpace + ",100,20," + kNarrowNbsp + "98\n",
                 {},
                 {"A"}});
    v.push_back({"a zero-width space before a count",
                 std::string("A,") + kZeroWidth + "12,100,20,98\n",
                 {},
                 {"A"}});
    v.push_back({"UTF-8 labels",
                 "M\xC3\xBCller 2001, 1, 10, 2, 20\n\xE5\xBC\xA0\xE4\xB8\x89 2002\t3\t30\t4\t40\n",
                 {},
                 {"M\xC3\xBCller 2001", "\xE5\xBC\xA0\xE4\xB8\x89 2002"}});
    // ---- thousands separators (refused; ambiguous lines refused as such)
    v.push_back({"1,234 quoted in a CSV",
                 "A,\"1,234\",2000,1,20\nB,1234,2000,1,20\n",
                 {{1, 2, "line 1, column 2: \"1,234\" contains a thousands separator; type the count without separators: 1234"}},
                 {"B"}});
    v.push_back({"1,234 unquoted in a CSV: one column too many",
                 "A,1,234,5000,20,98\nB,1234,5000,20,98\n",
                 {{1, 6, "line 1, column 6: expected 4 counts after the label, found 5; if \"1,234\" is one number, type it without the comma (1234), otherwise delete the extra column (fields split at commas; a label containing a comma must be in double quotes)"}},
                 {"B"}});
    v.push_back({"1,234 in a CSV without labels: ambiguous",
                 "1,234,5000,20,98\n1234,5000,20,98\n",
                 {{1, 1, "line 1, column 1: cannot tell the label from the counts: \"1,234\" could be one number with a comma as thousands separator (1234) or two numbers; put the label in double quotes, and type counts without separators"}},
                 {"Study 2"}});
    v.push_back({"a numeric label of four digits is a label",
                 "2001,12,100,20,98\n",
                 {},
                 {"2001"}});
    v.push_back({"thousands in tab and semicolon lines",
                 std::string("A\t1,234\t2000\t1\t20\nB;1 234;2000;1;20\nC, 1'234, 2000, 1, 20\nD;1") + kNarrowNbsp + "234;2000;1;20\nE\t12\t1,000,000\t1\t20\nF\t12\t1000000\t1\t20\n",
                 {{1, 2, "line 1, column 2: \"1,234\" contains a thousands separator; type the count without separators: 1234"},
                  {2, 2, "line 2, column 2: \"1 234\" contains a thousands separator; type the count without separators: 1234"},
                  {3, 2, "line 3, column 2: \"1'234\" contains a thousands separator; type the count without separators: 1234"},
                  {4, 2, "line 4, column 2: \"1\xE2\x80\xAF" "234\" contains a thousands separator; type the count without separators: 1234"},
                  {5, 3, "line 5, column 3: \"1,000,000\" contains a thousands separator; type the count without separators: 1000000"}},
                 {"F"}});
    v.push_back({"1 234 in a space-separated line: ambiguous",
                 "A 1 234 5000 20 98\nA 1234 5000 20 98\n",
                 {{1, 2, "line 1, column 2: cannot tell the label from the counts: \"1 234\" could be one number with a space as thousands separator (1234) or two numbers; put the label in double quotes or separate the fields with tabs or commas, and type counts without separators"}},
                 {"A"}});
    v.push_back({"thousands spaces in a table copied from a PDF",
                 "TPT Madras 1980 505 88 391 499 88 391\nTPT Madras 1980 505 88391 499 88391\n",
                 {{1, 2, "line 1, column 2: cannot tell the label from the counts: \"88 391\" could be one number with a space as thousands separator (88391) or two numbers; put the label in double quotes or separate the fields with tabs or commas, and type counts without separators"}},
                 {"TPT Madras 1980"}});
    v.push_back({"a label ending in a small number, 3-digit totals: ambiguous unless quoted",
                 "Study 1 12 100 20 98\n\"Study 2\" 12 100 20 98\nStudy 3\t12\t100\t20\t98\n",
                 {{1, 2, "line 1, column 2: cannot tell the label from the counts: \"12 100\" could be one number with a space as thousands separator (12100) or two numbers; put the label in double quotes or separate the fields with tabs or commas, and type counts without separators"}},
                 {"Study 2", "Study 3"}});
    v.push_back({"a label ending in a year is a label",
                 "Smith et al. 2001 12 100 20 98\nLee 2004 1 10 2 20\n",
                 {},
                 {"Smith et al. 2001", "Lee 2004"}});
    v.push_back({"a label ending in a small number, no 3-digit count",
                 "Study 1 12 50 20 98\n",
                 {},
                 {"Study 1"}});
    // ---- percentages
    v.push_back({"percentages where counts belong",
                 "A, 12%, 100, 1, 20\nB 1 10 2.5 % 20\nC 1 10 2 20\n",
                 {{1, 2, "line 1, column 2: \"12%\" looks like a percentage; paste counts (numbers of participants), not percentages"},
                  {2, 4, "line 2, column 4: \"2.5 %\" looks like a percentage; paste counts (numbers of participants), not percentages"}},
                 {"C"}});
    // ---- x/n cells
    v.push_back({"x/n cells with spaces around the slash",
                 "Smith 2001, 12 / 100, 20 /98\nJones\t3/ 30\t4 / 40\nHo 2002 12 / 100 20 / 98\n",
                 {},
                 {"Smith 2001", "Jones", "Ho 2002"}});
    v.push_back({"malformed x/n cells",
                 "A, 12/100/3, 20/98\nB, 12/, 20/98\nC 1/10 /20\nD, 1/10, 2.5/20\nE, 1/10, 2/20\n",
                 {{1, 2, "line 1, column 2: \"12/100/3\" has more than one \"/\"; write events/total, e.g. 12/100"},
                  {2, 2, "line 2, column 2: \"12/\" has no total after the \"/\"; write events/total, e.g. 12/100"},
                  {3, 3, "line 3, column 3: \"/20\" has no events before the \"/\"; write events/total, e.g. 12/100"},
                  {4, 3, "line 4, column 3: \"2.5\" is not a whole number; counts must be whole numbers of participants"}},
                 {"E"}});
    // ---- repeated labels: kept under a distinguishable label, with a note
    // (these four pastes were once refused as "duplicate label ...: rename
    // one of them or delete the repeated row")
    v.push_back({"duplicated label",
                 "Study,e1,n1,e2,n2\nSmith 2001,1,10,2,20\nJones,3,30,4,40\nSmith 2001,5,50,6,60\n",
                 {},
                 {"Smith 2001", "Jones", "Smith 2001 (2)"},
                 {},
                 {{4, 1, "line 4, column 1: the label 'Smith 2001' is also the label of line 2; both rows are analysed, "
                         "this one shown as 'Smith 2001 (2)' (rename it if another name tells the studies apart)"}}});
    v.push_back({"duplicates ignore case and runs of spaces",
                 "Smith  2001,1,10,2,20\nsmith 2001,3,30,4,40\n",
                 {},
                 {"Smith  2001", "smith 2001 (2)"},
                 {},
                 {{2, 1, "line 2, column 1: the label 'smith 2001' is also the label of line 1; both rows are analysed, "
                         "this one shown as 'smith 2001 (2)' (rename it if another name tells the studies apart)"}}});
    v.push_back({"a label clashing with an automatic name",
                 "1,10,2,20\nStudy 1,3,30,4,40\n",
                 {},
                 {"Study 1", "Study 1 (2)"},
                 {},
                 {{2, 1, "line 2, column 1: the label 'Study 1' is also the label of line 1; both rows are analysed, "
                         "this one shown as 'Study 1 (2)' (rename it if another name tells the studies apart)"}}});
    v.push_back({"a row pasted twice is kept, with a note",
                 "A,1,10,2,20\nB,3,30,4,40\nA,1,10,2,20\n",
                 {},
                 {"A", "B", "A (2)"},
                 {},
                 {{3, 1, "line 3, column 1: this row repeats line 1 exactly (label and counts): it may have been pasted "
                         "twice; both rows are analysed, this one shown as 'A (2)': delete one of them if they are the "
                         "same study"}}});
    v.push_back({"a suffix never repeats a label of the table",
                 "A,1,10,2,20\nA (2),3,30,4,40\nA,5,50,6,60\nA,7,70,8,80\n",
                 {},
                 {"A", "A (2)", "A (3)", "A (4)"},
                 {},
                 {{3, 1, "line 3, column 1: the label 'A' is also the label of line 1; both rows are analysed, this one "
                         "shown as 'A (3)' (rename it if another name tells the studies apart)"},
                  {4, 1, "line 4, column 1: the label 'A' is also the label of line 1; both rows are analysed, this one "
                         "shown as 'A (4)' (rename it if another name tells the studies apart)"}}});
    v.push_back({"a rejected row never makes a valid one a duplicate",
                 "Smith,1,x,2,20\nSmith,1,10,2,20\n",
                 {{1, 3, "line 1, column 3: \"x\" is not a number; type the count as a whole number, e.g. 12"}},
                 {"Smith"}});
    // ---- counts near 2^53 and beyond
    v.push_back({"2^53 is the largest count, and is analysed",
                 "A, 4503599627370496, 9007199254740992, 1, 9007199254740992\nB, 1, 10, 2, 20\n",
                 {},
                 {"A", "B"}});
    v.push_back({"2^53 + 1 and beyond are refused",
                 "A, 1, 9007199254740993, 1, 20\nB, 1, 99999999999999999999999, 1, 20\nC, 1, 10, 2, 20\n",
                 {{1, 3, "line 1, column 3: \"9007199254740993\" is too large; counts must be at most 9007199254740992"},
                  {2, 3, "line 2, column 3: \"99999999999999999999999\" is too large; counts must be at most 9007199254740992"}},
                 {"C"}});
    v.push_back({"leading zeros and a plus sign",
                 "A, 007, +10, 0, 020\n",
                 {},
                 {"A"}});
    // ---- structure, markup, left-out studies
    v.push_back({"a header later in the text is an error",
                 "A,1,10,2,20\nStudy,e1,n1,e2,n2\nB,3,30,4,40\n",
                 {{2, 0, "line 2: no counts found; expected a label and 4 counts, e.g. Smith 2001, 12, 100, 20, 98 (only the first line can be a header; fields split at commas)"}},
                 {"A", "B"}});
    v.push_back({"one problem per line, the first from the left",
                 "A,abc,-1,2.5,20%\nB,30,20,x,1\nC,1,10,2,20\n",
                 {{1, 2, "line 1, column 2: \"abc\" is not a number; type the count as a whole number, e.g. 12"},
                  {2, 2, "line 2, column 2: events larger than total in the experimental group (30 events, total 20); check the numbers and that events come before totals"}},
                 {"C"}});
    v.push_back({"markup in labels is just text",
                 "<img src=x onerror=alert(1)>, 4, 40, 6, 41\n\"</svg><script>alert(1)</script>\", 5, 50, 7, 52\n",
                 {},
                 {"<img src=x onerror=alert(1)>", "</svg><script>alert(1)</script>"}});
    v.push_back({"a double-zero study is analysed but left out with a reason",
                 "A,0,10,0,12\nB,1,10,2,20\nC,3,30,4,40\n",
                 {},
                 {"B", "C"},
                 {"A"}});
    return v;
}

}  // namespace

TEST_CASE("input catalogue: each paste gives exactly these problems, and its valid rows are analysed",
          "[catalogue]") {
    for (const Item& item : catalogue()) {
        DYNAMIC_SECTION(item.name) { check_item(item); }
    }
}

TEST_CASE("input catalogue: 83 inputs, each named once", "[catalogue]") {
    const std::vector<Item> items = catalogue();
    CHECK(items.size() == 83);
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t j = i + 1; j < items.size(); ++j) CHECK(items[i].name != items[j].name);
    }
}

TEST_CASE("input catalogue: 100,000 rows with a bad row and a repeated label among them", "[catalogue]") {
    Item item{"100,000 rows", "Study\tEvents E\tTotal E\tEvents C\tTotal C\n", {}, {}};
    item.input.reserve(3 << 20);
    const int n = 100000;
    int line = 1;
    for (int i = 1; i <= n; ++i) {
        item.input += "Trial " + std::to_string(i) + "\t" + std::to_string(1 + i % 49) + "\t" +
                      std::to_string(50 + i % 7) + "\t" + std::to_string(1 + i % 29) + "\t" +
                      std::to_string(30 + i % 11) + "\n";
        item.included.push_back("Trial " + std::to_string(i));
        ++line;
        if (i == n / 2) {
            item.input += "Trial broken\t12\tfive\t3\t20\n";
            ++line;
            item.problems.push_back({line, 3,
                                     "line " + std::to_string(line) +
                                         ", column 3: \"five\" is not a number; type the count as a whole number, "
                                         "e.g. 12"});
        }
    }
    // Repeated: kept as "Trial 7 (2)" with a note (once refused).
    item.input += "Trial 7\t1\t10\t2\t20\n";
    ++line;
    item.included.push_back("Trial 7 (2)");
    item.notes.push_back({line, 1,
                          "line " + std::to_string(line) +
                              ", column 1: the label 'Trial 7' is also the label of line 8; both rows are analysed, "
                              "this one shown as 'Trial 7 (2)' (rename it if another name tells the studies apart)"});
    check_item(item);
}

TEST_CASE("input catalogue: 1 MB single lines", "[catalogue]") {
    const std::string mb(1 << 20, 'x');
    SECTION("a 1 MB label") {
        check_item({"1 MB label", "\"" + mb + "\",1,10,2,20\nB,3,30,4,40\n", {}, {mb, "B"}});
    }
    SECTION("1 MB of rows whose line breaks were lost") {
        std::string line;
        int rows = 0;
        while (line.size() < (1u << 20)) line += "Trial " + std::to_string(++rows) + ",1,10,2,20 ";
        // Split at commas: `Trial 1`, 1, 10, 2, `20 Trial 2`, 1, ... - every row adds 4 fields.
        const int counts = 4 * rows;
        check_item({"1 MB line",
                    line + "\nB,3,30,4,40\n",
                    {{1, 6,
                      "line 1, column 6: expected 4 counts after the label, found " + std::to_string(counts) +
                          "; delete the extra column (fields split at commas; a label containing a comma must be "
                          "in double quotes)"}},
                    {"B"}});
    }
    SECTION("a 1 MB count") {
        check_item({"1 MB count",
                    "A," + std::string(1 << 20, '7') + ",1,1,1\nB,3,30,4,40\n",
                    {{1, 2,
                      "line 1, column 2: \"7777777777777777777777777777777777777777...\" is too large; counts must "
                      "be at most 9007199254740992"}},
                    {"B"}});
    }
    SECTION("1 MB of spaces and separators only") {
        check_item({"1 MB blank", std::string(1 << 19, ' ') + std::string(1 << 19, '\t') + "\nB,3,30,4,40\n", {}, {"B"}});
    }
}

TEST_CASE("input catalogue: counts near 2^53 give finite results", "[catalogue]") {
    const Analysis a = analyze_text(
        "A, 4503599627370496, 9007199254740992, 1, 9007199254740992\n"
        "B, 9007199254740991, 9007199254740992, 9007199254740990, 9007199254740992\n"
        "C, 1, 10, 2, 20\n",
        metapool::Options());
    REQUIRE(a.k == 3);
    CHECK(a.studies[0].n1 == 9007199254740992.0);
    CHECK(a.studies[1].e1 == 9007199254740991.0);
    for (const auto& s : a.studies) {
        CHECK(std::isfinite(s.y));
        CHECK(std::isfinite(s.v));
        CHECK(s.v >= 0);
    }
    CHECK(std::isfinite(a.common.estimate));
    CHECK(std::isfinite(a.random.estimate));
    CHECK(a.heterogeneity.tau2 >= 0);
}
