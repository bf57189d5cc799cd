// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::color_jitter: MMAction2's ColorJitter (brightness, contrast, saturation, hue) on uint8 clips.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/detail/numpy_sum.hpp>
#include <vidata/transforms/detail/opencv_hsv.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata::transforms {

/// The four adjustments of color_jitter, numbered as MMAction2's `fn_idx` numbers them.
enum class jitter_step : std::uint8_t { brightness = 0, contrast = 1, saturation = 2, hue = 3 };

/// The ranges color_jitter draws its factors from (uniformly, `lo` included). MMAction2's float arguments
/// `b, c, s, h` mean `[1 - b, 1 + b]` for the first three and `[-h, h]` for hue: see `symmetric`.
struct color_jitter_ranges {
    std::array<double, 2> brightness{0.5, 1.5};
    std::array<double, 2> contrast{0.5, 1.5};
    std::array<double, 2> saturation{0.5, 1.5};
    std::array<double, 2> hue{-0.1, 0.1};

    /// MMAction2's `ColorJitter(brightness=b, contrast=c, saturation=s, hue=h)` with float arguments
    /// (its defaults are 0.5, 0.5, 0.5, 0.1). Throws vidata::invalid_argument, as its check_input asserts,
    /// when b, c or s is outside [0, 1] or h outside [0, 0.5].
    [[nodiscard]] static color_jitter_ranges symmetric(double b = 0.5, double c = 0.5, double s = 0.5, double h = 0.1) {
        const auto around = [](const char* name, double x, double base, double max) -> std::array<double, 2> {
            if (!(x >= 0.0 && x <= max))
                throw invalid_argument(std::string("vidata::transforms::color_jitter: ") + name + " must be in [0, " +
                                       std::to_string(max) + "], got " + std::to_string(x));
            return {base - x, base + x};
        };
        return {around("brightness", b, 1.0, 1.0), around("contrast", c, 1.0, 1.0), around("saturation", s, 1.0, 1.0),
                around("hue", h, 0.0, 0.5)};
    }

    /// Throws vidata::invalid_argument unless each range is ordered and within MMAction2's bounds
    /// (`[0, 2]` for the factors, `[-0.5, 0.5]` for hue).
    void check() const {
        const auto within = [](const char* name, const std::array<double, 2>& r, double lo, double hi) {
            if (!(lo <= r[0] && r[0] <= r[1] && r[1] <= hi))
                throw invalid_argument(std::string("vidata::transforms::color_jitter: the ") + name + " range [" +
                                       std::to_string(r[0]) + ", " + std::to_string(r[1]) + "] is not ordered within [" +
                                       std::to_string(lo) + ", " + std::to_string(hi) + "]");
        };
        within("brightness", brightness, 0.0, 2.0);
        within("contrast", contrast, 0.0, 2.0);
        within("saturation", saturation, 0.0, 2.0);
        within("hue", hue, -0.5, 0.5);
    }
};

/// One draw of color_jitter: the factors applied to every frame of a clip, and the order they apply in.
struct color_jitter_factors {
    double brightness = 1.0;
    double contrast = 1.0;
    double saturation = 1.0;
    double hue = 0.0;
    std::array<jitter_step, 4> order{jitter_step::brightness, jitter_step::contrast, jitter_step::saturation, jitter_step::hue};

    friend constexpr bool operator==(const color_jitter_factors&, const color_jitter_factors&) = default;
};

/// Order policies of basic_color_jitter (quirk 4 of the spec's register).
namespace jitter_order {
/// Reproduce MMAction2: the order is a permutation drawn once, when the transform is made, and every
/// clip it ever jitters uses it.
struct per_instance {};
/// Fix it: a fresh permutation per clip, drawn from the clip's rng before the factors (as torchvision's
/// ColorJitter does per call).
struct per_call {};
}  // namespace jitter_order

namespace detail {

// A uniformly random permutation of the four steps (Fisher–Yates over g).
[[nodiscard]] inline std::array<jitter_step, 4> random_jitter_order(rng& g) {
    std::array<jitter_step, 4> order{jitter_step::brightness, jitter_step::contrast, jitter_step::saturation, jitter_step::hue};
    for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[g.uniform_int<std::size_t>(0, i)]);
    return order;
}

[[nodiscard]] inline double jitter_uniform(rng& g, const std::array<double, 2>& range) {
    // numpy's uniform(low, high) is low + (high - low) · U[0, 1), a draw even when the range is a point.
    return range[0] + (range[1] - range[0]) * g.uniform_real();
}

}  // namespace detail

