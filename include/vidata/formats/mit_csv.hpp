// SPDX-License-Identifier: Apache-2.0
// vidata::formats::mit_csv: Moments in Time's `trainingSet.csv` / `validationSet.csv`.
#pragma once

#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/mit_categories.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One row of a Moments in Time split CSV: the video (relative to `training/` or `validation/`), its class
/// name and how many annotators agreed and disagreed with that label.
struct mit_csv_row {
    std::string path;
    std::string label;
    std::int64_t agreement = 0;
    std::int64_t disagreement = 0;
    /// The label's index in `moments_categories.txt` when the CSV was read against it, −1 otherwise.
    std::int32_t label_id = -1;

    friend bool operator==(const mit_csv_row&, const mit_csv_row&) = default;
};

template <class Json>
void to_json(Json& j, const mit_csv_row& r) {
    j = Json::object();
    j["path"] = r.path;
    j["label"] = r.label;
    j["agreement"] = r.agreement;
    j["disagreement"] = r.disagreement;
    if (r.label_id >= 0) j["label_id"] = r.label_id;
}

/// Moments in Time `trainingSet.csv` / `validationSet.csv`: no header, one video per row,
///   `filename,label,positive responses,negative responses`, e.g.
///   `dancing/yt-5of6ffo6-Bw_205.mp4,dancing,3,0`
/// (the dataset README's field list). The label is a class name of `moments_categories.txt`
/// (mit_categories); MMAction2's build_file_list takes the class from the path's directory instead.
///
/// Reading: RFC 4180 CSV (quoted fields, CRLF, BOM accepted), exactly 4 fields, counts are integers
/// ≥ 0; blank lines are skipped. Errors name file:line:column, e.g.
///   trainingSet.csv:2:40: expected a count of annotators (an integer >= 0), got 'x'
/// Writing: the 4 fields per row, quoted only where needed, LF line ends.
struct mit_csv : text_format<mit_csv> {
    using record_type = mit_csv_row;
    static constexpr std::string_view name = "mit_csv";

    [[nodiscard]] static std::vector<mit_csv_row> parse(std::string_view text, std::string_view source) {
        std::vector<mit_csv_row> out;
        out.reserve(text.size() / 32 + 1);  // no regrowth copies
        csv_reader csv(text, std::string(source), {.columns = 4});
        for (const csv_row& row : csv) {
            mit_csv_row r{std::string(row[0]), std::string(row[1]), row.integer(2, "a count of annotators (an integer >= 0)"),
                          row.integer(3, "a count of annotators (an integer >= 0)")};
            if (r.agreement < 0) throw row.error(2, "a count of annotators (an integer >= 0)");
            if (r.disagreement < 0) throw row.error(3, "a count of annotators (an integer >= 0)");
            out.push_back(std::move(r));
        }
        return out;
    }

    /// Reads the CSV against the class list (mit_categories): each label gets its `label_id`, and a label that
    /// is not in the list is a parse_error:
    ///   validationSet.csv:4:20: expected a class name of the category list, got 'dancin'
    [[nodiscard]] static std::vector<mit_csv_row> parse(std::string_view text, std::string_view source,
                                                        std::span<const mit_category> categories) {
        std::unordered_map<std::string_view, std::int32_t> id_of;
        for (const mit_category& c : categories) id_of.emplace(c.name, c.id);
        std::vector<mit_csv_row> out = parse(text, source);
        // The label's column is found again for the error only, so the common path keeps its single pass.
        for (std::size_t i = 0; i < out.size(); ++i) {
            const auto it = id_of.find(out[i].label);
            if (it == id_of.end()) {
                csv_reader csv(text, std::string(source), {.columns = 4});
                std::size_t row_index = 0;
                for (const csv_row& row : csv)
                    if (row_index++ == i) throw row.error(1, "a class name of the category list");
                throw parse_error(source_location{std::string(source), 0, 0, -1, {}}, "a class name of the category list", out[i].label);
            }
            out[i].label_id = it->second;
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const mit_csv_row> records) {
        if (!records.empty()) detail::refuse_leading_bom(records.front().path, name);
        csv_writer csv(out, {.line_terminator = "\n"});
        for (const mit_csv_row& r : records) {
            const std::string agree = std::to_string(r.agreement), disagree = std::to_string(r.disagreement);
            csv.write_row({r.path, r.label, agree, disagree});
        }
    }

    /// The official names with the .csv extension (Multi-Moments in Time's lists are .txt).
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view) {
        const auto file = path.filename();
        return file == "trainingSet.csv" || file == "validationSet.csv";
    }
};

}  // namespace vidata::formats
