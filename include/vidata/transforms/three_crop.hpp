// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::three_crop: MMAction2's ThreeCrop, three crops along the long side, the frames crop-major.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <array>
#include <cstring>
#include <string>
#include <utility>

namespace vidata::transforms {

namespace detail {

/// The frames of `in` cut at each box of `boxes` (all of one size), crop-major: every frame of box 0, then every
/// frame of box 1... When `mirrored_copies`, each box's frames are followed by the same frames mirrored left-right
/// (TenCrop). Flow frames are mirrored without inverting x-flow, as MMAction2's TenCrop does.
template <std::size_t N>
[[nodiscard]] clip multi_crop(clip_view in, const std::array<crop_box, N>& boxes, bool mirrored_copies) {
    const std::size_t per_box = mirrored_copies ? 2 : 1;
    const crop_box& b0 = boxes[0];
    clip out(in.frames() * N * per_box, static_cast<std::size_t>(b0.height), static_cast<std::size_t>(b0.width), in.channels());
    const std::size_t block = in.frames() * out.frame_size();
    for (std::size_t k = 0; k < N; ++k) {
        const clip cut = crop_frames(in, boxes[k]);
        std::uint8_t* at = out.data() + k * per_box * block;
        std::memcpy(at, cut.data(), block);
        if (mirrored_copies) std::memcpy(at + block, cut.data(), block);
    }
    if (mirrored_copies)
        for (std::size_t k = 0; k < N; ++k) mirror_frames(out, flip_direction::horizontal, (2 * k + 1) * in.frames(), in.frames());
    return out;
}

/// The multi-crop's result: a sample whose frames are the crops and whose crop count is multiplied.
template <std::size_t N>
[[nodiscard]] video_sample<clip> multi_crop_sample(video_sample<clip> s, const std::array<crop_box, N>& boxes, bool mirrored_copies) {
    s.frames = multi_crop(s.frames, boxes, mirrored_copies);
    s.info.num_crops *= N * (mirrored_copies ? 2 : 1);
    return s;
}

}  // namespace detail

/// ThreeCrop (MMAction2 0.x, the I3D/SlowFast test crops): the crop must span the short side (height == H or
/// width == W; else invalid_argument). Along the other side the offsets are 0, 2·step, step with step =
/// (side − crop) // 2: first, last (at 2·step, one pixel short of the edge when the difference is odd),
/// middle. When both sides match, MMAction2 takes the horizontal branch, so does this.
///
/// Output: the frame count grows threefold, crop-major (crop k is frames [k·F, (k+1)·F)), and the result is a
/// video_sample<clip> whose `info.num_crops` is multiplied by 3, so the count is never lost; given a bare clip,
/// it returns such a sample with default info. Eager only: a lazy value has no overload (apply fuse first).
struct three_crop {
    int width = 0;
    int height = 0;

    constexpr explicit three_crop(int side) : width(side), height(side) {}
    constexpr three_crop(int w, int h) : width(w), height(h) {}

    [[nodiscard]] std::array<crop_box, 3> boxes(image_size s) const {
        detail::require_fits("vidata::transforms::three_crop", width, height, s);
        if (height == s.height) {
            const int step = (s.width - width) / 2;
            return {{{0, 0, width, height}, {2 * step, 0, width, height}, {step, 0, width, height}}};
        }
        if (width == s.width) {
            const int step = (s.height - height) / 2;
            return {{{0, 0, width, height}, {0, 2 * step, width, height}, {0, step, width, height}}};
        }
        throw invalid_argument("vidata::transforms::three_crop: the crop " + std::to_string(width) + "x" + std::to_string(height) +
                               " must span the height or the width of frames of " + std::to_string(s.width) + "x" + std::to_string(s.height));
    }

    [[nodiscard]] video_sample<clip> operator()(video_sample<clip> s, rng& /*g*/) const {
        detail::require_frames(s, "vidata::transforms::three_crop");
        const auto b = boxes(detail::current_size(s));
        return detail::multi_crop_sample(std::move(s), b, false);
    }

    [[nodiscard]] video_sample<clip> operator()(clip c, rng& g) const { return (*this)(video_sample<clip>{std::move(c), {}}, g); }
};

}  // namespace vidata::transforms
