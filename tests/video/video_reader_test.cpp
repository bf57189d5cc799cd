// SPDX-License-Identifier: Apache-2.0
// video_reader against the ffmpeg CLI: every frame read, by random index sets, equals framemd5's line for that frame.
#include "video/video_support.hpp"

#include <vidata/io/ffmpeg/md5.hpp>
#include <vidata/io/video/video_reader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace video_reader_test {

using namespace vidata::test::video;

std::string describe(const std::vector<std::int64_t>& indices) {
    std::ostringstream out;
    for (const auto i : indices) out << i << ' ';
    return out.str();
}

// Reads `indices` with `reader` and checks every slot against the oracle's line for the frame it should hold. An
// rvalue reader reads through its final-read overload (and is still asked which frames it returned: it was only cast).
template <class Reader>
void check_read(Reader&& reader, const std::vector<std::int64_t>& indices, const std::vector<std::string>& oracle,
                const std::vector<std::int64_t>& expected_frames) {
    INFO("indices " << describe(indices) << (std::is_rvalue_reference_v<Reader&&> ? " (final read)" : ""));
    const vidata::clip c = std::forward<Reader>(reader).read(indices);
    REQUIRE(c.frames() == indices.size());
    REQUIRE(reader.returned_indices().size() == indices.size());
    for (std::size_t s = 0; s < indices.size(); ++s) {
        const auto want = expected_frames[s];
        INFO("slot " << s << " asked " << indices[s] << ", should hold frame " << want);
        CHECK(reader.returned_indices()[s] == want);
        CHECK(vidata::ffmpeg::md5_hex(c.frame_pixels(s)) == oracle[static_cast<std::size_t>(want)]);
    }
}

// The index sets a data loader asks for: random sets with repeats (three seeds), a TSN-style sorted sample of 8,
// a 32x2 clip, the last frame, and the same reader reused across reads (so that continuing forward is exercised).
void check_random_access(const std::filesystem::path& file, const std::vector<std::string>& oracle, vidata::video_options options = {}) {
    const auto n = static_cast<std::int64_t>(oracle.size());
    vidata::video_reader reused(file, options);
    REQUIRE(reused.frame_count() == n);
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        const auto indices = random_indices(n, 9, seed);
        vidata::video_reader fresh(file, options);
        check_read(fresh, indices, oracle, indices);
        check_read(reused, indices, oracle, indices);
    }
    std::vector<std::int64_t> tsn;
    for (std::int64_t s = 0; s < 8; ++s) tsn.push_back((2 * s + 1) * n / 16);
    check_read(reused, tsn, oracle, tsn);
    std::vector<std::int64_t> clip32;
    const std::int64_t start = std::max<std::int64_t>(0, n / 3 - 32);
    for (std::int64_t i = 0; i < 32; ++i) clip32.push_back(std::min(n - 1, start + 2 * i));
    check_read(reused, clip32, oracle, clip32);
    const std::vector<std::int64_t> last{n - 1, 0, n - 1};
    check_read(reused, last, oracle, last);
    // A final read (std::move(reader).read, as a pipeline reads): the same pictures; and the reader, drained by it,
    // still reads exactly afterwards.
    for (std::uint32_t seed : {6u, 7u}) {
        const auto indices = random_indices(n, 9, seed);
        vidata::video_reader once(file, options);
        check_read(std::move(once), indices, oracle, indices);
        check_read(once, clip32, oracle, clip32);  // NOLINT(bugprone-use-after-move): usable after a final read
    }
    check_read(vidata::video_reader(file, options), clip32, oracle, clip32);
}

// Sequential decode: every frame, in order, once.
void check_sequential(const std::filesystem::path& file, const std::vector<std::string>& oracle, vidata::video_options options = {}) {
    vidata::video_reader reader(file, options);
    std::vector<std::string> got;
    std::int64_t expected_index = 0;
    reader.for_each_frame([&](std::int64_t index, vidata::clip_view frame) {
        CHECK(index == expected_index++);
        CHECK(frame.frames() == 1);
        got.push_back(vidata::ffmpeg::md5_hex(frame.pixels()));
    });
    CHECK(got == oracle);
    // A whole-file decode is one pass that decodes each picture once, also where the plan splits it at an open
    // GOP's keyframe (the second part continues the first without a seek).
    if (reader.indexed_by_timestamp()) {
        CHECK(reader.stats().seeks == 1);
        CHECK(reader.stats().frames_decoded == oracle.size());
    }
}

