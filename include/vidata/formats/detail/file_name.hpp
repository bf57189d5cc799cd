// SPDX-License-Identifier: Apache-2.0
// File-name tests for format detection: the official annotation files of a dataset have names no other file has.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace vidata::formats::detail {

/// True when the file name starts with `prefix` and ends with `extension` (".csv"). Excerpts keep the
/// official name and add a suffix before the extension (`kinetics-400_test.head200.csv`), so the middle is free.
[[nodiscard]] inline bool file_name_is(const std::filesystem::path& path, std::string_view prefix, std::string_view extension) {
    const std::string name = path.filename().string();
    return name.size() >= prefix.size() + extension.size() && std::string_view(name).starts_with(prefix) &&
           std::string_view(name).ends_with(extension);
}

}  // namespace vidata::formats::detail
