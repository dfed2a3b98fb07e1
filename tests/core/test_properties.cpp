// Property tests over many data sets and every option combination (the
// others - intervals contain estimates, weights sum to 100, arm swap,
// tau2 >= 0 - are in test_statistics.cpp):
//   * permuting the studies changes nothing: every pooled number, and every
//     study's own numbers (matched by label), agree to 1e-12;
//   * every number is finite, or the study is reported as left out with a
//     reason, or the pooled value is missing with a warning saying why.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "fixture_support.hpp"

using namespace metapool;
using test::table_of;

namespace {

const std::vector<std::vector<double>> kBcg = {
    {4, 123, 11, 139},      {6, 306, 29, 303},       {3, 231, 11, 220},     {62, 13598, 248, 12867},
    {33, 5069, 47, 5808},   {180, 1541, 372, 1451},  {8, 2545, 10, 629},    {505, 88391, 499, 88391},
    {29, 7499, 45, 7277},   {17, 1716, 65, 1665},    {186, 50634, 141, 27338}, {5, 2498, 3, 2341},
    {27, 16913, 29, 17854}};

// Random tables of every awkward kind: zero cells, double zeros (no events or
// all events), arms of 1, rare and common events, very unequal arms.
std::vector<std::vector<double>> random_rows(std::mt19937_64& rng, int k) {
    std::uniform_int_distribution<int> kind(0, 9);
    std::uniform_int_distribution<int> small(1, 8);
    std::uniform_int_distribution<int> size(10, 400);
    std::uniform_real_distribution<double> risk(0.01, 0.6);
    std::vector<std::vector<double>> rows;
    for (int i = 0; i < k; ++i) {
        const int n1 = kind(rng) == 0 ? small(rng) : size(rng) * (kind(rng) == 1 ? 100 : 1);
        const int n2 = kind(rng) == 0 ? small(rng) : size(rng);
        std::binomial_distribution<int> b1(n1, risk(rng));
        std::binomial_distribution<int> b2(n2, risk(rng));
        int e1 = b1(rng);
        int e2 = b2(rng);
        switch (kind(rng)) {
            case 0: e1 = 0; break;
            case 1: e1 = e2 = 0; break;
            case 2: e1 = n1; e2 = n2; break;
            case 3: e2 = n2; break;
            default: break;
        }
        rows.push_back({double(e1), double(n1), double(e2), double(n2)});
    }
    return rows;
}

std::vector<std::vector<std::vector<double>>> data_sets() {
    std::vector<std::vector<std::vector<double>>> sets = {
        kBcg,
        {{0, 10, 3, 10}, {2, 10, 3, 10}, {0, 10, 0, 10}, {10, 10, 10, 10}, {1, 10, 2, 10}},
        {{0, 50, 0, 50}, {1, 50, 0, 50}, {0, 50, 1, 50}},
        {{1, 2, 1, 2}, {1, 1, 0, 1}, {3, 5, 2, 4}},
        {{5, 100, 5, 100}, {5, 100, 5, 100}, {5, 100, 5, 100}},  // no heterogeneity at all
        {{1, 1000000, 3, 1000000}, {2, 3, 1, 3}, {400, 1000, 100, 1000}},
    };
    std::mt19937_64 rng(5);
    for (int k : {2, 3, 4, 6, 9, 14, 25, 40}) {
        for (int rep = 0; rep < 3; ++rep) sets.push_back(random_rows(rng, k));
    }
    return sets;
}

std::vector<Options> option_grid() {
    std::vector<Options> grid;
    for (Measure m : {Measure::RR, Measure::OR, Measure::RD}) {
        for (CommonMethod c : {CommonMethod::MH, CommonMethod::IV, CommonMethod::PETO}) {
            if (c == CommonMethod::PETO && m != Measure::OR) continue;
            for (Tau2Method t : {Tau2Method::DL, Tau2Method::REML, Tau2Method::PM, Tau2Method::ML, Tau2Method::HE,
                                 Tau2Method::SJ, Tau2Method::HS, Tau2Method::EB}) {
                for (int variant = 0; variant < 4; ++variant) {
                    Options o;
                    o.measure = m;
                    o.method = c;
                    o.tau2_method = t;
                    o.hksj = variant % 2 == 1;
                    o.cc_to = variant < 2 ? CcTo::Only0 : (t == Tau2Method::DL ? CcTo::None : CcTo::If0All);
                    o.cc_treatment_arm = variant == 3 && t == Tau2Method::REML;
                    o.drop00 = variant == 2 && m != Measure::RD ? Drop00::No : Drop00::Auto;
                    o.leave_one_out = t == Tau2Method::REML;
                    grid.push_back(o);
                }
            }
        }
    }
    return grid;
}

std::string describe(const ParsedTable& t) {
    std::ostringstream out;
    out.precision(17);
    for (const auto& r : t.rows) out << r.label << "," << r.e1 << "," << r.n1 << "," << r.e2 << "," << r.n2 << "; ";
    return out.str();
}

std::string describe(const Options& o) {
    return to_string(o.measure) + " " + to_string(o.method) + " " + to_string(o.tau2_method) +
           (o.hksj ? " hksj" : "") + " cc_to=" + to_string(o.cc_to) + (o.cc_treatment_arm ? " tacc" : "") +
           (o.drop00 == Drop00::No ? " drop00=no" : "");
}

// Equal to 1e-12 (relative, or absolute near zero); NaN equals NaN and
// infinities equal themselves.
bool same(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b)) return a == b;
    return std::fabs(a - b) <= 1e-12 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

