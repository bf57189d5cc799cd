// SPDX-License-Identifier: Apache-2.0
// vidata::formats::diving48_json: Diving48 V2's `Diving48_V2_{train,test}.json` (`[{"vid_name", "label", "start_frame", "end_frame"}]`).
#pragma once

#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/json.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One clip of Diving48: its video name (`-mmq0PT-u8k_00155`, the stem of its .mp4), its class (0-based,
/// the position in Diving48_vocab.json) and its first and last frame in the source video.
struct diving48_clip {
    std::string vid_name;
    int label = 0;
    std::int64_t start_frame = 0;
    std::int64_t end_frame = 0;

    friend bool operator==(const diving48_clip&, const diving48_clip&) = default;
};

template <class Json>
void to_json(Json& j, const diving48_clip& c) {
    j = Json::object();
    j["vid_name"] = c.vid_name;
    j["label"] = c.label;
    j["start_frame"] = c.start_frame;
    j["end_frame"] = c.end_frame;
}

/// The Diving48 V2 lists: a JSON array of `{"vid_name": str, "label": int, "start_frame": int,
/// "end_frame": int}`. All four members are required; a label below 0, an end frame before the start
/// frame or a vid_name listed twice is a parse_error at its JSON path. The writer writes the array on one
/// line as Python's json.dump does, members in the order above.
struct diving48_json : text_format<diving48_json> {
    using record_type = diving48_clip;
    static constexpr std::string_view name = "diving48_json";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        const auto doc = parse_json<nlohmann::json>(text, source);
        const json_node root(doc, std::string(source));
        std::vector<record_type> clips;
        clips.reserve(root.size());
        detail::unique_keys seen(root.size());
        for (auto node : root.elements()) {
            diving48_clip c;
            const auto name_node = node["vid_name"];
            c.vid_name = std::string(name_node.string());
            if (c.vid_name.empty()) throw name_node.error("a non-empty video name");
            // The "line" a table entry remembers is the item's index + 1 here.
            if (const auto first = seen.insert(detail::hash_key(c.vid_name), clips.size(), clips.size() + 1,
                                               [&](std::size_t i) { return clips[i].vid_name == c.vid_name; }))
                throw name_node.error("a video name not listed before (it is item " + std::to_string(first - 1) + ")");
            const auto label = node["label"];
            c.label = label.value<int>();
            if (c.label < 0) throw label.error("a class index of at least 0");
            c.start_frame = node["start_frame"].integer();
            const auto end = node["end_frame"];
            c.end_frame = end.integer();
            if (c.start_frame < 0) throw node["start_frame"].error("a frame index of at least 0");
            if (c.end_frame < c.start_frame) throw end.error("an end frame not before start_frame");
            clips.push_back(std::move(c));
        }
        return clips;
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        std::string text = "[";
        for (const auto& c : records) {
            if (text.size() > 1) text += ", ";
            text += "{\"vid_name\": ";
            detail::append_python_json_string(text, c.vid_name);
            text += ", \"label\": " + std::to_string(c.label) + ", \"start_frame\": " + std::to_string(c.start_frame) +
                    ", \"end_frame\": " + std::to_string(c.end_frame) + '}';
        }
        text += ']';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_is(path, "Diving48_V2_train", ".json") || detail::file_name_is(path, "Diving48_V2_test", ".json");
    }
};

}  // namespace vidata::formats
