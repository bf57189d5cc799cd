// SPDX-License-Identifier: Apache-2.0
// A type that cannot be called on the previous stage's value is rejected as a transform of that value.
// expect: is not a transform of V: it has no call operator \(V, rng&\) const
#include <vidata/core/concepts.hpp>
#include <vidata/core/tensor.hpp>

struct tensor_only {
    vidata::float_tensor operator()(vidata::float_tensor t, vidata::rng&) const { return t; }
};

static_assert(vidata::require_transform<tensor_only, vidata::clip, 3>());
