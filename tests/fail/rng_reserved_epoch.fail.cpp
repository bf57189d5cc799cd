// SPDX-License-Identifier: Apache-2.0
// The epoch reserved for plain rng(seed, stream) streams is refused, at compile time where the call is constant.
// expect: vidata::detail::assertion_failed
#include <vidata/core/rng.hpp>

constexpr auto g = vidata::rng::for_item(1, vidata::rng::reserved_epoch, 0);
