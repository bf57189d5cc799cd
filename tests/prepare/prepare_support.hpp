// SPDX-License-Identifier: Apache-2.0
// What the preparation tests share: tiny videos made by the ffmpeg CLI in a level-2 tree, ffprobe's view of a written
// video, and a tree's listing.
#pragma once

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace vidata::test::prepare {

/// True when the ffmpeg CLI (scripts/setup test installs it) can make the test videos and count frames; a visible
/// skip otherwise (a failure in CI, where it must be there). Needs no libav* (the tool's tests link none).
[[nodiscard]] inline bool ffmpeg_available() {
    static const bool available = run_command("ffmpeg -version").status == 0;
    if (!available) {
        if (running_in_ci()) FAIL("the ffmpeg CLI is required for the build-rawframes tests (scripts/setup test installs it)");
        WARN("SKIPPED: the ffmpeg CLI is not installed; the build-rawframes tests did not run");
    }
    return available;
}

/// Runs the ffmpeg CLI with `args` (after `-nostdin -y -v error`); fails the test with its output if it fails.
inline void ffmpeg(const std::string& args) {
    const auto r = run_command("ffmpeg -nostdin -y -v error " + args);
    INFO("ffmpeg " << args << "\n" << r.output);
    REQUIRE(r.status == 0);
}

/// Makes `path` (its directories too): `seconds` of a moving test pattern at `width` x `height`, `rate` fps,
/// H.264 (.mp4) or MPEG-4 part 2 (.avi).
inline void make_video(const std::filesystem::path& path, int width, int height, double seconds, int rate = 25) {
    std::filesystem::create_directories(path.parent_path());
    const std::string codec = path.extension() == ".avi" ? "-c:v mpeg4 -q:v 3" : "-c:v libx264 -preset ultrafast -pix_fmt yuv420p";
    ffmpeg("-f lavfi -i testsrc2=size=" + std::to_string(width) + "x" + std::to_string(height) + ":rate=" + std::to_string(rate) +
                  " -t " + std::to_string(seconds) + " " + codec + " " + shell_quote(path.string()));
}

/// How many frames `ffmpeg -i VIDEO img_%05d.jpg` writes: the oracle for a frame count.
inline std::size_t ffmpeg_frame_count(const std::filesystem::path& video, const std::filesystem::path& scratch) {
    std::filesystem::create_directories(scratch);
    ffmpeg("-i " + shell_quote(video.string()) + " " + shell_quote((scratch / "img_%05d.jpg").string()));
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(scratch)) n += e.path().extension() == ".jpg";
    std::filesystem::remove_all(scratch);
    return n;
}

/// ffprobe's answer (csv, no header, trailing newlines and commas dropped) about the first video stream of `file` for
/// `args` ("-show_entries stream=width,height"); fails the test if ffprobe fails.
inline std::string ffprobe_video(const std::filesystem::path& file, const std::string& args) {
    const auto r = run_command("ffprobe -v error -select_streams v:0 " + args + " -of csv=p=0 " + shell_quote(file.string()));
    INFO("ffprobe " << args << " " << file << "\n" << r.output);
    REQUIRE(r.status == 0);
    std::string out = r.output;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ',')) out.pop_back();
    return out;
}

/// The frames ffprobe decodes in the first video stream of `file` (-count_frames): the oracle of a written video's length.
inline long ffprobe_frames(const std::filesystem::path& file) {
    return std::stol(ffprobe_video(file, "-count_frames -show_entries stream=nb_read_frames"));
}

/// Every file under `root` (relative path, generic form) with its bytes; hidden entries included.
inline std::map<std::string, std::string> tree_of(const std::filesystem::path& root) {
    std::map<std::string, std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file()) out[std::filesystem::relative(e.path(), root).generic_string()] = read_file(e.path());
        else if (e.is_directory()) out[std::filesystem::relative(e.path(), root).generic_string() + "/"] = "";
    return out;
}

/// The hidden entries (dot files) anywhere under `root`: the temporaries and partial outputs a run must not leave.
inline std::set<std::string> hidden_files(const std::filesystem::path& root) {
    std::set<std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.path().filename().string().front() == '.') out.insert(e.path().filename().string());
    return out;
}

}  // namespace vidata::test::prepare
