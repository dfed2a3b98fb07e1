// What every reference-fixture test needs: reading a committed fixture
// (tests/fixtures/*.json, made by the R scripts beside them), the values R
// wrote as null, and the one agreement rule of the project: 1e-6 relative,
// 1e-10 absolute near zero.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "input/table.hpp"
#include "model/options.hpp"

namespace metapool::test {

constexpr double kRelTol = 1e-6;
constexpr double kAbsTol = 1e-10;

// The parsed fixture file tests/fixtures/<file>; a missing file fails the test.
inline nlohmann::json load_fixture(const std::string& file) {
    std::ifstream in(std::string(METAPOOL_FIXTURE_DIR) + "/" + file);
    REQUIRE(in.good());
    std::stringstream buf;
    buf << in.rdbuf();
    return nlohmann::json::parse(buf.str());
}

// tests/fixtures/<file>, read and parsed once for all the tests that use it.
inline const nlohmann::json& fixture(const std::string& file) {
    static std::map<std::string, nlohmann::json> read;
    auto it = read.find(file);
    if (it == read.end()) it = read.emplace(file, load_fixture(file)).first;
    return it->second;
}

// A number from the fixture; JSON null (R's NA, NaN or Inf) and a missing key read as NaN.
inline double number(const nlohmann::json& v) { return v.is_null() ? std::nan("") : v.get<double>(); }
inline double number(const nlohmann::json& j, const char* key) {
    return j.contains(key) ? number(j[key]) : std::nan("");
}
// Element i of a fixture column (an R vector written as an array).
inline double at(const nlohmann::json& column, std::size_t i) {
    return column.is_array() && i < column.size() ? number(column[i]) : std::nan("");
}

// JSON has no infinities, so R's Inf was written as null: a statistic the
// reference could not give (null) matches NaN or an infinity on our side.
inline bool agrees(double ours, double theirs) {
    if (std::isnan(theirs)) return std::isnan(ours) || std::isinf(ours);
    if (std::isinf(theirs)) return ours == theirs;
    return std::fabs(ours - theirs) <= kRelTol * std::max(std::fabs(ours), std::fabs(theirs)) + kAbsTol;
}

// Fixture limits are on the analysis scale (log for ratios); the core reports
// ratios on the natural scale.
inline double analysis_scale(double x, Measure m) { return m == Measure::RD ? x : std::log(x); }

// A table of counts {e1, n1, e2, n2} labelled S1, S2, ... on lines 1, 2, ...
// How many CHECK_AGREES ran (a test may print it to show what it covered).
inline long& agreement_checks() {
    static long n = 0;
    return n;
}

inline ParsedTable table_of(const std::vector<std::vector<double>>& rows) {
    ParsedTable t;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        StudyRow r;
        r.label = "S" + std::to_string(i + 1);
        r.e1 = rows[i][0];
        r.n1 = rows[i][1];
        r.e2 = rows[i][2];
        r.n2 = rows[i][3];
        r.line = static_cast<int>(i) + 1;
        t.rows.push_back(r);
    }
    return t;
}

}  // namespace metapool::test

// Checks one statistic; `context` (a string or stream-able value naming the
// case) must be in scope. `what` may be a stream expression.
#define CHECK_AGREES(what, ours, theirs)                                                      \
    do {                                                                                      \
        const double o_ = (ours), t_ = (theirs);                                              \
        INFO(context << ": " << what << ": metapool " << o_ << " reference " << t_);           \
        CHECK(::metapool::test::agrees(o_, t_));                                              \
        ++::metapool::test::agreement_checks();                                               \
    } while (0)
