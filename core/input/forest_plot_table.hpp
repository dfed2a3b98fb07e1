// Forest-plot tables as RevMan 5, RevMan Web, the Cochrane Library and a
// review's PDF print them, read line by line beside the ordinary parser:
//
//   Experimental   Control                Risk Ratio                   <- header lines: the measure,
//   Study or Subgroup  Events Total Events Total Weight M-H, Random, 95% CI   method, model, level
//   1.1.1 Adults                                                        <- subgroup heading
//   Beck 2014   2  55   14  54    5.2%   0.14 [0.03, 0.59]              <- a study: counts, then the
//   Cole 2016   0  40    0  41           Not estimable                     printed weight and effect
//   Subtotal (95% CI)   155   152   25.3%   0.30 [0.09, 1.01]           <- a pooled block, with the
//   Total events   12   34                                                 lines printed under it
//   Heterogeneity: Tau² = 0.40; Chi² = 1.98, df = 1 (P = 0.16); I² = 50%
//   Test for overall effect: Z = 1.94 (P = 0.05)
//   Total (95% CI)  500  498  100.0%  0.52 [0.35, 0.77]
//   Test for subgroup differences: Chi² = 0.85, df = 1 (P = 0.36), I² = 0%
//   0.01  0.1  1  10  100 / Favours [experimental]  Favours [control]   <- the plot's axis and footer
//
// The Cochrane Library's tables print `2/55` cells, `5.2 %` and
// `0.14 [ 0.03, 0.59 ]`; a PDF may lose the superscripts (`Chi2`, `I2`,
// `Tau2`) and separate the columns by spaces; RevMan Web's cells are
// tab-separated and may name the estimator (`Tau² (REML) = 0.04`).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "input/printed.hpp"

namespace metapool {

// A number as printed (`0.14`, `−0.05`, `.5`): its value and decimals.
// False when `s` is not one whole number.
bool read_printed_number(std::string_view s, PrintedNumber& out);

// The printed weight and effect columns at the end of a study row (or of a
// Total row): `5.2%  0.14 [0.03, 0.59]`, `5.2 %	0.14 [ 0.03, 0.59 ]`,
// `0.14 (0.03 to 0.59)`, `Not estimable`. Returns where the rest of the line
// ends (the counts, with the separators before the cut columns dropped), or
// `line.size()` when the line does not end in a printed effect.
std::size_t cut_printed_columns(std::string_view line, PrintedStudy& printed, bool& not_estimable);

// The lines of a forest-plot table that are not studies. Holds the state
// that runs across lines: the subgroup heading in force and the pooled block
// that Total events / Heterogeneity / Test for overall effect lines belong to.
class ForestPlotLines {
public:
    // True when `line` is one of the lines above (it is then read into
    // `source`, and `note` may say what was read); false for anything else,
    // which the ordinary parser reads. `rows_so_far`: data rows read before it.
    bool read(std::string_view line, int number, int rows_so_far, PrintedSource& source, std::string& note);

    void study_read() { block_ = -1; }  // a study row ends the pooled block being read
    bool recognised() const { return recognised_; }  // a header or a pooled line was read
    const std::string& heading() const { return heading_; }  // the subgroup in force, "" before any
    bool has_headings() const { return has_headings_; }

private:
    bool recognised_ = false;
    bool has_headings_ = false;
    std::string heading_;
    int block_ = -1;  // index into source.pooled of the block being read, -1: none
};

}  // namespace metapool
