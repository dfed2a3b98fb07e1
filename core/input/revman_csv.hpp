// RevMan 5's exported analysis data ("File > Export > Data and analyses",
// a CSV file; what R's meta::read.rm5 reads): a header naming `Comparison
// Number`, `Outcome Number`, `Subgroup Number`, `Name`, `Data Type`, ...,
// then one row per comparison, outcome, subgroup and study. The outcome's
// row holds its pooled results (`Effect Estimate`, `CI Start`, `CI End`,
// `Weight`, `Q`, `P(Q)`, `I²(Q)`, `Tau²`, `Z`, `P(Z)`, `Qint`, `P(Qint)`,
// `I²(Qint)`, `df`) and its method (`Statistical Method` MH/IV/PETO,
// `Effect Measure` RR/OR/RD, `Analysis Model` Fixed/Random); a subgroup's
// row (Data Type filled, a new Subgroup Number) holds the subgroup's; a
// study row its counts (`Events 1`, `Total 1`, `Events 2`, `Total 2`) and
// its effect, interval and weight as RevMan computed them.
// The first dichotomous outcome is read; a study row of another outcome is
// refused at its Outcome Number with the reason (one outcome at a time).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/table.hpp"

namespace metapool {

struct LineFields;

class RevManCsv {
public:
    // Is `text` the export's header? (Then its columns are remembered.)
    bool header(std::string_view text);
    bool active() const { return active_; }

    enum class Kind { Source, Study, Refused };
    struct Line {
        Kind kind = Kind::Source;
        std::string counts;         // Study: `label<TAB>e1<TAB>n1<TAB>e2<TAB>n2` for the ordinary reader
        std::vector<int> columns;   // Study: the export's column of each of those five fields
        PrintedStudy printed;       // Study: effect, interval and weight as exported
        std::string group;          // Study: its subgroup's name, "" if none
        std::optional<Problem> problem;  // Refused: where (column), and why
    };
    Line read(std::string_view text, int number, ParsedTable& table);

    int studies = 0;

private:
    int col(const char* name) const;
    void read_pooled(const LineFields& lf, int number, PrintedPooled& p) const;
    bool active_ = false;
    std::vector<std::string> names_;
    std::string outcome_;        // `comparison.outcome` being read, "" before the first
    std::string outcome_name_;
    std::string subgroup_;       // Subgroup Number of the current subgroup
    std::string group_;          // its name
    bool outcome_done_ = false;  // the outcome read has ended (another began)
    int total_block_ = -1;
    PrintedSubgroupTest qint_;
};

}  // namespace metapool
