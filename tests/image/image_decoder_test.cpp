// SPDX-License-Identifier: Apache-2.0
// Tests of image_decoder and read_image: PNG pixel-exact against known pixels, JPEG against OpenCV's cv2.imdecode,
// corrupt and truncated files refused with the file's name.
#include <vidata/io/image/image_decoder.hpp>
#include <vidata/io/image/read_image.hpp>

#include "image/image_support.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace image_decoder_test {

using vidata::image_backend;
using vidata::image_channels;

/// Every JPEG backend this build has: stb always, libjpeg-turbo where CMake found it.
inline std::vector<image_backend> backends() {
    std::vector<image_backend> out{image_backend::stb};
    if (vidata::turbojpeg_available) out.push_back(image_backend::turbojpeg);
    return out;
}

inline std::vector<std::uint8_t> pixels_of(const vidata::clip& c) { return {c.pixels().begin(), c.pixels().end()}; }

}  // namespace image_decoder_test

using namespace image_decoder_test;

TEST_CASE("image: detect_image_format reads the signature", "[image][decoder]") {
    const std::vector<std::uint8_t> jpeg{0xFF, 0xD8, 0xFF, 0xE0};
    const std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0};
    const std::vector<std::uint8_t> short_png{0x89, 'P', 'N', 'G'};
    CHECK(vidata::detect_image_format(jpeg) == vidata::image_file_format::jpeg);
    CHECK(vidata::detect_image_format(png) == vidata::image_file_format::png);
    CHECK(vidata::detect_image_format(short_png) == vidata::image_file_format::other);
    CHECK(vidata::detect_image_format({}) == vidata::image_file_format::other);
}

TEST_CASE("image: PNG decodes to the pixels written, whatever the JPEG backend", "[image][decoder][png]") {
    const int w = 7, h = 5;
    const auto rgb = vidata::test::known_pixels(w, h, 3);
    const auto gray = vidata::test::known_pixels(w, h, 1, 4);
    const auto rgba = vidata::test::known_pixels(w, h, 4, 9);
    const auto rgb_png = vidata::test::encode_png(w, h, 3, rgb);
    const auto gray_png = vidata::test::encode_png(w, h, 1, gray);
    const auto rgba_png = vidata::test::encode_png(w, h, 4, rgba);
    for (const image_backend b : backends()) {
        INFO("backend " << vidata::to_string_view(b));
        vidata::image_decoder dec(b);
        const vidata::image_header hd = dec.header(rgb_png, "a.png");
        CHECK(hd.width == 7);
        CHECK(hd.height == 5);
        CHECK(hd.format == vidata::image_file_format::png);

        const vidata::clip c = dec.decode(rgb_png, image_channels::rgb, "a.png");
        CHECK(c.frames() == 1);
        CHECK(c.height() == 5);
        CHECK(c.width() == 7);
        CHECK(c.channels() == 3);
        CHECK(pixels_of(c) == rgb);

        CHECK(pixels_of(dec.decode(gray_png, image_channels::gray, "g.png")) == gray);
        // A gray file read as RGB repeats each value in the three channels.
        const vidata::clip g3 = dec.decode(gray_png, image_channels::rgb, "g.png");
        std::vector<std::uint8_t> expected;
        for (const std::uint8_t v : gray) expected.insert(expected.end(), {v, v, v});
        CHECK(pixels_of(g3) == expected);
        // RGBA read as RGB drops the alpha channel (as OpenCV's IMREAD_COLOR does).
        expected.clear();
        for (std::size_t i = 0; i < rgba.size(); i += 4) expected.insert(expected.end(), {rgba[i], rgba[i + 1], rgba[i + 2]});
        CHECK(pixels_of(dec.decode(rgba_png, image_channels::rgb, "a4.png")) == expected);
    }
}

TEST_CASE("image: decode_into writes into a caller's buffer", "[image][decoder][png]") {
    const auto rgb = vidata::test::known_pixels(4, 3, 3, 2);
    const auto png = vidata::test::encode_png(4, 3, 3, rgb);
    vidata::image_decoder dec;
    const vidata::image_header h = dec.header(png, "p.png");
    REQUIRE(h.size(image_channels::rgb) == 36);
    std::vector<std::uint8_t> out(36, 0);
    dec.decode_into(png, h, image_channels::rgb, out, "p.png");
    CHECK(out == rgb);
}

