// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::fuse: realises a lazy plan (crop, resize, flip) with one resample, MMAction2's Fuse.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>
#include <vidata/transforms/lazy_clip.hpp>
#include <vidata/transforms/resample.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <utility>

namespace vidata::transforms {

/// Fuse (MMAction2 0.x): turns a lazy_clip back into a clip with one resample per frame, with the kernel of the
/// last lazy resize (bilinear when there was none), and a video_sample<lazy_clip> into a video_sample<clip>.
///
/// `mode == region_mode::rounded` (the default) is MMAction2's Fuse: the planned region's edges are rounded to
/// whole source pixels, that cut-out is resized to the planned size as cv2.resize would, then mirrored; the
/// result equals MMAction2's lazy pipeline bit for bit. `region_mode::exact` samples the fractional region
/// instead. Where the plan holds only crops and flips the result is a copy, equal to the eager chain byte for
/// byte; where it holds resizes, an eager chain resamples several times and fuse once, so they agree within
/// interpolation error. tests/transforms/fuse_test.cpp bounds it on smooth content (periods of 60 to 110 px) for the
/// eager TSN chain (Resize (−1, 256) → MultiScaleCrop → Resize 224 → Flip) on 320×240 frames, where the first
/// resize makes the planned region fractional: exact mode mean |Δ| ≤ 0.5 and max |Δ| ≤ 3 grey levels (measured
/// worst over 40 items: 0.23 and 2), rounded mode mean ≤ 1.5 and max ≤ 8 (measured 0.98 and 5; its rounding moves
/// the region by up to half a source pixel). On 340×256 frames the first resize is the identity and both modes
/// equal the eager chain byte for byte. Content with detail at the pixel scale differs more: two bilinear passes
/// blur more than one.
///
/// Unlike MMAction2's Fuse, a horizontally mirrored flow sample has its x-flow frames inverted here, as the
/// eager Flip does (MMAction2 forgets it in lazy mode, so its lazy and eager flow pipelines differ).
///
/// It is also a plan_realiser (`fuse(clip, const crop_plan&)`, what vidata::pipeline's `.lazy(fuse{})` calls on
/// the plan of a run of geometric transforms); a bare crop_plan has no kernel, so that form uses `interp`.
struct fuse {
    region_mode mode = region_mode::rounded;
    /// The kernel of the plan_realiser form (a lazy_clip carries its own).
    interpolation interp = interpolation::bilinear;

    [[nodiscard]] clip operator()(clip c, const crop_plan& plan) const {
        if (plan.is_identity()) return c;
        return resample(c, plan, interp, mode);
    }

    [[nodiscard]] clip operator()(lazy_clip c, rng& /*g*/) const {
        if (c.plan.is_identity()) return std::move(c.source);
        return resample(c.source, c.plan, c.interp, mode);
    }

    [[nodiscard]] video_sample<clip> operator()(video_sample<lazy_clip> s, rng& g) const {
        const bool invert_flow = s.info.flow && s.frames.plan.flip_horizontal;
        video_sample<clip> out{(*this)(std::move(s.frames), g), std::move(s.info)};
        if (invert_flow) detail::invert_x_flow(out.frames);
        return out;
    }
};

}  // namespace vidata::transforms
