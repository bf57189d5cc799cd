// SPDX-License-Identifier: Apache-2.0
// vidata::modality and vidata::media_kind: what a frame file holds, and whether a list points at frames or videos.
#pragma once

#include <string_view>

namespace vidata {

/// What one extracted frame file holds. Optical flow is stored as two grey images per frame
/// (MMAction2's `x_00001.jpg` and `y_00001.jpg`), so each flow direction is its own modality.
enum class modality : unsigned char { rgb, flow_x, flow_y };

/// What the entries of a file list point at: frame directories (`rawframes`) or video files (`videos`),
/// the two `--format` values of MMAction2's build_file_list.py and the suffix of its list names.
enum class media_kind : unsigned char { rawframes, videos };

/// The lower-case name of a modality: "rgb", "flow_x", "flow_y".
[[nodiscard]] constexpr std::string_view to_string_view(modality m) noexcept {
    switch (m) {
    case modality::rgb: return "rgb";
    case modality::flow_x: return "flow_x";
    case modality::flow_y: return "flow_y";
    }
    return "unknown";
}

/// The name MMAction2 puts in list file names: "rawframes" or "videos".
[[nodiscard]] constexpr std::string_view to_string_view(media_kind k) noexcept {
    switch (k) {
    case media_kind::rawframes: return "rawframes";
    case media_kind::videos: return "videos";
    }
    return "unknown";
}

static_assert(to_string_view(modality::flow_y) == "flow_y");
static_assert(to_string_view(media_kind::rawframes) == "rawframes");

}  // namespace vidata
