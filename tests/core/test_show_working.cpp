// "Show the working" (core/output/show_working.cpp): the sums the working shows
// reproduce the analysis's pooled estimates, Q, tau2 and random-effects
// numbers to 1e-12, over data sets with zero cells, double zeros, k = 1 and
// 2, and every measure x method x tau2 estimator with HKSJ and the tool
// conventions (RevMan 5's correction inside the MH sums and MH-centred DL Q,
// Q around the IV estimate, I2 from tau2, Greenland-Robins RD variance, the
// events-only and treatment-arm corrections, every prediction interval).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "fixture_support.hpp"
#include "input/example_data.hpp"
#include "output/show_working.hpp"

using namespace metapool;
using test::table_of;

namespace {

const std::vector<std::vector<std::vector<double>>> kDataSets = {
    // BCG (Colditz et al. 1994)
    {{4, 123, 11, 139}, {6, 306, 29, 303}, {3, 231, 11, 220}, {62, 13598, 248, 12867}, {33, 5069, 47, 5808},
     {180, 1541, 372, 1451}, {8, 2545, 10, 629}, {505, 88391, 499, 88391}, {29, 7499, 45, 7277},
     {17, 1716, 65, 1665}, {186, 50634, 141, 27338}, {5, 2498, 3, 2341}, {27, 16913, 29, 17854}},
    // zero cells, a double zero and an all-events table
    {{0, 10, 3, 10}, {2, 10, 3, 10}, {0, 10, 0, 10}, {10, 10, 10, 10}, {1, 10, 2, 10}, {4, 25, 1, 30}},
    // rare events, unequal arms
    {{0, 150, 2, 75}, {1, 300, 4, 150}, {3, 120, 2, 118}, {0, 40, 1, 41}, {7, 900, 12, 450}},
    // no heterogeneity at all (tau2 = 0 for every estimator)
    {{5, 100, 5, 100}, {5, 100, 5, 100}, {5, 100, 5, 100}},
    // two studies, one study
    {{12, 100, 20, 98}, {30, 210, 28, 190}},
    {{12, 100, 20, 98}},
};

struct Variant {
    const char* name;
    void (*apply)(Options&);
};

const Variant kVariants[] = {
    {"defaults", [](Options&) {}},
    {"hksj", [](Options& o) { o.hksj = true; }},
    {"hksj truncated, pi metafor", [](Options& o) { o.hksj = true; o.hksj_truncate = true; o.pi = PredictionInterval::Metafor; }},
    {"revman5", [](Options& o) { o.cc_in_mh = true; o.dl_q = DlQCentre::MH; o.mh_rd_variance = MhRdVariance::GreenlandRobins; o.cc_rd = RdCorrection::Variance; o.pi = PredictionInterval::None; }},
    {"meta", [](Options& o) { o.cc_in_mh = true; o.cc_rr = RrCorrection::Events; o.cc_rd = RdCorrection::Variance; o.q_centre = QCentre::MhIfDl; o.pi = PredictionInterval::TK1; }},
    {"stata", [](Options& o) { o.q_centre = QCentre::IV; o.i2 = I2Source::Tau2; o.pi = PredictionInterval::Z; }},
    {"treatment-arm cc to all, level 90", [](Options& o) { o.cc_treatment_arm = true; o.cc_to = CcTo::All; o.level = 0.9; }},
    {"if0all, drop00 no", [](Options& o) { o.cc_to = CcTo::If0All; o.drop00 = Drop00::No; }},
};

std::string describe(const Options& o, const char* variant, std::size_t set) {
    return "data set " + std::to_string(set) + ", " + to_string(o.measure) + " " + to_string(o.method) + " " +
           to_string(o.tau2_method) + ", " + variant;
}

// 1e-12 relative (absolute near 0); NaN equals NaN.
bool close(double a, double b, double tol = 1e-12) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::fabs(a - b) <= tol * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

// Catch2 2 has no CHECK_MESSAGE: a scoped INFO does the same.
#define CHECK_MSG(cond, msg) \
    do {                       \
        INFO(msg);             \
        CHECK(cond);           \
    } while (0)

#define CHECK_CLOSE(a, b) CHECK_MSG(close((a), (b)), #a " = " << (a) << " vs " #b " = " << (b))

double col_sum(const WorkingStep& s, const char* key) {
    const WorkingColumn* c = s.column(key);
    REQUIRE(c != nullptr);
    REQUIRE(c->summed);
    return c->sum;
}

// The weight-percent column against the studies' weights.
void check_weights(const Analysis& a, const WorkingStep& s, double StudyResult::*field) {
    const WorkingColumn* c = s.column("weight");
    REQUIRE(c != nullptr);
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
        const double shown = c->values[r];
        const double want = a.studies[s.rows[r]].*field;
        CHECK_MSG(close(shown, want, 1e-10), s.id << " weight of row " << r << ": " << shown << " vs " << want);
    }
}

