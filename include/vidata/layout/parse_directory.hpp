// SPDX-License-Identifier: Apache-2.0
// vidata::layouts::parse_directory: the frame counts of every frame directory of a tree (MMAction2's parse_directory).
#pragma once

#include <vidata/core/error.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>

namespace vidata::layouts {

/// The file name prefixes that tell RGB frames from the two flow directions in a frame directory.
struct frame_prefixes {
    std::string rgb = "img_";
    std::string flow_x = "flow_x_";
    std::string flow_y = "flow_y_";
};

/// One frame directory: its path (as found under the source root) and how many files of each kind it holds.
struct frame_directory {
    std::filesystem::path path;
    std::int64_t rgb_count = 0;
    std::int64_t flow_count = 0;  ///< flow_x files, equal to flow_y files
};

/// Frame directories by key: `video` at level 1, `class/video` at level 2 (the key a split list names).
using frame_directory_map = std::unordered_map<std::string, frame_directory>;

namespace detail {

[[nodiscard]] inline bool is_hidden(const std::string& name) { return !name.empty() && name.front() == '.'; }

/// Counts the entries of `directory` whose names start with each prefix (fnmatch `prefix*`, which on POSIX is
/// case-sensitive and, unlike glob, counts hidden names too).
inline void count_frames(const std::filesystem::path& directory, const frame_prefixes& prefixes, frame_directory& out,
                         std::int64_t& flow_y) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with(prefixes.rgb)) ++out.rgb_count;
        if (name.starts_with(prefixes.flow_x)) ++out.flow_count;
        if (name.starts_with(prefixes.flow_y)) ++flow_y;
    }
    if (ec) throw io_error(directory.string(), "cannot list the frame directory: " + ec.message());
}

}  // namespace detail

/// The frame directories under `root`: its sub-directories at level 1 (`root/<video>/`), its
/// sub-sub-directories at level 2 (`root/<class>/<video>/`), each with its counts of `prefixes.rgb*`,
/// `prefixes.flow_x*` and `prefixes.flow_y*` files. Names starting with '.' are skipped, as glob skips them.
///
/// Throws parse_error naming the directory when its flow_x and flow_y counts differ (MMAction2 raises
/// ValueError there), io_error when `root` or a directory cannot be listed, invalid_argument for a level
/// other than 1 or 2. Difference from MMAction2: a plain file where a directory is expected is skipped
/// (MMAction2's os.listdir fails on it).
[[nodiscard]] inline frame_directory_map parse_directory(const std::filesystem::path& root, const frame_prefixes& prefixes = {},
                                                         int level = 2) {
    if (level != 1 && level != 2) throw invalid_argument("vidata::layouts::parse_directory: level must be 1 or 2, got " + std::to_string(level));
    frame_directory_map out;
    auto add = [&](const std::filesystem::path& directory, std::string key) {
        frame_directory d{directory, 0, 0};
        std::int64_t flow_y = 0;
        detail::count_frames(directory, prefixes, d, flow_y);
        if (d.flow_count != flow_y)
            throw parse_error(source_location{directory.string(), 0, 0, -1, {}}, "as many " + prefixes.flow_x + "* files as " + prefixes.flow_y + "* files",
                              std::to_string(d.flow_count) + " and " + std::to_string(flow_y));
        out.insert_or_assign(std::move(key), std::move(d));
    };
    auto subdirectories = [](const std::filesystem::path& directory, auto&& visit) {
        std::error_code ec;
        std::filesystem::directory_iterator it(directory, ec), end;
        if (ec) throw io_error(directory.string(), "cannot list the directory: " + ec.message());
        for (; it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            std::error_code type_ec;
            if (!detail::is_hidden(name) && it->is_directory(type_ec)) visit(it->path(), name);
        }
        if (ec) throw io_error(directory.string(), "cannot list the directory: " + ec.message());
    };
    if (level == 1) {
        subdirectories(root, [&](const std::filesystem::path& p, const std::string& name) { add(p, name); });
    } else {
        subdirectories(root, [&](const std::filesystem::path& class_dir, const std::string& class_name) {
            subdirectories(class_dir, [&](const std::filesystem::path& p, const std::string& name) { add(p, class_name + "/" + name); });
        });
    }
    return out;
}

}  // namespace vidata::layouts
