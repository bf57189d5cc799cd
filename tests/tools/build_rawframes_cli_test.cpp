// SPDX-License-Identifier: Apache-2.0
// `vidata build-rawframes`: exit status with and without --strict, optical flow (or the message saying how to enable
// it), the progress lines, and the SIGKILL guarantee (kill -9 mid-video, rerun with --resume: the tree an
// uninterrupted run writes, byte for byte).
#include "tools/cli_support.hpp"
#include "prepare/prepare_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace build_rawframes_cli_test {

namespace fs = std::filesystem;
using vidata::test::quoted;

std::string command(const fs::path& src, const fs::path& out, const std::string& extra) {
    return "build-rawframes " + quoted(src) + " " + quoted(out) + " --ext mp4 " + extra;
}

}  // namespace build_rawframes_cli_test

TEST_CASE("vidata build-rawframes: a corrupt video is listed in failed.txt - the status is non-zero only with --strict", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace build_rawframes_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    vidata::test::prepare::make_video(src / "jump" / "good.mp4", 96, 64, 0.4);
    vidata::test::write_file(src / "jump" / "bad.mp4", "not a video at all");
    const auto loose = vidata::test::vidata_cli(command(src, dir / "out", "--json"));
    INFO(loose.output);
    CHECK(loose.status == 0);
    const auto summary = vidata::test::summary_json(loose.output);
    CHECK(summary["videos"] == 2);
    CHECK(summary["extracted"] == 1);
    CHECK(summary["failed"] == 1);
    CHECK(summary["frames"] == 10);  // 0.4 s at 25 fps
    CHECK(summary["failures"][0]["video"] == "jump/bad.mp4");
    CHECK(vidata::test::read_file(dir / "out" / "failed.txt").rfind("jump/bad.mp4\t", 0) == 0);

    const auto strict = vidata::test::vidata_cli(command(src, dir / "strict", "--strict"));
    INFO(strict.output);
    CHECK(strict.status == 1);
    CHECK(vidata::test::contains(strict.output, "failed: jump/bad.mp4"));  // the file and its reason on stderr
    CHECK(vidata::test::contains(strict.output, "build-rawframes: 2/2 videos"));  // a plain progress line: not a TTY
    CHECK(fs::exists(dir / "strict" / "jump" / "good" / "img_00010.jpg"));
}

#if !VIDATA_TEST_CLI_HAS_FLOW
TEST_CASE("vidata build-rawframes --task flow fails at once - naming the option that will enable it", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace build_rawframes_cli_test;
    vidata::test::temp_dir dir;
    const auto r = vidata::test::vidata_cli("build-rawframes " + quoted(dir.path()) + " " + quoted(dir / "out") + " --task flow");
    INFO(r.output);
    CHECK(r.status != 0);
    CHECK(vidata::test::contains(r.output, "VIDATA_WITH_FLOW"));
    CHECK(vidata::test::contains(r.output, "OpenCV"));
}
#else
TEST_CASE("vidata build-rawframes --task both --flow-type farn: img_ and n-1 flow_x/flow_y files - a bad --flow-type refused", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace build_rawframes_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    vidata::test::prepare::make_video(src / "jump" / "clip.mp4", 64, 48, 0.2);  // 5 frames
    const auto r = vidata::test::vidata_cli(command(src, dir / "out", "--task both --flow-type farn --bound 10 --json"));
    INFO(r.output);
    CHECK(r.status == 0);
    const auto summary = vidata::test::summary_json(r.output);
    CHECK(summary["frames"] == 5);
    CHECK(summary["flows"] == 4);
    const fs::path frames = dir / "out" / "jump" / "clip";
    CHECK(fs::exists(frames / "img_00005.jpg"));
    CHECK(fs::exists(frames / "flow_x_00004.jpg"));
    CHECK(fs::exists(frames / "flow_y_00004.jpg"));
    CHECK_FALSE(fs::exists(frames / "flow_x_00005.jpg"));
    const auto bad = vidata::test::vidata_cli(command(src, dir / "bad", "--task flow --flow-type brox"));
    CHECK(bad.status != 0);
    CHECK_FALSE(fs::exists(dir / "bad"));
}
#endif

TEST_CASE("vidata build-rawframes: killed with SIGKILL mid-video and rerun with --resume - the tree equals an uninterrupted run's", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace build_rawframes_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    const fs::path src = dir / "videos";
    // The first video (sorted) is long enough to be killed in; the others are done by the resumed run.
    vidata::test::prepare::make_video(src / "a" / "long.mp4", 320, 240, 8.0);
    vidata::test::prepare::make_video(src / "a" / "short.mp4", 96, 64, 0.4);
    vidata::test::prepare::make_video(src / "b" / "other.mp4", 128, 96, 0.6);

    const auto whole = vidata::test::vidata_cli(command(src, dir / "whole", "--num-worker 1 --out-format png"));
    INFO(whole.output);
    REQUIRE(whole.status == 0);

    // Start the tool in the background, wait until it has written frames into a partial directory, kill -9 it.
    const fs::path out = dir / "killed";
    // `exec` makes the background job's pid the tool's own, so that kill -9 reaches the tool, not a shell.
    const std::string exec_script = "sh -c " + vidata::test::shell_quote("exec " + vidata::test::shell_quote(VIDATA_TEST_CLI) + " " +
                                                                        command(src, out, "--num-worker 1 --out-format png") + " >/dev/null 2>&1") +
                                    " & pid=$!; i=0; while [ $i -lt 3000 ]; do n=$(find " + quoted(out) +
                                    " -path '*.partial-*' -name 'img_*' 2>/dev/null | wc -l); if [ \"$n\" -ge 5 ]; then kill -9 $pid; "
                                    "wait $pid; echo killed; exit 0; fi; if ! kill -0 $pid 2>/dev/null; then echo finished-first; exit 3; fi; "
                                    "sleep 0.01; i=$((i+1)); done; kill -9 $pid; exit 4";
    const auto killed = vidata::test::run_command(exec_script);
    INFO(killed.output);
    REQUIRE(killed.status == 0);
    // What the kill left: a partial directory, no final directory for the video it was in.
    bool partial_left = false;
    for (const auto& e : fs::directory_iterator(out / "a")) partial_left |= e.path().filename().string().find(".partial-") != std::string::npos;
    CHECK(partial_left);
    CHECK_FALSE(fs::exists(out / "a" / "long"));

    const auto resumed = vidata::test::vidata_cli(command(src, out, "--num-worker 1 --out-format png --resume"));
    INFO(resumed.output);
    REQUIRE(resumed.status == 0);
    const auto expected = vidata::test::prepare::tree_of(dir / "whole");
    const auto got = vidata::test::prepare::tree_of(out);
    CHECK(expected.size() == got.size());
    CHECK(expected.count("a/long/img_00200.png") == 1);  // 8 s at 25 fps
    CHECK(got == expected);  // names and bytes; no partial or duplicate file
}
