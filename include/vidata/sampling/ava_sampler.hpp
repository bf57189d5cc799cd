// SPDX-License-Identifier: Apache-2.0
// vidata::ava_sampler and vidata::ava_keyframe: MMAction2 0.x SampleAVAFrames (a clip centred on an AVA keyframe).
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

/// What SampleAVAFrames reads of an AVA sample, beyond a video_record: the keyframe's `timestamp` (seconds),
/// the video's `timestamp_start` (AVADataset's default is 900), the frame rate of the extracted frames
/// (AVADataset's `_FPS`, 30) and the shot, `[shot_start, shot_end)` in frames (AVADataset's `shot_info`,
/// `(0, (timestamp_end − timestamp_start) · fps)`). All integers, as MMAction2's `range()` requires.
struct ava_keyframe {
    std::int64_t timestamp = 0;
    std::int64_t timestamp_start = 900;
    std::int64_t fps = 30;
    std::int64_t shot_start = 0;
    std::int64_t shot_end = 0;

    /// AVADataset's shot for a video from `timestamp_start` to `timestamp_end`: `[0, (end − start) · fps)`.
    [[nodiscard]] static constexpr ava_keyframe in_video(std::int64_t timestamp, std::int64_t timestamp_start = 900,
                                                         std::int64_t timestamp_end = 1800, std::int64_t fps = 30) noexcept {
        return {timestamp, timestamp_start, fps, 0, (timestamp_end - timestamp_start) * fps};
    }

    friend constexpr bool operator==(const ava_keyframe&, const ava_keyframe&) = default;
};

/// MMAction2 0.x `SampleAVAFrames`: one clip of `clip_len` frames, `frame_interval` apart, around the keyframe
/// (SlowFast/SlowOnly AVA configs: `clip_len=32, frame_interval=2`, or 4x16):
///
///   ava_sampler s{.clip_len = 32, .frame_interval = 2};
///   frame_indices fi = s(ava_keyframe::in_video(1000), g);
///
/// The centre is `fps·(timestamp − timestamp_start) + 1` (the +1 matches img_00001.jpg with start_index 0);
/// frame k is `centre − (L//2)·I + k·I`; in train mode each frame moves by `randint(−I//2, (I+1)//2)`
/// (Python floor division: {−1, 0} for I = 1 or 2, [−8, 7] for I = 16); then the index is clipped to
/// `[shot_start, shot_end − 1]` and `start_index` is added. MMAction2 draws the moves in test mode as
/// well and discards them; the numpy_random_state policy does the same so that later draws stay in step,
/// vidata::rng draws nothing in test mode. num_clips is 1. MMAction2 also writes `crop_quadruple = [0,0,1,1]`,
/// which belongs to the transforms.
struct ava_sampler {
    std::int64_t clip_len = 1;  ///< required in MMAction2; at least 1
    std::int64_t frame_interval = 2;
    bool test_mode = false;
    std::int64_t start_index = 0;

    static constexpr std::string_view name = "ava_sampler";

    template <sampling_generator G>
    [[nodiscard]] frame_indices operator()(const ava_keyframe& keyframe, G& g) const {
        detail::require_at_least(name, "clip_len", clip_len, 1);
        detail::require_at_least(name, "frame_interval", frame_interval, 1);
        const auto len = static_cast<std::size_t>(clip_len);
        std::vector<std::int64_t> moves(len, 0);
        if (!test_mode || draw_traits<G>::replays_mmaction_stream) {
            const std::int64_t low = detail::floor_div(-frame_interval, 2), high = (frame_interval + 1) / 2;
            for (auto& m : moves) m = draw_traits<G>::randint(g, low, high);
            if (test_mode) moves.assign(len, 0);
        }
        const std::int64_t centre = keyframe.fps * (keyframe.timestamp - keyframe.timestamp_start) + 1;
        const std::int64_t first = centre - (clip_len / 2) * frame_interval;
        std::vector<std::int64_t> flat(len);
        for (std::size_t k = 0; k < len; ++k) {
            const std::int64_t at = first + static_cast<std::int64_t>(k) * frame_interval + moves[k];
            // np.clip(a, lo, hi) is min(max(a, lo), hi): an empty shot gives hi.
            flat[k] = std::min(std::max(at, keyframe.shot_start), keyframe.shot_end - 1) + start_index;
        }
        return frame_indices(1, len, std::move(flat));
    }
};

}  // namespace vidata
