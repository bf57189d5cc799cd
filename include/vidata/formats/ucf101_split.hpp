// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ucf101_split: UCF-101's `trainlist0N.txt` (`Class/v_..._gXX_cYY.avi label`) and `testlist0N.txt` (path only).
#pragma once

#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/ucf101_classind.hpp>
#include <vidata/io/line_reader.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One line of a UCF-101 split file: the video's path relative to the dataset root
/// (`ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi`) and, in a train list, the 1-based class index as written.
struct ucf101_split_entry {
    std::string path;
    std::optional<int> label;

    /// The class directory: the path up to its first '/' (what MMAction2 looks up in classInd.txt).
    [[nodiscard]] std::string_view class_name() const noexcept {
        const std::string_view p = path;
        return p.substr(0, std::min(p.find('/'), p.size()));
    }

    friend bool operator==(const ucf101_split_entry&, const ucf101_split_entry&) = default;
};

template <class Json>
void to_json(Json& j, const ucf101_split_entry& e) {
    j = Json::object();
    j["path"] = e.path;
    if (e.label) j["label"] = *e.label;
}

/// The UCF-101 split lists (and the HMDB51 ones MMAction2 generates in the same form): `path label` or
/// `path` per line, CRLF in the official archive, LF accepted. A path listed twice, a label that is not a
/// positive integer, or a third field is a parse_error. The writer writes CRLF lines, as the official files.
/// The overload taking classInd.txt also checks that each path's class directory is a listed class and that
/// a train label is that class's index, the two facts MMAction2's build_file_list relies on.
struct ucf101_split : text_format<ucf101_split> {
    using record_type = ucf101_split_entry;
    static constexpr std::string_view name = "ucf101_split";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        return parse_checked(text, source, {});
    }

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source,
                                                        std::span<const ucf101_class> classes) {
        if (classes.empty()) throw invalid_argument("vidata::formats::ucf101_split::parse: the class index is empty");
        return parse_checked(text, source, classes);
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        if (!records.empty()) detail::refuse_leading_bom(records.front().path, name);
        std::string text;
        for (const auto& e : records) {
            text += e.path;
            if (e.label) (text += ' ') += std::to_string(*e.label);
            text += "\r\n";
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        const std::string n = path.filename().string();
        const auto numbered = [&](std::string_view prefix) {
            return n.size() == prefix.size() + 6 && n.starts_with(prefix) && std::isdigit(static_cast<unsigned char>(n[prefix.size()])) &&
                   std::isdigit(static_cast<unsigned char>(n[prefix.size() + 1])) && n.ends_with(".txt");
        };
        return numbered("trainlist") || numbered("testlist");
    }

private:
    static std::vector<record_type> parse_checked(std::string_view text, std::string_view source,
                                                  std::span<const ucf101_class> classes) {
        std::unordered_map<std::string_view, int> class_index;
        for (const auto& c : classes) class_index.emplace(c.name, c.index);
        std::vector<record_type> entries;
        const auto estimate = detail::count_newlines(text) + 1;
        entries.reserve(estimate);
        detail::unique_keys seen(estimate);
        field_list f;
        for (const auto& line : lines(text, std::string(source))) {
            line.fields(f);
            if (f.empty()) throw line.error("'path label' or 'path'");
            if (f.size() > 2) throw f.error(2, "'path label' or 'path' (2 fields at most)");
            const std::string_view path = f[0].text;
            if (const auto first = seen.insert(detail::hash_key(path), entries.size(), line.number(),
                                               [&](std::size_t i) { return entries[i].path == path; }))
                throw f.error(0, "a video not listed before (it is on line " + std::to_string(first) + ")");
            ucf101_split_entry e{std::string(f[0].text), std::nullopt};
            if (f.size() == 2) {
                e.label = f.value<int>(1, "a 1-based class index");
                if (*e.label < 1) throw f.error(1, "a 1-based class index");
            }
            if (!classes.empty()) {
                const auto it = class_index.find(e.class_name());
                if (it == class_index.end()) throw f.error(0, "a path whose class directory is listed in classInd.txt");
                if (e.label && *e.label != it->second)
                    throw f.error(1, "the index classInd.txt gives to '" + std::string(e.class_name()) + "' (" +
                                         std::to_string(it->second) + ")");
            }
            entries.push_back(std::move(e));
        }
        return entries;
    }
};

}  // namespace vidata::formats
