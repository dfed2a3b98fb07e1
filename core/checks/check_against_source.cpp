#include "checks/check_against_source.hpp"

#include <string>
#include <utility>
#include <vector>

#include "analysis_without_checks.hpp"
#include "checks/pooled_checks.hpp"
#include "checks/precision.hpp"
#include "checks/study_checks.hpp"
#include "model/presets.hpp"

namespace metapool {

namespace {

ParsedTable rows_of_block(const ParsedTable& table, const std::string& group) {
    ParsedTable out;
    out.header_line = table.header_line;
    for (const StudyRow& r : table.rows) {
        if (group.empty() || r.group == group) out.rows.push_back(r);
    }
    return out;
}

const StudyResult* study_at_line(const Analysis& a, int line) {
    for (const StudyResult& s : a.studies) {
        if (s.line == line) return &s;
    }
    return nullptr;
}

// Without a printed Total the studies are checked under the printed
// header's measure and method (else the user's), model as printed; a
// RevMan-shaped header (`Risk Ratio M-H, Random, 95% CI`) under RevMan 5's
// conventions unless the user chose a preset (its DL tau2 sets the weights).
Options header_options(const PrintedAnalysis& h, Options o) {
    if (o.preset.empty() && h.text.find("95% CI") != std::string::npos) apply_preset(o, "revman5");
    if (h.measure == "RR") o.measure = Measure::RR;
    if (h.measure == "OR") o.measure = Measure::OR;
    if (h.measure == "RD") o.measure = Measure::RD;
    if (h.method == "MH") o.method = CommonMethod::MH;
    if (h.method == "IV") o.method = CommonMethod::IV;
    if (h.method == "PETO" && o.measure == Measure::OR) o.method = CommonMethod::PETO;
    if (h.present) o.level = h.level;
    o.small_study = o.leave_one_out = o.cumulative = false;
    o.tau2_ci = Tau2Ci::None;
    return o;
}

// `Test for subgroup differences`: the subgroups analysed under the
// configuration that reproduced (or came closest to) the pooled results,
// their test (core/subgroups.cpp: the subgroup estimates pooled by inverse
// variance, as RevMan 5 does for both models; Deeks & Higgins 2010) for the
// model found.
PooledCheck check_subgroup_test(const ParsedTable& table, const PrintedSubgroupTest& printed, const PooledSearch& best) {
    PooledCheck out;
    out.line = printed.line;
    out.label = "Test for subgroup differences";
    ParsedTable grouped = rows_of_block(table, "");
    grouped.group_column = table.group_column > 0 ? table.group_column : 1;
    const Analysis a = analysis_without_checks(grouped, best.best);
    const SubgroupDifferenceTest& t = best.best_random ? a.subgroups.random : a.subgroups.common;
    check_if_printed(out.numbers, "Q", printed.Q, t.Q);
    check_if_printed(out.numbers, "df", printed.df, t.df);
    check_if_printed(out.numbers, "p", printed.p, t.p);
    check_if_printed(out.numbers, "I2", printed.I2, t.I2);
    out.closest = best.check.reproduced ? best.check.matches.front() : best.check.closest;
    out.reproduced = !out.numbers.empty();
    std::string differs;
    for (const CheckedNumber& c : out.numbers) {
        if (c.agrees) continue;
        out.reproduced = false;
        differs += (differs.empty() ? "" : "; ") + c.name + ": printed " + c.printed + ", computed " + c.computed_text;
    }
    if (out.reproduced) {
        out.matches.push_back(out.closest);
        out.message = out.label + ": reproduced as " + out.closest.description + " computes it";
    } else {
        out.message = out.label + ": not reproduced under " + out.closest.description + "; differs in " + differs;
    }
    return out;
}

// Without a measure in the header, the rows' printed effects tell it: the
// measure under which every printed effect and CI follows from its counts
// (when exactly one does), so the pooled search need not try the others.
PrintedAnalysis with_inferred_measure(const ParsedTable& table, PrintedAnalysis header, const Options& options) {
    if (!header.measure.empty()) return header;
    const ParsedTable rows = rows_of_block(table, "");
    std::string found;
    for (Measure m : {Measure::RR, Measure::OR, Measure::RD}) {
        Options o = header_options(header, options);
        o.measure = m;
        if (o.method == CommonMethod::PETO) o.method = CommonMethod::MH;
        const Analysis a = analysis_without_checks(rows, o);
        int checked = 0;
        bool all = true;
        for (const StudyRow& r : table.rows) {
            if (!r.printed.estimate.present()) continue;
            const StudyResult* s = study_at_line(a, r.line);
            ++checked;
            all = all && s != nullptr && agrees_at_printed_precision(r.printed.estimate, s->estimate) &&
                  (!r.printed.lower.present() || agrees_at_printed_precision(r.printed.lower, s->ci_lower)) &&
                  (!r.printed.upper.present() || agrees_at_printed_precision(r.printed.upper, s->ci_upper));
        }
        if (checked == 0) return header;
        if (!all) continue;
        if (!found.empty()) return header;  // more than one fits: search them all
        found = to_string(m);
    }
    header.measure = found;
    return header;
}

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string summarise(const SourceChecks& c) {
    std::string s;
    if (c.studies_checked > 0) {
        if (c.studies_flagged == 0) {
            s = "every printed study row follows from its counts (" + plural(c.studies_checked, "row", "rows") + ")";
        } else {
            s = plural(c.studies_flagged, "study row does", "study rows do") + " not follow from its counts (line";
            s += c.studies_flagged > 1 ? "s" : "";
            bool first = true;
            for (const StudyCheck& st : c.studies) {
                if (st.agrees) continue;
                s += (first ? " " : ", ") + std::to_string(st.line);
                first = false;
            }
            s += ")";
        }
    }
    int reproduced = 0;
    for (const PooledCheck& p : c.pooled) reproduced += p.reproduced ? 1 : 0;
    const int blocks = static_cast<int>(c.pooled.size());
    std::string pooled;
    if (blocks == 1) {
        const PooledCheck& p = c.pooled.front();
        pooled = p.reproduced ? "the " + p.label + " is reproduced as " + p.matches.front().description + " computes it"
                              : "no configuration reproduces the " + p.label + " (closest: " + p.closest.description + ")";
    } else if (blocks > 1) {
        pooled = std::to_string(reproduced) + " of " + std::to_string(blocks) + " printed pooled results reproduced";
    }
    if (!pooled.empty()) s += (s.empty() ? "" : "; ") + pooled;
    if (s.empty()) s = "nothing printed could be checked";
    s[0] = static_cast<char>(s[0] >= 'a' && s[0] <= 'z' ? s[0] - 'a' + 'A' : s[0]);
    return s + ".";
}

}  // namespace

SourceChecks check_against_source(const ParsedTable& table, const Analysis& analysis, const Options& options) {
    SourceChecks out;
    out.present = true;
    out.source = table.printed;
    const PrintedAnalysis& header = table.printed.analysis;
    const PrintedAnalysis search_header =
        table.printed.pooled.empty() ? header : with_inferred_measure(table, header, options);
    std::vector<PooledSearch> searches;
    for (const PrintedPooled& block : table.printed.pooled) {
        searches.push_back(search_pooled(block, rows_of_block(table, block.group), search_header, options));
        out.pooled.push_back(searches.back().check);
    }
    // The studies are checked under the configuration found for the overall
    // Total (else the first block's, else the printed header's).
    const PooledSearch* overall = nullptr;
    for (const PooledSearch& s : searches) {
        if (s.found && s.check.group.empty()) { overall = &s; break; }
    }
    Analysis fallback;
    const Analysis* reference = &analysis;
    bool random = header.model == "random";
    if (overall != nullptr) {
        reference = &overall->best_analysis;
        random = overall->best_random;
    } else if (header.present) {
        fallback = analysis_without_checks(rows_of_block(table, ""), header_options(header, options));
        reference = &fallback;
    }
    const PooledSearch* any_block = overall;
    for (const PooledSearch& s : searches) {
        if (any_block == nullptr && s.found) any_block = &s;
    }
    if (table.printed.subgroup_test.line > 0 && any_block != nullptr) {
        out.pooled.push_back(check_subgroup_test(table, table.printed.subgroup_test, *any_block));
    }
    for (const StudyRow& row : table.rows) {
        if (!row.printed.any()) continue;
        const StudyResult* within = nullptr;
        for (const PooledSearch& s : searches) {
            if (s.found && !s.check.group.empty() && s.check.group == row.group) within = study_at_line(s.best_analysis, row.line);
        }
        const StudyResult* ref = study_at_line(*reference, row.line);
        // No overall Total: a subgroup's own analysis is the reference.
        if (overall == nullptr && within != nullptr) ref = within;
        out.studies.push_back(check_study(row, ref, random, within));
        ++out.studies_checked;
        if (!out.studies.back().agrees) ++out.studies_flagged;
    }
    out.summary = summarise(out);
    return out;
}

}  // namespace metapool
