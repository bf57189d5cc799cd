// SPDX-License-Identifier: Apache-2.0
// build_rawframes on videos made by the ffmpeg CLI: frame counts and names as ffmpeg writes them, pixels as
// video_reader decodes them (exact in PNG, within a JPEG tolerance), sizes by hand, failures, resume, shards.
#include "prepare/prepare_support.hpp"

#include <vidata/io/image/read_image.hpp>
#include <vidata/io/video/video_reader.hpp>
#include <vidata/prepare/build_rawframes.hpp>
#include <vidata/transforms/resample.hpp>

#include <catch2/catch.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace build_rawframes_test {

namespace fs = std::filesystem;
using vidata::test::temp_dir;

// A level-2 tree: two classes, an H.264 MP4 (340 x 256, 1 s at 25 fps), a portrait one (180 x 320, 0.6 s), and an
// MPEG-4 AVI that --ext mp4 must ignore.
struct tree {
    temp_dir dir;
    fs::path src = dir / "videos";
    fs::path out = dir / "rawframes";
    tree() {
        vidata::test::prepare::make_video(src / "riding" / "wide.mp4", 340, 256, 1.0);
        vidata::test::prepare::make_video(src / "walking" / "tall.mp4", 180, 320, 0.6);
        vidata::test::prepare::make_video(src / "walking" / "other.avi", 160, 120, 0.4);
    }
};

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string expected_name(std::size_t i, const char* ext) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "img_%05zu.%s", i, ext);
    return buffer;
}

}  // namespace build_rawframes_test

TEST_CASE("build_rawframes: one frame file per frame ffmpeg writes - named img_00001 on - PNG pixels equal to the decoder's", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    o.out_format = vidata::prepare::frame_format::png;
    o.num_worker = 2;
    const auto s = vidata::prepare::build_rawframes(t.src, t.out, o);
    CHECK(s.totals.videos_total == 2);  // the .avi is not taken
    CHECK(s.totals.extracted == 2);
    CHECK(s.failures.empty());
    CHECK(vidata::test::read_file(t.out / "build_report.txt") == "riding/wide.mp4\nwalking/tall.mp4\n");
    CHECK(vidata::test::read_file(t.out / "failed.txt").empty());
    CHECK_FALSE(fs::exists(t.out / "walking" / "other"));
    for (const char* video : {"riding/wide", "walking/tall"}) {
        INFO(video);
        const fs::path source = t.src / (std::string(video) + ".mp4");
        const std::size_t count = vidata::test::prepare::ffmpeg_frame_count(source, t.dir / "scratch");
        REQUIRE(count > 0);
        std::vector<std::string> expected;
        for (std::size_t i = 1; i <= count; ++i) expected.push_back(expected_name(i, "png"));
        CHECK(names_in(t.out / video) == expected);
        // Frame 0 (img_00001.png) decoded back equals video_reader's frame 0, byte for byte (PNG is lossless).
        vidata::video_reader reader(source);
        const std::vector<std::int64_t> first{0};
        const vidata::clip decoded = reader.read(first);
        const vidata::clip written = vidata::read_image(t.out / video / "img_00001.png");
        REQUIRE(written.height() == decoded.height());
        REQUIRE(written.width() == decoded.width());
        CHECK(std::equal(written.pixels().begin(), written.pixels().end(), decoded.pixels().begin()));
    }
    CHECK(s.totals.frames == 25 + 15);  // 1 s and 0.6 s at 25 fps
}

