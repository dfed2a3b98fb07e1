// "Show the working": every step a student would do by hand for the current
// analysis, as numbers with the formula next to each. Re-derived from the
// Analysis (the studies' pasted and corrected cells, y, v, the options and
// the pooled results), with the same formulas, in the same order, as the
// files that computed it (continuity_correction, effect_sizes,
// mantel_haenszel, peto, inverse_variance, heterogeneity, tau2_estimators,
// random_effects): the sums reproduce the Analysis's pooled estimates and Q
// to rounding (tests/core/test_show_working.cpp checks 1e-12).
//
// The working is a list of steps; each step is a table (one row per study,
// one column per quantity, with its formula and, where it is summed, the
// sum) followed by lines (a quantity, its formula and its value) that carry
// the sums to the step's result. Formulas are plain Unicode text
// ("w = 1/v"); working_json() writes the whole thing for the page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/analysis.hpp"
#include "model/problem.hpp"

namespace metapool {

struct WorkingColumn {
    std::string key;      // stable name ("w", "R", "q"), unique in its step
    std::string symbol;   // column heading ("w", "R", "w (y − μ)²")
    std::string formula;  // how it is computed ("1/v", "a·d/N"); may be empty
    std::vector<double> values;  // one per row of the step (NaN: not applicable)
    bool summed = false;  // the step's Σ row shows `sum`
    double sum = kNaN;    // sum of `values` in row order, when summed
};

struct WorkingLine {
    std::string key;      // stable name ("sum_R", "y", "se", "Q", "tau2")
    std::string symbol;   // left-hand side ("ln OR_MH")
    std::string formula;  // right-hand side ("ln(ΣR / ΣS)"); may be empty
    double value = kNaN;
    std::string text;     // a remark instead of, or after, the value
};

struct WorkingStep {
    std::string id;       // "effects", "common", "heterogeneity", "tau2", "random"
    std::string title;
    std::vector<std::string> notes;       // the conventions the step follows
    std::vector<std::size_t> rows;        // indices into Analysis::studies
    std::vector<std::string> row_notes;   // one per row ("" or e.g. "corrected")
    std::vector<WorkingColumn> columns;
    std::vector<WorkingLine> lines;

    const WorkingColumn* column(std::string_view key) const;
    const WorkingLine* line(std::string_view key) const;
    // The value of line `key`, NaN when there is no such line.
    double value(std::string_view key) const;
};

struct ShowWorking {
    std::optional<Problem> problem;  // why there is no analysis to show: the analysis's refusal
    bool ok() const { return !problem; }
    std::string measure;       // "RR", "OR", "RD"
    std::vector<std::string> labels;  // of Analysis::studies, by index
    std::vector<int> source_lines;    // their lines in the pasted text
    std::vector<WorkingStep> steps;

    const WorkingStep* step(std::string_view id) const;
};

// The working of `analysis` (its problem when the analysis was refused).
ShowWorking show_working(const Analysis& analysis);

// The JSON form for the page (wasm binding `working`):
// {"ok", "note", "measure", "steps": [{"id", "title", "notes": [..],
//   "columns": [{"key", "symbol", "formula", "summed", "sum"}],
//   "rows": [{"study" (index into studies), "label", "line", "note", "values": [..]}],
//   "lines": [{"key", "symbol", "formula", "value", "text"}]}]}
std::string working_json(const ShowWorking& working);

}  // namespace metapool
