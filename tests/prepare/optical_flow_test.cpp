// SPDX-License-Identifier: Apache-2.0
// Optical flow: the quantisation by hand and against numpy, the flow of a known translation, equality with OpenCV's
// own flow through python3-opencv (cv2.optflow), and build_rawframes --task flow|both on a video made by ffmpeg.
#include "prepare/prepare_support.hpp"

#include <vidata/prepare/build_rawframes.hpp>
#include <vidata/prepare/optical_flow.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#if VIDATA_HAS_FLOW
#include <vidata/io/image/rawframe_source.hpp>
#include <vidata/io/video/video_reader.hpp>
#endif

namespace optical_flow_test {

namespace fs = std::filesystem;
using vidata::prepare::flow_rounding;
using vidata::prepare::quantise_flow;

// cases.txt for tests/python/flow_oracle.py; false after a visible skip when python3 + cv2.optflow are missing.
[[nodiscard]] inline bool run_oracle(const vidata::test::temp_dir& dir) {
    if (!vidata::test::python_oracle_available()) return false;
    const auto r = vidata::test::run_python("flow_oracle.py", vidata::test::shell_quote(dir.path().string()));
    if (r.status == 77) {
        if (VIDATA_TEST_REQUIRE_PYTHON) FAIL("python3 with numpy and cv2.optflow (python3-opencv) is required for this cross-check");
        WARN("SKIPPED: python3 with cv2.optflow (python3-opencv) not found; the OpenCV cross-check did not run");
        return false;
    }
    INFO(r.output);
    REQUIRE(r.status == 0);
    return true;
}

inline void write_bytes(const fs::path& p, const void* data, std::size_t size) {
    std::ofstream(p, std::ios::binary).write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}

[[nodiscard]] inline std::vector<std::uint8_t> read_bytes(const fs::path& p) {
    const std::string s = vidata::test::read_file(p);
    return {s.begin(), s.end()};
}

// A smooth texture with structure in every direction, sampled at (x - dx, y - dy): the same picture moved by
// (dx, dy) pixels, exact (no border to invent) and for fractional shifts too.
[[nodiscard]] inline std::vector<std::uint8_t> texture(int width, int height, double dx, double dy) {
    std::vector<std::uint8_t> out(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    constexpr double pi = 3.14159265358979323846;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double u = x - dx, v = y - dy;
            const double value = 128 + 50 * std::sin(2 * pi * u / 13.0 + 0.3) * std::cos(2 * pi * v / 11.0) +
                                 35 * std::sin(2 * pi * (u + 0.7 * v) / 17.0) + 25 * std::cos(2 * pi * (0.4 * u - v) / 9.0);
            out[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] =
                static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 255.0)));
        }
    return out;
}

// Gray to RGB24 with R = G = B: OpenCV's RGB2GRAY gives the gray back exactly (its weights sum to 1 in fixed point).
[[nodiscard]] inline std::vector<std::uint8_t> rgb_of(const std::vector<std::uint8_t>& gray) {
    std::vector<std::uint8_t> out;
    out.reserve(gray.size() * 3);
    for (const auto g : gray) out.insert(out.end(), {g, g, g});
    return out;
}

}  // namespace optical_flow_test

