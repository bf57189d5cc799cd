// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ava_exclusions: AVA's excluded-timestamps CSVs (`ava_{train,val}_excluded_timestamps_v2.x.csv`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/ava_rows.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>

#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One row of an exclusions file: a keyframe whose annotations are incomplete, left out of evaluation.
struct ava_excluded_frame {
    std::string video_id;
    int timestamp = 0;  ///< seconds, as the file's four digits ("0902" is 902)

    friend bool operator==(const ava_excluded_frame&, const ava_excluded_frame&) = default;
};

template <class Json>
void to_json(Json& j, const ava_excluded_frame& f) {
    j = Json::object();
    j["video_id"] = f.video_id;
    j["timestamp"] = f.timestamp;
}

/// AVA's excluded timestamps: no header, one `video_id,timestamp` per row,
///
///   0f39OWEqJ24,0903
///   _-Z6wFjXtGQ,0902
///
/// Reading: exactly two fields per row (the references assert it), the timestamp an integer; a BOM, CRLF and
/// empty lines are accepted. Rows keep their order; a frame listed twice stays twice (the evaluator's set
/// holds it once). Errors: parse_error with file:line:column for another number of fields or a timestamp
/// that is not an integer. Writing: `video_id,%04d\n` per record, so AVA's files write back byte for byte.
/// The evaluator's reader (frame keys under a metrics policy) is metrics/ava_inputs.hpp's parse_ava_exclusions.
struct ava_exclusions : text_format<ava_exclusions> {
    using record_type = ava_excluded_frame;
    static constexpr std::string_view name = "ava_exclusions";

    [[nodiscard]] static std::vector<ava_excluded_frame> parse(std::string_view text, std::string_view source) {
        std::vector<ava_excluded_frame> out;
        out.reserve(detail::ava_row_bound(text));
        csv_reader csv(text, std::string(source), {.skip_empty_lines = true, .skip_bom = true});
        csv_row row;
        while (csv.next(row)) {
            if (row.size() != 2) throw detail::ava_row_width_error(row, "a row of 2 fields 'video_id,timestamp'");
            out.push_back({std::string(row[0]), row.value<int>(1, "an integer timestamp in seconds")});
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const ava_excluded_frame> records) {
        std::string text;
        if (!records.empty()) detail::refuse_leading_bom(records.front().video_id, name);  // reading would drop it
        for (const auto& r : records) {
            append_csv_field(text, r.video_id, {.line_terminator = "\n"});
            text.push_back(',');
            detail::append_ava_integer(text, r.timestamp, 4);
            text.push_back('\n');
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// AVA's file names (`ava_val_excluded_timestamps_v2.2.csv`) are certain; no other file has them.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        const std::string file = path.filename().string();
        return file.find("excluded_timestamps") != std::string::npos && path.extension() == ".csv";
    }
};

}  // namespace vidata::formats
