#include "pooling/distributions.hpp"

#include <cmath>
#include <limits>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "pooling/math_policy.hpp"

namespace metapool {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
bool is_probability(double p) { return p > 0 && p < 1; }
}  // namespace

double normal_quantile(double p) {
    if (!is_probability(p)) return kNan;
    return boost::math::quantile(boost::math::normal_distribution<double, NoThrowPolicy>(), p);
}

double normal_two_sided_p(double z) {
    if (std::isnan(z)) return kNan;
    boost::math::normal_distribution<double, NoThrowPolicy> n;
    if (std::isinf(z)) return 0.0;
    return 2 * boost::math::cdf(boost::math::complement(n, std::fabs(z)));
}

double chi_squared_upper_p(double q, double df) {
    if (std::isnan(q) || !(df > 0) || std::isinf(df)) return kNan;
    if (q <= 0) return 1.0;
    if (std::isinf(q)) return 0.0;
    boost::math::chi_squared_distribution<double, NoThrowPolicy> chi(df);
    return boost::math::cdf(boost::math::complement(chi, q));
}

double chi_squared_quantile(double p, double df) {
    if (!is_probability(p) || !(df > 0) || std::isinf(df)) return kNan;
    boost::math::chi_squared_distribution<double, NoThrowPolicy> chi(df);
    return boost::math::quantile(chi, p);
}

double t_quantile(double p, double df) {
    if (!is_probability(p) || !(df > 0)) return kNan;
    boost::math::students_t_distribution<double, NoThrowPolicy> t(df);
    return boost::math::quantile(t, p);
}

double t_two_sided_p(double t, double df) {
    if (std::isnan(t) || !(df > 0)) return kNan;
    if (std::isinf(t)) return 0.0;
    boost::math::students_t_distribution<double, NoThrowPolicy> dist(df);
    return 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
}

}  // namespace metapool