TEST_CASE("quantise_flow: denseflow's rounding and flow_extraction.py's truncation - by hand at the bounds", "[prepare][flow]") {
    using namespace optical_flow_test;
    // nearest: v > B -> 255, v < -B -> 0, else round-half-even(255 (v + B) / 2B); B = 20.
    CHECK(quantise_flow(-20.0f, 20) == 0);
    CHECK(quantise_flow(-25.0f, 20) == 0);
    CHECK(quantise_flow(-1e30f, 20) == 0);
    CHECK(quantise_flow(20.0f, 20) == 255);
    CHECK(quantise_flow(20.5f, 20) == 255);
    CHECK(quantise_flow(std::numeric_limits<float>::infinity(), 20) == 255);
    CHECK(quantise_flow(0.0f, 20) == 128);    // 127.5: half to even
    CHECK(quantise_flow(0.1f, 20) == 128);    // 128.1375
    CHECK(quantise_flow(-0.1f, 20) == 127);   // 126.8625
    CHECK(quantise_flow(10.0f, 20) == 191);   // 191.25
    CHECK(quantise_flow(-10.0f, 20) == 64);   // 63.75
    CHECK(quantise_flow(-19.9f, 20) == 1);    // 0.6375
    CHECK(quantise_flow(5.0f, 10) == 191);    // B = 10: 255 * 15 / 20 = 191.25
    // truncate: uint8((clip(v, -B, B) + B) * 255 / 2B)
    CHECK(quantise_flow(0.0f, 20, flow_rounding::truncate) == 127);
    CHECK(quantise_flow(0.1f, 20, flow_rounding::truncate) == 128);
    CHECK(quantise_flow(-10.0f, 20, flow_rounding::truncate) == 63);
    CHECK(quantise_flow(-20.0f, 20, flow_rounding::truncate) == 0);
    CHECK(quantise_flow(-30.0f, 20, flow_rounding::truncate) == 0);
    CHECK(quantise_flow(20.0f, 20, flow_rounding::truncate) == 255);
    CHECK(quantise_flow(30.0f, 20, flow_rounding::truncate) == 255);
    // A NaN counts as no motion.
    CHECK(quantise_flow(std::numeric_limits<float>::quiet_NaN(), 20) == 128);

    const std::vector<float> xy{-21.0f, 21.0f, 0.0f, 10.0f};
    std::vector<std::uint8_t> x(2), y(2);
    vidata::prepare::quantise_flow(xy, 20, flow_rounding::nearest, x, y);
    CHECK(x == std::vector<std::uint8_t>{0, 128});
    CHECK(y == std::vector<std::uint8_t>{255, 191});
    std::vector<std::uint8_t> short_y(1);
    CHECK_THROWS_AS(vidata::prepare::quantise_flow(xy, 20, flow_rounding::nearest, x, short_y), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::prepare::quantise_flow(xy, 0, flow_rounding::nearest, x, y), vidata::invalid_argument);
    CHECK(vidata::prepare::parse_flow_algorithm("tvl1") == vidata::prepare::flow_algorithm::tvl1);
    CHECK(vidata::prepare::parse_flow_algorithm("farn") == vidata::prepare::flow_algorithm::farneback);
    CHECK_THROWS_AS(vidata::prepare::parse_flow_algorithm("brox"), vidata::invalid_argument);
}

TEST_CASE("quantise_flow: equal to numpy's transcription of both formulas on random values and every boundary", "[prepare][flow]") {
    using namespace optical_flow_test;
    vidata::test::temp_dir dir;
    std::vector<float> values{-20.0f, 20.0f, 0.0f, -20.000002f, 20.000002f, -19.999998f, 19.999998f, 1e9f, -1e9f};
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> wide(-30.0f, 30.0f);
    for (int i = 0; i < 4000; ++i) values.push_back(wide(rng));
    for (int k = 0; k <= 255; ++k) {  // the exact midpoints of denseflow's rounding, and their neighbours
        const float mid = static_cast<float>((k + 0.5) * 40.0 / 255.0 - 20.0);
        values.insert(values.end(), {mid, std::nextafter(mid, 100.0f), std::nextafter(mid, -100.0f)});
    }
    write_bytes(dir / "q.f", values.data(), values.size() * sizeof(float));
    std::ofstream(dir / "cases.txt") << "quantise q " << values.size() << " 20\n";
    if (!run_oracle(dir)) return;
    const auto nearest = read_bytes(dir / "q.nearest");
    const auto truncated = read_bytes(dir / "q.truncate");
    REQUIRE(nearest.size() == values.size());
    REQUIRE(truncated.size() == values.size());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (quantise_flow(values[i], 20) != nearest[i] || quantise_flow(values[i], 20, flow_rounding::truncate) != truncated[i]) {
            if (++mismatches < 5) UNSCOPED_INFO("value " << values[i] << ": numpy " << int(nearest[i]) << "/" << int(truncated[i]));
        }
    }
    CHECK(mismatches == 0);
}

#if VIDATA_HAS_FLOW

