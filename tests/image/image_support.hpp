// SPDX-License-Identifier: Apache-2.0
// Helpers of the image tests: known pixels, PNG and JPEG files written by stb_image_write, the OpenCV oracle.
#pragma once

#include "support.hpp"

#if __has_include(<stb_image_write.h>)
#include <stb_image_write.h>
#else
#include <stb/stb_image_write.h>
#endif

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace vidata::test {

/// A width × height image of `channels` channels whose every byte is a known function of (x, y, c, seed), so a
/// decoded frame can be compared byte for byte and frames of different seeds differ everywhere.
[[nodiscard]] inline std::vector<std::uint8_t> known_pixels(int width, int height, int channels, int seed = 0) {
    std::vector<std::uint8_t> out(static_cast<std::size_t>(width * height * channels));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c)
                out[static_cast<std::size_t>((y * width + x) * channels + c)] =
                    static_cast<std::uint8_t>((x * 37 + y * 11 + c * 71 + seed * 53) % 256);
    return out;
}

namespace detail {
inline void append_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(context);
    const auto* p = static_cast<const unsigned char*>(data);
    out->insert(out->end(), p, p + size);
}

inline void write_bytes(const std::filesystem::path& path, const std::vector<unsigned char>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}
}  // namespace detail

/// The bytes of a PNG holding `pixels` (lossless: decoding must give them back exactly).
[[nodiscard]] inline std::vector<unsigned char> encode_png(int width, int height, int channels, const std::vector<std::uint8_t>& pixels) {
    std::vector<unsigned char> out;
    REQUIRE(stbi_write_png_to_func(detail::append_bytes, &out, width, height, channels, pixels.data(), width * channels) != 0);
    return out;
}

/// The bytes of a baseline JPEG of `pixels` by stb_image_write (4:4:4 above quality 90, 4:2:0 up to 90).
[[nodiscard]] inline std::vector<unsigned char> encode_jpeg(int width, int height, int channels, const std::vector<std::uint8_t>& pixels,
                                                            int quality) {
    std::vector<unsigned char> out;
    REQUIRE(stbi_write_jpg_to_func(detail::append_bytes, &out, width, height, channels, pixels.data(), quality) != 0);
    return out;
}

inline void write_png(const std::filesystem::path& path, int width, int height, int channels, const std::vector<std::uint8_t>& pixels) {
    detail::write_bytes(path, encode_png(width, height, channels, pixels));
}

inline void write_jpeg(const std::filesystem::path& path, int width, int height, int channels,
                       const std::vector<std::uint8_t>& pixels, int quality) {
    detail::write_bytes(path, encode_jpeg(width, height, channels, pixels, quality));
}

[[nodiscard]] inline std::vector<unsigned char> file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// True when Debian's python3 with OpenCV (python3-opencv) can serve as the independent JPEG decoder. When the build
/// demands the oracle (CI: VIDATA_REQUIRE_PYTHON_ORACLE=ON), its absence fails the test instead of skipping it.
[[nodiscard]] inline bool opencv_oracle_available() {
    static const bool available = [] {
        const std::string python = VIDATA_TEST_PYTHON3;
        return !python.empty() && run_command(shell_quote(python) + " -c 'import cv2, numpy'").status == 0;
    }();
    if (!available) {
        if (VIDATA_TEST_REQUIRE_PYTHON) FAIL("python3 with OpenCV (python3-opencv) is required for this cross-check");
        WARN("SKIPPED: python3 with OpenCV (python3-opencv) not found; the JPEG cross-check against cv2.imdecode did not run");
    }
    return available;
}

/// The largest absolute difference between two byte sequences of the same length.
[[nodiscard]] inline int max_abs_difference(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
    int worst = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int d = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
        if (d > worst) worst = d;
    }
    return worst;
}

}  // namespace vidata::test
