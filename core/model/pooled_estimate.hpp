// What every pooling method returns on the analysis scale, with the raw
// (unnormalised) weight each table carried. A method that is undefined for
// the data (e.g. no events at all) leaves y and se NaN.
#pragma once

#include <cmath>
#include <vector>

namespace metapool {

struct PooledEstimate {
    double y = std::nan("");
    double se = std::nan("");
    std::vector<double> weights;  // one per table passed in
    bool defined() const { return std::isfinite(y) && std::isfinite(se) && se > 0; }
};

}  // namespace metapool