// All pooled numbers of an analysis, named.
std::vector<std::pair<std::string, double>> pooled_numbers(const Analysis& a) {
    const CommonEffect& c = a.common;
    const RandomEffects& r = a.random;
    const Heterogeneity& h = a.heterogeneity;
    std::vector<std::pair<std::string, double>> v = {
        {"k", a.k}, {"total_participants", a.total_participants},
        {"common.y", c.y}, {"common.se", c.se}, {"common.estimate", c.estimate},
        {"common.ci_lower", c.ci_lower}, {"common.ci_upper", c.ci_upper}, {"common.z", c.z}, {"common.p", c.p},
        {"random.k", r.k}, {"random.y", r.y}, {"random.se", r.se}, {"random.estimate", r.estimate},
        {"random.ci_lower", r.ci_lower}, {"random.ci_upper", r.ci_upper}, {"random.z", r.z}, {"random.df", r.df},
        {"random.p", r.p}, {"random.pi_lower", r.pi_lower}, {"random.pi_upper", r.pi_upper},
        {"random.tau2_converged", r.tau2_converged ? 1 : 0},
        {"Q", h.Q}, {"Q.df", h.df}, {"Q.p", h.p}, {"I2", h.I2}, {"H2", h.H2}, {"tau2", h.tau2}, {"tau", h.tau},
        {"tau2_ci_lower", h.tau2_ci_lower}, {"tau2_ci_upper", h.tau2_ci_upper}, {"I2_ci_lower", h.I2_ci_lower},
        {"I2_ci_upper", h.I2_ci_upper}, {"H2_ci_lower", h.H2_ci_lower}, {"H2_ci_upper", h.H2_ci_upper},
        {"control_risk", a.absolute.control_risk},
    };
    for (const auto& [name, e] : {std::pair<std::string, const AbsoluteEffect*>{"absolute.common", &a.absolute.common},
                                  {"absolute.random", &a.absolute.random}}) {
        const double xs[] = {e->risk_per_1000, e->risk_per_1000_lower, e->risk_per_1000_upper,
                             e->difference_per_1000, e->difference_per_1000_lower, e->difference_per_1000_upper,
                             e->nnt, e->nnt_lower, e->nnt_upper, e->nnt_ci_crosses_infinity ? 1.0 : 0.0};
        for (std::size_t i = 0; i < std::size(xs); ++i) v.push_back({name + "[" + std::to_string(i) + "]", xs[i]});
    }
    return v;
}

