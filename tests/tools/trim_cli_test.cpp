// SPDX-License-Identifier: Apache-2.0
// `vidata trim`: FineGYM's two stages end to end (events from the video, elements from the event clips), a missing
// video listed in failed.txt with a non-zero status only under --strict, the --json summary, and refused options.
#include "tools/cli_support.hpp"
#include "prepare/prepare_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace trim_cli_test {

namespace fs = std::filesystem;
using vidata::test::quoted;

// The JSON summary: stdout's last line (progress and failures go to stderr).
nlohmann::json summary_of(const std::string& output) {
    const auto start = output.rfind("\n{");
    REQUIRE(start != std::string::npos);
    return nlohmann::json::parse(output.substr(start + 1));
}

}  // namespace trim_cli_test

TEST_CASE("vidata trim gym: events then subactions - a missing video in failed.txt - --strict - --json", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace trim_cli_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    // 6 s at 25 fps with a keyframe every second: the event [1, 5) is copied, [0.4, 2) re-encoded.
    fs::create_directories(dir / "videos");
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=25 -t 6 -c:v libx264 -preset ultrafast -g 25 -keyint_min 25 "
                                  "-sc_threshold 0 -bf 0 -pix_fmt yuv420p " +
                                  quoted(dir / "videos" / "VID00000001.mp4"));
    vidata::test::write_file(dir / "annotation.json",
                             R"({"VID00000001": {"E_000001_000005": {"event": 4, "segments": {"A_0000_0001": {"stages": 1, "timestamps": [[0.0, 1.0]]},)"
                             R"( "A_0002_0003": {"stages": 2, "timestamps": [[1.5, 2.0], [2.5, 3.5]]}}, "timestamps": [[1.0, 5.0]]},)"
                             R"( "E_000000_000002": {"event": 1, "segments": null, "timestamps": [[0.4, 2.0]]}},)"
                             R"( "MISSING0001": {"E_000000_000002": {"event": 1, "segments": null, "timestamps": [[0.0, 2.0]]}}})");
    const std::string anno = quoted(dir / "annotation.json");

    const auto events = vidata::test::vidata_cli("trim gym " + anno + " " + quoted(dir / "videos") + " " + quoted(dir / "events") +
                                                 " --preset ultrafast --json");
    INFO(events.output);
    CHECK(events.status == 0);
    const auto s = summary_of(events.output);
    CHECK(s["clips"] == 3);
    CHECK(s["copied"] == 1);
    CHECK(s["reencoded"] == 1);
    CHECK(s["failed"] == 1);
    CHECK(s["frames"] == 100 + 40);  // [1, 5) and [0.4, 2) at 25 fps
    CHECK(s["failures"][0]["output"] == "MISSING0001_E_000000_000002.mp4");
    CHECK(vidata::test::read_file(dir / "events" / "failed.txt").rfind("MISSING0001_E_000000_000002.mp4\tMISSING0001.mp4\t", 0) == 0);
    CHECK(vidata::test::contains(events.output, "trim: 3/3 clips"));  // a plain progress line: not a TTY

    const auto elements = vidata::test::vidata_cli("trim gym " + anno + " " + quoted(dir / "events") + " " + quoted(dir / "subactions") +
                                                   " --stage subactions --preset ultrafast --strict");
    INFO(elements.output);
    CHECK(elements.status == 0);
    CHECK(vidata::test::contains(elements.output, "2 clips (1 copied, 1 re-encoded, 0 skipped, 0 failed), 75 frames"));  // 25 + 50
    CHECK(fs::exists(dir / "subactions" / "VID00000001_E_000001_000005_A_0002_0003.mp4"));

    const auto strict = vidata::test::vidata_cli("trim gym " + anno + " " + quoted(dir / "videos") + " " + quoted(dir / "events") + " --resume --strict");
    INFO(strict.output);
    CHECK(strict.status == 1);
    CHECK(vidata::test::contains(strict.output, "3 clips (0 copied, 0 re-encoded, 2 skipped, 1 failed)"));
    CHECK(vidata::test::contains(strict.output, "failed: MISSING0001_E_000000_000002.mp4 (from MISSING0001.mp4)"));
}

TEST_CASE("vidata trim: an unknown dataset - ava-kinetics without --kinetics-list - are refused", "[tools][prepare]") {
    if (!vidata::test::cli_prepares()) return;
    using namespace trim_cli_test;
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "a.csv", "x,1.0\n");
    CHECK(vidata::test::vidata_cli("trim hmdb51 " + quoted(dir / "a.csv") + " " + quoted(dir.path()) + " " + quoted(dir / "out")).status != 0);
    const auto r = vidata::test::vidata_cli("trim ava-kinetics " + quoted(dir / "a.csv") + " " + quoted(dir.path()) + " " + quoted(dir / "out"));
    INFO(r.output);
    CHECK(r.status != 0);
    CHECK(vidata::test::contains(r.output, "--kinetics-list"));
}
