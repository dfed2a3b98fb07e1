// A study label that repeats an earlier row's. Real tables repeat
// labels on purpose: two trials by one author ("Shechter" three times in the
// magnesium trials of dat.egger2001), the comparisons of a multi-arm trial
// ("Breddin et al" twice in dat.anand1999). No row is ever left out for its
// label: the later row is kept under a label no other row has ("Shechter
// (2)"), StudyRow::pasted_label keeps the label as pasted, and a note names
// both lines. A row equal to an earlier one in label and counts (or in the
// effect it reports) is kept too, with a note that it may have been pasted
// twice.
//
// Labels are compared as the parser compares them (ASCII case and runs of
// spaces ignored): the parser finds the earlier row and says which labels
// are taken; this file chooses the new label and words the note.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "input/table.hpp"

namespace metapool {

class RepeatedLabels {
public:
    // Is this label already (by the parser's comparison) a kept row's label?
    using Taken = std::function<bool(const std::string&)>;

    // `row` is about to be kept as rows[rows.size()]; its label repeats the
    // label of rows[earlier]. Gives it a label that no kept row has
    // (`label (2)`, `(3)`, ...), sets pasted_label and returns the note for
    // its line. `column` is the label's field (0 for an automatic "Study N").
    InputProblem rename(StudyRow& row, std::size_t earlier, const std::vector<StudyRow>& rows, int column,
                        std::string_view text, const Taken& taken);

private:
    // The rows sharing one label, known by the index of the first: made at
    // its first repeat, so a table without repeats costs nothing here.
    struct Family {
        int next_suffix = 2;  // so that a label repeated 100,000 times costs linear time
        // Rows by a hash of their data, each data once (the first row with it).
        std::unordered_multimap<std::uint64_t, std::size_t> by_data;
    };
    std::unordered_map<std::size_t, Family> families_;
};

// The same study data: the same four counts, or the same effect as typed.
bool same_study_data(const StudyRow& a, const StudyRow& b);

}  // namespace metapool
