// SPDX-License-Identifier: Apache-2.0
// video_writer: a synthetic clip encoded, read back by video_reader (count, rate, pixels within a lossy codec's error),
// described by ffprobe (codec, frame count, size, pixel format), and written atomically.
#include "video/video_support.hpp"

#include <vidata/io/video/video_reader.hpp>
#include <vidata/io/video/video_writer.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace video_writer_test {

using namespace vidata::test::video;

// Smooth content a codec can keep: a diagonal gradient drifting one pixel per frame and a bright square moving
// two pixels per frame. (Pure noise would measure the codec, not the writer.)
vidata::clip synthetic_clip(std::size_t frames, std::size_t height, std::size_t width) {
    vidata::clip c(frames, height, width, 3);
    for (std::size_t t = 0; t < frames; ++t)
        for (std::size_t y = 0; y < height; ++y)
            for (std::size_t x = 0; x < width; ++x) {
                const bool square = x >= 4 + 2 * t && x < 16 + 2 * t && y >= 10 && y < 22;
                c(t, y, x, 0) = square ? 230 : static_cast<std::uint8_t>(40 + (x + t) * 2);
                c(t, y, x, 1) = square ? 220 : static_cast<std::uint8_t>(30 + y * 3);
                c(t, y, x, 2) = square ? 40 : static_cast<std::uint8_t>(120 + (x + y) % 64);
            }
    return c;
}

struct closeness {
    double psnr;
    double mean_abs;
};

// PSNR over all bytes (peak 255) and the mean absolute difference, from the definitions.
closeness compare(const vidata::clip& a, const vidata::clip& b) {
    double sq = 0.0, abs = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double d = static_cast<double>(a.data()[i]) - static_cast<double>(b.data()[i]);
        sq += d * d;
        abs += std::fabs(d);
    }
    const double n = static_cast<double>(a.size());
    return {10.0 * std::log10(255.0 * 255.0 / (sq / n)), abs / n};
}

