// SPDX-License-Identifier: Apache-2.0
// The JSON form of the core records (found by nlohmann/json through ADL): what `vidata inspect --json` prints.
#pragma once

#include <vidata/core/box_record.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/segment.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/core/video_record.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <vector>

namespace vidata {

// Members whose value is "not given" (−1 counts, empty optionals) are left out, so a record prints as the
// line it came from reads: a video list's entry has no total_frames.

template <class Json>
void to_json(Json& j, const image_size& s) {
    j = Json::array({s.height, s.width});
}

template <class Json>
void to_json(Json& j, const video_record& r) {
    j = Json::object();
    j["path"] = r.path;
    if (r.total_frames >= 0) j["total_frames"] = r.total_frames;
    if (r.offset != 0) j["offset"] = r.offset;
    j["labels"] = r.labels;
    if (r.fps) j["fps"] = *r.fps;
    if (r.duration) j["duration"] = *r.duration;
}

template <class Json>
void to_json(Json& j, const segment& s) {
    j = Json::object();
    j["segment"] = Json::array({s.start, s.end});
    if (!s.label.empty()) j["label"] = s.label;
    if (s.label_id >= 0) j["label_id"] = s.label_id;
}

template <class Json>
void to_json(Json& j, const temporal_record& r) {
    j = Json::object();
    j["id"] = r.id;
    j["duration_second"] = r.duration_second;
    if (r.duration_frame >= 0) j["duration_frame"] = r.duration_frame;
    if (r.feature_frame >= 0) j["feature_frame"] = r.feature_frame;
    if (r.fps) j["fps"] = *r.fps;
    Json annotations = Json::array();
    for (const auto& s : r.annotations) annotations.push_back(s);
    j["annotations"] = std::move(annotations);
}

template <class Json>
void to_json(Json& j, const box_record& r) {
    j = Json::object();
    j["video_id"] = r.video_id;
    j["timestamp"] = r.timestamp;
    j["box"] = Json::array({r.x1, r.y1, r.x2, r.y2});
    j["action_id"] = r.action_id;
    if (r.person_id >= 0) j["person_id"] = r.person_id;
    if (r.score) j["score"] = *r.score;
}

// Keypoint arrays are described by their shape: a record holds M x T x V x C floats.
template <class Json>
void to_json(Json& j, const skeleton_record& r) {
    auto shape = [](const auto& t) { return std::vector<std::size_t>(t.shape().begin(), t.shape().end()); };
    j = Json::object();
    j["frame_dir"] = r.frame_dir;
    j["total_frames"] = r.total_frames;
    j["img_shape"] = r.img_shape;
    j["original_shape"] = r.original_shape;
    j["label"] = r.label;
    j["keypoint"] = Json{{"shape", shape(r.keypoint)}};
    j["keypoint_score"] = Json{{"shape", shape(r.keypoint_score)}};
}

}  // namespace vidata
