// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ava_csv: AVA's box CSVs (ground truth `ava_{train,val}_v2.x.csv`, detections), one row per record.
#pragma once

#include <vidata/core/box_record.hpp>
#include <vidata/core/error.hpp>
#include <vidata/formats/detail/ava_rows.hpp>
#include <vidata/formats/detail/csv_number.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/record_json.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>

#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

namespace detail {

// Whether a field is an integer literal (the person id of a ground-truth row) rather than a float (a score).
[[nodiscard]] inline bool ava_integer_literal(std::string_view field) noexcept {
    field = vidata::detail::trim_ascii_space(field);
    if (!field.empty() && (field.front() == '-' || field.front() == '+')) field.remove_prefix(1);
    if (field.empty()) return false;
    for (char c : field)
        if (c < '0' || c > '9') return false;
    return true;
}

[[nodiscard]] inline double ava_finite_number(const csv_row& row, std::size_t i, std::string_view what) {
    const double v = csv_number(row, i, what);
    if (!std::isfinite(v)) throw row.error(i, "a finite number (" + std::string(what) + ")");
    return v;
}

// An integer written `-?[0-9]{1,9}`, which Python's int() and csv_row::value<int> read to the same value.
[[nodiscard]] inline bool ava_plain_integer(std::string_view field, int& out) noexcept {
    const bool negative = !field.empty() && field[0] == '-';
    const std::size_t digits = field.size() - (negative ? 1 : 0);
    if (digits == 0 || digits > 9) return false;
    int v = 0;
    for (std::size_t i = negative ? 1 : 0; i < field.size(); ++i) {
        if (field[i] < '0' || field[i] > '9') return false;
        v = v * 10 + (field[i] - '0');
    }
    out = negative ? -v : v;
    return true;
}

/// The fast path of ava_csv::parse: rows split at commas by one byte loop, for a text whose every row is plain: no
/// quote, 2 or 7 to 9 fields, integers `-?[0-9]{1,9}`, coordinates and scores short plain decimals (short_decimal),
/// as AVA's files and MMAction2's detections are. Why: the CSV reader's call per field and Python's int()/float()
/// rules behind each number were most of the read (~130 ns a row). On any other row it gives up (nullopt) before
/// deciding anything, and parse reads the text again through csv_reader, which decides every row and words the
/// errors: so the two read every text this path accepts to the same records (tested, and fuzzed).
[[nodiscard]] inline std::optional<std::vector<box_record>> parse_plain_ava_rows(std::string_view text,
                                                                                 vidata::detail::read_progress progress) {
    std::vector<box_record> out;
    out.reserve(ava_row_bound(text));
    const char* p = text.data();
    const char* const end = p + text.size();
    if (text.starts_with("\xEF\xBB\xBF")) p += 3;
    std::array<std::string_view, 9> f;
    while (p < end) {
        const auto* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char* const next = newline != nullptr ? newline + 1 : end;
        const char* stop = newline != nullptr ? newline : end;
        if (stop > p && stop[-1] == '\r') --stop;  // CRLF, or a final CR, as csv_reader drops them
        if (stop == p) {  // an empty line, which csv_reader skips
            p = next;
            continue;
        }
        std::size_t n = 0;
        for (const char *field = p, *q = p;; ++q) {
            if (q == stop || *q == ',') {
                if (n == f.size()) return std::nullopt;
                f[n++] = std::string_view(field, static_cast<std::size_t>(q - field));
                if (q == stop) break;
                field = q + 1;
            } else if (*q == '"') {
                return std::nullopt;  // quoting rules: csv_reader's
            }
        }
        if (n != 2 && n < 7) return std::nullopt;
        box_record& r = out.emplace_back();
        r.video_id.assign(f[0]);
        if (!ava_plain_integer(f[1], r.timestamp)) return std::nullopt;
        if (n > 2) {
            if (!short_decimal(f[2], r.x1) || !short_decimal(f[3], r.y1) || !short_decimal(f[4], r.x2) || !short_decimal(f[5], r.y2) ||
                !ava_plain_integer(f[6], r.action_id))
                return std::nullopt;
            double score = 0.0;
            if (n == 9) {
                if (!ava_plain_integer(f[7], r.person_id) || !short_decimal(f[8], score)) return std::nullopt;
                r.score = score;
            } else if (n == 8 && !ava_plain_integer(f[7], r.person_id)) {
                // Not an integer literal, so a score: only a decimal with a point is surely one (a 10-digit
                // integer is a person id out of range, an error of the other path).
                if (f[7].find('.') == std::string_view::npos || !short_decimal(f[7], score)) return std::nullopt;
                r.score = score;
            }
        }
        p = next;
        progress(static_cast<std::size_t>(p - text.data()));
    }
    return out;
}

}  // namespace detail

