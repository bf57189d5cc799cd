// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of vidata::transform and vidata::geometric_transform.
#include <vidata/core/concepts.hpp>
#include <vidata/core/tensor.hpp>

#include <type_traits>

namespace {

using vidata::clip;
using vidata::crop_plan;
using vidata::float_tensor;
using vidata::rng;

struct to_float {
    float_tensor operator()(const clip&, rng&) const { return {}; }
};

struct in_place_flip {  // takes the clip by value and returns it: works in place on an rvalue
    clip operator()(clip c, rng&) const { return c; }
};

struct center_crop {
    clip operator()(clip c, rng&) const { return c; }
    void plan(crop_plan&, rng&) const {}
};

constexpr auto lambda_transform = [](float_tensor t, rng&) { return t; };

struct returns_void {
    void operator()(const clip&, rng&) const {}
};

struct mutable_call {
    clip operator()(clip c, rng&) { return c; }
};

struct takes_lvalue_ref {  // would not accept the rvalue a pipeline passes
    clip operator()(clip& c, rng&) const { return c; }
};

struct no_rng {
    clip operator()(clip c) const { return c; }
};

struct mutable_plan {
    clip operator()(clip c, rng&) const { return c; }
    void plan(crop_plan&, rng&) {}
};

static_assert(vidata::transform<to_float, clip>);
static_assert(std::is_same_v<vidata::transform_result_t<to_float, clip>, float_tensor>);
static_assert(vidata::transform<in_place_flip, clip>);
static_assert(vidata::transform<decltype(lambda_transform), float_tensor>);
static_assert(!vidata::transform<decltype(lambda_transform), clip>);
static_assert(vidata::geometric_transform<center_crop, clip>);
static_assert(!vidata::geometric_transform<in_place_flip, clip>);
static_assert(vidata::require_transform<to_float, clip, 3>());
static_assert(vidata::require_geometric_transform<center_crop, clip, 3>());

static_assert(!vidata::transform<returns_void, clip>);
static_assert(vidata::detail::transform_callable<returns_void, clip> && !vidata::detail::transform_returns_value<returns_void, clip>);
static_assert(!vidata::transform<mutable_call, clip>);
static_assert(!vidata::transform<takes_lvalue_ref, clip>);
static_assert(!vidata::transform<no_rng, clip>);
static_assert(!vidata::transform<to_float, float_tensor>);
static_assert(!vidata::geometric_transform<mutable_plan, clip>);
static_assert(vidata::transform<mutable_plan, clip> && !vidata::detail::transform_plans<mutable_plan>);

}  // namespace
