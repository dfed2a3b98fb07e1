// Numbers split by a thousands separator into two fields (thousands.hpp).
#include "input/thousands.hpp"

#include <algorithm>

#include "input/counts.hpp"
#include "input/message_text.hpp"
#include "input/spaces.hpp"

namespace metapool::input {
namespace {

using std::size_t;
using std::string;
using std::string_view;

// Can the adjacent fields a and b be one number written with a thousands
// separator: a of 1-3 digits (no leading 0), then exactly one separator (a
// comma, or one space character), then b of exactly 3 digits?
bool thousands_pair(string_view line, const Field& a, const Field& b, bool comma) {
    if (a.quoted || b.quoted || b.begin <= a.end) return false;
    if (!all_digits(a.value) || a.value.size() > 3 || a.value[0] == '0') return false;
    if (!all_digits(b.value) || b.value.size() != 3) return false;
    const string_view gap = line.substr(a.end, b.begin - a.end);
    return comma ? gap == "," : space_at(line, a.end) == gap.size();
}

}  // namespace

size_t ambiguous_numbers(string_view line, const Fields& f, size_t from, size_t to, bool comma) {
    if (to - from == 5 && f.at(from).value.size() > 3) return string_view::npos;
    for (size_t i = from; i + 1 < to; ++i) {
        if (thousands_pair(line, f.at(i), f.at(i + 1), comma)) return i;
    }
    return string_view::npos;
}

string ambiguous_message(string_view line, const Fields& f, size_t i, bool comma) {
    const Field& a = f.at(i);
    const Field& b = f.at(i + 1);
    return string("cannot tell the label from the counts: ") + show(line.substr(a.begin, b.end - a.begin)) +
           " could be one number with " + (comma ? "a comma" : "a space") + " as thousands separator (" +
           string(a.value) + string(b.value) + ") or two numbers; put the label in double quotes" +
           (comma ? "" : " or separate the fields with tabs or commas") + ", and type counts without separators";
}

string comma_thousands_hint(string_view line, const Fields& f, size_t first) {
    for (size_t i = first; i + 1 < std::min(f.count, kHead); ++i) {
        if (thousands_pair(line, f.at(i), f.at(i + 1), true)) {
            return "if " + show(line.substr(f.at(i).begin, f.at(i + 1).end - f.at(i).begin)) +
                   " is one number, type it without the comma (" + string(f.at(i).value) +
                   string(f.at(i + 1).value) + "), otherwise ";
        }
    }
    return "";
}

}  // namespace metapool::input
