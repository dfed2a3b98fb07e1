// The horizontal axis of the forest plot: its range and tick marks, on a log
// scale for ratios (RR, OR) and a linear one for the risk difference. Values
// are on the reporting scale (a ratio of 0.5 is 0.5, not log 0.5).
#pragma once

#include <string>
#include <vector>

namespace metapool {

struct AxisTick {
    double value = 0;
    std::string label;  // "0.1", "2", "-0.05": plain decimals, no exponent
};

struct PlotAxis {
    bool log_scale = false;
    double lo = 0, hi = 1;        // the ends of the axis: its first and last tick
    std::vector<AxisTick> ticks;  // ascending, from lo to hi

    // Where `value` falls along the axis: 0 at lo, 1 at hi, outside [0, 1]
    // beyond the ends (-inf for a non-positive value on a log axis).
    double fraction(double value) const;
};

// A log axis covering [lo, hi] (0 < lo <= hi), ending on ticks. Ticks follow
// 1-2-5 in each decade when that needs at most 7 of them (0.1 0.2 0.5 1 2 5
// 10), otherwise powers of ten, one decade apart or more (0.01 0.1 1 10 100).
PlotAxis log_axis(double lo, double hi);

// A linear axis covering [lo, hi], ending on ticks 1, 2 or 5 x 10^n apart,
// at most 7 steps; every label has the step's decimals (-0.10 -0.05 0.00).
PlotAxis linear_axis(double lo, double hi);

// Where a plot chooses its axis range, values are in axis units: decades
// (log10) for ratios, the value itself for differences; NaN for a ratio that
// is not positive.
double axis_units(double value, bool ratio);

// Widens [lo, hi] to take in `units`; a value that is not finite is left out.
void extend_range(double& lo, double& hi, double units);

// The axis for [lo, hi] (axis units, no effect included) cut to the window
// [win_lo, win_hi]: a ratio axis always shows 0.8 to 1.25, so that the line
// of no effect never lies at an end; a difference axis is at least 0.02 wide,
// with 5% of its width on each side of zero.
PlotAxis axis_within(double lo, double hi, double win_lo, double win_hi, bool ratio);

}  // namespace metapool
