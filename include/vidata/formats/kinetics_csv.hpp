// SPDX-License-Identifier: Apache-2.0
// vidata::formats::kinetics_csv: the Kinetics-400/600/700 CSVs (`label,youtube_id,time_start,time_end,split[,is_cc]`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/record_table.hpp>
#include <vidata/formats/detail/class_names.hpp>
#include <vidata/formats/detail/csv_number.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <bit>
#include <utility>
#include <vector>

namespace vidata::formats {

/// One row of a Kinetics CSV: a 10-second clip of a YouTube video. `label` is absent in the test files;
/// `is_cc` (Creative Commons licence, 0 or 1) only in the Kinetics-400 files that have the column.
/// `quoted_label` records that the file put the label in quotes without needing to (Kinetics-400 quotes
/// every label with a space, Kinetics-600 none), so that writing reproduces the file. `label_id` is the
/// class index when the file was read against a class list, -1 otherwise.
struct kinetics_csv_row {
    std::optional<std::string> label;
    std::string youtube_id;
    double time_start = 0;
    double time_end = 0;
    std::string split;
    std::optional<int> is_cc;
    bool quoted_label = false;
    int label_id = -1;

    friend bool operator==(const kinetics_csv_row&, const kinetics_csv_row&) = default;
};

}  // namespace vidata::formats

template <>
struct vidata::table_columns<vidata::formats::kinetics_csv_row> {
    using row = vidata::formats::kinetics_csv_row;
    static constexpr std::tuple members{&row::label, &row::youtube_id, &row::time_start,   &row::time_end,
                                        &row::split, &row::is_cc,      &row::quoted_label, &row::label_id};
};

namespace vidata::formats {

/// The rows of a Kinetics CSV, column by column (see record_table): reading a Kinetics-400 train CSV peaks at 2.6x the
/// file's size with them (records, repeat check, mapped window), where a vector of kinetics_csv_row took 5.2x.
using kinetics_csv_table = record_table<kinetics_csv_row>;

template <class Json>
void to_json(Json& j, const kinetics_csv_row& r) {
    j = Json::object();
    if (r.label) j["label"] = *r.label;
    j["youtube_id"] = r.youtube_id;
    j["time_start"] = r.time_start;
    j["time_end"] = r.time_end;
    j["split"] = r.split;
    if (r.is_cc) j["is_cc"] = *r.is_cc;
    if (r.label_id >= 0) j["label_id"] = r.label_id;
}

/// The key MMAction2 files a Kinetics class under (`convert_label` in build_file_list, the directory names
/// rename_classnames.sh makes): quotes dropped, spaces turned into underscores. "air drumming" and
/// "air_drumming" have the same key.
[[nodiscard]] inline std::string kinetics_class_key(std::string_view label) {
    std::string key;
    key.reserve(label.size());
    for (char c : label) {
        if (c == '"') continue;
        key += c == ' ' ? '_' : c;
    }
    return key;
}

/// The clip's file stem as the Kinetics download script and MMAction2 name it: `{youtube_id}_{start:06d}_{end:06d}`
/// with the times truncated to whole seconds.
[[nodiscard]] inline std::string kinetics_clip_name(const kinetics_csv_row& r) {
    char times[48];
    const auto n = std::snprintf(times, sizeof times, "_%06lld_%06lld", static_cast<long long>(r.time_start),
                                 static_cast<long long>(r.time_end));
    return r.youtube_id + std::string(times, n > 0 ? static_cast<std::size_t>(n) : 0);
}

/// The Kinetics CSVs of the ActivityNet crawler and the CVDF release: a header naming the columns, then
/// one clip per row. Columns are found by name (`youtube_id`, `time_start`, `time_end`, `split` required;
/// `label`, `is_cc` optional), so the test files without a label read too. Quoted labels with commas or
/// spaces are read as Python's csv module reads them. A missing column or field, a time that is not a
/// number, an end before the start, an is_cc other than 0/1, or the same clip (id, start, end) twice is a
/// parse_error. The overload taking a class list (label_map_k400.txt order, names with spaces or
/// underscores) resolves `label_id` and rejects an unknown label.
///
/// The writer writes the header `[label,]youtube_id,time_start,time_end,split[,is_cc]` from the first
/// record and "\n"-terminated rows; integral times are written without a decimal point, as in the files.
struct kinetics_csv : text_format<kinetics_csv> {
    using record_type = kinetics_csv_row;
    static constexpr std::string_view name = "kinetics_csv";