void check_common(const Analysis& a, const WorkingStep& s) {
    const Options& o = a.options;
    double y = NAN;
    if (o.method == CommonMethod::IV) {
        y = col_sum(s, "wy") / col_sum(s, "w");
        CHECK_CLOSE(s.value("sum_w"), col_sum(s, "w"));
        CHECK_CLOSE(std::sqrt(1 / col_sum(s, "w")), a.common.se);
    } else if (o.method == CommonMethod::PETO) {
        y = col_sum(s, "OE") / col_sum(s, "V");
        CHECK_CLOSE(std::sqrt(1 / col_sum(s, "V")), a.common.se);
    } else if (o.measure == Measure::RD) {
        y = col_sum(s, "D") / col_sum(s, "W");
    } else {
        y = std::log(col_sum(s, "R") / col_sum(s, "S"));
        CHECK_CLOSE(s.value("sum_R"), col_sum(s, "R"));
        CHECK_CLOSE(s.value("sum_S"), col_sum(s, "S"));
    }
    if (!std::isfinite(a.common.y)) return;
    CHECK_CLOSE(y, a.common.y);
    CHECK_CLOSE(s.value("y"), a.common.y);
    CHECK_CLOSE(s.value("se"), a.common.se);
    CHECK_CLOSE(s.value("ci_lower"), a.common.ci_lower);
    CHECK_CLOSE(s.value("ci_upper"), a.common.ci_upper);
    CHECK_CLOSE(s.value("stat"), a.common.z);
    CHECK_CLOSE(s.value("p"), a.common.p);
    check_weights(a, s, &StudyResult::weight_common);
}

void check_heterogeneity(const Analysis& a, const WorkingStep& s) {
    const Heterogeneity& h = a.heterogeneity;
    CHECK_CLOSE(s.value("Q"), h.Q);
    if (h.df > 0) {
        // The Q contributions add up to Q (Peto's Q in its difference form
        // loses a few digits to cancellation, hence 1e-9 there).
        const double tol = a.options.method == CommonMethod::PETO ? 1e-9 : 1e-12;
        const double sum = col_sum(s, "q");
        CHECK_MSG(close(std::max(0.0, sum), h.Q, tol), "sum of contributions " << sum << " vs Q " << h.Q);
        CHECK_CLOSE(s.value("df"), h.df);
        CHECK_CLOSE(s.value("p"), h.p);
        if (a.options.i2 == I2Source::Q) {
            CHECK_CLOSE(s.value("I2"), h.I2);
            CHECK_CLOSE(s.value("H2"), h.H2);
        }
    }
}

