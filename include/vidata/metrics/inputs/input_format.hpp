// SPDX-License-Identifier: Apache-2.0
// input_format and detect_input_format: which reader a score or label file of the `vidata eval` tools needs.
#pragma once

#include <vidata/core/error.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace vidata {

/// The file forms the metric inputs come in.
enum class input_format {
    automatic,  ///< decide from the content, then the extension (detect_input_format)
    npy,        ///< a NumPy .npy array
    pickle,     ///< a Python pickle (MMAction2's results.pkl, annotation .pkl)
    json,       ///< a JSON document
    text,       ///< a whitespace-separated text list (label files, MMAction2 annotation lists)
};

/// The name used in messages and on the command line: "npy", "pickle", "json", "text", "automatic".
[[nodiscard]] constexpr std::string_view to_string(input_format f) noexcept {
    switch (f) {
    case input_format::npy: return "npy";
    case input_format::pickle: return "pickle";
    case input_format::json: return "json";
    case input_format::text: return "text";
    case input_format::automatic: break;
    }
    return "automatic";
}

namespace detail {

[[nodiscard]] inline input_format format_from_extension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (ext == ".npy") return input_format::npy;
    if (ext == ".pkl" || ext == ".pickle" || ext == ".p") return input_format::pickle;
    if (ext == ".json") return input_format::json;
    return input_format::text;
}

}  // namespace detail

/// Which reader `path` needs, from its first bytes: the `.npy` magic (\x93NUMPY), a pickle's PROTO
/// opcode (0x80, every protocol from 2 on), or a JSON document's first non-blank character `[` or `{`.
/// Otherwise the extension decides (`.npy`; `.pkl`, `.pickle`, `.p`; `.json`), and anything else is text.
/// Throws io_error when the file cannot be opened. Reads at most the first 4 KiB.
[[nodiscard]] inline input_format detect_input_format(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error(path.string(), std::string("cannot open for reading: ") + std::strerror(errno));
    char head[4096];
    in.read(head, sizeof head);
    const std::string_view bytes(head, static_cast<std::size_t>(in.gcount()));
    if (bytes.starts_with("\x93NUMPY")) return input_format::npy;
    if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) == 0x80) return input_format::pickle;
    std::size_t i = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 BOM, which the JSON reader tolerates
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
    if (i < bytes.size() && (bytes[i] == '[' || bytes[i] == '{')) return input_format::json;
    return detail::format_from_extension(path);
}

}  // namespace vidata
