// SPDX-License-Identifier: Apache-2.0
// vidata::image_size: the height and width of a frame, in that order, as numpy shapes and PYSKL store them.
#pragma once

namespace vidata {

/// The size of a frame in pixels. Height comes first, as in a numpy shape `(H, W)`, PYSKL's `img_shape`
/// and JHMDB's `resolution`; a default-constructed size is empty.
struct image_size {
    int height = 0;
    int width = 0;

    /// True when the size holds no pixel (either side zero or negative).
    [[nodiscard]] constexpr bool empty() const noexcept { return height <= 0 || width <= 0; }

    friend constexpr bool operator==(const image_size&, const image_size&) = default;
};

static_assert(image_size{}.empty() && !image_size{240, 320}.empty());
static_assert(image_size{240, 320} == image_size{.height = 240, .width = 320});

}  // namespace vidata
