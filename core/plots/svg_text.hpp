// Text that goes into an SVG (XML 1.0) document: whatever the user pasted
// must come out as characters that parse and that no browser runs as markup.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace metapool {

// Valid UTF-8 with only characters XML 1.0 allows: invalid bytes, NUL and
// other control characters, U+FFFE and U+FFFF become U+FFFD. Tab, LF and CR
// become spaces, as a label is drawn on one line.
std::string xml_clean(std::string_view text);

// xml_clean() and then & < > " ' written as entities: safe in element
// content and in attribute values alike.
std::string xml_escape(std::string_view text);

// Printable ASCII (0x20-0x7F) without & < > " ': what xml_escape() returns
// as it is.
bool plain_xml_text(std::string_view text);

// Number of code points of valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

// The first `max_chars` code points of valid UTF-8 text, or, when it is
// longer, the first max_chars - 1 and an ellipsis (U+2026).
std::string truncate_utf8(std::string_view text, std::size_t max_chars);

}  // namespace metapool
