// Generalised-Q confidence intervals for tau2 (Jackson 2013: weights 1/se,
// --tau2-ci j; Biggerstaff & Jackson 2008: weights 1/v, --tau2-ci bj):
//   - the distribution of Q_a against exact chi-square cases (equal D_i:
//     a scaled chi-square(k - 1), k = 2 to 5,000, which takes both of its
//     integration rules; k = 2: one eigenvalue, any weights), deep into both
//     tails, and inside its integration-free bounds;
//   - every bound, and I2 and H2 from it, against
//     tests/fixtures/generalised_q_reference.json (made by
//     generate_generalised_q_fixtures.R: Ruben's series on metafor's GENQ
//     eigenvalues, checked against metafor's own confint(type = "GENQ")) to
//     1e-6 relative;
//   - the option: auto (the meta preset) is J with DL and QP otherwise, and
//     the JSON and the report say which interval was computed.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <nlohmann/json.hpp>

#include "analyze.hpp"
#include "fixture_support.hpp"
#include "input/example_data.hpp"
#include "model/option_registry.hpp"
#include "output/analysis_json.hpp"
#include "output/text_report.hpp"
#include "pooling/generalised_q_distribution.hpp"

using nlohmann::json;
using namespace metapool;

namespace {

double chi_squared_upper(double x, double df) {
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(df), x));
}

double chi_squared_upper_quantile(double p, double df) {
    return boost::math::quantile(boost::math::complement(boost::math::chi_squared_distribution<double>(df), p));
}

const json& reference() { return test::fixture("generalised_q_reference.json"); }

bool agrees(double ours, double theirs) {
    return std::fabs(ours - theirs) <= 1e-6 * std::max(std::fabs(ours), std::fabs(theirs)) + 1e-12;
}

}  // namespace

TEST_CASE("generalised Q distribution: a scaled chi-square when every (v_i + tau2) a_i is equal", "[generalised-q]") {
    GeneralisedQDistribution distribution;
    int checked = 0;
    for (const int k : {2, 3, 4, 5, 8, 13, 40, 100, 1000, 5000}) {
        for (const double scale : {1e-3, 0.5, 1.0, 40.0}) {
            // a_i (v_i + tau2) = scale for every study, with unequal a_i.
            std::vector<double> a, total;
            for (int i = 0; i < k; ++i) {
                a.push_back(0.5 + i);
                total.push_back(scale / a.back());
            }
            for (const double p : {1e-12, 1e-6, 1e-3, 0.025, 0.3, 0.5, 0.975, 0.999, 1 - 1e-6}) {
                const double q = scale * chi_squared_upper_quantile(p, k - 1);
                INFO("k = " << k << ", scale = " << scale << ", p = " << p);
                CHECK(std::fabs(distribution.exceedance(a, total, q) - p) < 1e-12);
                const auto [low, high] = distribution.exceedance_bounds(a, total, q);
                CHECK(std::fabs(low - p) < 1e-12);  // equal D_i: the bounds meet
                CHECK(std::fabs(high - p) < 1e-12);
                ++checked;
            }
        }
    }
    CHECK(checked == 10 * 4 * 9);
}

TEST_CASE("generalised Q distribution: two studies, one eigenvalue, any weights", "[generalised-q]") {
    // Q_a = a1 a2 / (a1 + a2) (y1 - y2)^2 with y1 - y2 ~ N(0, t1 + t2).
    GeneralisedQDistribution distribution;
    for (const auto& [a1, a2, t1, t2] : {std::array<double, 4>{1.0, 1.0, 0.2, 0.3}, {10.0, 0.1, 0.05, 3.0},
                                         {1 / 0.004, 1 / 0.34, 0.004 + 0.3, 0.34 + 0.3}, {2.0, 7.0, 1e-4, 1e-4}}) {
        const double lambda = a1 * a2 / (a1 + a2) * (t1 + t2);
        for (const double q : {1e-8, 1e-3, 0.1, 1.0, 5.0, 30.0}) {
            const double want = chi_squared_upper(q / lambda, 1);
            INFO("a = " << a1 << ", " << a2 << "; t = " << t1 << ", " << t2 << "; q = " << q);
            CHECK(std::fabs(distribution.exceedance({a1, a2}, {t1, t2}, q) - want) < 1e-12);
        }
    }
    CHECK(distribution.exceedance({1, 2}, {0.1, 0.2}, 0) == 1);
    CHECK(std::isnan(distribution.exceedance({1}, {0.1}, 1)));
    CHECK(std::isnan(distribution.exceedance({1, -2}, {0.1, 0.2}, 1)));
}

TEST_CASE("generalised Q distribution: unequal D_i stay inside the chi-square bounds and increase with tau2",
          "[generalised-q]") {
    GeneralisedQDistribution distribution;
    const std::vector<double> v = {0.34, 0.12, 0.36, 0.02, 0.05, 0.009, 0.22, 0.004, 0.056, 0.074, 0.013, 0.53, 0.071};
    std::vector<double> a;
    for (double x : v) a.push_back(1 / std::sqrt(x));
    double previous = 0;
    for (const double tau2 : {0.0, 0.01, 0.05, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0}) {
        std::vector<double> total;
        for (double x : v) total.push_back(x + tau2);
        const double p = distribution.exceedance(a, total, 23.0);
        const auto [low, high] = distribution.exceedance_bounds(a, total, 23.0);
        INFO("tau2 = " << tau2 << ": P = " << p << " in [" << low << ", " << high << "]");
        CHECK(p >= low - 1e-14);
        CHECK(p <= high + 1e-14);
        CHECK(p >= previous);
        previous = p;
    }
}