std::vector<std::pair<std::string, double>> study_numbers(const StudyResult& s) {
    return {{"y", s.y}, {"v", s.v}, {"se", s.se}, {"estimate", s.estimate}, {"ci_lower", s.ci_lower},
            {"ci_upper", s.ci_upper}, {"weight_common", s.weight_common}, {"weight_random", s.weight_random},
            {"a", s.a}, {"b", s.b}, {"c", s.c}, {"d", s.d}, {"included", s.included ? 1.0 : 0.0},
            {"corrected", s.corrected ? 1.0 : 0.0}};
}

std::vector<std::pair<std::string, double>> step_numbers(const SensitivityStep& s) {
    return {{"k", s.k}, {"common_estimate", s.common_estimate}, {"common_ci_lower", s.common_ci_lower},
            {"common_ci_upper", s.common_ci_upper}, {"common_p", s.common_p}, {"random_estimate", s.random_estimate},
            {"random_ci_lower", s.random_ci_lower}, {"random_ci_upper", s.random_ci_upper}, {"random_p", s.random_p},
            {"tau2", s.tau2}, {"Q", s.Q}, {"Q_p", s.Q_p}, {"I2", s.I2}};
}

// The first difference between two analyses of the same studies in two
// orders, or "" when they agree.
std::string difference(const Analysis& a, const Analysis& b) {
    std::ostringstream out;
    out.precision(17);
    const auto pa = pooled_numbers(a);
    const auto pb = pooled_numbers(b);
    for (std::size_t i = 0; i < pa.size(); ++i) {
        if (!same(pa[i].second, pb[i].second)) {
            out << pa[i].first << ": " << pa[i].second << " vs " << pb[i].second;
            return out.str();
        }
    }
    if (a.ok() != b.ok() || message_of(a.problem) != message_of(b.problem)) return "ok/error";
    std::vector<std::string> wa = a.warnings;
    std::vector<std::string> wb = b.warnings;
    std::sort(wa.begin(), wa.end());
    std::sort(wb.begin(), wb.end());
    if (wa != wb) return "warnings";
    std::map<std::string, const StudyResult*> by_label;
    for (const auto& s : b.studies) by_label[s.label] = &s;
    if (a.studies.size() != b.studies.size() || by_label.size() != b.studies.size()) return "studies";
    for (const auto& s : a.studies) {
        const auto it = by_label.find(s.label);
        if (it == by_label.end()) return "study " + s.label + " missing";
        if (s.excluded_reason != it->second->excluded_reason) return "study " + s.label + " excluded_reason";
        const auto xa = study_numbers(s);
        const auto xb = study_numbers(*it->second);
        for (std::size_t i = 0; i < xa.size(); ++i) {
            if (!same(xa[i].second, xb[i].second)) {
                out << "study " << s.label << " " << xa[i].first << ": " << xa[i].second << " vs " << xb[i].second;
                return out.str();
            }
        }
    }
    std::map<std::string, const SensitivityStep*> loo;
    for (const auto& s : b.leave_one_out) loo[s.label] = &s;
    if (a.leave_one_out.size() != b.leave_one_out.size()) return "leave_one_out size";
    for (const auto& s : a.leave_one_out) {
        const auto it = loo.find(s.label);
        if (it == loo.end()) return "leave-one-out " + s.label + " missing";
        const auto xa = step_numbers(s);
        const auto xb = step_numbers(*it->second);
        for (std::size_t i = 0; i < xa.size(); ++i) {
            if (!same(xa[i].second, xb[i].second)) {
                out << "leave-one-out " << s.label << " " << xa[i].first << ": " << xa[i].second << " vs "
                    << xb[i].second;
                return out.str();
            }
        }
    }
    return "";
}

}  // namespace

