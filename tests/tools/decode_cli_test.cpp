// SPDX-License-Identifier: Apache-2.0
// `vidata decode`: its MD5s equal the ffmpeg CLI's framemd5, for videos and for frame directories; its errors are one line.
#include "tools/cli_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace decode_cli_test {

using namespace vidata::test;

bool have_ffmpeg() {
    static const bool available = run_command("ffmpeg -version").status == 0;
    if (!available) {
        if (running_in_ci()) FAIL("the ffmpeg CLI is required for the decode cross-checks (scripts/setup test installs it)");
        WARN("SKIPPED: the ffmpeg CLI is not installed; `vidata decode` was not cross-checked");
    }
    return available;
}

void ffmpeg(const std::string& args) {
    const auto r = run_command("ffmpeg -nostdin -y -v error " + args);
    INFO("ffmpeg " << args << "\n" << r.output);
    REQUIRE(r.status == 0);
}

// The MD5s `ffmpeg -i INPUT ... -pix_fmt rgb24 -f framemd5` prints, one per frame, in output order.
std::vector<std::string> framemd5(const std::string& input) {
    const auto r = run_command("(ffmpeg -nostdin -v quiet -i " + input + " -map 0:v:0 -fps_mode passthrough -pix_fmt rgb24 -f framemd5 - 2>/dev/null)");
    REQUIRE(r.status == 0);
    std::vector<std::string> out;
    std::istringstream lines(r.output);
    std::string line;
    while (std::getline(lines, line))
        if (!line.empty() && line[0] != '#') out.push_back(line.substr(line.rfind(' ') + 1));
    return out;
}

nlohmann::json decode_json(const std::string& args) {
    const auto r = run_command("{ " + shell_quote(VIDATA_TEST_CLI) + " decode " + args + " 2>/dev/null; }");
    INFO("vidata decode " << args << "\n" << r.output);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.output);
}

}  // namespace decode_cli_test

TEST_CASE("vidata decode: --md5 --json prints framemd5's digests for the frames asked, repeats and order kept") {
    if (!vidata::test::cli_decodes_videos()) return;
    using namespace decode_cli_test;
    if (!have_ffmpeg()) return;
    const temp_dir dir;
    const auto video = dir / "bframes.mp4";
    ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=25,noise=alls=40:allf=t -frames:v 50 -c:v libx264 -preset veryfast -bf 3 -g 12 "
           "-pix_fmt yuv420p " + quoted(video));
    const auto oracle = framemd5(quoted(video));
    REQUIRE(oracle.size() == 50);

    const auto some = decode_json(quoted(video) + " --frames 31,0,31,49,7 --md5 --json");
    CHECK(some["frame_count"] == 50);
    const std::vector<int> asked{31, 0, 31, 49, 7};
    REQUIRE(some["frames"].size() == asked.size());
    for (std::size_t s = 0; s < asked.size(); ++s) {
        CHECK(some["frames"][s]["index"] == asked[s]);
        CHECK(some["frames"][s]["md5"] == oracle[static_cast<std::size_t>(asked[s])]);
    }

    const auto all = decode_json(quoted(video) + " --frames all --md5 --json --threads 2");
    REQUIRE(all["frames"].size() == 50);
    for (std::size_t i = 0; i < 50; ++i) {
        CHECK(all["frames"][i]["index"] == i);
        CHECK(all["frames"][i]["md5"] == oracle[i]);
    }

    // Keyframe seeking: each frame is the keyframe before it (GOP 12), and says which one it is.
    const auto approx = decode_json(quoted(video) + " --frames 5,30,47 --md5 --json --seek keyframe");
    for (const auto& f : approx["frames"]) {
        const int index = f["index"], decoded = f["decoded_index"];
        CHECK(decoded <= index);
        CHECK(index - decoded < 12);
        CHECK(f["md5"] == oracle[static_cast<std::size_t>(decoded)]);
    }
}

TEST_CASE("vidata decode: without --md5 a one-line summary; bad input exits non-zero with one line") {
    using namespace decode_cli_test;
    if (!have_ffmpeg()) return;
    const temp_dir dir;
    const auto video = dir / "short.mkv";
    ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=25 -frames:v 20 -c:v libx264 -preset veryfast " + quoted(video));
    const auto summary = vidata_cli("decode " + quoted(video) + " --frames all");
    REQUIRE(summary.status == 0);
    CHECK(std::regex_match(summary.output, std::regex(R"(20 frames \(64x48, of 20\) in [0-9.]+ s: [0-9.]+ frames/s\n)")));
    const auto j = decode_json(quoted(video) + " --frames 1,2,3 --json");
    CHECK(j["frames"] == 3);
    CHECK(j["frame_count"] == 20);
    CHECK(j["seconds"].get<double>() >= 0.0);

    const auto bad_list = vidata_cli("decode " + quoted(video) + " --frames 1,x --md5");
    CHECK(bad_list.status != 0);
    CHECK(line_count(bad_list.output) == 1);
    CHECK(contains(bad_list.output, "--frames: expected 'all' or comma-separated frame indices"));
    const auto past = vidata_cli("decode " + quoted(video) + " --frames 3,20 --md5");
    CHECK(past.status != 0);
    CHECK(line_count(past.output) == 1);
    CHECK(contains(past.output, "short.mkv: frame 20: past the last frame: the file holds 20 frames"));
}

TEST_CASE("vidata decode: a frame directory's PNG frames equal what ffmpeg decodes of them") {
    if (!vidata::test::cli_decodes_videos()) return;
    using namespace decode_cli_test;
    if (!have_ffmpeg()) return;
    const temp_dir dir;
    const auto frames = dir / "v_test";
    std::filesystem::create_directories(frames);
    ffmpeg("-f lavfi -i testsrc2=size=40x30:rate=25 -frames:v 6 -start_number 1 " + quoted(frames / "img_%05d.png"));
    const auto oracle = framemd5(quoted(frames / "img_%05d.png"));
    REQUIRE(oracle.size() == 6);
    const auto r = run_command("{ " + shell_quote(VIDATA_TEST_CLI) + " decode " + quoted(frames) +
                               " --frames 6,1,6 --md5 --json --filename-tmpl 'img_{:05d}.png' 2>&1; }");
    if (contains(r.output, "reads no frame directories")) {
        WARN("SKIPPED: this build of vidata has no rawframe_source");
        return;
    }
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.output);
    CHECK(j["frame_count"] == 6);
    REQUIRE(j["frames"].size() == 3);
    CHECK(j["frames"][0]["md5"] == oracle[5]);  // img_00006.png
    CHECK(j["frames"][1]["md5"] == oracle[0]);
    CHECK(j["frames"][2]["md5"] == oracle[5]);
}

#if !VIDATA_TEST_CLI_HAS_FFMPEG
TEST_CASE("vidata decode: a build without FFmpeg refuses a video - naming the option and the packages") {
    const vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "clip.mp4", "not read: the tool has no decoder");
    const auto r = vidata::test::vidata_cli("decode " + vidata::test::quoted(dir / "clip.mp4") + " --frames 0");
    INFO(r.output);
    CHECK(r.status != 0);
    CHECK(vidata::test::contains(r.output, "VIDATA_WITH_FFMPEG=OFF"));
    CHECK(vidata::test::contains(r.output, "libavcodec-dev"));
}
#endif
