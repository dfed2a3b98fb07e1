// decimal_format: the same text as the C library's snprintf (and strtod for
// the JSON rule) on random doubles of every kind, on ties, and on the edges
// of the exact fast paths.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "output/decimal_format.hpp"
#include "output/json_writer.hpp"

namespace {

std::string c_fixed(double x, int d) {
    char b[400];
    std::snprintf(b, sizeof b, "%.*f", d, x);
    return b;
}

std::string c_general(double x, int p) {
    char b[400];
    std::snprintf(b, sizeof b, "%.*g", p, x);
    return b;
}

std::string c_json(double x) {
    char b[40];
    std::snprintf(b, sizeof b, "%.15g", x);
    if (std::strtod(b, nullptr) != x) std::snprintf(b, sizeof b, "%.17g", x);
    return b;
}

int mismatches = 0;

void check_all(double x, int d, int p) {
    const std::string f = metapool::printf_fixed(x, d), g = metapool::printf_general(x, p);
    if (f != c_fixed(x, d) && ++mismatches <= 10) {
        FAIL_CHECK("printf_fixed(" << std::hexfloat << x << ", " << d << ") = " << f << ", snprintf " << c_fixed(x, d));
    }
    // The plots append the same text after what they hold.
    std::string fixed_appended = "x=\"";
    metapool::append_printf_fixed(fixed_appended, x, d);
    if (fixed_appended != "x=\"" + c_fixed(x, d) && ++mismatches <= 10) {
        FAIL_CHECK("append_printf_fixed(" << std::hexfloat << x << ", " << d << ") appended " << fixed_appended
                                          << ", snprintf " << c_fixed(x, d));
    }
    // fixed_digits: the same digits as one integer (no sign, no point, no
    // leading zeros), wherever it gives them.
    std::uint64_t q;
    if (metapool::fixed_digits(x, d, q)) {
        std::string digits;
        for (char c : c_fixed(x, d)) {
            if (c >= '0' && c <= '9' && !(c == '0' && digits.empty())) digits += c;
        }
        if (digits.empty()) digits = "0";
        if (std::to_string(q) != digits && ++mismatches <= 10) {
            FAIL_CHECK("fixed_digits(" << std::hexfloat << x << ", " << d << ") = " << q << ", snprintf " << c_fixed(x, d));
        }
    } else if ((x == 0 || (std::fabs(x) > 1e-200 && std::fabs(x) < 1e15)) && d <= 3 && ++mismatches <= 10) {
        FAIL_CHECK("fixed_digits(" << std::hexfloat << x << ", " << d << ") gave no digits");  // the plots' range
    }
    if (g != c_general(x, p) && ++mismatches <= 10) {
        FAIL_CHECK("printf_general(" << std::hexfloat << x << ", " << p << ") = " << g << ", snprintf " << c_general(x, p));
    }
    if (std::isfinite(x) && x != 0) {
        const std::string j = metapool::shortest_15_or_17(x);
        if (j != c_json(x) && ++mismatches <= 10) {
            FAIL_CHECK("shortest_15_or_17(" << std::hexfloat << x << ") = " << j << ", snprintf " << c_json(x));
        }
        // The JSON writer appends the same text after what it holds.
        std::string appended = "[1,";
        metapool::append_shortest_15_or_17(appended, x);
        if (appended != "[1," + c_json(x) && ++mismatches <= 10) {
            FAIL_CHECK("append_shortest_15_or_17(" << std::hexfloat << x << ") appended " << appended << ", snprintf "
                                                   << c_json(x));
        }
    }
}

}  // namespace

