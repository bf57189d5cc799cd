// SPDX-License-Identifier: Apache-2.0
// A transform without plan(crop_plan&, rng&) cannot be fused lazily, and the sentence names plan().
// expect: is not a geometric_transform: it has no plan\(crop_plan&, rng&\) const
#include <vidata/core/concepts.hpp>

struct eager_crop {
    vidata::clip operator()(vidata::clip c, vidata::rng&) const { return c; }
};

static_assert(vidata::require_geometric_transform<eager_crop, vidata::clip, 2>());
