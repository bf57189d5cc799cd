// SPDX-License-Identifier: Apache-2.0
// The pieces of ActivityNet-style JSON reading shared by formats::anet_json and the metrics' ground-truth reader.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/segment.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/detail/json_scanner.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vidata {

namespace detail {

// The keys of the root object and of its "database" member in document order, first occurrence of each
// (Python's dict keeps a repeated key at its first position, with the last value): a scan beside the DOM,
// whose objects are sorted.
struct json_key_order {
    std::vector<std::string> root, database;
    std::size_t depth = 0;
    std::size_t database_depth = 0;  // depth of the "database" object while inside it, else 0
    bool next_is_database = false;
    std::unordered_set<std::string> seen_root, seen_database;

    void start_object() {
        ++depth;
        if (next_is_database && depth == 2) database_depth = 2;
        next_is_database = false;
    }
    void end_object() {
        if (database_depth == depth) database_depth = 0;
        --depth;
    }
    void start_array() {
        ++depth;
        next_is_database = false;
    }
    void end_array() { --depth; }
    void key(std::string_view k) {
        if (depth == 1) {
            next_is_database = k == "database";
            if (next_is_database) {  // a repeated "database": Python keeps the last one
                database.clear();
                seen_database.clear();
            }
            if (seen_root.emplace(k).second) root.emplace_back(k);
        } else if (depth == 2 && database_depth == 2) {
            if (seen_database.emplace(k).second) database.emplace_back(k);
        }
    }
    void string(std::string_view) { next_is_database = false; }
    void number(double, std::string_view) { next_is_database = false; }
    void literal(std::string_view) { next_is_database = false; }
};

// A segment bound as Python's float() reads it: a JSON number or a numeric string (G-TAD's thumos_gt.json
// writes "18.6").
[[nodiscard]] inline std::optional<double> segment_bound(const nlohmann::json& v) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
        double out = 0.0;
        if (parse_number(v.get_ref<const std::string&>(), out) == number_status::ok) return out;
    }
    return std::nullopt;
}

inline constexpr const char* segment_expectation =
    "a segment [start, end]: two numbers (or numeric strings, as Python's float() reads them), finite, start <= end";

// `[start, end]` of an annotation, checked.
[[nodiscard]] inline std::pair<double, double> read_segment(const json_node& node) {
    const nlohmann::json& v = node.value();
    if (!v.is_array() || v.size() != 2) throw node.error(segment_expectation);
    const auto start = segment_bound(v[0]);
    const auto end = segment_bound(v[1]);
    if (!start || !end || !std::isfinite(*start) || !std::isfinite(*end) || !(*start <= *end))
        throw node.error(segment_expectation);
    return {*start, *end};
}

[[nodiscard]] inline std::vector<segment> read_annotations(const json_node& video) {
    std::vector<segment> out;
    for (const json_node annotation : video["annotations"].elements()) {
        const auto [start, end] = read_segment(annotation["segment"]);
        out.push_back({start, end, std::string(annotation["label"].string()), -1});
    }
    return out;
}

// A number member if present and numeric (durations are informative: the metrics never read them).
[[nodiscard]] inline std::optional<double> optional_number(const json_node& video, std::string_view key) {
    const auto member = video.find(key);
    if (!member || !member->value().is_number()) return std::nullopt;
    return member->value().get<double>();
}

[[nodiscard]] inline std::optional<std::int64_t> optional_count(const json_node& video, std::string_view key) {
    const auto member = video.find(key);
    if (!member || !(member->value().is_number_integer() || member->value().is_number_unsigned())) return std::nullopt;
    return member->value<std::int64_t>();
}

// A document with the key order of its root object and of its "database" object: nlohmann::json keeps
// members sorted, and ActivityNet readers give videos in file order.
struct keyed_json {
    nlohmann::json doc;
    json_key_order order;
};

[[nodiscard]] inline keyed_json parse_keyed_json(std::string_view text, std::string_view source_name) {
    keyed_json out{parse_json(text, source_name), {}};
    json_scanner(text, source_name).run(out.order);
    return out;
}

}  // namespace detail

}  // namespace vidata
