// SPDX-License-Identifier: Apache-2.0
// cut_video on videos the ffmpeg CLI makes with a known GOP: which frames a clip holds (counts by hand from the GOP and
// the frame rate), stream copies equal to the source frame for frame (ffmpeg's framemd5 of both, and video_reader),
// re-encodes within a PSNR bound of the source frames at the same times, AVA's 30 fps conversion, errors.
#include "prepare/prepare_support.hpp"

#include <vidata/io/video/video_reader.hpp>
#include <vidata/prepare/cut_video.hpp>

#include <catch2/catch.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace trim_cut_video_test {

namespace fs = std::filesystem;

// `seconds` of testsrc2 at 25 fps, 128 x 96, H.264 with a keyframe every 25 frames (frames 0, 25, 50, ...) and
// `b_frames` B-frames; no scene-cut keyframes, so the GOP is exactly known.
fs::path make_gop_video(const fs::path& dir, const std::string& name, double seconds, int b_frames) {
    const fs::path path = dir / name;
    fs::create_directories(dir);
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=128x96:rate=25 -t " + std::to_string(seconds) +
                                  " -c:v libx264 -preset ultrafast -g 25 -keyint_min 25 -sc_threshold 0 -bf " + std::to_string(b_frames) +
                                  " -pix_fmt yuv420p " + vidata::test::shell_quote(path.string()));
    return path;
}

// The per-frame MD5s ffmpeg's framemd5 muxer lists for the decoded frames (rgb24): the independent decoder.
std::vector<std::string> framemd5(const fs::path& video) {
    const auto r = vidata::test::run_command("ffmpeg -nostdin -v error -i " + vidata::test::shell_quote(video.string()) +
                                             " -map 0:v:0 -fps_mode passthrough -pix_fmt rgb24 -f framemd5 -");
    REQUIRE(r.status == 0);
    std::vector<std::string> hashes;
    std::istringstream in(r.output);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#') continue;
        hashes.push_back(line.substr(line.rfind(',') + 1));
    }
    return hashes;
}

// The audio packets of `video` as ffmpeg's framemd5 lists them copied (no decoding): time stamp and MD5 of the data.
std::vector<std::pair<std::int64_t, std::string>> audio_packets(const fs::path& video) {
    const auto r = vidata::test::run_command("ffmpeg -nostdin -v error -i " + vidata::test::shell_quote(video.string()) +
                                             " -map 0:a:0 -c copy -f framemd5 -");
    REQUIRE(r.status == 0);
    std::vector<std::pair<std::int64_t, std::string>> packets;
    std::istringstream in(r.output);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell.substr(cell.find_first_not_of(' ')));
        REQUIRE(fields.size() >= 6);
        packets.emplace_back(std::stoll(fields[2]), fields[5]);
    }
    return packets;
}

double psnr(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    REQUIRE(a.size() == b.size());
    double sum = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double d = static_cast<double>(a[i]) - static_cast<double>(b[i]);
        sum += d * d;
    }
    const double mse = sum / static_cast<double>(a.size());
    return mse == 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

// Every frame of `video` as decoded by video_reader.
// ffmpeg's libx264 settings but the fastest preset: the tests' re-encodes take milliseconds.
vidata::prepare::cut_options fast(vidata::prepare::reencode_policy policy, double fps) {
    vidata::prepare::cut_options o;
    o.reencode = policy;
    o.fps = fps;
    o.encoder.preset = "ultrafast";
    return o;
}

// libx264 prints a paragraph per encode at FFmpeg's default level.
[[maybe_unused]] const bool quiet = [] {
    av_log_set_level(AV_LOG_ERROR);
    return true;
}();

vidata::clip all_frames(const fs::path& video) {
    vidata::video_reader r(video);
    std::vector<std::int64_t> all;
    for (std::int64_t i = 0; i < r.frame_count(); ++i) all.push_back(i);
    return r.read(all);
}

}  // namespace trim_cut_video_test

