// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::random_crop: MMAction2's RandomCrop, a square of a given side at a random offset.
#pragma once

#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>

#include <string>

namespace vidata::transforms {

/// RandomCrop (MMAction2 0.x): a `size × size` square. The offsets are drawn y first, then x, each from
/// [0, side − size − 1] — numpy's randint(0, side − size) excludes its upper end, so the crop never touches
/// the far edge — and only when the side is longer than `size` (nothing is drawn for an exact fit).
/// Throws invalid_argument when the square does not fit.
struct random_crop {
    int size = 0;

    /// The box this crop takes from frames of `s`, drawing from `g`.
    [[nodiscard]] crop_box choose(image_size s, rng& g) const {
        detail::require_fits("vidata::transforms::random_crop", size, size, s);
        crop_box b{0, 0, size, size};
        if (s.height > size) b.y = g.uniform_int(0, s.height - size - 1);
        if (s.width > size) b.x = g.uniform_int(0, s.width - size - 1);
        return b;
    }

    template <geometric_value V>
    [[nodiscard]] V operator()(V v, rng& g) const {
        detail::require_frames(v, "vidata::transforms::random_crop");
        detail::apply_crop(v, choose(detail::current_size(v), g));
        return v;
    }

    void plan(crop_plan& p, rng& g) const {
        const crop_box b = choose(p.output, g);
        p.crop(b.x, b.y, b.width, b.height);
    }
};

}  // namespace vidata::transforms