TEST_CASE("fixtures: generalised-Q intervals were made by the R reference", "[generalised-q][metafor]") {
    const json& doc = reference();
    CHECK(doc["generator"] == "tests/fixtures/generate_generalised_q_fixtures.R");
    int j = 0, bj = 0, lower_zero = 0, k2 = 0, k3 = 0, k136 = 0;
    for (const json& c : doc["cases"]) {
        j += c["tau2_ci"] == "j";
        bj += c["tau2_ci"] == "bj";
        lower_zero += c["tau2_lower"].get<double>() == 0;
        k2 += c["k"] == 2;
        k3 += c["k"] == 3;
        k136 += c["k"] == 136;  // many studies: the trapezoidal rule
    }
    CHECK(j == 45);
    CHECK(k136 == 3);
    CHECK(bj == 26);
    CHECK(lower_zero == 39);
    CHECK(k2 == 6);
    CHECK(k3 == 6);
}

TEST_CASE("generalised-Q intervals for tau2, I2 and H2 agree with the reference to 1e-6", "[generalised-q][metafor]") {
    int compared = 0;
    for (const json& c : reference()["cases"]) {
        Options o;
        REQUIRE(!set_option(o, "measure", c["measure"].get<std::string>()));
        REQUIRE(!set_option(o, "tau2-ci", c["tau2_ci"].get<std::string>()));
        o.level = c["level"].get<double>();
        const Analysis a = analyze_text(c["table"].get<std::string>(), o);
        INFO(c["name"].get<std::string>());
        REQUIRE(a.ok());
        REQUIRE(a.random.k == c["k"].get<int>());
        const Heterogeneity& h = a.heterogeneity;
        CHECK(h.tau2_ci_method == (c["tau2_ci"] == "j" ? "J" : "BJ"));
        const std::pair<const char*, double> fields[] = {
            {"tau2_lower", h.tau2_ci_lower}, {"tau2_upper", h.tau2_ci_upper}, {"I2_lower", h.I2_ci_lower},
            {"I2_upper", h.I2_ci_upper},     {"H2_lower", h.H2_ci_lower},     {"H2_upper", h.H2_ci_upper}};
        for (const auto& [name, ours] : fields) {
            const double theirs = c[name].get<double>();
            INFO(name << ": metapool " << ours << ", reference " << theirs);
            CHECK(agrees(ours, theirs));
            ++compared;
        }
    }
    CHECK(compared >= 6 * 60);
}

TEST_CASE("tau2-ci: j, bj and qp give their intervals; auto is J with DL and QP otherwise", "[generalised-q]") {
    Options o;
    REQUIRE(!set_option(o, "tau2", "DL"));
    REQUIRE(!set_option(o, "tau2-ci", "j"));
    const Analysis j = analyze_text(example_table(), o);
    CHECK(j.heterogeneity.tau2_ci_method == "J");
    CHECK(j.heterogeneity.tau2_ci_lower > 0);
    CHECK(j.heterogeneity.tau2_ci_lower < j.heterogeneity.tau2_ci_upper);
    CHECK(to_json(j).find("\"tau2_ci_method\":\"J\"") != std::string::npos);
    CHECK(text_report(j).find("(Jackson, generalised Q with weights 1/se)") != std::string::npos);
    // The interval does not depend on the tau2 estimator.
    Options reml = o;
    REQUIRE(!set_option(reml, "tau2", "REML"));
    const Analysis j_reml = analyze_text(example_table(), reml);
    CHECK(j_reml.heterogeneity.tau2_ci_lower == j.heterogeneity.tau2_ci_lower);
    CHECK(j_reml.heterogeneity.tau2_ci_upper == j.heterogeneity.tau2_ci_upper);

    Options meta;
    REQUIRE(!set_option(meta, "preset", "meta"));
    CHECK(meta.tau2_ci == Tau2Ci::Auto);
    CHECK(analyze_text(example_table(), meta).heterogeneity.tau2_ci_method == "QP");
    REQUIRE(!set_option(meta, "tau2", "DL"));
    const Analysis meta_dl = analyze_text(example_table(), meta);
    CHECK(meta_dl.heterogeneity.tau2_ci_method == "J");
    CHECK(meta_dl.heterogeneity.tau2_ci_lower == j.heterogeneity.tau2_ci_lower);

    REQUIRE(!set_option(o, "tau2-ci", "none"));
    const Analysis none = analyze_text(example_table(), o);
    CHECK(none.heterogeneity.tau2_ci_method.empty());
    CHECK(std::isnan(none.heterogeneity.tau2_ci_lower));
    CHECK(to_json(none).find("\"tau2_ci_method\":null") != std::string::npos);
    CHECK(set_option(o, "tau2-ci", "jackson"));
}
