#include "input/arm_header.hpp"

#include <algorithm>
#include <cctype>

#include "input/message_text.hpp"

namespace metapool {
namespace {

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

template <std::size_t N>
bool one_of(const std::string& w, const char* const (&list)[N]) {
    return std::find_if(std::begin(list), std::end(list), [&](const char* x) { return w == x; }) != std::end(list);
}

// Words that say what a column holds, not which arm: removed from the name.
const char* const kRoleWords[] = {
    "events", "event", "evts", "cases", "case", "deaths", "death", "responders", "response", "x", "r",
    "n", "no", "number", "of", "total", "totals", "tot", "pct", "percent", "patients", "participants",
    "subjects", "randomised", "randomized", "count", "counts", "size", "sample", "arm", "group", "groups",
    "with", "outcome", "outcomes", "all", "nr", "num", "and"};

// Words that make an arm the control (`Usual care`, `Standard of care`, `Sham`).
const char* const kControlWords[] = {
    "placebo", "placebos", "pbo", "control", "controls", "ctrl", "ctl", "sham", "usual", "standard",
    "soc", "vehicle", "comparator", "routine", "dummy", "untreated", "observation", "waitlist", "c"};

// A header field split into words (letters and digits apart: `e1` -> e, 1),
// with the total it prints (`N=55`, `n = 54`) taken out.
struct FieldWords {
    std::vector<std::string> words;  // as printed
    std::uint64_t total = 0;
};

FieldWords split_words(std::string_view v) {
    FieldWords out;
    std::size_t i = 0;
    while (i < v.size()) {
        if (!alnum(v[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        const bool num = digit(v[i]);
        while (j < v.size() && alnum(v[j]) && digit(v[j]) == num) ++j;
        const std::string_view w = v.substr(i, j - i);
        // `N=55`, `n = 54`: a total.
        std::size_t k = j;
        while (k < v.size() && v[k] == ' ') ++k;
        if ((w == "n" || w == "N") && k < v.size() && v[k] == '=') {
            ++k;
            while (k < v.size() && v[k] == ' ') ++k;
            std::size_t e = k;
            std::uint64_t n = 0;
            while (e < v.size() && digit(v[e]) && e - k < 12) n = n * 10 + static_cast<std::uint64_t>(v[e++] - '0');
            if (e > k) {
                out.total = n;
                i = e;
                continue;
            }
        }
        out.words.emplace_back(w);
        i = j;
    }
    return out;
}

enum class Kind { None, Numbered, Control, Other };

struct Arm {
    std::string name;   // as printed, role words removed ("Usual care", "Dupilumab")
    std::string key;    // lower case, to compare
    Kind kind = Kind::None;
    std::uint64_t total = 0;
};

Arm arm_of(std::string_view field) {
    const FieldWords fw = split_words(field);
    Arm arm;
    arm.total = fw.total;
    std::string number;
    bool control = false;
    for (std::size_t i = 0; i < fw.words.size(); ++i) {
        const std::string w = lower(fw.words[i]);
        const std::string next = i + 1 < fw.words.size() ? lower(fw.words[i + 1]) : "";
        if (w == "no" && (next == "treatment" || next == "intervention" || next == "drug")) control = true;
        if (digit(w[0])) {
            if (w == "1" || w == "2") number = w;
            continue;
        }
        if (one_of(w, kRoleWords)) continue;
        control = control || one_of(w, kControlWords);
        arm.name += (arm.name.empty() ? "" : " ") + fw.words[i];
    }
    if (!arm.name.empty() && !number.empty() && (arm.name == "e" || arm.name == "E" || arm.name == "x")) {
        arm.name.clear();  // `e1`, `x2`: the events of arm 1 or 2
    }
    if (arm.name.empty() && !number.empty()) {
        arm.name = "#" + number;
        arm.kind = Kind::Numbered;
    } else if (!arm.name.empty()) {
        arm.kind = control ? Kind::Control : Kind::Other;
    }
    arm.key = lower(arm.name);
    return arm;
}

std::string columns_text(const std::vector<HeaderField>& f, std::size_t from, std::size_t count) {
    std::string cols = count == 1 ? "column " + std::to_string(f[from].column)
                                  : "columns " + std::to_string(f[from].column) + " and " +
                                        std::to_string(f[from + 1].column);
    std::string names;
    for (std::size_t i = from; i < from + count; ++i) names += (i > from ? "', '" : "") + f[i].value;
    return cols + " ('" + names + "')" + (count == 1 ? " is" : " are");
}

}  // namespace

ArmHeader read_arm_header(const std::vector<HeaderField>& all, int line, std::string_view text) {
    ArmHeader h;
    // A label column first when the data columns are an even number.
    std::vector<HeaderField> f(all.begin() + (all.size() % 2 == 1 ? 1 : 0), all.end());
    if (f.size() != 2 && f.size() != 4) return h;
    std::vector<Arm> arms;
    for (const HeaderField& x : f) arms.push_back(arm_of(x.value));
    // `Placebo events, N`: an unnamed column belongs to the arm before it.
    for (std::size_t i = 1; i < arms.size(); ++i) {
        if (arms[i].kind == Kind::None && f.size() == 4 && i % 2 == 1) {
            const std::uint64_t t = arms[i].total;
            arms[i] = arms[i - 1];
            arms[i].total = t;
        }
    }
    const std::size_t per_arm = f.size() / 2;
    const Arm& a = arms[0];
    const Arm& b = arms[per_arm];
    if (per_arm == 2 && (arms[1].key != a.key || arms[3].key != b.key)) return h;
    h.data_columns = static_cast<int>(f.size());
    if (per_arm == 1) {
        h.total[0] = a.total;
        h.total[1] = b.total;
    }
    if (a.kind == Kind::None || b.kind == Kind::None || a.key == b.key) return h;
    h.first = a.name;
    h.second = b.name;
    if (a.kind == Kind::Numbered || b.kind == Kind::Numbered) return h;
    const bool a_control = a.kind == Kind::Control;
    const bool b_control = b.kind == Kind::Control;
    if (b_control && !a_control) return h;  // RevMan's order already
    if (a_control && !b_control) {
        h.swapped = true;
        h.note = problem_at(line, f[0].column,
                            "the header names the control arm first: " + columns_text(f, 0, per_arm) +
                                " read as the control arm and " + columns_text(f, per_arm, per_arm) +
                                " read as the experimental arm, and put in RevMan's order (experimental first), so "
                                "each ratio is " + b.name + " against " + a.name,
                            text);
        return h;
    }
    h.note = problem_at(line, f[0].column,
                        "the header names two arms, '" + a.name + "' and '" + b.name + "', and neither is " +
                            (a_control ? "the only control" : "recognisably the control") + ": " +
                            columns_text(f, 0, per_arm) + " read as the experimental arm (RevMan's order), so each ratio is " +
                            a.name + " against " + b.name + "; if " + a.name + " is the control, put its columns last",
                        text);
    return h;
}

const char* arm_read_as(const ArmHeader& arms, int group) {
    const bool experimental = (group == 0) != arms.swapped;
    return experimental ? "experimental" : "control";
}

}  // namespace metapool
