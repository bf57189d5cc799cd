// SPDX-License-Identifier: Apache-2.0
// What the AVA readers of formats/ and metrics/ share: row checks of the box and timestamp CSVs, the label-map line rules, numbers as AVA writes them.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/line_reader.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace vidata::formats::detail {

/// The parse_error for a CSV row whose number of fields is not one of those `expected` describes
/// ("a row of 2 fields 'video_id,timestamp'"), located at the row's first column.
[[nodiscard]] inline parse_error ava_row_width_error(const csv_row& row, std::string_view expected) {
    return parse_error(source_location{std::string(row.source()), row.line(), 1, -1, {}},
                       std::string(expected) + " but the row has " + std::to_string(row.size()), std::string(row.raw()));
}

/// An upper bound on the rows of a CSV text (its line count), to reserve the record vector once: regrowing it
/// would copy every record and fault in fresh pages at each step, which costs more than the parsing.
[[nodiscard]] inline std::size_t ava_row_bound(std::string_view text) noexcept {
    std::size_t lines = 1;
    for (const char *p = text.data(), *end = text.data() + text.size();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr; ++p)
        ++lines;
    return lines;
}

/// Columns first..first+3 of an AVA row as the box x1, y1, x2, y2 (Python float() leniency).
[[nodiscard]] inline std::array<double, 4> read_ava_box(const csv_row& row, std::size_t first) {
    return {row.number(first, "a box coordinate x1"), row.number(first + 1, "a box coordinate y1"),
            row.number(first + 2, "a box coordinate x2"), row.number(first + 3, "a box coordinate y2")};
}

/// What a line of an AVA label map is, by the references' line rules (`read_labelmap`): only lines that start
/// with exactly two spaces and a key count, so `item {`, `}` and other indentation are structure, not data.
enum class ava_label_line { other, name, id, label_id, label_type, open_item, open_label, close };

/// Classifies `line` (a line of `text`, as line_reader gives it) and extracts its value:
/// - name: `name` is the text between the line's first two double quotes, or, without a second quote, the rest
///   of the line plus the "\n" Python's text mode leaves there unless the line ends the text;
/// - id / label_id: `id` is the integer after the last space of the stripped line (`int(line.split(" ")[-1])`);
/// - label_type: `*label_type` (when given) is the text after the colon, blanks stripped (`PERSON_MOVEMENT`).
/// `name` changes on a name line only: the references carry the last name over to an item without one.
/// Throws parse_error (file:line) for a `name:` line without a quote or an id that is not an integer, where the
/// references raise IndexError / ValueError.
[[nodiscard]] inline ava_label_line classify_ava_label_line(const text_line& line, std::string_view text, std::string& name,
                                                           std::int64_t& id, std::string* label_type = nullptr) {
    const std::string_view s = line.text();
    if (s.starts_with("  name:")) {
        const std::size_t open = s.find('"');
        if (open == std::string_view::npos) throw line.error("a name in double quotes after 'name:'");
        const std::size_t close = s.find('"', open + 1);
        if (close != std::string_view::npos) {
            name.assign(s.substr(open + 1, close - open - 1));
        } else {
            // Python reads the line in text mode, its terminator ("\n", "\r\n" or a final "\r") as one
            // "\n", and split('"')[1] runs to the end of the line: the name ends with that newline.
            name.assign(s.substr(open + 1));
            if (line.offset() + s.size() < text.size()) name.push_back('\n');
        }
        return ava_label_line::name;
    }
    const bool plain_id = s.starts_with("  id:");
    if (plain_id || s.starts_with("  label_id:")) {
        const std::string_view stripped = vidata::detail::trim_ascii_space(s);
        const std::size_t space = stripped.rfind(' ');
        const std::string_view token = space == std::string_view::npos ? stripped : stripped.substr(space + 1);
        if (vidata::detail::parse_number(token, id) != vidata::detail::number_status::ok)
            throw line.error(static_cast<std::size_t>(token.data() - s.data()) + 1, "an integer class id after the last space",
                             token);
        return plain_id ? ava_label_line::id : ava_label_line::label_id;
    }
    if (s.starts_with("  label_type:")) {
        if (label_type != nullptr) label_type->assign(vidata::detail::trim_ascii_space(s.substr(13)));
        return ava_label_line::label_type;
    }
    const std::string_view t = vidata::detail::trim_ascii_space(s);
    if (t == "item {") return ava_label_line::open_item;
    if (t == "label {") return ava_label_line::open_label;
    if (t == "}") return ava_label_line::close;
    return ava_label_line::other;
}

