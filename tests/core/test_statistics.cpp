// Checks of the statistics that need no metafor: published formulas worked by
// hand, convergence of the iterative estimators on many random data sets,
// and invariants every analysis must satisfy.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "pooling/continuity_correction.hpp"
#include "pooling/inverse_variance.hpp"
#include "pooling/tau2_estimators.hpp"

using namespace metapool;
using Catch::Matchers::WithinRel;

namespace {

std::string table_text(const std::vector<std::vector<int>>& rows) {
    std::string text = "study,e1,n1,e2,n2\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        text += "S" + std::to_string(i + 1);
        for (int x : rows[i]) text += "," + std::to_string(x);
        text += "\n";
    }
    return text;
}

std::vector<std::vector<int>> random_tables(std::mt19937_64& rng, int k) {
    std::uniform_int_distribution<int> size(20, 200);
    std::uniform_real_distribution<double> risk(0.05, 0.5);
    std::vector<std::vector<int>> rows;
    for (int i = 0; i < k; ++i) {
        const int n1 = size(rng), n2 = size(rng);
        std::binomial_distribution<int> b1(n1, risk(rng)), b2(n2, risk(rng));
        rows.push_back({b1(rng), n1, b2(rng), n2});
    }
    return rows;
}

}  // namespace

TEST_CASE("treatment-arm continuity correction follows Sweeting, Sutton & Lambert (2004)") {
    // Arms of 30 and 90: the corrections are 2 * 0.5 * 30/120 = 0.25 and 0.75.
    Options o;
    o.cc_treatment_arm = true;
    std::vector<char> corrected;
    const std::vector<Cells> out = apply_continuity_correction({Cells{0, 30, 5, 85}, Cells{3, 27, 5, 85}},
                                                               {true, true}, o, corrected);
    CHECK(out[0].a == 0.25);
    CHECK(out[0].b == 30.25);
    CHECK(out[0].c == 5.75);
    CHECK(out[0].d == 85.75);
    CHECK(corrected[0]);
    CHECK_FALSE(corrected[1]);
    CHECK(out[1].a == 3);
}

TEST_CASE("if0all corrects every study when one has a zero cell, but not for a dropped double zero") {
    Options o;
    o.cc_to = CcTo::If0All;
    std::vector<char> corrected;
    apply_continuity_correction({Cells{0, 10, 0, 10}, Cells{2, 8, 3, 7}}, {false, true}, o, corrected);
    CHECK_FALSE(corrected[1]);
    apply_continuity_correction({Cells{0, 10, 1, 9}, Cells{2, 8, 3, 7}}, {true, true}, o, corrected);
    CHECK(corrected[0]);
    CHECK(corrected[1]);
}

TEST_CASE("REML and ML solve their score equations; PM solves Q(tau2) = k - 1") {
    std::mt19937_64 rng(20261125);
    int positive = 0;
    for (int rep = 0; rep < 200; ++rep) {
        std::vector<double> y, v;
        std::normal_distribution<double> effect(0.0, 0.6);
        std::uniform_real_distribution<double> var(0.01, 0.5);
        for (int i = 0; i < 10; ++i) {
            v.push_back(var(rng));
            y.push_back(effect(rng) + std::sqrt(v.back()) * effect(rng));
        }
        const Tau2Estimate pm = estimate_tau2(y, v, Tau2Method::PM);
        REQUIRE(pm.converged);
        if (pm.tau2 > 0) {
            ++positive;
            CHECK_THAT(generalised_q(y, v, pm.tau2), WithinRel(9.0, 1e-9));
        } else {
            CHECK(generalised_q(y, v, 0) <= 9.0);
        }
        const Tau2Estimate reml = estimate_tau2(y, v, Tau2Method::REML);
        REQUIRE(reml.converged);
        if (reml.tau2 > 0) {
            const PooledEstimate mu = inverse_variance(y, v, reml.tau2);
            double sw = 0, sw2 = 0, sw2r2 = 0;
            for (std::size_t i = 0; i < y.size(); ++i) {
                const double w = mu.weights[i], r = y[i] - mu.y;
                sw += w; sw2 += w * w; sw2r2 += w * w * r * r;
            }
            CHECK(std::fabs(sw2r2 - sw + sw2 / sw) <= 1e-8 * sw);
        }
    }
    CHECK(positive > 50);  // the test exercised the root finder, not only the boundary
}

