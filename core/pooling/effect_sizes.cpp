// Large-sample effect sizes for 2x2 tables, as metafor's escalc computes them
// (Viechtbauer 2010, J Stat Softw 36(3); formulas in Fleiss & Berlin 2009,
// "Effect sizes for dichotomous data", Handbook of Research Synthesis):
//   log RR: y = log(p1/p2),            v = 1/a - 1/n1 + 1/c - 1/n2
//   log OR: y = log(a d / (b c)),      v = 1/a + 1/b + 1/c + 1/d
//   RD:     y = p1 - p2,               v = p1(1-p1)/n1 + p2(1-p2)/n2
// where n1, n2, p1, p2 are taken from the corrected cells.
#include "pooling/effect_sizes.hpp"

#include <cmath>

namespace metapool {

EffectSize effect_size(const Cells& t, Measure measure) {
    const double n1 = t.n1(), n2 = t.n2();
    const double p1 = t.a / n1, p2 = t.c / n2;
    switch (measure) {
        case Measure::RR:
            return {std::log(p1) - std::log(p2), 1 / t.a - 1 / n1 + 1 / t.c - 1 / n2};
        case Measure::OR:
            return {std::log(p1 / (1 - p1)) - std::log(p2 / (1 - p2)),
                    1 / t.a + 1 / t.b + 1 / t.c + 1 / t.d};
        case Measure::RD:
            return {p1 - p2, p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2};
    }
    return {std::nan(""), std::nan("")};
}

}  // namespace metapool
