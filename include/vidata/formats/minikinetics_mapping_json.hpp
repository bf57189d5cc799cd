// SPDX-License-Identifier: Apache-2.0
// vidata::formats::minikinetics_mapping_json: OmniSource's Kinetics-400 → Mini-Kinetics class-index mapping.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/json.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vidata::formats {

/// One class of the mapping: Kinetics-400 class index `k400` is Mini-Kinetics-200 class index `mini`.
struct class_index_mapping {
    int k400 = 0;
    int mini = 0;

    friend bool operator==(const class_index_mapping&, const class_index_mapping&) = default;
};

template <class Json>
void to_json(Json& j, const class_index_mapping& m) {
    j = Json::object();
    j["k400"] = m.k400;
    j["mini"] = m.mini;
}

/// `K400_to_MiniKinetics_classidx_mapping.json` of the OmniSource release: a JSON object whose keys are
/// Kinetics-400 class indices (JSON keys are strings: "0".."399") and whose values are the Mini-Kinetics-200
/// indices of the 200 classes kept:
///
///   {"0": 0, "2": 1, "5": 2, ...}
///
/// (The file itself is distributed on request only; this is the shape its name and the OmniSource guide describe,
/// which is how Python's json.dump writes a dict of int to int.) Records keep the file's order. A key that is
/// not a non-negative integer, a value that is not one, a repeated key or a repeated value (two Kinetics
/// classes would merge) is a parse_error naming the JSON pointer. The writer writes json.dump's layout.
struct minikinetics_mapping_json : text_format<minikinetics_mapping_json> {
    using record_type = class_index_mapping;
    static constexpr std::string_view name = "minikinetics_mapping_json";

    [[nodiscard]] static std::vector<class_index_mapping> parse(std::string_view text, std::string_view source) {
        const auto doc = parse_json<nlohmann::ordered_json>(text, source);
        const ordered_json_node root(doc, std::string(source));
        if (!doc.is_object()) throw root.error(R"(an object mapping Kinetics-400 class indices to Mini-Kinetics ones: {"0": 0, ...})");
        std::vector<class_index_mapping> out;
        std::unordered_set<int> keys, values;
        for (const auto [key, value] : root.members()) {
            class_index_mapping m;
            if (key.empty() || key.front() == '+' || key.front() == ' ' || key.back() == ' ' ||
                vidata::detail::parse_number(key, m.k400) != vidata::detail::number_status::ok || m.k400 < 0)
                throw value.error("a key that is a Kinetics-400 class index (a non-negative integer), not '" + std::string(key) + "'");
            m.mini = value.value<int>();
            if (m.mini < 0) throw value.error("a non-negative Mini-Kinetics class index");
            if (!keys.insert(m.k400).second) throw value.error("a Kinetics-400 class mapped once");
            if (!values.insert(m.mini).second) throw value.error("a Mini-Kinetics class index not given to another class");
            out.push_back(m);
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const class_index_mapping> mapping) {
        std::string text = "{";
        for (const class_index_mapping& m : mapping) {
            if (m.k400 < 0 || m.mini < 0)
                throw invalid_argument("vidata::formats::minikinetics_mapping_json::write: class indices must be non-negative");
            if (text.size() > 1) text += ", ";
            text += '"';
            detail::append_integer(text, m.k400);
            text += "\": ";
            detail::append_integer(text, m.mini);
        }
        text += '}';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims the file by its release name.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return path.filename() == "K400_to_MiniKinetics_classidx_mapping.json";
    }
};

}  // namespace vidata::formats
