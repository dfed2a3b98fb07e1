// UTF-8 hygiene for text that leaves the core (JSON, SVG, reports).
#pragma once

#include <string>
#include <string_view>

namespace metapool {

// Returns `s` with every invalid UTF-8 sequence (and every NUL) replaced by
// U+FFFD, so that any consumer can decode it.
std::string sanitize_utf8(std::string_view s);

}  // namespace metapool
