// SPDX-License-Identifier: Apache-2.0
// extract_audio on videos made by the ffmpeg CLI with sine audio tracks: the WAV's samples equal those of
// `ffmpeg -i v -map 0:a -f s16le` sample for sample, its header gives ffprobe the source's rate and channels,
// a video without audio is reported, resume skips, shards split, and a killed run's partial file is cleaned.
#include "prepare/prepare_support.hpp"

#include <vidata/prepare/extract_audio.hpp>

#include <catch2/catch.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace extract_audio_test {

namespace fs = std::filesystem;
using vidata::test::shell_quote;

// A short test-pattern video with an audio track from lavfi (`audio` is a lavfi source, empty for none).
void make_av(const fs::path& path, const std::string& audio, const std::string& audio_codec) {
    fs::create_directories(path.parent_path());
    std::string args = "-f lavfi -i testsrc2=size=64x48:rate=10 ";
    if (!audio.empty()) args += "-f lavfi -i " + shell_quote(audio) + " ";
    args += "-t 1.2 -c:v mpeg4 -q:v 5 ";
    args += audio.empty() ? "-an " : "-c:a " + audio_codec + " ";
    vidata::test::prepare::ffmpeg(args + shell_quote(path.string()));
}

// The reference: what `ffmpeg -i v -map 0:a -f s16le` writes, the samples MMAction2's command puts in its WAV.
std::string ffmpeg_s16le(const fs::path& input, const fs::path& scratch) {
    vidata::test::prepare::ffmpeg("-i " + shell_quote(input.string()) + " -map 0:a -f s16le " + shell_quote(scratch.string()));
    return vidata::test::read_file(scratch);
}

// "sample_rate,channels" of the first audio stream, as ffprobe reads it.
std::string probe(const fs::path& file) {
    const auto r = vidata::test::run_command("ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate,channels -of csv=p=0 " +
                                             shell_quote(file.string()));
    REQUIRE(r.status == 0);
    return r.output;
}

struct tree {
    vidata::test::temp_dir dir;
    fs::path src = dir / "videos";
    fs::path out = dir / "audio";
    tree() {
        av_log_set_level(AV_LOG_ERROR);  // the MP3 decoder warns about its priming samples, which it does skip
        // AAC (decoded as float planar, so the s16 conversion is libswresample's) mono 22.05 kHz; MP3 stereo 44.1 kHz
        // from two tones; PCM 16 kHz in an AVI; and a video with no audio.
        make_av(src / "a" / "aac_mono.mp4", "sine=frequency=440:sample_rate=22050", "aac -b:a 64k");
        make_av(src / "a" / "mp3_stereo.mp4", "aevalsrc=0.6*sin(2*PI*440*t)|0.3*sin(2*PI*1234*t):s=44100", "libmp3lame -b:a 96k");
        make_av(src / "b" / "pcm.avi", "sine=frequency=1000:sample_rate=16000", "pcm_s16le");
        make_av(src / "b" / "silent.mp4", "", "");
    }
};

bool ffprobe_available() {
    static const bool available = vidata::test::run_command("ffprobe -version").status == 0;
    return available;
}

}  // namespace extract_audio_test

TEST_CASE("extract_audio: the WAV samples equal ffmpeg -map 0:a -f s16le - rate and channels as ffprobe reads the source", "[prepare]") {
    using namespace extract_audio_test;
    if (!vidata::test::prepare::ffmpeg_available() || !ffprobe_available()) return;
    tree t;
    for (const char* ext : {"mp4", "avi"}) {
        vidata::prepare::extract_audio_options o;
        o.ext = ext;
        o.num_worker = 2;
        const auto s = vidata::prepare::extract_audio(t.src, t.out, o);
        if (std::string(ext) == "avi") {
            CHECK(s.totals.inputs_total == 1);
            CHECK(s.totals.written == 1);
            continue;
        }
        CHECK(s.totals.inputs_total == 3);
        CHECK(s.totals.written == 2);
        CHECK(s.totals.failed == 1);
        REQUIRE(s.failures.size() == 1);
        CHECK(s.failures[0].input == fs::path("b/silent.mp4"));
        CHECK_THAT(s.failures[0].reason, Catch::Contains("no audio stream"));
        CHECK_THAT(vidata::test::read_file(t.out / "failed.txt"), Catch::StartsWith("b/silent.mp4\t"));
        CHECK_FALSE(fs::exists(t.out / "b" / "silent.wav"));
    }
    for (const char* video : {"a/aac_mono", "a/mp3_stereo", "b/pcm"}) {
        INFO(video);
        const fs::path source = t.src / (std::string(video) + (std::string(video) == "b/pcm" ? ".avi" : ".mp4"));
        const fs::path wav = t.out / (std::string(video) + ".wav");
        REQUIRE(fs::is_regular_file(wav));
        const std::string expected = ffmpeg_s16le(source, t.dir / "expected.raw");
        REQUIRE(expected.size() > 1000);
        // The data chunk of our WAV (after the 44-byte header for up to two channels) is the reference, byte for byte.
        const std::string bytes = vidata::test::read_file(wav);
        REQUIRE(bytes.size() == 44 + expected.size());
        CHECK(bytes.compare(44, std::string::npos, expected) == 0);
        // The header is well formed: ffprobe reads the source's rate and channels from it, and ffmpeg decodes it back.
        CHECK(probe(wav) == probe(source));
        CHECK(ffmpeg_s16le(wav, t.dir / "back.raw") == expected);
    }
    CHECK(probe(t.out / "a" / "mp3_stereo.wav") == "44100,2\n");  // the stereo source stays stereo
}

