// Each preset reproduces its tool's own numbers, from evidence the preset
// table (core/model/presets.cpp) is not made from, to 1e-6 relative:
//   - metafor: tests/fixtures/preset_reference.json (made by
//     generate_preset_fixtures.R with metafor 3.8-1's defaults) and, with
//     DL, metafor's rma(method = "DL") in metafor_reference.json;
//   - revman5: RevMan 5's own stored results for Fleiss (1993)
//     (revman5_fleiss1993.hpp) and the RevMan 5 cases of the preset fixture
//     (Deeks & Higgins 2010 worked with metafor), zero cells included;
//   - meta: R's meta is not installed here; the fixture's meta cases rebuild
//     its metabin defaults from its source in metafor (see the R script);
//   - revman-web and stata: no output of either tool is available here; they
//     are checked against metafor configured as their documentation
//     describes (the fixture's metafor cases and their single conventions).
// Also: every preset resets the corrections, later options override a
// preset, and single conventions agree with metafor.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "fixture_support.hpp"
#include "model/option_registry.hpp"
#include "reference_checks.hpp"

#include "analyze.hpp"
#include "compare_presets.hpp"
#include "input/example_data.hpp"
#include "model/presets.hpp"
#include "output/analysis_json.hpp"
#include "revman5_fleiss1993.hpp"

using nlohmann::json;
using namespace metapool;
using test::analysis_scale;
using test::check_common;
using test::check_studies;
using test::number;

namespace {

const json& reference() { return test::fixture("preset_reference.json"); }

// The fixture case of the same data set and measure under another preset.
const json& sibling(const json& c, const std::string& preset) {
    const std::string name = c["dataset"].get<std::string>() + " " + c["measure"].get<std::string>() + " " + preset;
    for (const json& other : reference()["cases"]) {
        if (other["name"] == name) return other;
    }
    FAIL("no fixture case " << name);
    return c;
}

Options case_options(const json& c) {
    Options o;
    REQUIRE(!set_option(o, "measure", c["measure"].get<std::string>()));
    REQUIRE(!set_option(o, "preset", c["preset"].get<std::string>()));
    return o;
}

Analysis run(const json& c, const std::function<void(Options&)>& change = {}) {
    Options o = case_options(c);
    if (change) change(o);
    const Analysis a = analyze_text(c["table"].get<std::string>(), o);
    REQUIRE(a.ok());
    return a;
}

void check_random(const std::string& context, const json& ref, const Analysis& a, bool with_pi = true) {
    const Measure m = a.options.measure;
    if (ref.contains("tau2")) CHECK_AGREES("tau2", a.heterogeneity.tau2, number(ref, "tau2"));
    CHECK_AGREES("random y", a.random.y, number(ref, "y"));
    CHECK_AGREES("random se", a.random.se, number(ref, "se"));
    if (ref.contains("z")) CHECK_AGREES("random z", a.random.z, number(ref, "z"));
    if (ref.contains("p")) CHECK_AGREES("random p", a.random.p, number(ref, "p"));
    if (ref.contains("ci_lower")) {
        CHECK_AGREES("random ci_lower", analysis_scale(a.random.ci_lower, m), number(ref, "ci_lower"));
        CHECK_AGREES("random ci_upper", analysis_scale(a.random.ci_upper, m), number(ref, "ci_upper"));
    }
    if (!with_pi) return;
    CHECK_AGREES("pi_lower", analysis_scale(a.random.pi_lower, m), number(ref, "pi_lower"));
    CHECK_AGREES("pi_upper", analysis_scale(a.random.pi_upper, m), number(ref, "pi_upper"));
}

void check_tau2_ci(const std::string& context, const json& ref, const Analysis& a) {
    const json none = json::object();
    const json& r = ref.is_object() ? ref : none;
    CHECK_AGREES("tau2 ci lower", a.heterogeneity.tau2_ci_lower, number(r, "tau2_lower"));
    CHECK_AGREES("tau2 ci upper", a.heterogeneity.tau2_ci_upper, number(r, "tau2_upper"));
}

void check_pi(const std::string& context, const json& ref, const Analysis& a) {
    const Measure m = a.options.measure;
    CHECK_AGREES("pi_lower", analysis_scale(a.random.pi_lower, m), number(ref, "pi_lower"));
    CHECK_AGREES("pi_upper", analysis_scale(a.random.pi_upper, m), number(ref, "pi_upper"));
}

void check_extra(const std::string& context, const json& ex, const json& c) {
    const Analysis i2 = run(c, [](Options& o) { REQUIRE(!set_option(o, "i2", "tau2")); });
    CHECK_AGREES("I2 from tau2", i2.heterogeneity.I2, number(ex["i2_tau2"], "I2"));
    CHECK_AGREES("H2 from tau2", i2.heterogeneity.H2, number(ex["i2_tau2"], "H2"));
    const Analysis kn = run(c, [](Options& o) { o.hksj = true; });
    check_random(context + " knha", ex["knha"], kn);
    const Analysis kt = run(c, [](Options& o) {
        o.hksj = true;
        REQUIRE(!set_option(o, "hksj-truncate", "yes"));
    });
    check_random(context + " knha max(1,q)", ex["knha_truncated"], kt, false);
    check_pi(context + " pi t(k-1)", ex["pi_t_k1"], run(c, [](Options& o) { REQUIRE(!set_option(o, "pi", "t-k1")); }));
    if (ex.contains("pi_t_k2") && !ex["pi_t_k2"].is_null()) {
        check_pi(context + " pi t(k-2)", ex["pi_t_k2"], run(c, [](Options& o) { REQUIRE(!set_option(o, "pi", "t-k2")); }));
    }
    const Analysis qiv = run(c, [](Options& o) { REQUIRE(!set_option(o, "q", "iv")); });
    CHECK_AGREES("Q around IV", qiv.heterogeneity.Q, number(ex["q_iv"], "Q"));
    if (ex.contains("gr_rd")) {
        const Analysis gr = run(c, [](Options& o) { REQUIRE(!set_option(o, "mh-rd-var", "gr")); });
        CHECK_AGREES("MH RD Greenland-Robins se", gr.common.se, number(ex["gr_rd"], "se"));
    }
    if (ex.contains("rr_events")) {
        const Analysis ev = run(c, [](Options& o) { REQUIRE(!set_option(o, "cc-rr", "events")); });
        check_studies(context + " RR events only", ex["rr_events"]["studies"], ev);
        check_random(context + " RR events only", ex["rr_events"], ev, false);
    }
}

}  // namespace