TEST_CASE("permuting the studies changes no pooled number (to 1e-12) and no study's own numbers",
          "[properties]") {
    const auto sets = data_sets();
    const auto grid = option_grid();
    std::mt19937_64 rng(20260505);
    long compared = 0;
    for (std::size_t d = 0; d < sets.size(); ++d) {
        const ParsedTable table = table_of(sets[d]);
        ParsedTable reversed = table;
        std::reverse(reversed.rows.begin(), reversed.rows.end());
        ParsedTable shuffled = table;
        std::shuffle(shuffled.rows.begin(), shuffled.rows.end(), rng);
        for (const Options& o : grid) {
            const Analysis a = analyze(table, o);
            for (const ParsedTable* p : {&reversed, &shuffled}) {
                const std::string diff = difference(a, analyze(*p, o));
                INFO("data set " << d << " (k = " << table.rows.size() << "), " << describe(o));
                CHECK(diff == "");
                ++compared;
            }
        }
    }
    CHECK(compared == 13440);  // every data set x option set, reversed and shuffled
}

TEST_CASE("every number is finite, or the study is left out with a reason, or a warning says why",
          "[properties]") {
    const auto sets = data_sets();
    const auto grid = option_grid();
    long studies = 0;
    for (std::size_t d = 0; d < sets.size(); ++d) {
        const ParsedTable table = table_of(sets[d]);
        for (const Options& o : grid) {
            const Analysis a = analyze(table, o);
            INFO("data set " << d << ", " << describe(o) << ": " << describe(table));
            REQUIRE(a.studies.size() == table.rows.size());
            int random_k = 0;
            for (const StudyResult& s : a.studies) {
                INFO("study " << s.label);
                ++studies;
                for (double cell : {s.a, s.b, s.c, s.d}) CHECK((std::isfinite(cell) && cell >= 0));
                const bool estimable = std::isfinite(s.y);
                if (estimable) {
                    // An effect that exists comes with all its numbers.
                    CHECK(std::isfinite(s.v));
                    CHECK(s.v > 0);
                    CHECK(std::isfinite(s.se));
                    CHECK(std::isfinite(s.estimate));
                    CHECK(std::isfinite(s.ci_lower));
                    CHECK(std::isfinite(s.ci_upper));
                    CHECK(s.excluded_reason.empty());
                } else {
                    CHECK(std::isnan(s.y));
                    CHECK_FALSE(s.excluded_reason.empty());
                }
                if (s.included) {
                    CHECK(std::isfinite(s.weight_common));
                    CHECK(s.weight_common >= 0);
                } else {
                    CHECK_FALSE(s.excluded_reason.empty());
                    CHECK(std::isnan(s.weight_common));
                }
                if (std::isfinite(s.weight_random)) {
                    CHECK(estimable);
                    ++random_k;
                }
            }
            CHECK(a.random.k == random_k);
            if (!a.ok()) {
                CHECK_FALSE(message_of(a.problem).empty());
                continue;
            }
            if (!std::isfinite(a.common.estimate)) {
                CHECK_FALSE(a.warnings.empty());
            } else {
                for (double x : {a.common.y, a.common.se, a.common.ci_lower, a.common.ci_upper, a.common.z}) {
                    CHECK(std::isfinite(x));
                }
            }
            if (a.random.k > 0) {
                for (double x : {a.random.y, a.random.se, a.random.estimate, a.random.ci_lower, a.random.ci_upper,
                                 a.heterogeneity.tau2}) {
                    CHECK(std::isfinite(x));
                }
                CHECK(a.random.tau2_converged);
            }
            if (a.random.k >= 2 && std::isfinite(a.common.estimate)) {  // Q is centred on the common effect
                for (double x : {a.heterogeneity.Q, a.heterogeneity.I2, a.heterogeneity.H2}) CHECK(std::isfinite(x));
            }
        }
    }
    CHECK(studies == 75936);
}