void check_tau2(const Analysis& a, const WorkingStep& s) {
    const Heterogeneity& h = a.heterogeneity;
    if (!a.random.tau2_converged) return;
    CHECK_CLOSE(s.value("tau2"), h.tau2);
    if (a.random.k < 2) return;
    const Tau2Method m = a.options.tau2_method;
    if (m == Tau2Method::DL) {
        const double c = s.value("sum_w") - s.value("sum_w2") / s.value("sum_w");
        CHECK(close(s.value("C"), c, 1e-9));
        CHECK_CLOSE(s.value("Q"), col_sum(s, "q"));
        CHECK_CLOSE(std::max(0.0, (s.value("Q") - s.value("df")) / s.value("C")), h.tau2);
    } else if (m == Tau2Method::PM || m == Tau2Method::EB || m == Tau2Method::ML || m == Tau2Method::REML) {
        // The estimating equation at the solution: 0 at an interior root
        // (relative to its terms), not positive when truncated at 0.
        const double eq = s.value("equation");
        const double scale = m == Tau2Method::PM || m == Tau2Method::EB ? s.value("df") + 1 : s.value("sum_w");
        if (h.tau2 > 0) {
            CHECK_MSG(std::fabs(eq) <= 1e-6 * scale, "equation at tau2 = " << h.tau2 << ": " << eq);
        } else {
            CHECK_MSG(eq <= 1e-9 * scale, "equation at 0: " << eq);
        }
    }
    if (a.options.i2 == I2Source::Tau2) {
        CHECK_CLOSE(s.value("I2"), h.I2);
        CHECK_CLOSE(s.value("H2"), h.H2);
    }
}

void check_random(const Analysis& a, const WorkingStep& s) {
    const RandomEffects& r = a.random;
    if (!std::isfinite(r.y)) return;
    CHECK_CLOSE(col_sum(s, "wy") / col_sum(s, "w"), r.y);
    CHECK_CLOSE(s.value("y"), r.y);
    CHECK_CLOSE(s.value("se"), r.se);
    CHECK_CLOSE(s.value("ci_lower"), r.ci_lower);
    CHECK_CLOSE(s.value("ci_upper"), r.ci_upper);
    CHECK_CLOSE(s.value("stat"), r.z);
    CHECK_CLOSE(s.value("p"), r.p);
    CHECK_CLOSE(s.value("pi_lower"), r.pi_lower);
    CHECK_CLOSE(s.value("pi_upper"), r.pi_upper);
    check_weights(a, s, &StudyResult::weight_random);
}

void check_effects(const Analysis& a, const WorkingStep& s) {
    REQUIRE(s.rows.size() == a.studies.size());
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        CHECK(s.column("a")->values[i] == a.studies[i].a);
        CHECK(s.column("d")->values[i] == a.studies[i].d);
        CHECK_CLOSE(s.column("y")->values[i], a.studies[i].y);
        CHECK_CLOSE(s.column("v")->values[i], a.studies[i].v);
    }
}

}  // namespace

TEST_CASE("show working: the sums reproduce the pooled estimates, Q and tau2", "[show_working]") {
    int analyses = 0;
    for (std::size_t set = 0; set < kDataSets.size(); ++set) {
        const ParsedTable table = table_of(kDataSets[set]);
        for (Measure m : {Measure::RR, Measure::OR, Measure::RD}) {
            for (CommonMethod c : {CommonMethod::MH, CommonMethod::IV, CommonMethod::PETO}) {
                if (c == CommonMethod::PETO && m != Measure::OR) continue;
                for (Tau2Method t : {Tau2Method::DL, Tau2Method::REML, Tau2Method::PM, Tau2Method::ML,
                                     Tau2Method::HE, Tau2Method::SJ, Tau2Method::HS, Tau2Method::EB}) {
                    for (const Variant& variant : kVariants) {
                        Options o;
                        o.measure = m;
                        o.method = c;
                        o.tau2_method = t;
                        o.small_study = false;
                        variant.apply(o);
                        const Analysis a = analyze(table, o);
                        INFO(describe(o, variant.name, set));
                        const ShowWorking w = show_working(a);
                        REQUIRE(w.ok() == a.ok());
                        if (!a.ok()) continue;
                        ++analyses;
                        REQUIRE(w.steps.size() == 5);
                        check_effects(a, *w.step("effects"));
                        check_common(a, *w.step("common"));
                        check_heterogeneity(a, *w.step("heterogeneity"));
                        check_tau2(a, *w.step("tau2"));
                        check_random(a, *w.step("random"));
                    }
                }
            }
        }
    }
    CHECK(analyses > 1000);
}

