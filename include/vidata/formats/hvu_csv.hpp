// SPDX-License-Identifier: Apache-2.0
// vidata::formats::hvu_csv: the HVU release CSVs (`HVU_Train_V1.0.csv`, `HVU_Val_V1.0.csv`, `HVU_Test_V1.0.csv`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/record_table.hpp>
#include <vidata/formats/detail/csv_number.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/hvu_categories.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vidata::formats {

/// One row of an HVU CSV: the clip `youtube_id` [time_start, time_end] (seconds) and its tags. `tags` is
/// nullopt for the test CSV, which has no Tags column.
struct hvu_csv_row {
    std::optional<std::vector<std::string>> tags;
    std::string youtube_id;
    double time_start = 0.0;
    double time_end = 0.0;

    friend bool operator==(const hvu_csv_row&, const hvu_csv_row&) = default;
};

}  // namespace vidata::formats

template <>
struct vidata::table_columns<vidata::formats::hvu_csv_row> {
    using row = vidata::formats::hvu_csv_row;
    static constexpr std::tuple members{&row::tags, &row::youtube_id, &row::time_start, &row::time_end};
};

namespace vidata::formats {

/// The rows of an HVU CSV, column by column (see record_table): every tag in one arena, about 1.5x the file's size
/// where a vector of hvu_csv_row (a heap string per tag) would take over 4x.
using hvu_csv_table = record_table<hvu_csv_row>;

template <class Json>
void to_json(Json& j, const hvu_csv_row& r) {
    j = Json::object();
    if (r.tags) j["tags"] = *r.tags;
    j["youtube_id"] = r.youtube_id;
    j["time_start"] = r.time_start;
    j["time_end"] = r.time_end;
}

namespace detail {

// HVU writes a whole-second time as an integer ("42") and others with their decimals ("101.5").
[[nodiscard]] inline std::string hvu_time_text(double t) {
    std::string s = pickle::float_repr(t);
    if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

}  // namespace detail

/// The HVU CSVs: a header `Tags,youtube_id,time_start,time_end` (train, val) or
/// `youtube_id,time_start,time_end` (test), then one clip per row, tags joined by '|':
///   `plant|soil|tree|lawn,J-_3qcu6wvQ,126.5,128.5`
/// MMAction2's hvu/generate_file_list.py names the trimmed clip `{id}_{int(start*10):06d}_{int(end*10):06d}`
/// and maps each tag to its category through `hvu_categories.csv` (hvu_categories).
///
/// Reading: RFC 4180 CSV (CRLF, BOM accepted); the header must be one of the two layouts; times are
/// finite numbers; a tag list holds no empty tag. Errors name file:line:column, e.g.
///   HVU_Val_V1.0.csv:5:1: expected tags separated by '|' (no empty tag), got 'a||b'
/// Writing: the header of the first record's layout (every record must have the same), LF line ends,
/// times as HVU writes them (integers without ".0").
struct hvu_csv : text_format<hvu_csv> {
    using record_type = hvu_csv_row;
    static constexpr std::string_view name = "hvu_csv";

    [[nodiscard]] static hvu_csv_table parse(std::string_view text, std::string_view source) {
        return parse(text, source, vidata::detail::read_progress{});
    }

    /// The streaming form read_annotations uses: only a window of a mapped file stays resident.
    [[nodiscard]] static hvu_csv_table parse(std::string_view text, std::string_view source, vidata::detail::read_progress progress) {
        csv_reader csv(text, std::string(source), {.header = true, .uniform = true});
        const csv_row& header = csv.header();
        const bool tagged = header.size() == 4 && header[0] == "Tags";
        const std::size_t first = tagged ? 1 : 0;
        if (header.size() != first + 3 || header[first] != "youtube_id" || header[first + 1] != "time_start" ||
            header[first + 2] != "time_end")
            throw parse_error(header.location(0), "the header 'Tags,youtube_id,time_start,time_end' (or without Tags, for the test set)",
                              std::string(header.raw()));
        hvu_csv_table out;
        // Upper bounds (a row has at least 6 bytes, `a,0,0` and its line end in the test layout): pages never written
        // are never resident.
        out.reserve(text.size() / 6 + 1);
        out.reserve_text(text.size());
        std::vector<std::string_view> tags;
        for (const csv_row& row : csv) {
            progress(csv.position());
            tags.clear();
            if (tagged) {
                const std::string_view joined = row[0];
                for (std::size_t start = 0; !joined.empty();) {
                    const std::size_t bar = joined.find('|', start);
                    const std::string_view tag = joined.substr(start, bar == std::string_view::npos ? bar : bar - start);
                    if (tag.empty()) throw row.error(0, "tags separated by '|' (no empty tag)");
                    tags.push_back(tag);
                    if (bar == std::string_view::npos) break;
                    start = bar + 1;
                }
            }
            const double time_start = detail::csv_number(row, first + 1, "a start time in seconds");
            const double time_end = detail::csv_number(row, first + 2, "an end time in seconds");
            if (!std::isfinite(time_start)) throw row.error(first + 1, "a finite start time in seconds");
            if (!std::isfinite(time_end)) throw row.error(first + 2, "a finite end time in seconds");
            if (tagged) out.append(tags, row[first], time_start, time_end);
            else out.append(std::nullopt, row[first], time_start, time_end);
        }
        return out;
    }