TEST_CASE("decimal_format: the same text as snprintf, random doubles of every kind") {
    mismatches = 0;
    std::mt19937_64 rng(20261125);
    std::uniform_real_distribution<double> u(-1, 1);
    for (long i = 0; i < 300000; ++i) {
        double x;
        switch (i % 7) {
            case 0: {  // any bit pattern
                const std::uint64_t b = rng();
                std::memcpy(&x, &b, sizeof x);
                break;
            }
            case 1: x = u(rng); break;
            case 2: x = std::exp(u(rng) * 60); break;
            case 3: x = std::round(u(rng) * 1e6) / 1000; break;                                // decimal ties
            case 4: x = std::ldexp(std::round(u(rng) * 4096), -static_cast<int>(rng() % 20)); break;  // binary ties
            case 5: x = u(rng) * std::pow(10.0, static_cast<int>(rng() % 50) - 25); break;
            default: x = std::nextafter(std::pow(10.0, static_cast<int>(rng() % 40) - 20), u(rng) > 0 ? 1e300 : 0.0); break;
        }
        check_all(x, static_cast<int>(rng() % 24), 1 + static_cast<int>(rng() % 17));
    }
    CHECK(mismatches == 0);
}

// Whole numbers (counts) take a path of their own in the JSON rule: every
// one from 1 to 100,000, random ones of every size up to and beyond 10^15
// (where %.15g starts to round), both signs, and their neighbouring doubles.
TEST_CASE("decimal_format: whole numbers, the same text as snprintf") {
    mismatches = 0;
    for (int i = 1; i <= 100000; ++i) check_all(i, i % 24, 1 + i % 17), check_all(-i, i % 24, 1 + i % 17);
    std::mt19937_64 rng(20261206);
    for (int i = 0; i < 200000; ++i) {
        const double whole = std::floor(std::ldexp(static_cast<double>(rng() >> 11), -static_cast<int>(rng() % 54)));
        const double x = i % 2 ? -whole : whole;
        check_all(x, i % 24, 1 + i % 17);
        check_all(std::nextafter(x, 1e300), i % 24, 1 + i % 17);
        check_all(std::nextafter(x, -1e300), i % 24, 1 + i % 17);
    }
    for (double x : {999999999999999.0, 1e15, 1e15 + 2, 1e15 - 0.5, 9007199254740992.0, 9007199254740994.0, 1.0, 0.9999999999999999}) {
        check_all(x, 3, 15);
        check_all(-x, 3, 15);
    }
    CHECK(mismatches == 0);
}

TEST_CASE("decimal_format: edges") {
    mismatches = 0;
    const double inf = std::numeric_limits<double>::infinity();
    const double specials[] = {0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 1.5, 2.5,
                               -2.5, 0.125, 0.375, 1e15, 1e16, 1e17, 9007199254740993.0, 9.5, 0.05, 0.15, 0.25, 1e-5,
                               1e-4, 9.9999999999999995e-5, 0.1, 0.2, 0.3, 1e22, 1e23, 9223372036854775807.0,
                               123456789012345678.0, 4503599627370495.5, 4503599627370497.0, inf, -inf,
                               std::numeric_limits<double>::quiet_NaN()};
    for (double x : specials) {
        for (int d = 0; d <= 30; ++d) check_all(x, d, 1 + d % 17);
    }
    CHECK(mismatches == 0);
    // The JSON writer's numbers.
    CHECK(metapool::format_number(0.1) == "0.1");
    CHECK(metapool::format_number(1.0 / 3) == "0.33333333333333331");
    CHECK(metapool::format_number(-2.5e-7) == "-2.5e-07");
    CHECK(metapool::format_number(1e21) == "1e+21");
    CHECK(metapool::format_number(-0.0) == "0");
    CHECK(metapool::format_number(inf) == "null");
    // The writer's own numbers (appended in place) are format_number's.
    metapool::JsonWriter w(16);
    w.begin_array().value(0.1).value(-0.0).value(inf).value(std::nan("")).value(1.0 / 3).value(-2.5e-7).value(1e21)
        .end_array();
    CHECK(w.take() == "[0.1,0,null,null,0.33333333333333331,-2.5e-07,1e+21]");
}