TEST_CASE("flow_extractor: a textured picture moved by (dx, dy) - mean flow (dx, dy) - for TV-L1 and Farneback", "[prepare][flow]") {
    using namespace optical_flow_test;
    constexpr int width = 64, height = 48;
    struct shift {
        double dx, dy;
    };
    for (const auto algorithm : {vidata::prepare::flow_algorithm::tvl1, vidata::prepare::flow_algorithm::farneback})
        for (const shift s : {shift{2.0, 1.0}, shift{-1.5, 0.5}, shift{0.0, -3.0}}) {
            INFO(vidata::prepare::to_string_view(algorithm) << " shift " << s.dx << ", " << s.dy);
            vidata::prepare::flow_extractor flow(algorithm, {height, width});
            CHECK_FALSE(flow.push(rgb_of(texture(width, height, 0, 0)).data(), {height, width}));
            REQUIRE(flow.push(rgb_of(texture(width, height, s.dx, s.dy)).data(), {height, width}));
            // The mean over the interior (the borders see content coming from outside the picture).
            double sum_x = 0, sum_y = 0;
            int n = 0;
            for (int y = 8; y < height - 8; ++y)
                for (int x = 8; x < width - 8; ++x) {
                    const auto& v = flow.flow().at<cv::Vec2f>(y, x);
                    sum_x += v[0];
                    sum_y += v[1];
                    ++n;
                }
            CHECK(sum_x / n == Approx(s.dx).margin(0.2));
            CHECK(sum_y / n == Approx(s.dy).margin(0.2));
            // The quantised image of the interior's centre: 255 (v + 20) / 40 rounded, within the flow's error.
            const auto centre = static_cast<std::size_t>(height / 2 * width + width / 2);
            CHECK(std::abs(int(flow.x()[centre]) - int(std::lround(255 * (s.dx + 20) / 40))) <= 3);
            CHECK(std::abs(int(flow.y()[centre]) - int(std::lround(255 * (s.dy + 20) / 40))) <= 3);
        }
}

TEST_CASE("flow_extractor: quantised flow equal to OpenCV's own through cv2 (python3-opencv) - TV-L1 and Farneback", "[prepare][flow]") {
    using namespace optical_flow_test;
    constexpr int width = 64, height = 48;
    vidata::test::temp_dir dir;
    const auto a = texture(width, height, 0, 0);
    const auto b = texture(width, height, 1.7, -0.6);
    std::ofstream cases(dir / "cases.txt");
    for (const char* name : {"tvl1", "farn"}) {
        write_bytes(dir / (std::string(name) + ".a"), a.data(), a.size());
        write_bytes(dir / (std::string(name) + ".b"), b.data(), b.size());
        cases << "flow " << name << ' ' << height << ' ' << width << ' ' << name << " 20\n";
    }
    cases.close();
    if (!run_oracle(dir)) return;
    for (const char* name : {"tvl1", "farn"}) {
        INFO(name);
        vidata::prepare::flow_extractor flow(vidata::prepare::parse_flow_algorithm(name), {height, width});
        (void)flow.push(rgb_of(a).data(), {height, width});
        REQUIRE(flow.push(rgb_of(b).data(), {height, width}));
        const auto x = read_bytes(dir / (std::string(name) + ".x"));
        const auto y = read_bytes(dir / (std::string(name) + ".y"));
        CHECK(std::vector<std::uint8_t>(flow.x().begin(), flow.x().end()) == x);
        CHECK(std::vector<std::uint8_t>(flow.y().begin(), flow.y().end()) == y);
    }
}