    /// Reads the CSV and checks every tag against the tag list (hvu_categories); an unknown tag is a parse_error
    /// naming its row:
    ///   HVU_Val_V1.0.csv:3:1: expected tags of the tag list (no 'tre'), got 'tre|lawn'
    [[nodiscard]] static hvu_csv_table parse(std::string_view text, std::string_view source,
                                             std::span<const hvu_tag_category> categories) {
        std::unordered_set<std::string_view> known;
        for (const hvu_tag_category& c : categories) known.insert(c.tag);
        hvu_csv_table out = parse(text, source);
        for (std::size_t i = 0; i < out.size(); ++i) {
            const auto tags = out.view<&hvu_csv_row::tags>(i);
            if (!tags) continue;
            for (std::size_t k = 0; k < tags->size(); ++k) {
                const std::string_view tag = (*tags)[k];
                if (known.contains(tag)) continue;
                csv_reader csv(text, std::string(source), {.header = true});
                std::size_t row_index = 0;
                for (const csv_row& row : csv)
                    if (row_index++ == i) throw row.error(0, "tags of the tag list (no '" + std::string(tag) + "')");
            }
        }
        return out;
    }

    /// invalid_argument when the records mix the two layouts (some with tags, some without), or a tag
    /// is empty or holds '|'.
    static void write(std::ostream& out, std::span<const hvu_csv_row> records) { write_rows(out, records); }
    static void write(std::ostream& out, const hvu_csv_table& records) { write_rows(out, records); }

    /// A file whose first line is one of the two HVU headers.
    [[nodiscard]] static bool detect(const std::filesystem::path&, std::string_view head) {
        if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
        const std::string_view line = head.substr(0, head.find('\n'));
        const std::string_view trimmed = line.ends_with('\r') ? line.substr(0, line.size() - 1) : line;
        return trimmed == "Tags,youtube_id,time_start,time_end" || trimmed == "youtube_id,time_start,time_end";
    }

private:
    // Records: a std::span<const hvu_csv_row> or an hvu_csv_table (whose rows come by value: the loop's reference
    // keeps each one for the body).
    template <class Records>
    static void write_rows(std::ostream& out, const Records& records) {
        const bool tagged = records.empty() || records.front().tags.has_value();
        csv_writer csv(out, {.line_terminator = "\n"});
        if (tagged) csv.write_row({"Tags", "youtube_id", "time_start", "time_end"});
        else csv.write_row({"youtube_id", "time_start", "time_end"});
        std::string joined;
        for (const hvu_csv_row& r : records) {
            if (r.tags.has_value() != tagged)
                throw invalid_argument("vidata::formats::hvu_csv: records mix rows with and without tags ('" + r.youtube_id + "')");
            const std::string start = detail::hvu_time_text(r.time_start), end = detail::hvu_time_text(r.time_end);
            if (!tagged) {
                csv.write_row({r.youtube_id, start, end});
                continue;
            }
            joined.clear();
            for (const std::string& tag : *r.tags) {
                if (tag.empty() || tag.find('|') != std::string::npos)
                    throw invalid_argument("vidata::formats::hvu_csv: tag '" + tag + "' of '" + r.youtube_id +
                                           "' is empty or holds '|'");
                if (!joined.empty()) joined += '|';
                joined += tag;
            }
            csv.write_row({joined, r.youtube_id, start, end});
        }
    }

};

}  // namespace vidata::formats
