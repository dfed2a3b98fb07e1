// The stable JSON form of an Analysis: what `metapool --json` prints and what
// the WebAssembly module returns. NaN and infinities are written as null.
#pragma once

#include <string>
#include <vector>

#include "model/analysis.hpp"

namespace metapool {

std::string to_json(const Analysis& analysis);

// The same document for the WebAssembly module to hand to JavaScript, with
// the study numbers that cost most as text left out of it: in each object of
// `studies`, every finite value of the kStudyNumbers fields is written as 0
// and appended to `study_numbers` instead (studies in order, fields in the
// order listed; a zero as +0, which is what the text's 0 reads back as). NaN
// and infinities stay null in the text. Putting the values back in place of
// those zeros gives exactly what JSON.parse() makes of to_json(): the module
// then neither formats them (17 significant digits each) nor has them
// parsed, a quarter of its JSON at 1,000 studies.
inline constexpr const char* kStudyNumbers[] = {"y",        "v",        "se",            "estimate",
                                                "ci_lower", "ci_upper", "weight_common", "weight_random"};
std::string to_json(const Analysis& analysis, std::vector<double>& study_numbers);

}  // namespace metapool
