// SPDX-License-Identifier: Apache-2.0
// vidata::formats::label_map: MMAction2's label-map text files (one class name per line, or `<id>: <name>`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vidata::formats {

/// One class of a label map. `id` is the number the line gives (`1: bend/bow (at the waist)` in AVA's and
/// MultiSports' maps) and nullopt in the plain form, where the class index is the line's position (0-based).
struct label_map_entry {
    std::string name;
    std::optional<int> id;

    friend bool operator==(const label_map_entry&, const label_map_entry&) = default;
};

template <class Json>
void to_json(Json& j, const label_map_entry& e) {
    j = Json::object();
    if (e.id) j["id"] = *e.id;
    j["name"] = e.name;
}

/// The label maps of MMAction2's tools/data/<dataset>/: `label_map_k400.txt`, `label_map.txt`, ...
///
///   abseiling                       plain form: class i is line i (0-based), as `[x.strip() for x in open(f)]`
///   air drumming
///
///   1: bend/bow (at the waist)      numbered form (AVA, MultiSports): `<id>: <name>`
///   3: crouch/kneel
///
/// The form is the first line's; every line must then have it. Names are stripped of surrounding blanks (Kinetics
/// names keep their inner spaces or underscores as written). Blank lines at the end are ignored; a blank line
/// between names is an error (it would shift every later class index), and so is a repeated id. A repeated name
/// is kept: FineGYM's gym99 map names elements 58 and 70 both "(BB) salto backward tucked".
/// The writer writes one entry per line, "\n"-terminated, `<id>: <name>` for entries with an id.
/// AVA's `ava_file_names_trainval_v2.1.txt` (the videos its download script fetches, `053oq2xB3oU.mkv` per
/// line) has the plain form and reads as a label map: entry i is the i-th file name.
struct label_map : text_format<label_map> {
    using record_type = label_map_entry;
    static constexpr std::string_view name = "label_map";

    [[nodiscard]] static std::vector<label_map_entry> parse(std::string_view text, std::string_view source) {
        std::vector<label_map_entry> out;
        std::unordered_set<int> ids;
        std::optional<bool> numbered;
        std::size_t blank_line = 0;  // the first blank line not yet followed by a name
        std::string_view blank_text;
        line_reader reader(text, std::string(source));
        text_line line;
        while (reader.next(line)) {
            const std::string_view trimmed = vidata::detail::trim_ascii_space(line.text());
            if (trimmed.empty()) {
                if (blank_line == 0) {
                    blank_line = line.number();
                    blank_text = line.text();
                }
                continue;
            }
            if (blank_line != 0)
                throw parse_error(source_location{std::string(source), blank_line, 0, -1, {}},
                                  "a class name (a blank line between names would shift the class indices)", std::string(blank_text));
            const std::optional<std::size_t> colon = id_prefix(trimmed);
            if (!numbered) numbered = colon.has_value();
            label_map_entry e;
            std::string_view entry_name = trimmed;
            if (*numbered) {
                if (!colon) throw line.error("'<id>: <name>' like the first line of the file");
                int id = 0;
                if (vidata::detail::parse_number(trimmed.substr(0, *colon), id) != vidata::detail::number_status::ok)
                    throw line.error(1, "a class id within the range of an int", trimmed.substr(0, *colon));
                if (!ids.insert(id).second) throw line.error(1, "a class id not given before", trimmed.substr(0, *colon));
                e.id = id;
                entry_name = vidata::detail::trim_ascii_space(trimmed.substr(*colon + 1));
                if (entry_name.empty()) throw line.error("a class name after '<id>:'");
            }
            e.name = std::string(entry_name);
            out.push_back(std::move(e));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const label_map_entry> entries) {
        if (!entries.empty() && !entries.front().id) detail::refuse_leading_bom(entries.front().name, name);
        std::string text;
        for (const label_map_entry& e : entries) {
            if (e.name.empty() || e.name.find('\n') != std::string::npos || e.name.find('\r') != std::string::npos ||
                vidata::detail::trim_ascii_space(e.name).size() != e.name.size())
                throw invalid_argument("vidata::formats::label_map::write: class name '" + e.name +
                                       "' is empty, spans lines or has blanks around it, so it would not read back");
            if (e.id.has_value() != entries.front().id.has_value())
                throw invalid_argument("vidata::formats::label_map::write: entries with and without ids cannot share a file");
            if (e.id) {
                detail::append_integer(text, *e.id);
                text += ": ";
            } else if (id_prefix(e.name)) {
                throw invalid_argument("vidata::formats::label_map::write: class name '" + e.name +
                                       "' would read back as '<id>: <name>'");
            }
            text += e.name;
            text += '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims `label_map*.txt`, the name MMAction2's tools give these files, and AVA's
    /// `ava_file_names_{trainval,test}_v2.1.txt`, one video file name per line in the same plain form.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_is(path, "label_map", ".txt") || detail::file_name_is(path, "ava_file_names_", ".txt");
    }

private:
    // Where the ':' of a leading "<digits>:" is, or nullopt: "12: walk" → 2.
    [[nodiscard]] static std::optional<std::size_t> id_prefix(std::string_view s) noexcept {
        std::size_t i = 0;
        if (i < s.size() && s[i] == '-') ++i;
        const std::size_t digits = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == digits || i >= s.size() || s[i] != ':') return std::nullopt;
        return i;
    }
};

}  // namespace vidata::formats
