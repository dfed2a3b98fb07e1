// Cells as papers print them: an arm's events with its
// percentage, `2/55 (3.6%)` or `2/55 (3.6)` (events/total), and `12 (21.8%)`
// or `12 (21.8)` (events only; the total is in the header, `Dupilumab
// (N=55)`, or in the next column). The counts are read; the percentage is
// kept as printed (PrintedNumber: value and decimals) and checked against
// the counts at its printed precision.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "input/printed.hpp"

namespace metapool {

// A count or events/total cell followed by a parenthesised percentage.
struct PaperCell {
    bool matched = false;
    std::string_view counts;  // the text before the parenthesis, "2/55" or "12"
    PrintedNumber percent;    // the number in the parenthesis, '%' or not
};

// `v` is one trimmed field. Matches `<digits or x/n> (<number>[ %])`; a
// field of any other shape is not matched (and is read as before).
PaperCell split_paper_cell(std::string_view v);

// Does the printed percentage follow from events/total at its printed
// precision? round(100 e / n, decimals) == printed, allowing for either
// rounding of a half.
bool percent_agrees(double events, double total, const PrintedNumber& percent);

// 100 e / n with one decimal more than printed (at least one): "3.64".
std::string percent_of(double events, double total, int printed_decimals);

// The printed percentage as printed: "3.6%".
std::string printed_percent(const PrintedNumber& percent);

// Messages. A cell `2/55 (4.6%)` whose percentage does not follow from its
// counts: the counts are read, and the note says which numbers to check.
std::string cell_percent_mismatch(std::uint64_t events, std::uint64_t total, const PrintedNumber& percent);

// `12 (12.5%)` whose total was found elsewhere (`where`: "in column 3",
// "printed in the header") and does not give that percentage: the total may
// not be this count's, so the row is refused with this reason.
std::string count_percent_mismatch(const std::string& shown, std::uint64_t events, std::uint64_t total,
                                   const PrintedNumber& percent, const std::string& where);

// Two `12 (21.8%)` cells and no totals anywhere: `what` is "counts after the
// label", `split` how the line was split ("fields split at tabs").
std::string counts_without_totals(const std::string& what, const std::string& split);

}  // namespace metapool
