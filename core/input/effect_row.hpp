// A data line that reports its effect instead of counts (generic inverse
// variance; the effect's grammar is in parse_effect.hpp): which fields are
// the label and the effect. Part of the layout step (fields -> which of
// them are what) in the pipeline (pasted text -> lines -> fields -> cells
// -> rows -> ParsedTable).
//
//   * `label, RR 0.54 (0.40 to 0.72)`, `label<TAB>OR 1.3 [0.9, 1.8]`,
//     `Smith 2001 log RR -0.62 (se 0.15)`: on delimited lines the second
//     field (or the only one) starts like an effect (a measure word, then a
//     number); on space-separated lines the line ends in ')' or ']' and the
//     effect starts at the last such measure word, the label being what
//     comes before it. Looked for before the header rule, so that a first
//     line of effects is not taken for a header. Such a row has NaN counts
//     and its effect in `reported`; one problem per line, in the order:
//     fields (a label and the effect only; a comma or semicolon inside the
//     effect that split the line is named as such), label, the effect.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "input/field_splitter.hpp"
#include "model/problem.hpp"

namespace metapool::input {

struct EffectRow {
    bool found = false;          // the line reports an effect (or was split inside one)
    bool has_label = false;
    std::string label;           // when has_label
    std::string_view effect;     // the effect as typed
    int column = 0;              // the effect's column
    // The line holds more than a label and an effect (column and message):
    // it is refused before its label and effect are read.
    std::optional<Problem> problem;
};

EffectRow find_effect_row(std::string_view text, Sep sep, const Fields& f);

}  // namespace metapool::input