TEST_CASE("preset fixtures cover metafor, revman5 and meta on tables with zero cells", "[presets]") {
    const json& doc = reference();
    REQUIRE(doc["cases"].size() == 45);  // 5 data sets x RR, OR, RD x 3 presets
    int metafor = 0, revman5 = 0, meta = 0;
    for (const json& c : doc["cases"]) {
        metafor += c["preset"] == "metafor";
        revman5 += c["preset"] == "revman5";
        meta += c["preset"] == "meta";
    }
    CHECK(metafor == 15);
    CHECK(revman5 == 15);
    CHECK(meta == 15);
}

TEST_CASE("presets metafor, revman5 and meta agree with metafor configured as each tool", "[presets]") {
    for (const json& c : reference()["cases"]) {
        const std::string context = c["name"].get<std::string>();
        const Analysis a = run(c);
        check_studies(context, c["studies"], a);
        check_common(context, c["common"], a, true);
        check_random(context, c["random"], a);
        check_tau2_ci(context, c["tau2_ci"], a);
        CHECK(a.options.preset == c["preset"].get<std::string>());
    }
}

TEST_CASE("single conventions agree with metafor and the published formulas", "[presets]") {
    for (const json& c : reference()["cases"]) {
        if (!c.contains("extra")) continue;
        check_extra(c["name"].get<std::string>(), c["extra"], c);
    }
}

TEST_CASE("RevMan 5's DL tau2 for the BCG risk ratios comes from the MH-centred Q", "[presets]") {
    Options o;
    REQUIRE(!set_option(o, "preset", "revman5"));
    const Analysis rm = analyze_text(example_table(), o);
    CHECK(rm.heterogeneity.tau2 == Approx(0.30950).epsilon(1e-4));
    REQUIRE(!set_option(o, "dl-q", "iv"));
    CHECK(analyze_text(example_table(), o).heterogeneity.tau2 == Approx(0.30876).epsilon(1e-4));
}

