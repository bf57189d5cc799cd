// SPDX-License-Identifier: Apache-2.0
// resize_videos on videos made by the ffmpeg CLI, checked against the ffmpeg CLI and ffprobe: the output size that
// `ffmpeg -vf scale=-2:256` (scale=256:-2) gives, the source's frame count and duration, keyframes as `-g 16` places
// them, no audio, pixels within a PSNR bound of ffmpeg's own resized frames; failures, atomicity, resume, shards.
#include "prepare/prepare_support.hpp"

#include <vidata/io/video/video_reader.hpp>
#include <vidata/prepare/resize_videos.hpp>

#include <catch2/catch.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace resize_videos_test {

namespace fs = std::filesystem;
using vidata::test::shell_quote;
using vidata::test::temp_dir;
using vidata::test::prepare::ffprobe_frames;
using vidata::test::prepare::ffprobe_video;
using vidata::test::prepare::hidden_files;

const std::string colour_entries = "-show_entries stream=color_space,color_primaries,color_transfer,color_range";

std::string probed_size(const fs::path& file) { return ffprobe_video(file, "-show_entries stream=width,height"); }
double probed_duration(const fs::path& file) { return std::stod(ffprobe_video(file, "-show_entries format=duration")); }

// The key_frame flag of every frame, in presentation order, as ffprobe decodes them: "1000...".
std::string probed_keyframes(const fs::path& file) {
    std::istringstream lines(ffprobe_video(file, "-show_frames -show_entries frame=key_frame"));
    std::string flags, line;
    while (std::getline(lines, line))
        if (!line.empty()) flags += line.substr(0, 1);
    return flags;
}

// What the ffmpeg CLI writes for `-vf <filter> -c:v libx264 -an [extra]`: the oracle of size and keyframes.
fs::path ffmpeg_resized(const fs::path& src, const fs::path& out, const std::string& filter, const std::string& extra = {}) {
    vidata::test::prepare::ffmpeg("-i " + shell_quote(src.string()) + " -vf " + filter + " -c:v libx264 -an " + extra + " " +
                                  shell_quote(out.string()));
    return out;
}

// PSNR (dB) of `got` (decoded by video_reader) against ffmpeg's resized frames of `src` as raw RGB24 (lossless after
// the scale filter): `ffmpeg -i SRC -vf FILTER -pix_fmt rgb24 -f rawvideo`.
double psnr_against_ffmpeg(const fs::path& src, const fs::path& got, const std::string& filter, const fs::path& scratch) {
    const fs::path raw = scratch / "reference.rgb";
    vidata::test::prepare::ffmpeg("-i " + shell_quote(src.string()) + " -vf " + filter + " -pix_fmt rgb24 -f rawvideo " +
                                  shell_quote(raw.string()));
    const std::string reference = vidata::test::read_file(raw);
    vidata::video_reader reader(got);
    const std::size_t frame_bytes = reader.width() * reader.height() * 3;
    REQUIRE(reference.size() == frame_bytes * static_cast<std::size_t>(reader.frame_count()));
    double squared = 0.0;
    reader.for_each_frame([&](std::int64_t index, vidata::clip_view frame) {
        const auto pixels = frame.frame_pixels(0);
        const auto* ref = reinterpret_cast<const unsigned char*>(reference.data()) + static_cast<std::size_t>(index) * frame_bytes;
        for (std::size_t i = 0; i < frame_bytes; ++i) {
            const double d = static_cast<double>(pixels[i]) - static_cast<double>(ref[i]);
            squared += d * d;
        }
    });
    fs::remove(raw);
    const double mse = squared / static_cast<double>(reference.size());
    return mse == 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}


// A level-2 tree: a landscape 640x360 with a stereo track (1 s at 25 fps), a portrait 180x320 (0.6 s), and an AVI
// that --ext mp4 must ignore.
struct tree {
    temp_dir dir;
    fs::path src = dir / "videos";
    fs::path dst = dir / "resized";
    tree() {
        fs::create_directories(src / "riding");
        vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 1 -c:v libx264 "
                                      "-preset ultrafast -pix_fmt yuv420p -c:a aac -shortest " +
                                      shell_quote((src / "riding" / "wide.mp4").string()));
        vidata::test::prepare::make_video(src / "walking" / "tall.mp4", 180, 320, 0.6);
        vidata::test::prepare::make_video(src / "walking" / "other.avi", 160, 120, 0.4);
    }
};

}  // namespace resize_videos_test

