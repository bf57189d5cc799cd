// SPDX-License-Identifier: Apache-2.0
// vidata::crop_plan: the lazy form of Resize → Crop → Flip, a source region, an output size and flips, resampled once.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/image_size.hpp>

namespace vidata {

/// What a chain of geometric transforms amounts to, planned before any pixel is touched: take `region`
/// of the source frame, resample it to `output`, then mirror it where `flip_horizontal` /
/// `flip_vertical` say. A geometric transform updates the plan (`t.plan(plan, rng)`) instead of
/// producing an image, so Resize → MultiScaleCrop → Resize → Flip costs one resample, not four.
///
///   auto p = crop_plan::identity({256, 340});   // a 256×340 frame
///   p.resize({224, 298});                        // Resize: only the output size changes
///   p.crop(37, 0, 224, 224);                     // CenterCrop, in the current output's pixels
///   p.flip_horizontally();                       // Flip
///
/// Coordinates are continuous: pixel i covers [i, i + 1), so `region` may be fractional after a resize.
/// Crops are given in the coordinates of the current output, flips included: the methods map them
/// back to source coordinates, which is the point of keeping this arithmetic in one place.
struct crop_plan {
    /// A rectangle in source pixels; (x, y) is its top-left corner.
    struct box {
        double x = 0.0;
        double y = 0.0;
        double width = 0.0;
        double height = 0.0;

        friend constexpr bool operator==(const box&, const box&) = default;
    };

    /// A point in source pixels.
    struct point {
        double x = 0.0;
        double y = 0.0;

        friend constexpr bool operator==(const point&, const point&) = default;
    };

    image_size source{};
    box region{};
    image_size output{};
    bool flip_horizontal = false;
    bool flip_vertical = false;

    /// The plan that changes nothing: the whole frame, at its own size.
    [[nodiscard]] static constexpr crop_plan identity(image_size source) noexcept {
        return {source, {0.0, 0.0, static_cast<double>(source.width), static_cast<double>(source.height)}, source, false, false};
    }

    /// Resize: the output takes size `to`; the region stays. Precondition: `to` is not empty.
    constexpr void resize(image_size to) {
        VIDATA_ASSERT(!to.empty(), "vidata::crop_plan::resize: the output size is empty");
        output = to;
    }

    /// Crop the current output to the `width × height` rectangle at (x, y), in output pixels.
    /// Precondition: the rectangle is non-empty and inside the current output.
    constexpr void crop(int x, int y, int width, int height) {
        VIDATA_ASSERT(width > 0 && height > 0 && x >= 0 && y >= 0 && x + width <= output.width && y + height <= output.height,
                      "vidata::crop_plan::crop: the crop box is empty or outside the current output");
        // A flipped output shows the region mirrored, so a box at x in the output sits at (W - x - w) before the flip.
        const int ux = flip_horizontal ? output.width - x - width : x;
        const int uy = flip_vertical ? output.height - y - height : y;
        const double sx = region.width / output.width;
        const double sy = region.height / output.height;
        region = {region.x + ux * sx, region.y + uy * sy, width * sx, height * sy};
        output = {height, width};
    }

    constexpr void flip_horizontally() noexcept { flip_horizontal = !flip_horizontal; }
    constexpr void flip_vertically() noexcept { flip_vertical = !flip_vertical; }

    /// Where the output point (x, y) (continuous output pixels, flips included) comes from in the source.
    [[nodiscard]] constexpr point to_source(double x, double y) const noexcept {
        const double ux = flip_horizontal ? output.width - x : x;
        const double uy = flip_vertical ? output.height - y : y;
        return {region.x + ux * region.width / output.width, region.y + uy * region.height / output.height};
    }

    /// True when applying the plan would copy the source unchanged.
    [[nodiscard]] constexpr bool is_identity() const noexcept { return *this == identity(source); }

    friend constexpr bool operator==(const crop_plan&, const crop_plan&) = default;
};

// Resize 256×340 → 128×170, crop 100×100 at (10, 20), flip: the region is in source pixels.
static_assert([] {
    auto p = crop_plan::identity({256, 340});
    p.resize({128, 170});
    p.crop(10, 20, 100, 100);
    p.flip_horizontally();
    return p.region == crop_plan::box{20.0, 40.0, 200.0, 200.0} && p.output == image_size{100, 100} &&
           p.to_source(0.0, 0.0) == crop_plan::point{220.0, 40.0};
}());
// Flip then crop selects the mirror image of the box that crop then flip selects.
static_assert([] {
    auto a = crop_plan::identity({100, 200});
    a.flip_horizontally();
    a.crop(10, 0, 50, 100);
    auto b = crop_plan::identity({100, 200});
    b.crop(140, 0, 50, 100);
    b.flip_horizontally();
    return a == b;
}());
static_assert(crop_plan::identity({4, 6}).is_identity());

}  // namespace vidata
