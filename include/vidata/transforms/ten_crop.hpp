// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::ten_crop: MMAction2's TenCrop, four corners and the centre, each followed by its mirror image.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>
#include <vidata/transforms/three_crop.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <array>
#include <utility>

namespace vidata::transforms {

/// TenCrop (MMAction2 0.x, the TSN test crops): with step = (W − w) // 4 and (H − h) // 4, the positions upper
/// left (0, 0), upper right (4·step, 0), lower left (0, 4·step), lower right (4·step, 4·step) and centre
/// (2·step, 2·step); each position's crops are followed by the same crops mirrored left-right.
///
/// Output: ten crop groups, crop-major: [UL, UL mirrored, UR, UR mirrored, LL, LL mirrored, LR, LR mirrored,
/// C, C mirrored], each F frames, in a video_sample<clip> whose `info.num_crops` is multiplied by 10 (a bare
/// clip becomes such a sample). As in MMAction2, the mirrored copies of flow are not inverted (a plain mirror),
/// and `info.flip` is not touched. Eager only. Throws invalid_argument when the crop does not fit.
struct ten_crop {
    int width = 0;
    int height = 0;

    constexpr explicit ten_crop(int side) : width(side), height(side) {}
    constexpr ten_crop(int w, int h) : width(w), height(h) {}

    /// The five positions, in output order (each is used twice: plain, then mirrored).
    [[nodiscard]] std::array<crop_box, 5> boxes(image_size s) const {
        detail::require_fits("vidata::transforms::ten_crop", width, height, s);
        const int ws = (s.width - width) / 4, hs = (s.height - height) / 4;
        return {{{0, 0, width, height}, {4 * ws, 0, width, height}, {0, 4 * hs, width, height}, {4 * ws, 4 * hs, width, height},
                 {2 * ws, 2 * hs, width, height}}};
    }

    [[nodiscard]] video_sample<clip> operator()(video_sample<clip> s, rng& /*g*/) const {
        detail::require_frames(s, "vidata::transforms::ten_crop");
        const auto b = boxes(detail::current_size(s));
        return detail::multi_crop_sample(std::move(s), b, true);
    }

    [[nodiscard]] video_sample<clip> operator()(clip c, rng& g) const { return (*this)(video_sample<clip>{std::move(c), {}}, g); }
};

}  // namespace vidata::transforms
