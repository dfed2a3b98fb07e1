// The cells of one 2x2 table and the small facts about it that several
// methods need. a, b = events, non-events in the experimental arm; c, d = the
// same in the control arm.
#pragma once

namespace metapool {

struct Cells {
    double a = 0, b = 0, c = 0, d = 0;
    double n1() const { return a + b; }
    double n2() const { return c + d; }
    double total() const { return a + b + c + d; }
    bool has_zero() const { return a == 0 || b == 0 || c == 0 || d == 0; }
    // No events in either arm, or only events in both (metafor's drop00 rule).
    bool double_zero() const { return (a == 0 && c == 0) || (b == 0 && d == 0); }
};

inline Cells cells_from_counts(double e1, double n1, double e2, double n2) {
    return Cells{e1, n1 - e1, e2, n2 - e2};
}

}  // namespace metapool
