// Plot text (core/plots/plot_text.hpp): one way to print a number in every plot.
#include "plots/plot_text.hpp"

#include <algorithm>
#include <cmath>

#include "output/decimal_format.hpp"

namespace metapool::plot_text {

std::string fixed(double value, int decimals) {
    std::string s = printf_fixed(value, decimals);
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);  // no "-0.00"
    return s;
}

std::string coordinate(double v) {
    std::string s = fixed(v, 2);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
        const bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s == "-0" ? "0" : s;
}

std::string value_text(double x) {
    if (!std::isfinite(x)) return "NA";
    const double ax = std::fabs(x);
    if (ax != 0 && ax < 1e-10) return printf_general(x, 2);
    if (ax != 0 && ax < 0.005) return fixed(x, std::min(12, 1 - static_cast<int>(std::floor(std::log10(ax)))));
    if (ax >= 1e6) return printf_general(x, 3);
    return fixed(x, 2);
}

int difference_decimals(double lo, double hi) {
    const double half = (hi - lo) / 2;
    if (!(half > 0) || !std::isfinite(half)) return 2;
    return std::max(2, std::min(6, -static_cast<int>(std::floor(std::log10(half)))));
}

std::string interval_text(double lo, double hi, bool ratio) {
    if (ratio) return "[" + value_text(lo) + ", " + value_text(hi) + "]";
    const int d = difference_decimals(lo, hi);
    return "[" + fixed(lo, d) + ", " + fixed(hi, d) + "]";
}

std::string estimate_text(double est, double lo, double hi, bool ratio) {
    const std::string e = ratio ? value_text(est) : fixed(est, difference_decimals(lo, hi));
    return e + " " + interval_text(lo, hi, ratio);
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