TEST_CASE("show working: BCG, MH risk ratio by hand", "[show_working]") {
    const Analysis a = analyze_text(example_table(), Options{});
    const ShowWorking w = show_working(a);
    REQUIRE(w.ok());
    const WorkingStep& c = *w.step("common");
    // R = a n2 / N for Aronson 1948 (4/123 vs 11/139).
    CHECK(c.column("R")->values[0] == Approx(4.0 * 139 / 262).epsilon(1e-15));
    CHECK(c.column("S")->values[0] == Approx(11.0 * 123 / 262).epsilon(1e-15));
    CHECK(std::exp(c.value("y")) == Approx(c.value("sum_R") / c.value("sum_S")).epsilon(1e-15));
    // metafor 3.8-1: rma.mh(measure = "RR", ...) on dat.bcg: RR 0.6353, Q 152.5676.
    CHECK(c.value("estimate") == Approx(0.63528).epsilon(1e-4));
    CHECK(w.step("heterogeneity")->value("Q") == Approx(152.5676).epsilon(1e-6));
    // REML: the score is 0 at the solution.
    CHECK(std::fabs(w.step("tau2")->value("equation")) < 1e-9);
}

// A τ² estimator added to Tau2Method without steps of its own in
// show_working.cpp still gets a τ² step: its value, and a note saying so.
// (A value past the last estimator stands for such a new one.)
TEST_CASE("show working: an estimator with no steps written shows its value", "[show_working]") {
    Analysis a = analyze_text(example_table(), Options{});
    a.options.tau2_method = static_cast<Tau2Method>(static_cast<int>(Tau2Method::EB) + 1);
    const ShowWorking w = show_working(a);
    const WorkingStep* t = w.step("tau2");
    REQUIRE(t != nullptr);
    REQUIRE(t->notes.size() == 1);
    CHECK(t->notes[0] == "τ² by the ? estimator; no intermediate steps are shown for it.");
    REQUIRE(t->line("tau2") != nullptr);
    CHECK(t->line("tau2")->formula == "?");
    CHECK(t->value("tau2") == a.heterogeneity.tau2);
    CHECK(a.heterogeneity.tau2 == Approx(0.3132).epsilon(1e-3));  // BCG, REML (metafor 0.3132)
}

TEST_CASE("show working: JSON has every step, row and line, labels escaped", "[show_working]") {
    const Analysis a = analyze_text("\"<b>x</b> & \"\"y\"\"\", 3, 40, 8, 41\nB, 0, 30, 2, 29\nC, 0, 20, 0, 21\n",
                                    Options{});
    const ShowWorking w = show_working(a);
    const std::string text = working_json(w);
    CHECK(text.find("<b>") == std::string::npos);
    const nlohmann::json j = nlohmann::json::parse(text);
    CHECK(j["ok"] == true);
    REQUIRE(j["steps"].size() == 5);
    CHECK(j["steps"][0]["id"] == "effects");
    CHECK(j["steps"][0]["rows"].size() == 3);
    CHECK(j["steps"][0]["rows"][0]["label"] == "<b>x</b> & \"y\"");
    CHECK(j["steps"][0]["rows"][1]["note"] == "corrected");
    CHECK(j["steps"][0]["rows"][2]["note"].get<std::string>().rfind("left out:", 0) == 0);
    // The double zero is in no later step.
    CHECK(j["steps"][1]["rows"].size() == 2);
    for (const auto& step : j["steps"]) {
        for (const auto& row : step["rows"]) CHECK(row["values"].size() == step["columns"].size());
    }
    const ShowWorking none = show_working(analyze_text("", Options{}));
    CHECK_FALSE(none.ok());
    CHECK(nlohmann::json::parse(working_json(none))["steps"].empty());
}
