// The few distribution functions the statistics need, from Boost.Math under
// the non-throwing policy. Arguments outside the domain give NaN.
#pragma once

namespace metapool {

double normal_quantile(double p);                  // standard normal
double normal_two_sided_p(double z);               // 2 * P(Z > |z|)
double chi_squared_upper_p(double q, double df);   // P(X > q)
double chi_squared_quantile(double p, double df);  // P(X <= x) = p
double t_quantile(double p, double df);
double t_two_sided_p(double t, double df);         // 2 * P(T > |t|)

}  // namespace metapool