// The keyframe policy returns, for frame i, the last keyframe at or before i in presentation order; which frames are
// keyframes comes from ffprobe (its key_frame flag per frame, in presentation order), not from the reader.
std::vector<std::int64_t> keyframes_by_ffprobe(const std::filesystem::path& file) {
    const auto r = vidata::test::run_command("ffprobe -v quiet -select_streams v:0 -show_entries frame=key_frame -of csv=p=0 " +
                                             vidata::test::shell_quote(file.string()));
    REQUIRE(r.status == 0);
    std::vector<std::int64_t> keys;
    std::istringstream lines(r.output);
    std::string line;
    // One line per frame, in presentation order ("1" or "0"); blank lines stand for side data.
    for (std::int64_t i = 0; std::getline(lines, line);) {
        if (line.empty()) continue;
        if (line[0] == '1') keys.push_back(i);
        ++i;
    }
    return keys;
}

void check_keyframe_policy(const std::filesystem::path& file, const std::vector<std::string>& oracle) {
    const auto keys = keyframes_by_ffprobe(file);
    REQUIRE(!keys.empty());
    vidata::keyframe_video_reader reader(file);
    for (std::uint32_t seed : {4u, 5u}) {
        const auto indices = random_indices(static_cast<std::int64_t>(oracle.size()), 9, seed);
        std::vector<std::int64_t> expected;
        for (const auto i : indices) expected.push_back(*std::prev(std::upper_bound(keys.begin(), keys.end(), i)));
        check_read(reader, indices, oracle, expected);
    }
}

struct generated_video {
    const char* name;
    std::string args;  // encoder arguments after the test pattern
    std::int64_t container_frames;  // what the header should announce; -1: nothing
};

}  // namespace video_reader_test

TEST_CASE("video_reader: the fixtures' test.mp4 (H.264, B-frames, GOP 250) and test.avi (MPEG-4, packed B-frames) equal framemd5") {
    using namespace video_reader_test;
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures || !ffmpeg_available()) return;
    for (const char* name : {"test.mp4", "test.avi"}) {
        const auto file = *fixtures / "mmaction2" / name;
        INFO(file);
        const auto oracle = framemd5(file);
        REQUIRE(oracle.size() == (std::string(name) == "test.mp4" ? 300u : 164u));
        vidata::video_reader reader(file);
        CHECK(reader.frame_count() == static_cast<std::int64_t>(oracle.size()));
        CHECK(reader.container_frame_count() == static_cast<std::int64_t>(oracle.size()));
        // test.avi's packets carry no presentation time stamps: its frames are identified by counting.
        CHECK(reader.indexed_by_timestamp() == (std::string(name) == "test.mp4"));
        check_sequential(file, oracle);
        // Frame threads run further ahead of the output: the packets of a pass's next frames are sent before the
        // pass ends, and must not be skipped as unwanted (test.mp4's open GOP at frame 235 starts a second pass).
        check_sequential(file, oracle, {.threads = 2});
        check_random_access(file, oracle);
        check_keyframe_policy(file, oracle);
    }
}

