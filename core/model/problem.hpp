// The one shape in which the core reports what it refuses, and what the user
// should know though nothing was refused: where (the pasted line and column,
// 1-based; 0 when the problem is not tied to a place in the pasted text, as
// for an option value), what is wrong with the fix, and the text concerned.
//
// A step that can be refused returns std::optional<Problem>: empty when it
// was done, the problem when it was not. A step that returns a value and may
// be refused puts a `std::optional<Problem> problem` beside the value.
#pragma once

#include <optional>
#include <string>

namespace metapool {

struct Problem {
    int line = 0;
    int column = 0;
    std::string message;  // what is wrong and how to fix it, without the place
    std::string text;     // the pasted text concerned (a line, a value)
};

// A refusal not tied to the pasted text: an option value, an empty table.
inline Problem problem(std::string message, std::string text = {}) {
    return Problem{0, 0, std::move(message), std::move(text)};
}

// The message of a step's refusal, "" when it was done (the JSON's "error").
inline std::string message_of(const std::optional<Problem>& refusal) {
    return refusal ? refusal->message : std::string();
}

}  // namespace metapool
