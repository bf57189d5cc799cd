// SPDX-License-Identifier: Apache-2.0
// vidata::formats::audio_feature_list: MMAction2's AudioFeatureDataset list (`path total_frames label [label...]`).
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

/// The list AudioFeatureDataset reads: one line per item, the path of an audio feature file (.npy, a mel spectrogram from build_audio_features.py), the frame count of the
/// source video, then one or more integer labels:
///
///   some/directory-1.npy 163 1
///
/// Records are video_record (path, total_frames, labels). The path is kept as written: MMAction2 appends the
/// suffix only when it is missing and a data prefix is set, which is the dataset's business, not the list's.
/// Same reading and writing rules as rawframe_list (whitespace split, blank lines skipped, "\n" lines).
struct audio_feature_list : detail::fixed_layout_list<audio_feature_list> {
    static constexpr std::string_view name = "audio_feature_list";

    /// Claims `*_audio_feature(s).txt`, the names of MMAction2's audio-feature lists (`kinetics400_train_list_audio_feature.txt`).
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_ends_with(path, {"_audio_feature.txt", "_audio_features.txt"});
    }

    /// The columns before the labels (detail::fixed_layout_list parses and writes with them).
    static constexpr detail::list_layout layout{false, true, "feature_path total_frames label [label...]"};
};

}  // namespace vidata::formats