TEST_CASE("build_rawframes --task both|flow: n-1 flow_x/flow_y pairs beside n img_ frames - PNG equal to the extractor's - resume", "[prepare][flow]") {
    using namespace optical_flow_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    vidata::test::prepare::make_video(src / "jump" / "clip.mp4", 64, 48, 0.2);  // 5 frames at 25 fps
    const std::size_t n = vidata::test::prepare::ffmpeg_frame_count(src / "jump" / "clip.mp4", dir / "count");
    REQUIRE(n == 5);

    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    o.task = vidata::prepare::rawframes_task::both;
    o.flow = vidata::prepare::flow_algorithm::farneback;
    o.out_format = vidata::prepare::frame_format::png;
    const auto s = vidata::prepare::build_rawframes(src, dir / "both", o);
    CHECK(s.totals.extracted == 1);
    CHECK(s.totals.frames == n);
    CHECK(s.totals.flows == n - 1);
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir / "both" / "jump" / "clip")) names.insert(e.path().filename().string());
    std::set<std::string> expected;
    for (std::size_t i = 1; i <= n; ++i) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%05zu.png", i);
        expected.insert(std::string("img_") + buffer);
        if (i < n) {
            expected.insert(std::string("flow_x_") + buffer);
            expected.insert(std::string("flow_y_") + buffer);
        }
    }
    CHECK(names == expected);

    // The files hold the extractor's images for the decoder's frames (PNG: lossless), decoded back by OpenCV.
    vidata::video_reader reader(src / "jump" / "clip.mp4");
    vidata::prepare::flow_extractor flow(vidata::prepare::flow_algorithm::farneback, {48, 64});
    std::size_t checked = 0;
    reader.for_each_frame([&](std::int64_t index, vidata::clip_view frame) {
        if (!flow.push(frame.frame_pixels(0).data(), {48, 64})) return;
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%05lld.png", static_cast<long long>(index));
        const cv::Mat x = cv::imread((dir / "both" / "jump" / "clip" / (std::string("flow_x_") + buffer)).string(), cv::IMREAD_UNCHANGED);
        const cv::Mat y = cv::imread((dir / "both" / "jump" / "clip" / (std::string("flow_y_") + buffer)).string(), cv::IMREAD_UNCHANGED);
        REQUIRE(x.type() == CV_8UC1);  // one gray channel, as denseflow writes
        REQUIRE(y.type() == CV_8UC1);
        CHECK(std::equal(flow.x().begin(), flow.x().end(), x.ptr<std::uint8_t>()));
        CHECK(std::equal(flow.y().begin(), flow.y().end(), y.ptr<std::uint8_t>()));
        ++checked;
    });
    CHECK(checked == n - 1);

    // --task flow: only the flow files (JPEG by default); resume skips the directory.
    o.task = vidata::prepare::rawframes_task::flow;
    o.out_format = vidata::prepare::frame_format::jpg;
    o.flow = vidata::prepare::flow_algorithm::tvl1;
    auto f = vidata::prepare::build_rawframes(src, dir / "flow", o);
    CHECK(f.totals.frames == 0);
    CHECK(f.totals.flows == n - 1);
    CHECK(fs::exists(dir / "flow" / "jump" / "clip" / "flow_x_00004.jpg"));
    CHECK(fs::exists(dir / "flow" / "jump" / "clip" / "flow_y_00004.jpg"));
    CHECK_FALSE(fs::exists(dir / "flow" / "jump" / "clip" / "flow_x_00005.jpg"));
    CHECK_FALSE(fs::exists(dir / "flow" / "jump" / "clip" / "img_00001.jpg"));
    CHECK(cv::imread((dir / "flow" / "jump" / "clip" / "flow_x_00001.jpg").string(), cv::IMREAD_UNCHANGED).type() == CV_8UC1);
    // What vidata's own RawFrameDecode reads back: n-1 flow indices (1-based), each an x and a y gray frame.
    vidata::rawframe_source source(dir / "flow" / "jump" / "clip", vidata::rawframe_options::flow());
    CHECK(source.frame_count() == static_cast<std::int64_t>(n - 1));
    const auto read = source.read(std::vector<std::int64_t>{1, 4});
    CHECK(read.frames() == 4);
    CHECK(read.channels() == 1);
    CHECK(read.height() == 48);
    o.resume = true;
    f = vidata::prepare::build_rawframes(src, dir / "flow", o);
    CHECK(f.totals.skipped == 1);
    CHECK(f.totals.flows == 0);
    // No partial directory is left behind.
    for (const auto& e : fs::directory_iterator(dir / "flow" / "jump")) CHECK(e.path().filename().string().front() != '.');
}

TEST_CASE("build_rawframes --task flow: a one-frame video gives an empty frame directory - resized flow at the frames' size", "[prepare][flow]") {
    using namespace optical_flow_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    vidata::test::prepare::make_video(src / "a" / "one.mp4", 64, 48, 0.04);  // 1 frame
    vidata::test::prepare::make_video(src / "a" / "two.mp4", 80, 60, 0.08);  // 2 frames
    vidata::prepare::rawframes_options o;
    o.ext = "mp4";
    o.task = vidata::prepare::rawframes_task::both;
    o.flow = vidata::prepare::flow_algorithm::farneback;
    o.new_short = 30;  // 80 x 60 -> 40 x 30
    const auto s = vidata::prepare::build_rawframes(src, dir / "out", o);
    CHECK(s.totals.extracted == 2);
    CHECK(fs::exists(dir / "out" / "a" / "one" / "img_00001.jpg"));
    CHECK_FALSE(fs::exists(dir / "out" / "a" / "one" / "flow_x_00001.jpg"));  // n - 1 = 0 flows
    const cv::Mat x = cv::imread((dir / "out" / "a" / "two" / "flow_x_00001.jpg").string(), cv::IMREAD_UNCHANGED);
    CHECK(x.cols == 40);
    CHECK(x.rows == 30);
    CHECK_FALSE(fs::exists(dir / "out" / "a" / "two" / "flow_x_00002.jpg"));
}

#else

TEST_CASE("optical flow: without the OpenCV backend the library says so", "[prepare][flow]") {
    CHECK_FALSE(vidata::prepare::has_flow_backend());
}

#endif
