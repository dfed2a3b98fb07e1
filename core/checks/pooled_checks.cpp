#include "checks/pooled_checks.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "analysis_without_checks.hpp"
#include "checks/precision.hpp"
#include "model/presets.hpp"

namespace metapool {

namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return s;
}

std::string method_display(CommonMethod m) {
    switch (m) {
        case CommonMethod::MH: return "M-H";
        case CommonMethod::IV: return "IV";
        case CommonMethod::PETO: return "Peto";
    }
    return "?";
}

std::string options_text(const Options& o, bool random) {
    std::string s = o.preset.empty() ? "" : "preset=" + o.preset + ";";
    s += "measure=" + to_string(o.measure) + ";method=" + to_string(o.method);
    // R meta's common-effect Q depends on the tau2 estimator (MH-centred with DL).
    if (random || o.preset == "meta") s += ";tau2=" + to_string(o.tau2_method);
    if (random) s += ";hksj=" + std::string(o.hksj ? "yes" : "no");
    s += ";model=" + std::string(random ? "random" : "common");
    return s;
}

// The options under which a configuration is analysed: nothing the printed
// numbers cannot show (no tau2 interval, no sensitivity or funnel analyses).
Options configuration(const Options& user, const std::string& preset, Measure m, CommonMethod method,
                      Tau2Method tau2, bool hksj, double level) {
    Options o;
    if (!preset.empty()) apply_preset(o, preset);
    o.measure = m;
    o.method = method;
    o.tau2_method = tau2;
    o.hksj = hksj;
    o.level = level;
    o.cc = user.cc;
    o.tau2_ci = Tau2Ci::None;
    o.small_study = false;
    o.leave_one_out = false;
    o.cumulative = false;
    return o;
}

// Every printed number of the block against one analysis under one model.
std::vector<CheckedNumber> compare_block(const PrintedPooled& b, const Analysis& a, bool random, double& distance) {
    std::vector<CheckedNumber> out;
    double e1 = 0, n1 = 0, e2 = 0, n2 = 0;
    for (const StudyResult& s : a.studies) {
        if (s.generic) continue;
        e1 += s.e1; n1 += s.n1; e2 += s.e2; n2 += s.n2;
    }
    const Heterogeneity& h = a.heterogeneity;
    const double est = random ? a.random.estimate : a.common.estimate;
    const double lo = random ? a.random.ci_lower : a.common.ci_lower;
    const double hi = random ? a.random.ci_upper : a.common.ci_upper;
    const double z = std::fabs(random ? a.random.z : a.common.z);
    const double p = random ? a.random.p : a.common.p;
    check_if_printed(out, "n1", b.n1, n1);
    check_if_printed(out, "n2", b.n2, n2);
    check_if_printed(out, "events1", b.events1, e1);
    check_if_printed(out, "events2", b.events2, e2);
    check_if_printed(out, "estimate", b.estimate, est);
    check_if_printed(out, "ci_lower", b.lower, lo);
    check_if_printed(out, "ci_upper", b.upper, hi);
    // A common-effect block that prints no Tau2 has none to compare; RevMan
    // prints Tau2 = 0.00 when DL truncates at zero.
    check_if_printed(out, "tau2", b.tau2, h.tau2);
    check_if_printed(out, "Q", b.Q, h.Q);
    check_if_printed(out, "df", b.df, h.df);
    check_if_printed(out, "Q_p", b.Q_p, h.p);
    check_if_printed(out, "I2", b.I2, h.I2);
    // RevMan prints |Z|; metafor prints the signed z.
    const double z_as_printed = b.z.present() && b.z.value < 0 ? -z : z;
    check_if_printed(out, "z", b.z, z_as_printed);
    check_if_printed(out, "p", b.p, p);
    check_if_printed(out, "pi_lower", b.pi_lower, a.random.pi_lower);
    check_if_printed(out, "pi_upper", b.pi_upper, a.random.pi_upper);
    distance = 0;
    const PrintedNumber* printed[] = {&b.n1, &b.n2, &b.events1, &b.events2, &b.estimate, &b.lower, &b.upper, &b.tau2,
                                      &b.Q,  &b.df, &b.Q_p,     &b.I2,      &b.z,        &b.p};
    const double computed[] = {n1, n2, e1, e2, est, lo, hi, h.tau2, h.Q, h.df, h.p, h.I2, z_as_printed, p};
    for (std::size_t i = 0; i < sizeof(computed) / sizeof(computed[0]); ++i) {
        distance += std::min(distance_in_half_units(*printed[i], computed[i]), 100.0);
    }
    return out;
}

int disagreements(const std::vector<CheckedNumber>& numbers) {
    int n = 0;
    for (const CheckedNumber& c : numbers) n += c.agrees ? 0 : 1;
    return n;
}

