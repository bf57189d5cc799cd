// SPDX-License-Identifier: Apache-2.0
// The annotation formats `vidata inspect` knows: each group of formats registers itself from its own source file
// (inspect_formats_<group>.cpp), so adding a format touches one line of one file.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/rawframe_list.hpp>
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
    /// The same with the with-offset layout (`frame_dir offset total_frames label`); empty for formats without it.
    std::function<format_report(const std::filesystem::path&, std::size_t first)> read_with_offset;
};

/// The first `first` records of `records` as JSON, and how many there are (a sized range is not walked to the end).
template <class Records>
format_report report_of(const Records& records, std::size_t first) {
    format_report report;
    report.first = nlohmann::ordered_json::array();
    if constexpr (std::ranges::sized_range<const Records>) {
        report.records = static_cast<std::size_t>(std::ranges::size(records));
        for (const auto& r : records) {
            if (report.first.size() >= first) break;
            report.first.push_back(nlohmann::ordered_json(r));
        }
    } else {
        for (const auto& r : records) {
            if (report.records++ < first) report.first.push_back(nlohmann::ordered_json(r));
        }
    }
    return report;
}

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
    entry.read = [](const std::filesystem::path& path, std::size_t first) { return report_of(read_annotations<F>(path), first); };
    if constexpr (requires(std::string_view text) { F::parse(text, text, formats::rawframe_list_options{}); }) {
        entry.read_with_offset = [](const std::filesystem::path& path, std::size_t first) {
            return report_of(read_annotations<F>(path, formats::rawframe_list_options{.with_offset = true}), first);
        };
    }
    format_registry().push_back(std::move(entry));
    return true;
}

template <annotation_format... F>
bool register_formats() {
    return (register_format<F>() && ...);
}

}  // namespace vidata::cli
