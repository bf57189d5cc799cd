// SPDX-License-Identifier: Apache-2.0
// vidata::formats::kinetics_json: the Kinetics-700-2020 JSON form (`{youtube_id: {annotations: {label, segment}, duration, subset, url}}`).
#pragma once

#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/json.hpp>

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vidata::formats {

/// One video of the Kinetics JSON form: its YouTube id (the member name), its annotation (label and the
/// clip's [start, end] in seconds; the test subset has no label), the clip duration, the subset
/// ("train", "validate", "test") and the video's URL. Members the file does not give stay empty.
struct kinetics_json_entry {
    std::string youtube_id;
    std::optional<std::string> label;
    std::optional<std::array<double, 2>> segment;
    std::optional<double> duration;
    std::string subset;
    std::optional<std::string> url;

    friend bool operator==(const kinetics_json_entry&, const kinetics_json_entry&) = default;
};

template <class Json>
void to_json(Json& j, const kinetics_json_entry& e) {
    j = Json::object();
    j["youtube_id"] = e.youtube_id;
    if (e.label) j["label"] = *e.label;
    if (e.segment) j["segment"] = Json::array({(*e.segment)[0], (*e.segment)[1]});
    if (e.duration) j["duration"] = *e.duration;
    j["subset"] = e.subset;
    if (e.url) j["url"] = *e.url;
}

/// The Kinetics-700-2020 annotations as one JSON object keyed by YouTube id:
///   {"---QUuC4vJs": {"annotations": {"label": "testifying", "segment": [84.0, 94.0]}, "duration": 10.0,
///                    "subset": "train", "url": "https://www.youtube.com/watch?v=---QUuC4vJs"}, ...}
/// One record per member, in the file's order. `subset` is required; `annotations` (with `label` and
/// `segment` [start, end], end not before start), `duration` and `url` are read where present. A wrong type
/// is a parse_error at its JSON path. The writer writes one line as Python's json.dump does (ASCII, \u escapes).
struct kinetics_json : text_format<kinetics_json> {
    using record_type = kinetics_json_entry;
    static constexpr std::string_view name = "kinetics_json";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        const auto doc = parse_json<nlohmann::ordered_json>(text, source);
        const ordered_json_node root(doc, std::string(source));
        std::vector<record_type> entries;
        entries.reserve(root.size());
        for (auto [id, video] : root.members()) {
            kinetics_json_entry e;
            e.youtube_id = std::string(id);
            if (e.youtube_id.empty()) throw video.error("a member named by a non-empty YouTube id");
            if (const auto a = video.find("annotations")) {
                if (const auto label = a->find("label")) e.label = std::string(label->string());
                if (const auto segment = a->find("segment")) {
                    e.segment = segment->numbers<2>();
                    if (!((*e.segment)[1] >= (*e.segment)[0])) throw segment->error("a segment [start, end] with end not before start");
                }
            }
            if (const auto d = video.find("duration")) e.duration = d->number();
            e.subset = std::string(video["subset"].string());
            if (const auto u = video.find("url")) e.url = std::string(u->string());
            entries.push_back(std::move(e));
        }
        return entries;
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        std::unordered_set<std::string_view> ids;
        std::string text = "{";
        for (const auto& e : records) {
            if (!ids.insert(e.youtube_id).second)
                throw invalid_argument("vidata::formats::kinetics_json::write: YouTube id '" + e.youtube_id +
                                       "' twice; the file is an object keyed by id");
            if (text.size() > 1) text += ", ";
            detail::append_python_json_string(text, e.youtube_id);
            text += ": {";
            const std::size_t members = text.size();
            const auto next = [&](std::string_view key) {
                if (text.size() != members) text += ", ";
                text += key;
            };
            if (e.label || e.segment) {
                next("\"annotations\": {");
                if (e.label) {
                    text += "\"label\": ";
                    detail::append_python_json_string(text, *e.label);
                }
                if (e.segment) {
                    text += e.label ? ", \"segment\": [" : "\"segment\": [";
                    detail::append_python_json_float(text, (*e.segment)[0]);
                    text += ", ";
                    detail::append_python_json_float(text, (*e.segment)[1]);
                    text += ']';
                }
                text += '}';
            }
            if (e.duration) {
                next("\"duration\": ");
                detail::append_python_json_float(text, *e.duration);
            }
            next("\"subset\": ");
            detail::append_python_json_string(text, e.subset);
            if (e.url) {
                next("\"url\": ");
                detail::append_python_json_string(text, *e.url);
            }
            text += '}';
        }
        text += '}';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims a JSON object whose first member's value opens with `"annotations": {"label"` and carries a
    /// `"subset"` (ActivityNet's annotations are an array, so it never matches).
    [[nodiscard]] static bool detect(const std::filesystem::path& /*path*/, std::string_view head) {
        std::string compact;
        compact.reserve(head.size());
        bool in_string = false;
        for (std::size_t i = 0; i < head.size(); ++i) {
            const char c = head[i];
            if (in_string) {
                compact += c;
                if (c == '\\' && i + 1 < head.size()) compact += head[++i];
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                compact += c;
                in_string = true;
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                compact += c;
            }
        }
        if (!compact.starts_with("{\"")) return false;
        const auto value = compact.find("\":{", 2);
        return value != std::string::npos && compact.compare(value + 3, 24, "\"annotations\":{\"label\":\"") == 0 &&
               compact.find("\"subset\":", value) != std::string::npos;
    }
};

}  // namespace vidata::formats
