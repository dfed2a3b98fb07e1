// The table of options (model/option_registry.hpp) and what is derived from
// it: reading an option from text, the CLI's usage, the JSON for the page.
#include "model/option_registry.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "input/ascii_case.hpp"
#include "model/presets.hpp"
#include "output/json_writer.hpp"

namespace metapool {

namespace {

using Refusal = std::optional<std::string>;
constexpr std::nullopt_t kAccepted = std::nullopt;

// A finite decimal number and nothing else.
bool read_number(std::string_view text, double& out) {
    const std::string s(text);
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || errno != 0 || !std::isfinite(v)) return false;
    out = v;
    return true;
}

template <class T>
std::vector<std::string> texts(const std::vector<Spelling<T>>& table) {
    std::vector<std::string> out;
    for (const Spelling<T>& s : table) out.emplace_back(s.text);
    return out;
}

template <class E>
std::vector<std::string> spelled() {
    return texts(spellings(E{}));
}

// The page's words for each value of a choice, from its spellings.
template <class E>
std::vector<ChoiceWords> words() {
    std::vector<ChoiceWords> out;
    for (const Spelling<E>& s : spellings(E{})) out.push_back({std::string(s.text), s.label, s.explain, {}});
    return out;
}

// The page's words for each preset, "" (no preset) first.
std::vector<ChoiceWords> preset_choices() {
    std::vector<std::string> names{""};
    names.insert(names.end(), preset_names().begin(), preset_names().end());
    std::vector<ChoiceWords> out;
    for (const std::string& name : names) {
        const PresetWords w = preset_words(name);
        out.push_back({name, w.label, w.explain, w.title});
    }
    return out;
}

// Sets `target` to the value `value` spells in `table` (any case), or
// refuses it.
template <class T>
Refusal set_spelled(const std::vector<Spelling<T>>& table, T& target, std::string_view value) {
    for (const Spelling<T>& s : table) {
        if (ascii_iequal(value, s.text)) {
            target = s.value;
            return kAccepted;
        }
    }
    return std::string();
}

template <class E, E Options::*field>
Refusal choose(Options& o, std::string_view value) {
    return set_spelled(spellings(E{}), o.*field, value);
}

template <bool Options::*field>
Refusal yes_no(Options& o, std::string_view value) {
    const std::optional<bool> yes = read_yes_no(value);
    if (!yes) return std::string();
    o.*field = *yes;
    return kAccepted;
}

Refusal set_cc_type(Options& o, std::string_view value) {
    return set_spelled(cc_type_spellings(), o.cc_treatment_arm, value);
}

// auto, or a yes/no word (spellings(Drop00) lists auto, yes, no).
Refusal set_drop00(Options& o, std::string_view value) {
    if (ascii_iequal(value, "auto")) {
        o.drop00 = Drop00::Auto;
        return kAccepted;
    }
    const std::optional<bool> yes = read_yes_no(value);
    if (!yes) return std::string();
    o.drop00 = *yes ? Drop00::Yes : Drop00::No;
    return kAccepted;
}

Refusal set_cc(Options& o, std::string_view value) {
    double x = 0;
    if (!read_number(value, x) || x < 0) return std::string("a number of 0 or more (e.g. 0.5)");
    o.cc = x;
    return kAccepted;
}

Refusal set_level(Options& o, std::string_view value) {
    double x = 0;
    if (!read_number(value, x)) return std::string("a confidence level such as 95 or 0.95");
    if (x > 1 && x < 100) x /= 100;  // 95 means 95%
    if (!(x > 0 && x < 1)) return std::string("a confidence level between 0 and 1 (or 1 and 100 percent)");
    o.level = x;
    return kAccepted;
}

Refusal set_control_risk(Options& o, std::string_view value) {
    double x = 0;
    if (ascii_iequal(value, "pooled")) {
        o.control_risk = std::numeric_limits<double>::quiet_NaN();
        return kAccepted;
    }
    if (!read_number(value, x) || !(x > 0 && x < 1)) {
        return std::string("a risk between 0 and 1 (e.g. 0.12 for 120 per 1,000), or pooled");
    }
    o.control_risk = x;
    return kAccepted;
}

Refusal set_preset(Options& o, std::string_view value) {
    return apply_preset(o, value) ? Refusal(preset_list()) : kAccepted;
}

std::string spelled_yes_no(bool b) { return b ? "yes" : "no"; }

std::vector<OptionSpec> make_registry() {
    const Options d;  // the defaults
    const std::vector<std::string> yes_no_values{"yes", "no"};
    using K = OptionKind;
    return {
        {"measure", "measure", K::Choice, spelled<Measure>(), "", to_string(d.measure),
         "`RR`, `OR`, `RD` (analysed as log RR, log OR, RD)", choose<Measure, &Options::measure>, "Effect measure", "",
         words<Measure>()},
        {"method", "method", K::Choice, spelled<CommonMethod>(), "", to_string(d.method),
         "common effect: `MH` (Mantel–Haenszel), `IV` (inverse variance), `PETO` (Peto's one-step OR; needs `OR`)",
         choose<CommonMethod, &Options::method>, "Common-effect method", "", words<CommonMethod>()},
        {"tau2", "tau2", K::Choice, spelled<Tau2Method>(), "", to_string(d.tau2_method),
         "τ² estimator: `DL`, `REML`, `PM`, `ML`, `HE`, `SJ`, `HS`, `EB`", choose<Tau2Method, &Options::tau2_method>,
         "τ² estimator", "", words<Tau2Method>()},
        {"hksj", "hksj", K::YesNo, yes_no_values, "", spelled_yes_no(d.hksj),
         "Hartung–Knapp–Sidik–Jonkman interval and t test for the random-effects estimate (`no`: Wald, z)",
         yes_no<&Options::hksj>, "Hartung–Knapp–Sidik–Jonkman (HKSJ)", "",
         {{"yes", "", "the random-effects interval uses a t distribution with k − 1 df and an adjusted variance (wider; "
                      "better coverage with few trials).", ""},
          {"no", "", "the random-effects interval uses the normal distribution; tick for the t-based interval "
                     "recommended with few trials.", ""}}},
        {"cc", "cc", K::Number, {}, "VALUE", "0.5", "continuity correction added to zero cells", set_cc,
         "Continuity correction", "added to each cell of the 2×2 table, {cc-to}, so that its ratio and variance exist."},
        {"cc-to", "cc_to", K::Choice, spelled<CcTo>(), "", to_string(d.cc_to),
         "`only0` (studies with a zero cell), `all`, `if0all` (all studies when any has a zero cell), `none`",
         choose<CcTo, &Options::cc_to>, "Studies that get the continuity correction", "", words<CcTo>()},
        {"cc-type", "cc_type", K::Choice, texts(cc_type_spellings()), "", cc_type_name(d.cc_treatment_arm),
         "`constant`, or `treatment-arm` (Sweeting, Sutton & Lambert 2004)", set_cc_type},
        {"drop00", "drop00", K::Choice, spelled<Drop00>(), "", to_string(d.drop00),
         "`auto` (yes for RR and OR, no for RD), `yes`, `no`: leave out studies with no events (or only events) in both arms",
         set_drop00},
        {"level", "level", K::Number, {}, "PERCENT", "95", "confidence level, `95` or `0.95`", set_level},
        {"control-risk", "", K::Number, {}, "RISK", "pooled",
         "assumed control risk for the absolute effects (a proportion, e.g. `0.12`), or `pooled`: the pooled risk of the "
         "control arms",
         set_control_risk, "Assumed control risk",
         "A proportion, e.g. 0.12 for 120 per 1,000; empty: the pooled risk of the control arms."},
        {"leave-one-out", "", K::YesNo, yes_no_values, "", spelled_yes_no(d.leave_one_out),
         "add the leave-one-out table (each included study left out in turn)", yes_no<&Options::leave_one_out>,
         "Leave one out: each study left out in turn"},
        {"cumulative", "", K::YesNo, yes_no_values, "", spelled_yes_no(d.cumulative),
         "add the cumulative meta-analysis: by year when the table has a year column (ties in pasted order), else in "
         "pasted order",
         yes_no<&Options::cumulative>, "Cumulative: studies added one by one (by year when the table has a year column)"},
        {"small-study", "", K::YesNo, yes_no_values, "", spelled_yes_no(d.small_study),
         "the tests for funnel asymmetry and trim-and-fill; `no` leaves every other number as it is",
         yes_no<&Options::small_study>},
        {"preset", "preset", K::Name, preset_names(), "NAME", "",
         "every convention below at once, as that tool computes (see Presets); the options given with it override it",
         set_preset, "Compute as", "", preset_choices()},
        {"cc-mh", "cc_in_mh", K::YesNo, yes_no_values, "", spelled_yes_no(d.cc_in_mh),
         "`yes`: the continuity correction also goes into the Mantel–Haenszel sums (RevMan 5, meta)",
         yes_no<&Options::cc_in_mh>},
        {"cc-rr", "cc_rr", K::Choice, spelled<RrCorrection>(), "", to_string(d.cc_rr),
         "`all-cells`, or `events`: the RR correction goes to the events and totals only (meta)",
         choose<RrCorrection, &Options::cc_rr>},
        {"dl-q", "dl_q", K::Choice, spelled<DlQCentre>(), "", to_string(d.dl_q),
         "`iv` or `mh`: the Q from which DerSimonian–Laird τ² is computed, with an MH common effect",
         choose<DlQCentre, &Options::dl_q>},
        {"q", "q", K::Choice, spelled<QCentre>(), "", to_string(d.q_centre),
         "`common`, `iv`, `mh-if-dl`: the centre of the reported Q (and I² from Q) with an MH common effect",
         choose<QCentre, &Options::q_centre>},
        {"i2", "i2", K::Choice, spelled<I2Source>(), "", to_string(d.i2),
         "`q`, or `tau2`: I² = 100 τ²/(τ² + s²) with the typical within-study variance s²", choose<I2Source, &Options::i2>},
        {"pi", "pi", K::Choice, spelled<PredictionInterval>(), "", to_string(d.pi),
         "prediction interval on `t-k2`, `t-k1`, `z`, `metafor` (z, or t(k−1) with HKSJ, as `predict()`), `none`",
         choose<PredictionInterval, &Options::pi>},
        {"hksj-truncate", "hksj_truncate", K::YesNo, yes_no_values, "", spelled_yes_no(d.hksj_truncate),
         "`yes`: HKSJ variance factor max(1, q) (Knapp & Hartung 2003)", yes_no<&Options::hksj_truncate>},
        {"tau2-ci", "tau2_ci", K::Choice, spelled<Tau2Ci>(), "", to_string(d.tau2_ci),
         "`qp` (Q-profile), `j` (Jackson 2013: generalised Q with weights 1/se), `bj` (Biggerstaff & Jackson 2008: "
         "Cochran's Q, weights 1/v), `auto` (`j` with `--tau2 DL`, `qp` otherwise, as R's meta), or `none`",
         choose<Tau2Ci, &Options::tau2_ci>},
        {"mh-rd-var", "mh_rd_variance", K::Choice, spelled<MhRdVariance>(), "", to_string(d.mh_rd_variance),
         "`sgr` (Sato–Greenland–Robins) or `gr` (Greenland–Robins, the RevMan formula)",
         choose<MhRdVariance, &Options::mh_rd_variance>},
        {"cc-rd", "cc_rd", K::Choice, spelled<RdCorrection>(), "", to_string(d.cc_rd),
         "`all-cells`, or `variance`: with a risk difference the correction enters the variances only; each study's RD "
         "and the MH RD and its weights come from the cells as pasted, double zeros kept (RevMan 5, meta)",
         choose<RdCorrection, &Options::cc_rd>},
    };
}

// "a, b or c"
std::string listed(const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
        out += values[i];
    }
    return out;
}

