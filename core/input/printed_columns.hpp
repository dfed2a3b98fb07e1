// The columns a forest-plot table prints after a study's counts: the weight
// (`5.2%`, `5.2 %`, or empty) and the effect with its interval (`0.14 [0.03,
// 0.59]`, `0.14 [ 0.03, 0.59 ]`, `0.14 (0.03 to 0.59)`) or `Not estimable`.
// cut_printed_columns() finds them at the end of a line and reads them, so
// that the rest of the line is read as an ordinary row of counts (whose
// fields keep their columns: the printed ones come last).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "input/printed.hpp"
#include "model/problem.hpp"

namespace metapool {

struct PrintedColumns {
    bool found = false;          // the line ends in an effect and interval, or `Not estimable`
    bool not_estimable = false;
    bool before_numeric = false; // what precedes them is a count or an x/n cell
    std::size_t keep = 0;        // length of the line before the printed columns
    PrintedStudy printed;        // weight, estimate, lower, upper (columns set)
    // The line ends like an effect that cannot be read: the effect's column
    // and the reason (line 0: the caller knows it).
    std::optional<Problem> problem;
};

PrintedColumns cut_printed_columns(std::string_view line);

}  // namespace metapool