TEST_CASE("cut_video: a cut on keyframes is a stream copy holding the frames with start <= t < end bit for bit", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path source = make_gop_video(dir.path(), "src.mp4", 4.0, 0);
    const auto source_md5 = framemd5(source);
    REQUIRE(source_md5.size() == 100);  // 4 s at 25 fps

    SECTION("start and end on keyframes: [1 - 3) s is frames 25..74") {
        const auto r = vidata::prepare::cut_video(source, 1.0, 3.0, dir / "clip.mp4");
        CHECK(r.stream_copied);
        CHECK(r.frames == 50);
        CHECK(r.first_frame == 25);
        CHECK(r.last_frame == 74);
        CHECK(framemd5(dir / "clip.mp4") == std::vector<std::string>(source_md5.begin() + 25, source_md5.begin() + 75));
        const auto clip = all_frames(dir / "clip.mp4");
        const auto original = all_frames(source);
        REQUIRE(clip.frames() == 50);
        for (std::size_t k = 0; k < 50; ++k) CHECK(clip.view().subclip(k, 1) == original.view().subclip(25 + k, 1));
        CHECK(r.bytes == fs::file_size(dir / "clip.mp4"));
    }
    SECTION("end inside a GOP without B-frames: [2 - 2.5) s is frames 50..62, still copied") {
        const auto r = vidata::prepare::cut_video(source, 2.0, 2.5, dir / "clip.mp4");
        CHECK(r.stream_copied);
        CHECK(r.frames == 13);  // times 2.00, 2.04, ..., 2.48
        CHECK(framemd5(dir / "clip.mp4") == std::vector<std::string>(source_md5.begin() + 50, source_md5.begin() + 63));
    }
    SECTION("the range runs past the end: [3 - 10) s is frames 75..99") {
        const auto r = vidata::prepare::cut_video(source, 3.0, 10.0, dir / "clip.mp4");
        CHECK(r.stream_copied);
        CHECK(framemd5(dir / "clip.mp4") == std::vector<std::string>(source_md5.begin() + 75, source_md5.end()));
    }
    SECTION("to another container (Matroska)") {
        const auto r = vidata::prepare::cut_video(source, 0.0, 1.0, dir / "clip.mkv");
        CHECK(r.stream_copied);
        CHECK(framemd5(dir / "clip.mkv") == std::vector<std::string>(source_md5.begin(), source_md5.begin() + 25));
    }
    // Nothing but the clip is left in the directory: the temporary was renamed.
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) files += e.path().filename().string().front() == '.';
    CHECK(files == 0);
}

TEST_CASE("cut_video: a start inside a GOP - B-frames at the cut - or reencode always re-encode the same frames", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path source = make_gop_video(dir.path(), "src.mp4", 3.0, 2);
    const auto original = all_frames(source);
    REQUIRE(original.frames() == 75);

    struct expectation {
        double start, end;
        vidata::prepare::reencode_policy policy;
        std::int64_t first, count;
        bool start_on_a_frame;  // where it is not, ffmpeg re-times the kept frames onto multiples of 1/25 s from the start
                                // and drops the one that lands at the end (0.60 s -> slot 0.12 = -t): 2 frames, not 3
    };
    // By hand: frame i is at i / 25 s.
    const expectation cases[] = {
        {1.2, 2.0, vidata::prepare::reencode_policy::when_needed, 30, 20, true},  // frame 30 is no keyframe
        {1.0, 2.0, vidata::prepare::reencode_policy::always, 25, 25, true},
        {0.5, 0.62, vidata::prepare::reencode_policy::when_needed, 13, 3, false},  // 0.52, 0.56, 0.60 (0.48 < 0.5)
    };
    for (const auto& e : cases) {
        INFO("[" << e.start << ", " << e.end << ")");
        const auto r = vidata::prepare::cut_video(source, e.start, e.end, dir / "clip.mp4", fast(e.policy, 0.0));
        CHECK_FALSE(r.stream_copied);
        CHECK(r.first_frame == e.first);
        CHECK(r.frames == e.count);
        const auto clip = all_frames(dir / "clip.mp4");
        REQUIRE(clip.frames() == static_cast<std::size_t>(e.count));
        CHECK(framemd5(dir / "clip.mp4").size() == static_cast<std::size_t>(e.count));  // ffmpeg counts the same
        // The scripts' own command (download.py, trim_event.py) keeps as many frames, for a start on a frame's time.
        if (e.start_on_a_frame) {
            std::ostringstream command;
            command << "-i " << vidata::test::shell_quote(source.string()) << " -ss " << e.start << " -t " << (e.end - e.start)
                    << " -c:v libx264 -preset ultrafast -threads 1 " << vidata::test::shell_quote((dir / "ffmpeg.mp4").string());
            vidata::test::prepare::ffmpeg(command.str());
            CHECK(framemd5(dir / "ffmpeg.mp4").size() == static_cast<std::size_t>(e.count));
        }
        for (std::size_t k = 0; k < clip.frames(); ++k) {
            INFO("clip frame " << k);
            const double matched = psnr(clip.frame_pixels(k), original.frame_pixels(static_cast<std::size_t>(e.first) + k));
            CHECK(matched > 30.0);
            // And it is that frame, not a neighbour (testsrc2 moves every frame).
            if (static_cast<std::size_t>(e.first) + k + 1 < original.frames())
                CHECK(matched > psnr(clip.frame_pixels(k), original.frame_pixels(static_cast<std::size_t>(e.first) + k + 1)));
        }
        vidata::video_reader reader(dir / "clip.mp4");
        REQUIRE(reader.fps());
        CHECK(*reader.fps() == Approx(25.0));
    }
}

