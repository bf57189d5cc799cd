// SPDX-License-Identifier: Apache-2.0
// What every annotation format shares: reading a whole stream or file into records, writing them atomically.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/detail/temporal_mapped_file.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace vidata {

namespace detail {

/// The rest of a stream as bytes, for formats that parse a whole text at once (a list of 250k lines parses
/// faster from one buffer than through std::getline). Throws io_error naming `source` on a stream error.
[[nodiscard]] inline std::string read_stream(std::istream& in, std::string_view source) {
    std::string text;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw io_error(std::string(source), "cannot read the stream");
    return text;
}

}  // namespace detail

/// The base of a format that parses a whole text: it gives the format the stream form of annotation_format
/// from its `parse(std::string_view text, std::string_view source)`.
///
///   struct ucf101_classind : text_format<ucf101_classind> {
///       using record_type = class_name_record;
///       static constexpr std::string_view name = "ucf101_classind";
///       static std::vector<record_type> parse(std::string_view text, std::string_view source);
///       static void write(std::ostream&, std::span<const record_type>);
///   };
template <class Derived>
struct text_format {
    [[nodiscard]] static auto read(std::istream& in, std::string_view source) {
        const std::string text = detail::read_stream(in, source);
        return Derived::parse(text, source);
    }
};

/// Whether F parses a text in place (has `F::parse(std::string_view, std::string_view)`).
template <class F>
concept text_parsing_format = requires(std::string_view text, std::string_view source) {
    { F::parse(text, source) } -> std::ranges::input_range;
};

/// Reads the annotation file at `path` with format F: `auto list = vidata::read_annotations<rawframe_list>(p);`.
/// A text format parses the file's bytes in one buffer; others read it as a stream. Errors name the path.
///
/// A text format parses a read-only mapping of a regular file (detail::mapped_text), not a copy: copying a file
/// into a fresh buffer costs a first-touch page fault per 4 KiB of it, which on this project's VM took longer than
/// parsing (a 12 MB list: ~45 ms of faults against ~30 ms of parsing). Records own their text, so nothing points
/// into the mapping once parse returns. As with any mapping, a file truncated by another process during the parse
/// raises SIGBUS rather than an error. Pipes and /proc files are read into memory as before.
template <annotation_format F>
[[nodiscard]] auto read_annotations(const std::filesystem::path& path) {
    if constexpr (text_parsing_format<F>) {
        const detail::mapped_text file(path);
        return F::parse(file.text(), path.string());
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw io_error(path.string(), "cannot open for reading");
        return F::read(in, path.string());
    }
}

/// Parses `text` with format F (through its stream form when it has no text form); `source` names it in errors.
template <annotation_format F>
[[nodiscard]] auto parse_annotations(std::string_view text, std::string_view source = {}) {
    if constexpr (text_parsing_format<F>) {
        return F::parse(text, source);
    } else {
        std::istringstream in{std::string(text), std::ios::binary};
        return F::read(in, source);
    }
}

/// The bytes format F writes for `records`.
template <annotation_format F>
[[nodiscard]] std::string format_annotations(std::span<const typename F::record_type> records) {
    std::ostringstream out(std::ios::binary);
    F::write(out, records);
    return std::move(out).str();
}

template <annotation_format F>
[[nodiscard]] std::string format_annotations(const std::vector<typename F::record_type>& records) {
    return format_annotations<F>(std::span<const typename F::record_type>(records));
}

/// Writes `records` to `path` with format F through an atomic file: the file appears complete or not at all.
template <annotation_format F>
void write_annotations(const std::filesystem::path& path, std::span<const typename F::record_type> records) {
    atomic_file file(path);
    F::write(file.stream(), records);
    file.commit();
}

template <annotation_format F>
void write_annotations(const std::filesystem::path& path, const std::vector<typename F::record_type>& records) {
    write_annotations<F>(path, std::span<const typename F::record_type>(records));
}

}  // namespace vidata
