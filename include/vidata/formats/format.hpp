// SPDX-License-Identifier: Apache-2.0
// What every annotation format shares: reading a whole stream or file into records, writing them atomically.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/error.hpp>
#include <vidata/formats/detail/file_buffer.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/io/detail/mapped_text.hpp>

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

/// What a parser that goes through its text once, front to back, tells read_annotations: "I am at `offset`". The
/// pages of the mapped file behind it are then dropped and the next ones mapped ahead (mapped_text::advance), so a
/// file costs a window of a few MB of memory instead of its size. Reading behind the offset again (an error message
/// counting lines from the start, say) stays correct: a dropped page reads back from the file. Default-constructed
/// (a text already in memory) it does nothing.
class read_progress {
public:
    read_progress() noexcept = default;
    explicit read_progress(mapped_text& file) noexcept : file_(&file) {}

    void operator()(std::size_t offset) const noexcept {
        if (file_ != nullptr) file_->advance(offset);
    }

private:
    mapped_text* file_ = nullptr;
};

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

/// Whether F's parse goes through the text once and says how far it is (has `F::parse(text, source,
/// detail::read_progress)`), so that read_annotations keeps only a window of the file in memory.
template <class F>
concept streaming_text_format = text_parsing_format<F> && requires(std::string_view text, std::string_view source,
                                                                   detail::read_progress progress) {
    { F::parse(text, source, progress) } -> std::ranges::input_range;
};

/// Reads the annotation file at `path` with format F: `auto list = vidata::read_annotations<rawframe_list>(p);`.
/// A text format parses the file's bytes in one buffer; others read it as a stream. Errors name the path.
///
/// How the bytes get there: a format that says how far it has read (streaming_text_format: AVA's CSV, the ActivityNet
/// and Something-Something V2 json, whose records are small beside their text) parses a read-only mapping of the
/// file, of which only a window of a few MB stays resident (detail::mapped_text), so its peak memory is about its
/// records. The others parse a copy in one buffer of huge pages (formats::detail::file_buffer), which is faster to
/// fill on this project's VM: 0.35 ms per MB, against ~1 ms for a mapping (whose page-table updates the VM makes
/// costly) and ~10 ms for a copy into ordinary fresh pages (a first-touch fault per 4 KiB). Records own their text,
/// so nothing points into either once parse returns. As with any mapping, a file truncated by another process during
/// a streaming parse raises SIGBUS rather than an error. Pipes and /proc files are read into memory.
///
/// Options a format's parse takes go after the path and on to parse:
///   read_annotations<formats::rawframe_list>(path, formats::rawframe_list_options{.with_offset = true});
template <annotation_format F, class... Options>
[[nodiscard]] auto read_annotations(const std::filesystem::path& path, const Options&... options) {
    if constexpr (streaming_text_format<F>) {
        detail::mapped_text file(path);
        return F::parse(file.text(), path.string(), detail::read_progress(file), options...);
    } else if constexpr (text_parsing_format<F>) {
        const formats::detail::file_buffer file(path);
        return F::parse(file.text(), path.string(), options...);
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw io_error(path.string(), "cannot open for reading");
        return F::read(in, path.string(), options...);
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
