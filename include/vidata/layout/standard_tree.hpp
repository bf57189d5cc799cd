// SPDX-License-Identifier: Apache-2.0
// vidata::layouts::standard_tree: where the preparation guides put a dataset's frames, videos and lists.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/modality.hpp>
#include <vidata/core/split.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/io/image/filename_template.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace vidata::layouts {

[[nodiscard]] inline std::string_view media_kind_name(media_kind kind) noexcept {
    return kind == media_kind::rawframes ? "rawframes" : "videos";
}

/// The name build_file_list gives a list (MMAction2's tools/data/build_file_list.py):
/// `{dataset}_{train|val}_split_{n}_{rawframes|videos}.txt` for a numbered split (UCF-101, HMDB51),
/// `{dataset}_{subset}_list_{rawframes|videos}.txt` otherwise; `.json` instead of `.txt` for JSON lists.
[[nodiscard]] inline std::string list_name(std::string_view dataset, const split& s, media_kind kind, bool json = false) {
    std::string out(dataset);
    out.append("_").append(s.subset);
    if (s.numbered()) out.append("_split_").append(std::to_string(s.number));
    else out.append("_list");
    out.append("_").append(media_kind_name(kind)).append(json ? ".json" : ".txt");
    return out;
}

/// The standard tree of one dataset, as the guides (docs/datasets.md) draw it:
///
///   <root>/<dataset>/annotations/...            the official annotation files
///   <root>/<dataset>/videos/<record.path>       a video
///   <root>/<dataset>/rawframes/<record.path>/   a frame directory: img_00001.jpg, flow_x_00001.jpg, flow_y_00001.jpg
///   <root>/<dataset>/<list_name(...)>           the lists build_file_list writes
///
/// A model of vidata::layout. The record's path is the list's key (`class/video` at level 2, `video` at
/// level 1; for videos the file name with its extension). The frame index is the number in the file name
/// (MMAction2's frame_idx after start_index is applied). Sthv1 and Jester use `{:05}.jpg` for RGB.
struct standard_tree {
    std::filesystem::path root = "data";
    std::string dataset;
    filename_template rgb_template{"img_{:05d}.jpg"};
    filename_template flow_template{"flow_{}_{:05d}.jpg"};

    [[nodiscard]] std::filesystem::path dataset_root() const { return root / dataset; }
    [[nodiscard]] std::filesystem::path annotations_dir() const { return dataset_root() / "annotations"; }
    [[nodiscard]] std::filesystem::path media_dir(media_kind kind) const { return dataset_root() / std::string(media_kind_name(kind)); }

    [[nodiscard]] std::filesystem::path frame_path(const video_record& r, std::int64_t frame_index, modality m) const {
        const std::filesystem::path dir = media_dir(media_kind::rawframes) / r.path;
        if (m == modality::rgb) return dir / rgb_template.format(frame_index);
        return dir / flow_template.format(m == modality::flow_x ? "x" : "y", frame_index);
    }
    [[nodiscard]] std::filesystem::path video_path(const video_record& r) const { return media_dir(media_kind::videos) / r.path; }
    [[nodiscard]] std::filesystem::path list_path(const split& s, media_kind kind) const {
        return dataset_root() / list_name(dataset, s, kind);
    }
};

static_assert(vidata::layout<standard_tree>);

}  // namespace vidata::layouts
