// Reads an effect as trials report it, for generic inverse-variance rows
// (README, "Input"): `RR 0.54 (0.40 to 0.72)`, `OR 1.3 [95% CI 0.9, 1.8]`,
// `RD -0.05 (-0.10 to 0.00)`, `log RR -0.62 (se 0.15)`. The grammar, strict
// on purpose (anything else is refused with the reason):
//
//   effect   = measure [ "=" | ":" ] number bracket
//   measure  = "RR" | "OR" | "RD" | "log RR" | "log OR"   (any case; "logRR",
//              "ln RR", "lnOR" too; "HR" is recognised only to be refused)
//   bracket  = "(" inside ")" | "[" inside "]"
//   inside   = [ level "%" ] [ "CI" [":"] ] number sep number
//            | "se" [ "=" | ":" ] number
//   sep      = "to" | "–" (en dash) | "—" | "," | ";"
//              | "-" (only for RR and OR on the ratio scale, whose limits
//                     cannot be negative)
//   number   = [ "-" | "+" | "−" ] digits [ "." digits ]  (also ".5");
//              a decimal point, never a comma; no exponents
//
// Spaces (ASCII, no-break, thin) may separate the parts. Ratios on the
// ratio scale must be positive; the interval must be increasing and hold the
// estimate; a standard error must be positive and, for ratios, on the log
// scale (`log RR ... (se ...)`); a level lies strictly between 0 and 100
// (default 95%); a risk difference lies between -1 and 1.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "input/table.hpp"

namespace metapool {

// Does the field start like a reported effect: a measure word (see above,
// HR included), then optionally "=" or ":", then something that starts like
// a number?
bool starts_like_effect(std::string_view field);

// Where the reported effect starts in a space-separated line: the last word
// at which the rest starts like an effect (with a "log"/"ln" word before
// "RR"/"OR" included), provided the line ends in ")" or "]"; npos if none.
std::size_t find_effect(std::string_view line);

struct EffectParse {
    ReportedEffect effect;  // when read: measure, scale and numbers (not column or texts)
    // When the effect cannot be read: why, with the fix (the message),
    // without a place (line and column are 0, the caller knows them).
    std::optional<Problem> problem;
};

EffectParse parse_effect(std::string_view field);

}  // namespace metapool
