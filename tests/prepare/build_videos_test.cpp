// SPDX-License-Identifier: Apache-2.0
// build_videos: frames -> video -> decode round trips (frame count, size, rate, PSNR against the frames), the frame
// range as the ffmpeg CLI's image2 reader takes it, failures, atomicity, resume, the name template.
#include "prepare/prepare_support.hpp"

#include <vidata/io/image/read_image.hpp>
#include <vidata/io/video/video_reader.hpp>
#include <vidata/prepare/build_videos.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

namespace build_videos_test {

namespace fs = std::filesystem;
using vidata::test::shell_quote;
using vidata::test::temp_dir;
using vidata::test::prepare::ffprobe_frames;
using vidata::test::prepare::hidden_files;
using vidata::test::prepare::ffprobe_video;

// `seconds` of a test pattern as JPEG frames <dir>/<pattern> (ffmpeg numbers them from 1).
void make_frames(const fs::path& dir, int width, int height, double seconds, const std::string& pattern = "img_%05d.jpg",
                 const std::string& source = "testsrc2") {
    fs::create_directories(dir);
    vidata::test::prepare::ffmpeg("-f lavfi -i " + source + "=size=" + std::to_string(width) + "x" + std::to_string(height) + ":rate=30 -t " +
                                  std::to_string(seconds) + " -q:v 2 " + shell_quote((dir / pattern).string()));
}

// PSNR (dB) of the video's frames, decoded, against the frame files img_00001.jpg... decoded.
double psnr_against_frames(const fs::path& video, const fs::path& frames) {
    vidata::video_reader reader(video);
    double squared = 0.0;
    double count = 0.0;
    reader.for_each_frame([&](std::int64_t index, vidata::clip_view frame) {
        char name[32];
        std::snprintf(name, sizeof name, "img_%05lld.jpg", static_cast<long long>(index + 1));
        const vidata::clip image = vidata::read_image(frames / name);
        const auto a = frame.frame_pixels(0);
        const auto b = image.frame_pixels(0);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            const double d = static_cast<double>(a[i]) - static_cast<double>(b[i]);
            squared += d * d;
        }
        count += static_cast<double>(a.size());
    });
    const double mse = squared / count;
    return mse == 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}


}  // namespace build_videos_test

TEST_CASE("build_videos: frames -> video -> frames - the count ffmpeg's image2 reader takes - size - 30 fps - PSNR", "[prepare]") {
    using namespace build_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    const fs::path src = dir / "rawframes";
    make_frames(src / "riding" / "wide", 320, 240, 1.0);   // img_00001.jpg ... img_00030.jpg
    make_frames(src / "walking" / "tall", 96, 160, 0.5);  // 15 frames
    vidata::prepare::build_videos_options o;
    o.num_worker = 2;
    const auto s = vidata::prepare::build_videos(src, dir / "videos", o);
    CHECK(s.totals.inputs_total == 2);
    CHECK(s.totals.written == 2);
    CHECK(s.failures.empty());
    CHECK(s.codec == "mpeg4");
    CHECK(s.totals.units == 45);
    CHECK(hidden_files(dir / "videos").empty());
    const fs::path wide = dir / "videos" / "riding" / "wide.mp4";
    REQUIRE(fs::exists(wide));
    REQUIRE(fs::exists(dir / "videos" / "walking" / "tall.mp4"));
    // The ffmpeg CLI's own command (MMAction2's): -start_number 0 finds img_00001.jpg within its range of 5.
    const fs::path reference = dir / "reference.mp4";
    vidata::test::prepare::ffmpeg("-start_number 0 -r 30 -i " + shell_quote((src / "riding" / "wide" / "img_%05d.jpg").string()) +
                                  " -vcodec mpeg4 " + shell_quote(reference.string()));
    CHECK(ffprobe_frames(wide) == 30);
    CHECK(ffprobe_frames(wide) == ffprobe_frames(reference));
    CHECK(ffprobe_video(wide, "-show_entries stream=width,height") == "320,240");
    CHECK(ffprobe_video(wide, "-show_entries stream=codec_name") == "mpeg4");
    CHECK(ffprobe_video(wide, "-show_entries stream=avg_frame_rate") == "30/1");
    const auto duration = [](const fs::path& video) { return std::stod(ffprobe_video(video, "-show_entries format=duration")); };
    CHECK(std::abs(duration(wide) - duration(reference)) < 1e-3);
    CHECK(ffprobe_video(dir / "videos" / "walking" / "tall.mp4", "-show_entries stream=width,height") == "96,160");
    // mpeg4 at quantiser 3 on a test pattern: far above 30 dB against the frames it was made from.
    const double psnr = psnr_against_frames(wide, src / "riding" / "wide");
    INFO("PSNR " << psnr << " dB");
    CHECK(psnr > 30.0);
}