TEST_CASE("video_reader: frames of H.264 / H.265 / MPEG-4 / VP9 files (MP4, Matroska, WebM, AVI, MPEG-TS) with B-frames and open GOPs equal framemd5") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const std::vector<generated_video> videos{
        {"h264_open_gop.mp4", "-c:v libx264 -preset veryfast -bf 3 -g 12 -keyint_min 12 -sc_threshold 0 -x264-params open-gop=1 -pix_fmt yuv420p", 60},
        {"h264_open_gop.mkv", "-c:v libx264 -preset veryfast -bf 3 -g 12 -keyint_min 12 -sc_threshold 0 -x264-params open-gop=1 -pix_fmt yuv420p", -1},
        {"h264_bframes.ts", "-c:v libx264 -preset veryfast -bf 3 -g 12 -pix_fmt yuv420p", -1},  // seeks land by byte position
        {"hevc_open_gop.mp4", "-c:v libx265 -preset veryfast -x265-params keyint=12:min-keyint=12:bframes=3:open-gop=1:log-level=error -tag:v hvc1", 60},
        {"mpeg4_bframes.mp4", "-c:v mpeg4 -bf 2 -g 12 -q:v 5", 60},
        {"mpeg4_bframes.avi", "-c:v mpeg4 -bf 2 -g 12 -q:v 5", 60},
        {"vp9.webm", "-c:v libvpx-vp9 -g 12 -deadline realtime -cpu-used 8 -b:v 300k", -1},
        {"h264_bt709_full_range.mp4",
         "-c:v libx264 -preset veryfast -bf 2 -g 16 -pix_fmt yuv420p -color_range pc -colorspace bt709 -color_primaries bt709 -color_trc bt709", 60},
        {"h264_yuv444.mkv", "-c:v libx264 -preset veryfast -bf 2 -g 20 -pix_fmt yuv444p", -1},
        {"h264_no_bframes.mp4", "-c:v libx264 -preset veryfast -bf 0 -g 12 -pix_fmt yuv420p", 60},  // time stamps never reorder
        // Samples described by fragments (trun) instead of the sample table: no frame count in the header.
        {"h264_fragmented.mp4", "-c:v libx264 -preset veryfast -bf 2 -g 12 -pix_fmt yuv420p -movflags +frag_keyframe+empty_moov", -1},
    };
    for (const auto& v : videos) {
        DYNAMIC_SECTION(v.name) {
            const auto file = dir / v.name;
            ffmpeg(test_pattern(60) + " " + v.args + " " + vidata::test::shell_quote(file.string()));
            const auto oracle = framemd5(file);
            REQUIRE(oracle.size() == 60);
            require_distinct(oracle);
            vidata::video_reader reader(file);
            CHECK(reader.frame_count() == 60);
            CHECK(reader.container_frame_count() == v.container_frames);
            CHECK(reader.width() == 64);
            CHECK(reader.height() == 48);
            REQUIRE(reader.fps().has_value());
            CHECK(*reader.fps() == Approx(25.0));
            check_sequential(file, oracle);
            check_random_access(file, oracle);
            check_random_access(file, oracle, {.threads = 3});  // frame threads: the same pictures
            // The packets read again from the file instead of from the open's demux pass: the same pictures.
            check_sequential(file, oracle, {.packet_cache_bytes = 0});
            check_random_access(file, oracle, {.packet_cache_bytes = 0});
            check_keyframe_policy(file, oracle);
        }
    }
}

TEST_CASE("video_reader: an MP4 whose sample description gives another size than the stream's cropping is read at the cropped size") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    // h264_metadata rewrites the parameter sets' cropping after the encoder: the header still says 64x48, the decoder
    // outputs 48x40 (the size avformat_find_stream_info would report, and the reader finds without it).
    const auto file = dir / "cropped.mp4";
    ffmpeg(test_pattern(30) + " -c:v libx264 -preset veryfast -bf 3 -g 12 -pix_fmt yuv420p -bsf:v h264_metadata=crop_right=16:crop_bottom=8 " +
           vidata::test::shell_quote(file.string()));
    const auto oracle = framemd5(file);
    REQUIRE(oracle.size() == 30);
    vidata::video_reader reader(file);
    CHECK(reader.width() == 48);
    CHECK(reader.height() == 40);
    check_sequential(file, oracle);
    check_random_access(file, oracle);
}

TEST_CASE("video_reader: an MP4 whose time stamps are decode times (an AVI with B-frames remuxed) is read as ffmpeg lists it") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    // AVI packets carry no presentation time stamps; `-c copy` into MP4 then writes pts = dts, so the MP4's time stamps
    // never reorder while its B-frames do. ffmpeg and PyAV list the frames in the decoder's output order.
    const auto avi = dir / "bframes.avi";
    const auto file = dir / "remuxed.mp4";
    ffmpeg(test_pattern(40) + " -c:v libx264 -preset veryfast -bf 2 -g 12 -pix_fmt yuv420p " + vidata::test::shell_quote(avi.string()));
    ffmpeg("-i " + vidata::test::shell_quote(avi.string()) + " -c copy " + vidata::test::shell_quote(file.string()));
    const auto oracle = framemd5(file);
    REQUIRE(oracle.size() == 40);
    require_distinct(oracle);
    vidata::video_reader reader(file);
    CHECK(reader.frame_count() == 40);
    CHECK_FALSE(reader.indexed_by_timestamp());
    check_sequential(file, oracle);
    check_random_access(file, oracle);
    check_random_access(file, oracle, {.packet_cache_bytes = 0});
    check_keyframe_policy(file, oracle);
}