TEST_CASE("image: JPEG decodes as OpenCV's cv2.imdecode does, within each backend's measured bound", "[image][decoder][jpeg][python]") {
    if (!vidata::test::opencv_oracle_available()) return;
    const vidata::test::temp_dir dir;
    // stb_image_write's JPEGs (4:4:4 above quality 90, 4:2:0 at 90 and below) beside OpenCV's own (written by the oracle).
    const auto color = vidata::test::known_pixels(53, 41, 3, 1);
    vidata::test::write_jpeg(dir / "stb_444_q95.jpg", 53, 41, 3, color, 95);
    vidata::test::write_jpeg(dir / "stb_420_q80.jpg", 53, 41, 3, color, 80);
    const auto r = vidata::test::run_python("image_oracle.py", "make " + vidata::test::shell_quote(dir.path().string()));
    REQUIRE(r.status == 0);
    const nlohmann::json cases = nlohmann::json::parse(r.output);
    REQUIRE(cases.size() == 7);

    for (const image_backend b : backends()) {
        vidata::image_decoder dec(b);
        // Measured on Debian 12 (libjpeg-turbo 2.1.5, OpenCV 4.6 on the same libjpeg-turbo, stb 2022-09) over these
        // seven files: libjpeg-turbo gives OpenCV's bytes exactly (the same library with the same settings). stb_image
        // differs by up to 3 levels in RGB (its own IDCT rounding, its chroma upsampling and YCbCr->RGB constants: 3 on
        // the 4:2:0 files, 2 on 4:4:4) and by 1 in gray (the Y plane: the IDCT alone).
        const int rgb_bound = b == image_backend::turbojpeg ? 0 : 3;
        const int gray_bound = b == image_backend::turbojpeg ? 0 : 1;
        int worst_rgb = 0, worst_gray = 0;
        for (const auto& c : cases) {
            const std::string name = c["name"];
            INFO("backend " << vidata::to_string_view(b) << ", " << name);
            const auto bytes = vidata::test::file_bytes(dir / name);
            const vidata::clip rgb = dec.decode(bytes, image_channels::rgb, name);
            const vidata::clip gray = dec.decode(bytes, image_channels::gray, name);
            REQUIRE(rgb.width() == c["width"].get<std::size_t>());
            REQUIRE(rgb.height() == c["height"].get<std::size_t>());
            const auto want_rgb = vidata::test::file_bytes(dir / (name + ".rgb.raw"));
            const auto want_gray = vidata::test::file_bytes(dir / (name + ".gray.raw"));
            REQUIRE(want_rgb.size() == rgb.size());
            REQUIRE(want_gray.size() == gray.size());
            const int d_rgb = vidata::test::max_abs_difference(rgb.data(), want_rgb.data(), rgb.size());
            const int d_gray = vidata::test::max_abs_difference(gray.data(), want_gray.data(), gray.size());
            CHECK(d_rgb <= rgb_bound);
            CHECK(d_gray <= gray_bound);
            worst_rgb = std::max(worst_rgb, d_rgb);
            worst_gray = std::max(worst_gray, d_gray);
        }
        // Not vacuous: stb does differ from OpenCV somewhere, so the bound above is a measured one, not a guess.
        if (b == image_backend::stb) CHECK(worst_rgb > 0);
        UNSCOPED_INFO("backend " << vidata::to_string_view(b) << ": max |vidata - cv2| rgb " << worst_rgb << ", gray " << worst_gray);
    }
}

TEST_CASE("image: corrupt, truncated and empty files are decode_errors naming the file", "[image][decoder][errors]") {
    const auto color = vidata::test::known_pixels(32, 24, 3, 3);
    const auto jpeg = vidata::test::encode_jpeg(32, 24, 3, color, 90);
    const auto png = vidata::test::encode_png(32, 24, 3, color);
    const std::vector<std::uint8_t> truncated_jpeg(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(jpeg.size() / 2));
    std::vector<std::uint8_t> corrupt_png = png;
    for (std::size_t i = 60; i < corrupt_png.size() - 20; ++i) corrupt_png[i] = static_cast<std::uint8_t>(corrupt_png[i] ^ 0x5A);
    const std::vector<std::uint8_t> text{'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'};

    for (const image_backend b : backends()) {
        INFO("backend " << vidata::to_string_view(b));
        vidata::image_decoder dec(b);
        const auto decode = [&](const std::vector<std::uint8_t>& bytes, const std::string& name) {
            return vidata::test::message_of<vidata::decode_error>([&] { (void)dec.decode(bytes, image_channels::rgb, name); });
        };
        const std::string m_trunc = decode(truncated_jpeg, "frames/img_00007.jpg");
        CHECK_THAT(m_trunc, Catch::StartsWith("[vidata.decode_error] frames/img_00007.jpg: "));
        CHECK_THAT(m_trunc, Catch::Contains("JPEG"));
        CHECK_THAT(decode(corrupt_png, "x.png"), Catch::StartsWith("[vidata.decode_error] x.png: "));
        CHECK_THAT(decode(text, "notes.jpg"), Catch::Contains("notes.jpg: not a readable image"));
        CHECK_THAT(decode({}, "empty.jpg"), Catch::Contains("empty.jpg: the file is empty"));
        // The intact files still decode after the failures: the decoder's state recovers.
        CHECK(dec.decode(jpeg, image_channels::rgb, "ok.jpg").width() == 32);
        CHECK(pixels_of(dec.decode(png, image_channels::rgb, "ok.png")) == color);
    }
}

TEST_CASE("image: asking for libjpeg-turbo in a build without it is an invalid_argument", "[image][decoder]") {
    if (vidata::turbojpeg_available) {
        CHECK(vidata::image_decoder(image_backend::automatic).jpeg_backend() == image_backend::turbojpeg);
    } else {
        CHECK(vidata::image_decoder(image_backend::automatic).jpeg_backend() == image_backend::stb);
        CHECK_THROWS_AS(vidata::image_decoder(image_backend::turbojpeg), vidata::invalid_argument);
    }
    CHECK(vidata::image_decoder(image_backend::stb).jpeg_backend() == image_backend::stb);
}

TEST_CASE("image: read_image reads a file, and names a missing one", "[image][decoder]") {
    const vidata::test::temp_dir dir;
    const auto rgb = vidata::test::known_pixels(6, 4, 3, 5);
    vidata::test::write_png(dir / "a.png", 6, 4, 3, rgb);
    CHECK(pixels_of(vidata::read_image(dir / "a.png")) == rgb);
    CHECK(vidata::read_image(dir / "a.png", image_channels::gray).channels() == 1);
    CHECK_THAT(vidata::test::message_of<vidata::io_error>([&] { (void)vidata::read_image(dir / "b.png"); }),
               Catch::Contains("b.png") && Catch::Contains("No such file"));
}
