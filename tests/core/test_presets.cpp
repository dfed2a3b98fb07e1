// Presets and single conventions agree with metafor configured as each tool
// computes (tests/fixtures/preset_reference.json, made by
// tests/fixtures/generate_preset_fixtures.R) to 1e-6 relative; presets set
// the conventions the README lists, and later options override them.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "model/option_registry.hpp"
#include "fixture_support.hpp"

#include "output/analysis_json.hpp"
#include "analyze.hpp"
#include "compare_presets.hpp"
#include "input/example_data.hpp"
#include "model/presets.hpp"

using nlohmann::json;
using namespace metapool;
using test::agrees;
using test::analysis_scale;
using test::number;

namespace {

const json& reference() {
    static const json doc = test::load_fixture("preset_reference.json");
    return doc;
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

void check_studies(const std::string& context, const json& studies, const Analysis& a) {
    REQUIRE(studies.size() == a.studies.size());
    for (std::size_t i = 0; i < studies.size(); ++i) {
        CHECK_AGREES("study " << i << " yi", a.studies[i].y, number(studies[i], "yi"));
        CHECK_AGREES("study " << i << " vi", a.studies[i].v, number(studies[i], "vi"));
    }
}

void check_common(const std::string& context, const json& ref, const Analysis& a) {
    const Measure m = a.options.measure;
    CHECK_AGREES("common y", a.common.y, number(ref, "y"));
    CHECK_AGREES("common se", a.common.se, number(ref, "se"));
    CHECK_AGREES("common z", a.common.z, number(ref, "z"));
    CHECK_AGREES("common p", a.common.p, number(ref, "p"));
    CHECK_AGREES("common ci_lower", analysis_scale(a.common.ci_lower, m), number(ref, "ci_lower"));
    CHECK_AGREES("common ci_upper", analysis_scale(a.common.ci_upper, m), number(ref, "ci_upper"));
    CHECK_AGREES("Q", a.heterogeneity.Q, number(ref, "Q"));
    CHECK_AGREES("Q df", a.heterogeneity.df, number(ref, "Q_df"));
    CHECK_AGREES("Q p", a.heterogeneity.p, number(ref, "Q_p"));
    CHECK_AGREES("I2", a.heterogeneity.I2, number(ref, "I2"));
    CHECK_AGREES("H2", a.heterogeneity.H2, number(ref, "H2"));
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
    REQUIRE(doc["cases"].size() >= 40);
    int revman5 = 0;
    for (const json& c : doc["cases"]) revman5 += c["preset"] == "revman5";
    CHECK(revman5 == 15);
}

TEST_CASE("presets metafor, revman5 and meta agree with metafor configured as each tool", "[presets]") {
    for (const json& c : reference()["cases"]) {
        const std::string context = c["name"].get<std::string>();
        const Analysis a = run(c);
        check_studies(context, c["studies"], a);
        check_common(context, c["common"], a);
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

TEST_CASE("each preset sets its conventions", "[presets]") {
    struct Expected {
        const char* name;
        Tau2Method tau2;
        bool hksj, cc_in_mh;
        RrCorrection cc_rr;
        DlQCentre dl_q;
        QCentre q;
        I2Source i2;
        PredictionInterval pi;
        Tau2Ci tau2_ci;
        MhRdVariance rd;
        RdCorrection cc_rd;
    };
    const Expected expected[] = {
        {"metafor", Tau2Method::REML, false, false, RrCorrection::AllCells, DlQCentre::IV, QCentre::Common,
         I2Source::Q, PredictionInterval::Metafor, Tau2Ci::QProfile, MhRdVariance::SatoGreenlandRobins, RdCorrection::AllCells},
        {"revman5", Tau2Method::DL, false, true, RrCorrection::AllCells, DlQCentre::MH, QCentre::Common,
         I2Source::Q, PredictionInterval::None, Tau2Ci::None, MhRdVariance::GreenlandRobins, RdCorrection::Variance},
        {"revman-web", Tau2Method::REML, true, true, RrCorrection::AllCells, DlQCentre::MH, QCentre::Common,
         I2Source::Tau2, PredictionInterval::TK1, Tau2Ci::QProfile, MhRdVariance::GreenlandRobins, RdCorrection::Variance},
        {"meta", Tau2Method::REML, false, true, RrCorrection::Events, DlQCentre::MH, QCentre::MhIfDl,
         I2Source::Q, PredictionInterval::TK1, Tau2Ci::Auto, MhRdVariance::GreenlandRobins, RdCorrection::Variance},
        {"stata", Tau2Method::REML, false, false, RrCorrection::AllCells, DlQCentre::IV, QCentre::IV,
         I2Source::Tau2, PredictionInterval::TK2, Tau2Ci::None, MhRdVariance::GreenlandRobins, RdCorrection::AllCells},
    };
    REQUIRE(preset_names().size() == 5);
    for (const Expected& e : expected) {
        INFO(e.name);
        Options o;
        o.cc = 0.1;
        o.hksj_truncate = true;
        o.measure = Measure::OR;
        REQUIRE(!set_option(o, "preset", e.name));
        CHECK(o.preset == e.name);
        CHECK(o.tau2_method == e.tau2);
        CHECK(o.hksj == e.hksj);
        CHECK(!o.hksj_truncate);
        CHECK(o.cc_in_mh == e.cc_in_mh);
        CHECK(o.cc_rr == e.cc_rr);
        CHECK(o.dl_q == e.dl_q);
        CHECK(o.q_centre == e.q);
        CHECK(o.i2 == e.i2);
        CHECK(o.pi == e.pi);
        CHECK(o.tau2_ci == e.tau2_ci);
        CHECK(o.mh_rd_variance == e.rd);
        CHECK(o.cc_rd == e.cc_rd);
        CHECK(o.cc == 0.5);
        CHECK(o.cc_to == CcTo::Only0);
        CHECK(o.drop00 == Drop00::Auto);
        CHECK(o.measure == Measure::OR);  // not a convention: kept
        CHECK(preset_unchanged(o));
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