TEST_CASE("video_reader: a variable-frame-rate file is indexed by time stamp, frame i being the i-th shown") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto file = dir / "vfr.mkv";
    // Gaps of 56, 56 and 8 ms in turn (time stamps (n + 0.4 (n mod 3)) / 25 s, in milliseconds: -r 1000 gives the
    // encoder a 1 ms time base): a frame's index is not round(time * fps).
    ffmpeg(test_pattern(60) + " -vf \"settb=1/1000,setpts=(N+0.4*mod(N\\,3))/25/TB\" -fps_mode passthrough -r 1000 " +
           "-c:v libx264 -preset veryfast -bf 2 -g 10 " + vidata::test::shell_quote(file.string()));
    std::vector<std::int64_t> pts;
    const auto oracle = framemd5(file, &pts);
    REQUIRE(oracle.size() == 60);
    require_distinct(oracle);
    // framemd5's lines are in presentation order: their time stamps rise, by the uneven steps written above.
    REQUIRE(pts.size() == 60);
    for (std::size_t i = 1; i < pts.size(); ++i) CHECK(pts[i] > pts[i - 1]);
    CHECK(pts[3] - pts[2] < pts[2] - pts[1]);
    vidata::video_reader reader(file);
    CHECK(reader.frame_count() == 60);
    CHECK(reader.indexed_by_timestamp());
    check_sequential(file, oracle);
    check_random_access(file, oracle);
    check_keyframe_policy(file, oracle);
}

TEST_CASE("video_reader: a file whose time stamps repeat is read by counting the decoder's output, still exactly") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto file = dir / "repeated_pts.mkv";
    // The same irregular times, rounded to the encoder's 1/25 s time base: some frames share a time stamp.
    ffmpeg(test_pattern(60) + " -vf \"settb=1/1000,setpts=(N+0.4*mod(N\\,3))/25/TB\" -fps_mode passthrough " +
           "-c:v libx264 -preset veryfast -bf 2 -g 10 " + vidata::test::shell_quote(file.string()));
    const auto oracle = framemd5(file);
    REQUIRE(oracle.size() == 60);
    require_distinct(oracle);
    vidata::video_reader reader(file);
    CHECK(reader.frame_count() == 60);
    CHECK_FALSE(reader.indexed_by_timestamp());
    check_sequential(file, oracle);
    check_random_access(file, oracle);
}

TEST_CASE("video_reader: read takes frame_indices, returns clips in the order asked, and counts its work") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto file = dir / "gop10.mp4";
    // 80 frames, closed GOPs of 10 without B-frames: decode order is presentation order, so the work is countable by hand.
    ffmpeg(test_pattern(80) + " -c:v libx264 -preset veryfast -bf 0 -g 10 -keyint_min 10 -sc_threshold 0 -pix_fmt yuv420p " +
           vidata::test::shell_quote(file.string()));
    const auto oracle = framemd5(file);
    REQUIRE(oracle.size() == 80);
    vidata::video_reader reader(file);
    // Two clips of 3: frames 2,4,6 (GOP 0: packets 0..6) and 72,74,76 (GOP 7: packets 70..76).
    const vidata::frame_indices fi(2, 3, {72, 74, 76, 2, 4, 6});
    const vidata::clip c = reader.read(fi);
    REQUIRE(c.frames() == 6);
    for (std::size_t s = 0; s < 6; ++s) CHECK(vidata::ffmpeg::md5_hex(c.frame_pixels(s)) == oracle[static_cast<std::size_t>(fi[s])]);
    CHECK(reader.stats().seeks == 2);
    CHECK(reader.stats().packets_sent >= 7 + 7);
    CHECK(reader.stats().packets_sent <= 7 + 7 + 2 * 4);  // plus, at most, the decoder's delay per pass
    CHECK(reader.stats().frames_converted == 6);
    // Frame 78 is reachable from where the last pass stopped (GOP 7): no seek.
    const auto before = reader.stats().seeks;
    const vidata::clip next = reader.read(std::vector<std::int64_t>{78});
    CHECK(reader.stats().seeks == before);
    CHECK(vidata::ffmpeg::md5_hex(next.frame_pixels(0)) == oracle[78]);
    CHECK(reader.read(std::vector<std::int64_t>{}).frames() == 0);

    // The keyframe policy on the same file: frames 5, 15, 25, 27 give keyframes 0, 10, 20, 20, each decoded alone.
    vidata::keyframe_video_reader approx(file);
    const vidata::clip k = approx.read(std::vector<std::int64_t>{5, 15, 25, 27});
    CHECK(std::vector<std::int64_t>(approx.returned_indices().begin(), approx.returned_indices().end()) ==
          std::vector<std::int64_t>{0, 10, 20, 20});
    CHECK(vidata::ffmpeg::md5_hex(k.frame_pixels(0)) == oracle[0]);
    CHECK(vidata::ffmpeg::md5_hex(k.frame_pixels(1)) == oracle[10]);
    CHECK(vidata::ffmpeg::md5_hex(k.frame_pixels(3)) == oracle[20]);
    CHECK(approx.stats().seeks == 3);
    CHECK(approx.stats().packets_sent == 3);
    CHECK(approx.stats().frames_decoded == 3);
}