/// Whether the complete lines at the start of `head` (up to 8) all look like AVA box rows and at least one holds
/// a box: `video_id,timestamp,x1,y1,x2,y2,action_id[,person_id|score]` with coordinates in [0, 1] written with a
/// point, or `video_id,timestamp`. `seconds_with_point` picks AVA-Kinetics (`17.000000`) over AVA (`0902`, four
/// digits). For format detection, so strict on purpose.
[[nodiscard]] inline bool looks_like_ava_rows(std::string_view head, bool seconds_with_point) {
    auto is_digits = [](std::string_view s) {
        if (s.empty()) return false;
        for (char c : s)
            if (c < '0' || c > '9') return false;
        return true;
    };
    auto timestamp_ok = [&](std::string_view t) {
        if (!seconds_with_point) return t.size() == 4 && is_digits(t);
        const std::size_t dot = t.find('.');
        return dot != std::string_view::npos && is_digits(t.substr(0, dot)) && is_digits(t.substr(dot + 1));
    };
    std::size_t boxes = 0;
    for (int n = 0; n < 8; ++n) {
        const std::size_t eol = head.find('\n');
        if (eol == std::string_view::npos) break;
        std::string_view line = head.substr(0, eol);
        head.remove_prefix(eol + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::string_view f[9];
        std::size_t count = 0;
        while (count < 9) {
            const std::size_t comma = line.find(',');
            f[count++] = line.substr(0, comma);
            if (comma == std::string_view::npos) {
                line = {};
                break;
            }
            line.remove_prefix(comma + 1);
        }
        if (!line.empty() || f[0].empty() || !timestamp_ok(f[1])) return false;
        if (count == 2) continue;
        if (count != 7 && count != 8) return false;
        for (std::size_t i = 2; i < 6; ++i) {
            double v = -1.0;
            if (f[i].find('.') == std::string_view::npos || vidata::detail::parse_number(f[i], v) != vidata::detail::number_status::ok ||
                !(v >= 0.0 && v <= 1.0))
                return false;
        }
        if (!is_digits(f[6])) return false;
        ++boxes;
    }
    return boxes > 0;
}

/// Appends `v` with `decimals` digits after the point (`%.3f`, as AVA's CSVs and MMAction2's results2csv
/// write boxes and scores) when that text reads back as `v`; otherwise the shortest text that does, so that
/// writing never loses a value. Precondition: `v` is finite.
inline void append_ava_decimal(std::string& out, double v, int decimals) {
    char buffer[400];
    // std::to_chars with a precision rounds the double's exact value, as printf's "%.3f" does.
    const auto fixed = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, decimals);
    double back = 0.0;
    if (fixed.ec == std::errc()) {
        const auto r = std::from_chars(buffer, fixed.ptr, back);
        if (r.ec == std::errc() && back == v) {
            out.append(buffer, fixed.ptr);
            return;
        }
    }
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

/// Appends an integer in decimal (`%0<width>d`: AVA's four-digit timestamps "0902").
inline void append_ava_integer(std::string& out, std::int64_t v, int width = 0) {
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    const auto digits = static_cast<int>(r.ptr - buffer) - (v < 0 ? 1 : 0);
    if (v < 0) out.push_back('-');
    for (int i = digits; i < width - (v < 0 ? 1 : 0); ++i) out.push_back('0');
    out.append(v < 0 ? buffer + 1 : buffer, r.ptr);
}

}  // namespace vidata::formats::detail
