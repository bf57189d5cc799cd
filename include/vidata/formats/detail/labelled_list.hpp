// SPDX-License-Identifier: Apache-2.0
// The loop shared by MMAction2's whitespace-separated lists (rawframes, videos, audio, audio features, OmniSource):
// `path [offset] [total_frames] label [label...]` read into video_record and written back.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/core/video_record_table.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/io/line_reader.hpp>

#include <charconv>
#include <filesystem>
#include <initializer_list>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats::detail {

/// Which columns come before the labels, in this order: path, then offset (RawframeDataset's with_offset),
/// then total_frames. `columns` names them for error messages.
struct list_layout {
    bool offset = false;
    bool total_frames = true;
    std::string_view columns;
};

// Whether the file name ends with one of `suffixes`: build_file_list.py names its lists
// `{dataset}_{split}_{rawframes|videos}.txt`, a pattern no other file has.
[[nodiscard]] inline bool file_name_ends_with(const std::filesystem::path& path, std::initializer_list<std::string_view> suffixes) {
    const std::string name = path.filename().string();
    for (const std::string_view suffix : suffixes)
        if (name.size() > suffix.size() && std::string_view(name).ends_with(suffix)) return true;
    return false;
}

// Python's `line.split()` then `int()` of each field, as the datasets' load_annotations do. A line must have at
// least one label (MMAction2 asserts it); blank lines are skipped (MMAction2 would crash on them, and they carry
// nothing). Records go straight into the table's columns: no allocation per line.
[[nodiscard]] inline video_record_table parse_labelled_list(std::string_view text, std::string_view source,
                                                            const list_layout& layout, vidata::detail::read_progress progress = {}) {
    video_record_table out;
    const std::size_t label_at = 1 + (layout.offset ? 1 : 0) + (layout.total_frames ? 1 : 0);
    // Upper bounds (a line holds at least a one-character field, a blank and a digit per column): reserved pages
    // that are never written are never made resident, while counting the lines first would read a mapped file
    // ahead of the parse and keep all of it in memory.
    out.reserve(text.size() / (2 * (label_at + 1)) + 1);
    out.reserve_text(text.size());
    field_list f;
    std::vector<int> labels;
    line_reader reader(text, std::string(source));
    text_line line;
    while (reader.next(line)) {
        progress(line.offset());
        line.fields(f);
        if (f.empty()) continue;
        f.expect_at_least(label_at + 1, layout.columns);
        std::size_t i = 1;
        std::int64_t offset = 0;
        std::int64_t total_frames = -1;
        if (layout.offset) {
            offset = f.integer(i, "a frame offset");
            if (offset < 0) throw f.error(i, "a non-negative frame offset");
            ++i;
        }
        if (layout.total_frames) {
            total_frames = f.integer(i, "a frame count");
            if (total_frames < 0) throw f.error(i, "a non-negative frame count");
            ++i;
        }
        labels.clear();
        for (; i < f.size(); ++i) labels.push_back(f.value<int>(i, "an integer label"));
        out.append(f[0].text, total_frames, offset, labels, std::nullopt, std::nullopt);
    }
    return out;
}

inline void append_integer(std::string& out, std::int64_t v) {
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

// What build_file_list.py writes: the fields joined by one space, each line ended by "\n". A record that the
// layout cannot hold (a path with blanks, no label, an offset the layout has no column for) is an
// invalid_argument: writing it would make a list that reads back differently.
// Records: a std::span<const video_record> or a video_record_table.
template <class Records>
void write_labelled_list(std::ostream& os, const Records& records, const list_layout& layout, std::string_view format_name) {
    if (!records.empty()) refuse_leading_bom(records.front().path, format_name);
    std::string buffer;
    buffer.reserve(1 << 16);
    for (const video_record& r : records) {  // a table gives values: the reference keeps each one for the body
        const auto fail = [&](const std::string& why) {
            throw invalid_argument("vidata::formats::" + std::string(format_name) + "::write: record '" + r.path + "' " + why);
        };
        if (r.path.empty() || r.path.find_first_of(" \t\n\v\f\r") != std::string::npos)
            fail("has an empty path or one with blanks, which the list's whitespace split cannot read back");
        if (r.labels.empty()) fail("has no label; every line of the list needs one");
        if (!layout.offset && r.offset != 0) fail("has an offset; write it with the with_offset layout");
        if (layout.offset && r.offset < 0) fail("has a negative offset");
        if (layout.total_frames && r.total_frames < 0) fail("has no frame count (total_frames < 0)");
        if (!layout.total_frames && r.total_frames >= 0) fail("has a frame count, which this list has no column for");
        if (r.fps || r.duration) fail("has an fps or a duration, which this list has no column for");
        buffer += r.path;
        if (layout.offset) {
            buffer += ' ';
            append_integer(buffer, r.offset);
        }
        if (layout.total_frames) {
            buffer += ' ';
            append_integer(buffer, r.total_frames);
        }
        for (const int label : r.labels) {
            buffer += ' ';
            append_integer(buffer, label);
        }
        buffer += '\n';
        if (buffer.size() >= (1 << 16) - 512) {
            os.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
    os.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace vidata::formats::detail
