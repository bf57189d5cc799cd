// SPDX-License-Identifier: Apache-2.0
// vidata::formats::audio_list: MMAction2's AudioDataset list (`path total_frames label [label...]`).
#pragma once

#include <vidata/core/video_record.hpp>
#include <vidata/core/video_record_table.hpp>
#include <vidata/formats/detail/fixed_layout_list.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/format.hpp>

#include <ostream>
#include <span>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// The list AudioDataset reads: one line per item, the path of an audio file (.wav), the frame count of the
/// source video, then one or more integer labels:
///
///   test.wav 100 127
///
/// Records are video_record (path, total_frames, labels). The path is kept as written: MMAction2 appends the
/// suffix only when it is missing and a data prefix is set, which is the dataset's business, not the list's.
/// Same reading and writing rules as rawframe_list (whitespace split, blank lines skipped, "\n" lines).
struct audio_list : detail::fixed_layout_list<audio_list> {
    static constexpr std::string_view name = "audio_list";

    /// The columns before the labels (detail::fixed_layout_list parses and writes with them).
    static constexpr detail::list_layout layout{false, true, "audio_path total_frames label [label...]"};
};

}  // namespace vidata::formats
