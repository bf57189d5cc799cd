// SPDX-License-Identifier: Apache-2.0
// Tests of rawframe_source: templates, start index, offset, flow pairs, repeated indices, the missing-frame message
// with its start_index hint (MMAction2's FAQ), size and decode errors, and the MMAction2 fixture frames against OpenCV.
#include <vidata/core/concepts.hpp>
#include <vidata/io/image/rawframe_source.hpp>

#include "image/image_support.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

static_assert(vidata::frame_source<vidata::rawframe_source>);

namespace rawframe_source_test {

using vidata::rawframe_options;
using vidata::rawframe_source;

constexpr int width = 6;
constexpr int height = 4;

/// Writes PNG frames `first..last` under `tmpl` (one-field), frame k holding known_pixels(seed = k + seed_shift).
inline void write_frames(const std::filesystem::path& dir, const std::string& tmpl, std::int64_t first, std::int64_t last,
                         int channels = 3, int seed_shift = 0) {
    const vidata::filename_template t(tmpl);
    for (std::int64_t k = first; k <= last; ++k)
        vidata::test::write_png(dir / t.format(k), width, height, channels,
                                vidata::test::known_pixels(width, height, channels, static_cast<int>(k) + seed_shift));
}

/// The bytes frame `t` of `c` should hold: known_pixels of `seed`.
inline bool frame_is(const vidata::clip& c, std::size_t t, int seed) {
    const auto want = vidata::test::known_pixels(width, height, static_cast<int>(c.channels()), seed);
    const auto got = c.frame_pixels(t);
    return std::equal(got.begin(), got.end(), want.begin(), want.end());
}

inline std::string missing_message(rawframe_source& src, std::vector<std::int64_t> indices) {
    return vidata::test::message_of<vidata::io_error>([&] { (void)src.read(indices); });
}

}  // namespace rawframe_source_test

using namespace rawframe_source_test;

TEST_CASE("rawframe_source: img_{:05d} frames, start index 1, in the requested order", "[image][rawframes]") {
    const vidata::test::temp_dir dir;
    write_frames(dir.path(), "img_{:05d}.png", 1, 6);
    rawframe_source src(dir.path(), rawframe_options{.filename_template = "img_{:05d}.png"});
    CHECK(src.frame_count() == 6);
    CHECK(src.first_frame_number() == std::optional<std::int64_t>(1));
    CHECK(src.channels() == 3);
    CHECK(src.frame_path(4) == dir.path() / "img_00004.png");

    const vidata::clip c = src.read(std::vector<std::int64_t>{6, 1, 4});
    REQUIRE(c.frames() == 3);
    CHECK(c.height() == height);
    CHECK(c.width() == width);
    CHECK(c.channels() == 3);
    CHECK(frame_is(c, 0, 6));
    CHECK(frame_is(c, 1, 1));
    CHECK(frame_is(c, 2, 4));

    // frame_indices, as a sampler returns them: two clips of two, read flat.
    const vidata::clip d = src.read(vidata::frame_indices(2, 2, {1, 2, 5, 6}));
    REQUIRE(d.frames() == 4);
    CHECK((frame_is(d, 0, 1) && frame_is(d, 1, 2) && frame_is(d, 2, 5) && frame_is(d, 3, 6)));

    CHECK(src.read(std::vector<std::int64_t>{}).frames() == 0);
}

TEST_CASE("rawframe_source: repeated indices are decoded once and copied, in order", "[image][rawframes]") {
    const vidata::test::temp_dir dir;
    write_frames(dir.path(), "img_{:05d}.png", 1, 8);
    rawframe_source src(dir.path(), rawframe_options{.filename_template = "img_{:05d}.png"});
    const std::vector<std::int64_t> indices{5, 5, 2, 5, 8, 2, 2};
    const vidata::clip c = src.read(indices);
    CHECK(src.files_decoded() == 3);  // 5, 2 and 8
    REQUIRE(c.frames() == indices.size());
    for (std::size_t t = 0; t < indices.size(); ++t) {
        INFO("position " << t);
        CHECK(frame_is(c, t, static_cast<int>(indices[t])));
        // The same as reading that index alone.
        CHECK(c.subclip(t, 1) == src.read(std::vector<std::int64_t>{indices[t]}).view());
    }
}

