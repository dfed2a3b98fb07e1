// Plot text (core/plots/plot_text.hpp): one way to print a number in every plot.
#include "plots/plot_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "output/decimal_format.hpp"

namespace metapool::plot_text {

void append_fixed(std::string& out, double value, int decimals) {
    const std::size_t start = out.size();
    append_printf_fixed(out, value, decimals);
    // No "-0.00": a minus sign before nothing but zeros goes.
    if (out[start] == '-' && out.find_first_not_of("-0.", start) == std::string::npos) out.erase(start, 1);
}

std::string fixed(double value, int decimals) {
    std::string s;
    append_fixed(s, value, decimals);
    return s;
}

void append_coordinate(std::string& out, double v) {
    std::uint64_t q;  // the digits of "%.2f"
    if (fixed_digits(v, 2, q)) {
        // At once: no trailing zeros, no bare point, no sign before zero.
        int decimals = 2;
        while (decimals > 0 && q % 10 == 0) {
            q /= 10;
            --decimals;
        }
        append_fixed_digits(out, std::signbit(v) && q != 0, q, decimals);
        return;
    }
    const std::size_t start = out.size();
    append_fixed(out, v, 2);
    // Trailing zeros after the decimal point go, then the point itself.
    if (out.find('.', start) != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    if (out.size() - start == 2 && out[start] == '-' && out[start + 1] == '0') out.erase(start, 1);  // "-0"
}

std::string coordinate(double v) {
    std::string s;
    append_coordinate(s, v);
    return s;
}

void append_value_text(std::string& out, double x) {
    if (!std::isfinite(x)) {
        out += "NA";
        return;
    }
    const double ax = std::fabs(x);
    if (ax != 0 && ax < 1e-10) out += printf_general(x, 2);
    else if (ax != 0 && ax < 0.005) append_fixed(out, x, std::min(12, 1 - static_cast<int>(std::floor(std::log10(ax)))));
    else if (ax >= 1e6) out += printf_general(x, 3);
    else append_fixed(out, x, 2);
}

std::string value_text(double x) {
    std::string s;
    append_value_text(s, x);
    return s;
}

int difference_decimals(double lo, double hi) {
    const double half = (hi - lo) / 2;
    if (!(half > 0) || !std::isfinite(half)) return 2;
    return std::max(2, std::min(6, -static_cast<int>(std::floor(std::log10(half)))));
}

void append_interval_text(std::string& out, double lo, double hi, bool ratio) {
    out += '[';
    if (ratio) {
        append_value_text(out, lo);
        out += ", ";
        append_value_text(out, hi);
    } else {
        const int d = difference_decimals(lo, hi);
        append_fixed(out, lo, d);
        out += ", ";
        append_fixed(out, hi, d);
    }
    out += ']';
}

std::string interval_text(double lo, double hi, bool ratio) {
    std::string s;
    append_interval_text(s, lo, hi, ratio);
    return s;
}

void append_estimate_text(std::string& out, double est, double lo, double hi, bool ratio) {
    if (ratio) append_value_text(out, est);
    else append_fixed(out, est, difference_decimals(lo, hi));
    out += ' ';
    append_interval_text(out, lo, hi, ratio);
}

std::string estimate_text(double est, double lo, double hi, bool ratio) {
    std::string s;
    append_estimate_text(s, est, lo, hi, ratio);
    return s;
}

std::string level_text(double level) {
    if (!(level > 0 && level < 1)) return "";
    std::string s = fixed(100 * level, 1);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s + "%";
}

const char* measure_abbreviation(Measure m) {
    switch (m) {
        case Measure::RR: return "RR";
        case Measure::OR: return "OR";
        case Measure::RD: return "RD";
    }
    return "";
}

const char* measure_name(Measure m) {
    switch (m) {
        case Measure::RR: return "Risk ratio";
        case Measure::OR: return "Odds ratio";
        case Measure::RD: return "Risk difference";
    }
    return "";
}

const char* common_method_name(CommonMethod m) {
    switch (m) {
        case CommonMethod::MH: return "Mantel\xE2\x80\x93Haenszel";
        case CommonMethod::IV: return "inverse variance";
        case CommonMethod::PETO: return "Peto";
    }
    return "";
}

}  // namespace metapool::plot_text
