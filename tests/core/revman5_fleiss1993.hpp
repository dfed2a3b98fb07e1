// RevMan 5's own results for one analysis: Fleiss (1993), aspirin after
// myocardial infarction, M-H fixed-effect odds ratio, as RevMan 5.0.23
// computed it and stored it in its review file (guido-s/meta,
// inst/extdata/Fleiss1993.rm5: DICH_DATA and DICH_OUTCOME; the values the
// file holds to 8 decimals agree with the export Fleiss93_CR.csv). Odds
// ratios and limits on the natural scale, weights in percent.
#pragma once

#include <vector>

namespace metapool::test {

struct RevManStudy {
    const char* label;
    double e1, n1, e2, n2;
    double weight, effect, lower, upper;  // RevMan's stored (unrounded) results
};

// DICH_DATA in RevMan's order (experimental arm first).
inline const std::vector<RevManStudy>& fleiss1993_studies() {
    static const std::vector<RevManStudy> rows = {
        {"MRC-1", 49, 615, 67, 624, 3.176490004091248, 0.7197141500975687, 0.4889745274989256, 1.0593362817898602},
        {"CDP", 44, 758, 64, 771, 3.1016891143394365, 0.6807598039215687, 0.45739090373983604, 1.0132119087766858},
        {"MRC-2", 102, 832, 126, 850, 5.675380442715663, 0.8028701891715591, 0.6064528819242718, 1.062902922672345},
        {"GASP", 32, 317, 38, 309, 1.795484618258711, 0.8007386888273315, 0.4862610363759706, 1.318597213882381},
        {"PARIS", 85, 810, 52, 406, 3.2176243566716805, 0.7981432360742705, 0.5525633542165779, 1.1528680293941878},
        {"AMIS", 246, 2267, 219, 2257, 10.15349122, 1.1327364, 0.93466468, 1.37278298},
        {"ISIS-2", 1570, 8587, 1720, 8600, 72.87984024, 0.89496936, 0.82941758, 0.96570193},
    };
    return rows;
}

// DICH_OUTCOME: the pooled result. RevMan stores |Z|.
struct RevManPooled {
    double effect, lower, upper, chi2, df, p_chi2, i2, z, p_z;
};

inline constexpr RevManPooled kFleiss1993Pooled = {0.8968655609130709, 0.8405144008917793, 0.9569947088336491,
                                                   9.946055983220074,  6,
                                                   0.1269422521561745, 39.67458045558399,  3.287633061337987,
                                                   0.0010103343130005407};

}  // namespace metapool::test
