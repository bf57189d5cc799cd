// SPDX-License-Identifier: Apache-2.0
// vidata::formats::mit_categories: Moments in Time's (and Multi-Moments in Time's) `moments_categories.txt`.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One line of `moments_categories.txt`: a class name and the index the dataset trains it under.
struct mit_category {
    std::string name;
    std::int32_t id = 0;

    friend bool operator==(const mit_category&, const mit_category&) = default;
};

template <class Json>
void to_json(Json& j, const mit_category& c) {
    j = Json::object();
    j["name"] = c.name;
    j["id"] = c.id;
}

/// `moments_categories.txt` of Moments in Time and Multi-Moments in Time: one `name,idx` per line,
/// e.g. `clapping,0` (the README: "each class label and index used for training"; MMAction2's
/// parse_mit_splits and the M-MiT loaders read it as `name, int(idx)`).
///
/// Reading: the index is the text after the last comma, so a name may hold commas; blank lines are
/// skipped; CRLF and a BOM are accepted. A duplicate name or index is a parse_error naming both lines,
/// as is a line without a comma or with a non-integer index:
///   moments_categories.txt:3:9: expected a class index (an integer) after the last ',', got 'x'
/// Writing: `name,idx\n` per record, in order.
struct mit_categories : text_format<mit_categories> {
    using record_type = mit_category;
    static constexpr std::string_view name = "mit_categories";

    [[nodiscard]] static std::vector<mit_category> parse(std::string_view text, std::string_view source) {
        std::vector<mit_category> out;
        std::unordered_map<std::string, std::size_t> line_of_name;
        std::unordered_map<std::int32_t, std::size_t> line_of_id;
        for (const text_line& line : lines(text, std::string(source))) {
            if (line.blank()) continue;
            const std::string_view t = line.text();
            const auto comma = t.rfind(',');
            if (comma == std::string_view::npos || comma == 0) throw line.error("'name,idx' (a class name, a comma, its index)");
            field_list f;
            f.assign_delimited(t.substr(comma + 1), ',', line.source(), line.number(), comma + 2);
            mit_category c{std::string(t.substr(0, comma)), f.value<std::int32_t>(0, "a class index (an integer) after the last ','")};
            if (const auto [it, added] = line_of_name.emplace(c.name, line.number()); !added)
                throw line.error(1, "a class name not seen before (line " + std::to_string(it->second) + " has it)", c.name);
            if (const auto [it, added] = line_of_id.emplace(c.id, line.number()); !added)
                throw line.error(comma + 2, "a class index not seen before (line " + std::to_string(it->second) + " has it)",
                                 t.substr(comma + 1));
            out.push_back(std::move(c));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const mit_category> records) {
        if (!records.empty()) detail::refuse_leading_bom(records.front().name, name);
        std::string text;
        for (const mit_category& c : records) {
            text += c.name;
            text += ',';
            text += std::to_string(c.id);
            text += '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// The official file name; the content (`name,idx`) alone would also fit other lists.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view) {
        return path.filename() == "moments_categories.txt";
    }
};

}  // namespace vidata::formats
