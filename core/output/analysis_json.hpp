// The stable JSON form of an Analysis: what `metapool --json` prints and what
// the WebAssembly module returns. NaN and infinities are written as null.
#pragma once

#include <string>

#include "model/analysis.hpp"

namespace metapool {

std::string to_json(const Analysis& analysis);

}  // namespace metapool
