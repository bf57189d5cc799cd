// SPDX-License-Identifier: Apache-2.0
// vidata::loop_padding_sampler: MMAction2 0.x PaddingWithLoop (the first clip_len frames, looped).
#pragma once

#include <vidata/core/frame_indices.hpp>
#include <vidata/sampling/concepts.hpp>
#include <vidata/sampling/out_of_bound.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vidata {

/// MMAction2 0.x `PaddingWithLoop` (pose_loading.py): frames `0, 1, ..., clip_len − 1`, each mod N, one clip.
/// MMAction2 adds no start_index here and still reports `num_clips` as configured, although it makes one
/// clip; vidata returns the one clip it makes. A video of 0 frames gives zeros. Deterministic.
struct loop_padding_sampler {
    std::int64_t clip_len = 1;
    std::int64_t num_clips = 1;  ///< reported by MMAction2, not used

    static constexpr std::string_view name = "loop_padding_sampler";

    template <frame_counted R, sampling_generator G>
    [[nodiscard]] frame_indices operator()(const R& record, G& /*unused: deterministic*/) const {
        return sample(detail::total_frames_of(record, name));
    }

    [[nodiscard]] frame_indices sample(std::int64_t total_frames) const {
        detail::require_at_least(name, "clip_len", clip_len, 1);
        std::vector<std::int64_t> flat(static_cast<std::size_t>(clip_len));
        for (std::int64_t k = 0; k < clip_len; ++k) flat[static_cast<std::size_t>(k)] = detail::floor_mod(k, total_frames);
        return frame_indices(1, static_cast<std::size_t>(clip_len), std::move(flat));
    }
};

}  // namespace vidata
