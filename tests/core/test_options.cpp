// The option registry (core/model/option_registry.hpp): every value it lists
// is accepted and written back under its JSON name, everything else is
// refused naming the values, a preset goes first, and the README's table of
// options is the one the registry generates.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "analyze.hpp"
#include "input/example_data.hpp"
#include "model/option_registry.hpp"
#include "output/analysis_json.hpp"

using namespace metapool;

namespace {

nlohmann::json analysis_json(const Options& o) {
    return nlohmann::json::parse(to_json(analyze_text(std::string(example_table()), o)));
}

// The value the JSON writes for `name`, from "options" or "conventions".
nlohmann::json written(const nlohmann::json& j, std::string_view name) {
    const std::string key(name);
    if (j["options"].contains(key)) return j["options"][key];
    return j["conventions"][key];
}

}  // namespace

TEST_CASE("every choice the registry lists is accepted and written back under its JSON name", "[options]") {
    int checked = 0;
    for (const OptionSpec& spec : option_registry()) {
        if (spec.kind != OptionKind::Choice || spec.json_name.empty()) continue;
        for (const std::string& value : spec.values) {
            Options o;
            INFO(spec.key << " " << value);
            REQUIRE_FALSE(set_option(o, spec.key, value));
            CHECK(written(analysis_json(o), spec.json_name) == value);
            ++checked;
        }
    }
    CHECK(checked == 46);  // 3 + 3 + 8 + 4 + 2 + 3 + 2 + 2 + 3 + 2 + 5 + 5 + 2 + 2 values
}

TEST_CASE("yes-no options accept both spellings and are written as booleans", "[options]") {
    for (const OptionSpec& spec : option_registry()) {
        if (spec.kind != OptionKind::YesNo) continue;
        INFO(spec.key);
        Options yes, no;
        REQUIRE_FALSE(set_option(yes, spec.key, "yes"));
        REQUIRE_FALSE(set_option(no, spec.key, "off"));
        if (spec.json_name.empty()) continue;
        CHECK(written(analysis_json(yes), spec.json_name) == true);
        CHECK(written(analysis_json(no), spec.json_name) == false);
    }
}

TEST_CASE("defaults in the registry are the defaults of Options", "[options]") {
    const nlohmann::json defaults = analysis_json(Options{});
    for (const OptionSpec& spec : option_registry()) {
        if (spec.json_name.empty() || spec.kind == OptionKind::Number || spec.kind == OptionKind::Name) continue;
        INFO(spec.key);
        const nlohmann::json w = written(defaults, spec.json_name);
        if (spec.kind == OptionKind::YesNo) CHECK(w == (spec.default_value == "yes"));
        else CHECK(w == spec.default_value);
    }
}

TEST_CASE("a refused value is named with what to use instead", "[options]") {
    Options o;
    const auto tau2 = set_option(o, "tau2", "XX");
    REQUIRE(tau2);
    CHECK(tau2->message == "option tau2: 'XX' is not accepted; use DL, REML, PM, ML, HE, SJ, HS or EB");
    CHECK(tau2->text == "XX");
    CHECK(set_option(o, "cc", "-1")->message == "option cc: '-1' is not accepted; use a number of 0 or more (e.g. 0.5)");
    CHECK(set_option(o, "preset", "spss")->message ==
          "option preset: 'spss' is not accepted; use metafor, revman5, revman-web, meta, stata");
    CHECK(set_option(o, "hksj", "maybe")->message == "option hksj: 'maybe' is not accepted; use yes or no");
    CHECK(set_option(o, "colour", "red")->message ==
          "unknown option 'colour'; known: measure, method, tau2, hksj, cc, cc-to, cc-type, drop00, level, control-risk, "
          "leave-one-out, cumulative, small-study, preset, cc-mh, cc-rr, dl-q, q, i2, pi, hksj-truncate, tau2-ci, "
          "mh-rd-var, cc-rd");
    CHECK(o.tau2_method == Tau2Method::REML);  // refused values change nothing
}

