// The stable JSON form of an Analysis: what `metapool --json` prints and what
// the WebAssembly module returns. NaN and infinities are written as null.
#pragma once

#include <string>
#include <vector>

#include "model/analysis.hpp"

namespace metapool {

std::string to_json(const Analysis& analysis);

// The same document for the WebAssembly module to hand to JavaScript, with
// each study's numbers and flags handed over in binary instead of as text:
// in `studies`, each object holds only the study's texts, in to_json()'s
// order (label, excluded_reason, pasted_label, then group, year and reported
// where to_json() writes them, then printed), and `study_numbers` holds the
// kStudyNumberFields values of each study, studies in order: the doubles as
// they are (NaN and infinities where the text has null), the counts and
// line as doubles, each flag as 1 or 0. Putting them back in to_json()'s
// order (wasm/bindings.cpp) gives exactly what JSON.parse() makes of
// to_json(): the module then neither writes them as text nor has them
// parsed, most of its JSON at 1,000 studies.
inline constexpr const char* kStudyNumberFields[] = {
    "line",     "e1",       "n1",       "e2",           "n2",       "y",        "v",
    "se",       "estimate", "ci_lower", "ci_upper", "weight_common", "weight_random", "included",
    "corrected", "arms_swapped", "a",  "b",           "c",        "d"};
std::string to_json(const Analysis& analysis, std::vector<double>& study_numbers);

}  // namespace metapool
