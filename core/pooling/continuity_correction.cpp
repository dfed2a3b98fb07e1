// Continuity correction for zero cells.
//
// Constant correction: `cc` is added to all four cells of the selected tables
// (metafor's escalc add/to: only0, all, if0all, none).
// Treatment-arm correction (Sweeting, Sutton & Lambert 2004, Stat Med
// 23:1351-1375): the corrections of the two arms sum to 2*cc and are
// proportional to the reciprocal of the size of the opposite arm, so the arm
// of size n1 gets 2*cc*n1/(n1+n2) in each of its cells. With equal arms this
// equals the constant correction.
//
// Risk ratio, events only (cc_rr = events): the correction goes to the
// events and thereby to the arm totals, a + cc of n1 + cc and c + cc of
// n2 + cc, as R meta's metabin with RR.Cochrane = FALSE (which cites
// Hartung & Knapp 2001, Stat Med 20:3875); with RR.Cochrane = TRUE, and in
// RevMan 5 and metafor, all four cells are corrected.
//
// Inside the Mantel-Haenszel sums (cc_in_mh): the selected tables enter the
// sums with all four cells corrected, as RevMan 5 (Deeks & Higgins 2010) and
// meta's MH.exact = FALSE do; metafor's rma.mh (add = c(1/2, 0)) and the
// default use the tables as pasted.
#include "pooling/continuity_correction.hpp"

namespace metapool {

namespace {

bool any_zero_cell(const std::vector<Cells>& tables, const std::vector<char>& in_analysis) {
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

Cells corrected_cells(const Cells& t, const Options& options, bool events_only) {
    double add1 = options.cc, add2 = options.cc;
    if (options.cc_treatment_arm) {
        const double n1 = t.n1(), n2 = t.n2();
        add1 = 2 * options.cc * n1 / (n1 + n2);
        add2 = 2 * options.cc * n2 / (n1 + n2);
    }
    if (events_only) return Cells{t.a + add1, t.b, t.c + add2, t.d};
    return Cells{t.a + add1, t.b + add1, t.c + add2, t.d + add2};
}

std::vector<Cells> correct(const std::vector<Cells>& tables, const std::vector<char>& in_analysis,
                           const Options& options, bool events_only, std::vector<char>& corrected) {
    const bool any_zero = options.cc_to == CcTo::If0All && any_zero_cell(tables, in_analysis);
    std::vector<Cells> out(tables);
    corrected.assign(tables.size(), false);
    if (options.cc <= 0) return out;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (!in_analysis[i] || !selected(tables[i], options.cc_to, any_zero)) continue;
        out[i] = corrected_cells(tables[i], options, events_only);
        corrected[i] = true;
    }
    return out;
}

}  // namespace

std::vector<Cells> apply_continuity_correction(const std::vector<Cells>& tables,
                                               const std::vector<char>& in_analysis,
                                               const Options& options,
                                               std::vector<char>& corrected) {
    const bool events_only = options.measure == Measure::RR && options.cc_rr == RrCorrection::Events;
    return correct(tables, in_analysis, options, events_only, corrected);
}

std::vector<Cells> mantel_haenszel_cells(const std::vector<Cells>& tables, const std::vector<char>& in_analysis,
                                         const Options& options) {
    std::vector<char> corrected;
    if (!options.cc_in_mh) return tables;
    return correct(tables, in_analysis, options, false, corrected);
}

}  // namespace metapool
