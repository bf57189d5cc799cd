// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::lazy: the stage that switches a pipeline to lazy geometry (MMAction2's lazy=True).
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/lazy_clip.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <utility>

namespace vidata::transforms {

/// Turns a clip into a lazy_clip (and a video_sample<clip> into a video_sample<lazy_clip>) with the identity
/// plan: the geometric transforms after it plan instead of resampling, until `fuse` resamples once.
///
///   lazy{} → resize{{-1, 256}} → multi_scale_crop{...} → resize{{224, 224}, false} → flip{} → fuse{}
///
/// Lazy and eager draw the same numbers in the same order, so a seed gives the same boxes and flips in both
/// modes; the pixels agree as fuse.hpp states. Draws nothing.
struct lazy {
    [[nodiscard]] lazy_clip operator()(clip c, rng& /*g*/) const { return lazy_clip(std::move(c)); }
    [[nodiscard]] video_sample<lazy_clip> operator()(video_sample<clip> s, rng& /*g*/) const {
        return {lazy_clip(std::move(s.frames)), std::move(s.info)};
    }
};

}  // namespace vidata::transforms