TEST_CASE("every preset puts back 0.5 for the studies with a zero cell and keeps the measure", "[presets]") {
    REQUIRE(preset_names().size() == 5);
    for (const std::string& name : preset_names()) {
        INFO(name);
        Options o;
        o.cc = 0.1;
        o.cc_to = CcTo::All;
        o.cc_treatment_arm = true;
        o.drop00 = Drop00::No;
        o.hksj_truncate = true;
        o.measure = Measure::OR;
        REQUIRE(!set_option(o, "preset", name));
        CHECK(o.preset == name);
        CHECK(o.cc == 0.5);
        CHECK(o.cc_to == CcTo::Only0);
        CHECK_FALSE(o.cc_treatment_arm);
        CHECK(o.drop00 == Drop00::Auto);
        CHECK_FALSE(o.hksj_truncate);  // no tool truncates the HKSJ factor by default
        CHECK(o.measure == Measure::OR);  // not a convention: kept
        CHECK(preset_unchanged(o));
    }
}

// RevMan 5's stored per-study ORs, CIs and weights and its pooled M-H OR,
// Chi2, I2 and Z (no zero cell: the correction inside MH does not enter).
TEST_CASE("preset revman5 reproduces RevMan 5's own results for Fleiss 1993", "[presets]") {
    std::string text = "study,e1,n1,e2,n2\n";
    for (const test::RevManStudy& r : test::fleiss1993_studies()) {
        text += std::string(r.label) + "," + std::to_string(static_cast<int>(r.e1)) + "," +
                std::to_string(static_cast<int>(r.n1)) + "," + std::to_string(static_cast<int>(r.e2)) + "," +
                std::to_string(static_cast<int>(r.n2)) + "\n";
    }
    Options o;
    REQUIRE(!set_option(o, "measure", "OR"));
    REQUIRE(!set_option(o, "method", "MH"));
    REQUIRE(!set_option(o, "preset", "revman5"));
    const Analysis a = analyze_text(text, o);
    REQUIRE(a.ok());
    const std::string context = "Fleiss 1993";
    REQUIRE(a.studies.size() == test::fleiss1993_studies().size());
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        const test::RevManStudy& r = test::fleiss1993_studies()[i];
        CHECK(a.studies[i].label == r.label);
        CHECK_AGREES(r.label << " OR", a.studies[i].estimate, r.effect);
        CHECK_AGREES(r.label << " CI lower", a.studies[i].ci_lower, r.lower);
        CHECK_AGREES(r.label << " CI upper", a.studies[i].ci_upper, r.upper);
        CHECK_AGREES(r.label << " weight", a.studies[i].weight_common, r.weight);
    }
    const test::RevManPooled& p = test::kFleiss1993Pooled;
    CHECK_AGREES("pooled OR", a.common.estimate, p.effect);
    CHECK_AGREES("pooled CI lower", a.common.ci_lower, p.lower);
    CHECK_AGREES("pooled CI upper", a.common.ci_upper, p.upper);
    CHECK_AGREES("Chi2", a.heterogeneity.Q, p.chi2);
    CHECK_AGREES("df", a.heterogeneity.df, p.df);
    CHECK_AGREES("P(Chi2)", a.heterogeneity.p, p.p_chi2);
    CHECK_AGREES("I2", a.heterogeneity.I2, p.i2);
    CHECK_AGREES("|Z|", std::fabs(a.common.z), p.z);
    CHECK_AGREES("P(Z)", a.common.p, p.p_z);
}

// DL's tau2 comes from Q, and the tools centre that Q differently: metafor's
// rma(method = "DL") (and Stata, as presets.cpp reads it) on the IV
// estimate, RevMan 5 and those that follow it (RevMan Web, R meta's
// Q.Cochrane) on the M-H estimate with the correction inside.
TEST_CASE("with DL, each preset takes tau2 from the Q its tool centres", "[presets]") {
    int compared = 0;
    for (const json& c : test::fixture("metafor_reference.json")["cases"]) {
        const json& opt = c["options"];
        const std::string measure = opt["measure"].get<std::string>();
        const json& ref = c["random"]["DL"]["z"];
        // The presets' corrections: 0.5 to studies with a zero cell, double zeros out of RR and OR.
        if (opt["cc_to"] != "only0" || opt["drop00"] != (measure != "RD") || !ref.is_object() || ref.contains("error") ||
            test::has_zero_variance(c)) {
            continue;
        }
        for (const char* preset : {"metafor", "stata"}) {
            const std::string context = c["name"].get<std::string>() + " as " + preset;
            Options o;
            REQUIRE(!set_option(o, "measure", measure));
            REQUIRE(!set_option(o, "preset", preset));
            REQUIRE(!set_option(o, "tau2", "DL"));
            const Analysis a = analyze_text(c["table"].get<std::string>(), o);
            REQUIRE(a.ok());
            CHECK_AGREES("tau2", a.heterogeneity.tau2, number(ref, "tau2"));
            CHECK_AGREES("random y", a.random.y, number(ref, "y"));
            CHECK_AGREES("random se", a.random.se, number(ref, "se"));
            ++compared;
        }
    }
    CHECK(compared == 2 * 69);  // the 23 data sets x RR, OR, RD with 0.5 to studies with a zero cell
    compared = 0;
    for (const json& c : reference()["cases"]) {
        if (c["preset"] != "revman5") continue;
        for (const char* preset : {"revman-web", "meta"}) {
            // meta's RR corrects events and totals only: other study effects.
            if (std::string(preset) == "meta" && c["measure"] == "RR") continue;
            const std::string context = c["name"].get<std::string>() + " as " + preset;
            const Analysis a = run(c, [preset](Options& o) {
                REQUIRE(!set_option(o, "preset", preset));
                REQUIRE(!set_option(o, "tau2", "DL"));
            });
            CHECK_AGREES("tau2", a.heterogeneity.tau2, number(c["random"], "tau2"));
            ++compared;
        }
    }
    CHECK(compared == 15 + 10);
}

