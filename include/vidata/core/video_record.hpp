// SPDX-License-Identifier: Apache-2.0
// vidata::video_record: one item of a trimmed-video file list (a frame directory or a video file with its labels).
#pragma once

#include <vidata/core/assert.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vidata {

/// One line of an MMAction2 file list: `frame_dir total_frames label` (rawframes), `filename label` (videos),
/// or a multi-label line. It is plain data; formats parse and write it, samplers read `total_frames`.
///
///   video_record r;
///   r.path = "v_ApplyEyeMakeup_g08_c01";
///   r.total_frames = 121;
///   r.labels = {0};
///
/// - `path` is relative to a data prefix and kept as written in the list (a string, not a
///   std::filesystem::path, so that reading and writing a list round-trips byte for byte).
/// - `total_frames` is −1 when the list does not say (video lists); a frame source then counts frames.
/// - `offset` is the first frame of the item inside `path` (MMAction2's `offset`, for lists that cut several
///   items out of one frame directory); 0 otherwise.
/// - `labels` holds one class index for single-label lists and several for multi-label ones (MMIT,
///   HVU-style lists); it may be empty for unlabelled test lists.
/// - `fps` and `duration` (seconds) are known for some video lists only.
struct video_record {
    std::string path;
    std::int64_t total_frames = -1;
    std::int64_t offset = 0;
    std::vector<int> labels;
    std::optional<double> fps;
    std::optional<double> duration;

    /// True when the list gave a frame count.
    [[nodiscard]] bool frames_known() const noexcept { return total_frames >= 0; }

    /// The label of a single-label record. Precondition: exactly one label.
    [[nodiscard]] int label() const {
        VIDATA_ASSERT(labels.size() == 1, "vidata::video_record::label() needs exactly one label; use labels for multi-label records");
        return labels.front();
    }

    friend bool operator==(const video_record&, const video_record&) = default;
};

}  // namespace vidata
