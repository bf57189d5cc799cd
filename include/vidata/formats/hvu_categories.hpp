// SPDX-License-Identifier: Apache-2.0
// vidata::formats::hvu_categories: HVU's tag → category table (`HVU_Tags_Categories_V1.0.csv`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>

#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One tag of HVU and the category it belongs to (action, attribute, concept, event, object, scene).
struct hvu_tag_category {
    std::string tag;
    std::string category;

    friend bool operator==(const hvu_tag_category&, const hvu_tag_category&) = default;
};

template <class Json>
void to_json(Json& j, const hvu_tag_category& r) {
    j = Json::object();
    j["tag"] = r.tag;
    j["category"] = r.category;
}

/// `HVU_Tags_Categories_V1.0.csv` (MMAction2 calls it `hvu_categories.csv`): the header `Tag,Category`,
/// then one tag per row, `playing_trombone,action`. MMAction2's parse_tag_list.py numbers a tag by its
/// position in the sorted tag list of its category.
///
/// Reading: RFC 4180 CSV (CRLF, BOM accepted), exactly 2 fields, no empty field; a tag listed twice is a
/// parse_error naming the earlier line (a tag has one category):
///   hvu_categories.csv:9:1: expected a tag not listed before (line 4 has it), got 'lawn'
/// Writing: the header and the rows in order, LF line ends.
struct hvu_categories : text_format<hvu_categories> {
    using record_type = hvu_tag_category;
    static constexpr std::string_view name = "hvu_categories";

    [[nodiscard]] static std::vector<hvu_tag_category> parse(std::string_view text, std::string_view source) {
        csv_reader csv(text, std::string(source), {.header = true, .columns = 2});
        const csv_row& header = csv.header();
        if (header[0] != "Tag" || header[1] != "Category")
            throw parse_error(header.location(0), "the header 'Tag,Category'", std::string(header.raw()));
        std::vector<hvu_tag_category> out;
        std::unordered_map<std::string, std::size_t> line_of;
        for (const csv_row& row : csv) {
            if (row[0].empty()) throw row.error(0, "a tag name");
            if (row[1].empty()) throw row.error(1, "a category name");
            hvu_tag_category r{std::string(row[0]), std::string(row[1])};
            if (const auto [it, added] = line_of.emplace(r.tag, row.line()); !added)
                throw row.error(0, "a tag not listed before (line " + std::to_string(it->second) + " has it)");
            out.push_back(std::move(r));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const hvu_tag_category> records) {
        csv_writer csv(out, {.line_terminator = "\n"});
        csv.write_row({"Tag", "Category"});
        for (const hvu_tag_category& r : records) csv.write_row({r.tag, r.category});
    }

    /// A file whose first line is the header `Tag,Category`.
    [[nodiscard]] static bool detect(const std::filesystem::path&, std::string_view head) {
        if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
        const std::string_view line = head.substr(0, head.find('\n'));
        return line == "Tag,Category" || line == "Tag,Category\r";
    }
};

}  // namespace vidata::formats