// Stata's meta esize / meta summarize (Stata 16+; [META] meta summarize,
// Methods and formulas): REML and I2 = tau2 / (tau2 + s2) (Higgins &
// Thompson 2002); and, as presets.cpp reads it (marked unconfirmed there),
// the IV-centred Q, the prediction interval on t(k-2) (Higgins et al. 2009),
// no tau2 CI, the M-H common effect without a correction inside and its RD
// with the Greenland-Robins variance. No Stata output is available here:
// metafor gives each number (the fixture's metafor cases and their single
// conventions).
TEST_CASE("preset stata agrees with metafor configured as Stata documents its defaults", "[presets]") {
    for (const json& c : reference()["cases"]) {
        if (c["preset"] != "metafor") continue;
        const std::string context = c["name"].get<std::string>() + " as stata";
        const json& ex = c["extra"];
        const Analysis a = run(c, [](Options& o) { REQUIRE(!set_option(o, "preset", "stata")); });
        check_studies(context, c["studies"], a);
        CHECK_AGREES("common y", a.common.y, number(c["common"], "y"));
        CHECK_AGREES("common se", a.common.se, number(c["measure"] == "RD" ? ex["gr_rd"] : c["common"], "se"));
        CHECK_AGREES("Q around IV", a.heterogeneity.Q, number(ex["q_iv"], "Q"));
        CHECK_AGREES("I2 from tau2", a.heterogeneity.I2, number(ex["i2_tau2"], "I2"));
        CHECK_AGREES("H2 from tau2", a.heterogeneity.H2, number(ex["i2_tau2"], "H2"));
        check_random(context, c["random"], a, false);
        check_pi(context + " pi t(k-2)", ex.contains("pi_t_k2") ? ex["pi_t_k2"] : json::object(), a);
        check_tau2_ci(context, nullptr, a);
    }
}

// RevMan Web (Cochrane Methods, "Random-effects meta-analysis methods for
// Intervention Reviews", 2022): REML, HKSJ, a prediction interval, the
// Q-profile tau2 CI and I2 from tau2; the M-H common effect, its Q and the
// zero cells as RevMan 5 (presets.cpp marks the t(k-1) interval, the
// untruncated HKSJ and the zero cells unconfirmed). No RevMan Web output is
// available here: the study effects and the common effect are the fixture's
// revman5 sibling's, the random effects metafor's rma(test = "knha") with
// predict() in the metafor case (RR and OR: for the RD from the raw cells
// no fixture has REML).
TEST_CASE("preset revman-web agrees with metafor configured as Cochrane documents RevMan Web", "[presets]") {
    for (const json& c : reference()["cases"]) {
        if (c["preset"] != "metafor") continue;
        const std::string context = c["name"].get<std::string>() + " as revman-web";
        const json& revman5 = sibling(c, "revman5");
        const Analysis a = run(c, [](Options& o) { REQUIRE(!set_option(o, "preset", "revman-web")); });
        check_studies(context, revman5["studies"], a);
        const json& common = revman5["common"];
        CHECK_AGREES("common y", a.common.y, number(common, "y"));
        CHECK_AGREES("common se", a.common.se, number(common, "se"));
        CHECK_AGREES("Q", a.heterogeneity.Q, number(common, "Q"));
        CHECK_AGREES("Q p", a.heterogeneity.p, number(common, "Q_p"));
        if (c["measure"] == "RD") continue;
        const json& ex = c["extra"];
        CHECK_AGREES("I2 from tau2", a.heterogeneity.I2, number(ex["i2_tau2"], "I2"));
        CHECK_AGREES("tau2", a.heterogeneity.tau2, number(c["random"], "tau2"));
        check_random(context + " knha", ex["knha"], a);
        check_tau2_ci(context, c["tau2_ci"], a);
    }
}

