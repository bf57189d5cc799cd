// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ava_pbtxt: AVA's label maps, the protobuf-text action lists and MMAction2's `label_map.txt` (`1: bend/bow (at the waist)`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/ava_rows.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// How an AVA label is spelled, so that each file writes back as it was.
enum class ava_label_syntax {
    item,   ///< `item { name: "..." id: N }` (the ActivityNet challenge lists, MMAction2's action lists)
    label,  ///< `label { name: "..." label_id: N label_type: T }` (ava_action_list_v2.x.pbtxt)
    text,   ///< `N: name` (MMAction2's tools/data/ava/label_map.txt)
};

/// One action class of an AVA label map.
struct ava_label {
    std::int64_t id = 0;
    std::string name;
    std::string label_type;  ///< PERSON_MOVEMENT, OBJECT_MANIPULATION, PERSON_INTERACTION; empty when not given
    ava_label_syntax syntax = ava_label_syntax::item;

    friend bool operator==(const ava_label&, const ava_label&) = default;
};

template <class Json>
void to_json(Json& j, const ava_label& l) {
    j = Json::object();
    j["id"] = l.id;
    j["name"] = l.name;
    if (!l.label_type.empty()) j["label_type"] = l.label_type;
}

/// AVA label maps, one record per class:
///
///   item {                         label {                                1: bend/bow (at the waist)
///     name: "bend/bow (at the waist)"  name: "bend/bow (at the waist)"      3: crouch/kneel
///     id: 1                            label_id: 1
///   }                                  label_type: PERSON_MOVEMENT
///                                    }
///
/// The issue names no separate format for MMAction2's `label_map.txt` (`id: name` per line, what its demos
/// read), so this one reads it too: a file whose first non-blank line starts with an integer and ": " is read
/// in that form (`label_map` is the plain one-name-per-line list, another format).
///
/// Reading the protobuf text follows the evaluators' `read_labelmap` line rules (shared with
/// metrics/ava_inputs.hpp): a line starting with two spaces and `name:` sets the name, one with `id:` or
/// `label_id:` adds a class with the current name; `label_type:` lines attach to their block's class; other
/// lines are structure. Errors (parse_error, file:line): a `name:` without a quote, an id that is not an
/// integer, an id listed twice (the evaluator's dict would keep one name silently), in the text form a line
/// that is not `id: name`.
/// Writing: each record in its own syntax, two-space indented, "\n"-terminated: AVA's and MMAction2's files
/// write back byte for byte.
struct ava_pbtxt : text_format<ava_pbtxt> {
    using record_type = ava_label;
    static constexpr std::string_view name = "ava_pbtxt";

    [[nodiscard]] static std::vector<ava_label> parse(std::string_view text, std::string_view source) {
        std::vector<ava_label> out;
        std::unordered_map<std::int64_t, std::size_t> line_of_id;
        auto add = [&](ava_label label, const text_line& line) {
            const auto [it, added] = line_of_id.emplace(label.id, line.number());
            if (!added)
                throw line.error(1, "a class id not listed before (" + std::to_string(label.id) + " is on line " +
                                        std::to_string(it->second) + ")",
                                 line.text());
            out.push_back(std::move(label));
        };
        if (text_form(text)) {
            for (const auto& line : lines(text, std::string(source))) {
                if (line.blank()) continue;
                const std::string_view s = vidata::detail::trim_ascii_space(line.text());
                const std::size_t colon = s.find(": ");
                std::int64_t id = 0;
                if (colon == std::string_view::npos ||
                    vidata::detail::parse_number(s.substr(0, colon), id) != vidata::detail::number_status::ok)
                    throw line.error(1, "'id: name' (an integer class id, ': ', the class name)", line.text());
                add({id, std::string(vidata::detail::trim_ascii_space(s.substr(colon + 2))), {}, ava_label_syntax::text}, line);
            }
            return out;
        }
        using detail::ava_label_line;
        std::string current_name, label_type, pending_type;
        std::int64_t id = 0;
        std::size_t block_label = static_cast<std::size_t>(-1);  // the class the current block added, if any
        line_reader reader(text, std::string(source));
        text_line line;
        while (reader.next(line)) {
            switch (detail::classify_ava_label_line(line, text, current_name, id, &label_type)) {
            case ava_label_line::open_item:
            case ava_label_line::open_label:
            case ava_label_line::close:
                block_label = static_cast<std::size_t>(-1);
                pending_type.clear();
                break;
            case ava_label_line::id:
            case ava_label_line::label_id: {
                const bool label_key = line.text().starts_with("  label_id:");
                add({id, current_name, pending_type, label_key ? ava_label_syntax::label : ava_label_syntax::item}, line);
                pending_type.clear();
                block_label = out.size() - 1;
                break;
            }
            case ava_label_line::label_type:
                if (block_label < out.size()) out[block_label].label_type = label_type;
                else pending_type = label_type;
                break;
            default: break;
            }
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const ava_label> records) {
        std::string text;
        for (const auto& r : records) {
            // A name reads back only if its line ends where the name does: no carriage return in it, no quote inside
            // a quoted name, and a line feed only as the last character of one (the reader's form of a name whose
            // closing quote is missing).
            const std::string_view body = r.syntax == ava_label_syntax::text || !r.name.ends_with('\n')
                                              ? std::string_view(r.name)
                                              : std::string_view(r.name).substr(0, r.name.size() - 1);
            if (body.find_first_of(r.syntax == ava_label_syntax::text ? "\r\n" : "\"\r\n") != std::string_view::npos)
                throw invalid_argument("vidata::formats::ava_pbtxt::write: class name '" + r.name +
                                       "' holds a quote or a line break, so it would not read back");
            const std::string id = std::to_string(r.id);
            switch (r.syntax) {
            case ava_label_syntax::text: text.append(id).append(": ").append(r.name).append("\n"); continue;
            case ava_label_syntax::label:
                text.append("label {\n  name: \"").append(r.name).append("\"\n  label_id: ").append(id).append("\n");
                break;
            default: text.append("item {\n  name: \"").append(r.name).append("\"\n  id: ").append(id).append("\n"); break;
            }
            if (!r.label_type.empty()) text.append("  label_type: ").append(r.label_type).append("\n");
            text.append("}\n");
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims `.pbtxt` files and files that open with an `item {` or `label {` block followed by a `name:` line.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view head) {
        if (path.extension() == ".pbtxt") return true;
        if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
        return (head.starts_with("item {\n  name: \"") || head.starts_with("label {\n  name: \"") ||
                head.starts_with("item {\r\n  name: \"") || head.starts_with("label {\r\n  name: \""));
    }

private:
    // MMAction2's label_map.txt: the first non-blank line is "<integer>: ...".
    [[nodiscard]] static bool text_form(std::string_view text) {
        for (const auto& line : lines(text)) {
            if (line.blank()) continue;
            const std::string_view s = vidata::detail::trim_ascii_space(line.text());
            const std::size_t colon = s.find(": ");
            std::int64_t id = 0;
            return colon != std::string_view::npos && colon > 0 &&
                   vidata::detail::parse_number(s.substr(0, colon), id) == vidata::detail::number_status::ok;
        }
        return false;
    }
};

}  // namespace vidata::formats
