// Header names ("Year", "group") are matched ignoring the case of ASCII
// letters only, here and in batch mode.
#pragma once

#include <string_view>

namespace metapool {

// Equal but for the case of ASCII letters ("Year" = "year"): how header
// names are matched here and in batch mode.
bool ascii_iequal(std::string_view a, std::string_view b);

}  // namespace metapool
