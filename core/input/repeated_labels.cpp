#include "input/repeated_labels.hpp"

#include <cmath>
#include <cstring>

#include "input/message_text.hpp"

namespace metapool {
namespace {

// A label inside a note: in single quotes, shortened when long.
std::string quoted(std::string_view v) { return show(v, Cut::ToCharacterStart, '\''); }

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h;
}

std::uint64_t bits(double x) {
    std::uint64_t b = 0;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

// A hash of the row's data (its counts, or the effect it reports).
std::uint64_t data_hash(const StudyRow& row) {
    std::uint64_t h = row.generic() ? 1 : 0;
    if (row.generic()) return mix(h, std::hash<std::string>()(row.reported.text));
    for (double x : {row.e1, row.n1, row.e2, row.n2}) h = mix(h, bits(x));
    return h;
}

}  // namespace

bool same_study_data(const StudyRow& a, const StudyRow& b) {
    if (a.generic() != b.generic()) return false;
    if (a.generic()) return a.reported.text == b.reported.text;
    return a.e1 == b.e1 && a.n1 == b.n1 && a.e2 == b.e2 && a.n2 == b.n2;
}

InputProblem RepeatedLabels::rename(StudyRow& row, std::size_t earlier, const std::vector<StudyRow>& rows, int column,
                                    std::string_view text, const Taken& taken) {
    const auto made = families_.try_emplace(earlier);
    Family& family = made.first->second;
    if (made.second) family.by_data.emplace(data_hash(rows[earlier]), earlier);
    // An earlier row of this label with the same data: pasted twice?
    std::size_t twin = static_cast<std::size_t>(-1);
    const std::uint64_t h = data_hash(row);
    const auto range = family.by_data.equal_range(h);
    for (auto it = range.first; it != range.second && twin == static_cast<std::size_t>(-1); ++it) {
        if (same_study_data(rows[it->second], row)) twin = it->second;
    }
    if (twin == static_cast<std::size_t>(-1)) family.by_data.emplace(h, rows.size());
    // The smallest free suffix from the last one given to this label: a
    // label typed as "Smith (2)" elsewhere in the table is never reused.
    std::string label;
    do {
        label = row.label + " (" + std::to_string(family.next_suffix++) + ")";
    } while (taken(label));
    row.pasted_label = row.label;
    row.label = label;

    const StudyRow& first = rows[earlier];
    InputProblem note;
    note.line = row.line;
    note.column = column;
    note.text.assign(text);
    note.message = place(row.line, column);
    if (twin != static_cast<std::size_t>(-1)) {
        note.message += "this row repeats line " + std::to_string(rows[twin].line) +
                        " exactly (label and " + (row.generic() ? "effect" : "counts") +
                        "): it may have been pasted twice; both rows are analysed, this one shown as " +
                        quoted(row.label) + ": delete one of them if they are the same study";
        return note;
    }
    note.message += "the label " + quoted(row.pasted_label) + " is also the label of line " +
                    std::to_string(first.line) + "; both rows are analysed, this one shown as " + quoted(row.label) +
                    " (rename it if another name tells the studies apart)";
    return note;
}

}  // namespace metapool
