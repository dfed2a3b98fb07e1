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
//
// The policy is written in Boost's normalised form: Boost's functions
// normalise the policy they are given before calling their internals, and an
// unnormalised type here would instantiate those internals twice (once per
// spelling of the same policy), which costs the page some kilobytes.
//
// CMakeLists.txt also makes errno_on_error Boost's default for every error
// kind, so that the few Boost calls that take no policy (and any internal
// helper that falls back to the default) cannot throw either: with exceptions
// disabled a throw would abort the module, and its message formatting alone
// pulled C++ iostreams into the wasm.
#pragma once

#include <boost/math/policies/policy.hpp>

namespace metapool {

using NoThrowPolicy = boost::math::policies::normalise<boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::denorm_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>,
    boost::math::policies::rounding_error<boost::math::policies::errno_on_error>,
    boost::math::policies::indeterminate_result_error<boost::math::policies::errno_on_error>,
    boost::math::policies::promote_double<false>>>::type;

}  // namespace metapool
