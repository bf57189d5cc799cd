// SPDX-License-Identifier: Apache-2.0
// vidata::formats::anet_json: the official ActivityNet annotation json (`activity_net.v1-3.min.json`, v1.2 alike).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/formats/detail/activitynet_json.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/json.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One node of the ActivityNet taxonomy: `{"nodeId": 2, "nodeName": "Sports", "parentId": 1, "parentName": "Root"}`
/// (the root has null parents, kept as nullopt).
struct anet_taxonomy_node {
    std::int64_t node_id = 0;
    std::string node_name;
    std::optional<std::int64_t> parent_id;
    std::optional<std::string> parent_name;

    friend bool operator==(const anet_taxonomy_node&, const anet_taxonomy_node&) = default;
};

/// What an ActivityNet json holds besides its videos: the version string and the class taxonomy, each
/// nullopt when the file has none (THUMOS'14 in the same form has neither).
struct anet_file_info {
    std::optional<std::string> version;
    std::optional<std::vector<anet_taxonomy_node>> taxonomy;

    friend bool operator==(const anet_file_info&, const anet_file_info&) = default;
};

/// One video of the database: its temporal_record (`id`, `duration_second` from "duration", 0 when absent,
/// and the labelled segments, `label_id` left −1), its subset, and what the writer needs to write the file
/// back: url and resolution where given. `file` is shared by all the videos of one file (version,
/// taxonomy); records compare it by value, a null `file` equal to an empty one.
struct anet_video {
    temporal_record video;
    std::string subset;
    std::optional<std::string> resolution;
    std::optional<std::string> url;
    std::shared_ptr<const anet_file_info> file;

    friend bool operator==(const anet_video& a, const anet_video& b) {
        const anet_file_info none;
        return a.video == b.video && a.subset == b.subset && a.resolution == b.resolution && a.url == b.url &&
               (a.file ? *a.file : none) == (b.file ? *b.file : none);
    }
};

template <class Json>
void to_json(Json& j, const anet_video& v) {
    j = Json::object();
    j["id"] = v.video.id;
    j["subset"] = v.subset;
    if (v.video.duration_second != 0.0) j["duration"] = v.video.duration_second;
    if (v.resolution) j["resolution"] = *v.resolution;
    if (v.url) j["url"] = *v.url;
    Json annotations = Json::array();
    for (const auto& s : v.video.annotations) annotations.push_back(Json{{"segment", Json::array({s.start, s.end})}, {"label", s.label}});
    j["annotations"] = std::move(annotations);
}

namespace detail {

[[nodiscard]] inline std::optional<std::string> optional_string(const json_node& node, std::string_view key) {
    const auto member = node.find(key);
    if (!member) return std::nullopt;
    return std::string(member->string());
}

[[nodiscard]] inline std::vector<anet_taxonomy_node> read_taxonomy(const json_node& taxonomy) {
    std::vector<anet_taxonomy_node> out;
    for (const json_node node : taxonomy.elements()) {
        anet_taxonomy_node n;
        n.node_id = node["nodeId"].integer();
        n.node_name = std::string(node["nodeName"].string());
        if (const json_node p = node["parentId"]; !p.is_null()) n.parent_id = p.integer();
        if (const json_node p = node["parentName"]; !p.is_null()) n.parent_name = std::string(p.string());
        out.push_back(std::move(n));
    }
    return out;
}

}  // namespace detail

/// The official ActivityNet json (v1.2 and v1.3; THUMOS'14 ground truth in this form too):
///   {"version": "VERSION 1.3", "taxonomy": [{"nodeId": 1, "nodeName": "Root", "parentId": null, ...}, ...],
///    "database": {"bYUmtLBL7W4": {"duration": 224.49, "subset": "validation", "resolution": "1920x1080",
///                 "url": "https://www.youtube.com/watch?v=bYUmtLBL7W4",
///                 "annotations": [{"segment": [11.55, 57.07], "label": "Wakeboarding"}]}}}
/// One record per video of `database`, in file order. The parsing is the metrics' own
/// (detail/activitynet_json.hpp, shared with read_activitynet_ground_truth): segment bounds may be numbers or
/// numeric strings (G-TAD's thumos_gt.json writes "18.6"), finite, start <= end.
///
/// Reading: `database` is required; each video needs `subset` and `annotations` (an array, empty for
/// testing videos); `duration` a number, `url`/`resolution` strings where present; a video member other
/// than these five is refused rather than dropped. Errors name the JSON pointer:
///   anet.json at /database/abc/annotations/2/segment: expected a segment [start, end]: ..., got '[5,"x"]'
/// Writing: `version`, `taxonomy` (from the first record's `file`), `database`, as Python's json.dump writes
/// (", ", ": "); a video's `duration`, `resolution`, `url` only where known; segment bounds as numbers.
struct anet_json : text_format<anet_json> {
    using record_type = anet_video;
    static constexpr std::string_view name = "anet_json";