TEST_CASE("resized_video_size: ffmpeg's scale=-2:S and scale=S:-2 - by hand", "[prepare]") {
    using vidata::prepare::resized_video_size;
    // 640x360 landscape: height 256, width round(256 * 640 / 360 / 2) * 2 = round(227.56) * 2 = 456.
    CHECK(resized_video_size({360, 640}, 256) == vidata::image_size{256, 456});
    // 340x256: 256 * 340 / 512 = 170 exactly -> 340 (unchanged).
    CHECK(resized_video_size({256, 340}, 256) == vidata::image_size{256, 340});
    // 341x256: 170.5 rounds half away from zero -> 171 -> 342 (truncation would give 340).
    CHECK(resized_video_size({256, 341}, 256) == vidata::image_size{256, 342});
    // 180x320 portrait: width 256, height round(256 * 320 / 180 / 2) * 2 = round(227.56) * 2 = 456.
    CHECK(resized_video_size({320, 180}, 256) == vidata::image_size{456, 256});
    // Square: width S (w > h is false), height S.
    CHECK(resized_video_size({300, 300}, 256) == vidata::image_size{256, 256});
    // 1920x1080 to 320: 320 * 1920 / 2160 = 284.44 -> 284 -> 568.
    CHECK(resized_video_size({1080, 1920}, 320) == vidata::image_size{320, 568});
}

TEST_CASE("resize_videos: the size ffmpeg's scale filter gives - the source's frames and duration - no audio - PSNR against ffmpeg's scaling",
          "[prepare]") {
    using namespace resize_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::resize_options o;
    o.num_worker = 2;
    const auto s = vidata::prepare::resize_videos(t.src, t.dst, o);
    CHECK(s.totals.inputs_total == 2);  // the .avi is not taken
    CHECK(s.totals.written == 2);
    CHECK(s.failures.empty());
    CHECK(s.codec == "libx264");  // Debian's libavcodec has it
    CHECK(vidata::test::read_file(t.dst / "failed.txt").empty());
    CHECK_FALSE(fs::exists(t.dst / "walking" / "other.avi"));
    CHECK(hidden_files(t.dst).empty());  // no temporary left

    const struct {
        const char* video;
        const char* filter;  // what MMAction2's tool passes for it (w > h: scale=-2:S)
    } cases[] = {{"riding/wide.mp4", "scale=-2:256"}, {"walking/tall.mp4", "scale=256:-2"}};
    std::uint64_t frames = 0;
    for (const auto& c : cases) {
        INFO(c.video);
        const fs::path source = t.src / c.video;
        const fs::path got = t.dst / c.video;
        REQUIRE(fs::exists(got));
        const fs::path reference = ffmpeg_resized(source, t.dir / "reference.mp4", c.filter);
        CHECK(probed_size(got) == probed_size(reference));
        CHECK(ffprobe_video(got, "-show_entries stream=codec_name") == "h264");
        CHECK(ffprobe_video(got, colour_entries) == ffprobe_video(reference, colour_entries));  // untagged stays untagged
        CHECK(ffprobe_frames(got) == ffprobe_frames(source));
        CHECK(ffprobe_frames(got) == ffprobe_frames(reference));
        CHECK(std::abs(probed_duration(got) - probed_duration(reference)) < 1e-3);
        frames += static_cast<std::uint64_t>(ffprobe_frames(got));
        // No audio stream, as -an.
        const auto audio = vidata::test::run_command("ffprobe -v error -select_streams a -show_entries stream=index -of csv=p=0 " +
                                                     shell_quote(got.string()));
        CHECK(audio.status == 0);
        CHECK(audio.output.empty());
        // Without --dense: x264's own keyframe interval (250), as ffmpeg without -g: only the first frame of these short videos.
        CHECK(probed_keyframes(got) == probed_keyframes(reference));
        // Against the exactly scaled frames, as close as the ffmpeg CLI's own x264 output at the same settings (x264
        // is not bit-exact from one setting or thread count to another: within 1 dB); a wrong size, colour, filter or
        // frame order drops far below.
        const double psnr = psnr_against_ffmpeg(source, got, c.filter, t.dir.path());
        const double ffmpeg_psnr = psnr_against_ffmpeg(source, reference, c.filter, t.dir.path());
        INFO("PSNR " << psnr << " dB; ffmpeg's " << ffmpeg_psnr << " dB");
        CHECK(psnr > ffmpeg_psnr - 1.0);
        CHECK(psnr > 25.0);
        fs::remove(reference);
    }
    CHECK(s.totals.units == frames);
    CHECK(s.totals.bytes == fs::file_size(t.dst / "riding" / "wide.mp4") + fs::file_size(t.dst / "walking" / "tall.mp4"));
}

