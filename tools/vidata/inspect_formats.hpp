// SPDX-License-Identifier: Apache-2.0
// The annotation formats `vidata inspect` knows: each group of formats registers itself from its own source file
// (inspect_formats_<group>.cpp), so adding a format touches one line of one file.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/record_json.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iterator>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::cli {

/// What `inspect` prints of a file read with one annotation format.
struct format_report {
    std::size_t records = 0;           ///< what the reader yields (a line of a list, a row, a video, an annotation)
    nlohmann::ordered_json first;      ///< the first records (all of them with --full), as JSON
};

struct format_entry {
    std::string_view name;
    /// Whether a file is certainly of this format, from its name and its first bytes (up to 4 KiB); empty when the
    /// format is never guessed (it only reads with --format).
    std::function<bool(const std::filesystem::path&, std::string_view head)> detect;
    std::function<format_report(const std::filesystem::path&, std::size_t first)> read;
};

/// Every registered format, in registration order (inspect.cpp owns it).
std::vector<format_entry>& format_registry();

/// Adds format F: `inspect --format F::name` reads with F::read, and F::detect(path, head), where F has one, claims
/// files for it. F's records print through nlohmann/json's to_json (found by ADL).
template <annotation_format F>
bool register_format() {
    format_entry entry;
    entry.name = F::name;
    if constexpr (requires(const std::filesystem::path& p, std::string_view head) {
                      { F::detect(p, head) } -> std::convertible_to<bool>;
                  })
        entry.detect = [](const std::filesystem::path& p, std::string_view head) { return static_cast<bool>(F::detect(p, head)); };
    entry.read = [](const std::filesystem::path& path, std::size_t first) {
        const auto records = read_annotations<F>(path);
        format_report report;
        report.first = nlohmann::ordered_json::array();
        for (const auto& r : records) {
            if (report.records++ < first) report.first.push_back(nlohmann::ordered_json(r));
        }
        return report;
    };
    format_registry().push_back(std::move(entry));
    return true;
}

template <annotation_format... F>
bool register_formats() {
    return (register_format<F>() && ...);
}

}  // namespace vidata::cli
