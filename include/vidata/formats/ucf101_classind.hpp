// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ucf101_classind: UCF-101's `classInd.txt` (`1 ApplyEyeMakeup`), the 1-based class index.
#pragma once

#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One line of `classInd.txt`: the class's 1-based index as written, and its name (the directory name of
/// its videos). MMAction2's class id is `index - 1`.
struct ucf101_class {
    int index = 0;
    std::string name;

    friend bool operator==(const ucf101_class&, const ucf101_class&) = default;
};

template <class Json>
void to_json(Json& j, const ucf101_class& c) {
    j = Json::object();
    j["index"] = c.index;
    j["name"] = c.name;
}

/// UCF-101's class index (also what MMAction2 generates for HMDB51): `index name` per line, CRLF in the
/// official archive, LF accepted. An index below 1, a repeated index or a repeated name is a parse_error
/// (either would make two classes one). The writer writes `index name\r\n`, as the official file.
struct ucf101_classind : text_format<ucf101_classind> {
    using record_type = ucf101_class;
    static constexpr std::string_view name = "ucf101_classind";

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source) {
        std::vector<record_type> classes;
        std::unordered_map<std::int64_t, std::size_t> index_line;
        std::unordered_map<std::string_view, std::size_t> name_line;
        field_list f;
        for (const auto& line : lines(text, std::string(source))) {
            line.fields(f);
            f.expect_count(2, "'index class_name'");
            const auto index = f.value<int>(0, "a 1-based class index");
            if (index < 1) throw f.error(0, "a 1-based class index");
            if (const auto [it, fresh] = index_line.emplace(index, line.number()); !fresh)
                throw f.error(0, "a class index not listed before (it is on line " + std::to_string(it->second) + ")");
            if (const auto [it, fresh] = name_line.emplace(f[1].text, line.number()); !fresh)
                throw f.error(1, "a class name not listed before (it is on line " + std::to_string(it->second) + ")");
            classes.push_back({index, std::string(f[1].text)});
        }
        return classes;
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        std::string text;
        for (const auto& c : records) (((text += std::to_string(c.index)) += ' ') += c.name) += "\r\n";
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return path.filename() == "classInd.txt";
    }
};

}  // namespace vidata::formats
