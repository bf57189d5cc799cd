// SPDX-License-Identifier: Apache-2.0
// vidata::formats::video_list: MMAction2's video file list (`path label [label...]`).
#pragma once

#include <vidata/core/video_record.hpp>
#include <vidata/core/video_record_table.hpp>
#include <vidata/formats/detail/fixed_layout_list.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/format.hpp>

#include <filesystem>
#include <ostream>
#include <span>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// A video list as build_file_list.py --format videos writes it and VideoDataset reads it:
///
///   ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 0
///   test.mp4 0 2 4                               multi-label (multi_class=True)
///
/// Records are video_record with total_frames = -1 (the list does not say; a frame source counts them).
/// Whitespace-split as Python's `str.split()` (CRLF, BOM, trailing blanks accepted; blank lines skipped); at least
/// one integer label per line. The writer joins with one space and ends lines with "\n".
/// Errors: parse_error at file:line:column, e.g. `val.txt:3:10: expected an integer label, got 'x'`.
struct video_list : detail::fixed_layout_list<video_list> {
    static constexpr std::string_view name = "video_list";

    /// Claims the lists build_file_list.py names `*_videos.txt` (`kinetics400_val_list_videos.txt`).
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_ends_with(path, {"_videos.txt"});
    }

    /// The columns before the labels (detail::fixed_layout_list parses and writes with them).
    static constexpr detail::list_layout layout{false, false, "path label [label...]"};
};

}  // namespace vidata::formats
