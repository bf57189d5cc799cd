// SPDX-License-Identifier: Apache-2.0
// The package's smoke test: vidata's core, and FFmpeg / stb when the recipe's options bring them.
#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/version.hpp>

#if defined(VIDATA_TEST_WITH_FFMPEG)
extern "C" {
#include <libavformat/avformat.h>
}
#endif

#if defined(VIDATA_TEST_WITH_IMAGE)
#if defined(VIDATA_STB_HEADER_ONLY)
#define STB_IMAGE_IMPLEMENTATION
#endif
#include <stb_image.h>
#endif

#include <cstdio>
#include <cstring>
#include <span>
#include <vector>

int main() {
    std::printf("vidata %s\n", vidata::version_string);
    if (std::strcmp(vidata::version_string, VIDATA_TEST_VERSION) != 0) {
        std::fprintf(stderr, "version.hpp says %s, the package is %s\n", vidata::version_string, VIDATA_TEST_VERSION);
        return 1;
    }

    const std::vector<float> values{1.f, 2.f, 3.f, 4.f};
    const auto array = vidata::ndarray::from_values<float>({2, 2}, std::span<const float>(values));
    if (array.type() != vidata::dtype::of<float>() || array.to_matrix<double>().sum() != 10.0) return 1;

    try {
        vidata::source_location where;
        where.file = "list.txt";
        where.line = 1;
        throw vidata::parse_error(where, "a frame count", "x");
    } catch (const vidata::error& e) {
        std::printf("%s\n", e.what());
    }

#if defined(VIDATA_TEST_WITH_FFMPEG)
    if (AV_VERSION_MAJOR(avformat_version()) != LIBAVFORMAT_VERSION_MAJOR) return 1;
    std::printf("libavformat %u\n", AV_VERSION_MAJOR(avformat_version()));
#endif

#if defined(VIDATA_TEST_WITH_IMAGE)
    // The 8-byte PNG signature and an IHDR chunk for a 3x2 RGB image.
    static const unsigned char png[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
                                        0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02,
                                        0x08, 0x02, 0x00, 0x00, 0x00, 0x12, 0x16, 0xf1, 0x4d};
    int width = 0, height = 0, channels = 0;
    if (stbi_info_from_memory(png, static_cast<int>(sizeof png), &width, &height, &channels) != 1 || width != 3 ||
        height != 2 || channels != 3)
        return 1;
    std::printf("stb reads a %dx%d PNG header\n", width, height);
#endif
    return 0;
}