/// AVA's box CSV: no header, one row per (person box, action) at a keyframe,
///
///   -5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1          ground truth: ..., action_id, person_id
///   -5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,0.912      detections:   ..., action_id, score
///   1j20qq1JyX4,0970                                        a keyframe without boxes (AVA v2.2 files)
///
/// Each row is one vidata::box_record (one AVA row is one record, as `vidata inspect` counts them).
/// Reading:
/// - 7 fields: no person id, no score; 8 fields: the 8th is the person id when it is an integer literal
///   (`1`), else the score (`0.912`; MMAction2's results2csv writes scores with three decimals); 9 fields:
///   person id, then score. 2 fields `video_id,timestamp`: a keyframe without boxes, read as a record with
///   action_id −1, person_id −1, no score and a zero box.
/// - The timestamp is an integer number of seconds (`0902` reads 902); coordinates, action id and score are
///   numbers as Python's float()/int() read them; non-finite coordinates and scores are refused.
/// - A UTF-8 BOM, CRLF line ends and empty lines are accepted; quoted fields (RFC 4180) too.
/// Errors (parse_error with file:line:column): another number of fields, a timestamp, coordinate, action id,
/// person id or score that is not a number of its kind:
///   ava_val_v2.2.csv:7:1: expected a row of 2, 7, 8 or 9 fields ... but the row has 6, got '...'
/// Writing: the rows as AVA writes them, "\n"-terminated: the timestamp with four digits (`%04d`),
/// coordinates and scores with three decimals (or the shortest text that reads back exactly where three
/// decimals would change the value), the person id when it is not −1. AVA's own files write back byte for byte.
/// The evaluator reads these files with its own rules (class whitelist, frame keys): metrics/ava_inputs.hpp.
struct ava_csv : text_format<ava_csv> {
    using record_type = box_record;
    static constexpr std::string_view name = "ava_csv";

    /// `progress` hears how far the parse has read (read_annotations then keeps a window of the file only).
    [[nodiscard]] static std::vector<box_record> parse(std::string_view text, std::string_view source,
                                                       vidata::detail::read_progress progress = {}) {
        if (auto rows = detail::parse_plain_ava_rows(text, progress)) return std::move(*rows);
        return parse_csv_rows(text, source, progress);
    }

    /// The other path of parse: csv_reader's rows, every rule of the format checked, every error worded. parse takes
    /// it where the plain rows' fast path gives up (detail::parse_plain_ava_rows).
    [[nodiscard]] static std::vector<box_record> parse_csv_rows(std::string_view text, std::string_view source,
                                                                vidata::detail::read_progress progress = {}) {
        std::vector<box_record> out;
        out.reserve(detail::ava_row_bound(text));
        csv_reader csv(text, std::string(source), {.skip_empty_lines = true, .skip_bom = true});
        csv_row row;
        while (csv.next(row)) {
            progress(csv.position());
            const std::size_t fields = row.size();
            if (fields != 2 && (fields < 7 || fields > 9))
                throw detail::ava_row_width_error(row, "a row of 2, 7, 8 or 9 fields "
                                                       "'video_id,timestamp[,x1,y1,x2,y2,action_id[,person_id][,score]]'");
            box_record& r = out.emplace_back();  // filled in place: a box_record is twice its row's text
            r.video_id.assign(row[0]);
            r.timestamp = row.value<int>(1, "an integer timestamp in seconds");
            if (fields > 2) {
                r.x1 = detail::ava_finite_number(row, 2, "a box coordinate x1");
                r.y1 = detail::ava_finite_number(row, 3, "a box coordinate y1");
                r.x2 = detail::ava_finite_number(row, 4, "a box coordinate x2");
                r.y2 = detail::ava_finite_number(row, 5, "a box coordinate y2");
                r.action_id = row.value<int>(6, "an integer action id");
                if (fields == 9 || (fields == 8 && detail::ava_integer_literal(row[7])))
                    r.person_id = row.value<int>(7, "an integer person id");
                if (fields == 9 || (fields == 8 && !detail::ava_integer_literal(row[7])))
                    r.score = detail::ava_finite_number(row, fields - 1, "a score");
            }
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const box_record> records) {
        std::string text;
        if (!records.empty()) detail::refuse_leading_bom(records.front().video_id, name);  // reading would drop it
        for (const auto& r : records) append_row(text, r);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims a file whose first lines are AVA rows with four-digit timestamps and boxes in [0, 1] written with a
    /// point (AVA's ground truth and MMAction2's detections); AVA-Kinetics' float timestamps are ava_kinetics_csv's.
    [[nodiscard]] static bool detect(const std::filesystem::path& /*path*/, std::string_view head) {
        return detail::looks_like_ava_rows(head, false);
    }

    /// Whether a record is a keyframe without boxes (what a 2-field row reads as).
    [[nodiscard]] static bool empty_frame(const box_record& r) noexcept {
        return r.action_id == -1 && r.person_id == -1 && !r.score && r.x1 == 0.0 && r.y1 == 0.0 && r.x2 == 0.0 && r.y2 == 0.0;
    }

    /// Appends the CSV row of `r` (its "\n" included) to `text`.
    static void append_row(std::string& text, const box_record& r) {
        append_csv_field(text, r.video_id, {.line_terminator = "\n"});
        text.push_back(',');
        detail::append_ava_integer(text, r.timestamp, 4);
        if (!empty_frame(r)) {
            for (const double v : {r.x1, r.y1, r.x2, r.y2}) {
                text.push_back(',');
                detail::append_ava_decimal(text, v, 3);
            }
            text.push_back(',');
            detail::append_ava_integer(text, r.action_id);
            if (r.person_id != -1) {
                text.push_back(',');
                detail::append_ava_integer(text, r.person_id);
            }
            if (r.score) {
                text.push_back(',');
                detail::append_ava_decimal(text, *r.score, 3);
            }
        }
        text.push_back('\n');
    }
};

}  // namespace vidata::formats
