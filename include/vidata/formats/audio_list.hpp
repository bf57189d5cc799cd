// SPDX-License-Identifier: Apache-2.0
// vidata::formats::audio_list: MMAction2's AudioDataset list (`path total_frames label [label...]`).
#pragma once

#include <vidata/core/video_record.hpp>
#include <vidata/core/video_record_table.hpp>
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
struct audio_list : text_format<audio_list> {
    using record_type = video_record;
    static constexpr std::string_view name = "audio_list";

    [[nodiscard]] static video_record_table parse(std::string_view text, std::string_view source) {
        return detail::parse_labelled_list(text, source, layout);
    }

    /// The streaming form read_annotations uses: only a window of a mapped file stays resident.
    [[nodiscard]] static video_record_table parse(std::string_view text, std::string_view source,
                                                  vidata::detail::read_progress progress) {
        return detail::parse_labelled_list(text, source, layout, progress);
    }

    static void write(std::ostream& out, std::span<const video_record> records) {
        detail::write_labelled_list(out, records, layout, name);
    }
    static void write(std::ostream& out, const video_record_table& records) { detail::write_labelled_list(out, records, layout, name); }

private:
    static constexpr detail::list_layout layout{false, true, "audio_path total_frames label [label...]"};
};

}  // namespace vidata::formats