TEST_CASE("options after a preset override it; the JSON says which conventions are in force", "[presets]") {
    Options o;
    REQUIRE(!set_option(o, "preset", "revman5"));
    REQUIRE(!set_option(o, "tau2", "REML"));
    REQUIRE(!set_option(o, "pi", "t-k2"));
    CHECK(o.preset == "revman5");
    CHECK(o.tau2_method == Tau2Method::REML);
    CHECK(o.pi == PredictionInterval::TK2);
    CHECK(o.cc_in_mh);  // the rest of the preset stays
    CHECK_FALSE(preset_unchanged(o));
    const json j = json::parse(to_json(analyze_text(example_table(), o)));
    CHECK(j["preset"] == "revman5");
    CHECK(j["preset_unchanged"] == false);
    const json& conv = j["conventions"];
    for (const char* key : {"tau2", "hksj", "hksj_truncate", "cc", "cc_to", "cc_type", "cc_rr", "cc_in_mh",
                            "drop00_applied", "dl_q", "q", "i2", "pi", "tau2_ci", "mh_rd_variance", "cc_rd"}) {
        INFO(key);
        CHECK(conv.contains(key));
    }
    CHECK(conv["tau2"] == "REML");
    CHECK(conv["cc_in_mh"] == true);
    CHECK(conv["dl_q"] == "mh");
    CHECK(conv["pi"] == "t-k2");
    CHECK(conv["tau2_ci"] == "none");
    CHECK(conv["mh_rd_variance"] == "gr");
    CHECK(conv["cc_rd"] == "variance");
    // A later preset replaces every convention again.
    REQUIRE(!set_option(o, "preset", "METAFOR"));
    CHECK(o.preset == "metafor");
    CHECK(o.tau2_method == Tau2Method::REML);
    CHECK_FALSE(o.cc_in_mh);
    CHECK(preset_unchanged(o));
    const json plain = json::parse(to_json(analyze_text(example_table(), Options{})));
    CHECK(plain["preset"] == "");
    CHECK(plain["conventions"]["pi"] == "t-k2");
}

TEST_CASE("unknown presets and conventions are refused with the accepted values", "[presets]") {
    Options o;
    CHECK(set_option(o, "preset", "spss")->message.find("metafor, revman5, revman-web, meta, stata") != std::string::npos);
    CHECK(set_option(o, "tau2-ci", "jackson")->message.find("qp, j, bj, auto or none") != std::string::npos);
    CHECK(set_option(o, "pi", "t-k3")->message.find("t-k2, t-k1, z, metafor or none") != std::string::npos);
    CHECK(set_option(o, "q", "x"));
    CHECK(set_option(o, "cc-rr", "x"));
    CHECK(set_option(o, "cc-mh", "maybe"));
    CHECK(set_option(o, "cc-rd", "raw")->message.find("all-cells or variance") != std::string::npos);
    CHECK(o.preset.empty());
}

TEST_CASE("conventions change only what they are about", "[presets]") {
    const std::string text(example_table());
    const Analysis base = analyze_text(text, Options{});
    Options none;
    REQUIRE(!set_option(none, "pi", "none"));
    REQUIRE(!set_option(none, "tau2-ci", "none"));
    const Analysis a = analyze_text(text, none);
    CHECK(std::isnan(a.random.pi_lower));
    CHECK(std::isnan(a.heterogeneity.tau2_ci_lower));
    CHECK(a.random.y == base.random.y);
    CHECK(a.heterogeneity.tau2 == base.heterogeneity.tau2);
    // No zero cell in the BCG trials: the correction inside MH changes nothing.
    Options mh;
    REQUIRE(!set_option(mh, "cc-mh", "yes"));
    CHECK(analyze_text(text, mh).common.y == base.common.y);
    // HKSJ truncation never narrows and changes nothing when q >= 1.
    Options h;
    h.hksj = true;
    const Analysis plain = analyze_text(text, h);
    REQUIRE(!set_option(h, "hksj-truncate", "yes"));
    CHECK(analyze_text(text, h).random.se >= plain.random.se);
}