    [[nodiscard]] static kinetics_csv_table parse(std::string_view text, std::string_view source) {
        return parse_with(text, source, nullptr, {});
    }

    /// The streaming form read_annotations uses: only a window of a mapped file stays resident.
    [[nodiscard]] static kinetics_csv_table parse(std::string_view text, std::string_view source,
                                                  vidata::detail::read_progress progress) {
        return parse_with(text, source, nullptr, progress);
    }

    [[nodiscard]] static kinetics_csv_table parse(std::string_view text, std::string_view source,
                                                  std::span<const std::string> classes) {
        const detail::label_lookup lookup(classes, [](std::string_view s) { return kinetics_class_key(s); });
        return parse_with(text, source, &lookup, {});
    }

    static void write(std::ostream& out, const kinetics_csv_table& records) { write_rows(out, records); }
    static void write(std::ostream& out, std::span<const record_type> records) { write_rows(out, records); }

    /// Claims a file whose first line is one of the Kinetics headers.
    [[nodiscard]] static bool detect(const std::filesystem::path& /*path*/, std::string_view head) {
        if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
        const std::string_view first = head.substr(0, head.find('\n'));
        const std::string_view line = first.ends_with('\r') ? first.substr(0, first.size() - 1) : first;
        return line == "label,youtube_id,time_start,time_end,split" || line == "label,youtube_id,time_start,time_end,split,is_cc" ||
               line == "youtube_id,time_start,time_end,split";
    }

private:
    // Records: a std::span<const kinetics_csv_row> or a kinetics_csv_table.
    template <class Records>
    static void write_rows(std::ostream& out, const Records& records) {
        const bool labelled = records.empty() || records.front().label.has_value();
        const bool cc = !records.empty() && records.front().is_cc.has_value();
        std::string text = labelled ? "label,youtube_id,time_start,time_end,split" : "youtube_id,time_start,time_end,split";
        text += cc ? ",is_cc\n" : "\n";
        const csv_write_options options{.line_terminator = "\n"};
        for (const auto& r : records) {  // a table gives rows by value: the reference keeps each one for the body
            if (r.label.has_value() != labelled || r.is_cc.has_value() != cc)
                throw invalid_argument("vidata::formats::kinetics_csv::write: clip '" + r.youtube_id +
                                       "' has other columns than the first record (label and is_cc must be given for all or none)");
            if (labelled) {
                if (r.quoted_label) {
                    text += '"';
                    for (char c : *r.label) {
                        text += c;
                        if (c == '"') text += c;
                    }
                    text += '"';
                } else {
                    append_csv_field(text, *r.label, options);
                }
                text += ',';
            }
            append_csv_field(text, r.youtube_id, options);
            text += ',';
            append_time(text, r.time_start);
            text += ',';
            append_time(text, r.time_end);
            text += ',';
            append_csv_field(text, r.split, options);
            if (cc) (text += ',') += std::to_string(*r.is_cc);
            text += '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    static void append_time(std::string& text, double t) {
        char buffer[32];
        const bool integral = std::isfinite(t) && t == std::trunc(t) && std::fabs(t) < 1e15;
        const auto r = integral ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(t))
                                : std::to_chars(buffer, buffer + sizeof buffer, t);
        text.append(buffer, r.ptr);
    }

