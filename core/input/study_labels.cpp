// Labels of the kept rows (study_labels.hpp): naming unlabelled rows, and
// finding a repeated label in time linear in the paste.
#include "input/study_labels.hpp"

#include <utility>

#include "input/spaces.hpp"

namespace metapool::input {
namespace {

using std::size_t;
using std::string_view;

// A label's comparison key: ASCII letters lower-cased, runs of spaces read
// as one space. The key is never built; it is read byte by byte.
struct KeyCursor {
    string_view s;
    size_t i = 0;

    int next() {
        if (i >= s.size()) return -1;
        size_t l = space_at(s, i);
        if (l > 0) {
            while (i < s.size() && (l = space_at(s, i)) > 0) i += l;
            return i < s.size() ? ' ' : -1;
        }
        const char c = s[i++];
        return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : static_cast<unsigned char>(c);
    }
};

}  // namespace

std::uint64_t LabelIndex::key_hash(string_view label) {
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a
    KeyCursor c{label};
    for (int b = c.next(); b >= 0; b = c.next()) {
        h ^= static_cast<std::uint64_t>(b);
        h *= 1099511628211ULL;
    }
    return h;
}

namespace {

bool same_key(string_view a, string_view b) {
    KeyCursor x{a};
    KeyCursor y{b};
    for (;;) {
        const int p = x.next();
        const int q = y.next();
        if (p != q) return false;
        if (p < 0) return true;
    }
}

size_t capacity_for(size_t n) {
    size_t c = 16;
    while (c < n * 2) c *= 2;
    return c;
}

}  // namespace

std::optional<Problem> name_row(std::string& label, bool has_label, int data_row) {
    if (!has_label) {
        label = "Study " + std::to_string(data_row);
    } else if (label.empty()) {
        return Problem{0, 1, "the label is empty; type a name for this study", {}};
    }
    return std::nullopt;
}

void LabelIndex::reserve(size_t rows) { rehash(capacity_for(rows)); }

size_t LabelIndex::find(std::uint64_t h, string_view label, const std::vector<StudyRow>& rows) const {
    if (slots_.empty()) return string_view::npos;
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
        if (slots_[i] == 0) return string_view::npos;
        const size_t row = slots_[i] - 1;
        if (hashes_[i] == h && same_key(rows[row].label, label)) return row;
    }
}

void LabelIndex::insert(std::uint64_t h, size_t row) {
    if ((used_ + 1) * 2 > slots_.size()) rehash(capacity_for(used_ + 1));
    place(h, static_cast<std::uint32_t>(row + 1));
    ++used_;
}

void LabelIndex::place(std::uint64_t h, std::uint32_t value) {
    const size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>(h) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = value;
    hashes_[i] = h;
}

void LabelIndex::rehash(size_t capacity) {
    if (capacity <= slots_.size()) return;
    std::vector<std::uint32_t> old_slots(capacity, 0);
    std::vector<std::uint64_t> old_hashes(capacity, 0);
    old_slots.swap(slots_);
    old_hashes.swap(hashes_);
    for (size_t i = 0; i < old_slots.size(); ++i) {
        if (old_slots[i] != 0) place(old_hashes[i], old_slots[i]);
    }
}

void KeptRows::keep(StudyRow row, int label_column, string_view text, ParsedTable& table) {
    std::vector<StudyRow>& rows = table.rows;
    std::uint64_t h = LabelIndex::key_hash(row.label);
    const size_t earlier = index_.find(h, row.label, rows);
    if (earlier != string_view::npos) {
        const auto taken = [&](const std::string& l) {
            return index_.find(LabelIndex::key_hash(l), l, rows) != string_view::npos;
        };
        table.notes.push_back(repeats_.rename(row, earlier, rows, label_column, text, taken));
        h = LabelIndex::key_hash(row.label);
    }
    rows.push_back(std::move(row));
    index_.insert(h, rows.size() - 1);
}

}  // namespace metapool::input
