// SPDX-License-Identifier: Apache-2.0
// vidata::formats::detail::fixed_layout_list: parse and write of a labelled list with one layout, shared by the
// video, audio and audio-feature lists.
#pragma once

#include <vidata/core/video_record.hpp>
#include <vidata/core/video_record_table.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/format.hpp>

#include <ostream>
#include <span>
#include <string_view>

namespace vidata::formats::detail {

/// The format functions of a list whose columns never change: Derived gives its `name` and its
/// `static constexpr list_layout layout`, and adds what is its own (detect). rawframe_list, whose layout depends on an
/// option, writes its functions out.
template <class Derived>
struct fixed_layout_list : text_format<Derived> {
    using record_type = video_record;

    [[nodiscard]] static video_record_table parse(std::string_view text, std::string_view source) {
        return parse_labelled_list(text, source, Derived::layout);
    }

    /// The streaming form read_annotations uses: only a window of a mapped file stays resident.
    [[nodiscard]] static video_record_table parse(std::string_view text, std::string_view source, vidata::detail::read_progress progress) {
        return parse_labelled_list(text, source, Derived::layout, progress);
    }

    static void write(std::ostream& out, std::span<const video_record> records) { write_labelled_list(out, records, Derived::layout, Derived::name); }
    static void write(std::ostream& out, const video_record_table& records) { write_labelled_list(out, records, Derived::layout, Derived::name); }
};

}  // namespace vidata::formats::detail