std::string differences(const std::vector<CheckedNumber>& numbers) {
    std::string s;
    int shown = 0;
    for (const CheckedNumber& c : numbers) {
        if (c.agrees) continue;
        if (shown == 3) { s += "; and more"; break; }
        s += (shown ? "; " : "") + c.name + ": printed " + c.printed + ", computed " + c.computed_text;
        ++shown;
    }
    return s;
}

std::vector<Measure> measures(const PrintedAnalysis& h) {
    if (h.measure == "RR") return {Measure::RR};
    if (h.measure == "OR") return {Measure::OR};
    if (h.measure == "RD") return {Measure::RD};
    return {Measure::RR, Measure::OR, Measure::RD};
}

std::vector<CommonMethod> methods(const PrintedAnalysis& h, Measure m) {
    std::vector<CommonMethod> out;
    if (h.method == "MH") out = {CommonMethod::MH};
    else if (h.method == "IV") out = {CommonMethod::IV};
    else if (h.method == "PETO") out = {CommonMethod::PETO};
    else out = {CommonMethod::MH, CommonMethod::IV, CommonMethod::PETO};
    if (m != Measure::OR) out.erase(std::remove(out.begin(), out.end(), CommonMethod::PETO), out.end());
    return out;
}

// The user's preset first (their choice is the likeliest explanation), then
// RevMan's when the paste is shaped as RevMan prints (`Total (95% CI)`, an
// effect header such as `Odds Ratio M-H, Fixed, 95% CI`), then the presets
// in the README's order, then the metapool defaults.
bool revman_shaped(const PrintedPooled& block, const PrintedAnalysis& header) {
    const auto starts = [](const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; };
    return starts(block.label, "Total (") || starts(block.label, "Subtotal (") ||
           header.text.find("95% CI") != std::string::npos;
}

std::vector<std::string> presets_to_try(const Options& user, bool revman_first) {
    std::vector<std::string> out;
    const auto add = [&out](const std::string& p) {
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    };
    if (!user.preset.empty()) add(user.preset);
    if (revman_first) {
        add("revman5");
        add("revman-web");
    }
    for (const std::string& p : preset_names()) add(p);
    add("");
    return out;
}

struct Best {
    bool found = false;
    int misses = 0;
    int rank = 0;  // position of the preset in the order tried
    double distance = 0;
    Options options;
    bool random = false;
    std::vector<CheckedNumber> numbers;
};

// Closest: fewest disagreeing numbers; then the preset tried first (a
// RevMan-shaped paste is likelier RevMan's with one number mistyped than
// another tool's whose Q happens to fall nearer the typo); then the
// smallest distance (e.g. the tau2 estimator nearest the printed tau2).
bool closer(int misses, int rank, double distance, const Best& best) {
    if (!best.found) return true;
    if (misses != best.misses) return misses < best.misses;
    if (rank != best.rank) return rank < best.rank;
    return distance < best.distance;
}

void consider(const PrintedPooled& block, const Analysis& a, const Options& o, bool random, int rank, PooledCheck& check,
              Best& best, Best& first_match) {
    if (!a.ok()) return;
    double distance = 0;
    std::vector<CheckedNumber> numbers = compare_block(block, a, random, distance);
    const int misses = disagreements(numbers);
    if (misses == 0) {
        check.matches.push_back({o.preset, options_text(o, random), describe_configuration(o, random)});
        if (!first_match.found) first_match = {true, 0, rank, 0, o, random, numbers};
    }
    if (closer(misses, rank, distance, best)) best = {true, misses, rank, distance, o, random, std::move(numbers)};
}

// Presets differ in conventions that often cannot change the result (the
// MH conventions under IV, the RD variance under RR, the zero-cell rules
// without zero cells): the analyses are keyed by the conventions that can,
// and each is run once.
class AnalysisCache {
public:
    AnalysisCache(const ParsedTable& rows, bool pi_printed) : pi_printed_(pi_printed) {
        for (const StudyRow& r : rows.rows) {
            if (!r.generic() && (r.e1 == 0 || r.e2 == 0 || r.e1 == r.n1 || r.e2 == r.n2)) zero_cells_ = true;
        }
    }

