// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::flip: MMAction2's Flip, a mirror with probability flip_ratio, flow-aware, with a label map.
#pragma once

#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <utility>
#include <vector>

namespace vidata::transforms {

/// Flip (MMAction2 0.x): one number is drawn, g.uniform_real(), and the frames are mirrored when it is below
/// `flip_ratio` (always drawn, even for ratios 0 and 1). A video_sample records `flip` and `direction`, maps
/// each label through `flip_label_map` (pairs from → to, as Something-Something's left/right classes) when
/// flipped, and for flow (`info.flow`) inverts the x-flow frames, the even positions, with 255 − v.
/// Flow only flips horizontally: a vertical flip of a flow sample throws invalid_argument, as MMAction2 asserts.
/// Lazy values mirror in their plan; fuse then inverts the flow. Unlike MMAction2's lazy mode, a lazy flip may
/// be followed by crops and resizes (the plan maps them through the mirror). Keypoints and boxes are not
/// carried by these values, so their flipping is not done here.
struct flip {
    double flip_ratio = 0.5;
    flip_direction direction = flip_direction::horizontal;
    std::vector<std::pair<int, int>> flip_label_map{};

    /// Whether this call flips: one draw from `g`.
    [[nodiscard]] bool choose(rng& g) const { return g.uniform_real() < flip_ratio; }

    template <geometric_value V>
    [[nodiscard]] V operator()(V v, rng& g) const {
        if (const clip_info* info = detail::info_of(v); info != nullptr && info->flow && direction != flip_direction::horizontal)
            throw invalid_argument("vidata::transforms::flip: optical flow can only be flipped horizontally");
        const bool flipped = choose(g);
        detail::apply_flip(v, flipped, direction);
        if (clip_info* info = detail::info_of(v); info != nullptr && flipped)
            for (int& label : info->labels)
                for (const auto& [from, to] : flip_label_map)
                    if (label == from) {
                        label = to;
                        break;
                    }
        return v;
    }

    void plan(crop_plan& p, rng& g) const {
        if (!choose(g)) return;
        if (direction == flip_direction::horizontal) p.flip_horizontally();
        else p.flip_vertically();
    }
};

}  // namespace vidata::transforms
