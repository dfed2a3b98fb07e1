#include "checks/study_checks.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "checks/precision.hpp"

namespace metapool {

namespace {

// A study out of the analysis (RevMan: "Not estimable") has no weight: a
// printed 0.0% agrees with it.
double weight_of(const StudyResult* s, bool random) {
    if (s == nullptr) return std::nan("");
    const double w = random ? s->weight_random : s->weight_common;
    return std::isnan(w) && std::isnan(s->y) ? 0.0 : w;
}

std::string name_for_user(const std::string& name) {
    if (name == "estimate") return "effect";
    if (name == "ci_lower") return "lower CI limit";
    if (name == "ci_upper") return "upper CI limit";
    if (name == "percent1") return "percentage of the first arm";
    if (name == "percent2") return "percentage of the second arm";
    return name;
}

}  // namespace

StudyCheck check_study(const StudyRow& row, const StudyResult* reference, bool random,
                       const StudyResult* within_group) {
    StudyCheck out;
    out.line = row.line;
    out.label = row.label;
    const PrintedStudy& p = row.printed;
    if (p.weight.present()) {
        CheckedNumber w = checked_number("weight", p.weight, weight_of(reference, random));
        // A source that weighs each subgroup on its own (RevMan without an
        // overall total) agrees with the subgroup's weights.
        if (!w.agrees && within_group != nullptr) {
            CheckedNumber g = checked_number("weight", p.weight, weight_of(within_group, random));
            if (g.agrees) w = std::move(g);
        }
        out.numbers.push_back(std::move(w));
    }
    check_if_printed(out.numbers, "estimate", p.estimate, reference ? reference->estimate : std::nan(""));
    check_if_printed(out.numbers, "ci_lower", p.lower, reference ? reference->ci_lower : std::nan(""));
    check_if_printed(out.numbers, "ci_upper", p.upper, reference ? reference->ci_upper : std::nan(""));
    check_if_printed(out.numbers, "percent1", p.percent1, row.n1 > 0 ? 100 * row.e1 / row.n1 : std::nan(""));
    check_if_printed(out.numbers, "percent2", p.percent2, row.n2 > 0 ? 100 * row.e2 / row.n2 : std::nan(""));
    std::string differs;
    for (const CheckedNumber& c : out.numbers) {
        if (c.agrees) continue;
        out.agrees = false;
        differs += (differs.empty() ? "" : "; ") + name_for_user(c.name) + " printed " + c.printed + ", computed " +
                   c.computed_text;
    }
    if (!out.agrees) {
        out.message = "line " + std::to_string(row.line) + " (" + row.label +
                      "): the printed numbers do not follow from its counts (" + differs +
                      "): a transcription error in the source or in the paste?";
    }
    return out;
}

}  // namespace metapool