TEST_CASE("a preset goes first whatever its place, and the options given with it override it", "[options]") {
    Options after, before;
    REQUIRE(set_options(after, {{"tau2", "PM"}, {"preset", "revman5"}, {"i2", "tau2"}}).empty());
    REQUIRE(set_options(before, {{"preset", "revman5"}, {"tau2", "PM"}, {"i2", "tau2"}}).empty());
    for (const Options* o : {&after, &before}) {
        CHECK(o->preset == "revman5");
        CHECK(o->tau2_method == Tau2Method::PM);
        CHECK(o->i2 == I2Source::Tau2);
        CHECK(o->cc_in_mh);                 // revman5's
        CHECK(o->dl_q == DlQCentre::MH);    // revman5's
    }
    const std::vector<Problem> refused = set_options(after, {{"q", "x"}, {"preset", "spss"}});
    REQUIRE(refused.size() == 2);
    CHECK(refused[0].message.rfind("option preset:", 0) == 0);  // the preset's refusal first
    CHECK(refused[1].message == "option q: 'x' is not accepted; use common, iv or mh-if-dl");
}

TEST_CASE("the README's table of options is the registry's", "[options]") {
    std::ifstream in(METAPOOL_README);
    REQUIRE(in);
    std::stringstream readme;
    readme << in.rdbuf();
    const std::string text = readme.str();
    const std::string header = "| option | what it does | default |\n|---|---|---|\n";
    const std::size_t at = text.find(header);
    REQUIRE(at != std::string::npos);
    const std::string rows = options_markdown_rows();
    INFO("README.md's rows should be:\n" << rows);
    CHECK(text.compare(at + header.size(), rows.size(), rows) == 0);
}

