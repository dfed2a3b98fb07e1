// "Check against the source": the numbers a pasted forest-plot or paper
// table printed (core/input/printed.hpp), compared at their printed
// precision with what metapool computes from the counts.
//  * each study's printed effect and CI (and weight, percentages) against
//    the ones recomputed from its counts: a row whose printed numbers do not
//    follow from its counts is flagged (a transcription error in the source
//    or in the paste);
//  * each printed pooled result (estimate, CI, tau2, Q, I2, Z, p) against
//    metapool's under every way of computing it that metapool has (presets,
//    methods, models, tau2 estimators, interval choices): which reproduce
//    it, or the closest and what it differs in.
#pragma once

#include <string>
#include <vector>

#include "input/printed.hpp"

namespace metapool {

// One printed number against metapool's.
struct CheckedNumber {
    std::string name;       // "estimate", "ci_lower", "weight", "tau2", "Q", "I2", "z", "p", ...
    std::string printed;    // as printed ("0.14", "< 0.00001", "51%")
    double computed = 0;    // metapool's value (reporting scale)
    std::string computed_text;  // metapool's value at the printed precision
    bool agrees = false;
};

struct StudyCheck {
    int line = 0;
    std::string label;
    bool agrees = true;                // every printed number agrees
    std::vector<CheckedNumber> numbers;
    std::string message;               // "" when it agrees
};

// A way of computing a pooled result: a preset and what was searched over.
struct Configuration {
    std::string preset;        // "revman5", "metafor", ... ("" = metapool defaults)
    std::string options;       // the option string that reproduces it, e.g. "preset=revman5;method=MH;tau2=DL"
    std::string description;   // "RevMan 5, M-H random-effects RR with DL"
};

struct PooledCheck {
    int line = 0;
    std::string label;         // "Total (95% CI)"
    std::string group;         // "" for the overall result
    bool reproduced = false;   // some configuration reproduces every printed number
    std::vector<Configuration> matches;    // all that reproduce it
    Configuration closest;     // when none does: the one with the fewest differences
    std::vector<CheckedNumber> numbers;    // under the first match (or the closest)
    std::string message;       // one sentence for the user
};

struct SourceChecks {
    bool present = false;       // the paste printed something to check
    int studies_checked = 0;
    int studies_flagged = 0;
    std::vector<StudyCheck> studies;   // rows with printed numbers, in pasted order
    std::vector<PooledCheck> pooled;   // Total, then subtotals, in pasted order
    std::string summary;        // one sentence: the page's and the report's headline
    PrintedSource source;       // the printed numbers read (header, pooled blocks, subgroup test)
};

}  // namespace metapool
