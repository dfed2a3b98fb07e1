// Continuity correction for zero cells.
//
// Constant correction: `cc` is added to all four cells of the selected tables
// (metafor's escalc add/to: only0, all, if0all, none).
// Treatment-arm correction (Sweeting, Sutton & Lambert 2004, Stat Med
// 23:1351-1375): the corrections of the two arms sum to 2*cc and are
// proportional to the reciprocal of the size of the opposite arm, so the arm
// of size n1 gets 2*cc*n1/(n1+n2) in each of its cells. With equal arms this
// equals the constant correction.
#include "continuity_correction.hpp"

namespace metapool {

namespace {

bool any_zero_cell(const std::vector<Cells>& tables, const std::vector<bool>& in_analysis) {
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (in_analysis[i] && tables[i].has_zero()) return true;
    }
    return false;
}

bool selected(const Cells& t, CcTo to, bool any_zero) {
    switch (to) {
        case CcTo::All: return true;
        case CcTo::Only0: return t.has_zero();
        case CcTo::If0All: return any_zero;
        case CcTo::None: return false;
    }
    return false;
}

Cells corrected_cells(const Cells& t, const Options& options) {
    double add1 = options.cc, add2 = options.cc;
    if (options.cc_treatment_arm) {
        const double n1 = t.n1(), n2 = t.n2();
        add1 = 2 * options.cc * n1 / (n1 + n2);
        add2 = 2 * options.cc * n2 / (n1 + n2);
    }
    return Cells{t.a + add1, t.b + add1, t.c + add2, t.d + add2};
}

}  // namespace

std::vector<Cells> apply_continuity_correction(const std::vector<Cells>& tables,
                                               const std::vector<bool>& in_analysis,
                                               const Options& options,
                                               std::vector<bool>& corrected) {
    const bool any_zero = options.cc_to == CcTo::If0All && any_zero_cell(tables, in_analysis);
    std::vector<Cells> out(tables);
    corrected.assign(tables.size(), false);
    if (options.cc <= 0) return out;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (!in_analysis[i] || !selected(tables[i], options.cc_to, any_zero)) continue;
        out[i] = corrected_cells(tables[i], options);
        corrected[i] = true;
    }
    return out;
}

}  // namespace metapool
