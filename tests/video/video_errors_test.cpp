// SPDX-License-Identifier: Apache-2.0
// video_reader on bad input: truncated files, headers that lie, missing files, indices out of range.
#include "video/video_support.hpp"

#include <vidata/core/error.hpp>
#include <vidata/io/ffmpeg/md5.hpp>
#include <vidata/io/video/video_reader.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace video_errors_test {

// Writes `value` as the little-endian 32-bit field `offset` bytes into the data of the first RIFF chunk `fourcc`.
void patch_riff_field(std::string& bytes, const std::string& fourcc, std::size_t offset, std::uint32_t value) {
    const auto chunk = bytes.find(fourcc);
    REQUIRE(chunk != std::string::npos);
    for (std::size_t b = 0; b < 4; ++b) bytes[chunk + 8 + offset + b] = static_cast<char>((value >> (8 * b)) & 0xff);
}

}  // namespace video_errors_test

TEST_CASE("video_reader: a truncated file reads up to the cut, then a decode_error names the file and the frame") {
    using namespace vidata::test::video;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto whole = dir / "whole.mp4";
    const auto cut = dir / "cut.mp4";
    // The index (moov) first, so that the cut file still opens and announces 60 frames.
    ffmpeg(test_pattern(60) + " -c:v libx264 -preset veryfast -bf 3 -g 12 -pix_fmt yuv420p -movflags +faststart " +
           vidata::test::shell_quote(whole.string()));
    const std::string bytes = vidata::test::read_file(whole);
    vidata::test::write_file(cut, bytes.substr(0, bytes.size() * 6 / 10));
    const auto oracle = framemd5(cut);  // what ffmpeg itself decodes of the cut file
    REQUIRE(oracle.size() >= 10);
    REQUIRE(oracle.size() < 60);

    vidata::video_reader reader(cut);
    CHECK(reader.container_frame_count() == 60);
    CHECK(reader.frame_count() < 60);
    CHECK(reader.frame_count() >= static_cast<std::int64_t>(oracle.size()));
    // Every frame ffmpeg decodes, we decode the same.
    const auto first = vidata::video_reader(cut).read(std::vector<std::int64_t>{0, 5, static_cast<std::int64_t>(oracle.size()) - 1});
    CHECK(vidata::ffmpeg::md5_hex(first.frame_pixels(0)) == oracle[0]);
    CHECK(vidata::ffmpeg::md5_hex(first.frame_pixels(1)) == oracle[5]);
    CHECK(vidata::ffmpeg::md5_hex(first.frame_pixels(2)) == oracle.back());
    // Frame 55 is announced but not there; the first frame ffmpeg could not decode fails too.
    std::vector<std::int64_t> beyond{2, 55};
    try {
        (void)reader.read(beyond);
        FAIL("no decode_error for a frame past the cut");
    } catch (const vidata::decode_error& e) {
        CHECK(e.frame() == 55);
        CHECK(e.path() == cut.string());
        CHECK_THAT(e.what(), Catch::Contains("cut.mp4: frame 55:") && Catch::Contains("announces 60"));
    }
    std::vector<std::int64_t> all;
    for (std::int64_t i = 0; i < reader.frame_count(); ++i) all.push_back(i);
    if (reader.frame_count() > static_cast<std::int64_t>(oracle.size())) {
        // The partial packet at the cut: counted by the demuxer, not decodable.
        try {
            (void)reader.read(all);
            FAIL("no decode_error for the partial frame at the cut");
        } catch (const vidata::decode_error& e) {
            CHECK(e.frame() == static_cast<std::int64_t>(oracle.size()));
            CHECK_THAT(e.what(), Catch::Contains("cut.mp4: frame " + std::to_string(oracle.size()) + ":"));
        }
    }
}

TEST_CASE("video_reader: a header that announces more frames than the file holds (decord#373) gives the true count") {
    using namespace vidata::test::video;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto honest = dir / "honest.avi";
    const auto liar = dir / "liar.avi";
    ffmpeg(test_pattern(40) + " -c:v mpeg4 -g 12 -q:v 5 " + vidata::test::shell_quote(honest.string()));
    std::string bytes = vidata::test::read_file(honest);
    // AVI's main header field dwTotalFrames (byte 16 of 'avih') and the stream header's dwLength (byte 32 of 'strh').
    video_errors_test::patch_riff_field(bytes, "avih", 16, 431);
    video_errors_test::patch_riff_field(bytes, "strh", 32, 431);
    vidata::test::write_file(liar, bytes);
    const auto oracle = framemd5(liar);
    REQUIRE(oracle.size() == 40);

    vidata::video_reader reader(liar);
    CHECK(reader.container_frame_count() == 431);
    CHECK(reader.frame_count() == 40);
    const auto c = reader.read(std::vector<std::int64_t>{39, 0, 20});
    CHECK(vidata::ffmpeg::md5_hex(c.frame_pixels(0)) == oracle[39]);
    CHECK(vidata::ffmpeg::md5_hex(c.frame_pixels(1)) == oracle[0]);
    CHECK(vidata::ffmpeg::md5_hex(c.frame_pixels(2)) == oracle[20]);
    const auto message = vidata::test::message_of<vidata::decode_error>([&] { (void)reader.read(std::vector<std::int64_t>{300}); });
    CHECK_THAT(message, Catch::Contains("liar.avi: frame 300: past the last frame: the file holds 40 frames") &&
                            Catch::Contains("announces 431"));
}

TEST_CASE("video_reader: missing files, files that are no video and negative indices are errors that say so") {
    using namespace vidata::test::video;
    const vidata::test::temp_dir dir;
    CHECK_THROWS_AS(vidata::video_reader(dir / "nowhere.mp4"), vidata::io_error);
    vidata::test::write_file(dir / "notes.mp4", "these are not the frames you are looking for\n");
    const auto message = vidata::test::message_of<vidata::decode_error>([&] { vidata::video_reader r(dir / "notes.mp4"); });
    CHECK_THAT(message, Catch::StartsWith("[vidata.decode_error]") && Catch::Contains("notes.mp4"));
    if (!ffmpeg_available()) return;
    const auto audio = dir / "tone.wav";
    ffmpeg("-f lavfi -i sine=duration=0.2 " + vidata::test::shell_quote(audio.string()));
    CHECK_THAT(vidata::test::message_of<vidata::decode_error>([&] { vidata::video_reader r(audio); }),
               Catch::Contains("tone.wav: it has no video stream"));
    const auto video = dir / "short.mp4";
    ffmpeg(test_pattern(5) + " -c:v libx264 -preset veryfast " + vidata::test::shell_quote(video.string()));
    vidata::video_reader reader(video);
    CHECK_THROWS_AS(reader.read(std::vector<std::int64_t>{-1}), vidata::invalid_argument);
    CHECK_THAT(vidata::test::message_of<vidata::decode_error>([&] { (void)reader.read(std::vector<std::int64_t>{1, 5}); }),
               Catch::Contains("short.mp4: frame 5: past the last frame: the file holds 5 frames"));
}
