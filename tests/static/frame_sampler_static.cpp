// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of vidata::frame_sampler: a model satisfies it; a type missing each requirement does not.
#include <vidata/core/concepts.hpp>

#include <vector>

namespace {

using vidata::frame_indices;
using vidata::rng;
using vidata::video_record;

struct first_frames {
    std::size_t clip_len = 8;
    frame_indices operator()(const video_record&, rng&) const { return {}; }
};

struct generic_call {
    frame_indices operator()(const auto&, auto&) const { return {}; }
};

constexpr auto lambda_sampler = [](const video_record&, rng&) { return frame_indices{}; };

struct no_call {};

struct mutable_call {  // a sampler is shared by every loader thread, so its call must be const
    frame_indices operator()(const video_record&, rng&) { return {}; }
};

struct returns_vector {
    std::vector<int> operator()(const video_record&, rng&) const { return {}; }
};

struct takes_record_by_mutable_ref {
    frame_indices operator()(video_record&, rng&) const { return {}; }
};

struct takes_seed_not_rng {
    frame_indices operator()(const video_record&, unsigned) const { return {}; }
};

static_assert(vidata::frame_sampler<first_frames>);
static_assert(vidata::frame_sampler<generic_call>);
static_assert(vidata::frame_sampler<decltype(lambda_sampler)>);
static_assert(vidata::require_frame_sampler<first_frames, 1>());

static_assert(!vidata::frame_sampler<no_call>);
static_assert(!vidata::detail::sampler_callable<no_call>);
static_assert(!vidata::frame_sampler<mutable_call>);
static_assert(!vidata::detail::sampler_callable<mutable_call>);
static_assert(!vidata::frame_sampler<returns_vector>);
static_assert(vidata::detail::sampler_callable<returns_vector> && !vidata::detail::sampler_returns_indices<returns_vector>);
static_assert(!vidata::frame_sampler<takes_record_by_mutable_ref>);
static_assert(!vidata::frame_sampler<takes_seed_not_rng>);
static_assert(!vidata::frame_sampler<int>);

}  // namespace