TEST_CASE("extract_audio: resume keeps a finished WAV - a rerun replaces it - a killed run's partial file is removed - shards cover the videos once", "[prepare]") {
    using namespace extract_audio_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    tree t;
    vidata::prepare::extract_audio_options o;
    const auto first = vidata::prepare::extract_audio(t.src, t.out, o);
    REQUIRE(first.totals.written == 2);
    const fs::path wav = t.out / "a" / "aac_mono.wav";
    const std::string good = vidata::test::read_file(wav);

    // A stand-in for a finished file: resume must not touch it; a run without resume rewrites it.
    vidata::test::write_file(wav, "finished earlier");
    // What a run killed while writing a/mp3_stereo.wav leaves: its partial file, under a pid that is not ours.
    const fs::path stale = t.out / "a" / ".mp3_stereo.wav.partial-999999999";
    vidata::test::write_file(stale, "half");
    o.resume = true;
    const auto resumed = vidata::prepare::extract_audio(t.src, t.out, o);
    CHECK(resumed.totals.skipped == 2);
    CHECK(resumed.totals.written == 0);
    CHECK(resumed.totals.failed == 1);  // the silent video is tried again, and fails again
    CHECK(vidata::test::read_file(wav) == "finished earlier");
    CHECK_FALSE(fs::exists(stale));
    o.resume = false;
    (void)vidata::prepare::extract_audio(t.src, t.out, o);
    CHECK(vidata::test::read_file(wav) == good);
    for (const auto& e : fs::recursive_directory_iterator(t.out)) CHECK(e.path().filename().string().front() != '.');

    // Shards 0/2 and 1/2: every video once, each shard its own failure report.
    const fs::path sharded = t.dir / "sharded";
    std::size_t total = 0, written = 0;
    for (std::size_t k = 0; k < 2; ++k) {
        o.part = {k, 2};
        const auto s = vidata::prepare::extract_audio(t.src, sharded, o);
        total += s.totals.inputs_total;
        written += s.totals.written;
        CHECK(s.failed_file == sharded / ("failed.shard-" + std::to_string(k) + "-of-2.txt"));
    }
    CHECK(total == 3);
    CHECK(written == 2);
    CHECK(vidata::test::read_file(sharded / "a" / "aac_mono.wav") == good);
}

TEST_CASE("extract_audio: the WAV header of 16-bit PCM - canonical for one or two channels - extensible above", "[prepare]") {
    // Hand-built expectations: RIFF size 36 + data, byte rate = rate * channels * 2, block align = channels * 2.
    const auto h = vidata::prepare::wav_header_s16(22050, 2, 1000);
    REQUIRE(h.size() == 44);
    const auto u32 = [&](std::size_t at) { return std::uint32_t(h[at]) | std::uint32_t(h[at + 1]) << 8 | std::uint32_t(h[at + 2]) << 16 | std::uint32_t(h[at + 3]) << 24; };
    const auto u16 = [&](std::size_t at) { return unsigned(h[at]) | unsigned(h[at + 1]) << 8; };
    CHECK(std::string(h.begin(), h.begin() + 4) == "RIFF");
    CHECK(u32(4) == 1036);
    CHECK(std::string(h.begin() + 8, h.begin() + 16) == "WAVEfmt ");
    CHECK(u32(16) == 16);
    CHECK(u16(20) == 1);
    CHECK(u16(22) == 2);
    CHECK(u32(24) == 22050);
    CHECK(u32(28) == 88200);
    CHECK(u16(32) == 4);
    CHECK(u16(34) == 16);
    CHECK(std::string(h.begin() + 36, h.begin() + 40) == "data");
    CHECK(u32(40) == 1000);
    const auto x = vidata::prepare::wav_header_s16(48000, 6, 12, 0x3F);
    REQUIRE(x.size() == 68);
    CHECK(x[20] == 0xFE);
    CHECK(x[21] == 0xFF);
    CHECK(x[40] == 0x3F);  // the channel mask, after cbSize and the valid bits
    CHECK(std::string(x.begin() + 60, x.begin() + 64) == "data");
}
