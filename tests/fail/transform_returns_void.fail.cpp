// SPDX-License-Identifier: Apache-2.0
// A transform that returns nothing is rejected: the next stage would have no value.
// expect: is not a transform of V: its call operator \(V, rng&\) returns void
#include <vidata/core/concepts.hpp>

struct normalise_in_place {
    void operator()(vidata::clip&&, vidata::rng&) const {}
};

static_assert(vidata::require_transform<normalise_in_place, vidata::clip, 3>());