TEST_CASE("compare_presets analyses the table under every preset", "[presets]") {
    Options o;
    o.leave_one_out = true;
    const std::vector<PresetAnalysis> all = compare_presets(example_table(), o);
    REQUIRE(all.size() == preset_names().size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].preset == preset_names()[i]);
        CHECK(all[i].analysis.options.preset == preset_names()[i]);
        CHECK(all[i].analysis.ok());
        CHECK(all[i].analysis.leave_one_out.empty());
    }
    CHECK(all[1].analysis.heterogeneity.tau2 == Approx(0.30950).epsilon(1e-4));
    const json j = json::parse(compare_presets_json(example_table(), o));
    REQUIRE(j["presets"].size() == 5);
    CHECK(j["presets"][1]["preset"] == "revman5");
    CHECK(j["presets"][1]["conventions"]["tau2"] == "DL");
    CHECK(j["presets"][1]["random"]["pi_lower"].is_null());
    CHECK(j["presets"][2]["random"]["hksj"] == true);
    CHECK(j["presets"][0]["heterogeneity"]["tau2"].get<double>() ==
          Approx(all[0].analysis.heterogeneity.tau2));
}

// RevMan 5 with zero cells and the RD (Deeks & Higgins 2010): the study's RD
// and the MH RD from the cells as pasted (double zeros kept), 0.5 only in the
// variances. The numbers are the published formulas worked by hand here.
TEST_CASE("cc-rd variance: the RD and the MH RD from the raw cells, 0.5 only in the variances", "[presets]") {
    const std::string text = "study,e1,n1,e2,n2\nA,0,20,3,20\nB,0,10,0,12\nC,4,30,6,28\n";
    Options o;
    REQUIRE(!set_option(o, "measure", "RD"));
    REQUIRE(!set_option(o, "preset", "revman5"));
    REQUIRE(o.cc_rd == RdCorrection::Variance);
    const Analysis a = analyze_text(text, o);
    REQUIRE(a.ok());
    REQUIRE(a.studies.size() == 3);
    // A: RD = 0/20 - 3/20; variance from 0.5, 20.5 of 21 and 3.5, 17.5 of 21.
    CHECK(a.studies[0].y == Approx(-0.15).epsilon(1e-12));
    CHECK(a.studies[0].v == Approx(0.5 * 20.5 / (21.0 * 21 * 21) + 3.5 * 17.5 / (21.0 * 21 * 21)).epsilon(1e-12));
    // B, a double zero, is kept: RD 0 with the corrected variance.
    CHECK(a.studies[1].y == 0);
    CHECK(a.studies[1].v == Approx(0.5 * 10.5 / (11.0 * 11 * 11) + 0.5 * 12.5 / (13.0 * 13 * 13)).epsilon(1e-12));
    // MH: weights n1 n2 / N and the RD from the raw cells.
    const double wA = 20.0 * 20 / 40, wB = 10.0 * 12 / 22, wC = 30.0 * 28 / 58;
    const double W = wA + wB + wC;
    const double rd = (wA * (-0.15) + wB * 0 + wC * (4.0 / 30 - 6.0 / 28)) / W;
    CHECK(a.common.y == Approx(rd).epsilon(1e-12));
    CHECK(a.studies[0].weight_common == Approx(100 * wA / W).epsilon(1e-12));
    // Greenland-Robins numerator from the corrected tables, W from the raw.
    auto gr = [](double a1, double b1, double c1, double d1) {
        const double n1 = a1 + b1, n2 = c1 + d1, N = n1 + n2;
        return (a1 * b1 * n2 * n2 * n2 + c1 * d1 * n1 * n1 * n1) / (n1 * n2 * N * N);
    };
    const double num = gr(0.5, 20.5, 3.5, 17.5) + gr(0.5, 10.5, 0.5, 12.5) + gr(4, 26, 6, 22);
    CHECK(a.common.se == Approx(std::sqrt(num) / W).epsilon(1e-12));
    // metafor's convention (all-cells) moves the RD of A and B with the 0.5.
    REQUIRE(!set_option(o, "cc-rd", "all-cells"));
    const Analysis m = analyze_text(text, o);
    CHECK(m.studies[0].y == Approx(0.5 / 21 - 3.5 / 21).epsilon(1e-12));
    CHECK_FALSE(preset_unchanged(o));
}
