// SPDX-License-Identifier: Apache-2.0
// OpenCV's 8-bit RGB <-> HSV conversions (hue in [0, 180)), reproduced for ColorJitter's hue step.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

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
//   has its last 20 rounded. (The scalar path of that build still differs from this at about 1 in 35,000
//   values, by 1, on exact .5 ties whose cause we could not pin down; the tests state the tolerance.)

inline constexpr int hsv_shift = 12;

// a·b + c rounded once to float (what an FMA instruction gives), without the C library's fmaf, which is a slow
// software routine where the build targets no FMA instruction (the x86-64 baseline). The product of two floats
// is exact in double; the sum's rounding error e comes from TwoSum; the double sum s can only round to the
// wrong float when it sits exactly halfway between two floats, and then e says which way the exact value lies.
[[nodiscard]] inline float fused_multiply_add(float a, float b, float c) noexcept {
    const double p = static_cast<double>(a) * static_cast<double>(b);
    double s = p + static_cast<double>(c);
    const double bp = s - p;
    const double e = (p - (s - bp)) + (static_cast<double>(c) - bp);
    std::uint64_t bits = 0;
    std::memcpy(&bits, &s, sizeof bits);
    // A float keeps 24 of a double's 53 significant bits: the 29 dropped ones read 1000...0 at a halfway point.
    // Branch-free (pixels make the condition unpredictable): step one double away from the halfway point toward
    // the exact value, or not at all.
    const bool halfway = (bits & 0x1FFFFFFFu) == 0x10000000u && e != 0.0;
    const std::uint64_t away = (e > 0.0) == (s > 0.0) ? 1u : ~std::uint64_t{0};
    bits += halfway ? away : 0u;
    std::memcpy(&s, &bits, sizeof bits);
    return static_cast<float>(s);
}

// trunc and round-half-even of a float in [0, 2^23), inline (the x86-64 baseline has no rounding instruction,
// so std::trunc and std::nearbyint would be calls).
[[nodiscard]] inline float truncate_small(float x) noexcept { return static_cast<float>(static_cast<int>(x)); }
[[nodiscard]] inline float round_half_even_small(float x) noexcept {
    constexpr float shift = 8388608.f;  // 2^23: adding it leaves no fraction bits, rounding to nearest even
    volatile float shifted = x + shift;  // volatile: the addition must round (no reassociation)
    return shifted - shift;
}
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

// The parts of OpenCV's HSV → RGB that depend on H and S only, computed once with the same float operations:
// for each hue its sextant, for each saturation 1 - s, and for each (hue, saturation) the fused 1 - s·f and
// 1 - s·(1 - f). A pixel then costs three products and a rounding (368 KiB of tables, built on first use).
struct hsv_to_rgb_tables {
    std::array<std::uint8_t, hue_range> sector{};
    std::array<float, 256> one_minus_s{};
    std::vector<float> one_minus_sf, one_minus_s_one_minus_f;  // [h · 256 + s]
};

[[nodiscard]] inline const hsv_to_rgb_tables& opencv_hsv_to_rgb_tables() {
    static const hsv_to_rgb_tables tables = [] {
        hsv_to_rgb_tables t;
        t.one_minus_sf.resize(hue_range * 256);
        t.one_minus_s_one_minus_f.resize(hue_range * 256);
        const float hscale = 6.0f / static_cast<float>(hue_range);
        for (int hue = 0; hue < hue_range; ++hue) {
            // Both of OpenCV's paths split h·hscale (in [0, 6) for H < 180) into the same sextant and fraction:
            // the vector path by truncation, the scalar one by fmod(·, 6) and floor, equal for such values.
            float h = static_cast<float>(hue) * hscale;
            const float whole = truncate_small(h);
            h -= whole;
            t.sector[static_cast<std::size_t>(hue)] = static_cast<std::uint8_t>(whole - truncate_small(whole * (1.0f / 6.0f)) * 6.0f);
            for (int sat = 0; sat < 256; ++sat) {
                const float s = static_cast<float>(sat) * (1.0f / 255.0f);
                const auto i = static_cast<std::size_t>(hue * 256 + sat);
                t.one_minus_sf[i] = fused_multiply_add(-s, h, 1.f);
                t.one_minus_s_one_minus_f[i] = fused_multiply_add(-s, 1.f - h, 1.f);
                if (hue == 0) t.one_minus_s[static_cast<std::size_t>(sat)] = 1.f - s;
            }
        }
        return t;
    }();
    return tables;
}

/// One HSV pixel (OpenCV's 8-bit ranges, H < 180) to RGB. `vector_path` selects the arithmetic of OpenCV's
/// blocks of 32 pixels (truncation) over that of a row's tail (round to nearest).
inline void opencv_hsv_to_rgb(const std::uint8_t* hsv, std::uint8_t* rgb, bool vector_path, const hsv_to_rgb_tables& t) noexcept {
    const float v = static_cast<float>(hsv[2]) * (1.0f / 255.0f);
    const std::size_t i = static_cast<std::size_t>(hsv[0]) * 256 + hsv[1];
    // The textbook sextant values p, q, u (v·(1 - s), v·(1 - s·f), v·(1 - s·(1 - f))); with s == 0 all equal v,
    // so the scalar path's grey shortcut needs no branch.
    const float values[4] = {v, v * t.one_minus_s[hsv[1]], v * t.one_minus_sf[i], v * t.one_minus_s_one_minus_f[i]};
    // Which of (v, p, q, u) each of r, g, b takes in each sextant, looked up rather than switched on: the
    // sextant of neighbouring pixels is unpredictable.
    static constexpr unsigned char red[6] = {0, 2, 1, 1, 3, 0}, green[6] = {3, 0, 0, 2, 1, 1}, blue[6] = {1, 1, 3, 0, 0, 2};
    const std::size_t k = t.sector[hsv[0]];
    const auto to_byte = [vector_path](float x) {
        const float scaled = x * 255.0f;
        const float whole = vector_path ? truncate_small(scaled) : round_half_even_small(scaled);
        return static_cast<std::uint8_t>(whole < 0.f ? 0.f : whole > 255.f ? 255.f : whole);
    };
    rgb[0] = to_byte(values[red[k]]);
    rgb[1] = to_byte(values[green[k]]);
    rgb[2] = to_byte(values[blue[k]]);
}

/// The same, finding the tables itself.
inline void opencv_hsv_to_rgb(const std::uint8_t* hsv, std::uint8_t* rgb, bool vector_path) noexcept {
    opencv_hsv_to_rgb(hsv, rgb, vector_path, opencv_hsv_to_rgb_tables());
}

/// How many leading pixels of a row of `width` OpenCV's HSV → RGB converts on its vector path.
[[nodiscard]] constexpr std::size_t opencv_hsv_vector_pixels(std::size_t width) noexcept { return width / 32 * 32; }

}  // namespace vidata::transforms::detail