TEST_CASE("build_rawframes: JPEG frames within the stated tolerance of the decoder's pixels", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    vidata::prepare::build_rawframes(t.src, t.out, o);
    vidata::video_reader reader(t.src / "riding" / "wide.mp4");
    const std::vector<std::int64_t> first{0};
    const vidata::clip decoded = reader.read(first);
    const vidata::clip written = vidata::read_image(t.out / "riding" / "wide" / "img_00001.jpg");
    REQUIRE(written.height() == decoded.height());
    REQUIRE(written.width() == decoded.width());
    // Quality 95 with 4:2:0 chroma on a synthetic pattern with hard colour edges (testsrc2, the worst case for
    // subsampled chroma): the stated tolerance is a mean absolute error below 4 levels (measured 2.63 with
    // libjpeg-turbo), though single pixels at colour edges move further.
    double sum = 0;
    const auto a = written.pixels();
    const auto b = decoded.pixels();
    for (std::size_t i = 0; i < a.size(); ++i) sum += std::abs(int(a[i]) - int(b[i]));
    const double mean = sum / static_cast<double>(a.size());
    INFO("mean absolute error " << mean);
    CHECK(mean < 4.0);
    CHECK(mean > 0.0);  // JPEG is lossy: a zero here would mean the comparison compared nothing
}

TEST_CASE("build_rawframes: --new-short and --new-width/--new-height sizes - as computed by hand - pixels as cv2's bilinear resize", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    o.out_format = vidata::prepare::frame_format::png;
    o.new_short = 100;
    vidata::prepare::build_rawframes(t.src, t.out, o);
    // 340 x 256: the height is short -> 100, the width int(340 * 100 / 256) = int(132.8125) = 132.
    const vidata::clip wide = vidata::read_image(t.out / "riding" / "wide" / "img_00001.png");
    CHECK(wide.height() == 100);
    CHECK(wide.width() == 132);
    // 180 x 320 (portrait): the width is short -> 100, the height int(320 * 100 / 180) = int(177.78) = 177.
    const vidata::clip tall = vidata::read_image(t.out / "walking" / "tall" / "img_00001.png");
    CHECK(tall.width() == 100);
    CHECK(tall.height() == 177);
    // The pixels: resize_frames (checked against cv2.resize INTER_LINEAR in tests/transforms) of the decoded frame.
    vidata::video_reader reader(t.src / "riding" / "wide.mp4");
    const std::vector<std::int64_t> first{0};
    const vidata::clip expected = vidata::transforms::resize_frames(reader.read(first), {100, 132});
    CHECK(std::equal(wide.pixels().begin(), wide.pixels().end(), expected.pixels().begin()));

    temp_dir other;
    o.new_short = 0;
    o.new_width = 64;
    o.new_height = 48;
    vidata::prepare::build_rawframes(t.src, other.path(), o);
    const vidata::clip fixed = vidata::read_image(other.path() / "walking" / "tall" / "img_00001.png");
    CHECK(fixed.width() == 64);
    CHECK(fixed.height() == 48);

    o.new_height = 0;  // one without the other
    CHECK_THROWS_AS(vidata::prepare::build_rawframes(t.src, other.path(), o), vidata::invalid_argument);
}

TEST_CASE("build_rawframes: encoder threads write the same files as the worker alone - every frame in its place", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    o.new_short = 100;
    o.num_worker = 1;
    o.encoder_threads = 0;
    const temp_dir alone;
    vidata::prepare::build_rawframes(t.src, alone.path(), o);
    for (const unsigned helpers : {1u, 3u}) {
        INFO("encoder threads " << helpers);
        o.encoder_threads = helpers;
        const temp_dir with;
        const auto s = vidata::prepare::build_rawframes(t.src, with.path(), o);
        CHECK(s.totals.frames == 25 + 15);
        // JPEG encoding is deterministic: the same pictures give the same bytes, whichever thread wrote them.
        for (const char* video : {"riding/wide", "walking/tall"}) {
            INFO(video);
            const auto names = names_in(alone.path() / video);
            REQUIRE(names.size() == (std::string(video) == "riding/wide" ? 25u : 15u));
            CHECK(names_in(with.path() / video) == names);
            for (const auto& name : names)
                CHECK(vidata::test::read_file(with.path() / video / name) == vidata::test::read_file(alone.path() / video / name));
        }
    }
    // In PNG, each frame file holds the resized picture of its own index (a mix-up of slots would move frames).
    o.out_format = vidata::prepare::frame_format::png;
    o.encoder_threads = 3;
    vidata::prepare::build_rawframes(t.src, t.out, o);
    vidata::video_reader reader(t.src / "riding" / "wide.mp4");
    std::vector<std::int64_t> all(25);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::int64_t>(i);
    const vidata::clip expected = vidata::transforms::resize_frames(reader.read(all), {100, 132});
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO("frame " << i);
        const vidata::clip written = vidata::read_image(t.out / "riding" / "wide" / expected_name(i + 1, "png"));
        REQUIRE(written.pixels().size() == expected.frame_size());
        CHECK(std::equal(written.pixels().begin(), written.pixels().end(), expected.frame_pixels(i).begin()));
    }
}

