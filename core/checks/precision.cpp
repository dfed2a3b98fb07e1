#include "checks/precision.hpp"

#include <algorithm>
#include <cmath>

#include "output/decimal_format.hpp"

namespace metapool {

namespace {

double half_unit(int decimals) { return 0.5 * std::pow(10.0, -decimals); }

// Relative slack for the binary representation of both numbers.
double slack(double printed) { return 1e-9 * std::max(1.0, std::fabs(printed)); }

}  // namespace

bool agrees_at_printed_precision(const PrintedNumber& p, double computed) {
    if (!p.present() || !std::isfinite(computed) || !std::isfinite(p.value)) return false;
    if (p.relation == '<') return computed < p.value + slack(p.value);
    if (p.relation == '>') return computed > p.value - slack(p.value);
    return std::fabs(computed - p.value) <= half_unit(p.decimals) * (1 + 1e-9) + slack(p.value);
}

double distance_in_half_units(const PrintedNumber& p, double computed) {
    if (!p.present() || !std::isfinite(computed)) return 1e6;
    if (agrees_at_printed_precision(p, computed)) return 0;
    const double d = std::fabs(computed - p.value) / half_unit(std::max(p.decimals, 0));
    return std::min(d, 1e6);
}

std::string printed_text(const PrintedNumber& p) {
    if (!p.present()) return "";
    const std::string digits = printf_fixed(p.value, p.decimals);
    if (p.relation == '<' || p.relation == '>') return std::string(1, p.relation) + " " + digits;
    return digits;
}

std::string computed_text(double computed, const PrintedNumber& p) {
    if (!std::isfinite(computed)) return "not estimable";
    const int decimals = std::max(p.decimals, 0);
    std::string text = printf_fixed(computed, decimals);
    const double unit = std::pow(10.0, -decimals);
    if (computed != 0 && std::fabs(computed) < unit) text = printf_general(computed, 2);
    return text;
}

CheckedNumber checked_number(const char* name, const PrintedNumber& p, double computed) {
    return {name, printed_text(p), computed, computed_text(computed, p), agrees_at_printed_precision(p, computed)};
}

void check_if_printed(std::vector<CheckedNumber>& out, const char* name, const PrintedNumber& p, double computed) {
    if (p.present()) out.push_back(checked_number(name, p, computed));
}

}  // namespace metapool
