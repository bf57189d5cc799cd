// SPDX-License-Identifier: Apache-2.0
// vidata::formats::mmit_list: Multi-Moments in Time's `trainingSet.txt` / `validationSet.txt`.
#pragma once

#include <vidata/core/video_record.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>

#include <filesystem>
#include <limits>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// Multi-Moments in Time's split lists: one video per line, its path and the indices (into
/// `moments_categories.txt`, read with mit_categories: both datasets ship the same `name,idx` file) of
/// all its labels, comma-separated:
///   `swimming/yt-abc_12.mp4,84,201`
/// Each line becomes a video_record with `path` and `labels` (total_frames stays −1).
///
/// Reading: RFC 4180 CSV, CRLF and BOM accepted, blank lines skipped; a line needs a path and at least
/// one label, each label an integer ≥ 0:
///   trainingSet.txt:7:25: expected a class index (an integer >= 0), got 'swimming'
/// Writing: `path,l1,l2,...` with LF line ends (a path holding a comma or quote is quoted).
struct mmit_list : text_format<mmit_list> {
    using record_type = video_record;
    static constexpr std::string_view name = "mmit_list";

    [[nodiscard]] static std::vector<video_record> parse(std::string_view text, std::string_view source) {
        static constexpr std::string_view label_expectation = "a class index (an integer >= 0)";
        std::vector<video_record> out;
        out.reserve(text.size() / 24 + 1);  // no regrowth copies
        csv_reader csv(text, std::string(source));
        for (const csv_row& row : csv) {
            if (row.size() < 2) throw row.error(row.size(), "'path,label[,label...]': a path and at least one class index");
            video_record r;
            r.path = std::string(row[0]);
            r.labels.reserve(row.size() - 1);
            for (std::size_t i = 1; i < row.size(); ++i) {
                const int label = row.value<int>(i, label_expectation);
                if (label < 0) throw row.error(i, std::string(label_expectation));
                r.labels.push_back(label);
            }
            out.push_back(std::move(r));
        }
        return out;
    }

    /// Records need at least one label each (an unlabelled line would not read back); invalid_argument otherwise.
    static void write(std::ostream& out, std::span<const video_record> records) {
        if (!records.empty()) detail::refuse_leading_bom(records.front().path, name);
        std::string text;
        std::vector<std::string> fields;
        for (const video_record& r : records) {
            if (r.labels.empty())
                throw invalid_argument("vidata::formats::mmit_list: '" + r.path + "' has no label; every line needs one");
            fields.clear();
            fields.push_back(r.path);
            for (int label : r.labels) fields.push_back(std::to_string(label));
            append_csv_row(text, fields, {.line_terminator = "\n"});
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view) {
        const auto file = path.filename();
        return file == "trainingSet.txt" || file == "validationSet.txt";
    }
};

}  // namespace vidata::formats
