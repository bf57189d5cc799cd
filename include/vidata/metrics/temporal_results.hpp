// SPDX-License-Identifier: Apache-2.0
// vidata::temporal_results: scored segments per video, what a temporal proposal or detection method outputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vidata {

/// One scored segment of a result list: a proposal (no label) or a detection (a label).
struct scored_segment {
    double start = 0.0;
    double end = 0.0;
    double score = 0.0;
    /// Index into temporal_results::labels; −1 for an entry without a label (a proposal).
    std::int32_t label = -1;

    friend bool operator==(const scored_segment&, const scored_segment&) = default;
};

/// The scored segments of one video, in the order its result list gives them.
struct video_results {
    std::string id;
    std::vector<scored_segment> segments;

    friend bool operator==(const video_results&, const video_results&) = default;
};

/// What a method outputs for a set of videos, as ActivityNet's results JSON holds it:
///
///   {"version": "VERSION 1.3", "results": {"bYUmtLBL7W4": [{"segment": [0.0, 206.3], "score": 0.65,
///                                                         "label": "Wakeboarding"}, ...]}, "external_data": {}}
///
/// Videos and segments keep the file's order, which decides between equal scores. Labels are stored once:
/// a segment refers to `labels[segment.label]`. read_temporal_results (activitynet_inputs.hpp) builds one.
struct temporal_results {
    std::vector<video_results> videos;
    std::vector<std::string> labels;  ///< the distinct labels, in order of first appearance

    /// The index of `name` in `labels`, appended when new. O(labels): for building small result sets by hand
    /// (the file reader interns labels through a hash map).
    std::int32_t label_index(std::string_view name) {
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == name) return static_cast<std::int32_t>(i);
        labels.emplace_back(name);
        return static_cast<std::int32_t>(labels.size() - 1);
    }

    /// Appends a video and returns it, for building results by hand:
    ///   auto& v = results.add_video("abc"); v.segments.push_back({0.5, 3.0, 0.9, results.label_index("Skiing")});
    video_results& add_video(std::string id) {
        videos.push_back({std::move(id), {}});
        return videos.back();
    }

    /// The number of segments over all videos.
    [[nodiscard]] std::size_t total_segments() const noexcept {
        std::size_t n = 0;
        for (const auto& v : videos) n += v.segments.size();
        return n;
    }

    friend bool operator==(const temporal_results&, const temporal_results&) = default;
};

}  // namespace vidata
