// SPDX-License-Identifier: Apache-2.0
// What the build_rawframes tests share: tiny videos made by the ffmpeg CLI in a level-2 tree, and a tree's listing.
#pragma once

#include "support.hpp"
#include "video/video_support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace vidata::test::prepare {

/// Makes `path` (its directories too): `seconds` of a moving test pattern at `width` x `height`, `rate` fps,
/// H.264 (.mp4) or MPEG-4 part 2 (.avi).
inline void make_video(const std::filesystem::path& path, int width, int height, double seconds, int rate = 25) {
    std::filesystem::create_directories(path.parent_path());
    const std::string codec = path.extension() == ".avi" ? "-c:v mpeg4 -q:v 3" : "-c:v libx264 -preset ultrafast -pix_fmt yuv420p";
    video::ffmpeg("-f lavfi -i testsrc2=size=" + std::to_string(width) + "x" + std::to_string(height) + ":rate=" + std::to_string(rate) +
                  " -t " + std::to_string(seconds) + " " + codec + " " + shell_quote(path.string()));
}

/// How many frames `ffmpeg -i VIDEO img_%05d.jpg` writes: the oracle for a frame count.
inline std::size_t ffmpeg_frame_count(const std::filesystem::path& video, const std::filesystem::path& scratch) {
    std::filesystem::create_directories(scratch);
    video::ffmpeg("-i " + shell_quote(video.string()) + " " + shell_quote((scratch / "img_%05d.jpg").string()));
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(scratch)) n += e.path().extension() == ".jpg";
    std::filesystem::remove_all(scratch);
    return n;
}

/// Every file under `root` (relative path, generic form) with its bytes; hidden entries included.
inline std::map<std::string, std::string> tree_of(const std::filesystem::path& root) {
    std::map<std::string, std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file()) out[std::filesystem::relative(e.path(), root).generic_string()] = read_file(e.path());
        else if (e.is_directory()) out[std::filesystem::relative(e.path(), root).generic_string() + "/"] = "";
    return out;
}

}  // namespace vidata::test::prepare