    [[nodiscard]] static std::vector<anet_video> parse(std::string_view text, std::string_view source) {
        const vidata::detail::keyed_json parsed = vidata::detail::parse_keyed_json(text, source);
        const json_node root(parsed.doc, std::string(source));
        if (!parsed.doc.is_object() || !parsed.doc.contains("database"))
            throw root.error(R"(an object with a member 'database' ({"version", "taxonomy", "database": {video: {...}}}))");
        auto info = std::make_shared<anet_file_info>();
        info->version = detail::optional_string(root, "version");
        if (const auto taxonomy = root.find("taxonomy")) info->taxonomy = detail::read_taxonomy(*taxonomy);
        const json_node database = root["database"];
        if (!parsed.doc["database"].is_object()) throw database.error("an object mapping video ids to their annotations");

        std::vector<anet_video> out;
        out.reserve(parsed.order.database.size());
        for (const std::string& id : parsed.order.database) {
            const json_node video = database[id];
            if (!video.value().is_object()) throw video.error(R"(a video: {"subset": ..., "annotations": [...]})");
            for (const auto& [key, value] : video.members()) {
                if (key != "duration" && key != "subset" && key != "resolution" && key != "url" && key != "annotations")
                    throw value.error("no member other than duration, subset, resolution, url and annotations (vidata would drop it)");
            }
            anet_video v;
            v.video.id = id;
            v.subset = std::string(video["subset"].string());
            if (const auto duration = video.find("duration")) v.video.duration_second = duration->number();
            v.resolution = detail::optional_string(video, "resolution");
            v.url = detail::optional_string(video, "url");
            v.video.annotations = vidata::detail::read_annotations(video);
            v.file = info;
            out.push_back(std::move(v));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const anet_video> records) {
        std::string text = "{";
        const anet_file_info* info = records.empty() ? nullptr : records.front().file.get();
        if (info && info->version) {
            text += "\"version\": ";
            detail::append_python_json_string(text, *info->version);
            text += ", ";
        }
        if (info && info->taxonomy) {
            text += "\"taxonomy\": [";
            bool first = true;
            for (const anet_taxonomy_node& n : *info->taxonomy) {
                if (!first) text += ", ";
                first = false;
                text += "{\"nodeId\": " + std::to_string(n.node_id) + ", \"nodeName\": ";
                detail::append_python_json_string(text, n.node_name);
                text += ", \"parentId\": " + (n.parent_id ? std::to_string(*n.parent_id) : std::string("null"));
                text += ", \"parentName\": ";
                if (n.parent_name) detail::append_python_json_string(text, *n.parent_name);
                else text += "null";
                text += '}';
            }
            text += "], ";
        }
        text += "\"database\": {";
        bool first_video = true;
        for (const anet_video& v : records) {
            if (!first_video) text += ", ";
            first_video = false;
            detail::append_python_json_string(text, v.video.id);
            text += ": {";
            if (v.video.duration_second != 0.0) {
                text += "\"duration\": ";
                detail::append_python_json_float(text, v.video.duration_second);
                text += ", ";
            }
            text += "\"subset\": ";
            detail::append_python_json_string(text, v.subset);
            if (v.resolution) {
                text += ", \"resolution\": ";
                detail::append_python_json_string(text, *v.resolution);
            }
            if (v.url) {
                text += ", \"url\": ";
                detail::append_python_json_string(text, *v.url);
            }
            text += ", \"annotations\": [";
            bool first = true;
            for (const segment& s : v.video.annotations) {
                if (!first) text += ", ";
                first = false;
                text += "{\"segment\": [";
                detail::append_python_json_float(text, s.start);
                text += ", ";
                detail::append_python_json_float(text, s.end);
                text += "], \"label\": ";
                detail::append_python_json_string(text, s.label);
                text += '}';
            }
            text += "]}";
        }
        text += "}}";
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// A JSON object whose first member is "version", "taxonomy" or "database" (the official layout; the
    /// results json starts with "version" too, so a file starting with it must also name "taxonomy" or
    /// "database" within the first bytes).
    [[nodiscard]] static bool detect(const std::filesystem::path&, std::string_view head) {
        std::size_t i = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
        if (i >= head.size() || head[i] != '{') return false;
        ++i;
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
        const std::string_view rest = head.substr(i);
        if (rest.starts_with("\"database\"") || rest.starts_with("\"taxonomy\"")) return true;
        return rest.starts_with("\"version\"") && (head.find("\"taxonomy\"") != std::string_view::npos ||
                                                   head.find("\"database\"") != std::string_view::npos);
    }
};

}  // namespace vidata::formats
