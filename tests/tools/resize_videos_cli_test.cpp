// SPDX-License-Identifier: Apache-2.0
// `vidata resize-videos` and `vidata build-videos`: exit status with and without --strict, the progress lines and the
// summary, and the SIGKILL guarantee (kill -9 mid-video, rerun with --resume: every video complete, nothing partial).
#include "tools/cli_support.hpp"
#include "prepare/prepare_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>

namespace resize_videos_cli_test {

namespace fs = std::filesystem;
using vidata::test::quoted;
using vidata::test::prepare::ffprobe_frames;

// Every entry under `root` (relative, generic), hidden ones included.
std::set<std::string> names_under(const fs::path& root) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) out.insert(fs::relative(e.path(), root).generic_string());
    return out;
}

}  // namespace resize_videos_cli_test

TEST_CASE("vidata resize-videos: a corrupt video is listed in failed.txt - the status is non-zero only with --strict", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace resize_videos_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    vidata::test::prepare::make_video(src / "jump" / "good.mp4", 96, 64, 0.4);
    vidata::test::write_file(src / "jump" / "bad.mp4", "not a video at all");
    const auto loose = vidata::test::vidata_cli("resize-videos " + quoted(src) + " " + quoted(dir / "out") + " --json --scale 32");
    INFO(loose.output);
    CHECK(loose.status == 0);
    const auto summary = vidata::test::summary_json(loose.output);
    CHECK(summary["videos"] == 2);
    CHECK(summary["written"] == 1);
    CHECK(summary["failed"] == 1);
    CHECK(summary["frames"] == 10);  // 0.4 s at 25 fps
    CHECK(summary["failures"][0]["input"] == "jump/bad.mp4");
    CHECK(vidata::test::read_file(dir / "out" / "failed.txt").rfind("jump/bad.mp4\t", 0) == 0);
    CHECK(ffprobe_frames(dir / "out" / "jump" / "good.mp4") == 10);

    const auto strict = vidata::test::vidata_cli("resize-videos " + quoted(src) + " " + quoted(dir / "strict") + " --strict --dense");
    INFO(strict.output);
    CHECK(strict.status == 1);
    CHECK(vidata::test::contains(strict.output, "failed: jump/bad.mp4"));        // the file and its reason on stderr
    CHECK(vidata::test::contains(strict.output, "resize-videos: 2/2 videos"));    // a plain progress line: not a TTY
    CHECK(vidata::test::contains(strict.output, "(1 written, 0 skipped, 1 failed)"));
    CHECK_FALSE(vidata::test::contains(strict.output, "libx264 @"));             // x264's statistics are not printed
}

TEST_CASE("vidata resize-videos: killed with SIGKILL mid-video and rerun with --resume - every video complete - no temporary left",
          "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace resize_videos_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    // The first video (sorted) is long enough to be killed in; the others are done by the resumed run.
    vidata::test::prepare::make_video(src / "a" / "long.mp4", 640, 360, 8.0);
    vidata::test::prepare::make_video(src / "a" / "short.mp4", 96, 64, 0.4);
    vidata::test::prepare::make_video(src / "b" / "other.mp4", 128, 96, 0.6);
    const fs::path out = dir / "resized";
    const std::string args = "resize-videos " + quoted(src) + " " + quoted(out) + " --num-worker 1";
    // Start the tool in the background (exec: its pid is the tool's), wait until its temporary holds data, kill -9 it.
    const std::string script =
        "sh -c " + vidata::test::shell_quote("exec " + vidata::test::shell_quote(VIDATA_TEST_CLI) + " " + args + " >/dev/null 2>&1") +
        " & pid=$!; i=0; while [ $i -lt 3000 ]; do n=$(find " + quoted(out) +
        " -name '.long.mp4.tmp.*' -size +20k 2>/dev/null | wc -l); if [ \"$n\" -ge 1 ]; then kill -9 $pid; wait $pid; echo killed; exit 0; fi; "
        "if ! kill -0 $pid 2>/dev/null; then echo finished-first; exit 3; fi; sleep 0.01; i=$((i+1)); done; kill -9 $pid; exit 4";
    const auto killed = vidata::test::run_command(script);
    INFO(killed.output);
    REQUIRE(killed.status == 0);
    // What the kill left: the temporary, no video under the final name.
    CHECK_FALSE(fs::exists(out / "a" / "long.mp4"));
    bool temporary_left = false;
    for (const auto& name : names_under(out)) temporary_left |= name.rfind("a/.long.mp4.tmp.", 0) == 0;
    CHECK(temporary_left);

    const auto resumed = vidata::test::vidata_cli(args + " --resume");
    INFO(resumed.output);
    REQUIRE(resumed.status == 0);
    CHECK(names_under(out) == std::set<std::string>{"a", "a/long.mp4", "a/short.mp4", "b", "b/other.mp4", "failed.txt"});
    CHECK(ffprobe_frames(out / "a" / "long.mp4") == 200);  // 8 s at 25 fps
    CHECK(ffprobe_frames(out / "a" / "short.mp4") == 10);
    CHECK(ffprobe_frames(out / "b" / "other.mp4") == 15);
}

TEST_CASE("vidata build-videos: frame directories to videos - --strict - the summary", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace resize_videos_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "rawframes";
    fs::create_directories(src / "jump" / "clip");
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=30 -t 0.4 -q:v 2 " + quoted(src / "jump" / "clip" / "img_%05d.jpg"));
    fs::create_directories(src / "jump" / "empty");
    const auto r = vidata::test::vidata_cli("build-videos " + quoted(src) + " " + quoted(dir / "videos") + " --fps 12");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(vidata::test::contains(r.output, "2 videos (1 written, 0 skipped, 1 failed), 12 frames"));
    CHECK(vidata::test::contains(r.output, "codec mpeg4"));
    CHECK(ffprobe_frames(dir / "videos" / "jump" / "clip.mp4") == 12);
    CHECK(vidata::test::read_file(dir / "videos" / "failed.txt").rfind("jump/empty\t", 0) == 0);
    const auto strict = vidata::test::vidata_cli("build-videos " + quoted(src) + " " + quoted(dir / "videos") + " --resume --strict");
    CHECK(strict.status == 1);
    CHECK(vidata::test::contains(strict.output, "(0 written, 1 skipped, 1 failed)"));
}