/// MMAction2 0.x `ColorJitter`: per clip, draws one brightness, contrast, saturation and hue factor and
/// applies them, in an order, to every frame of the uint8 RGB clip.
///
///   rng order_source(seed);                                       // the permutation, drawn once
///   color_jitter jitter(color_jitter_ranges::symmetric(), order_source);
///   clip out = jitter(std::move(frames), g);                      // factors drawn from g
///   clip same = jitter.apply(frames, {1.2, 0.9, 1.1, 0.05, jitter.order()});   // factors given
///
/// Each step is MMAction2's, in float32 with numpy's rounding (a factor is rounded to float32 where numpy
/// multiplies a float32 array by a Python float):
/// - brightness b: `x · b`;
/// - contrast c: `c · x + (1 - c) · mean(gray)`, gray = 0.2989 R + 0.587 G + 0.114 B of the frame as it is
///   at that step (unclipped floats), mean in numpy's summation order;
/// - saturation s: `s · x + (1 - s) · gray` per pixel;
/// - hue h: clip to [0, 255], truncate to uint8, OpenCV RGB → HSV (hue in [0, 180)), hue += int(h · 255)
///   (truncated toward zero) modulo 180 — a positive shift is added in uint8 first, wrapping past 255,
///   as numpy does with uint8 + int — and back through OpenCV HSV → RGB;
/// - a step whose factor is neutral (b, c or s exactly 1, h exactly 0) is skipped, as there;
/// - finally clip to [0, 255] and truncate to uint8.
/// Agreement with MMAction2 running on Debian 12's numpy 1.24 and OpenCV 4.6 (x86-64, AVX2) is exact
/// except for the hue step's HSV → RGB on the last width mod 32 pixels of each row, which differs by 1 at
/// rare rounding ties (see detail/opencv_hsv.hpp); tests/transforms/color_jitter_test.cpp measures it.
///
/// Order: `OrderPolicy` is jitter_order::per_instance (MMAction2: `np.random.permutation(4)` once, in its
/// constructor; pass the order or an rng to draw it from) or jitter_order::per_call. Factors are drawn from
/// the call's rng as brightness, contrast, saturation, hue, each `lo + (hi - lo) · U[0, 1)`.
/// Throws vidata::invalid_argument for a clip that is not 3-channel.
template <class OrderPolicy = jitter_order::per_instance>
class basic_color_jitter {
    static_assert(std::is_same_v<OrderPolicy, jitter_order::per_instance> || std::is_same_v<OrderPolicy, jitter_order::per_call>,
                  "vidata::transforms::basic_color_jitter: OrderPolicy is jitter_order::per_instance or jitter_order::per_call");

public:
    /// MMAction2's default ranges with the identity order (brightness, contrast, saturation, hue).
    basic_color_jitter() = default;

    /// Fixed order given explicitly. Throws vidata::invalid_argument when `order` is not a permutation.
    basic_color_jitter(color_jitter_ranges ranges, std::array<jitter_step, 4> order)
        requires std::is_same_v<OrderPolicy, jitter_order::per_instance>
        : ranges_(ranges), order_(order) {
        ranges_.check();
        std::array<bool, 4> seen{};
        for (jitter_step s : order_) seen[static_cast<std::size_t>(s) & 3u] = true;
        if (std::find(seen.begin(), seen.end(), false) != seen.end())
            throw invalid_argument("vidata::transforms::color_jitter: the order is not a permutation of the four steps");
    }

    /// Fixed order drawn from `order_source` now, as MMAction2 draws it in its constructor.
    basic_color_jitter(color_jitter_ranges ranges, rng& order_source)
        requires std::is_same_v<OrderPolicy, jitter_order::per_instance>
        : ranges_(ranges), order_(detail::random_jitter_order(order_source)) {
        ranges_.check();
    }

    /// Per-call order: only the ranges.
    explicit basic_color_jitter(color_jitter_ranges ranges)
        requires std::is_same_v<OrderPolicy, jitter_order::per_call>
        : ranges_(ranges) {
        ranges_.check();
    }

    [[nodiscard]] const color_jitter_ranges& ranges() const noexcept { return ranges_; }
    /// The fixed order (per_instance).
    [[nodiscard]] const std::array<jitter_step, 4>& order() const noexcept
        requires std::is_same_v<OrderPolicy, jitter_order::per_instance>
    {
        return order_;
    }

    /// What one call draws from `g`: the order first (per_call only), then the four factors.
    [[nodiscard]] color_jitter_factors draw(rng& g) const {
        color_jitter_factors f;
        if constexpr (std::is_same_v<OrderPolicy, jitter_order::per_call>) f.order = detail::random_jitter_order(g);
        else f.order = order_;
        f.brightness = detail::jitter_uniform(g, ranges_.brightness);
        f.contrast = detail::jitter_uniform(g, ranges_.contrast);
        f.saturation = detail::jitter_uniform(g, ranges_.saturation);
        f.hue = detail::jitter_uniform(g, ranges_.hue);
        return f;
    }

    [[nodiscard]] clip operator()(clip frames, rng& g) const { return apply(std::move(frames), draw(g)); }
    /// A sample: its frames jittered (one draw for all its clips and crops), its info unchanged.
    [[nodiscard]] video_sample<clip> operator()(video_sample<clip> sample, rng& g) const {
        return {apply(std::move(sample.frames), draw(g)), std::move(sample.info)};
    }