// ffprobe's view of the first video stream: codec_name, width, height, pix_fmt, nb_read_frames (decoded and counted).
std::map<std::string, std::string> ffprobe(const std::filesystem::path& file) {
    const auto r = vidata::test::run_command("ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                                             "stream=codec_name,width,height,pix_fmt,nb_read_frames,avg_frame_rate -of default=nw=1 " +
                                             vidata::test::shell_quote(file.string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    std::map<std::string, std::string> out;
    std::istringstream lines(r.output);
    std::string line;
    while (std::getline(lines, line))
        if (const auto eq = line.find('='); eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
    return out;
}

void round_trip(const std::string& name, const vidata::video_writer_options& options, const std::string& expected_codec,
                double min_psnr, double max_mean_abs) {
    const vidata::test::temp_dir dir;
    const auto file = dir.path() / name;
    const vidata::clip input = synthetic_clip(30, 48, 64);
    vidata::video_writer writer(file, 64, 48, 25.0, options);
    const auto temp = writer.temp_path();
    CHECK(temp.parent_path() == file.parent_path());
    CHECK(std::filesystem::exists(temp));
    writer.write(input.subclip(0, 10));
    for (std::size_t t = 10; t < input.frames(); ++t) writer.write(input.frame_pixels(t));
    CHECK_FALSE(std::filesystem::exists(file));  // nothing under the target's name until finish()
    writer.finish();
    CHECK(std::filesystem::exists(file));
    CHECK_FALSE(std::filesystem::exists(temp));
    CHECK(writer.frames_written() == 30);
    CHECK(writer.codec_name() == (options.codec.empty() ? expected_codec : options.codec));

    vidata::video_reader reader(file);
    REQUIRE(reader.frame_count() == 30);
    REQUIRE(reader.width() == 64);
    REQUIRE(reader.height() == 48);
    REQUIRE(reader.fps().has_value());
    CHECK(*reader.fps() == Approx(25.0));
    std::vector<std::int64_t> all(30);
    for (std::int64_t i = 0; i < 30; ++i) all[static_cast<std::size_t>(i)] = i;
    const auto output = reader.read(all);
    // The tolerance of a lossy codec on this smooth content, with yuv420p's halved chroma (the square's coloured
    // edges lose most): the bounds are loose enough for any libx264/mpeg4 build, tight enough that a wrong frame
    // order, a colour-matrix or range mix-up (tens of levels) or a shifted picture fails.
    const auto c = compare(input, output);
    INFO(name << ": PSNR " << c.psnr << " dB, mean |diff| " << c.mean_abs);
    CHECK(c.psnr >= min_psnr);
    CHECK(c.mean_abs <= max_mean_abs);
    // Frame order: each output frame is closer to its own input frame than to its neighbours (the square moves).
    for (std::size_t t = 1; t + 1 < 30; t += 7) {
        const vidata::clip own(output.subclip(t, 1)), in(input.subclip(t, 1)), before(input.subclip(t - 1, 1));
        CHECK(compare(in, own).psnr > compare(before, own).psnr);
    }

    const auto probe = ffprobe(file);
    CHECK(probe.at("codec_name") == (expected_codec == "libx264" ? "h264" : "mpeg4"));
    CHECK(probe.at("nb_read_frames") == "30");
    CHECK(probe.at("width") == "64");
    CHECK(probe.at("height") == "48");
    CHECK(probe.at("pix_fmt") == "yuv420p");
    CHECK(probe.at("avg_frame_rate") == "25/1");
}

// What this libavcodec picks by default: libx264 when built with it (Debian's is), as the ffmpeg CLI's encoder list says.
std::string default_codec() {
    const auto r = vidata::test::run_command("ffmpeg -hide_banner -encoders");
    return r.output.find(" libx264 ") != std::string::npos ? "libx264" : "mpeg4";
}

TEST_CASE("video_writer: H.264 (or the fallback) in MP4 reads back with the same count, rate and close pixels", "[video][writer]") {
    if (!ffmpeg_available()) return;
    vidata::video_writer_options options;
    options.crf = 18;
    round_trip("clip.mp4", options, default_codec(), 30.0, 4.0);
}

TEST_CASE("video_writer: MPEG-4 part 2 in AVI, as UCF-101 ships, with and without B-frames", "[video][writer]") {
    if (!ffmpeg_available()) return;
    vidata::video_writer_options options;
    options.codec = "mpeg4";
    options.qscale = 2;
    round_trip("v_Archery_g01_c01.avi", options, "mpeg4", 30.0, 4.0);
    options.max_b_frames = 2;
    round_trip("v_Archery_g01_c02.avi", options, "mpeg4", 30.0, 4.0);
}

TEST_CASE("video_writer: the quality settings reach the encoder (a coarser quantiser, a higher crf: a smaller file)", "[video][writer]") {
    av_log_set_level(AV_LOG_QUIET);
    const vidata::test::temp_dir dir;
    const vidata::clip input = synthetic_clip(12, 48, 64);
    const auto size_with = [&](const std::string& name, const vidata::video_writer_options& options) {
        vidata::video_writer writer(dir.path() / name, 64, 48, 25.0, options);
        writer.write(input);
        writer.finish();
        return std::filesystem::file_size(dir.path() / name);
    };
    vidata::video_writer_options fine, coarse;
    fine.codec = coarse.codec = "mpeg4";
    fine.qscale = 2;
    coarse.qscale = 20;
    CHECK(size_with("fine.avi", fine) > size_with("coarse.avi", coarse));
    if (default_codec() == "libx264") {
        vidata::video_writer_options low, high;
        low.crf = 10;
        high.crf = 40;
        CHECK(size_with("low.mp4", low) > size_with("high.mp4", high));
    }
}

TEST_CASE("video_writer: libx264 in Matroska and AVI (B-frames, no time stamps in AVI)", "[video][writer]") {
    if (!ffmpeg_available() || default_codec() != "libx264") return;
    vidata::video_writer_options options;
    options.crf = 18;
    options.preset = "veryfast";
    round_trip("clip.mkv", options, "libx264", 30.0, 4.0);
    round_trip("clip.avi", options, "libx264", 30.0, 4.0);
}

TEST_CASE("video_writer: abandoned writers leave no file; bad arguments and paths are reported with the file", "[video][writer]") {
    av_log_set_level(AV_LOG_QUIET);
    const vidata::test::temp_dir dir;
    const auto file = dir.path() / "out.mp4";
    const vidata::clip frames = synthetic_clip(3, 48, 64);
    std::filesystem::path temp;
    {
        vidata::video_writer writer(file, 64, 48, 30.0);
        temp = writer.temp_path();
        writer.write(frames);
    }  // destroyed without finish()
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK_FALSE(std::filesystem::exists(temp));
    CHECK(std::filesystem::is_empty(dir.path()));

    // An existing target is untouched by an abandoned writer.
    vidata::test::write_file(file, "old");
    {
        vidata::video_writer writer(file, 64, 48, 30.0);
        writer.write(frames);
        writer.discard();
        CHECK_FALSE(writer.is_open());
    }
    CHECK(vidata::test::read_file(file) == "old");

    vidata::video_writer writer;
    CHECK_THROWS_AS(writer.write(frames), vidata::invalid_argument);  // not open
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { writer.open(dir.path() / "odd.mp4", 63, 48, 25.0); }),
               Catch::Contains("odd.mp4") && Catch::Contains("even"));
    CHECK_THROWS_AS(writer.open(dir.path() / "rate.mp4", 64, 48, 0.0), vidata::invalid_argument);
    CHECK_THAT(vidata::test::message_of<vidata::io_error>([&] { writer.open(dir.path() / "missing" / "x.mp4", 64, 48, 25.0); }),
               Catch::Contains("missing/x.mp4"));
    CHECK_THAT(vidata::test::message_of<vidata::decode_error>([&] { writer.open(dir.path() / "x.notacontainer", 64, 48, 25.0); }),
               Catch::Contains("x.notacontainer") && Catch::Contains("container"));
    vidata::video_writer_options unknown;
    unknown.codec = "no-such-encoder";
    CHECK_THAT(vidata::test::message_of<vidata::decode_error>([&] { writer.open(dir.path() / "y.mp4", 64, 48, 25.0, unknown); }),
               Catch::Contains("y.mp4") && Catch::Contains("no-such-encoder"));
    writer.open(dir.path() / "size.mp4", 64, 48, 25.0);
    const vidata::clip wrong = synthetic_clip(1, 48, 62);
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { writer.write(wrong); }), Catch::Contains("size.mp4"));
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { writer.write(wrong.frame_pixels(0)); }),
               Catch::Contains("frame 0"));
    writer.discard();
    // Only the pre-existing file remains: no temporaries from the failed opens.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
    CHECK(entries == 1);
}

}  // namespace video_writer_test
