// SPDX-License-Identifier: Apache-2.0
// vidata::uniform_sampler: MMAction2 0.x UniformSampleFrames (PoseC3D: one frame from each of clip_len equal parts).
#pragma once

#include <vidata/core/frame_indices.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/sampling/concepts.hpp>
#include <vidata/sampling/draw_traits.hpp>
#include <vidata/sampling/out_of_bound.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vidata {

/// MMAction2 0.x `UniformSampleFrames` (pose_loading.py): a clip of `clip_len` frames spread evenly over the
/// whole video, the sampler of PoseC3D (`UniformSampleFrames(clip_len=48)`, test `num_clips=10`):
///
///   uniform_sampler train{.clip_len = 48};
///   uniform_sampler test{.clip_len = 48, .num_clips = 10, .test_mode = true};
///   frame_indices fi = train(skeleton, g);   // any record with total_frames: skeleton_record, video_record
///
/// One clip, with N frames and L = clip_len:
/// - N < L: a random start s = `randint(0, N)`, frames s, s+1, ..., s+L−1 (taken mod N below);
/// - L ≤ N < 2L: N − L of the L+1 gaps between consecutive frames get one extra frame skipped
///   (`choice(L+1, N−L, replace=False)`), frame k is k plus the skips before it;
/// - 2L ≤ N: part i is `[i·N//L, (i+1)·N//L)`, frame i a uniform draw in part i.
/// Finally indices mod N, plus `start_index`.
///
/// Train mode requires num_clips == 1 (MMAction2 asserts it). Test mode returns num_clips clips (one view):
/// for N < L the starts are 0, 1, ..., C−1 when N < C, else i·N//C; otherwise the train rule C times, drawn
/// from MT19937 seeded with `seed` (MMAction2 calls `np.random.seed(seed)`), so test mode returns exactly
/// MMAction2's indices whatever the RNG policy. With numpy_random_state, which stands for numpy's global
/// state, the caller's generator is reseeded and drawn from as MMAction2 does to the global one (quirk 19 of
/// the spec, reproduced by that policy only); with vidata::rng the caller's stream is left untouched.
/// A video of 0 frames throws in train mode (numpy's `randint(0, 0)` raises too) and gives clips of
/// `start_index` in test mode.
struct uniform_sampler {
    std::int64_t clip_len = 1;  ///< required in MMAction2; at least 1
    std::int64_t num_clips = 1;
    bool test_mode = false;
    std::uint32_t seed = 255;
    std::int64_t start_index = 0;

    static constexpr std::string_view name = "uniform_sampler";

    template <frame_counted R, sampling_generator G>
    [[nodiscard]] frame_indices operator()(const R& record, G& g) const {
        return sample(detail::total_frames_of(record, name), g);
    }

    template <sampling_generator G>
    [[nodiscard]] frame_indices sample(std::int64_t total_frames, G& g) const {
        detail::require_at_least(name, "clip_len", clip_len, 1);
        detail::require_at_least(name, "num_clips", num_clips, 1);
        if (total_frames < 0) detail::reject(name, "total_frames must not be negative");
        std::vector<std::int64_t> flat;
        if (test_mode) {
            if constexpr (std::same_as<G, numpy_random_state>) {
                g.seed(seed);
                test_clips(total_frames, g, flat);
            } else {
                numpy_random_state stream(seed);
                test_clips(total_frames, stream, flat);
            }
        } else {
            if (num_clips != 1) detail::reject(name, "train mode samples one clip (MMAction2 asserts num_clips == 1)");
            if (total_frames == 0) detail::reject(name, "cannot sample a video of 0 frames in train mode (numpy's randint(0, 0) raises)");
            one_clip(total_frames, g, flat);
        }
        for (auto& i : flat) i = detail::floor_mod(i, total_frames) + start_index;
        return frame_indices(static_cast<std::size_t>(num_clips), static_cast<std::size_t>(clip_len), std::move(flat));
    }

private:
    template <class G>
    void one_clip(std::int64_t n, G& g, std::vector<std::int64_t>& out) const {
        const std::int64_t len = clip_len;
        if (n < len) {
            const std::int64_t start = draw_traits<G>::randint(g, 0, n);
            for (std::int64_t k = 0; k < len; ++k) out.push_back(start + k);
        } else if (n < 2 * len) {
            const auto skipped = draw_traits<G>::choice_without_replacement(g, static_cast<std::size_t>(len + 1),
                                                                            static_cast<std::size_t>(n - len));
            std::vector<std::int64_t> skips(static_cast<std::size_t>(len + 1), 0);
            for (const auto s : skipped) skips[static_cast<std::size_t>(s)] = 1;
            std::int64_t before = 0;
            for (std::int64_t k = 0; k < len; ++k) {
                before += skips[static_cast<std::size_t>(k)];
                out.push_back(k + before);
            }
        } else {
            for (std::int64_t i = 0; i < len; ++i) {
                const std::int64_t first = i * n / len, next = (i + 1) * n / len;
                out.push_back(first + draw_traits<G>::randint(g, 0, next - first));
            }
        }
    }

    void test_clips(std::int64_t n, numpy_random_state& stream, std::vector<std::int64_t>& out) const {
        if (n < clip_len) {
            for (std::int64_t i = 0; i < num_clips; ++i) {
                const std::int64_t start = n < num_clips ? i : i * n / num_clips;
                for (std::int64_t k = 0; k < clip_len; ++k) out.push_back(start + k);
            }
            return;
        }
        for (std::int64_t i = 0; i < num_clips; ++i) one_clip(n, stream, out);
    }
};

}  // namespace vidata
