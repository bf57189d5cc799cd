// SPDX-License-Identifier: Apache-2.0
// vidata::dense_sampler: MMAction2 0.x DenseSampleFrames (clips packed into a window of sample_range frames).
#pragma once

#include <vidata/core/frame_indices.hpp>
#include <vidata/sampling/concepts.hpp>
#include <vidata/sampling/draw_traits.hpp>
#include <vidata/sampling/out_of_bound.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vidata {

/// MMAction2 0.x `DenseSampleFrames`: the C clips start `sample_range // C` frames apart inside a window of
/// `sample_range` frames (TSM's and the I3D "dense" configs):
///
///   dense_sampler train{.clip_len = 1, .num_clips = 8};
///   dense_sampler test{.clip_len = 1, .num_clips = 8, .test_mode = true};   // 10 views of 8 clips
///
/// With `positions = max(1, 1 + N − sample_range)` and `interval = sample_range // C`:
/// - train: the window starts at 0 when positions == 1, else at `randint(0, positions − 1)` (so never at
///   positions − 1: MMAction2's exclusive bound, kept); clip i starts at `(start + i·interval) mod N`;
/// - test: the window starts at each of `linspace(0, positions − 1, num_sample_positions)` truncated to
///   integers, giving `num_sample_positions` views of C clips (MMAction2 returns them as one array and keeps
///   num_clips = C; the views make the count visible).
/// Then SampleFrames' expansion: frames `frame_interval` apart, `temporal_jitter`, `out_of_bound_opt`,
/// `start_index`. A video of 0 frames gives clips of `start_index`. Invalid settings or an unknown frame count
/// throw vidata::invalid_argument.
struct dense_sampler {
    std::int64_t clip_len = 1;  ///< required in MMAction2; at least 1
    std::int64_t frame_interval = 1;
    std::int64_t num_clips = 1;
    std::int64_t sample_range = 64;
    std::int64_t num_sample_positions = 10;
    bool temporal_jitter = false;
    out_of_bound out_of_bound_opt = out_of_bound::loop;
    bool test_mode = false;
    std::int64_t start_index = 0;

    static constexpr std::string_view name = "dense_sampler";

    template <frame_counted R, sampling_generator G>
    [[nodiscard]] frame_indices operator()(const R& record, G& g) const {
        return sample(detail::total_frames_of(record, name), g);
    }

    template <sampling_generator G>
    [[nodiscard]] frame_indices sample(std::int64_t total_frames, G& g) const {
        validate();
        if (total_frames < 0) detail::reject(name, "total_frames must not be negative");
        const std::int64_t positions = std::max<std::int64_t>(1, 1 + total_frames - sample_range);
        const std::int64_t interval = detail::floor_div(sample_range, num_clips);
        detail::expansion e{clip_len, frame_interval, temporal_jitter, out_of_bound_opt, total_frames, start_index, 1};
        std::vector<std::int64_t> offsets;
        if (test_mode) {
            e.num_views = static_cast<std::size_t>(num_sample_positions);
            for (const std::int64_t start : test_starts(positions))
                for (std::int64_t i = 0; i < num_clips; ++i) offsets.push_back(detail::floor_mod(i * interval + start, total_frames));
        } else {
            const std::int64_t start = positions == 1 ? 0 : draw_traits<G>::randint(g, 0, positions - 1);
            for (std::int64_t i = 0; i < num_clips; ++i) offsets.push_back(detail::floor_mod(i * interval + start, total_frames));
        }
        return detail::expand_offsets(offsets, e, g);
    }

    /// `np.linspace(0, positions − 1, num_sample_positions, dtype=int)`: step (positions − 1)/(P − 1) as a
    /// double, k·step truncated, the last one exactly positions − 1.
    [[nodiscard]] constexpr std::vector<std::int64_t> test_starts(std::int64_t positions) const {
        std::vector<std::int64_t> starts(static_cast<std::size_t>(num_sample_positions), 0);
        if (num_sample_positions == 1) return starts;
        const std::int64_t span = positions - 1;
        const double step = static_cast<double>(span) / static_cast<double>(num_sample_positions - 1);
        for (std::int64_t k = 0; k + 1 < num_sample_positions; ++k)
            starts[static_cast<std::size_t>(k)] = static_cast<std::int64_t>(detail::rounded_product(static_cast<double>(k), step));
        starts.back() = span;
        return starts;
    }

    void validate() const {
        detail::require_at_least(name, "clip_len", clip_len, 1);
        detail::require_at_least(name, "frame_interval", frame_interval, 1);
        detail::require_at_least(name, "num_clips", num_clips, 1);
        detail::require_at_least(name, "sample_range", sample_range, 1);
        detail::require_at_least(name, "num_sample_positions", num_sample_positions, 1);
    }
};

}  // namespace vidata