TEST_CASE("resize_videos: --dense puts a keyframe on every 16th frame - where ffmpeg -g 16 puts them", "[prepare]") {
    using namespace resize_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    // 50 frames, tagged BT.709 (as HD sources are): the tags go on to the output, as ffmpeg passes them.
    fs::create_directories(dir / "src");
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=340x256:rate=25 -t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p "
                                  "-colorspace bt709 -color_primaries bt709 -color_trc bt709 " +
                                  shell_quote((dir / "src" / "clip.mp4").string()));
    vidata::prepare::resize_options o;
    o.level = 1;
    o.dense = true;
    const auto s = vidata::prepare::resize_videos(dir / "src", dir / "dst", o);
    REQUIRE(s.totals.written == 1);
    const std::string keys = probed_keyframes(dir / "dst" / "clip.mp4");
    REQUIRE(keys.size() == 50);
    for (std::size_t i = 0; i < keys.size(); i += 16) CHECK(keys[i] == '1');  // frames 0, 16, 32, 48
    CHECK(keys == probed_keyframes(ffmpeg_resized(dir / "src" / "clip.mp4", dir / "reference.mp4", "scale=-2:256", "-g 16")));
    CHECK(probed_size(dir / "dst" / "clip.mp4") == "340,256");
    CHECK(ffprobe_video(dir / "dst" / "clip.mp4", colour_entries) == ffprobe_video(dir / "reference.mp4", colour_entries));
    CHECK(ffprobe_video(dir / "dst" / "clip.mp4", colour_entries).find("bt709,bt709,bt709") != std::string::npos);
}

TEST_CASE("resize_videos: an odd width rounds as ffmpeg rounds - --to-mp4 renames - --ext picks the inputs - mpeg4 instead of libx264", "[prepare]") {
    using namespace resize_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    fs::create_directories(dir / "src");
    // 341x256 (FFV1 holds an odd width): 256 * 341 / 512 = 170.5 -> 342 wide, where truncation gives 340.
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc=size=341x256:rate=25 -t 0.4 -pix_fmt yuv444p -c:v ffv1 " +
                                  shell_quote((dir / "src" / "odd.mkv").string()));
    vidata::prepare::resize_options o;
    o.level = 1;
    o.ext = "mkv";
    o.to_mp4 = true;
    const auto s = vidata::prepare::resize_videos(dir / "src", dir / "dst", o);
    REQUIRE(s.totals.written == 1);
    REQUIRE(fs::exists(dir / "dst" / "odd.mp4"));
    const fs::path reference = ffmpeg_resized(dir / "src" / "odd.mkv", dir / "reference.mp4", "scale=-2:256");
    CHECK(probed_size(reference) == "342,256");
    CHECK(probed_size(dir / "dst" / "odd.mp4") == probed_size(reference));
    CHECK(ffprobe_frames(dir / "dst" / "odd.mp4") == 10);

    // The encoder used where libavcodec has no libx264: mpeg4, same size and frames, and the summary says so.
    o.codec = "mpeg4";
    const auto fallback = vidata::prepare::resize_videos(dir / "src", dir / "mpeg4", o);
    CHECK(fallback.codec == "mpeg4");
    CHECK(ffprobe_video(dir / "mpeg4" / "odd.mp4", "-show_entries stream=codec_name") == "mpeg4");
    CHECK(probed_size(dir / "mpeg4" / "odd.mp4") == "342,256");
    CHECK(ffprobe_frames(dir / "mpeg4" / "odd.mp4") == 10);
}

TEST_CASE("resize_videos: unreadable videos go to failed.txt - a video failing mid-encode leaves no file - the others are written",
          "[prepare]") {
    using namespace resize_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    temp_dir dir;
    const fs::path src = dir / "src";
    av_log_set_level(AV_LOG_QUIET);  // the library leaves FFmpeg's log level alone; these files are damaged on purpose
    vidata::test::prepare::make_video(src / "good.ts", 160, 120, 0.4);
    vidata::test::write_file(src / "broken.ts", "this is not a video");
    // Two MPEG-TS streams of different sizes end to end: decoding goes well for 10 frames, then the size changes,
    // so the video fails after its encoding has started, with frames already in the temporary.
    vidata::test::prepare::make_video(dir / "a.ts", 160, 120, 0.4);
    vidata::test::prepare::make_video(dir / "b.ts", 96, 64, 0.4);
    vidata::test::write_file(src / "resized_mid.ts", vidata::test::read_file(dir / "a.ts") + vidata::test::read_file(dir / "b.ts"));
    vidata::prepare::resize_options o;
    o.level = 1;
    o.ext = "ts";
    o.num_worker = 2;
    const auto s = vidata::prepare::resize_videos(src, dir / "dst", o);
    CHECK(s.totals.written == 1);
    REQUIRE(s.totals.failed == 2);
    REQUIRE(s.failures.size() == 2);
    CHECK(s.failures[0].input == "broken.ts");
    CHECK(s.failures[1].input == "resized_mid.ts");
    CHECK(s.failures[1].reason.find("mid-stream") != std::string::npos);
    const std::string failed = vidata::test::read_file(dir / "dst" / "failed.txt");
    CHECK(failed.rfind("broken.ts\t", 0) == 0);
    CHECK(failed.find("\nresized_mid.ts\t") != std::string::npos);
    CHECK(failed.find("broken.ts: ") != std::string::npos);  // the reason names the file
    CHECK_FALSE(fs::exists(dir / "dst" / "broken.ts"));
    CHECK_FALSE(fs::exists(dir / "dst" / "resized_mid.ts"));
    CHECK(hidden_files(dir / "dst").empty());  // the temporary of the video that failed is gone
    CHECK(ffprobe_frames(dir / "dst" / "good.ts") == 10);
}