TEST_CASE("video_reader: pictures nothing references and nobody asked for are not decoded") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto file = dir / "bframes.mp4";
    // B-frames without pyramid: every B-frame is a non-reference picture.
    ffmpeg(test_pattern(60) + " -c:v libx264 -preset veryfast -bf 2 -x264-params b-pyramid=none -g 60 -pix_fmt yuv420p " +
           vidata::test::shell_quote(file.string()));
    const auto oracle = framemd5(file);
    vidata::video_reader reader(file);
    const vidata::clip c = reader.read(std::vector<std::int64_t>{50, 40});
    CHECK(vidata::ffmpeg::md5_hex(c.frame_pixels(0)) == oracle[50]);
    CHECK(vidata::ffmpeg::md5_hex(c.frame_pixels(1)) == oracle[40]);
    // One pass from frame 0 over ~51 packets; about two thirds of them are B-frames, skipped unless wanted.
    CHECK(reader.stats().seeks == 1);
    CHECK(reader.stats().packets_sent >= 51);
    CHECK(reader.stats().frames_decoded < reader.stats().packets_sent * 2 / 3);
}

TEST_CASE("video_reader: a final read stops sending packets at the last wanted picture's") {
    using namespace video_reader_test;
    if (!ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto file = dir / "pyramid.mp4";
    // x264's defaults: 3 B-frames with a pyramid, so a picture leaves the reorder buffer only after later ones enter.
    // One GOP (no scene-cut keyframes): every read decodes from packet 0.
    ffmpeg(test_pattern(60) + " -c:v libx264 -preset veryfast -bf 3 -g 60 -sc_threshold 0 -pix_fmt yuv420p " +
           vidata::test::shell_quote(file.string()));
    const auto oracle = framemd5(file);
    // Where each frame's packet is in decode order, from ffprobe's packet list (time stamps in decode order, ranked).
    const auto r = vidata::test::run_command("ffprobe -v quiet -select_streams v:0 -show_entries packet=pts,flags -of csv=p=0 " +
                                             vidata::test::shell_quote(file.string()));
    REQUIRE(r.status == 0);
    std::vector<std::int64_t> pts;
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        const auto comma = line.find(',');
        REQUIRE(comma != std::string::npos);
        const bool key = line.find('K', comma) != std::string::npos;
        REQUIRE(key == pts.empty());  // the first packet is the only keyframe
        pts.push_back(std::stoll(line.substr(0, comma)));
    }
    REQUIRE(pts.size() == 60);
    std::vector<std::int64_t> sorted = pts;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::int64_t> position(60);  // frame -> decode position of its packet
    for (std::size_t k = 0; k < pts.size(); ++k)
        position[static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), pts[k]) - sorted.begin())] = static_cast<std::int64_t>(k);
    // Frames whose packet is followed, in decode order, by a picture shown before them: a plain read has to send
    // that picture's packet (and more) before the frame comes out of the reorder buffer; a final read does not.
    std::size_t checked = 0;
    for (std::int64_t f = 8; f < 50; ++f) {
        const auto at = position[static_cast<std::size_t>(f)];
        if (std::lower_bound(sorted.begin(), sorted.end(), pts[static_cast<std::size_t>(at + 1)]) - sorted.begin() > f) continue;
        INFO("frame " << f << ", packet " << at);
        const std::vector<std::int64_t> wanted{f - 8, f};
        vidata::video_reader plain(file);
        const vidata::clip a = plain.read(wanted);
        vidata::video_reader once(file);
        const vidata::clip b = std::move(once).read(wanted);
        for (std::size_t s = 0; s < 2; ++s) {
            CHECK(vidata::ffmpeg::md5_hex(a.frame_pixels(s)) == oracle[static_cast<std::size_t>(wanted[s])]);
            CHECK(vidata::ffmpeg::md5_hex(b.frame_pixels(s)) == oracle[static_cast<std::size_t>(wanted[s])]);
        }
        // From frame 0's packet to frame f's, each sent once (once.stats() is still the reader's: it was only cast).
        CHECK(once.stats().packets_sent == static_cast<std::size_t>(at + 1));  // NOLINT(bugprone-use-after-move)
        CHECK(plain.stats().packets_sent > static_cast<std::size_t>(at + 1));
        ++checked;
    }
    CHECK(checked >= 5);
}
