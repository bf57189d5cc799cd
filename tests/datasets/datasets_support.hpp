// SPDX-License-Identifier: Apache-2.0
// Helpers of the dataset-descriptor tests: look up a descriptor's file by path, map its MMAction2 files to the fixtures.
#pragma once

#include "support.hpp"

#include <vidata/datasets/descriptor.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vidata::test {

/// The official file D lists at `path` (failing the test when it lists none there).
template <class D>
const datasets::official_file& official(std::string_view path) {
    for (const datasets::official_file& f : D::official_files)
        if (f.path == path) return f;
    FAIL(std::string(D::name) + " lists no official file '" + std::string(path) + "'");
    throw;  // unreachable: FAIL throws
}

/// The list D names at `path` (failing the test when it names none there).
template <class D>
const datasets::list_file& list_at(std::string_view path) {
    for (const datasets::list_file& l : D::lists)
        if (l.path == path) return l;
    FAIL(std::string(D::name) + " names no list '" + std::string(path) + "'");
    throw;
}

/// The fixture copy of a file of MMAction2's `tools/data/` (`tools/data/ucf101/label_map.txt` →
/// `<fixtures>/mmaction2_tools_data/ucf101/label_map.txt`), or nullopt when `repo_path` is elsewhere.
inline std::optional<std::filesystem::path> tools_data_fixture(const std::filesystem::path& fixtures, std::string_view repo_path) {
    constexpr std::string_view prefix = "tools/data/";
    if (!repo_path.starts_with(prefix)) return std::nullopt;
    return fixtures / "mmaction2_tools_data" / std::string(repo_path.substr(prefix.size()));
}

/// The file name at the end of `path` (what follows the last '/').
inline std::string_view base_name(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace vidata::test
