// SPDX-License-Identifier: Apache-2.0
// vidata::formats::jester_labels: the Jester class list (`jester-v1-labels.csv`, one class name per line).
#pragma once

#include <vidata/formats/detail/class_names.hpp>
#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/format.hpp>

#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// The Jester labels file: one class name per line (`Swiping Left`); a class's index is its 0-based line
/// number, as in MMAction2's build_file_list. Names are stripped of surrounding blanks; a blank line or a
/// repeated name is a parse_error. Writes one name per line, "\n"-terminated.
struct jester_labels : text_format<jester_labels> {
    using record_type = std::string;
    static constexpr std::string_view name = "jester_labels";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        return detail::parse_name_lines(text, source);
    }

    static void write(std::ostream& out, std::span<const record_type> records) { detail::write_name_lines(out, records, name); }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_is(path, "jester-v1-labels", ".csv");
    }
};

}  // namespace vidata::formats
