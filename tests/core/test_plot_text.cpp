// plot_text: the numbers every plot prints, as the rules in plot_text.hpp
// state them in terms of snprintf ("%.*f", "%.*g"), on random values of
// every size and sign, on ties, and appended after text already held.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "plots/plot_text.hpp"

namespace {

std::string c_format(const char* format, int digits, double x) {
    char b[400];
    std::snprintf(b, sizeof b, format, digits, x);
    return b;
}

// "%.*f" without a minus sign before nothing but zeros.
std::string ref_fixed(double x, int d) {
    std::string s = c_format("%.*f", d, x);
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

// "%.2f", then the trailing zeros after the point and a bare point dropped.
std::string ref_coordinate(double x) {
    std::string s = ref_fixed(x, 2);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string ref_value(double x) {
    if (!std::isfinite(x)) return "NA";
    const double ax = std::fabs(x);
    if (ax != 0 && ax < 1e-10) return c_format("%.*g", 2, x);
    if (ax != 0 && ax < 0.005) return ref_fixed(x, std::min(12, 1 - static_cast<int>(std::floor(std::log10(ax)))));
    if (ax >= 1e6) return c_format("%.*g", 3, x);
    return ref_fixed(x, 2);
}

int mismatches = 0;

void expect(const std::string& what, const std::string& got, const std::string& want) {
    if (got != want && ++mismatches <= 10) FAIL_CHECK(what << " = " << got << ", expected " << want);
}

void check_value(double x, int d) {
    using namespace metapool::plot_text;
    char name[64];
    std::snprintf(name, sizeof name, "%a, %d", x, d);
    expect(std::string("fixed(") + name + ")", fixed(x, d), ref_fixed(x, d));
    expect(std::string("coordinate(") + name + ")", coordinate(x), ref_coordinate(x));
    expect(std::string("value_text(") + name + ")", value_text(x), ref_value(x));
    std::string out = "<text x=\"";
    append_fixed(out, x, d);
    expect(std::string("append_fixed(") + name + ")", out, "<text x=\"" + ref_fixed(x, d));
    out = "M";
    append_coordinate(out, x);
    expect(std::string("append_coordinate(") + name + ")", out, "M" + ref_coordinate(x));
    out = "[";
    append_value_text(out, x);
    expect(std::string("append_value_text(") + name + ")", out, "[" + ref_value(x));
}

}  // namespace

TEST_CASE("plot_text: numbers as snprintf writes them, random values and ties") {
    mismatches = 0;
    std::mt19937_64 rng(20261206);
    std::uniform_real_distribution<double> u(-1, 1);
    for (int i = 0; i < 200000; ++i) {
        double x;
        switch (i % 6) {
            case 0: x = u(rng) * 1000; break;                                  // pixels
            case 1: x = std::round(u(rng) * 1e6) / 1000; break;                 // decimal ties (x.xx5)
            case 2: x = std::ldexp(std::round(u(rng) * 4096), -static_cast<int>(rng() % 12)); break;  // binary ties
            case 3: x = std::exp(u(rng) * 40); break;                          // ratios, large and small
            case 4: x = u(rng) * std::pow(10.0, static_cast<int>(rng() % 40) - 20); break;
            default: x = -std::fabs(u(rng)) * 0.01; break;                     // small negatives: "-0.00"
        }
        check_value(x, static_cast<int>(rng() % 13));
    }
    CHECK(mismatches == 0);
}

TEST_CASE("plot_text: edges") {
    mismatches = 0;
    const double inf = std::numeric_limits<double>::infinity();
    for (double x : {0.0, -0.0, 0.005, -0.005, 0.004999, 0.125, 0.375, -0.375, 2.5, 1e-11, -1e-11, 999999.995, 1e6, 1e300,
                     -1e300, 5e-324, inf, -inf, std::numeric_limits<double>::quiet_NaN()}) {
        for (int d = 0; d <= 12; ++d) check_value(x, d);
    }
    CHECK(mismatches == 0);
    using namespace metapool::plot_text;
    CHECK(coordinate(-0.001) == "0");
    CHECK(coordinate(380.5) == "380.5");
    CHECK(coordinate(620) == "620");
    CHECK(fixed(-0.0004, 3) == "0.000");
    CHECK(estimate_text(0.8621517, 0.6610234, 1.1244769, true) == "0.86 [0.66, 1.12]");
    CHECK(estimate_text(-0.0123, -0.015, -0.009, false) == "-0.012 [-0.015, -0.009]");
    std::string out = "<text>";
    append_estimate_text(out, 0.002, 0.0001, 1234567.0, true);
    CHECK(out == "<text>0.0020 [0.00010, 1.23e+06]");
    out = "[";
    append_interval_text(out, -0.05, 0.026, false);
    CHECK(out == "[[-0.05, 0.03]");
}
