// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ava_kinetics_csv: the Kinetics part of AVA-Kinetics (`kinetics_{train,val}_v1.0.csv`), one row per record.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/detail/ava_rows.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One row of an AVA-Kinetics CSV: a person box and one action at a keyframe of a Kinetics clip, or a
/// keyframe without boxes. Unlike AVA's, the timestamp is a time in seconds with a fraction (`13.006000`),
/// which vidata::box_record's integer seconds cannot hold.
struct ava_kinetics_row {
    std::string youtube_id;
    double timestamp = 0.0;                       ///< seconds into the YouTube video
    std::optional<std::array<double, 4>> box;     ///< x1, y1, x2, y2 normalised to [0, 1]; none on a 2-field row
    int action_id = -1;                           ///< AVA's 1-based action id; −1 on a 2-field row
    int person_id = -1;                           ///< an 8th column where present, else −1

    friend bool operator==(const ava_kinetics_row&, const ava_kinetics_row&) = default;
};

template <class Json>
void to_json(Json& j, const ava_kinetics_row& r) {
    j = Json::object();
    j["youtube_id"] = r.youtube_id;
    j["timestamp"] = r.timestamp;
    if (r.box) {
        j["box"] = Json::array({(*r.box)[0], (*r.box)[1], (*r.box)[2], (*r.box)[3]});
        j["action_id"] = r.action_id;
    }
    if (r.person_id != -1) j["person_id"] = r.person_id;
}

/// AVA-Kinetics v1.0's Kinetics CSVs: no header,
///
///   00_77WAvZ_o,17.000000,0.308489,0.465223,0.530244,0.991838,12
///   00g-inkLork,5.016949
///
/// Reading: 7 fields `youtube_id,timestamp,x1,y1,x2,y2,action_id`, 8 with a person id, or 2
/// `youtube_id,timestamp` for a keyframe without boxes. Timestamps and coordinates are numbers as Python's
/// float() reads them and must be finite; ids integers. A BOM, CRLF and empty lines are accepted.
/// Errors: parse_error with file:line:column for another number of fields or a field that is not its kind of number.
/// Writing: as the release writes them, "\n"-terminated: timestamp and coordinates with six decimals (or the
/// shortest exact text where six would change the value), so the release's files write back byte for byte.
/// The evaluator reads these rows into frame keys with metrics/ava_inputs.hpp (P::ava_empty_frame_rows).
struct ava_kinetics_csv : text_format<ava_kinetics_csv> {
    using record_type = ava_kinetics_row;
    static constexpr std::string_view name = "ava_kinetics_csv";

    [[nodiscard]] static std::vector<ava_kinetics_row> parse(std::string_view text, std::string_view source) {
        std::vector<ava_kinetics_row> out;
        out.reserve(detail::ava_row_bound(text));
        csv_reader csv(text, std::string(source), {.skip_empty_lines = true, .skip_bom = true});
        csv_row row;
        while (csv.next(row)) {
            const std::size_t fields = row.size();
            if (fields != 2 && fields != 7 && fields != 8)
                throw detail::ava_row_width_error(row, "a row of 7 or 8 fields 'youtube_id,timestamp,x1,y1,x2,y2,action_id[,person_id]' "
                                                       "or of 2 'youtube_id,timestamp'");
            ava_kinetics_row& r = out.emplace_back();
            r.youtube_id.assign(row[0]);
            r.timestamp = detail::ava_finite_number(row, 1, "a timestamp in seconds");
            if (fields > 2) {
                r.box = std::array<double, 4>{detail::ava_finite_number(row, 2, "a box coordinate x1"),
                                              detail::ava_finite_number(row, 3, "a box coordinate y1"),
                                              detail::ava_finite_number(row, 4, "a box coordinate x2"),
                                              detail::ava_finite_number(row, 5, "a box coordinate y2")};
                r.action_id = row.value<int>(6, "an integer action id");
                if (fields == 8) r.person_id = row.value<int>(7, "an integer person id");
            }
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const ava_kinetics_row> records) {
        std::string text;
        if (!records.empty()) detail::refuse_leading_bom(records.front().youtube_id, name);  // reading would drop it
        for (const auto& r : records) {
            append_csv_field(text, r.youtube_id, {.line_terminator = "\n"});
            text.push_back(',');
            detail::append_ava_decimal(text, r.timestamp, 6);
            if (r.box) {
                for (const double v : *r.box) {
                    text.push_back(',');
                    detail::append_ava_decimal(text, v, 6);
                }
                text.push_back(',');
                detail::append_ava_integer(text, r.action_id);
                if (r.person_id != -1) {
                    text.push_back(',');
                    detail::append_ava_integer(text, r.person_id);
                }
            }
            text.push_back('\n');
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims a file whose first lines are AVA rows with timestamps in seconds with a fraction.
    [[nodiscard]] static bool detect(const std::filesystem::path& /*path*/, std::string_view head) {
        return detail::looks_like_ava_rows(head, true);
    }
};

}  // namespace vidata::formats