    static kinetics_csv_table parse_with(std::string_view text, std::string_view source, const detail::label_lookup* classes,
                                         vidata::detail::read_progress progress) {
        csv_reader csv(text, std::string(source), {.header = true, .uniform = true});
        const auto label = csv.find_column("label");
        const auto id = csv.column("youtube_id");
        const auto start = csv.column("time_start");
        const auto end = csv.column("time_end");
        const auto split = csv.column("split");
        const auto cc = csv.find_column("is_cc");
        kinetics_csv_table rows;
        // Upper bounds for the columns (a row has at least 8 bytes: three one-character fields, two digits, its
        // separators): pages never written are never resident, and counting the rows would read a mapped file ahead
        // of the parse. The repeat table fills its slots, so it starts from the typical row (43 bytes) and grows.
        rows.reserve(text.size() / 8 + 1);
        rows.reserve_text(text.size());
        // A clip is its video and its two times (as numbers: "17" and "17.0" are one time).
        detail::unique_keys seen(text.size() / 40);
        // Clips are checked against the ones before a batch at a time, the batch's table slots fetched together: the
        // table of a 250k-row file (4 MB) is beyond the caches, and one wait for memory per row was a fifth of the
        // read. Errors keep their order: before a row's own error is thrown, the rows before it are checked.
        constexpr std::size_t batch = 16;
        std::array<std::uint64_t, batch> hashes{};
        std::array<std::size_t, batch> lines{};
        std::size_t pending = 0;  // the last `pending` rows are not checked yet
        const auto check_pending = [&] {
            const std::size_t count = std::exchange(pending, 0);  // once: a repeat thrown from here passes the catch below
            for (std::size_t k = 0, i = rows.size() - count; k < count; ++k, ++i) {
                const auto same = [&](std::size_t j) {
                    return rows.view<&record_type::youtube_id>(j) == rows.view<&record_type::youtube_id>(i) &&
                           rows.view<&record_type::time_start>(j) == rows.view<&record_type::time_start>(i) &&
                           rows.view<&record_type::time_end>(j) == rows.view<&record_type::time_end>(i);
                };
                if (const auto first = seen.insert(hashes[k], i, lines[k], same)) throw repeated_clip(text, source, i, id, first);
            }
        };
        std::string last_label;
        int last_id = -1;
        const auto time_bits = [](double t) { return std::bit_cast<std::uint64_t>(t == 0 ? 0.0 : t); };
        csv_row row;
        try {
            while (csv.next(row)) {
                progress(csv.position());
                std::optional<std::string_view> label_text;
                bool quoted_label = false;
                int label_id = -1;
                if (label) {
                    const std::string_view l = row[*label];
                    if (l.empty()) throw row.error(*label, "a class name");
                    // An unquoted field starts after a delimiter or a line break; a quoted one without "" escapes
                    // is a view into the text right after its opening quote (one with escapes needs its quotes anyway).
                    const std::less<const char*> before;
                    quoted_label = !csv_needs_quotes(l) && before(text.data(), l.data()) &&
                                   !before(text.data() + text.size(), l.data()) && l.data()[-1] == '"';
                    if (classes != nullptr) {
                        // The files are sorted by label: most rows repeat the previous row's.
                        if (l != last_label) {
                            last_id = classes->find(l);
                            last_label = l;
                        }
                        label_id = last_id;
                        if (label_id < 0) throw row.error(*label, "a class name of the class list");
                    }
                    label_text = l;
                }
                const std::string_view youtube_id = row[id];
                if (youtube_id.empty()) throw row.error(id, "a YouTube id");
                const double time_start = detail::csv_number(row, start, "a start time in seconds");
                const double time_end = detail::csv_number(row, end, "an end time in seconds");
                if (!std::isfinite(time_start) || time_start < 0) throw row.error(start, "a start time of at least 0 seconds");
                if (!(time_end >= time_start) || !std::isfinite(time_end)) throw row.error(end, "an end time not before the start time");
                std::optional<int> is_cc;
                if (cc) {
                    const auto v = row.integer(*cc, "0 or 1");
                    if (v != 0 && v != 1) throw row.error(*cc, "0 or 1");
                    is_cc = static_cast<int>(v);
                }
                const std::uint64_t hash = detail::hash_combine(
                    detail::hash_combine(detail::hash_key(youtube_id), time_bits(time_start)), time_bits(time_end));
                seen.prefetch(hash);
                hashes[pending] = hash;
                lines[pending++] = row.line();
                rows.append(label_text, youtube_id, time_start, time_end, row[split], is_cc, quoted_label, label_id);
                if (pending == batch) check_pending();
            }
        } catch (const parse_error&) {
            check_pending();  // a clip repeated before this row is the first error
            throw;
        }
        check_pending();
        return rows;
    }

    // The error of row `index` (0-based, after the header) repeating the clip of line `first`. Rows are checked a
    // batch after they are read, so the row is found again: a reader that fails once may read twice.
    [[nodiscard]] static parse_error repeated_clip(std::string_view text, std::string_view source, std::size_t index, std::size_t id,
                                                   std::size_t first) {
        csv_reader csv(text, std::string(source), {.header = true, .uniform = true});
        csv_row row;
        for (std::size_t i = 0; csv.next(row) && i < index; ++i) {
        }
        return row.error(id, "a clip (youtube_id, time_start, time_end) not listed before (it is on line " + std::to_string(first) + ")");
    }
};

}  // namespace vidata::formats
