// SPDX-License-Identifier: Apache-2.0
// vidata::formats::gym_element_list: FineGYM's element split lists (`gym99_train_element_v1.1.txt` and kin).
#pragma once

#include <vidata/core/video_record.hpp>
#include <vidata/core/error.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// The parts of a FineGYM element id `<youtube id>_E_<event start>_<event end>_A_<start>_<end>`, e.g.
/// `A0xAXXysHUo_E_002184_002237_A_0035_0036`: the event spans seconds [2184, 2237] of the video, the
/// element seconds [35, 36] of the event. `event_id` ("E_002184_002237") and `element_id` ("A_0035_0036") are
/// the keys of the annotation json (gym_annotation_json); MMAction2's trimmed clips are
/// `<video>_<event_id>.mp4` and `<video>_<event_id>_<element_id>.mp4`.
struct gym_element_id {
    std::string_view video;
    std::string_view event_id;
    std::string_view element_id;
    std::int64_t event_start = 0, event_end = 0, element_start = 0, element_end = 0;
};

namespace detail {

// "<prefix>_<digits>_<digits>" → the two numbers.
[[nodiscard]] inline bool gym_id_numbers(std::string_view part, char prefix, std::int64_t& a, std::int64_t& b) noexcept {
    if (part.size() < 5 || part[0] != prefix || part[1] != '_') return false;
    part.remove_prefix(2);
    const auto bar = part.find('_');
    if (bar == std::string_view::npos || bar == 0 || bar + 1 == part.size()) return false;
    auto digits = [](std::string_view s, std::int64_t& v) {
        for (char c : s)
            if (c < '0' || c > '9') return false;
        return std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc{};
    };
    return digits(part.substr(0, bar), a) && digits(part.substr(bar + 1), b);
}

}  // namespace detail

/// Splits an element id into its parts; nullopt when it is not `<video>_E_<n>_<n>_A_<n>_<n>`.
/// The views point into `id`.
[[nodiscard]] inline std::optional<gym_element_id> parse_gym_element_id(std::string_view id) noexcept {
    const auto a = id.rfind("_A_");
    if (a == std::string_view::npos) return std::nullopt;
    const auto e = id.rfind("_E_", a);
    if (e == std::string_view::npos || e == 0) return std::nullopt;
    gym_element_id out;
    out.video = id.substr(0, e);
    out.event_id = id.substr(e + 1, a - e - 1);
    out.element_id = id.substr(a + 1);
    if (!detail::gym_id_numbers(out.event_id, 'E', out.event_start, out.event_end) ||
        !detail::gym_id_numbers(out.element_id, 'A', out.element_start, out.element_end))
        return std::nullopt;
    return out;
}

/// FineGYM's element lists (`gym99_train_element_v1.1.txt`, `gym99_val_element.txt`, `gym288_*`): one
/// element per line, `<element id> <class label>`:
///   `A0xAXXysHUo_E_002184_002237_A_0035_0036 93`
/// The label is the element's `Clabel` in `gymNN_categories.txt` (gym_categories), 0-based. A line becomes
/// a video_record with `path` = the element id and `labels` = {label}; parse_gym_element_id splits the id.
///
/// Reading: whitespace-separated (CRLF, BOM, trailing blanks accepted), blank lines skipped; exactly two
/// fields; the id must have the `_E_…_A_…` form; the label an integer ≥ 0:
///   gym99_val_element.txt:4:1: expected an element id '<video>_E_<start>_<end>_A_<start>_<end>', got 'abc'
/// Writing: `id label\n` per record (one label each).
struct gym_element_list : text_format<gym_element_list> {
    using record_type = video_record;
    static constexpr std::string_view name = "gym_element_list";

    [[nodiscard]] static std::vector<video_record> parse(std::string_view text, std::string_view source) {
        std::vector<video_record> out;
        out.reserve(text.size() / 40 + 1);  // a line is ~43 bytes: no regrowth copies
        field_list f;
        for (const text_line& line : lines(text, std::string(source))) {
            line.fields(f);
            if (f.empty()) continue;
            f.expect_count(2, "element_id label");
            if (!parse_gym_element_id(f[0].text))
                throw f.error(0, "an element id '<video>_E_<start>_<end>_A_<start>_<end>'");
            const int label = f.value<int>(1, "a class label (an integer >= 0)");
            if (label < 0) throw f.error(1, "a class label (an integer >= 0)");
            video_record r;
            r.path = std::string(f[0].text);
            r.labels = {label};
            out.push_back(std::move(r));
        }
        return out;
    }

    /// The video-list writer (detail/labelled_list.hpp); invalid_argument for a record without exactly one label.
    static void write(std::ostream& out, std::span<const video_record> records) {
        if (!records.empty()) detail::refuse_leading_bom(records.front().path, name);
        for (const video_record& r : records)
            if (r.labels.size() != 1)
                throw invalid_argument("vidata::formats::gym_element_list::write: record '" + r.path + "' needs exactly one label");
        detail::write_labelled_list(out, records, {.offset = false, .total_frames = false, .columns = "element_id label"}, name);
    }

    /// `gym<N>_..._element...txt`, the official names.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view) {
        const std::string file = path.filename().string();
        return file.starts_with("gym") && file.find("_element") != std::string::npos && file.ends_with(".txt");
    }
};

}  // namespace vidata::formats
