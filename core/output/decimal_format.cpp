// See decimal_format.hpp. printf's digits are round(|x| * 10^s) for a scale
// s (the number of decimals, or precision - 1 - the decimal exponent),
// rounded exactly, ties to even. Two exact ways to get them:
//   * fast, in doubles: t = |x| * 10^s and its rounding error e (Dekker's
//     product), so |x| * 10^s = t + e exactly, whenever 10^s is a double
//     (0 <= s <= 22) and t < 2^63;
//   * otherwise |x| = m * 2^e makes |x| * 10^s a fraction of two 128-bit
//     integers (where the compiler has them); beyond that, snprintf.
// Whether "%.15g" reads back as x is Clinger's test: the 15 digits q and
// 10^s are doubles, so q / 10^s correctly rounded (one IEEE division) is
// what strtod returns for them.
#include "output/decimal_format.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

// Dekker's product must not be contracted into fused multiply-adds.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

namespace metapool {

namespace {

using u64 = std::uint64_t;

constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr double kTwo63 = 9223372036854775808.0;

// a * b = p + e exactly (Veltkamp's split and Dekker's product; no overflow
// or underflow in the ranges used here).
void exact_product(double a, double b, double& p, double& e) {
    const double split = 134217729.0;  // 2^27 + 1
    const double ca = split * a, cb = split * b;
    const double ah = ca - (ca - a), al = a - ah;
    const double bh = cb - (cb - b), bl = b - bh;
    p = a * b;
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

// round(x * 10^s) for x > 0 finite, ties to even, in doubles; false when
// outside the fast range.
bool fast_scaled(double x, int s, u64& q) {
    if (s < 0 || s > 22) return false;
    double t, e;
    exact_product(x, kPow10[s], t, e);
    if (!(t < kTwo63) || !std::isfinite(e)) return false;
    if (x < 1e-280) return false;  // keep clear of underflow in the product's error
    const double f = std::floor(t);
    bool up;
    if (t < 4503599627370496.0) {  // 2^52: t may have a fraction, a multiple of its ulp
        const double d = (t - f) - 0.5;  // exact
        if (d != 0) up = d > 0;                        // |e| < ulp(t) <= |d|
        else up = e > 0 || (e == 0 && std::fmod(f, 2) != 0);
        q = static_cast<u64>(f) + (up ? 1 : 0);
        return true;
    }
    // t is an integer; round e (|e| <= ulp(t) / 2) to an integer.
    const double fe = std::floor(e);
    const double d = (e - fe) - 0.5;  // exact: e is a small multiple of a power of two
    const u64 base = static_cast<u64>(t);
    const long long whole = static_cast<long long>(fe);
    if (d != 0) up = d > 0;
    else up = ((base + static_cast<u64>(whole)) & 1) != 0;
    q = base + static_cast<u64>(whole) + (up ? 1 : 0);
    return true;
}

// Writes v with at least min_digits digits (leading zeros) at p; returns the end.
// The zeros go straight to p: min_digits can exceed the 20 digits of a u64
// (a fraction printed with many decimals), which overflowed a local buffer
// (found by `make test-sanitize`).
char* put_u64(char* p, u64 v, int min_digits) {
    char buf[20];  // 2^64 - 1 has 20 digits
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    } while (v != 0);
    for (int zeros = min_digits - n; zeros > 0; --zeros) *p++ = '0';
    while (n > 0) *p++ = buf[--n];
    return p;
}

#if defined(__SIZEOF_INT128__)

__extension__ typedef unsigned __int128 u128;  // GCC and clang

// x = m * 2^e, x finite and > 0.
void decompose(double x, u64& m, int& e) {
    u64 bits;
    std::memcpy(&bits, &x, sizeof bits);
    const int biased = static_cast<int>((bits >> 52) & 0x7FF);
    const u64 fraction = bits & ((u64{1} << 52) - 1);
    if (biased == 0) {  // subnormal
        m = fraction;
        e = -1074;
    } else {
        m = fraction | (u64{1} << 52);
        e = biased - 1075;
    }
}

// v *= 2^n * 10^k (n, k >= 0) without overflow.
bool scale(u128& v, int n, int k) {
    if (k > 38) return false;
    u128 p = 1;
    for (int i = 0; i < k; ++i) p *= 10;
    if (__builtin_mul_overflow(v, p, &v)) return false;
    if (n >= 127) return v == 0;
    if (n > 0 && (v >> (127 - n)) != 0) return false;
    v <<= n;
    return true;
}

// round(x * 10^s), ties to even, as a fraction of 128-bit integers.
bool wide_scaled(double x, int s, u64& q) {
    u64 m;
    int e;
    decompose(x, m, e);
    u128 num = m;
    u128 den = 1;
    if (!scale(num, e > 0 ? e : 0, s > 0 ? s : 0)) return false;
    if (!scale(den, e < 0 ? -e : 0, s < 0 ? -s : 0)) return false;
    u128 w = num / den;
    const u128 r = num % den;
    const u128 rest = den - r;  // compare r with den / 2 without overflow
    if (r > rest || (r == rest && (w & 1) != 0)) ++w;
    if (w >> 64) return false;
    q = static_cast<u64>(w);
    return true;
}

// Compares q * 10^-s with b * 2^g: -1, 0, 1; false when out of range.
bool compare(u128 q, int s, u128 b, int g, int& result) {
    if (!scale(q, g < 0 ? -g : 0, s < 0 ? -s : 0)) return false;
    if (!scale(b, g > 0 ? g : 0, s > 0 ? s : 0)) return false;
    result = q < b ? -1 : q > b ? 1 : 0;
    return true;
}

// Does q * 10^-s read back as x? Exactly: it does when it lies strictly
// between the midpoints to the neighbouring doubles, or on one when x's
// mantissa is even (ties to even).
bool wide_reads_back(u64 q, int s, double x, bool& result) {
    u64 m, mb, ma;
    int e, eb, ea;
    decompose(x, m, e);
    const double below = std::nextafter(x, 0.0), above = std::nextafter(x, 2 * x);
    if (!std::isfinite(above)) return false;
    decompose(above, ma, ea);
    auto midpoint = [&](u64 m2, int e2, u128& b, int& g) {
        g = e < e2 ? e : e2;
        b = (u128{m} << (e - g)) + (u128{m2} << (e2 - g));
        --g;  // (x + neighbour) / 2
    };
    u128 lo, hi;
    int glo, ghi;
    if (below > 0) {
        decompose(below, mb, eb);
        midpoint(mb, eb, lo, glo);
    } else {  // the smallest subnormal: its lower midpoint is half of it
        lo = m;
        glo = e - 1;
    }
    midpoint(ma, ea, hi, ghi);
    int c_lo, c_hi;
    if (!compare(q, s, lo, glo, c_lo) || !compare(q, s, hi, ghi, c_hi)) return false;
    const bool even = (m & 1) == 0;
    result = (c_lo > 0 || (c_lo == 0 && even)) && (c_hi < 0 || (c_hi == 0 && even));
    return true;
}

#endif  // __SIZEOF_INT128__

// round(x * 10^s), ties to even, x > 0 finite; false when it cannot be had
// exactly here (or does not fit in 64 bits).
bool scaled(double x, int s, u64& q) {
    if (fast_scaled(x, s, q)) return true;
#if defined(__SIZEOF_INT128__)
    return wide_scaled(x, s, q);
#else
    return false;
#endif
}

// The `precision` significant digits of x > 0 as an integer q of exactly
// that many digits, and the decimal exponent X of the first digit.
bool general_digits(double x, int precision, u64& q, int& X) {
    int E = static_cast<int>(std::floor(std::log10(x)));
    u64 low = 1;
    for (int i = 1; i < precision; ++i) low *= 10;
    const u64 high = low * 10;
    for (int tries = 0; tries < 4; ++tries) {
        if (!scaled(x, precision - 1 - E, q)) return false;
        if (q >= high) {
            ++E;
        } else if (q < low) {
            --E;
        } else {
            // Just below a power of ten, log10 may round up to it: then q
            // is exactly `low` here, and one more digit tells.
            if (q == low) {
                u64 q2;
                if (!scaled(x, precision - E, q2)) return false;
                if (q2 < high) {
                    q = q2;
                    --E;
                }
            }
            X = E;
            return true;
        }
    }
    return false;
}

// %g from the digits: f style when -4 <= X < precision, else e style; no
// trailing zeros, no bare decimal point. Written at p (at most 48 chars);
// returns the end.
char* general_chars(char* p, bool negative, u64 q, int X, int precision) {
    char digits[24];
    const int n = static_cast<int>(put_u64(digits, q, precision) - digits);
    int last = n - 1;  // the last digit that is not a trailing zero
    while (last >= 0 && digits[last] == '0') --last;
    if (negative) *p++ = '-';
    if (X >= -4 && X < precision) {
        const int int_digits = X + 1;  // may be <= 0
        if (int_digits <= 0) {
            *p++ = '0';
            if (last >= 0) {
                *p++ = '.';
                for (int i = 0; i < -int_digits; ++i) *p++ = '0';
                for (int i = 0; i <= last; ++i) *p++ = digits[i];
            }
        } else {
            for (int i = 0; i < int_digits; ++i) *p++ = digits[i];
            if (last >= int_digits) {
                *p++ = '.';
                for (int i = int_digits; i <= last; ++i) *p++ = digits[i];
            }
        }
        return p;
    }
    *p++ = digits[0];
    if (last >= 1) {
        *p++ = '.';
        for (int i = 1; i <= last; ++i) *p++ = digits[i];
    }
    *p++ = 'e';
    *p++ = X < 0 ? '-' : '+';
    return put_u64(p, static_cast<u64>(X < 0 ? -X : X), 2);
}

std::string general_text(bool negative, u64 q, int X, int precision) {
    char buf[48];
    return std::string(buf, general_chars(buf, negative, q, X, precision));
}

std::string c_format(const char* format, int digits, double x) {
    char buf[400];
    std::snprintf(buf, sizeof buf, format, digits, x);
    return buf;
}

}  // namespace

bool fixed_digits(double x, int decimals, std::uint64_t& digits) {
    if (!std::isfinite(x) || decimals < 0 || decimals > 40) return false;
    const double ax = std::fabs(x);
    digits = 0;
    return ax == 0 || scaled(ax, decimals, digits);
}

void append_fixed_digits(std::string& out, bool negative, std::uint64_t digits, int decimals) {
    // Written from the last digit back: the decimals (zeros in front as
    // needed), the point, the whole part, the sign.
    char buf[72];  // 40 decimals, a point, 20 digits, a sign
    char* const end = buf + sizeof buf;
    char* p = end;
    for (int i = 0; i < decimals; ++i) {
        *--p = static_cast<char>('0' + static_cast<int>(digits % 10));
        digits /= 10;
    }
    if (decimals > 0) *--p = '.';
    do {
        *--p = static_cast<char>('0' + static_cast<int>(digits % 10));
        digits /= 10;
    } while (digits != 0);
    if (negative) *--p = '-';
    out.append(p, static_cast<std::size_t>(end - p));
}

void append_printf_fixed(std::string& out, double x, int decimals) {
    u64 q;
    if (fixed_digits(x, decimals, q)) append_fixed_digits(out, std::signbit(x), q, decimals);
    else out += c_format("%.*f", decimals, x);
}

std::string printf_fixed(double x, int decimals) {
    std::string s;
    append_printf_fixed(s, x, decimals);
    return s;
}

std::string printf_general(double x, int precision) {
    if (std::isfinite(x) && precision >= 1 && precision <= 17) {
        const double ax = std::fabs(x);
        if (ax == 0) return std::signbit(x) ? "-0" : "0";
        u64 q;
        int X;
        if (general_digits(ax, precision, q, X)) return general_text(std::signbit(x), q, X, precision);
    }
    return c_format("%.*g", precision, x);
}

void append_shortest_15_or_17(std::string& out, double x) {
    const double ax = std::fabs(x);
    // Whole numbers from 1 to below 10^15 (the counts, most of a table's
    // numbers): %.15g prints all their digits and nothing else, and they
    // read back exactly; written here without working out 15 digits.
    if (ax >= 1 && ax < 1e15 && ax == std::floor(ax)) {
        char buf[24];
        char* p = buf;
        if (std::signbit(x)) *p++ = '-';
        out.append(buf, put_u64(p, static_cast<u64>(ax), 1));
        return;
    }
    u64 q;
    int X;
    if (std::isfinite(x) && ax != 0 && general_digits(ax, 15, q, X)) {
        const int s = 14 - X;
        bool reads_back = false;
        bool known = false;
        if (s >= -22 && s <= 22) {  // Clinger: q < 2^53 and 10^|s| are doubles
            const double back = s >= 0 ? static_cast<double>(q) / kPow10[s] : static_cast<double>(q) * kPow10[-s];
            reads_back = back == ax;
            known = true;
        }
#if defined(__SIZEOF_INT128__)
        if (!known) known = wide_reads_back(q, s, ax, reads_back);
#endif
        if (known && reads_back) {
            char buf[48];
            out.append(buf, general_chars(buf, std::signbit(x), q, X, 15));
            return;
        }
        if (known) {
            out += printf_general(x, 17);
            return;
        }
    }
    std::string s = c_format("%.*g", 15, x);
    if (std::strtod(s.c_str(), nullptr) != x) s = c_format("%.*g", 17, x);
    out += s;
}

std::string shortest_15_or_17(double x) {
    std::string s;
    append_shortest_15_or_17(s, x);
    return s;
}

}  // namespace metapool
