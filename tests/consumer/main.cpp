// SPDX-License-Identifier: Apache-2.0
// A program that uses vidata the way a user's program does: built against an installed vidata (through
// find_package or pkg-config) or a vidata added with add_subdirectory, never against the source tree's
// include directory. It exercises real API of the core, and, when its build says the component is there,
// calls FFmpeg and stb through the flags vidata's package passed on. Exit status 0 means every check held.
#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/version.hpp>

#if defined(VIDATA_CONSUMER_WITH_FFMPEG)
extern "C" {
#include <libavformat/avformat.h>
}
#endif

#if defined(VIDATA_CONSUMER_WITH_IMAGE)
// Debian's stb is a compiled library (libstb); Conan's and vcpkg's are header-only, and then vidata's
// package defines VIDATA_STB_HEADER_ONLY so that exactly one translation unit provides the implementation.
#if defined(VIDATA_STB_HEADER_ONLY)
#define STB_IMAGE_IMPLEMENTATION
#endif
#include <stb_image.h>
#include <vidata/io/image/image_decoder.hpp>
#endif

#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace {

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "consumer: FAILED: %s\n", what);
        ++failures;
    }
}

void check_version() {
#if defined(VIDATA_CONSUMER_EXPECTED_VERSION)
    check(std::strcmp(vidata::version_string, VIDATA_CONSUMER_EXPECTED_VERSION) == 0,
          "vidata::version_string is the version of the package found");
#endif
    const std::string joined = std::to_string(vidata::version_major) + "." + std::to_string(vidata::version_minor) + "." +
                               std::to_string(vidata::version_patch);
    check(joined == vidata::version_string, "version_major.minor.patch spell version_string");
}

void check_ndarray() {
    const std::vector<float> values{1.f, 2.f, 3.f, 4.f, 5.f, 6.f};
    const auto array = vidata::ndarray::from_values<float>({2, 3}, std::span<const float>(values));
    check(array.ndim() == 2 && array.size() == 6, "ndarray has shape (2, 3)");
    check(array.type() == vidata::dtype::of<float>(), "ndarray's dtype is float32");
    check(array.type().name() == "float32", "dtype names float32 as numpy does");
    check(array.at<int>(4) == 5, "ndarray::at converts element 4");
    check(array.to_matrix<double>().sum() == 21.0, "ndarray::to_matrix goes through Eigen");
    vidata::dtype parsed;
    check(vidata::dtype::try_parse("<i8", parsed) && parsed.kind == 'i' && parsed.itemsize == 8, "dtype parses '<i8'");
    check(!vidata::dtype::try_parse("|O", parsed), "dtype refuses object arrays");
}

void check_errors() {
    try {
        vidata::source_location where;
        where.file = "train.txt";
        where.line = 3;
        where.column = 5;
        throw vidata::parse_error(where, "an integer frame count", "v_Apply");
    } catch (const vidata::error& e) {
        check(e.id() == "vidata.parse_error", "parse_error has the id vidata.parse_error");
        check(std::string(e.what()).find("train.txt:3:5") != std::string::npos, "parse_error names file:line:column");
        return;
    }
    check(false, "parse_error is caught as vidata::error");
}

#if defined(VIDATA_CONSUMER_WITH_FFMPEG)
void check_ffmpeg() {
    // The library linked is the one whose headers were included.
    check(AV_VERSION_MAJOR(avformat_version()) == LIBAVFORMAT_VERSION_MAJOR, "libavformat's headers and library agree");
    std::printf("consumer: libavformat %u.%u.%u\n", AV_VERSION_MAJOR(avformat_version()),
                AV_VERSION_MINOR(avformat_version()), AV_VERSION_MICRO(avformat_version()));
}
#endif

#if defined(VIDATA_CONSUMER_WITH_IMAGE)
void check_stb() {
    // A 3x2 RGB PNG; pixel (x, y) is (80 x, 120 y, 200).
    static const unsigned char png[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12, 0x16, 0xf1, 0x4d, 0x00, 0x00, 0x00,
        0x1d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x60, 0x60, 0x38, 0x11, 0xc0, 0x70, 0x62, 0x01, 0xc3, 0x09,
        0x06, 0x86, 0x8a, 0x13, 0x01, 0x15, 0x27, 0x16, 0x54, 0x9c, 0x00, 0x00, 0x42, 0x2c, 0x07, 0xf9, 0x40, 0xe3,
        0x0b, 0x5f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    int width = 0, height = 0, channels = 0;
    check(stbi_info_from_memory(png, static_cast<int>(sizeof png), &width, &height, &channels) == 1, "stbi_info_from_memory reads the PNG header");
    check(width == 3 && height == 2 && channels == 3, "stb reports a 3x2 RGB image");
    unsigned char* pixels = stbi_load_from_memory(png, static_cast<int>(sizeof png), &width, &height, &channels, 3);
    check(pixels != nullptr, "stbi_load_from_memory decodes the PNG");
    if (pixels != nullptr) {
        const unsigned char* p = pixels + (1 * 3 + 1) * 3;  // (x=1, y=1)
        check(p[0] == 80 && p[1] == 120 && p[2] == 200, "decoded pixel (1, 1) is (80, 120, 200)");
        stbi_image_free(pixels);
    }
    // The same through vidata's decoder; its JPEG backend is libjpeg-turbo where the package was built with it
    // (VIDATA_HAS_TURBOJPEG from the package's flags), which makes this program link libturbojpeg.
    vidata::image_decoder decoder;
    check(decoder.jpeg_backend() == (vidata::turbojpeg_available ? vidata::image_backend::turbojpeg : vidata::image_backend::stb),
          "vidata::image_decoder resolves its JPEG backend to the one the package was built with");
    const vidata::clip decoded = decoder.decode(std::span<const unsigned char>(png, sizeof png), vidata::image_channels::rgb, "consumer.png");
    check(decoded.width() == 3 && decoded.height() == 2 && decoded(0, 1, 1, 0) == 80 && decoded(0, 1, 1, 2) == 200,
          "vidata::image_decoder decodes the PNG");
}
#endif

}  // namespace

int main() {
    std::printf("consumer: vidata %s\n", vidata::version_string);
    check_version();
    check_ndarray();
    check_errors();
#if defined(VIDATA_CONSUMER_WITH_FFMPEG)
    check_ffmpeg();
#endif
#if defined(VIDATA_CONSUMER_WITH_IMAGE)
    check_stb();
#endif
    if (failures != 0) {
        std::fprintf(stderr, "consumer: %d check(s) failed\n", failures);
        return 1;
    }
    std::printf("consumer: OK\n");
    return 0;
}
