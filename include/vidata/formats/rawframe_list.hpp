// SPDX-License-Identifier: Apache-2.0
// vidata::formats::rawframe_list: MMAction2's rawframe file list (`frame_dir total_frames label...`, or with offsets).
#pragma once

#include <vidata/core/video_record.hpp>
#include <vidata/core/video_record_table.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/format.hpp>

#include <filesystem>
#include <ostream>
#include <span>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// How a rawframe list is laid out. MMAction2's RawframeDataset(with_offset=True) reads
/// `frame_dir offset total_frames label...` (ActivityNet clip lists); nothing in a line tells the two layouts
/// apart (`imgs 2 5 127` is also a two-frame item with labels 5 and 127), so the caller says which it is.
struct rawframe_list_options {
    bool with_offset = false;
};

/// A rawframe list as build_file_list.py writes it and RawframeDataset reads it:
///
///   v_ApplyEyeMakeup_g08_c01 121 0          frame_dir total_frames label
///   imgs 5 3 5                              multi-label (multi_class=True)
///   v_abc 1200 334 12                       with_offset: frame_dir offset total_frames label
///
/// Records are video_record (path, total_frames, offset, labels). Fields are split on whitespace runs as Python's
/// `str.split()`, so CRLF, a BOM and trailing blanks are accepted; blank lines are skipped. Every line needs at
/// least one integer label (MMAction2 asserts it); negative labels (-1 for unlabelled test items) are kept.
/// The writer joins fields with one space and ends each line with "\n", as build_file_list.py does.
/// Errors: parse_error naming file:line:column and the expected columns, e.g.
///   train.txt:17:9: expected 3 fields (frame_dir total_frames label [label...]) but the line has 2, got 'v_Apply 12'
struct rawframe_list : text_format<rawframe_list> {
    using record_type = video_record;
    static constexpr std::string_view name = "rawframe_list";

    [[nodiscard]] static video_record_table parse(std::string_view text, std::string_view source,
                                                  const rawframe_list_options& options = {}) {
        return detail::parse_labelled_list(text, source, layout(options));
    }

    /// The streaming form read_annotations uses: only a window of a mapped file stays resident.
    [[nodiscard]] static video_record_table parse(std::string_view text, std::string_view source,
                                                  vidata::detail::read_progress progress,
                                                  const rawframe_list_options& options = {}) {
        return detail::parse_labelled_list(text, source, layout(options), progress);
    }

    /// Writes records without offsets; a record with an offset is an invalid_argument (use the options form).
    static void write(std::ostream& out, std::span<const video_record> records, const rawframe_list_options& options = {}) {
        detail::write_labelled_list(out, records, layout(options), name);
    }
    static void write(std::ostream& out, const video_record_table& records, const rawframe_list_options& options = {}) {
        detail::write_labelled_list(out, records, layout(options), name);
    }

    /// Claims the lists build_file_list.py names `*_rawframes.txt` (`ucf101_train_split_1_rawframes.txt`).
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_ends_with(path, {"_rawframes.txt"});
    }

private:
    [[nodiscard]] static detail::list_layout layout(const rawframe_list_options& options) {
        if (options.with_offset) return {true, true, "frame_dir offset total_frames label [label...]"};
        return {false, true, "frame_dir total_frames label [label...]"};
    }
};

}  // namespace vidata::formats
