// SPDX-License-Identifier: Apache-2.0
// vidata::box_record: one row of an AVA-style annotation or detection CSV (a person box and one action at a timestamp).
#pragma once

#include <optional>
#include <string>

namespace vidata {

/// One row of AVA's CSV, `video_id, timestamp, x1, y1, x2, y2, action_id, person_id[, score]`:
///
///   -5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1
///
/// - `timestamp` is the second of the keyframe within the video (AVA v2.x: 902..1798).
/// - Coordinates are normalised to [0, 1] by the frame width and height, (x1, y1) the top-left corner.
/// - `action_id` is 1-based as in AVA's label map (−1 when a row carries no action, as in the
///   proposal files); `person_id` is the entity id that links boxes of one person across seconds.
/// - `score` is present in detections (predictions), absent in ground truth.
/// A person with several actions is several rows, hence several records.
struct box_record {
    std::string video_id;
    int timestamp = 0;
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;
    int action_id = -1;
    int person_id = -1;
    std::optional<double> score;

    [[nodiscard]] constexpr double width() const noexcept { return x2 - x1; }
    [[nodiscard]] constexpr double height() const noexcept { return y2 - y1; }

    friend bool operator==(const box_record&, const box_record&) = default;
};

}  // namespace vidata
