// SPDX-License-Identifier: Apache-2.0
// write_png / encode_png: a raster as a PNG file, through stb_image_write.
#pragma once

// stb_image_write: Debian's libstb-dev puts it in include/stb/ (its stb.pc adds that directory, so vidata::image
// finds <stb_image_write.h>); Conan and vcpkg ship it header-only in their include directory.
#if __has_include(<stb_image_write.h>)
#include <stb_image_write.h>
#elif __has_include(<stb/stb_image_write.h>)
#include <stb/stb_image_write.h>
#else
#error "vidata/metrics/plot/png.hpp needs stb (stb_image_write.h): link vidata::image, or install stb (Debian: libstb-dev)"
#endif

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/metrics/plot/raster.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace vidata::plot {

/// The bytes of a PNG file holding `img` (8-bit RGB), compressed by stb_image_write.
///
/// Linking: stb_image_write's functions must be compiled once in the program. vidata::image provides them
/// on Debian (libstb); with a header-only stb (Conan, vcpkg, or a program linking only vidata::core),
/// exactly one translation unit defines STB_IMAGE_WRITE_IMPLEMENTATION before including this header
/// (the `vidata` tool does so in tools/vidata/stb_image_write.cpp). vidata's headers never define it.
/// Throws invalid_argument when stb fails (it reports no reason beyond failing, which only an allocation
/// failure causes). Not thread-safe while another thread changes stbi_write_png_compression_level.
[[nodiscard]] inline std::vector<unsigned char> encode_png(const raster& img) {
    std::vector<unsigned char> out;
    const auto append = [](void* context, void* data, int size) {
        auto* bytes = static_cast<std::vector<unsigned char>*>(context);
        const auto* p = static_cast<const unsigned char*>(data);
        bytes->insert(bytes->end(), p, p + size);
    };
    const int ok = stbi_write_png_to_func(append, &out, img.width(), img.height(), 3, img.bytes().data(), img.width() * 3);
    if (ok == 0)
        throw invalid_argument("vidata::plot::encode_png: stb_image_write could not encode a " + std::to_string(img.width()) +
                               " x " + std::to_string(img.height()) + " image (out of memory)");
    return out;
}

/// Writes `img` as a PNG file at `path` through an atomic_file: complete or absent. Throws io_error.
inline void write_png(const std::filesystem::path& path, const raster& img) {
    const std::vector<unsigned char> bytes = encode_png(img);
    write_file_atomically(path, std::span<const unsigned char>(bytes));
}

}  // namespace vidata::plot
