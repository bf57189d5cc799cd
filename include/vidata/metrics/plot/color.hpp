// SPDX-License-Identifier: Apache-2.0
// vidata::plot::rgb and the colours of vidata's plots: the series palette and the heat-map scale.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace vidata::plot {

/// An 8-bit sRGB colour.
struct rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;

    friend constexpr bool operator==(const rgb&, const rgb&) = default;
};

inline constexpr rgb white{255, 255, 255};
inline constexpr rgb black{0, 0, 0};
/// Axes, tick marks and text.
inline constexpr rgb ink{34, 34, 34};
/// Grid lines.
inline constexpr rgb grid_grey{224, 224, 224};
/// Cells whose value is NaN.
inline constexpr rgb missing_grey{190, 190, 190};
/// The dark end of the heat-map scale (matplotlib's Blues at 1.0).
inline constexpr rgb heat_dark{8, 48, 107};

/// The i-th colour of the series palette (matplotlib's tab10, which people read without a legend lookup
/// table), cycling after 10.
[[nodiscard]] constexpr rgb palette(std::size_t i) noexcept {
    constexpr rgb colours[10] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},  {148, 103, 189},
                                 {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return colours[i % 10];
}

/// The heat-map colour of `t` in [0, 1] (clamped): a straight blend from white (0) to heat_dark (1), each
/// channel rounded to nearest: `c = round(255 + t · (dark - 255))`. NaN maps to missing_grey.
[[nodiscard]] inline rgb heat_color(double t) noexcept {
    if (std::isnan(t)) return missing_grey;
    t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    const auto channel = [t](std::uint8_t dark) {
        return static_cast<std::uint8_t>(std::lround(255.0 + t * (static_cast<double>(dark) - 255.0)));
    };
    return {channel(heat_dark.r), channel(heat_dark.g), channel(heat_dark.b)};
}

/// `#rrggbb`, as SVG and CSS spell a colour.
[[nodiscard]] inline std::string to_hex(rgb c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

}  // namespace vidata::plot
