// SPDX-License-Identifier: Apache-2.0
// vidata::segment_sampler: MMAction2 0.x SampleFrames (TSN segment sampling, and the clips of I3D/SlowFast).
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

/// MMAction2 0.x `SampleFrames`: `num_clips` clips of `clip_len` frames, `frame_interval` apart, spread over
/// the video. The settings are MMAction2's parameters, with its defaults:
///
///   segment_sampler tsn{.clip_len = 1, .num_clips = 3};                        // TSN 1x1x3 train
///   segment_sampler tsn_test{.clip_len = 1, .num_clips = 25, .test_mode = true};
///   segment_sampler i3d{.clip_len = 32, .frame_interval = 2, .num_clips = 1};  // I3D 32x2x1
///   frame_indices fi = tsn(record, g);     // g: vidata::rng (reproducible) or numpy_random_state (MMAction2's numbers)
///
/// With N frames, `ocl = clip_len * frame_interval` and C = num_clips, the clip offsets are:
/// - test: `avg = (N − ocl + 1) / C` (real); offset i is `int(i·avg + avg/2)` when N > ocl − 1, else 0.
///   `twice_sample` appends the unshifted `i·avg` (truncated after out-of-bound handling, as numpy's float
///   array is): the result has 2C clips in two views of C; `num_clips` stays C, as in MMAction2.
/// - train, `keep_tail_frames`: `int(i·avg + U(0, avg))` with the real avg when N > ocl − 1, else 0.
/// - train: `avg = (N − ocl + 1) // C`; if avg > 0, `i·avg + randint(avg)` (TSN); else if N > max(C, ocl),
///   C sorted draws of `randint(N − ocl + 1)`; else if avg == 0, `around(i·(N − ocl + 1.0)/C)` (half to even);
///   else 0.
/// Then index = offset + k·frame_interval (k < clip_len), plus `randint(frame_interval)` per frame with
/// `temporal_jitter` (in test mode too, as MMAction2), then `out_of_bound_opt` per clip, then `start_index`
/// (0 for videos, 1 for MMAction2's rawframes; MMAction2 takes it from the dataset, vidata from here).
///
/// A video of 0 frames gives C clips of `start_index` (numpy's integer modulo by zero gives 0; where its
/// float path would give an undefined integer, vidata gives 0 too). Invalid settings or an unknown frame
/// count throw vidata::invalid_argument. The call is const and thread-safe; test mode draws nothing unless
/// `temporal_jitter` is set.
struct segment_sampler {
    std::int64_t clip_len = 1;  ///< required in MMAction2; at least 1
    std::int64_t frame_interval = 1;
    std::int64_t num_clips = 1;
    bool temporal_jitter = false;
    bool twice_sample = false;
    out_of_bound out_of_bound_opt = out_of_bound::loop;
    bool test_mode = false;
    std::int64_t start_index = 0;
    bool keep_tail_frames = false;

    static constexpr std::string_view name = "segment_sampler";

    template <frame_counted R, sampling_generator G>
    [[nodiscard]] frame_indices operator()(const R& record, G& g) const {
        return sample(detail::total_frames_of(record, name), g);
    }

    /// The indices for a video of `total_frames` frames.
    template <sampling_generator G>
    [[nodiscard]] frame_indices sample(std::int64_t total_frames, G& g) const {
        validate();
        if (total_frames < 0) detail::reject(name, "total_frames must not be negative");
        detail::expansion e{clip_len, frame_interval, temporal_jitter, out_of_bound_opt, total_frames, start_index, 1};
        if (test_mode) {
            auto offsets = test_offsets(total_frames);
            if (twice_sample && total_frames > clip_len * frame_interval - 1) {
                e.num_views = 2;
                std::vector<double> both(offsets.begin(), offsets.end());
                const double avg = average_interval(total_frames);
                for (std::int64_t i = 0; i < num_clips; ++i) both.push_back(detail::rounded_product(static_cast<double>(i), avg));
                return detail::expand_offsets(both, e, g);
            }
            return detail::expand_offsets(offsets, e, g);
        }
        return train(total_frames, e, g);
    }

    /// Test-mode clip offsets (the first C; twice_sample's second set is `i·avg` untruncated). No draws.
    [[nodiscard]] constexpr std::vector<std::int64_t> test_offsets(std::int64_t total_frames) const {
        std::vector<std::int64_t> offsets(static_cast<std::size_t>(num_clips), 0);
        if (total_frames > clip_len * frame_interval - 1) {
            const double avg = average_interval(total_frames);
            for (std::int64_t i = 0; i < num_clips; ++i)
                offsets[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(detail::scaled_plus(i, avg, avg / 2.0));
        }
        return offsets;
    }

    /// Throws vidata::invalid_argument naming the first setting out of range.
    void validate() const {
        detail::require_at_least(name, "clip_len", clip_len, 1);
        detail::require_at_least(name, "frame_interval", frame_interval, 1);
        detail::require_at_least(name, "num_clips", num_clips, 1);
    }

private:
    // (N − ocl + 1) / C as a real number, as MMAction2's `/ float(num_clips)`.
    [[nodiscard]] constexpr double average_interval(std::int64_t total_frames) const noexcept {
        return static_cast<double>(total_frames - clip_len * frame_interval + 1) / static_cast<double>(num_clips);
    }

    template <class G>
    [[nodiscard]] frame_indices train(std::int64_t n, const detail::expansion& e, G& g) const {
        const std::int64_t ocl = clip_len * frame_interval;
        const auto count = static_cast<std::size_t>(num_clips);
        std::vector<std::int64_t> offsets(count, 0);
        if (keep_tail_frames) {
            if (n > ocl - 1) {
                const double avg = average_interval(n);
                for (std::int64_t i = 0; i < num_clips; ++i)
                    offsets[static_cast<std::size_t>(i)] =
                        static_cast<std::int64_t>(detail::scaled_plus(i, avg, draw_traits<G>::uniform(g, 0.0, avg)));
            }
            return detail::expand_offsets(offsets, e, g);
        }
        const std::int64_t avg = detail::floor_div(n - ocl + 1, num_clips);
        if (avg > 0) {
            for (std::int64_t i = 0; i < num_clips; ++i)
                offsets[static_cast<std::size_t>(i)] = i * avg + draw_traits<G>::randint(g, 0, avg);
        } else if (n > std::max(num_clips, ocl)) {
            for (auto& o : offsets) o = draw_traits<G>::randint(g, 0, n - ocl + 1);
            std::sort(offsets.begin(), offsets.end());
        } else if (avg == 0) {
            // np.around of a float array: the offsets stay floats until the final astype.
            const double ratio = (static_cast<double>(n - ocl) + 1.0) / static_cast<double>(num_clips);
            std::vector<double> rounded(count);
            for (std::int64_t i = 0; i < num_clips; ++i)
                rounded[static_cast<std::size_t>(i)] =
                    detail::round_half_even(detail::rounded_product(static_cast<double>(i), ratio));
            return detail::expand_offsets(rounded, e, g);
        }
        return detail::expand_offsets(offsets, e, g);
    }
};

}  // namespace vidata