// The words the page shows for its controls (web/options.js builds the
// controls from option_registry_json()), word for word.
TEST_CASE("the registry carries the page's labels and explanations", "[options]") {
    const nlohmann::json registry = nlohmann::json::parse(option_registry_json());
    REQUIRE(registry.size() == option_registry().size());
    const auto entry = [&](std::string_view key) {
        for (const nlohmann::json& o : registry) {
            if (o["key"] == key) return o;
        }
        FAIL("no option " << key);
        return nlohmann::json();
    };
    // [value, label, explain, title] of every value, in the registry's order.
    const auto choices = [&](std::string_view key) {
        std::vector<std::vector<std::string>> out;
        const nlohmann::json option = entry(key);
        for (const nlohmann::json& c : option["choices"]) out.push_back({c["value"], c["label"], c["explain"], c["title"]});
        return out;
    };
    using Rows = std::vector<std::vector<std::string>>;
    CHECK(entry("tau2")["label"] == "τ² estimator");
    CHECK(choices("tau2") ==
          Rows{{"DL", "DL — DerSimonian–Laird", "DerSimonian–Laird: the classic moment estimator of τ²; can underestimate it.", ""},
               {"REML", "REML — restricted maximum likelihood",
                "Restricted maximum likelihood: the usual choice for the between-trial variance τ².", ""},
               {"PM", "PM — Paule–Mandel",
                "Paule–Mandel: the moment estimator that makes the generalised Q equal its degrees of freedom.", ""},
               {"ML", "ML — maximum likelihood", "Maximum likelihood: tends to underestimate τ² when there are few trials.", ""},
               {"HE", "HE — Hedges", "Hedges: an unweighted moment estimator of τ².", ""},
               {"SJ", "SJ — Sidik–Jonkman", "Sidik–Jonkman: starts from a crude estimate; never exactly zero.", ""},
               {"HS", "HS — Hunter–Schmidt", "Hunter–Schmidt: from psychometrics; tends to underestimate τ².", ""},
               {"EB", "EB — empirical Bayes", "Empirical Bayes (Morris): an iterative estimator close to Paule–Mandel.", ""}});
    CHECK(entry("measure")["label"] == "Effect measure");
    CHECK(choices("measure") ==
          Rows{{"RR", "RR — risk ratio",
                "Risk ratio: the risk of an event with the experimental treatment divided by the risk with control.", ""},
               {"OR", "OR — odds ratio",
                "Odds ratio: the odds of an event with the experimental treatment divided by the odds with control.", ""},
               {"RD", "RD — risk difference",
                "Risk difference: the risk of an event with the experimental treatment minus the risk with control.", ""}});
    CHECK(entry("method")["label"] == "Common-effect method");
    CHECK(choices("method") ==
          Rows{{"MH", "MH — Mantel–Haenszel", "Mantel–Haenszel: pools the 2×2 tables directly; dependable when events are few.", ""},
               {"IV", "IV — inverse variance", "Inverse variance: weights each trial’s estimate by one over its variance.", ""},
               {"PETO", "Peto", "Peto’s one-step odds ratio: for rare events in arms of similar size.", ""}});
    CHECK(entry("hksj")["label"] == "Hartung–Knapp–Sidik–Jonkman (HKSJ)");
    CHECK(choices("hksj") ==
          Rows{{"yes", "",
                "the random-effects interval uses a t distribution with k − 1 df and an adjusted variance (wider; better "
                "coverage with few trials).",
                ""},
               {"no", "",
                "the random-effects interval uses the normal distribution; tick for the t-based interval recommended with "
                "few trials.",
                ""}});
    CHECK(entry("cc")["label"] == "Continuity correction");
    CHECK(entry("cc")["explain"] == "added to each cell of the 2×2 table, {cc-to}, so that its ratio and variance exist.");
    CHECK(entry("cc-to")["label"] == "Studies that get the continuity correction");
    CHECK(choices("cc-to") == Rows{{"only0", "only studies with a zero cell", "only to trials with a zero cell", ""},
                                   {"all", "all studies", "to every trial", ""},
                                   {"if0all", "all studies, if any has a zero cell",
                                    "to every trial when any trial has a zero cell", ""},
                                   {"none", "no study", "to no trial (trials with a zero cell may then drop out)", ""}});
    CHECK(entry("control-risk")["label"] == "Assumed control risk");
    CHECK(entry("control-risk")["explain"] ==
          "A proportion, e.g. 0.12 for 120 per 1,000; empty: the pooled risk of the control arms.");
    CHECK(entry("leave-one-out")["label"] == "Leave one out: each study left out in turn");
    CHECK(entry("cumulative")["label"] == "Cumulative: studies added one by one (by year when the table has a year column)");
    CHECK(entry("preset")["label"] == "Compute as");
    CHECK(choices("preset") ==
          Rows{{"", "metapool defaults",
                "metafor’s conventions, with the prediction interval on t(k − 2) (Higgins, Thompson & Spiegelhalter 2009).",
                "metapool defaults"},
               {"metafor", "metafor (R)",
                "as R’s metafor computes it: rma.mh and rma.uni defaults (REML, Wald interval, normal prediction interval).",
                "metafor"},
               {"revman5", "RevMan 5",
                "as RevMan 5 computes it: DerSimonian–Laird τ² from the Mantel–Haenszel Q, correction inside the MH sums, no "
                "prediction interval.",
                "RevMan 5"},
               {"revman-web", "RevMan Web (2025 methods)",
                "as RevMan Web computes it since 2025: REML, Hartung–Knapp–Sidik–Jonkman, I² from τ², prediction interval.",
                "RevMan Web"},
               {"meta", "meta (R)",
                "as R’s meta computes it (metabin defaults): REML, corrections inside the MH sums and on the events only for "
                "RR.",
                "meta (R)"},
               {"stata", "Stata",
                "as Stata’s meta summarize computes it: REML, I² from τ² (some conventions unconfirmed; see the README).",
                "Stata"}});
    // An option the page does not show has no words.
    CHECK(entry("i2")["label"] == "");
    CHECK(entry("i2")["choices"].empty());
}

// Every value a choice's words name is one of its spellings, in the same order.
TEST_CASE("each option's worded values are its accepted values", "[options]") {
    for (const OptionSpec& spec : option_registry()) {
        if (spec.choices.empty()) continue;
        std::vector<std::string> worded;
        for (const ChoiceWords& c : spec.choices) worded.push_back(c.value);
        std::vector<std::string> expected = spec.values;
        if (spec.kind == OptionKind::Name) expected.insert(expected.begin(), "");  // no preset
        INFO(spec.key);
        CHECK(worded == expected);
    }
}
