// SPDX-License-Identifier: Apache-2.0
// vidata::formats::hmdb51_split: HMDB51's `testTrainMulti_7030_splits/<class>_test_splitN.txt` (`<video>.avi <0|1|2> `).
#pragma once

#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One line of an HMDB51 split file: the video file name, the class (from the file's name, since the
/// line does not say it) and the split tag: 1 train, 2 test, 0 unused in this split.
struct hmdb51_split_entry {
    static constexpr int unused = 0;
    static constexpr int train = 1;
    static constexpr int test = 2;

    std::string class_name;
    std::string video;
    int tag = unused;

    friend bool operator==(const hmdb51_split_entry&, const hmdb51_split_entry&) = default;
};

template <class Json>
void to_json(Json& j, const hmdb51_split_entry& e) {
    j = Json::object();
    if (!e.class_name.empty()) j["class"] = e.class_name;
    j["video"] = e.video;
    j["tag"] = e.tag;
}

/// HMDB51's per-class split files: `<video>.avi <tag> ` per line, with the trailing space of the official
/// archive (and LF, as the copies MMAction2 and TSN read). The class is the part of the source's file name
/// before `_test_split` (empty when the name has another form). A tag other than 0, 1 or 2, a missing or
/// third field, or a video listed twice is a parse_error. The writer writes `<video> <tag> \n`.
struct hmdb51_split : text_format<hmdb51_split> {
    using record_type = hmdb51_split_entry;
    static constexpr std::string_view name = "hmdb51_split";

    /// `brush_hair` for `.../brush_hair_test_split1.txt`; empty when `source` is not named so.
    [[nodiscard]] static std::string class_of(std::string_view source) {
        const std::string file = std::filesystem::path(source).filename().string();
        const auto at = file.rfind("_test_split");
        return at == std::string::npos || at == 0 ? std::string() : file.substr(0, at);
    }

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        const std::string class_name = class_of(source);
        std::vector<record_type> entries;
        const auto estimate = detail::count_newlines(text) + 1;
        entries.reserve(estimate);
        detail::unique_keys seen(estimate);
        field_list f;
        for (const auto& line : lines(text, std::string(source))) {
            line.fields(f);
            f.expect_count(2, "'video tag'");
            const std::string_view tag = f[1].text;
            if (tag.size() != 1 || tag[0] < '0' || tag[0] > '2') throw f.error(1, "a split tag 0 (unused), 1 (train) or 2 (test)");
            const std::string_view video = f[0].text;
            if (const auto first = seen.insert(detail::hash_key(video), entries.size(), line.number(),
                                               [&](std::size_t i) { return entries[i].video == video; }))
                throw f.error(0, "a video not listed before (it is on line " + std::to_string(first) + ")");
            entries.push_back({class_name, std::string(f[0].text), tag[0] - '0'});
        }
        return entries;
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        if (!records.empty()) detail::refuse_leading_bom(records.front().video, name);
        std::string text;
        for (const auto& e : records) {
            if (e.tag < 0 || e.tag > 2)
                throw invalid_argument("vidata::formats::hmdb51_split::write: tag " + std::to_string(e.tag) + " of '" + e.video +
                                       "' is not 0, 1 or 2");
            ((text += e.video) += ' ') += static_cast<char>('0' + e.tag);
            text += " \n";
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        const std::string n = path.filename().string();
        const auto at = n.rfind("_test_split");
        return at != std::string::npos && at > 0 && n.size() == at + 16 && n[at + 11] >= '1' && n[at + 11] <= '9' &&
               n.ends_with(".txt");
    }
};

}  // namespace vidata::formats
