#include "plots/plot_axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "output/decimal_format.hpp"

namespace metapool {

namespace {

constexpr int kMaxTicks = 7;
constexpr double kEps = 1e-9;  // tolerance, in decades or steps, for "on a tick"

// 10^|e| computed by repeated multiplication: exact up to 10^22, and the same
// on every platform (unlike pow()).
double power_of_ten(int e) {
    double p = 1;
    for (int i = 0; i < (e < 0 ? -e : e); ++i) p *= 10;
    return p;
}

// m x 10^e as the double nearest to the decimal (one rounding at most).
double scaled(double m, int e) { return e >= 0 ? m * power_of_ten(e) : m / power_of_ten(-e); }

std::string fixed(double value, int decimals) {
    std::string s = printf_fixed(value, decimals);
    if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);  // no "-0"
    return s;
}

struct TickCandidate {
    double decades;  // log10 of the value
    double mantissa;
    int exponent;
};

// 1, 2 and 5 x 10^e for e in [e_min, e_max], ascending.
std::vector<TickCandidate> one_two_five(int e_min, int e_max) {
    std::vector<TickCandidate> out;
    for (int e = e_min; e <= e_max; ++e) {
        for (double m : {1.0, 2.0, 5.0}) out.push_back({e + std::log10(m), m, e});
    }
    return out;
}

AxisTick log_tick(double mantissa, int exponent) {
    return {scaled(mantissa, exponent), fixed(scaled(mantissa, exponent), exponent < 0 ? -exponent : 0)};
}

// The 1-2-5 ticks from the last at or below llo to the first at or above lhi
// (both in decades); empty when more than kMaxTicks are needed.
std::vector<AxisTick> one_two_five_ticks(double llo, double lhi) {
    const int e_lo = static_cast<int>(std::floor(llo + kEps));
    const int e_hi = static_cast<int>(std::ceil(lhi - kEps));
    const std::vector<TickCandidate> all = one_two_five(e_lo, e_hi + 1);
    std::size_t first = 0, last = all.size() - 1;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].decades <= llo + kEps) first = i;
    }
    for (std::size_t i = all.size(); i-- > 0;) {
        if (all[i].decades >= lhi - kEps) last = i;
    }
    if (last <= first) last = first + 1;
    std::vector<AxisTick> ticks;
    if (last - first + 1 > static_cast<std::size_t>(kMaxTicks)) return ticks;
    for (std::size_t i = first; i <= last; ++i) ticks.push_back(log_tick(all[i].mantissa, all[i].exponent));
    return ticks;
}

// Powers of ten `step` decades apart, the fewest decades per step that keep
// to kMaxTicks.
std::vector<AxisTick> decade_ticks(double llo, double lhi) {
    for (int step = 1;; ++step) {
        const int first = static_cast<int>(std::floor((llo + kEps) / step)) * step;
        int last = static_cast<int>(std::ceil((lhi - kEps) / step)) * step;
        if (last <= first) last = first + step;
        if ((last - first) / step + 1 > kMaxTicks) continue;
        std::vector<AxisTick> ticks;
        for (int e = first; e <= last; e += step) ticks.push_back(log_tick(1, e));
        return ticks;
    }
}

PlotAxis with_ticks(bool log_scale, std::vector<AxisTick> ticks) {
    PlotAxis axis;
    axis.log_scale = log_scale;
    axis.lo = ticks.front().value;
    axis.hi = ticks.back().value;
    axis.ticks = std::move(ticks);
    return axis;
}

}  // namespace

double PlotAxis::fraction(double value) const {
    if (log_scale) {
        if (!(value > 0)) return -std::numeric_limits<double>::infinity();
        return (std::log(value) - std::log(lo)) / (std::log(hi) - std::log(lo));
    }
    return (value - lo) / (hi - lo);
}

PlotAxis log_axis(double lo, double hi) {
    if (!(lo > 0 && hi > 0 && std::isfinite(lo) && std::isfinite(hi))) { lo = 0.5; hi = 2; }
    if (lo > hi) std::swap(lo, hi);
    lo = std::max(lo, 1e-12);  // labels stay plain decimals
    hi = std::min(hi, 1e12);
    const double llo = std::log10(lo), lhi = std::log10(hi);
    std::vector<AxisTick> ticks = one_two_five_ticks(llo, lhi);
    if (ticks.empty()) ticks = decade_ticks(llo, lhi);
    return with_ticks(true, std::move(ticks));
}

PlotAxis linear_axis(double lo, double hi) {
    if (!(std::isfinite(lo) && std::isfinite(hi))) { lo = -1; hi = 1; }
    if (lo > hi) std::swap(lo, hi);
    lo = std::max(lo, -1e12);
    hi = std::min(hi, 1e12);
    if (hi - lo < 1e-9 * std::max(1.0, std::fabs(lo))) {
        const double pad = 0.1 * std::max(1.0, std::fabs(lo));
        lo -= pad;
        hi += pad;
    }
    const int e0 = static_cast<int>(std::floor(std::log10((hi - lo) / kMaxTicks)));
    for (int e = e0;; ++e) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double step = scaled(m, e);
            const double first = std::floor(lo / step + kEps), last = std::ceil(hi / step - kEps);
            if (last - first > kMaxTicks) continue;
            std::vector<AxisTick> ticks;
            for (double i = first; i <= last; ++i) {
                const double value = scaled(i * m, e);
                ticks.push_back({value, fixed(value, e < 0 ? -e : 0)});
            }
            return with_ticks(false, std::move(ticks));
        }
    }
}

double axis_units(double value, bool ratio) {
    if (!ratio) return value;
    return value > 0 ? std::log10(value) : std::numeric_limits<double>::quiet_NaN();
}

void extend_range(double& lo, double& hi, double units) {
    if (!std::isfinite(units)) return;
    lo = std::min(lo, units);
    hi = std::max(hi, units);
}

PlotAxis axis_within(double lo, double hi, double win_lo, double win_hi, bool ratio) {
    lo = std::max(lo, win_lo);
    hi = std::min(hi, win_hi);
    if (ratio) {
        lo = std::min(lo, std::log10(0.8));
        hi = std::max(hi, std::log10(1.25));
        return log_axis(std::pow(10.0, lo), std::pow(10.0, hi));
    }
    const double span = std::max(hi - lo, 0.02);
    return linear_axis(std::min(lo, -0.05 * span), std::max(hi, 0.05 * span));
}

}  // namespace metapool