TEST_CASE("cut_video: with B-frames a cut is copied only where the frames are a decode-order run", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    // x264 ultrafast with -bf 2 codes a fixed pattern: after the keyframe 25, decode order P28 B26 B27 P31 B29 B30 ...
    const fs::path source = make_gop_video(dir.path(), "src.mp4", 2.0, 2);
    const auto source_md5 = framemd5(source);
    REQUIRE(source_md5.size() == 50);
    // [1 - 1.16) s: frames 25..28, packets 25 28 26 27: a run from the keyframe, copied.
    auto r = vidata::prepare::cut_video(source, 1.0, 1.16, dir / "clip.mp4", fast(vidata::prepare::reencode_policy::when_needed, 0.0));
    CHECK(r.stream_copied);
    CHECK(framemd5(dir / "clip.mp4") == std::vector<std::string>(source_md5.begin() + 25, source_md5.begin() + 29));
    // [1 - 1.2) s: frames 25..29; frame 29 comes after P31 (outside) in decode order: re-encoded, 5 frames.
    r = vidata::prepare::cut_video(source, 1.0, 1.2, dir / "clip.mp4", fast(vidata::prepare::reencode_policy::when_needed, 0.0));
    CHECK_FALSE(r.stream_copied);
    CHECK(r.frames == 5);
    CHECK(framemd5(dir / "clip.mp4").size() == 5);
}

TEST_CASE("cut_video: a constant 30 fps output shows the source frame on screen at each output time", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path source = make_gop_video(dir.path(), "src.mp4", 3.0, 0);
    const auto original = all_frames(source);
    REQUIRE(original.frames() == 75);
    const auto thirty = fast(vidata::prepare::reencode_policy::when_needed, 30.0);

    SECTION("[1 - 2) s: 30 frames; output k at 1 + k/30 s shows source frame 25 + floor(5k/6)") {
        const auto r = vidata::prepare::cut_video(source, 1.0, 2.0, dir / "clip.mp4", thirty);
        CHECK_FALSE(r.stream_copied);
        CHECK(r.frames == 30);
        const auto clip = all_frames(dir / "clip.mp4");
        REQUIRE(clip.frames() == 30);
        for (std::size_t k = 0; k < 30; ++k) {
            INFO("clip frame " << k);
            const std::size_t expected = 25 + (5 * k) / 6;
            CHECK(psnr(clip.frame_pixels(k), original.frame_pixels(expected)) > 30.0);
        }
        vidata::video_reader reader(dir / "clip.mp4");
        REQUIRE(reader.fps());
        CHECK(*reader.fps() == Approx(30.0));
    }
    SECTION("[2.5 - 10) s runs past the source's end at 3 s: 15 frames (2.5, ..., 2.9667)") {
        const auto r = vidata::prepare::cut_video(source, 2.5, 10.0, dir / "clip.mp4", thirty);
        CHECK(r.frames == 15);
        CHECK(framemd5(dir / "clip.mp4").size() == 15);
    }
}

TEST_CASE("cut_video: errors name the file - an empty range - a missing source - a bad range", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path source = make_gop_video(dir.path(), "src.mp4", 2.0, 0);
    CHECK_THROWS_AS(vidata::prepare::cut_video(source, 5.0, 6.0, dir / "a.mp4"), vidata::decode_error);
    CHECK_THROWS_WITH(vidata::prepare::cut_video(source, 5.0, 6.0, dir / "a.mp4"), Catch::Contains("src.mp4") && Catch::Contains("no frame"));
    CHECK_THROWS_AS(vidata::prepare::cut_video(dir / "missing.mp4", 0.0, 1.0, dir / "a.mp4"), vidata::io_error);
    CHECK_THROWS_AS(vidata::prepare::cut_video(source, 1.0, 1.0, dir / "a.mp4"), vidata::invalid_argument);
    vidata::test::write_file(dir / "junk.mp4", "not a video at all");
    CHECK_THROWS_AS(vidata::prepare::cut_video(dir / "junk.mp4", 0.0, 1.0, dir / "a.mp4"), vidata::decode_error);
    CHECK_FALSE(fs::exists(dir / "a.mp4"));
}