TEST_CASE("build_rawframes: a corrupt video is skipped and listed in failed.txt with its reason - the others are extracted", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    av_log_set_level(AV_LOG_QUIET);  // the library leaves FFmpeg's log level alone; these files are damaged on purpose
    // A file that is no video, and an MP4 cut in its middle (its index, at the end, is gone).
    vidata::test::write_file(t.src / "walking" / "broken.mp4", "this is not a video");
    const std::string whole = vidata::test::read_file(t.src / "riding" / "wide.mp4");
    vidata::test::write_file(t.src / "riding" / "cut.mp4", whole.substr(0, whole.size() / 2));
    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    const auto s = vidata::prepare::build_rawframes(t.src, t.out, o);
    CHECK(s.totals.extracted == 2);
    REQUIRE(s.totals.failed == 2);
    const std::string failed = vidata::test::read_file(t.out / "failed.txt");
    CHECK(failed.rfind("riding/cut.mp4\t", 0) == 0);
    CHECK(failed.find("\nwalking/broken.mp4\t") != std::string::npos);
    CHECK(failed.find("broken.mp4: ") != std::string::npos);  // the reason names the file
    CHECK_FALSE(fs::exists(t.out / "walking" / "broken"));
    CHECK_FALSE(fs::exists(t.out / "riding" / "cut"));
    CHECK(vidata::test::read_file(t.out / "build_report.txt") == "riding/wide.mp4\nwalking/tall.mp4\n");
}

TEST_CASE("build_rawframes: resume skips finished directories - a killed run's partial directory is removed", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    // What a killed run leaves: a finished directory (with a marker resume must not touch) and a partial one.
    fs::create_directories(t.out / "riding" / "wide");
    vidata::test::write_file(t.out / "riding" / "wide" / "marker", "x");
    const fs::path stale = t.out / "walking" / ".tall.partial-999999999";
    fs::create_directories(stale);
    vidata::test::write_file(stale / "img_00001.jpg", "half");
    // And the temporary of a report it was rewriting.
    vidata::test::write_file(t.out / ".build_report.txt.tmp.AbC123", "riding/wi");
    // Another video's partial directory, not this run's business: kept.
    const fs::path foreign = t.out / "walking" / ".unrelated.partial-999999999";
    fs::create_directories(foreign);
    o.resume = true;
    const auto s = vidata::prepare::build_rawframes(t.src, t.out, o);
    CHECK(s.totals.skipped == 1);
    CHECK(s.totals.extracted == 1);
    CHECK(fs::exists(t.out / "riding" / "wide" / "marker"));
    CHECK_FALSE(fs::exists(stale));
    CHECK_FALSE(fs::exists(t.out / ".build_report.txt.tmp.AbC123"));
    CHECK(fs::exists(foreign));
    CHECK(names_in(t.out / "walking").size() == 2);  // tall and the foreign partial directory
    CHECK(vidata::test::read_file(t.out / "build_report.txt") == "riding/wide.mp4\nwalking/tall.mp4\n");
    // Without resume the directory is extracted again, replacing the old one whole.
    o.resume = false;
    vidata::prepare::build_rawframes(t.src, t.out, o);
    CHECK_FALSE(fs::exists(t.out / "riding" / "wide" / "marker"));
    CHECK(fs::exists(t.out / "riding" / "wide" / "img_00025.jpg"));
}

