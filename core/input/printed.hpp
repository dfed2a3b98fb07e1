// What a pasted source printed besides the counts: a RevMan / Cochrane
// Library forest-plot table (weights, each study's effect and CI, Total and
// Subtotal rows, heterogeneity and overall-effect lines, the effect column's
// header) or a paper's table (`2/55 (3.6%)`). Plain data, filled by the
// parser (core/input/table_parser.cpp and core/input/), read by the checks
// (core/checks/), which compare them with what metapool computes from the
// counts at the precision they were printed with.
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace metapool {

// A number as printed: its value and its number of decimals, so that it can
// be compared at the printed precision (0.14 has 2 decimals, 51% has 0).
// `relation` is '<' or '>' for `P < 0.00001`, else '='.
struct PrintedNumber {
    double value = std::numeric_limits<double>::quiet_NaN();
    int decimals = -1;    // -1: not printed
    char relation = '=';
    int column = 0;       // 1-based field of the line it was read from (0: not a field of its own)
    bool present() const { return decimals >= 0; }
};

// What the source printed for one study row beside its counts.
struct PrintedStudy {
    PrintedNumber weight;                  // percent of the total weight
    PrintedNumber estimate, lower, upper;  // reporting scale (RR, OR as ratios; RD as a difference)
    PrintedNumber percent1, percent2;      // an arm's events as a percentage of its total (`2/55 (3.6%)`)
    bool any() const {
        return weight.present() || estimate.present() || percent1.present() || percent2.present();
    }
};

// The effect column's header, e.g. `Risk Ratio M-H, Random, 95% CI`: the
// measure, method and model the source used.
struct PrintedAnalysis {
    bool present = false;
    int line = 0;
    std::string text;     // the header field as pasted
    std::string measure;  // "RR", "OR", "RD" or ""
    std::string method;   // "MH", "IV", "PETO" or ""
    std::string model;    // "common" (Fixed), "random" or ""
    double level = 0.95;
};

// A pooled row of the source (`Total (95% CI)`, `Subtotal (95% CI)`) with
// the lines printed under it (`Total events`, `Heterogeneity: ...`, `Test
// for overall effect: ...`). `group` is the subgroup heading it closes, ""
// for the overall total.
struct PrintedPooled {
    int line = 0;             // the Total/Subtotal line (or the first line of the block)
    std::string label;        // "Total (95% CI)", "Subtotal (95% CI)", as pasted
    std::string group;        // the subgroup it belongs to, "" for the overall analysis
    PrintedNumber n1, n2;                  // participants per arm
    PrintedNumber events1, events2;        // `Total events`
    PrintedNumber weight;
    PrintedNumber estimate, lower, upper;  // reporting scale
    PrintedNumber tau2, Q, df, Q_p, I2;    // `Heterogeneity: Tau² = ..; Chi² = .., df = .. (P = ..); I² = ..%`
    std::string tau2_method;               // `Tau² (REML)` as RevMan Web prints it, else ""
    PrintedNumber z, p;                    // `Test for overall effect: Z = .. (P = ..)`
    PrintedNumber pi_lower, pi_upper;      // a printed prediction interval
    std::vector<int> lines;                // every line read into this block
};

// `Test for subgroup differences: Chi² = .., df = .. (P = ..), I² = ..%`.
struct PrintedSubgroupTest {
    int line = 0;
    PrintedNumber Q, df, p, I2;
};

// Everything printed that the parser read; empty when the paste is a plain table.
struct PrintedSource {
    PrintedAnalysis analysis;
    std::vector<PrintedPooled> pooled;
    PrintedSubgroupTest subgroup_test;
    bool any() const { return analysis.present || !pooled.empty() || subgroup_test.line > 0; }
};

}  // namespace metapool
