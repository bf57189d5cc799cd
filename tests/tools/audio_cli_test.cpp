// SPDX-License-Identifier: Apache-2.0
// `vidata extract-audio` then `vidata build-audio-features`: a video without audio listed in failed.txt, the status
// non-zero only with --strict, the summary, and the features of the extracted WAVs (flat OUT/<name>.npy).
#include "tools/cli_support.hpp"
#include "prepare/prepare_support.hpp"

#include <vidata/io/npy.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace audio_cli_test {

namespace fs = std::filesystem;
using vidata::test::quoted;

void make_video_with_audio(const fs::path& path, bool with_audio) {
    fs::create_directories(path.parent_path());
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=10 " +
                                  std::string(with_audio ? "-f lavfi -i sine=frequency=440:sample_rate=16000 -c:a aac " : "-an ") +
                                  "-t 1 -c:v mpeg4 " + quoted(path));
}

}  // namespace audio_cli_test

TEST_CASE("vidata extract-audio and build-audio-features: failures in failed.txt - status 1 only with --strict - features of the WAVs", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace audio_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    make_video_with_audio(src / "jump" / "loud.mp4", true);
    make_video_with_audio(src / "jump" / "mute.mp4", false);
    const fs::path wavs = dir / "audio";

    const auto plain = vidata::test::vidata_cli("extract-audio " + quoted(src) + " " + quoted(wavs) + " --num-worker 2");
    INFO(plain.output);
    CHECK(plain.status == 0);
    CHECK(vidata::test::contains(plain.output, "2 files (1 written, 0 skipped, 1 failed)"));
    CHECK(vidata::test::contains(plain.output, "extract-audio: failed: jump/mute.mp4: "));
    CHECK(fs::is_regular_file(wavs / "jump" / "loud.wav"));
    CHECK(vidata::test::read_file(wavs / "failed.txt").rfind("jump/mute.mp4\t", 0) == 0);

    const auto strict = vidata::test::vidata_cli("extract-audio " + quoted(src) + " " + quoted(wavs) + " --resume --strict --json");
    INFO(strict.output);
    CHECK(strict.status == 1);
    CHECK(vidata::test::contains(strict.output, "\"skipped\":1"));

    const fs::path features = dir / "features";
    const auto built = vidata::test::vidata_cli("build-audio-features " + quoted(wavs) + " " + quoted(features) + " --json");
    INFO(built.output);
    CHECK(built.status == 0);
    const auto array = vidata::load_npy(features / "loud.npy");
    REQUIRE(array.shape().size() == 2);
    CHECK(array.shape()[1] == 80);
    // 1 s at 16 kHz: (256 + 16000 + 128) / 256 = 64 frames (the AAC track may round the length up by a few samples).
    CHECK(array.shape()[0] >= 64);
    CHECK(array.shape()[0] <= 66);

    const auto bad = vidata::test::vidata_cli("build-audio-features " + quoted(wavs) + " " + quoted(features) + " --shard 2/2");
    CHECK(bad.status != 0);
    CHECK(vidata::test::contains(bad.output, "--shard"));
}

TEST_CASE("vidata extract-audio: killed with SIGKILL mid-file and rerun with --resume - the tree equals an uninterrupted run's", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace audio_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    // The first file (sorted) holds three minutes of AAC, long enough to be killed in; the other is short.
    fs::create_directories(src / "a");
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=32x32:rate=1 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 180 "
                                  "-c:v mpeg4 -c:a aac " + quoted(src / "a" / "long.mp4"));
    make_video_with_audio(src / "b" / "short.mp4", true);
    const fs::path reference = dir / "reference";
    REQUIRE(vidata::test::vidata_cli("extract-audio " + quoted(src) + " " + quoted(reference) + " --num-worker 1").status == 0);

    // `exec` makes the background job's pid the tool's own, so that kill -9 reaches the tool, not a shell. It is killed
    // once its partial WAV holds a megabyte (of some 17).
    const fs::path out = dir / "killed";
    const std::string script =
        "sh -c " + vidata::test::shell_quote("exec " + vidata::test::shell_quote(VIDATA_TEST_CLI) + " extract-audio " + quoted(src) + " " +
                                             quoted(out) + " --num-worker 1 >/dev/null 2>&1") +
        " & pid=$!; i=0; while [ $i -lt 3000 ]; do n=$(find " + quoted(out) +
        " -name '*.partial-*' -size +1000k 2>/dev/null | wc -l); if [ \"$n\" -ge 1 ]; then kill -9 $pid; wait $pid; echo killed; exit 0; fi; "
        "if ! kill -0 $pid 2>/dev/null; then echo finished-first; exit 3; fi; sleep 0.01; i=$((i+1)); done; kill -9 $pid; exit 4";
    const auto killed = vidata::test::run_command(script);
    INFO(killed.output);
    REQUIRE(killed.status == 0);
    CHECK_FALSE(fs::exists(out / "a" / "long.wav"));  // absent, not partial

    const auto resumed = vidata::test::vidata_cli("extract-audio " + quoted(src) + " " + quoted(out) + " --num-worker 1 --resume");
    INFO(resumed.output);
    CHECK(resumed.status == 0);
    CHECK(vidata::test::prepare::tree_of(out) == vidata::test::prepare::tree_of(reference));  // the partial file is gone too
}