TEST_CASE("build_rawframes: N shards cover every video exactly once", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    const fs::path src = dir / "videos";
    // Seven short videos over three classes, level 2.
    const std::vector<std::string> videos{"a/v0.mp4", "a/v1.mp4", "a/v2.mp4", "b/v3.mp4", "b/v4.mp4", "c/v5.mp4", "c/v6.mp4"};
    for (const auto& v : videos) vidata::test::prepare::make_video(src / v, 64, 48, 0.2);
    const std::size_t n = 3;
    std::multiset<std::string> covered;
    for (std::size_t k = 0; k < n; ++k) {
        vidata::prepare::rawframes_options o;
        o.ext = "mp4";
        o.part = vidata::prepare::parse_shard(std::to_string(k) + "/" + std::to_string(n));
        const auto s = vidata::prepare::build_rawframes(src, dir / "out", o);
        CHECK(s.report_file.filename() == "build_report.shard-" + std::to_string(k) + "-of-3.txt");
        std::istringstream lines(vidata::test::read_file(s.report_file));
        for (std::string line; std::getline(lines, line);) covered.insert(line);
    }
    CHECK(covered == std::multiset<std::string>(videos.begin(), videos.end()));
    for (const auto& v : videos) CHECK(fs::exists(dir / "out" / fs::path(v).replace_extension()));
    CHECK_THROWS_AS(vidata::prepare::parse_shard("3/3"), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::prepare::parse_shard("1"), vidata::invalid_argument);
}

#if !VIDATA_HAS_FLOW  // with the OpenCV backend, optical_flow_test.cpp tests the flow itself
TEST_CASE("build_rawframes: optical flow fails at once - saying how it will be enabled", "[prepare]") {
    using namespace build_rawframes_test;
    temp_dir dir;
    vidata::prepare::rawframes_options o;
    o.task = vidata::prepare::rawframes_task::flow;
    try {
        (void)vidata::prepare::build_rawframes(dir.path(), dir / "out", o);
        FAIL("no exception");
    } catch (const vidata::invalid_argument& e) {
        CHECK(std::string(e.what()).find("VIDATA_WITH_FLOW") != std::string::npos);
        CHECK(std::string(e.what()).find("libopencv-dev") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(dir / "out"));
}
#endif

TEST_CASE("build_rawframes: level 1 takes SRC/*.ext - --mixed-ext every file - frame directories sit directly in OUT", "[prepare]") {
    using namespace build_rawframes_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    const fs::path src = dir / "flat";
    vidata::test::prepare::make_video(src / "one.mp4", 64, 48, 0.2);
    vidata::test::prepare::make_video(src / "two.avi", 64, 48, 0.2);
    vidata::test::prepare::make_video(src / "nested" / "three.mp4", 64, 48, 0.2);  // level 1 does not look inside
    vidata::prepare::rawframes_options o;
    o.level = 1;
    o.ext = "mp4";
    std::vector<std::string> seen;
    o.on_progress = [&](const vidata::prepare::rawframes_progress& p) {
        seen.push_back(std::to_string(p.videos_done) + "/" + std::to_string(p.videos_total));
    };
    auto s = vidata::prepare::build_rawframes(src, dir / "out", o);
    CHECK(s.totals.extracted == 1);
    CHECK(seen == std::vector<std::string>{"1/1"});
    CHECK(fs::exists(dir / "out" / "one" / "img_00005.jpg"));  // 0.2 s at 25 fps: 5 frames
    CHECK_FALSE(fs::exists(dir / "out" / "one" / "img_00006.jpg"));
    o.mixed_ext = true;
    o.on_progress = nullptr;
    s = vidata::prepare::build_rawframes(src, dir / "out2", o);
    CHECK(s.totals.extracted == 2);
    CHECK(vidata::test::read_file(dir / "out2" / "build_report.txt") == "one.mp4\ntwo.avi\n");
    CHECK(fs::exists(dir / "out2" / "two" / "img_00001.jpg"));
}
