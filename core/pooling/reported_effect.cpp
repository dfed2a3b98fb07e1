// Generic inverse variance: the standard error from a reported confidence
// interval, as the Cochrane Handbook (Higgins et al., version 6.4, 2023,
// sections 6.3.1 and 6.3.2) obtains it: SE = (upper - lower) / (2 z) for
// differences and SE = (log upper - log lower) / (2 z) for ratios, with z the
// standard normal quantile of the interval's level (1.959964 for 95%); the
// estimate itself is taken as reported (its log for ratios), as RevMan's
// generic inverse-variance outcomes take "ln(effect size)" and its SE.
#include "pooling/reported_effect.hpp"

#include <cmath>

#include "pooling/distributions.hpp"

namespace metapool {

EffectSize reported_effect_size(const ReportedEffect& e) {
    const bool take_log = e.measure != ReportedMeasure::RD && !e.log_scale;
    const auto scale = [take_log](double x) { return take_log ? std::log(x) : x; };
    EffectSize out{scale(e.estimate), std::nan("")};
    double se = e.se;
    if (e.has_interval) {
        const double z = normal_quantile(1 - (1 - e.level) / 2);
        se = (scale(e.upper) - scale(e.lower)) / (2 * z);
    }
    out.v = se * se;
    return out;
}

bool reported_fits(ReportedMeasure reported, Measure m) {
    switch (reported) {
        case ReportedMeasure::RR: return m == Measure::RR;
        case ReportedMeasure::OR: return m == Measure::OR;
        case ReportedMeasure::RD: return m == Measure::RD;
        case ReportedMeasure::None: break;
    }
    return true;
}

std::string reported_measure_name(ReportedMeasure m) {
    switch (m) {
        case ReportedMeasure::RR: return "a risk ratio (RR)";
        case ReportedMeasure::OR: return "an odds ratio (OR)";
        case ReportedMeasure::RD: return "a risk difference (RD)";
        case ReportedMeasure::None: break;
    }
    return "counts";
}

}  // namespace metapool
