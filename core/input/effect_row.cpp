// Which fields of a line are the label and the reported effect
// (effect_row.hpp has the rules).
#include "input/effect_row.hpp"

#include "input/parse_effect.hpp"
#include "input/spaces.hpp"

namespace metapool::input {
namespace {

using std::size_t;
using std::string;
using std::string_view;

Problem at_column(int column, string message) { return Problem{0, column, std::move(message), {}}; }

string split_effect_message(Sep sep) {
    const string what = sep == Sep::Comma ? "comma" : "semicolon";
    return "the " + what + " inside the effect splits the line at " + what +
           "s: write the limits with \"to\", e.g. RR 0.54 (0.40 to 0.72), or put a tab between the label and the effect";
}

// `Smith 2001 RR 0.54 (0.40 to 0.72)`: the effect starts at its measure
// word, the label is what comes before it (a quoted label's quotes removed).
bool space_effect(string_view text, const Fields& f, EffectRow& out) {
    const size_t p = find_effect(text);
    if (p == string_view::npos) return false;
    const string_view before = trim(text.substr(0, p));
    out.has_label = !before.empty();
    if (out.has_label) {
        const Field& first = f.at(0);
        if (first.quoted && first.end <= p) {
            out.label.assign(first.value);
            out.label.append(trim(text.substr(first.end, p - first.end)));
        } else {
            out.label.assign(before);
        }
    }
    out.effect = trim(text.substr(p));
    return true;
}

// A delimited line of more than two fields whose second starts like an
// effect: a separator inside the effect (`RR 0.54 (0.40, 0.72)`, `RR 0,54
// (...)`), or a column after it?
Problem extra_fields(string_view text, Sep sep, const Fields& f) {
    if (sep != Sep::Tab) {
        const EffectParse whole = parse_effect(trim(text.substr(f.at(1).begin)));
        if (!whole.problem) return at_column(2, split_effect_message(sep));
        if (whole.problem->message.compare(0, 15, "unexpected text") != 0) return at_column(2, whole.problem->message);
    }
    return at_column(3, "expected the label and the effect, found " + std::to_string(f.count) +
                            " fields; delete the extra column (" + sep_hint(sep) + ")");
}

}  // namespace

EffectRow find_effect_row(string_view text, Sep sep, const Fields& f) {
    EffectRow out;
    const size_t k = f.count;
    if (sep == Sep::Space) {
        if (!space_effect(text, f, out)) return out;
    } else if (k >= 2 && starts_like_effect(f.at(1).value)) {
        out.has_label = true;
        out.label.assign(f.at(0).value);
        out.effect = f.at(1).value;
    } else if (k == 1 && starts_like_effect(f.at(0).value)) {
        out.effect = f.at(0).value;
    } else {
        // `Jones, OR 1.3 [0.9; 1.8]` is split at the semicolon.
        const size_t p = sep == Sep::Tab ? string_view::npos : find_effect(text);
        if (p == string_view::npos || text.find(sep_char(sep), p) == string_view::npos) return out;
        out.found = true;
        out.problem = at_column(0, split_effect_message(sep));
        return out;
    }
    out.found = true;
    out.column = out.has_label ? 2 : 1;
    if (sep != Sep::Space && k > 2) out.problem = extra_fields(text, sep, f);
    return out;
}

}  // namespace metapool::input
