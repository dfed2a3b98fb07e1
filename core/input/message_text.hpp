// Pasted text quoted inside a message (the parser's problems and notes,
// batch mode's errors): `"Smith, J"`, shortened to 40 bytes with "..." so
// that a pasted paragraph does not flood the message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/problem.hpp"

namespace metapool {

// Where a value longer than 40 bytes is cut. Both cut before the UTF-8
// character that straddles byte 40, so for valid UTF-8 they give the same
// text. They differ only on invalid UTF-8 (a run of more than three
// continuation bytes at byte 40): the table parser's messages step back at
// most three bytes (the most a character can need), the effect parser's and
// the other readers' step back to the start of the run. Both are kept so
// that no message changes.
enum class Cut { WithinOneCharacter, ToCharacterStart };

// `value` in double quotes (or `quote`), shortened when long.
std::string show(std::string_view value, Cut cut = Cut::WithinOneCharacter, char quote = '"');

// "line 4: " or "line 4, column 2: ", the start of a problem's message.
std::string place(int line, int column);

// A problem in the pasted text: at `line` and `column` (0: the whole line),
// its message `reason` after place(line, column), and the line as pasted.
Problem problem_at(int line, int column, const std::string& reason, std::string_view text);

}  // namespace metapool
