// SPDX-License-Identifier: Apache-2.0
// What the named MMAction2 pipelines share: the Kinetics img_norm_cfg and the stage that drops a sample's info.
#pragma once

#include <vidata/core/rng.hpp>
#include <vidata/transforms/normalize.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <utility>

namespace vidata::mmaction {

/// `img_norm_cfg` of MMAction2's Kinetics RGB configs (ImageNet statistics, RGB order):
/// `mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375], to_bgr=False`.
[[nodiscard]] inline transforms::normalize kinetics_normalize() {
    return transforms::normalize{{123.675f, 116.28f, 103.53f}, {58.395f, 57.12f, 57.375f}, false};
}

/// The frames of a video_sample without the rest of what it carries: the step between a multi-crop
/// (TenCrop, ThreeCrop return samples) and Normalize (which takes frames). FormatShape's settings stand for
/// the clip counts the info held. Draws nothing.
struct frames_only {
    template <class Frames>
    [[nodiscard]] Frames operator()(transforms::video_sample<Frames> sample, rng& /*unused*/) const {
        return std::move(sample.frames);
    }
};

}  // namespace vidata::mmaction
