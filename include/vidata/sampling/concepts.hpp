// SPDX-License-Identifier: Apache-2.0
// The concepts of the sampling area: a generator a sampler can draw from, a record with a frame count, and
// a sampler of records other than video_record.
#pragma once

#include <vidata/core/frame_indices.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/sampling/draw_traits.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace vidata {

/// A generator the samplers can draw from: one with a draw_traits specialisation (vidata::rng,
/// vidata::numpy_random_state, or a user's). Which one a caller passes is the sampler's RNG policy.
template <class G>
concept sampling_generator = requires(G& g, std::int64_t i, double x, std::size_t n) {
    { draw_traits<G>::replays_mmaction_stream } -> std::convertible_to<bool>;
    { draw_traits<G>::randint(g, i, i) } -> std::same_as<std::int64_t>;
    { draw_traits<G>::uniform(g, x, x) } -> std::same_as<double>;
    { draw_traits<G>::choice_without_replacement(g, n, n) } -> std::same_as<std::vector<std::int64_t>>;
};

/// A record that says how many frames it has: video_record, skeleton_record, or any type with an integral
/// `total_frames` member (−1 or any negative value meaning unknown, which samplers reject).
template <class R>
concept frame_counted = requires(const R& r) {
    { r.total_frames } -> std::convertible_to<std::int64_t>;
};

/// A sampler of records of type R drawing from G: `s(record, g)` returns frame_indices. frame_sampler<S>
/// (core/concepts.hpp) is `frame_sampler_for<S, video_record, rng>`; the AVA sampler models
/// `frame_sampler_for<ava_sampler, ava_keyframe>` instead, because a keyframe is not a video_record.
template <class S, class R, class G = rng>
concept frame_sampler_for = std::invocable<const S&, const R&, G&> &&
                            std::same_as<std::invoke_result_t<const S&, const R&, G&>, frame_indices>;

static_assert(sampling_generator<rng> && sampling_generator<numpy_random_state>);
static_assert(!sampling_generator<int>);

}  // namespace vidata