    const Analysis& get(const ParsedTable& rows, const Options& o) {
        const std::string k = key(o);
        for (const auto& entry : entries_) {
            if (entry.first == k) return entry.second;
        }
        entries_.emplace_back(k, analysis_without_checks(rows, o));
        return entries_.back().second;
    }

private:
    std::string key(Options o) const {
        const bool mh = o.method == CommonMethod::MH;
        if (o.q_centre == QCentre::MhIfDl) o.q_centre = o.tau2_method == Tau2Method::DL ? QCentre::Common : QCentre::IV;
        if (!mh) {
            o.q_centre = QCentre::Common;
            o.cc_in_mh = false;
            o.dl_q = DlQCentre::IV;
        }
        if (!mh || o.measure != Measure::RD) o.mh_rd_variance = MhRdVariance::SatoGreenlandRobins;
        if (!zero_cells_) {
            o.cc_in_mh = false;
            o.cc_rr = RrCorrection::AllCells;
        }
        if (o.measure != Measure::RR) o.cc_rr = RrCorrection::AllCells;
        if (!pi_printed_) o.pi = PredictionInterval::None;
        std::string k;
        for (int v : {static_cast<int>(o.measure), static_cast<int>(o.method), static_cast<int>(o.tau2_method), int(o.hksj),
                      int(o.hksj_truncate), int(o.cc_in_mh), static_cast<int>(o.cc_rr), static_cast<int>(o.dl_q),
                      static_cast<int>(o.q_centre), static_cast<int>(o.i2), static_cast<int>(o.pi),
                      static_cast<int>(o.mh_rd_variance), static_cast<int>(o.cc_to), int(o.cc_treatment_arm),
                      static_cast<int>(o.drop00)}) {
            k += std::to_string(v) + ",";
        }
        return k + std::to_string(o.cc) + "," + std::to_string(o.level);
    }

    bool pi_printed_;
    bool zero_cells_ = false;
    std::deque<std::pair<std::string, Analysis>> entries_;  // stable references
};

}  // namespace

std::string describe_configuration(const Options& o, bool random) {
    std::string s = std::string(preset_words(o.preset).title) + ", " + method_display(o.method) + " " +
                    (random ? "random-effects " : "common-effect ") + to_string(o.measure);
    if (random) s += " with " + to_string(o.tau2_method) + (o.hksj ? " and HKSJ" : "");
    return s;
}

PooledSearch search_pooled(const PrintedPooled& block, const ParsedTable& rows, const PrintedAnalysis& header,
                           const Options& user) {
    PooledSearch out;
    PooledCheck& check = out.check;
    check.line = block.line;
    check.label = block.label;
    check.group = block.group;
    const double level = header.present ? header.level : user.level;
    const bool try_common = header.model != "random";
    const bool try_random = header.model != "common";
    Best best, first_match;
    AnalysisCache cache(rows, block.pi_lower.present() || block.pi_upper.present());
    const std::vector<std::string> presets = presets_to_try(user, revman_shaped(block, header));
    for (int rank = 0; rank < static_cast<int>(presets.size()); ++rank) {
        const std::string& preset = presets[rank];
        for (Measure m : measures(header)) {
            for (CommonMethod method : methods(header, m)) {
                Options defaults;
                if (!preset.empty()) apply_preset(defaults, preset);
                for (const Spelling<Tau2Method>& estimator : spellings(Tau2Method{})) {  // every τ² estimator
                    const Tau2Method tau2 = estimator.value;
                    // RevMan Web prints its estimator (`Tau² (REML)`): only it is tried for random effects.
                    const bool named = !block.tau2_method.empty() && to_string(tau2) != upper(block.tau2_method);
                    for (bool hksj : {false, true}) {
                        // The common effect does not depend on tau2 or HKSJ,
                        // except R meta's Q, centred on MH with DL only.
                        const bool common_here = try_common && !hksj &&
                                                 (tau2 == defaults.tau2_method || (preset == "meta" && tau2 == Tau2Method::DL));
                        const bool random_here = try_random && !named;
                        if (!random_here && !common_here) continue;
                        const Options o = configuration(user, preset, m, method, tau2, hksj, level);
                        const Analysis& a = cache.get(rows, o);
                        if (common_here) consider(block, a, o, false, rank, check, best, first_match);
                        if (random_here) consider(block, a, o, true, rank, check, best, first_match);
                    }
                }
            }
        }
    }
    const Best& chosen = first_match.found ? first_match : best;
    if (!chosen.found) {
        check.message = check.label + ": metapool cannot analyse these studies under any configuration";
        return out;
    }
    out.found = true;
    out.best = chosen.options;
    out.best_random = chosen.random;
    out.best_analysis = analysis_without_checks(rows, chosen.options);
    check.numbers = chosen.numbers;
    const std::string what = check.label + (check.group.empty() ? "" : " (" + check.group + ")");
    if (first_match.found) {
        check.reproduced = true;
        check.closest = check.matches.front();
        check.message = what + ": reproduced exactly as " + check.matches.front().description + " computes it";
        if (check.matches.size() > 1) {
            check.message += " (" + std::to_string(check.matches.size()) + " configurations reproduce every printed number)";
        }
    } else {
        check.closest = {chosen.options.preset, options_text(chosen.options, chosen.random),
                         describe_configuration(chosen.options, chosen.random)};
        check.message = what + ": no configuration reproduces every printed number; closest: " +
                        check.closest.description + "; differs in " + differences(chosen.numbers);
    }
    return out;
}

}  // namespace metapool
