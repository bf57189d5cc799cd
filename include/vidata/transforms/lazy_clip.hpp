// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::lazy_clip: decoded frames and the crop_plan that geometric transforms build on them, resampled once by fuse.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/transforms/interpolation.hpp>

#include <utility>

namespace vidata::transforms {

/// The lazy form of a clip (MMAction2's `lazy=True` + `results['lazy']`): the frames as decoded, untouched,
/// and the plan the geometric transforms so far amount to. `lazy{}` makes one from a clip; geometric
/// transforms given one update `plan` instead of touching pixels; `fuse{}` turns it back into a clip with a
/// single resample. Every type-level rule follows: a multi-crop or a photometric transform has no overload for
/// a lazy_clip, so forgetting `fuse` is a compile error, where MMAction2 asserts at run time.
struct lazy_clip {
    clip source;
    crop_plan plan;
    /// The kernel `fuse` resamples with: the last lazy Resize's (MMAction2 records `interpolation` the same way),
    /// bilinear when no resize ran.
    interpolation interp = interpolation::bilinear;

    lazy_clip() = default;
    /// `frames` with the identity plan.
    explicit lazy_clip(clip frames)
        : source(std::move(frames)),
          plan(crop_plan::identity({static_cast<int>(source.height()), static_cast<int>(source.width())})) {}
};

}  // namespace vidata::transforms
