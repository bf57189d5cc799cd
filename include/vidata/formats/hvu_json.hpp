// SPDX-License-Identifier: Apache-2.0
// vidata::formats::hvu_json: MMAction2's HVU annotation list (`[{"filename"|"frame_dir": ..., "label": {category: [ids]}}]`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/json.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vidata::formats {

/// The tags of one HVU category of a video: `"object": [1570, 508]` (indices into the category's sorted tag list).
struct hvu_category_tags {
    std::string category;
    std::vector<int> tags;

    friend bool operator==(const hvu_category_tags&, const hvu_category_tags&) = default;
};

/// One entry of an HVU list. `frame_dir` tells which key named the item: true for `"frame_dir"` (rawframes),
/// false for `"filename"` (videos). `total_frames` is −1 when the entry has none (video lists).
/// `labels` keeps the categories in file order.
struct hvu_json_entry {
    std::string path;
    bool frame_dir = false;
    std::int64_t total_frames = -1;
    std::vector<hvu_category_tags> labels;

    friend bool operator==(const hvu_json_entry&, const hvu_json_entry&) = default;
};

template <class Json>
void to_json(Json& j, const hvu_json_entry& e) {
    j = Json::object();
    j[e.frame_dir ? "frame_dir" : "filename"] = e.path;
    if (e.total_frames >= 0) j["total_frames"] = e.total_frames;
    Json label = Json::object();
    for (const auto& c : e.labels) label[c.category] = c.tags;
    j["label"] = std::move(label);
}

/// The JSON list HVUDataset reads (tools/data/hvu/generate_file_list.py writes it):
///
///   [{"filename": "tmp.mp4", "label": {"concept": [250, 131], "object": [1570, 508], "action": [180]}},
///    {"frame_dir": "imgs", "total_frames": 5, "label": {"scene": [206]}}]
///
/// Each entry is an object with exactly one of "filename" / "frame_dir" (a string), an optional "total_frames"
/// (a non-negative integer) and "label" (an object mapping category names to arrays of integer tag indices).
/// Other members are an error (the writer could not keep them). Errors name the JSON pointer:
///   anno.json at /3/label/object/1: expected an integer, got '"x"'
/// The writer writes what json.dump writes: one line, ", " and ": " separators, no trailing newline.
struct hvu_json : text_format<hvu_json> {
    using record_type = hvu_json_entry;
    static constexpr std::string_view name = "hvu_json";

    [[nodiscard]] static std::vector<hvu_json_entry> parse(std::string_view text, std::string_view source) {
        const auto doc = parse_json<nlohmann::ordered_json>(text, source);
        const ordered_json_node root(doc, std::string(source));
        if (!doc.is_array()) throw root.error(R"(an array of {"filename"|"frame_dir": ..., "label": {category: [tag, ...]}})");
        std::vector<hvu_json_entry> out;
        out.reserve(doc.size());
        for (const ordered_json_node item : root.elements()) {
            if (!item.value().is_object()) throw item.error(R"(an entry {"filename"|"frame_dir": ..., "label": {...}})");
            hvu_json_entry e;
            bool named = false, labelled = false;
            for (const auto [key, member] : item.members()) {
                if (key == "filename" || key == "frame_dir") {
                    if (named) throw member.error("only one of 'filename' and 'frame_dir'");
                    named = true;
                    e.frame_dir = key == "frame_dir";
                    e.path = std::string(member.string());
                } else if (key == "total_frames") {
                    e.total_frames = member.integer();
                    if (e.total_frames < 0) throw member.error("a non-negative frame count");
                } else if (key == "label") {
                    labelled = true;
                    if (!member.value().is_object()) throw member.error("an object mapping tag categories to arrays of tag indices");
                    for (const auto [category, tags] : member.members()) {
                        hvu_category_tags c{std::string(category), {}};
                        if (!tags.value().is_array()) throw tags.error("an array of integer tag indices");
                        for (const ordered_json_node tag : tags.elements()) c.tags.push_back(tag.value<int>());
                        e.labels.push_back(std::move(c));
                    }
                } else {
                    throw member.error("no member other than 'filename', 'frame_dir', 'total_frames' and 'label'");
                }
            }
            if (!named) throw item.error("an entry with a 'filename' or a 'frame_dir'");
            if (!labelled) throw item.error("an entry with a 'label'");
            out.push_back(std::move(e));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const hvu_json_entry> entries) {
        std::string text = "[";
        for (const hvu_json_entry& e : entries) {
            if (text.size() > 1) text += ", ";
            text += e.frame_dir ? R"({"frame_dir": )" : R"({"filename": )";
            detail::append_python_json_string(text, e.path);
            if (e.total_frames >= 0) {
                text += R"(, "total_frames": )";
                detail::append_integer(text, e.total_frames);
            }
            text += R"(, "label": {)";
            std::unordered_set<std::string_view> categories;
            for (std::size_t i = 0; i < e.labels.size(); ++i) {
                if (!categories.insert(e.labels[i].category).second)
                    throw invalid_argument("vidata::formats::hvu_json::write: entry '" + e.path + "' repeats category '" +
                                           e.labels[i].category + "'");
                if (i != 0) text += ", ";
                detail::append_python_json_string(text, e.labels[i].category);
                text += ": [";
                for (std::size_t t = 0; t < e.labels[i].tags.size(); ++t) {
                    if (t != 0) text += ", ";
                    detail::append_integer(text, e.labels[i].tags[t]);
                }
                text += ']';
            }
            text += "}}";
        }
        text += ']';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
};

}  // namespace vidata::formats