TEST_CASE("cut_video: the source's audio goes along - its packets with start <= t < end copied unchanged", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path source = dir / "av.mp4";
    // 4 s of video (a keyframe each second) and of a 440 Hz tone, AAC at 48 kHz: packets of 1024 samples.
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=128x96:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 4 "
                                  "-c:v libx264 -preset ultrafast -g 25 -keyint_min 25 -sc_threshold 0 -bf 0 -pix_fmt yuv420p -c:a aac -shortest " +
                                  vidata::test::shell_quote(source.string()));
    const auto source_audio = audio_packets(source);
    REQUIRE(source_audio.size() > 100);
    // By hand: the packets at pts 47 * 1024 = 48128 (the first >= 1 s) to 140 * 1024 = 143360 (the last < 3 s), their
    // time stamps moved back by 1 s = 48000 ticks.
    std::vector<std::pair<std::int64_t, std::string>> expected;
    for (const auto& [pts, hash] : source_audio)
        if (pts >= 48000 && pts < 144000) expected.emplace_back(pts - 48000, hash);
    REQUIRE(expected.size() == 94);
    REQUIRE(expected.front().first == 128);

    struct cut {
        vidata::prepare::reencode_policy policy;
        double fps;
        bool copied;
    };
    for (const auto& c : {cut{vidata::prepare::reencode_policy::when_needed, 0.0, true}, cut{vidata::prepare::reencode_policy::always, 0.0, false},
                          cut{vidata::prepare::reencode_policy::when_needed, 30.0, false}}) {
        INFO("copied " << c.copied << ", fps " << c.fps);
        const auto r = vidata::prepare::cut_video(source, 1.0, 3.0, dir / "clip.mp4", fast(c.policy, c.fps));
        CHECK(r.stream_copied == c.copied);
        const auto got = audio_packets(dir / "clip.mp4");
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            INFO("audio packet " << i);
            CHECK(got[i].second == expected[i].second);  // the same bytes
            // MP4 states the audio's start in an edit list of millisecond units: 128 ticks (2.67 ms) read back as 96.
            CHECK(std::abs(got[i].first - expected[i].first) <= 48);
        }
    }
    // [2 - 4): a copy that starts reading at the keyframe of 1 s (a seek, not the file's start) and takes the audio to
    // the end of the source.
    std::vector<std::pair<std::int64_t, std::string>> tail;
    for (const auto& [pts, hash] : source_audio)
        if (pts >= 96000) tail.emplace_back(pts - 96000, hash);
    const auto copied = vidata::prepare::cut_video(source, 2.0, 4.0, dir / "tail.mp4", fast(vidata::prepare::reencode_policy::when_needed, 0.0));
    CHECK(copied.stream_copied);
    const auto source_md5 = framemd5(source);
    REQUIRE(source_md5.size() == 100);
    CHECK(framemd5(dir / "tail.mp4") == std::vector<std::string>(source_md5.begin() + 50, source_md5.end()));
    const auto got_tail = audio_packets(dir / "tail.mp4");
    REQUIRE(got_tail.size() == tail.size());
    for (std::size_t i = 0; i < tail.size(); ++i) CHECK(got_tail[i].second == tail[i].second);
    // WebM holds neither H.264 nor AAC: the video is re-encoded by the container's own default encoder (VP9 or VP8) and
    // the clip has no audio (an AVA video kept as .webm).
    const auto r = vidata::prepare::cut_video(source, 1.0, 2.0, dir / "clip.webm", fast(vidata::prepare::reencode_policy::when_needed, 30.0));
    CHECK_FALSE(r.stream_copied);
    CHECK(r.frames == 30);
    CHECK(framemd5(dir / "clip.webm").size() == 30);
    const auto streams = vidata::test::run_command("ffprobe -v error -show_entries stream=codec_type,codec_name -of csv=p=0 " +
                                                   vidata::test::shell_quote((dir / "clip.webm").string()));
    CHECK(streams.output.find("audio") == std::string::npos);
    CHECK(streams.output.find("vp") != std::string::npos);
}

TEST_CASE("video_reader::for_each_picture(first - last): the pictures of the range in order - a bad range refused", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path source = make_gop_video(dir.path(), "src.mp4", 2.0, 2);
    vidata::video_reader reader(source);
    std::vector<std::int64_t> seen;
    reader.for_each_picture(30, 40, [&](std::int64_t index, const AVFrame& picture) {
        seen.push_back(index);
        CHECK(picture.width == 128);
    });
    CHECK(seen == std::vector<std::int64_t>{30, 31, 32, 33, 34, 35, 36, 37, 38, 39});
    const auto none = [](std::int64_t, const AVFrame&) {};
    CHECK_THROWS_AS(reader.for_each_picture(40, 30, none), vidata::invalid_argument);
    CHECK_THROWS_AS(reader.for_each_picture(0, 51, none), vidata::invalid_argument);
}

TEST_CASE("probe_duration: the container's duration rounded to hundredths - as ffprobe prints it", "[prepare][trim]") {
    using namespace trim_cut_video_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path source = make_gop_video(dir.path(), "src.mp4", 2.0, 0);
    const auto r = vidata::test::run_command("ffprobe -v error -show_entries format=duration -of csv=p=0 " + vidata::test::shell_quote(source.string()));
    REQUIRE(r.status == 0);
    const double seconds = std::stod(r.output);
    CHECK(vidata::prepare::probe_duration(source) == Approx(std::round(seconds * 100.0) / 100.0).margin(1e-9));
}
