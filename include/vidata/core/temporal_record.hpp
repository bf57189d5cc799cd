// SPDX-License-Identifier: Apache-2.0
// vidata::temporal_record: an untrimmed video with its labelled segments (ActivityNet, THUMOS'14).
#pragma once

#include <vidata/core/segment.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vidata {

/// One untrimmed video of a temporal-localization dataset, with the fields MMAction2's
/// `anet_anno_{train,val}.json` keeps per video:
///
///   "v_--1DO2V4K74": {"duration_second": 211.53, "duration_frame": 6337,
///                     "feature_frame": 6336, "annotations": [{"segment": [30.0, 205.4], "label": "Rock climbing"}]}
///
/// - `id` is the video name (the JSON key).
/// - Frame counts are −1 when unknown, as in video_record; `feature_frame` is the number of frames the
///   features were computed over (it may differ from `duration_frame`, and BMN/BSN rescale by it).
/// - `fps` is set where the source gives it (THUMOS'14); otherwise frame_rate() derives it.
struct temporal_record {
    std::string id;
    double duration_second = 0.0;
    std::int64_t duration_frame = -1;
    std::int64_t feature_frame = -1;
    std::optional<double> fps;
    std::vector<segment> annotations;

    /// `fps` when known, else `duration_frame / duration_second`; nullopt when neither is available.
    [[nodiscard]] std::optional<double> frame_rate() const noexcept {
        if (fps) return fps;
        if (duration_frame >= 0 && duration_second > 0.0) return static_cast<double>(duration_frame) / duration_second;
        return std::nullopt;
    }

    friend bool operator==(const temporal_record&, const temporal_record&) = default;
};

}  // namespace vidata
