// SPDX-License-Identifier: Apache-2.0
// vidata::formats::gym_annotation_json: FineGYM's temporal annotation json (`finegym_annotation_info_v1.0.json`, `_v1.1`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/json.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// A time interval [start, end] in seconds.
using gym_interval = std::array<double, 2>;

/// One element (sub-action) of an event: its id (`A_0035_0036`), its number of stages and the intervals
/// of its stages, in seconds from the start of the event clip.
struct gym_element {
    std::string id;
    std::int64_t stages = 0;
    std::vector<gym_interval> timestamps;

    friend bool operator==(const gym_element&, const gym_element&) = default;
};

/// One event (an apparatus routine) of a video: its id (`E_002184_002237`), its apparatus type (`event`:
/// FineGYM numbers VT, FX, BB, UB as 1-4), its interval(s) in the video, and its elements — nullopt where
/// the file has `"segments": null` (events without element annotations).
struct gym_event {
    std::string id;
    std::int64_t event = 0;
    std::vector<gym_interval> timestamps;
    std::optional<std::vector<gym_element>> segments;

    friend bool operator==(const gym_event&, const gym_event&) = default;
};

/// One YouTube video of FineGYM with its events, in file order.
struct gym_video {
    std::string id;
    std::vector<gym_event> events;

    friend bool operator==(const gym_video&, const gym_video&) = default;
};

template <class Json>
void to_json(Json& j, const gym_video& v) {
    auto intervals = [](const std::vector<gym_interval>& t) {
        Json out = Json::array();
        for (const gym_interval& i : t) out.push_back(Json::array({i[0], i[1]}));
        return out;
    };
    j = Json::object();
    j["id"] = v.id;
    Json events = Json::array();
    for (const gym_event& e : v.events) {
        Json event = Json::object();
        event["id"] = e.id;
        event["event"] = e.event;
        event["timestamps"] = intervals(e.timestamps);
        if (e.segments) {
            Json segments = Json::array();
            for (const gym_element& s : *e.segments)
                segments.push_back(Json{{"id", s.id}, {"stages", s.stages}, {"timestamps", intervals(s.timestamps)}});
            event["segments"] = std::move(segments);
        } else {
            event["segments"] = nullptr;
        }
        events.push_back(std::move(event));
    }
    j["events"] = std::move(events);
}

namespace detail {

[[nodiscard]] inline std::vector<gym_interval> read_gym_intervals(const ordered_json_node& node) {
    std::vector<gym_interval> out;
    for (const ordered_json_node interval : node.elements()) {
        const auto [start, end] = interval.numbers<2>();
        out.push_back({start, end});
    }
    return out;
}

inline void append_gym_intervals(std::string& out, const std::vector<gym_interval>& intervals) {
    out += '[';
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        if (i != 0) out += ", ";
        out += '[';
        append_python_json_float(out, intervals[i][0]);
        out += ", ";
        append_python_json_float(out, intervals[i][1]);
        out += ']';
    }
    out += ']';
}

}  // namespace detail

/// FineGYM's annotation json: videos → events → elements, each with its timestamps:
///   {"A0xAXXysHUo": {"E_002184_002237": {"event": 4, "segments": {"A_0035_0036": {"stages": 1,
///        "timestamps": [[35.4, 36.2]]}, ...}, "timestamps": [[2184.6, 2237.3]]}, ...}, ...}
/// One record per video, in file order (events and elements too). MMAction2's gym/trim_event.py cuts an
/// event from `timestamps[0]`; trim_subaction.py an element from `timestamps[0][0]` to `timestamps[-1][1]`
/// of the event clip, and skips events whose `segments` is null.
///
/// Reading: every event needs `event` (an integer), `timestamps` (an array of [start, end] number pairs)
/// and `segments` (an object or null); every element `stages` and `timestamps`. Errors name the JSON pointer:
///   finegym_annotation_info_v1.1.json at /A0xAXXysHUo/E_002184_002237/timestamps/0: expected an array of 2 numbers, got '[1]'
/// Writing: as Python's json.dump with default settings (member order: event, segments, timestamps).
struct gym_annotation_json : text_format<gym_annotation_json> {
    using record_type = gym_video;
    static constexpr std::string_view name = "gym_annotation_json";

    [[nodiscard]] static std::vector<gym_video> parse(std::string_view text, std::string_view source) {
        const auto doc = parse_json<nlohmann::ordered_json>(text, source);
        const ordered_json_node root(doc, std::string(source));
        if (!doc.is_object()) throw root.error(R"(an object mapping video ids to their events ({"<youtube id>": {"E_...": {...}}}))");
        std::vector<gym_video> out;
        out.reserve(doc.size());
        for (const auto& [video_id, video] : root.members()) {
            gym_video v{std::string(video_id), {}};
            for (const auto& [event_id, event] : video.members()) {
                gym_event e;
                e.id = std::string(event_id);
                e.event = event["event"].integer();
                e.timestamps = detail::read_gym_intervals(event["timestamps"]);
                const ordered_json_node segments = event["segments"];
                if (!segments.is_null()) {
                    if (!segments.value().is_object()) throw segments.error(R"(an object of elements ({"A_...": {"stages", "timestamps"}}) or null)");
                    std::vector<gym_element> elements;
                    for (const auto& [element_id, element] : segments.members()) {
                        elements.push_back({std::string(element_id), element["stages"].integer(),
                                            detail::read_gym_intervals(element["timestamps"])});
                    }
                    e.segments = std::move(elements);
                }
                v.events.push_back(std::move(e));
            }
            out.push_back(std::move(v));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const gym_video> records) {
        std::string text = "{";
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (i != 0) text += ", ";
            detail::append_python_json_string(text, records[i].id);
            text += ": {";
            bool first_event = true;
            for (const gym_event& e : records[i].events) {
                if (!first_event) text += ", ";
                first_event = false;
                detail::append_python_json_string(text, e.id);
                text += ": {\"event\": " + std::to_string(e.event) + ", \"segments\": ";
                if (!e.segments) {
                    text += "null";
                } else {
                    text += '{';
                    bool first = true;
                    for (const gym_element& s : *e.segments) {
                        if (!first) text += ", ";
                        first = false;
                        detail::append_python_json_string(text, s.id);
                        text += ": {\"stages\": " + std::to_string(s.stages) + ", \"timestamps\": ";
                        detail::append_gym_intervals(text, s.timestamps);
                        text += '}';
                    }
                    text += '}';
                }
                text += ", \"timestamps\": ";
                detail::append_gym_intervals(text, e.timestamps);
                text += '}';
            }
            text += '}';
        }
        text += '}';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// The official name, `finegym_annotation_info*.json`.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view) {
        const std::string file = path.filename().string();
        return file.starts_with("finegym_annotation_info") && file.ends_with(".json");
    }
};

}  // namespace vidata::formats
