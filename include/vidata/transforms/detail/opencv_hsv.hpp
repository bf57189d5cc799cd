// SPDX-License-Identifier: Apache-2.0
// OpenCV's 8-bit RGB <-> HSV conversions (hue in [0, 180)), reproduced for ColorJitter's hue step.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace vidata::transforms::detail {

// MMAction2's hue jitter goes through cv2.cvtColor(COLOR_RGB2HSV / COLOR_HSV2RGB) on uint8 images, so its
// output depends on OpenCV's integer and float32 arithmetic, not on the textbook formulas. What follows
// are the formulas of OpenCV 4.x (checked against Debian 12's python3-opencv 4.6 on x86-64, whose colour
// conversions run the AVX2 build):
// - RGB → HSV is fixed-point with a 12-bit shift and two reciprocal tables (V·255/V and 180/(6·diff),
//   rounded); the vector and scalar paths agree.
// - HSV → RGB is float32. Its vector path handles each row in blocks of 32 pixels, truncates the final
//   x·255 and has the compiler fuse `1 - s·f` into one rounding (an FMA); the pixels after the last full
//   block take the scalar path, which rounds to nearest instead. Both are reproduced, so a row of 340 pixels
//   has its last 20 rounded. (The scalar path of that build still differs from this at about 1 in 70,000
//   values, by 1, on exact .5 ties whose cause we could not pin down; the tests state the tolerance.)

inline constexpr int hsv_shift = 12;
inline constexpr int hue_range = 180;

struct hsv_tables {
    std::array<int, 256> saturation{};  // round((255 << 12) / v)
    std::array<int, 256> hue{};         // round((180 << 12) / (6 · diff))
};

[[nodiscard]] inline const hsv_tables& opencv_hsv_tables() {
    static const hsv_tables tables = [] {
        hsv_tables t;
        for (int i = 1; i < 256; ++i) {
            // No quotient here is a tie (the numerators' factors of 2 exceed any i < 256), so any rounding agrees.
            t.saturation[static_cast<std::size_t>(i)] = static_cast<int>(std::lround((255 << hsv_shift) / static_cast<double>(i)));
            t.hue[static_cast<std::size_t>(i)] = static_cast<int>(std::lround((hue_range << hsv_shift) / (6.0 * i)));
        }
        return t;
    }();
    return tables;
}

/// One RGB pixel to OpenCV's 8-bit HSV: H in [0, 180), S and V in [0, 255].
inline void opencv_rgb_to_hsv(const std::uint8_t* rgb, std::uint8_t* hsv, const hsv_tables& t) noexcept {
    const int r = rgb[0], g = rgb[1], b = rgb[2];
    const int v = r > g ? (r > b ? r : b) : (g > b ? g : b);
    const int vmin = r < g ? (r < b ? r : b) : (g < b ? g : b);
    const int diff = v - vmin;
    const int s = (diff * t.saturation[static_cast<std::size_t>(v)] + (1 << (hsv_shift - 1))) >> hsv_shift;
    // The sextant's offset: red maximal first, then green, then blue (ties resolve in that order).
    int h = v == r ? g - b : v == g ? b - r + 2 * diff : r - g + 4 * diff;
    // An arithmetic right shift floors, as OpenCV's does on its int32 lanes.
    h = (h * t.hue[static_cast<std::size_t>(diff)] + (1 << (hsv_shift - 1))) >> hsv_shift;
    if (h < 0) h += hue_range;
    hsv[0] = static_cast<std::uint8_t>(h);
    hsv[1] = static_cast<std::uint8_t>(s);
    hsv[2] = static_cast<std::uint8_t>(v);
}

/// One HSV pixel (OpenCV's 8-bit ranges) to RGB. `vector_path` selects the arithmetic of OpenCV's blocks of
/// 32 pixels (truncation, fused 1 - s·f) over that of a row's tail (round to nearest).
inline void opencv_hsv_to_rgb(const std::uint8_t* hsv, std::uint8_t* rgb, bool vector_path) noexcept {
    const float hscale = 6.0f / static_cast<float>(hue_range);
    const float s = static_cast<float>(hsv[1]) * (1.0f / 255.0f);
    const float v = static_cast<float>(hsv[2]) * (1.0f / 255.0f);
    float h = static_cast<float>(hsv[0]) * hscale;
    int sector = 0;
    if (vector_path) {
        const float whole = std::trunc(h);
        h -= whole;
        sector = static_cast<int>(whole - std::trunc(whole * (1.0f / 6.0f)) * 6.0f);
    } else {
        h = std::fmod(h, 6.f);
        const float whole = std::floor(h);
        sector = static_cast<int>(whole);
        h -= whole;
        if (sector < 0 || sector >= 6) {
            sector = 0;
            h = 0.f;
        }
    }
    // The textbook sextant values p, q, t; with s == 0 all three equal v, so the scalar path's grey shortcut
    // needs no branch.
    const float p = v * (1.f - s);
    const float q = v * std::fma(-s, h, 1.f);
    const float u = v * std::fma(-s, 1.f - h, 1.f);
    float r = v, g = u, b = p;
    switch (sector) {
    case 0: r = v, g = u, b = p; break;
    case 1: r = q, g = v, b = p; break;
    case 2: r = p, g = v, b = u; break;
    case 3: r = p, g = q, b = v; break;
    case 4: r = u, g = p, b = v; break;
    default: r = v, g = p, b = q; break;
    }
    const auto to_byte = [vector_path](float x) {
        const float scaled = x * 255.0f;
        const float whole = vector_path ? std::trunc(scaled) : std::nearbyint(scaled);
        return static_cast<std::uint8_t>(whole < 0.f ? 0.f : whole > 255.f ? 255.f : whole);
    };
    rgb[0] = to_byte(r);
    rgb[1] = to_byte(g);
    rgb[2] = to_byte(b);
}

/// How many leading pixels of a row of `width` OpenCV's HSV → RGB converts on its vector path.
[[nodiscard]] constexpr std::size_t opencv_hsv_vector_pixels(std::size_t width) noexcept { return width / 32 * 32; }

}  // namespace vidata::transforms::detail
