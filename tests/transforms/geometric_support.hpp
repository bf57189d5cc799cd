// SPDX-License-Identifier: Apache-2.0
// Synthetic clips for the geometric transform tests: one whose every pixel says where it came from, and a smooth one.
#pragma once

#include <vidata/core/clip.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace geometric_support {

/// The byte a numbered clip holds at (t, y, x, c): distinct for neighbours in every direction, so a crop or a
/// mirror that is off by one pixel or one frame shows.
[[nodiscard]] constexpr std::uint8_t numbered_value(std::size_t t, std::size_t y, std::size_t x, std::size_t c) {
    return static_cast<std::uint8_t>((t * 53 + y * 7 + x * 3 + c * 101) % 256);
}

[[nodiscard]] inline vidata::clip numbered(std::size_t frames, std::size_t height, std::size_t width, std::size_t channels = 3) {
    vidata::clip c(frames, height, width, channels);
    for (std::size_t t = 0; t < frames; ++t)
        for (std::size_t y = 0; y < height; ++y)
            for (std::size_t x = 0; x < width; ++x)
                for (std::size_t k = 0; k < channels; ++k) c(t, y, x, k) = numbered_value(t, y, x, k);
    return c;
}

/// Low-frequency content (periods of 60 to 110 pixels), what resampling twice or once barely tells apart.
[[nodiscard]] inline vidata::clip smooth(std::size_t frames, std::size_t height, std::size_t width, std::size_t channels = 3) {
    vidata::clip c(frames, height, width, channels);
    constexpr double two_pi = 6.283185307179586;
    for (std::size_t t = 0; t < frames; ++t)
        for (std::size_t y = 0; y < height; ++y)
            for (std::size_t x = 0; x < width; ++x)
                for (std::size_t k = 0; k < channels; ++k) {
                    const double v = 128.0 + 60.0 * std::sin(two_pi * static_cast<double>(x + 11 * k + 5 * t) / 97.0) *
                                                 std::cos(two_pi * static_cast<double>(y + 3 * t) / 71.0) +
                                     30.0 * std::sin(two_pi * static_cast<double>(x + y) / 110.0);
                    c(t, y, x, k) = static_cast<std::uint8_t>(std::lround(v));
                }
    return c;
}

}  // namespace geometric_support
