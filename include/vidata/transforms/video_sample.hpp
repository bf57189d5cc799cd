// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::video_sample: frames on their way through a pipeline, with what MMAction2's results dict says about them.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/image_size.hpp>

#include <array>
#include <cstddef>
#include <vector>

namespace vidata::transforms {

/// Which way a flip mirrors: left-right (`horizontal`, MMAction2's default) or top-bottom (`vertical`).
enum class flip_direction : unsigned char { horizontal, vertical };

/// What MMAction2's `results` dict holds about a clip besides its pixels, as far as transforms read or
/// update it. A transform given a bare `clip` has none of this and behaves as for an RGB clip.
struct clip_info {
    /// The labels; `flip` remaps each through its `flip_label_map` when it flips.
    std::vector<int> labels;
    /// True for optical flow (MMAction2's modality 'Flow'): single-channel frames alternating x-flow and
    /// y-flow, x first; a horizontal flip inverts the x-flow frames (255 − v).
    bool flow = false;
    /// The sampler's clips: the frames are `num_crops` groups of `num_clips × clip_len` frames (what FormatShape
    /// reshapes by). `clip_len == 0` means unknown: one clip of all the frames of a crop.
    std::size_t num_clips = 1;
    std::size_t clip_len = 0;
    /// How many crops the frames hold. ThreeCrop and TenCrop multiply it: the frames become crop-major,
    /// crop k being frames [k·F, (k+1)·F) where F is the frame count before the crop (MMAction2's order).
    std::size_t num_crops = 1;
    /// The decoded size (`original_shape`); left as the source set it.
    image_size original_shape{};
    /// Accumulated resize factors [w, h] in float32, as MMAction2's `scale_factor` (Normalize's flow
    /// `adjust_magnitude` reads it).
    std::array<float, 2> scale_factor{1.f, 1.f};
    /// The crop so far as fractions of the original frame (x, y, w, h), float32, composed by every single crop:
    /// (ox + x·ow, oy + y·oh, w·ow, h·oh). The AVA/LFB heads read it.
    std::array<float, 4> crop_quadruple{0.f, 0.f, 1.f, 1.f};
    /// What the last `flip` decided (MMAction2's `flip` and `flip_direction`).
    bool flip = false;
    flip_direction direction = flip_direction::horizontal;

    friend bool operator==(const clip_info&, const clip_info&) = default;
};

/// Frames and what is known about them: the value a pipeline passes from stage to stage. `Frames` is a
/// `clip` (pixels resampled by each transform) or a `lazy_clip` (the decoded frames and a plan, see lazy.hpp).
///
///   video_sample<> s{decoded, {.labels = {3}, .num_clips = 3, .clip_len = 1}};
///   auto t = ten_crop{224}(std::move(s), g);   // t.frames holds 10 × 3 frames, t.info.num_crops == 10
template <class Frames = clip>
struct video_sample {
    Frames frames;
    clip_info info;
};

}  // namespace vidata::transforms