TEST_CASE("every tau2 estimator converges on 2,000 random k = 10 tables") {
    // metafor's Fisher scoring fails on about 1 in 200 such data sets.
    std::mt19937_64 rng(42);
    const Tau2Method methods[] = {Tau2Method::DL, Tau2Method::REML, Tau2Method::PM, Tau2Method::ML,
                                  Tau2Method::HE, Tau2Method::SJ,   Tau2Method::HS, Tau2Method::EB};
    int failures = 0;
    for (int rep = 0; rep < 2000; ++rep) {
        const std::string text = table_text(random_tables(rng, 10));
        for (Tau2Method m : methods) {
            Options o;
            o.measure = rep % 3 == 0 ? Measure::OR : rep % 3 == 1 ? Measure::RR : Measure::RD;
            o.tau2_method = m;
            const Analysis a = analyze_text(text, o);
            if (!a.random.tau2_converged || !std::isfinite(a.heterogeneity.tau2) || a.heterogeneity.tau2 < 0) {
                ++failures;
            }
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("swapping the arms inverts RR and OR and negates RD") {
    const std::string ab = table_text({{12, 100, 20, 98}, {5, 60, 9, 61}, {30, 200, 41, 190}, {0, 40, 3, 42}});
    const std::string ba = table_text({{20, 98, 12, 100}, {9, 61, 5, 60}, {41, 190, 30, 200}, {3, 42, 0, 40}});
    for (Measure m : {Measure::RR, Measure::OR, Measure::RD}) {
        for (CommonMethod method : {CommonMethod::MH, CommonMethod::IV}) {
            Options o;
            o.measure = m;
            o.method = method;
            const Analysis x = analyze_text(ab, o), y = analyze_text(ba, o);
            CHECK_THAT(x.common.y, WithinRel(-y.common.y, 1e-12));
            CHECK_THAT(x.random.y, WithinRel(-y.random.y, 1e-9));
            CHECK_THAT(x.heterogeneity.Q, WithinRel(y.heterogeneity.Q, 1e-9));
        }
    }
}

TEST_CASE("intervals contain their estimates and weights sum to 100") {
    std::mt19937_64 rng(7);
    for (int rep = 0; rep < 100; ++rep) {
        Options o;
        o.hksj = rep % 2 == 0;
        const Analysis a = analyze_text(table_text(random_tables(rng, 8)), o);
        REQUIRE(a.ok());
        CHECK(a.common.ci_lower <= a.common.estimate);
        CHECK(a.common.estimate <= a.common.ci_upper);
        CHECK(a.random.ci_lower <= a.random.estimate);
        CHECK(a.random.estimate <= a.random.ci_upper);
        CHECK(a.random.pi_lower <= a.random.ci_lower);
        CHECK(a.random.ci_upper <= a.random.pi_upper);
        CHECK(a.heterogeneity.tau2_ci_lower <= a.heterogeneity.tau2_ci_upper);
        double wc = 0, wr = 0;
        for (const StudyResult& s : a.studies) {
            if (s.included) wc += s.weight_common;
            if (!std::isnan(s.weight_random)) wr += s.weight_random;
        }
        CHECK_THAT(wc, WithinRel(100.0, 1e-12));
        CHECK_THAT(wr, WithinRel(100.0, 1e-12));
    }
}

TEST_CASE("double-zero studies are left out of RR and OR by default, kept for RD") {
    const std::string text = table_text({{0, 50, 0, 50}, {4, 50, 9, 50}, {6, 70, 12, 70}});
    Options o;
    const Analysis rr = analyze_text(text, o);
    CHECK(rr.k == 2);
    CHECK_FALSE(rr.studies[0].included);
    CHECK(rr.studies[0].excluded_reason.find("double zero") != std::string::npos);
    o.measure = Measure::RD;
    const Analysis rd = analyze_text(text, o);
    CHECK(rd.k == 3);
    CHECK(rd.studies[0].included);
    o.measure = Measure::RR;
    o.drop00 = Drop00::No;
    CHECK(analyze_text(text, o).k == 3);
}

TEST_CASE("Peto's method needs OR, and no valid rows is an error") {
    Options o;
    o.method = CommonMethod::PETO;
    const Analysis a = analyze_text("A,1,10,2,10\nB,2,10,3,10\n", o);
    CHECK_FALSE(a.ok());
    CHECK(message_of(a.problem).find("odds ratios only") != std::string::npos);
    const Analysis empty = analyze_text("", Options{});
    CHECK_FALSE(empty.ok());
    CHECK(message_of(empty.problem).find("no valid study rows") != std::string::npos);
}

TEST_CASE("one study: heterogeneity follows metafor's k = 1 conventions") {
    const Analysis a = analyze_text("A,12,100,20,98\n", Options{});
    REQUIRE(a.ok());
    CHECK(a.k == 1);
    CHECK(a.heterogeneity.Q == 0);
    CHECK(a.heterogeneity.p == 1);
    CHECK(a.heterogeneity.tau2 == 0);
    CHECK(std::isnan(a.random.pi_lower));
    CHECK_THAT(a.random.y, WithinRel(a.studies[0].y, 1e-12));
}

TEST_CASE("a study with zero sampling variance is left out of the inverse-variance analyses") {
    // RD without continuity correction: no events in either arm gives v = 0.
    Options o;
    o.measure = Measure::RD;
    o.cc_to = CcTo::None;
    const Analysis a = analyze_text(table_text({{0, 50, 0, 40}, {4, 50, 9, 50}, {6, 70, 12, 70}}), o);
    REQUIRE(a.ok());
    CHECK(a.k == 3);  // the Mantel-Haenszel RD still uses the table
    CHECK(a.random.k == 2);
    CHECK(std::isnan(a.studies[0].y));
    CHECK(std::isnan(a.studies[0].weight_random));
    CHECK(a.studies[0].excluded_reason.find("not estimable") != std::string::npos);
    CHECK(a.heterogeneity.df == 1);
}

TEST_CASE("variances spanning 20 orders of magnitude give a finite, non-negative tau2") {
    // Found by the fuzzer: a study with 9e15 participants made the DerSimonian-
    // Laird denominator sum w - sum w^2 / sum w cancel to a negative number.
    const std::string text = "A,5,5,7,7\nB,12,100,20,98\nC,0,5000740992,1,9007199254740992\nD,3,40,9,41\n";
    for (Tau2Method m : {Tau2Method::DL, Tau2Method::REML, Tau2Method::PM, Tau2Method::SJ}) {
        Options o;
        o.measure = Measure::RD;
        o.method = CommonMethod::IV;
        o.tau2_method = m;
        const Analysis a = analyze_text(text, o);
        REQUIRE(a.ok());
        CHECK(a.heterogeneity.tau2 >= 0);
        CHECK(std::isfinite(a.heterogeneity.tau2));
        CHECK(std::isfinite(a.random.y));
        CHECK(a.heterogeneity.I2_ci_lower >= 0);
    }
}

TEST_CASE("weight_spread equals sum w - sum w^2 / sum w where no cancellation occurs") {
    const std::vector<double> v = {0.1, 0.2, 0.5, 0.05};
    double sw = 0, sw2 = 0;
    for (double x : v) { sw += 1 / x; sw2 += 1 / (x * x); }
    CHECK_THAT(weight_spread(v), WithinRel(sw - sw2 / sw, 1e-14));
}
