// SPDX-License-Identifier: Apache-2.0
// Resize, crops and Flip applied to a skeleton record's keypoints, as MMAction2 0.x's transforms do when the results hold keypoints.
#pragma once

#include <vidata/core/image_size.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/generate_pose_target.hpp>
#include <vidata/transforms/geometric_value.hpp>
#include <vidata/transforms/resize.hpp>

#include <cstddef>
#include <utility>
#include <vector>

// PoseC3D's pipelines resize, crop and flip keypoints, not pixels: the heatmaps are drawn afterwards, at the final
// size. The geometric transforms of transforms/ carry pixels, so these stages reuse their decisions (the output
// size, the crop box, whether to flip: the same draws) and apply them to `keypoint` and `img_shape`.
namespace vidata::mmaction {

namespace detail {

// Adds (dx, dy) to, or multiplies (fx, fy) into, the x and y of every keypoint (the first two coordinates).
template <class F>
void for_each_xy(skeleton_record& r, F&& f) {
    const std::size_t coords = r.num_coordinates();
    if (coords < 2) return;
    float* kp = r.keypoint.data();
    for (std::size_t i = 0, n = r.keypoint.size() / coords; i < n; ++i, kp += coords) f(kp[0], kp[1]);
}

}  // namespace detail

/// MMAction2's Resize on keypoints: `img_shape` becomes the resize's output size and every keypoint is
/// multiplied by the float32 factors [new_w / w, new_h / h] (undetected zeros stay zero). Draws nothing.
struct keypoint_resize {
    transforms::resize resize;

    [[nodiscard]] skeleton_record operator()(skeleton_record r, rng& /*unused*/) const {
        const image_size in = r.img_shape, out = resize.output_size(in);
        const auto fx = static_cast<float>(static_cast<double>(out.width) / in.width);
        const auto fy = static_cast<float>(static_cast<double>(out.height) / in.height);
        detail::for_each_xy(r, [&](float& x, float& y) {
            x *= fx;
            y *= fy;
        });
        r.img_shape = out;
        return r;
    }
};

/// MMAction2's crops on keypoints (CenterCrop, RandomResizedCrop, RandomCrop): the crop chooses its box for a
/// frame of `img_shape` (drawing what it draws for pixels), every keypoint moves by minus the box's corner
/// (zeros too, as MMAction2's `kps - crop_bbox[:2]`) and `img_shape` becomes the box's size.
template <class Crop>
struct keypoint_crop {
    Crop crop;

    [[nodiscard]] skeleton_record operator()(skeleton_record r, rng& g) const {
        transforms::crop_box box;
        if constexpr (requires { crop.choose(r.img_shape, g); }) box = crop.choose(r.img_shape, g);
        else box = crop.choose(r.img_shape);
        const auto dx = static_cast<float>(box.x), dy = static_cast<float>(box.y);
        detail::for_each_xy(r, [&](float& x, float& y) {
            x -= dx;
            y -= dy;
        });
        r.img_shape = {box.height, box.width};
        return r;
    }
};

/// MMAction2's Flip on keypoints (`left_kp`, `right_kp`): one draw decides as transforms::flip decides; when it
/// flips, x ↦ W − x for every non-zero x and the left and right keypoints (and their scores) swap places.
struct keypoint_flip {
    transforms::flip flip;
    std::vector<std::size_t> left_kp = transforms::coco17_left_keypoints;
    std::vector<std::size_t> right_kp = transforms::coco17_right_keypoints;

    [[nodiscard]] skeleton_record operator()(skeleton_record r, rng& g) const {
        if (!flip.choose(g)) return r;
        transforms::generate_pose_target mirror;
        mirror.left_kp = left_kp;
        mirror.right_kp = right_kp;
        return mirror.flipped(std::move(r));
    }
};

}  // namespace vidata::mmaction
