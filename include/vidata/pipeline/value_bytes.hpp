// SPDX-License-Identifier: Apache-2.0
// vidata::value_bytes: how many bytes a pipeline value holds, so that a loader can bound and report its memory.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/tensor.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <ranges>

namespace vidata {

/// The bytes a value owns on the heap and inline: what keeping it in flight costs. It is an estimate
/// that ignores allocator slack, which is what a memory bound needs to be honest about the pixels.
///
///   value_bytes(clip(8, 224, 224, 3))        // 1,204,224
///   value_bytes(float_tensor({3, 224, 224})) // 602,112
///
/// Customisation, in order: a member `byte_size()` (a value type of your own); a clip, frame_indices or
/// vidata::tensor (or a type derived from one, as layout_tensor); a skeleton record (its keypoints and
/// scores); a transforms::video_sample or lazy_clip (the frames they hold); a range of such values (the sum);
/// otherwise sizeof.
template <class V>
[[nodiscard]] constexpr std::size_t value_bytes(const V& value) {
    if constexpr (requires { { value.byte_size() } -> std::convertible_to<std::size_t>; }) {
        return static_cast<std::size_t>(value.byte_size());
    } else if constexpr (std::same_as<V, clip>) {
        return value.size();
    } else if constexpr (std::same_as<V, frame_indices>) {
        return value.size() * sizeof(frame_indices::value_type);
    } else if constexpr (requires { typename V::value_type; requires std::derived_from<V, tensor<typename V::value_type>>; }) {
        return value.size() * sizeof(typename V::value_type) + value.rank() * sizeof(std::size_t);
    } else if constexpr (requires { value.keypoint.size(); value.keypoint_score.size(); }) {
        // A skeleton record: its keypoints and scores.
        return value_bytes(value.keypoint) + value_bytes(value.keypoint_score);
    } else if constexpr (requires { value.frames; value.info; }) {
        // A transforms::video_sample: its frames (the info is small and sizeof counts it).
        return value_bytes(value.frames) + sizeof(V) - sizeof(value.frames);
    } else if constexpr (requires { value.source; value.plan; }) {
        // A transforms::lazy_clip: the decoded frames it still holds.
        return value_bytes(value.source) + sizeof(V) - sizeof(value.source);
    } else if constexpr (std::ranges::input_range<const V>) {
        std::size_t total = 0;
        for (const auto& element : value) total += value_bytes(element);
        return total;
    } else {
        return sizeof(V);
    }
}

}  // namespace vidata
