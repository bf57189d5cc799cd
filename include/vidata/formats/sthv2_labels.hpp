// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv2_labels: Something-Something V2's `something-something-v2-labels.json` (`{template: "index"}`).
#pragma once

#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/json.hpp>

#include <charconv>
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One class of Something-Something V2: its template with the placeholders' brackets removed
/// ("Putting something on a surface") and its 0-based index.
struct sthv2_label {
    std::string template_text;
    int index = 0;

    friend bool operator==(const sthv2_label&, const sthv2_label&) = default;
};

template <class Json>
void to_json(Json& j, const sthv2_label& l) {
    j = Json::object();
    j["template"] = l.template_text;
    j["index"] = l.index;
}

/// The key a template of the train/validation json has in the labels file: the text with every '[' and ']'
/// removed, as MMAction2's build_file_list does ("Putting [something] on a surface" → "Putting something on a surface").
[[nodiscard]] inline std::string sthv2_template_key(std::string_view template_text) {
    std::string key;
    key.reserve(template_text.size());
    for (char c : template_text)
        if (c != '[' && c != ']') key += c;
    return key;
}

/// The Something-Something V2 labels file: a JSON object from template text to the class index, written
/// as a string ("0") in the official file (an integer is accepted too). One record per member, in the
/// file's order. An index that is not a non-negative integer, or an index given twice, is a parse_error at
/// its JSON path. The writer reproduces the official layout: `{`, one ` "template":"index"` member per line
/// with CRLF line ends, `}`.
struct sthv2_labels : text_format<sthv2_labels> {
    using record_type = sthv2_label;
    static constexpr std::string_view name = "sthv2_labels";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        const auto doc = parse_json<nlohmann::ordered_json>(text, source);
        const ordered_json_node root(doc, std::string(source));
        std::vector<record_type> labels;
        labels.reserve(root.size());
        std::unordered_map<int, std::string> seen;
        for (auto [key, value] : root.members()) {
            int index = -1;
            if (value.value().is_string()) {
                const std::string_view s = value.string();
                const auto r = std::from_chars(s.data(), s.data() + s.size(), index);
                if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || s.empty() || index < 0)
                    throw value.error("a class index as a string of digits (\"12\")");
            } else {
                if (!value.value().is_number_integer()) throw value.error("a class index as a string of digits (\"12\")");
                index = value.value<int>();
                if (index < 0) throw value.error("a class index of at least 0");
            }
            if (const auto [it, fresh] = seen.emplace(index, std::string(key)); !fresh)
                throw value.error("an index no other template has (\"" + it->second + "\" has it)");
            labels.push_back({std::string(key), index});
        }
        return labels;
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        std::string text = "{\r\n";
        bool first = true;
        for (const auto& l : records) {
            if (!first) text += ",\r\n";
            first = false;
            text += ' ';
            text += nlohmann::ordered_json(l.template_text).dump(-1, ' ', false);
            text += ":\"" + std::to_string(l.index) + '"';
        }
        text += "\r\n}\r\n";
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_is(path, "something-something-v2-labels", ".json");
    }
};

}  // namespace vidata::formats
