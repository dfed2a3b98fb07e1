// Repeated study labels: real data sets repeat labels (two trials
// by one author, the comparisons of a multi-arm trial), and every row must be
// analysed. Against metafor on real metadat data sets with the labels exactly
// as in the data (tests/fixtures/repeated_label_reference.json, made by
// tests/fixtures/generate_repeated_label_fixtures.R): k equals metafor's and
// every number agrees to 1e-6 relative; the later rows carry distinguishable
// labels, their labels as pasted, and a note naming both lines. Then the
// JSON and the readable report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "analyze.hpp"
#include "fixture_support.hpp"
#include "input/parse_table.hpp"
#include "model/option_registry.hpp"
#include "output/analysis_json.hpp"
#include "output/text_report.hpp"

using nlohmann::json;
using namespace metapool;
using test::analysis_scale;
using test::number;

namespace {

const json& reference() { return test::fixture("repeated_label_reference.json"); }

// The parser's comparison of labels: ASCII case and runs of spaces aside.
std::string key(const std::string& label) {
    std::string k;
    for (char c : label) {
        if (c == ' ') {
            if (!k.empty() && k.back() == ' ') continue;
            k += ' ';
        } else {
            k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return k;
}

double worst_relative = 0;  // the largest relative difference seen, for the record

void note_difference(double ours, double theirs) {
    if (std::isfinite(ours) && std::isfinite(theirs) && theirs != 0) {
        worst_relative = std::max(worst_relative, std::fabs(ours - theirs) / std::fabs(theirs));
    }
}

#define AGREES(what, ours, theirs)               \
    do {                                         \
        note_difference((ours), (theirs));       \
        CHECK_AGREES(what, ours, theirs);        \
    } while (0)

Options case_options(const json& c, const char* method, const char* tau2) {
    Options o;
    REQUIRE(!set_option(o, "measure", c["measure"].get<std::string>()));
    REQUIRE(!set_option(o, "method", method));
    REQUIRE(!set_option(o, "tau2", tau2));
    return o;
}

void check_common(const std::string& context, const json& ref, const Analysis& a, bool q) {
    const Measure m = a.options.measure;
    AGREES("common y", a.common.y, number(ref, "y"));
    AGREES("common se", a.common.se, number(ref, "se"));
    AGREES("common ci_lower", analysis_scale(a.common.ci_lower, m), number(ref, "ci_lower"));
    AGREES("common ci_upper", analysis_scale(a.common.ci_upper, m), number(ref, "ci_upper"));
    if (!q) return;
    AGREES("Q", a.heterogeneity.Q, number(ref, "Q"));
    AGREES("I2", a.heterogeneity.I2, number(ref, "I2"));
}

void check_random(const std::string& context, const json& ref, const Analysis& a) {
    const Measure m = a.options.measure;
    CHECK(a.random.k == ref["k"].get<int>());
    AGREES("tau2", a.heterogeneity.tau2, number(ref, "tau2"));
    AGREES("random y", a.random.y, number(ref, "y"));
    AGREES("random se", a.random.se, number(ref, "se"));
    AGREES("random ci_lower", analysis_scale(a.random.ci_lower, m), number(ref, "ci_lower"));
    AGREES("random ci_upper", analysis_scale(a.random.ci_upper, m), number(ref, "ci_upper"));
}

}  // namespace

TEST_CASE("repeated labels: the fixture holds real data sets with repeated labels", "[repeated-labels]") {
    const json& doc = reference();
    REQUIRE(doc["cases"].size() == 18);
    CHECK(doc["metafor_version"].get<std::string>().rfind("3.", 0) == 0);
    for (const json& c : doc["cases"]) CHECK_FALSE(c["repeated"].empty());
}

TEST_CASE("repeated labels: every row is analysed, and agrees with metafor", "[repeated-labels]") {
    worst_relative = 0;  // of this test's comparisons only
    for (const json& c : reference()["cases"]) {
        const std::string table = c["table"].get<std::string>();
        const json& studies = c["studies"];
        for (const auto& [method, tau2] : {std::pair<const char*, const char*>{"MH", "DL"}, {"IV", "REML"}, {"IV", "DL"}}) {
            const std::string context = c["name"].get<std::string>() + " / " + method + " / " + tau2;
            const Analysis a = analyze_text(table, case_options(c, method, tau2));
            INFO(context);
            REQUIRE(a.ok());
            CHECK(a.errors.empty());
            // Every row is a study; k is metafor's.
            REQUIRE(a.studies.size() == c["rows"].get<std::size_t>());
            CHECK(a.k == c["k"].get<int>());
            for (std::size_t i = 0; i < studies.size(); ++i) {
                AGREES("study " << i << " yi", a.studies[i].y, number(studies[i], "yi"));
                AGREES("study " << i << " vi", a.studies[i].v, number(studies[i], "vi"));
            }
            check_common(context, c["common"][method], a, true);
            check_random(context, c["random"][tau2], a);
        }
    }
    INFO("worst relative difference from metafor: " << worst_relative);
    if (std::getenv("METAPOOL_SHOW_WORST")) std::printf("worst relative difference: %.3g\n", worst_relative);
    CHECK(worst_relative < 1e-6);
}

TEST_CASE("repeated labels: later rows get distinguishable labels and a note naming both lines",
          "[repeated-labels]") {
    for (const json& c : reference()["cases"]) {
        if (c["measure"] != "RR") continue;
        INFO(c["name"].get<std::string>());
        const ParsedTable t = parse_table(c["table"].get<std::string>());
        const json& studies = c["studies"];
        REQUIRE(t.rows.size() == studies.size());
        CHECK(t.problems.empty());
        std::map<std::string, std::pair<int, int>> seen;  // key -> occurrences, line of the first
        std::size_t repeats = 0;
        for (std::size_t i = 0; i < studies.size(); ++i) {
            const std::string pasted = studies[i]["label"].get<std::string>();
            const int line = static_cast<int>(i) + 2;  // under the header
            auto& s = seen[key(pasted)];
            if (++s.first == 1) {
                s.second = line;
                CHECK(t.rows[i].label == pasted);
                CHECK(t.rows[i].pasted_label.empty());
                continue;
            }
            const std::string shown = pasted + " (" + std::to_string(s.first) + ")";
            CHECK(t.rows[i].label == shown);
            CHECK(t.rows[i].pasted_label == pasted);
            REQUIRE(repeats < t.notes.size());
            const InputProblem& n = t.notes[repeats++];
            CHECK(n.line == line);
            CHECK(n.column == 1);
            CHECK(n.message == "line " + std::to_string(line) + ", column 1: the label '" + pasted +
                                   "' is also the label of line " + std::to_string(s.second) +
                                   "; both rows are analysed, this one shown as '" + shown +
                                   "' (rename it if another name tells the studies apart)");
        }
        CHECK(repeats == t.notes.size());
        CHECK(repeats >= 1);
    }
}

TEST_CASE("repeated labels: Shechter three times in the magnesium trials", "[repeated-labels]") {
    const json* egger = nullptr;
    for (const json& c : reference()["cases"]) {
        if (c["name"] == "dat.egger2001 OR") egger = &c;
    }
    REQUIRE(egger);
    const Analysis a = analyze_text((*egger)["table"].get<std::string>(), case_options(*egger, "MH", "REML"));
    REQUIRE(a.studies.size() == 16);
    CHECK(a.studies[5].label == "Shechter");
    CHECK(a.studies[10].label == "Shechter (2)");
    CHECK(a.studies[14].label == "Shechter (3)");
    CHECK(a.studies[14].pasted_label == "Shechter");
    CHECK(a.k == 16);
    REQUIRE(a.notes.size() == 2);
    CHECK(a.notes[1].message ==
          "line 16, column 1: the label 'Shechter' is also the label of line 7; both rows are analysed, this one "
          "shown as 'Shechter (3)' (rename it if another name tells the studies apart)");
    CHECK(a.notes[1].text == "Shechter,4,107,17,108");

    // The JSON: pasted_label (string or null) and arms_swapped per study, and the notes.
    const json j = json::parse(to_json(a));
    CHECK(j["studies"][5]["pasted_label"].is_null());
    CHECK(j["studies"][5]["label"] == "Shechter");
    CHECK(j["studies"][10]["pasted_label"] == "Shechter");
    CHECK(j["studies"][10]["label"] == "Shechter (2)");
    CHECK(j["studies"][10]["arms_swapped"] == false);
    REQUIRE(j["notes"].size() == 2);
    CHECK(j["notes"][0]["line"] == 12);
    CHECK(j["notes"][0]["column"] == 1);
    CHECK(j["notes"][0]["message"] == a.notes[0].message);
    CHECK(j["notes"][0]["text"] == "Shechter,2,89,12,80");
    CHECK(j["errors"].empty());

    // The readable report: a note line each, and the distinguishable labels.
    const std::string report = text_report(a);
    CHECK(report.find("note: " + a.notes[0].message + "\n") != std::string::npos);
    CHECK(report.find("note: " + a.notes[1].message + "\n") != std::string::npos);
    CHECK(report.find("Shechter (3)") != std::string::npos);
}

TEST_CASE("repeated labels: a row pasted twice is analysed twice, with a note", "[repeated-labels]") {
    const Analysis a = analyze_text("Smith 2001\t12/100\t20/98\nJones 2003\t3/40\t9/41\nSmith 2001\t12/100\t20/98\n",
                                    Options());
    REQUIRE(a.studies.size() == 3);
    CHECK(a.k == 3);
    CHECK(a.studies[2].label == "Smith 2001 (2)");
    CHECK(a.studies[2].pasted_label == "Smith 2001");
    CHECK(a.studies[2].y == a.studies[0].y);
    REQUIRE(a.notes.size() == 1);
    CHECK(a.notes[0].message ==
          "line 3, column 1: this row repeats line 1 exactly (label and counts): it may have been pasted twice; both "
          "rows are analysed, this one shown as 'Smith 2001 (2)': delete one of them if they are the same study");
}

TEST_CASE("repeated labels: a label repeated 100,000 times gives 100,000 distinct labels and a note each", "[repeated-labels]") {
    std::string text;
    for (int i = 1; i <= 100000; ++i) text += "Trial," + std::to_string(1 + i % 7) + ",50,3,50\n";
    const ParsedTable t = parse_table(text);
    REQUIRE(t.rows.size() == 100000);
    CHECK(t.rows[0].label == "Trial");
    CHECK(t.rows[1].label == "Trial (2)");
    CHECK(t.rows[99999].label == "Trial (100000)");
    CHECK(t.notes.size() == 99999);
    // From the eighth row on, each repeats an earlier row's counts exactly.
    CHECK(t.notes[6].message.find("exactly") != std::string::npos);
    CHECK(t.notes[5].message.find("exactly") == std::string::npos);
}