TEST_CASE("build_videos: level 1 - --start-idx 1 - a %05d template at 12 fps (sthv1 and Jester) - frames up to the first gap", "[prepare]") {
    using namespace build_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    make_frames(dir / "src" / "1234", 64, 48, 0.5, "%05d.jpg");  // 00001.jpg ... 00015.jpg
    fs::remove(dir / "src" / "1234" / "00011.jpg");              // a gap: frames 1..10 make the video
    vidata::prepare::build_videos_options o;
    o.level = 1;
    o.fps = 12;
    o.start_idx = 1;
    o.filename_tmpl = "%05d";
    o.out_format = "avi";
    const auto s = vidata::prepare::build_videos(dir / "src", dir / "out", o);
    REQUIRE(s.totals.written == 1);
    CHECK(ffprobe_frames(dir / "out" / "1234.avi") == 10);
    CHECK(ffprobe_video(dir / "out" / "1234.avi", "-show_entries stream=avg_frame_rate") == "12/1");
    CHECK(s.totals.units == 10);
}

TEST_CASE("build_videos: directories without frames - with a corrupt frame - of odd size go to failed.txt - no file left for them",
          "[prepare]") {
    using namespace build_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    const fs::path src = dir / "src";
    make_frames(src / "good", 64, 48, 0.2);
    make_frames(src / "corrupt", 64, 48, 0.2);
    // The 4th frame cut in half: the video fails after three frames were encoded into its temporary.
    const std::string whole = vidata::test::read_file(src / "corrupt" / "img_00004.jpg");
    vidata::test::write_file(src / "corrupt" / "img_00004.jpg", whole.substr(0, whole.size() / 2));
    fs::create_directories(src / "empty");
    make_frames(src / "odd", 63, 48, 0.2, "img_%05d.jpg", "testsrc");  // testsrc2 would round the width to 64
    vidata::prepare::build_videos_options o;
    o.level = 1;
    const auto s = vidata::prepare::build_videos(src, dir / "out", o);
    CHECK(s.totals.written == 1);
    REQUIRE(s.failures.size() == 3);
    CHECK(s.failures[0].input == "corrupt");
    CHECK(s.failures[0].reason.find("img_00004.jpg") != std::string::npos);
    CHECK(s.failures[1].input == "empty");
    CHECK(s.failures[1].reason.find("img_00000.jpg") != std::string::npos);
    CHECK(s.failures[2].input == "odd");
    CHECK(s.failures[2].reason.find("even") != std::string::npos);
    const std::string failed = vidata::test::read_file(dir / "out" / "failed.txt");
    CHECK(failed.rfind("corrupt\t", 0) == 0);
    for (const char* name : {"corrupt.mp4", "empty.mp4", "odd.mp4"}) CHECK_FALSE(fs::exists(dir / "out" / name));
    CHECK(hidden_files(dir / "out").empty());
    CHECK(ffprobe_frames(dir / "out" / "good.mp4") == 6);

    // --resume: the existing video is kept, the failed ones are tried again (and fail again).
    vidata::test::write_file(dir / "out" / "good.mp4", "finished earlier");
    o.resume = true;
    const auto resumed = vidata::prepare::build_videos(src, dir / "out", o);
    CHECK(resumed.totals.skipped == 1);
    CHECK(resumed.totals.failed == 3);
    CHECK(vidata::test::read_file(dir / "out" / "good.mp4") == "finished earlier");
}

TEST_CASE("build_videos: the name template as ffmpeg's image2 reads it - bad templates and options refused", "[prepare]") {
    using vidata::prepare::detail::frame_name_template;
    CHECK(frame_name_template::parse("img_%05d").name(7) == "img_00007");
    CHECK(frame_name_template::parse("%d").name(123) == "123");
    CHECK(frame_name_template::parse("%3d_x").name(5) == "005_x");  // ffmpeg zero-pads %Nd too
    CHECK(frame_name_template::parse("100%%_%03d").name(7) == "100%_007");
    CHECK_THROWS_AS(frame_name_template::parse("img"), vidata::invalid_argument);
    CHECK_THROWS_AS(frame_name_template::parse("img_%05d_%05d"), vidata::invalid_argument);
    CHECK_THROWS_AS(frame_name_template::parse("img_%s"), vidata::invalid_argument);
    vidata::test::temp_dir dir;
    vidata::prepare::build_videos_options o;
    o.vcodec = "no-such-encoder";
    CHECK_THROWS_AS(vidata::prepare::build_videos(dir.path(), dir / "out", o), vidata::invalid_argument);
    o.vcodec = "mpeg4";
    o.fps = 0;
    CHECK_THROWS_AS(vidata::prepare::build_videos(dir.path(), dir / "out", o), vidata::invalid_argument);
    o.fps = 30;
    o.out_format = "no-such-container";
    CHECK_THROWS_AS(vidata::prepare::build_videos(dir.path(), dir / "out", o), vidata::invalid_argument);
}
