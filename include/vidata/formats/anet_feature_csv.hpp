// SPDX-License-Identifier: Apache-2.0
// vidata::formats::anet_feature_csv: the ActivityNet snippet-feature CSVs of BSN/BMN (`csv_mean_100/v_<id>.csv`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <charconv>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One temporal step of a video's features: `values[i]` is column `f<i>`.
struct feature_row {
    std::vector<double> values;

    friend bool operator==(const feature_row&, const feature_row&) = default;
};

// Rows run to 400 values: inspect shows their count and the first few.
template <class Json>
void to_json(Json& j, const feature_row& r) {
    j = Json::object();
    j["size"] = r.values.size();
    Json head = Json::array();
    for (std::size_t i = 0; i < r.values.size() && i < 4; ++i) head.push_back(r.values[i]);
    j["first"] = std::move(head);
}

/// How anet_feature_csv writes numbers.
struct anet_feature_csv_options {
    /// Digits after the point (`"%.4f"`, as MMAction2's activitynet_feature_postprocessing.py writes them);
    /// negative: the shortest text that reads back as the same double (Python's repr), as in BSN's published files.
    int decimals = -1;
};

/// A feature CSV of BSN/BMN: a header naming the columns `f0,f1,...,f{C-1}` (C = 400: 200 RGB + 200 flow), then one
/// row per temporal step (100 after the `csv_mean_100` rescaling), each C numbers:
///
///   f0,f1,f2,...,f399
///   -2.52400826749,0.0481050342173,...
///
/// Records are the rows (feature_row). Every row must have as many values as the header; a header other than
/// `f0..f{C-1}` is an error (the writer could not restore it). The writer writes that header and the rows,
/// "\n"-terminated, numbers per anet_feature_csv_options.
struct anet_feature_csv : text_format<anet_feature_csv> {
    using record_type = feature_row;
    static constexpr std::string_view name = "anet_feature_csv";

    [[nodiscard]] static std::vector<feature_row> parse(std::string_view text, std::string_view source) {
        csv_reader csv(text, std::string(source), {.header = true, .uniform = true});
        const csv_row& header = csv.header();
        std::string expected;
        for (std::size_t i = 0; i < header.size(); ++i) {
            expected = "f" + std::to_string(i);
            if (header[i] != expected) throw header.error(i, "the column name '" + expected + "' (a header f0,f1,...)");
        }
        if (header.size() == 0) return {};  // an empty file: what write() makes of no rows
        std::vector<feature_row> out;
        for (const csv_row& row : csv) {
            feature_row r;
            r.values.resize(row.size());
            for (std::size_t i = 0; i < row.size(); ++i) r.values[i] = row.number(i, "a feature value");
            out.push_back(std::move(r));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const feature_row> rows, const anet_feature_csv_options& options = {}) {
        const std::size_t columns = rows.empty() ? 0 : rows.front().values.size();
        if (rows.empty()) return;  // no row, no column count: an empty file, which parse() reads as no rows
        std::string text;
        for (std::size_t i = 0; i < columns; ++i) {
            if (i != 0) text += ',';
            text += 'f';
            text += std::to_string(i);
        }
        text += '\n';
        char number[400];  // a double in fixed notation: up to 309 integer digits, 30 decimals
        for (const feature_row& r : rows) {
            if (r.values.size() != columns || columns == 0)
                throw invalid_argument("vidata::formats::anet_feature_csv::write: every row needs the same number of values (" +
                                       std::to_string(columns) + "), and at least one");
            for (std::size_t i = 0; i < columns; ++i) {
                if (i != 0) text += ',';
                if (options.decimals >= 0) {
                    const auto written = std::to_chars(number, number + sizeof number, r.values[i], std::chars_format::fixed,
                                                       options.decimals < 30 ? options.decimals : 30);
                    text.append(number, written.ptr);
                } else {
                    text += pickle::float_repr(r.values[i]);
                }
            }
            text += '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
};

}  // namespace vidata::formats
