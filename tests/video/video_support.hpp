// SPDX-License-Identifier: Apache-2.0
// What the video tests share: the ffmpeg CLI as the oracle (framemd5) and as the maker of tiny test videos.
#pragma once

#include "support.hpp"

#include <vidata/io/ffmpeg/md5.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

namespace vidata::test::video {

/// True when the ffmpeg CLI (scripts/setup test installs it) can serve as the oracle; a visible skip otherwise
/// (a failure in CI, where it must be there).
[[nodiscard]] inline bool ffmpeg_available() {
    static const bool available = run_command("ffmpeg -version").status == 0;
    if (!available) {
        if (running_in_ci()) FAIL("the ffmpeg CLI is required for the video cross-checks (scripts/setup test installs it)");
        WARN("SKIPPED: the ffmpeg CLI is not installed; the decoder's cross-checks against framemd5 did not run");
    }
    // The library leaves FFmpeg's log level alone; the tests provoke damaged streams on purpose.
    av_log_set_level(AV_LOG_QUIET);
    return available;
}

/// Runs the ffmpeg CLI with `args` (after `-nostdin -y -v error`); fails the test with its output if it fails.
inline void ffmpeg(const std::string& args) {
    const auto r = run_command("ffmpeg -nostdin -y -v error " + args);
    INFO("ffmpeg " << args << "\n" << r.output);
    REQUIRE(r.status == 0);
}

/// The oracle: the MD5 of each frame's RGB24 pixels, as `ffmpeg -fps_mode passthrough -pix_fmt rgb24 -f framemd5`
/// lists them, one line per frame in output order, which is presentation order: line i is frame i. `pts`, when
/// given, receives each line's presentation time stamp (in the line's time base).
[[nodiscard]] inline std::vector<std::string> framemd5(const std::filesystem::path& video, std::vector<std::int64_t>* pts = nullptr) {
    // The parentheses keep ffmpeg's complaints about damaged input out of the captured output.
    const auto r = run_command("(ffmpeg -nostdin -v quiet -i " + shell_quote(video.string()) +
                               " -map 0:v:0 -fps_mode passthrough -pix_fmt rgb24 -f framemd5 - 2>/dev/null)");
    INFO("framemd5 of " << video << "\n" << r.output.substr(0, 2000));
    REQUIRE(r.status == 0);
    std::vector<std::string> md5s;
    std::istringstream lines(r.output);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        // "stream, dts, pts, duration, size, hash"
        const auto comma = line.rfind(',');
        REQUIRE(comma != std::string::npos);
        if (pts != nullptr) {
            const auto first = line.find(','), second = line.find(',', first + 1);
            REQUIRE(second != std::string::npos);
            pts->push_back(std::stoll(line.substr(second + 1)));
        }
        std::string hash = line.substr(comma + 1);
        hash.erase(0, hash.find_first_not_of(' '));
        md5s.push_back(hash);
    }
    return md5s;
}

/// `count` indices in [0, frames) drawn with a fixed seed, repeats and any order allowed.
[[nodiscard]] inline std::vector<std::int64_t> random_indices(std::int64_t frames, std::size_t count, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<std::int64_t> pick(0, frames - 1);
    std::vector<std::int64_t> out(count);
    for (auto& i : out) i = pick(gen);
    return out;
}

/// The test videos' source: ffmpeg's testsrc2 pattern under temporal noise (the noise filter's fixed default seed),
/// so that every frame differs from every other even after lossy coding at 64x48.
[[nodiscard]] inline std::string test_pattern(int frames, const std::string& size = "64x48", int rate = 25) {
    return "-f lavfi -i testsrc2=size=" + size + ":rate=" + std::to_string(rate) + ",noise=alls=40:allf=t -frames:v " +
           std::to_string(frames);
}

/// Frames whose pixels are identical to another's make a wrong frame undetectable: the oracle must have none.
inline void require_distinct(const std::vector<std::string>& md5s) {
    REQUIRE(std::set<std::string>(md5s.begin(), md5s.end()).size() == md5s.size());
}

}  // namespace vidata::test::video