std::string without_backticks(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c != '`') out += c;
    }
    return out;
}

const char* kind_name(OptionKind k) {
    switch (k) {
        case OptionKind::Choice: return "choice";
        case OptionKind::YesNo: return "yes-no";
        case OptionKind::Number: return "number";
        case OptionKind::Name: return "name";
    }
    return "?";
}

}  // namespace

std::optional<bool> read_yes_no(std::string_view text) {
    for (std::string_view yes : {"yes", "true", "1", "on"}) {
        if (ascii_iequal(text, yes)) return true;
    }
    for (std::string_view no : {"no", "false", "0", "off"}) {
        if (ascii_iequal(text, no)) return false;
    }
    return std::nullopt;
}

const std::vector<OptionSpec>& option_registry() {
    static const std::vector<OptionSpec> registry = make_registry();
    return registry;
}

const OptionSpec* find_option(std::string_view key) {
    for (const OptionSpec& spec : option_registry()) {
        if (spec.key == key) return &spec;
    }
    return nullptr;
}

std::optional<Problem> set_option(Options& options, std::string_view key, std::string_view value) {
    const OptionSpec* spec = find_option(key);
    if (spec == nullptr) {
        std::string known;
        for (const OptionSpec& s : option_registry()) known += (known.empty() ? "" : ", ") + std::string(s.key);
        return problem("unknown option '" + std::string(key) + "'; known: " + known, std::string(key));
    }
    const std::optional<std::string> refusal = spec->set(options, value);
    if (!refusal) return std::nullopt;
    const std::string use = refusal->empty() ? listed(spec->values) : *refusal;
    return problem("option " + std::string(key) + ": '" + std::string(value) + "' is not accepted; use " + use,
                   std::string(value));
}

