// "Copy as R code": the metafor calls that reproduce an analysis with the
// same studies, options and conventions, so that a researcher can check
// metapool's numbers in R (CLI --r-code, wasm r_code(), the page's button).
#pragma once

#include <string>
#include <string_view>

#include "model/analysis.hpp"

namespace metapool {

// R code (metafor 3.x) for `analysis`: the studies as a data.frame, escalc()
// with metapool's continuity correction and double-zero rule, rma.mh(),
// rma.peto() or rma(method = "EE") for the common effect, rma() with the
// same tau2 estimator and test for random effects, predict() for the
// prediction interval, confint() for the tau2 interval; conventions metafor
// has no switch for (treatment-arm or events-only correction, DL tau2 from
// the MH-centred Q, the Greenland-Robins RD variance, a z prediction interval
// with HKSJ, Q around the IV estimate) are written out in R. It ends with a
// named vector `numbers` holding what metapool reports (common, random,
// prediction interval, tau2, Q, I2, tau2 interval). `table_text` is the text
// the analysis was read from: the lines the parser refused are quoted from
// it in a comment. Labels are R string literals with every non-printable or
// non-ASCII character escaped, so no label can break out of its string.
std::string metafor_code(const Analysis& analysis, std::string_view table_text);

// `s` as an R string literal ("..."): backslash, quote and control
// characters escaped, non-ASCII as \uXXXX / \U{XXXXXX} (invalid UTF-8 as
// U+FFFD), so the code is plain ASCII whatever the locale.
std::string r_string(std::string_view s);

}  // namespace metapool
