// Batch mode: many meta-analyses in one table, one per value of a column
// (`metapool --by COLUMN`). The lines come from a callback and each analysis
// goes to another as soon as it ends, so memory does not grow with the
// number of analyses (see batch.cpp for the rules).
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "input/table.hpp"
#include "model/analysis.hpp"
#include "model/options.hpp"
#include "model/problem.hpp"

namespace metapool {

// Gives the next physical line (without its line end) and returns true, or
// returns false at the end of the input.
using LineSource = std::function<bool(std::string& line)>;

// The lines of a stream as parse_table() splits text: at LF, CRLF or a lone
// CR; a UTF-8 BOM at the start is skipped. Reads in 64 kB blocks; keeps one
// line. The stream must outlive the source.
LineSource stream_lines(std::istream& in);

// One output of a batch: an analysis that has ended, or a row that could not
// be given to any analysis (`problem` says why; its message starts with the
// place).
struct BatchItem {
    std::string name;  // the value of the analysis column ("" if unknown)
    Analysis analysis;
    std::optional<Problem> problem;  // the row that could not be assigned, and why
    bool analysed() const { return !problem; }
};

struct BatchSettings {
    std::string column;     // the analysis column: a header name, or a 1-based number
    Options options;        // for every analysis
    bool studies = true;    // false: each analysis's `studies` array is left empty
};

struct BatchOutcome {
    std::optional<Problem> problem;  // why the batch could not start (nothing was emitted)
    std::size_t analyses = 0;    // analyses emitted
    std::size_t unassigned = 0;  // rows emitted as errors
};

BatchOutcome run_batch(const LineSource& lines, const BatchSettings& settings,
                       const std::function<void(BatchItem&)>& emit);

// One JSON Lines record: the analysis JSON (analysis_json.hpp) with
// "analysis": name first; for a row that could not be assigned,
// {"analysis", "ok": false, "error", "errors": [{"line", "column", "message", "text"}]}.
std::string batch_json(const BatchItem& item);

}  // namespace metapool