TEST_CASE("rawframe_source: Jester's {:05d} names and an ActivityNet-style offset", "[image][rawframes]") {
    const vidata::test::temp_dir dir;
    write_frames(dir.path(), "{:05d}.png", 1, 4);
    rawframe_source jester(dir.path(), rawframe_options{.filename_template = "{:05d}.png"});
    CHECK(jester.frame_count() == 4);
    const vidata::clip c = jester.read(std::vector<std::int64_t>{1, 4});
    CHECK((frame_is(c, 0, 1) && frame_is(c, 1, 4)));

    // A with-offset list: the directory holds the whole video from image_00000, the clip starts at frame 10.
    const vidata::test::temp_dir video;
    write_frames(video.path(), "image_{:05d}.png", 0, 15);
    rawframe_source clip_src(video.path(), rawframe_options{.filename_template = "image_{:05d}.png", .start_index = 0, .offset = 10});
    CHECK(clip_src.frame_count() == 16);
    CHECK(clip_src.frame_path(2) == video.path() / "image_00012.png");
    const vidata::clip d = clip_src.read(std::vector<std::int64_t>{0, 2, 5});
    CHECK((frame_is(d, 0, 10) && frame_is(d, 1, 12) && frame_is(d, 2, 15)));
}

TEST_CASE("rawframe_source: flow frames come as gray [x, y] pairs", "[image][rawframes][flow]") {
    const vidata::test::temp_dir dir;
    // x frames hold seed k, y frames seed 100 + k, so every frame of the pair is told apart.
    write_frames(dir.path(), "flow_x_{:05d}.png", 1, 4, 1);
    write_frames(dir.path(), "flow_y_{:05d}.png", 1, 4, 1, 100);

    const auto check_pairs = [](rawframe_source& src) {
        CHECK(src.channels() == 1);
        CHECK(src.frames_per_index() == 2);
        CHECK(src.frame_count() == 4);
        const vidata::clip c = src.read(std::vector<std::int64_t>{3, 1, 3});
        REQUIRE(c.frames() == 6);
        CHECK(c.channels() == 1);
        CHECK(frame_is(c, 0, 3));
        CHECK(frame_is(c, 1, 103));
        CHECK(frame_is(c, 2, 1));
        CHECK(frame_is(c, 3, 101));
        CHECK(frame_is(c, 4, 3));
        CHECK(frame_is(c, 5, 103));
        CHECK(src.files_decoded() == 4);
    };
    SECTION("MMAction2's two-field template") {
        rawframe_source src(dir.path(), rawframe_options::flow("flow_{}_{:05d}.png"));
        CHECK(src.frame_path(2, 1) == dir.path() / "flow_y_00002.png");
        check_pairs(src);
    }
    SECTION("separate x and y templates, as the dataset descriptors name them") {
        rawframe_options o = rawframe_options::flow("flow_x_{:05d}.png");
        o.flow_y_template = "flow_y_{:05d}.png";
        rawframe_source src(dir.path(), o);
        check_pairs(src);
    }
    SECTION("x and y files in unequal numbers make frame_count an error") {
        vidata::test::write_png(dir / "flow_x_00005.png", width, height, 1, vidata::test::known_pixels(width, height, 1));
        rawframe_source src(dir.path(), rawframe_options::flow("flow_{}_{:05d}.png"));
        CHECK_THAT(vidata::test::message_of<vidata::io_error>([&] { (void)src.frame_count(); }),
                   Catch::Contains("5 flow x frames") && Catch::Contains("but 4 flow y frames"));
    }
}

