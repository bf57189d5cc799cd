// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv2_json: Something-Something V2's train/validation/test json (`[{"id", "label", "template", "placeholders"}]`).
#pragma once

#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/sthv2_labels.hpp>
#include <vidata/io/json.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One video of Something-Something V2: its id (the name of its .webm), and in the train and validation
/// files the free-text label ("putting a cup on a table"), the class template ("Putting [something] on
/// [something]") and the objects filling its placeholders. `label_id` is the class index when the file
/// was read against the labels file, -1 otherwise.
struct sthv2_item {
    std::string id;
    std::optional<std::string> label;
    std::optional<std::string> template_text;
    std::vector<std::string> placeholders;
    int label_id = -1;

    friend bool operator==(const sthv2_item&, const sthv2_item&) = default;
};

template <class Json>
void to_json(Json& j, const sthv2_item& i) {
    j = Json::object();
    j["id"] = i.id;
    if (i.label) j["label"] = *i.label;
    if (i.template_text) j["template"] = *i.template_text;
    if (i.template_text || !i.placeholders.empty()) j["placeholders"] = i.placeholders;
    if (i.label_id >= 0) j["label_id"] = i.label_id;
}

/// The Something-Something V2 lists: a JSON array of objects, `id` required (a string, unique), `label`,
/// `template` and `placeholders` (strings) where given: the test file has ids only. The overload taking the
/// labels file resolves each template to its class index the way MMAction2 does (brackets removed, then
/// looked up); a template the labels file lacks is a parse_error at the item's path. The writer
/// reproduces the official layout: `[`, one compact object per line in the order id, label, template,
/// placeholders, CRLF line ends, `]`, with UTF-8 written as is.
struct sthv2_json : text_format<sthv2_json> {
    using record_type = sthv2_item;
    static constexpr std::string_view name = "sthv2_json";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        return parse_with(text, source, nullptr);
    }

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source,
                                                        std::span<const sthv2_label> labels) {
        std::unordered_map<std::string, int> index;
        for (const auto& l : labels) index.emplace(l.template_text, l.index);
        return parse_with(text, source, &index);
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        std::string text = "[\r\n";
        bool first = true;
        for (const auto& r : records) {
            if (!first) text += ",\r\n";
            first = false;
            nlohmann::ordered_json o = nlohmann::ordered_json::object();
            o["id"] = r.id;
            if (r.label) o["label"] = *r.label;
            if (r.template_text) o["template"] = *r.template_text;
            if (r.template_text || !r.placeholders.empty()) o["placeholders"] = r.placeholders;
            text += o.dump(-1, ' ', false);
        }
        text += "\r\n]\r\n";
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_is(path, "something-something-v2-train", ".json") ||
               detail::file_name_is(path, "something-something-v2-validation", ".json") ||
               detail::file_name_is(path, "something-something-v2-test", ".json");
    }

private:
    static std::vector<record_type> parse_with(std::string_view text, std::string_view source,
                                               const std::unordered_map<std::string, int>* labels) {
        const auto doc = parse_json<nlohmann::json>(text, source);
        const json_node root(doc, std::string(source));
        std::vector<record_type> items;
        items.reserve(root.size());
        detail::unique_keys seen(root.size());
        for (auto node : root.elements()) {
            sthv2_item item;
            const auto id = node["id"];
            item.id = std::string(id.string());
            if (item.id.empty()) throw id.error("a non-empty video id");
            // The "line" a table entry remembers is the item's index + 1 here.
            if (const auto first = seen.insert(detail::hash_key(item.id), items.size(), items.size() + 1,
                                               [&](std::size_t i) { return items[i].id == item.id; }))
                throw id.error("a video id not listed before (it is item " + std::to_string(first - 1) + ")");
            if (const auto l = node.find("label")) item.label = std::string(l->string());
            if (const auto t = node.find("template")) item.template_text = std::string(t->string());
            if (const auto p = node.find("placeholders"))
                for (auto v : p->elements()) item.placeholders.emplace_back(v.string());
            if (labels != nullptr && item.template_text) {
                const auto it = labels->find(sthv2_template_key(*item.template_text));
                if (it == labels->end()) throw node["template"].error("a template of the labels file");
                item.label_id = it->second;
            }
            items.push_back(std::move(item));
        }
        return items;
    }
};

}  // namespace vidata::formats
