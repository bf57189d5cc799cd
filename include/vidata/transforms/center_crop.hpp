// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::center_crop: MMAction2's CenterCrop, the centred width × height box.
#pragma once

#include <vidata/core/crop_plan.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>

namespace vidata::transforms {

/// CenterCrop (MMAction2 0.x): the `width × height` box at left = (W − width) // 2, top = (H − height) // 2.
/// `center_crop{224}` is a square; `center_crop{256, 224}` is (w, h) as MMAction2's tuple. Draws nothing.
/// Throws invalid_argument when the box does not fit (MMAction2 would slice from the far end instead).
struct center_crop {
    int width = 0;
    int height = 0;

    constexpr explicit center_crop(int side) : width(side), height(side) {}
    constexpr center_crop(int w, int h) : width(w), height(h) {}

    [[nodiscard]] crop_box choose(image_size s) const {
        detail::require_fits("vidata::transforms::center_crop", width, height, s);
        return {(s.width - width) / 2, (s.height - height) / 2, width, height};
    }

    template <geometric_value V>
    [[nodiscard]] V operator()(V v, rng& /*g*/) const {
        detail::require_frames(v, "vidata::transforms::center_crop");
        detail::apply_crop(v, choose(detail::current_size(v)));
        return v;
    }

    void plan(crop_plan& p, rng& /*g*/) const {
        const crop_box b = choose(p.output);
        p.crop(b.x, b.y, b.width, b.height);
    }
};

}  // namespace vidata::transforms
