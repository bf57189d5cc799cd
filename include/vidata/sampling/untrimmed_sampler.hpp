// SPDX-License-Identifier: Apache-2.0
// vidata::untrimmed_sampler: MMAction2 0.x UntrimmedSampleFrames (a clip every frame_interval frames, for feature extraction).
#pragma once

#include <vidata/core/frame_indices.hpp>
#include <vidata/sampling/concepts.hpp>
#include <vidata/sampling/out_of_bound.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vidata {

/// MMAction2 0.x `UntrimmedSampleFrames`: clips centred on frames `I//2, I//2 + I, ...` below N (the
/// feature-extraction sampler of untrimmed videos), each `clip_len` consecutive frames
/// `centre − L//2, ..., centre + L − L//2 − 1` clipped to `[0, N − 1]`, plus `start_index`.
///
///   untrimmed_sampler s{.clip_len = 1, .frame_interval = 16};
///
/// The number of clips depends on the video (MMAction2 writes it to `num_clips` per video): a video of N
/// frames has `ceil((N − I//2) / I)` clips, none when N ≤ I//2. Deterministic: it draws nothing.
struct untrimmed_sampler {
    std::int64_t clip_len = 1;
    std::int64_t frame_interval = 16;
    std::int64_t start_index = 0;

    static constexpr std::string_view name = "untrimmed_sampler";

    template <frame_counted R, sampling_generator G>
    [[nodiscard]] frame_indices operator()(const R& record, G& /*unused: deterministic*/) const {
        return sample(detail::total_frames_of(record, name));
    }

    [[nodiscard]] frame_indices sample(std::int64_t total_frames) const {
        detail::require_at_least(name, "clip_len", clip_len, 1);
        detail::require_at_least(name, "frame_interval", frame_interval, 1);
        if (total_frames < 0) detail::reject(name, "total_frames must not be negative");
        std::vector<std::int64_t> flat;
        std::size_t clips = 0;
        for (std::int64_t centre = frame_interval / 2; centre < total_frames; centre += frame_interval, ++clips)
            for (std::int64_t k = -(clip_len / 2); k < clip_len - clip_len / 2; ++k)
                flat.push_back(std::clamp<std::int64_t>(centre + k, 0, total_frames - 1) + start_index);
        return frame_indices(clips, static_cast<std::size_t>(clip_len), std::move(flat));
    }
};

}  // namespace vidata