TEST_CASE("rawframe_source: a missing frame names the file and, from the first frame, the start_index meant",
          "[image][rawframes][errors]") {
    const vidata::test::temp_dir dir;
    // MMAction2's FAQ case: 300 frames extracted from img_00000.jpg, a list saying total_frames 300, and the default
    // start_index 1, so a sampler's last index is 300.
    const auto tiny = vidata::test::encode_png(2, 2, 3, vidata::test::known_pixels(2, 2, 3));
    const vidata::filename_template t("img_{:05d}.jpg");
    for (int k = 0; k < 300; ++k) {
        std::ofstream out(dir / t.format(k), std::ios::binary);
        out.write(reinterpret_cast<const char*>(tiny.data()), static_cast<std::streamsize>(tiny.size()));
    }
    rawframe_source src(dir.path());  // the defaults: img_{:05d}.jpg, start_index 1
    const std::string m = missing_message(src, {1, 150, 300});
    CHECK_THAT(m, Catch::StartsWith("[vidata.io_error] " + (dir.path() / "img_00300.jpg").string() + ": no such frame file"));
    CHECK_THAT(m, Catch::Contains("300 frames numbered 0 to 299 (img_00000.jpg to img_00299.jpg)"));
    CHECK_THAT(m, Catch::Contains("not start_index 1, so set start_index=0"));

    // With start_index 0, the sampler's indices are 0..299 and every file is there.
    rawframe_source fixed(dir.path(), rawframe_options{.start_index = 0});
    CHECK(fixed.read(std::vector<std::int64_t>{0, 150, 299}).frames() == 3);
    CHECK(fixed.frame_count() == 300);
}

TEST_CASE("rawframe_source: the other missing-frame cases say what the directory holds", "[image][rawframes][errors]") {
    const vidata::test::temp_dir dir;
    write_frames(dir.path(), "img_{:05d}.png", 1, 5);
    SECTION("past the last frame") {
        rawframe_source src(dir.path(), rawframe_options{.filename_template = "img_{:05d}.png"});
        CHECK_THAT(missing_message(src, {2, 6}), Catch::Contains("img_00006.png: no such frame file (frame 6)") &&
                                                     Catch::Contains("past the last one"));
    }
    SECTION("with an offset") {
        rawframe_source src(dir.path(), rawframe_options{.filename_template = "img_{:05d}.png", .offset = 3});
        CHECK_THAT(missing_message(src, {3}), Catch::Contains("img_00006.png: no such frame file (frame 6 = index 3 + offset 3)") &&
                                                  Catch::Contains("total_frames or offset"));
    }
    SECTION("a gap in the sequence") {
        std::filesystem::remove(dir / "img_00003.png");
        rawframe_source src(dir.path(), rawframe_options{.filename_template = "img_{:05d}.png"});
        CHECK_THAT(missing_message(src, {3}), Catch::Contains("missing from the middle"));
    }
    SECTION("a template that matches nothing") {
        rawframe_source src(dir.path(), rawframe_options{.filename_template = "{:05d}.jpg"});
        CHECK_THAT(missing_message(src, {1}), Catch::Contains("00001.jpg: no such frame file") &&
                                                  Catch::Contains("no file in the directory matches the template '{:05d}.jpg'") &&
                                                  Catch::Contains("the first named 'img_00001.png'"));
        CHECK(src.frame_count() == 0);
        CHECK_FALSE(src.first_frame_number());
    }
}

TEST_CASE("rawframe_source: frames of different sizes, corrupt frames and bad options are refused", "[image][rawframes][errors]") {
    const vidata::test::temp_dir dir;
    write_frames(dir.path(), "img_{:05d}.png", 1, 3);
    vidata::test::write_png(dir / "img_00004.png", width + 1, height, 3, vidata::test::known_pixels(width + 1, height, 3));
    vidata::test::write_file(dir / "img_00005.png", "this is not a PNG");
    rawframe_source src(dir.path(), rawframe_options{.filename_template = "img_{:05d}.png"});

    const std::string sizes = vidata::test::message_of<vidata::decode_error>([&] { (void)src.read(std::vector<std::int64_t>{2, 4}); });
    CHECK_THAT(sizes, Catch::StartsWith("[vidata.decode_error] " + (dir.path() / "img_00004.png").string() + ": the frame is 7x4 pixels but "));
    CHECK_THAT(sizes, Catch::Contains("img_00002.png, read first for this clip, is 6x4"));

    CHECK_THAT(vidata::test::message_of<vidata::decode_error>([&] { (void)src.read(std::vector<std::int64_t>{1, 5}); }),
               Catch::StartsWith("[vidata.decode_error] " + (dir.path() / "img_00005.png").string() + ": not a readable image"));
    // The source still reads good frames afterwards.
    CHECK(frame_is(src.read(std::vector<std::int64_t>{3}), 0, 3));

    CHECK_THROWS_AS(rawframe_source(dir / "absent"), vidata::io_error);
    CHECK_THROWS_AS(rawframe_source(dir / "img_00001.png"), vidata::io_error);
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>(
                   [&] { (void)rawframe_source(dir.path(), rawframe_options{.filename_template = "flow_{}_{:05d}.jpg"}); }),
               Catch::Contains("set modality to flow"));
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)rawframe_source(dir.path(), rawframe_options::flow("img_{:05d}.jpg")); }),
               Catch::Contains("no direction field"));
}

