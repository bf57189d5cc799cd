// SPDX-License-Identifier: Apache-2.0
// The `id;label` lists of Something-Something V1 and Jester (one reader, two formats), and their record.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/class_names.hpp>
#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One line of a Something-Something V1 or Jester list: `100218;Something falling like a feather or paper`
/// (train and validation) or `100218` (test). `label` is the class name as written; `label_id` is its
/// 0-based position in the labels file when the list was read against one, -1 otherwise.
struct id_label_row {
    std::string id;
    std::optional<std::string> label;
    int label_id = -1;

    friend bool operator==(const id_label_row&, const id_label_row&) = default;
};

template <class Json>
void to_json(Json& j, const id_label_row& r) {
    j = Json::object();
    j["id"] = r.id;
    if (r.label) j["label"] = *r.label;
    if (r.label_id >= 0) j["label_id"] = r.label_id;
}

namespace detail {

// MMAction2 reads these lists with `line.strip().split(';')`: the first field is the video id (a frame
// directory name), the second the class name. An id must not repeat: it names one directory of frames.
[[nodiscard]] inline std::vector<id_label_row> parse_id_label_lines(std::string_view text, std::string_view source,
                                                                    const label_lookup* labels) {
    std::vector<id_label_row> rows;
    const auto estimate = count_newlines(text) + 1;
    rows.reserve(estimate);
    unique_keys seen(estimate);
    field_list f;
    std::string last_label;
    int last_id = -1;
    for (const auto& line : lines(text, std::string(source))) {
        const std::string_view stripped = vidata::detail::trim_ascii_space(line.text());
        if (stripped.empty()) throw line.error("'id;label' or 'id'");
        f.assign_delimited(stripped, ';', line.source(), line.number(),
                           static_cast<std::size_t>(stripped.data() - line.text().data()) + 1);
        if (f.size() > 2) throw f.error(2, "'id;label' or 'id' (at most one ';')");
        const std::string_view id = f[0].text;
        if (id.empty()) throw f.error(0, "a video id before ';'");
        if (const auto first = seen.insert(hash_key(id), rows.size(), line.number(), [&](std::size_t i) { return rows[i].id == id; }))
            throw f.error(0, "a video id not listed before (it is on line " + std::to_string(first) + ")");
        id_label_row row;
        row.id = std::string(id);
        if (f.size() == 2) {
            const std::string_view label = f[1].text;
            if (label.empty()) throw f.error(1, "a class name after ';'");
            if (labels != nullptr) {
                // Lists sorted or grouped by class repeat the previous line's label.
                if (label != last_label) {
                    last_id = labels->find(label);
                    last_label = label;
                }
                row.label_id = last_id;
                if (row.label_id < 0) throw f.error(1, "a class name of the labels file");
            }
            row.label = std::string(label);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

inline void write_id_label_lines(std::ostream& out, std::span<const id_label_row> rows, std::string_view format) {
    if (!rows.empty()) refuse_leading_bom(rows.front().id, format);
    std::string text;
    for (const auto& r : rows) {
        text += r.id;
        if (r.label) (text += ';') += *r.label;
        text += '\n';
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// What Something-Something V1's and Jester's `id;label` lists share: Derived names itself (`name`) and the
/// official files' stem (`file_stem`: "jester-v1" for jester-v1-train.csv, -validation.csv, -test.csv).
template <class Derived>
struct id_label_csv_format : text_format<Derived> {
    using record_type = id_label_row;

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        return parse_id_label_lines(text, source, nullptr);
    }

    /// As parse(text, source), with each label resolved to its index in `labels`; an unknown name is a parse_error.
    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source,
                                                        std::span<const std::string> labels) {
        const label_lookup lookup(labels);
        return parse_id_label_lines(text, source, &lookup);
    }

    /// Writes `id;label` (or `id`) lines ending in "\n".
    static void write(std::ostream& out, std::span<const record_type> records) {
        write_id_label_lines(out, records, Derived::name);
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        const std::string stem(Derived::file_stem);
        return file_name_is(path, stem + "-train", ".csv") || file_name_is(path, stem + "-validation", ".csv") ||
               file_name_is(path, stem + "-test", ".csv");
    }
};

}  // namespace detail
}  // namespace vidata::formats
