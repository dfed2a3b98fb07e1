// Labels of the rows kept, the last step of the pipeline (pasted text ->
// lines -> fields -> cells -> rows -> ParsedTable): a row without a label
// is named, and a row whose label repeats a kept row's is kept under a new
// label with a note (input/repeated_labels.hpp), never left out.
//
//   * Unlabelled rows are named `Study N`, N being the row's position among
//     the data lines (header, blank and comment lines not counted; refused
//     lines counted, so names do not shift while the user fixes errors).
//   * Labels repeat when they are equal ignoring ASCII case and reading runs
//     of spaces as one space: "Shechter  1995" repeats "shechter 1995".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/repeated_labels.hpp"
#include "input/table.hpp"

namespace metapool::input {

// The row's label: `label` as read, or `Study N` (N = `data_row`) when the
// row has none; the problem when the label read is empty.
std::optional<Problem> name_row(std::string& label, bool has_label, int data_row);

// The labels of the kept rows, by their comparison key. `hash` is
// key_hash(label), computed once per row by the caller.
class LabelIndex {
public:
    static std::uint64_t key_hash(std::string_view label);

    void reserve(std::size_t rows);

    // Index of the kept row whose label has the same key as `label`, or npos.
    std::size_t find(std::uint64_t hash, std::string_view label, const std::vector<StudyRow>& rows) const;

    void insert(std::uint64_t hash, std::size_t row);

private:
    // Open addressing over row indices: 100,000 rows cost two flat arrays.
    void place(std::uint64_t h, std::uint32_t value);
    void rehash(std::size_t capacity);

    std::vector<std::uint32_t> slots_;  // row index + 1; 0 = empty
    std::vector<std::uint64_t> hashes_;
    std::size_t used_ = 0;
};

// Adds the rows that were read to the table, renaming repeats.
class KeptRows {
public:
    void reserve(std::size_t rows) { index_.reserve(rows); }

    // `row` is good: it goes to table.rows, renamed (with a note in
    // table.notes) when its label repeats a kept row's. `label_column` is
    // the label's field, 0 for an automatic `Study N`; `text` the line.
    void keep(StudyRow row, int label_column, std::string_view text, ParsedTable& table);

private:
    LabelIndex index_;
    RepeatedLabels repeats_;
};

}  // namespace metapool::input