std::vector<Problem> set_options(Options& options, const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<Problem> problems;
    for (int preset_pass = 1; preset_pass >= 0; --preset_pass) {
        for (const auto& [key, value] : pairs) {
            if ((key == "preset") != (preset_pass == 1)) continue;
            if (auto refused = set_option(options, key, value)) problems.push_back(std::move(*refused));
        }
    }
    return problems;
}

std::string options_usage() {
    std::string out;
    for (const OptionSpec& spec : option_registry()) {
        std::string values = spec.kind == OptionKind::Number ? std::string(spec.value_name) : std::string();
        for (const std::string& v : spec.values) values += (values.empty() ? "" : "|") + v;
        if (spec.kind == OptionKind::YesNo) values = "[yes|no]";
        out += "  --" + std::string(spec.key) + " " + values + "\n      " + without_backticks(spec.help);
        if (!spec.default_value.empty()) out += " (default " + spec.default_value + ")";
        out += "\n";
    }
    return out;
}

std::string options_markdown_rows() {
    std::string out;
    for (const OptionSpec& spec : option_registry()) {
        const std::string shown = spec.default_value.empty() ? "none" : "`" + spec.default_value + "`";
        out += "| `--" + std::string(spec.key) + "` | " + std::string(spec.help) + " | " + shown + " |\n";
    }
    return out;
}

std::string option_registry_json() {
    JsonWriter j;
    j.begin_array();
    for (const OptionSpec& spec : option_registry()) {
        j.begin_object().field("key", std::string(spec.key)).field("json_name", std::string(spec.json_name));
        j.field("kind", kind_name(spec.kind));
        j.key("values").begin_array();
        for (const std::string& v : spec.values) j.value(v);
        j.end_array();
        j.field("default", spec.default_value).field("help", std::string(spec.help));
        j.field("label", std::string(spec.label)).field("explain", std::string(spec.explain));
        j.key("choices").begin_array();
        for (const ChoiceWords& c : spec.choices) {
            j.begin_object().field("value", c.value).field("label", std::string(c.label));
            j.field("explain", std::string(c.explain)).field("title", std::string(c.title)).end_object();
        }
        j.end_array().end_object();
    }
    j.end_array();
    return j.str();
}

}  // namespace metapool