TEST_CASE("rawframe_source: MMAction2's test frames decode as OpenCV decodes them", "[image][rawframes][fixtures][python]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    const std::filesystem::path imgs = *fixtures / "mmaction2" / "imgs";
    if (!vidata::test::opencv_oracle_available()) return;
    const vidata::test::temp_dir out;
    std::string files;
    for (const char* name : {"img_00001.jpg", "img_00007.jpg", "img_00010.jpg", "x_00001.jpg", "y_00001.jpg", "x_00005.jpg", "y_00005.jpg"})
        files += " " + vidata::test::shell_quote((imgs / name).string());
    REQUIRE(vidata::test::run_python("image_oracle.py", "decode " + vidata::test::shell_quote(out.path().string()) + files).status == 0);
    const auto oracle = [&](const std::string& name, const char* kind) { return vidata::test::file_bytes(out / (name + kind)); };

    std::vector<vidata::image_backend> backends{vidata::image_backend::stb};
    if (vidata::turbojpeg_available) backends.push_back(vidata::image_backend::turbojpeg);
    for (const vidata::image_backend b : backends) {
        INFO("backend " << vidata::to_string_view(b));
        // The bound measured in image_decoder_test: libjpeg-turbo is OpenCV's decoder, stb_image is within 3 levels.
        const int bound = b == vidata::image_backend::turbojpeg ? 0 : 3;
        // PROVENANCE.md: img_00001.jpg to img_00010.jpg, 320x240 RGB, and five flow pairs x_/y_00001..00005.jpg.
        rawframe_source rgb(imgs, rawframe_options{.backend = b});
        CHECK(rgb.frame_count() == 10);
        const vidata::clip c = rgb.read(vidata::frame_indices(1, 3, {1, 7, 10}));
        REQUIRE(c.frames() == 3);
        CHECK(c.height() == 240);
        CHECK(c.width() == 320);
        int i = 0;
        for (const char* name : {"img_00001.jpg", "img_00007.jpg", "img_00010.jpg"}) {
            const auto want = oracle(name, ".rgb.raw");
            REQUIRE(want.size() == c.frame_size());
            CHECK(vidata::test::max_abs_difference(c.frame_pixels(static_cast<std::size_t>(i++)).data(), want.data(), want.size()) <= bound);
        }

        // The other half of the FAQ: these frames start at 1, so a video-style start_index 0 asks for img_00000.jpg.
        rawframe_source from_zero(imgs, rawframe_options{.start_index = 0, .backend = b});
        CHECK_THAT(vidata::test::message_of<vidata::io_error>([&] { (void)from_zero.read(std::vector<std::int64_t>{0, 4}); }),
                   Catch::Contains("img_00000.jpg: no such frame file") && Catch::Contains("so set start_index=1"));

        rawframe_source flow(imgs, rawframe_options{.filename_template = "{}_{:05d}.jpg", .modality = vidata::rawframe_modality::flow, .backend = b});
        CHECK(flow.frame_count() == 5);
        const vidata::clip f = flow.read(std::vector<std::int64_t>{5, 1});
        REQUIRE(f.frames() == 4);
        CHECK(f.channels() == 1);
        i = 0;
        for (const char* name : {"x_00005.jpg", "y_00005.jpg", "x_00001.jpg", "y_00001.jpg"}) {
            const auto want = oracle(name, ".gray.raw");
            REQUIRE(want.size() == f.frame_size());
            CHECK(vidata::test::max_abs_difference(f.frame_pixels(static_cast<std::size_t>(i++)).data(), want.data(), want.size()) <= bound);
        }
    }
}