TEST_CASE("resize_videos: --resume skips the outputs that exist - a killed run's temporaries are removed - shards cover every video once",
          "[prepare]") {
    using namespace resize_videos_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::resize_options o;
    // What a killed run leaves: one finished output (a marker resume must not touch) and the temporary of another.
    fs::create_directories(t.dst / "riding");
    fs::create_directories(t.dst / "walking");
    vidata::test::write_file(t.dst / "riding" / "wide.mp4", "finished earlier");
    vidata::test::write_file(t.dst / "walking" / ".tall.mp4.tmp.abc123", "half a video");
    vidata::test::write_file(t.dst / "walking" / ".unrelated.tmp.abc123", "not ours");
    o.resume = true;
    const auto s = vidata::prepare::resize_videos(t.src, t.dst, o);
    CHECK(s.totals.skipped == 1);
    CHECK(s.totals.written == 1);
    CHECK(vidata::test::read_file(t.dst / "riding" / "wide.mp4") == "finished earlier");
    CHECK_FALSE(fs::exists(t.dst / "walking" / ".tall.mp4.tmp.abc123"));
    CHECK(fs::exists(t.dst / "walking" / ".unrelated.tmp.abc123"));  // not a temporary of an output of ours
    CHECK(ffprobe_frames(t.dst / "walking" / "tall.mp4") == 15);       // 0.6 s at 25 fps

    // Without resume, every output is written again.
    o.resume = false;
    const auto again = vidata::prepare::resize_videos(t.src, t.dst, o);
    CHECK(again.totals.written == 2);
    CHECK(ffprobe_frames(t.dst / "riding" / "wide.mp4") == 25);

    // Two shards: each video once, and each shard its own failed file.
    std::set<std::string> seen;
    for (std::size_t k = 0; k < 2; ++k) {
        o.part = {k, 2};
        const auto part = vidata::prepare::resize_videos(t.src, t.dir / "sharded", o);
        CHECK(part.totals.inputs_total == 1);
        CHECK(part.failed_file.filename() == "failed.shard-" + std::to_string(k) + "-of-2.txt");
        CHECK(fs::exists(part.failed_file));
    }
    CHECK(fs::exists(t.dir / "sharded" / "riding" / "wide.mp4"));
    CHECK(fs::exists(t.dir / "sharded" / "walking" / "tall.mp4"));
}

TEST_CASE("resize_videos: bad options are refused before any work", "[prepare]") {
    using namespace resize_videos_test;
    temp_dir dir;
    fs::create_directories(dir / "src");
    vidata::prepare::resize_options o;
    o.scale = 255;  // odd: yuv420p cannot hold it
    CHECK_THROWS_AS(vidata::prepare::resize_videos(dir / "src", dir / "dst", o), vidata::invalid_argument);
    o.scale = 256;
    o.level = 3;
    CHECK_THROWS_AS(vidata::prepare::resize_videos(dir / "src", dir / "dst", o), vidata::invalid_argument);
    o.level = 2;
    o.codec = "no-such-encoder";
    CHECK_THROWS_AS(vidata::prepare::resize_videos(dir / "src", dir / "dst", o), vidata::invalid_argument);
    o.codec.clear();
    CHECK_THROWS_AS(vidata::prepare::resize_videos(dir / "src", dir / "src", o), vidata::invalid_argument);  // would overwrite
    CHECK_THROWS_AS(vidata::prepare::resize_videos(dir / "missing", dir / "dst", o), vidata::io_error);
}
