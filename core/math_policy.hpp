// One non-throwing Boost.Math policy for the whole core.
//
// Boost.Math throws on domain errors by default, and the WebAssembly build has
// C++ exception catching disabled, so any throw would abort the module. With
// this policy a bad argument yields NaN (errno is set), and callers turn NaN
// into status fields and warnings.
//
// promote_double<false>: compute in double rather than long double. On wasm32
// long double is a software 128-bit type (a third of the module's size and
// slow); using the same precision natively keeps native and WebAssembly
// results identical.
#pragma once

#include <boost/math/policies/policy.hpp>

namespace metapool {

using NoThrowPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::denorm_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>,
    boost::math::policies::rounding_error<boost::math::policies::errno_on_error>,
    boost::math::policies::indeterminate_result_error<boost::math::policies::errno_on_error>,
    boost::math::policies::promote_double<false>>;

}  // namespace metapool
