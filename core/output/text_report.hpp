// The readable report that `metapool` prints without --json.
#pragma once

#include <string>

#include "model/analysis.hpp"

namespace metapool {

std::string text_report(const Analysis& analysis);

}  // namespace metapool