    /// The jitter with given factors (and their order), the same for every frame: what a test or a user
    /// reproducing a known draw calls.
    [[nodiscard]] static clip apply(clip frames, const color_jitter_factors& f) {
        if (frames.channels() != 3)
            throw invalid_argument("vidata::transforms::color_jitter: the clip has " + std::to_string(frames.channels()) +
                                   " channels, RGB has 3");
        const std::size_t h = frames.height(), w = frames.width(), pixels = h * w;
        std::vector<float> img(pixels * 3), gray(pixels);
        const detail::hsv_tables& tables = detail::opencv_hsv_tables();
        const auto grayscale = [&] {
            // numpy evaluates 0.2989·R + 0.587·G + 0.114·B left to right, each term a float32 product.
            for (std::size_t p = 0; p < pixels; ++p)
                gray[p] = 0.2989f * img[3 * p] + 0.587f * img[3 * p + 1] + 0.114f * img[3 * p + 2];
        };
        for (std::size_t t = 0; t < frames.frames(); ++t) {
            std::span<std::uint8_t> frame = frames.frame_pixels(t);
            for (std::size_t i = 0; i < img.size(); ++i) img[i] = frame[i];
            for (const jitter_step step : f.order) {
                switch (step) {
                case jitter_step::brightness:
                    if (f.brightness != 1.0) {
                        const float b = static_cast<float>(f.brightness);
                        for (float& x : img) x *= b;
                    }
                    break;
                case jitter_step::contrast:
                    if (f.contrast != 1.0) {
                        grayscale();
                        const float mean = detail::numpy_mean(gray.data(), pixels);
                        // (1 - c) · mean is a Python float times a numpy float32 scalar: a double, then
                        // rounded to float32 where it meets the float32 array.
                        const float offset = static_cast<float>((1.0 - f.contrast) * static_cast<double>(mean));
                        const float c = static_cast<float>(f.contrast);
                        for (float& x : img) x = c * x + offset;
                    }
                    break;
                case jitter_step::saturation:
                    if (f.saturation != 1.0) {
                        grayscale();
                        const float s = static_cast<float>(f.saturation), rest = static_cast<float>(1.0 - f.saturation);
                        for (std::size_t p = 0; p < pixels; ++p)
                            for (std::size_t k = 0; k < 3; ++k) img[3 * p + k] = s * img[3 * p + k] + rest * gray[p];
                    }
                    break;
                case jitter_step::hue:
                    if (f.hue != 0.0) shift_hue(img, w, f.hue, tables);
                    break;
                }
            }
            for (std::size_t i = 0; i < img.size(); ++i) frame[i] = to_byte(img[i]);
        }
        return frames;
    }

private:
    // np.clip(x, 0, 255).astype(np.uint8): clamp, then truncate.
    [[nodiscard]] static std::uint8_t to_byte(float x) noexcept {
        return static_cast<std::uint8_t>(x < 0.f ? 0.f : x > 255.f ? 255.f : x);
    }

    static void shift_hue(std::vector<float>& img, std::size_t width, double hue,
                          const detail::hsv_tables& tables) {
        // Python's int() truncates toward zero.
        const int offset = static_cast<int>(hue * 255.0);
        const std::size_t pixels = img.size() / 3, vector_pixels = detail::opencv_hsv_vector_pixels(width);
        const detail::hsv_to_rgb_tables& back = detail::opencv_hsv_to_rgb_tables();
        for (std::size_t row = 0; row < pixels; row += width) {
            float* px = img.data() + 3 * row;
            for (std::size_t x = 0; x < width; ++x, px += 3) {
                std::uint8_t rgb[3] = {to_byte(px[0]), to_byte(px[1]), to_byte(px[2])};
                std::uint8_t hsv[3];
                detail::opencv_rgb_to_hsv(rgb, hsv, tables);
                // numpy adds a non-negative int to a uint8 array in uint8 (wrapping at 256) and a negative one in
                // int16; % then takes Python's sign-of-divisor remainder. Either sum is within one period of [0, 180).
                int shifted = offset >= 0 ? static_cast<int>(static_cast<std::uint8_t>(hsv[0] + offset)) : hsv[0] + offset;
                shifted += shifted < 0 ? detail::hue_range : 0;
                shifted -= shifted >= detail::hue_range ? detail::hue_range : 0;
                hsv[0] = static_cast<std::uint8_t>(shifted);
                detail::opencv_hsv_to_rgb(hsv, rgb, x < vector_pixels, back);
                px[0] = rgb[0], px[1] = rgb[1], px[2] = rgb[2];
            }
        }
    }

    color_jitter_ranges ranges_{};
    std::array<jitter_step, 4> order_{jitter_step::brightness, jitter_step::contrast, jitter_step::saturation, jitter_step::hue};
};

/// MMAction2's ColorJitter: the order fixed per instance.
using color_jitter = basic_color_jitter<jitter_order::per_instance>;

}  // namespace vidata::transforms
