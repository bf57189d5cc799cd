// SPDX-License-Identifier: Apache-2.0
// vidata::formats::diving48_vocab: Diving48's `Diving48_vocab.json`, each class as its list of dive attributes.
#pragma once

#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/json.hpp>

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One Diving48 class: the attributes of the dive in the vocabulary's order (take-off, somersault, twist,
/// flight position, e.g. `["Back", "15som", "05Twis", "FREE"]`). Its index is its position in the file.
struct diving48_class {
    std::vector<std::string> attributes;

    /// The attributes joined by '+', the class name of MMAction2's tools/data/diving48/label_map.txt
    /// (`Back+15som+05Twis+FREE`).
    [[nodiscard]] std::string name() const {
        std::string out;
        for (const auto& a : attributes) {
            if (!out.empty()) out += '+';
            out += a;
        }
        return out;
    }

    friend bool operator==(const diving48_class&, const diving48_class&) = default;
};

template <class Json>
void to_json(Json& j, const diving48_class& c) {
    j = c.attributes;
}

/// The Diving48 vocabulary: a JSON array with one array of attribute strings per class. Every class must
/// have at least one attribute and as many as the first class; a class listed twice is a parse_error (the
/// two would be indistinguishable). The writer writes the array on one line as Python's json.dump does.
struct diving48_vocab : text_format<diving48_vocab> {
    using record_type = diving48_class;
    static constexpr std::string_view name = "diving48_vocab";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        const auto doc = parse_json<nlohmann::json>(text, source);
        const json_node root(doc, std::string(source));
        std::vector<record_type> classes;
        classes.reserve(root.size());
        std::unordered_map<std::string, std::size_t> seen;
        for (auto node : root.elements()) {
            diving48_class c;
            for (auto a : node.elements()) c.attributes.emplace_back(a.string());
            if (c.attributes.empty()) throw node.error("a non-empty array of attribute strings");
            if (!classes.empty() && c.attributes.size() != classes.front().attributes.size())
                throw node.error("an array of " + std::to_string(classes.front().attributes.size()) +
                                 " attribute strings, as the first class");
            if (const auto [it, fresh] = seen.emplace(c.name(), classes.size()); !fresh)
                throw node.error("a class not listed before (it is item " + std::to_string(it->second) + ")");
            classes.push_back(std::move(c));
        }
        return classes;
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        std::string text = "[";
        for (const auto& c : records) {
            if (text.size() > 1) text += ", ";
            text += '[';
            for (std::size_t i = 0; i < c.attributes.size(); ++i) {
                if (i != 0) text += ", ";
                detail::append_python_json_string(text, c.attributes[i]);
            }
            text += ']';
        }
        text += ']';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_is(path, "Diving48_vocab", ".json");
    }
};

}  // namespace vidata::formats
