// Which studies get a continuity correction, and how much goes to each cell.
#pragma once

#include <vector>

#include "model/options.hpp"
#include "pooling/two_by_two.hpp"

namespace metapool {

// Returns the corrected cells for every table. `in_analysis[i]` false marks a
// table that is left out (double zero); it neither receives a correction nor
// triggers one under `if0all` (as in metafor's escalc, where dropped tables
// are NA before the zero-cell check). Flags are chars, 0 or 1, not
// std::vector<bool>: its packed bits cost some 2 kB of WebAssembly (the core
// uses char flags throughout for that reason).
std::vector<Cells> apply_continuity_correction(const std::vector<Cells>& tables,
                                               const std::vector<char>& in_analysis,
                                               const Options& options,
                                               std::vector<char>& corrected);

// The tables that enter the Mantel-Haenszel sums: as pasted, or with
// options.cc_in_mh the selected tables with all four cells corrected.
std::vector<Cells> mantel_haenszel_cells(const std::vector<Cells>& tables, const std::vector<char>& in_analysis,
                                         const Options& options);

}  // namespace metapool
