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
