// SPDX-License-Identifier: Apache-2.0
// vidata::formats::gym_categories: FineGYM's class lists (`gym99_categories.txt`, `gym288_…`, `gym530_…`, `set_categories.txt`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One line of a FineGYM class list. Which numbers are set says which file it came from:
/// - `gym99_categories.txt`, `gym288_categories.txt`: `clabel` (the class index of that benchmark, what
///   the element lists label with), `set` and `glabel` (the index among the 530 elements);
/// - `gym530_categories.txt`: `glabel` and `set` (`clabel` is −1);
/// - `set_categories.txt`: `set` and `name` only (`clabel`, `glabel` are −1, `event` is empty).
/// `event` is the apparatus code in parentheses (VT, FX, BB, UB); `name` the description after it.
struct gym_category {
    std::int32_t clabel = -1;
    std::int32_t set = -1;
    std::int32_t glabel = -1;
    std::string event;
    std::string name;

    friend bool operator==(const gym_category&, const gym_category&) = default;
};

template <class Json>
void to_json(Json& j, const gym_category& c) {
    j = Json::object();
    if (c.clabel >= 0) j["clabel"] = c.clabel;
    j["set"] = c.set;
    if (c.glabel >= 0) j["glabel"] = c.glabel;
    if (!c.event.empty()) j["event"] = c.event;
    j["name"] = c.name;
}

namespace detail {

// Reads "<key>: <integer>; " at `at` of `line`, moving `at` past it.
[[nodiscard]] inline std::int32_t gym_numbered_field(const text_line& line, std::size_t& at, std::string_view key) {
    const std::string_view t = line.text();
    const std::string expectation = "'" + std::string(key) + ": <integer>; '";
    if (t.substr(at, key.size()) != key || at + key.size() >= t.size() || t[at + key.size()] != ':')
        throw line.error(at + 1, expectation, t.substr(at));
    std::size_t end = t.find(';', at);
    if (end == std::string_view::npos) throw line.error(at + 1, expectation, t.substr(at));
    field_list f;
    const std::size_t value_at = at + key.size() + 1;
    f.assign_delimited(t.substr(value_at, end - value_at), ';', line.source(), line.number(), value_at + 1);
    const auto v = f.value<std::int32_t>(0, "an integer " + std::string(key) + " >= 0");
    if (v < 0) throw f.error(0, "an integer " + std::string(key) + " >= 0");
    at = end + 1;
    while (at < t.size() && t[at] == ' ') ++at;
    return v;
}

}  // namespace detail

/// FineGYM's class lists, one class per line:
///   gym99/gym288:  `Clabel:   0; set:  1; Glabel:   1; (VT) round-off, flic-flac with 0.5 turn on, ...`
///   gym530:        `Glabel:   0; set:  1; (VT) round-off, flic-flac with 0.5 turn on, ...`
///   set_categories: `set: 1; vault`
///
/// Reading: every line has the layout of the first (blank lines skipped, CRLF and BOM accepted); numbers
/// may be padded with spaces; class lines need the `(EV)` apparatus code; the line's key (Clabel, Glabel
/// or set, whichever leads) must be unique. The name is kept as written, trailing blanks included (the
/// official files have some: `(FX) stag jump      `), so that the file writes back unchanged. Errors name file:line:column:
///   gym99_categories.txt:3:1: expected 'Clabel: <integer>; ' (every line laid out as line 1), got 'set: 1; vault'
/// Writing: the official padding (`%3d` for Clabel/Glabel, `%2d` for set in class lines), LF line ends.
struct gym_categories : text_format<gym_categories> {
    using record_type = gym_category;
    static constexpr std::string_view name = "gym_categories";

    [[nodiscard]] static std::vector<gym_category> parse(std::string_view text, std::string_view source) {
        enum class layout { unknown, clabel, glabel, set };
        layout kind = layout::unknown;
        std::vector<gym_category> out;
        std::unordered_map<std::int32_t, std::size_t> line_of_key;
        for (const text_line& line : lines(text, std::string(source))) {
            if (line.blank()) continue;
            const std::string_view t = line.text();
                        if (kind == layout::unknown) {
                kind = t.starts_with("Clabel") ? layout::clabel : t.starts_with("Glabel") ? layout::glabel : layout::set;
            }
            gym_category c;
            std::size_t at = 0;
            std::int32_t key = 0;
            if (kind == layout::clabel) {
                key = c.clabel = detail::gym_numbered_field(line, at, "Clabel");
                c.set = detail::gym_numbered_field(line, at, "set");
                c.glabel = detail::gym_numbered_field(line, at, "Glabel");
            } else if (kind == layout::glabel) {
                key = c.glabel = detail::gym_numbered_field(line, at, "Glabel");
                c.set = detail::gym_numbered_field(line, at, "set");
            } else {
                key = c.set = detail::gym_numbered_field(line, at, "set");
            }
            std::string_view rest = t.substr(at);
            if (kind != layout::set) {
                const auto close = rest.find(')');
                if (!rest.starts_with('(') || close == std::string_view::npos || close < 2 || close + 1 >= rest.size() ||
                    rest[close + 1] != ' ')
                    throw line.error(at + 1, "an apparatus code and a description: '(VT) round-off, ...'", rest);
                c.event = std::string(rest.substr(1, close - 1));
                rest.remove_prefix(close + 2);
            }
            if (rest.empty()) throw line.error(at + 1, "a class name after the numbers", line.text());
            c.name = std::string(rest);
            if (const auto [it, added] = line_of_key.emplace(key, line.number()); !added)
                throw line.error(1, "a class number not listed before (line " + std::to_string(it->second) + " has it)", line.text());
            out.push_back(std::move(c));
        }
        return out;
    }

    /// invalid_argument for a record the file cannot hold: a class (clabel or glabel set) without an apparatus
    /// code, no set number, a Clabel without a Glabel, an empty name or one with a line break.
    static void write(std::ostream& out, std::span<const gym_category> records) {
        std::string text;
        char numbers[96];
        for (const gym_category& c : records) {
            if (c.set < 0) throw invalid_argument("vidata::formats::gym_categories: '" + c.name + "' has no set number");
            if (c.clabel >= 0 && c.glabel < 0) throw invalid_argument("vidata::formats::gym_categories: '" + c.name + "' has no Glabel");
            // A line's final "\r" is part of its terminator to the reader; a name ending in one would lose it.
            const bool one_line = !c.name.empty() && c.name.back() != '\r' && c.name.find('\n') == std::string::npos &&
                                  c.event.find_first_of(")\n") == std::string::npos;
            if (!one_line)
                throw invalid_argument("vidata::formats::gym_categories: class '" + c.name +
                                       "' cannot be written as one line that reads back");
            if (c.clabel >= 0) std::snprintf(numbers, sizeof numbers, "Clabel: %3d; set: %2d; Glabel: %3d; ", c.clabel, c.set, c.glabel);
            else if (c.glabel >= 0) std::snprintf(numbers, sizeof numbers, "Glabel: %3d; set: %2d; ", c.glabel, c.set);
            else std::snprintf(numbers, sizeof numbers, "set: %d; ", c.set);
            text += numbers;
            if (c.clabel >= 0 || c.glabel >= 0) {
                if (c.event.empty())
                    throw invalid_argument("vidata::formats::gym_categories: class '" + c.name + "' has no apparatus code");
                text += '(';
                text += c.event;
                text += ") ";
            }
            text += c.name;
            text += '\n';
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// The official names: `gym<N>_categories.txt` and `set_categories.txt`.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view) {
        const std::string file = path.filename().string();
        return file == "set_categories.txt" || (file.starts_with("gym") && file.ends_with("_categories.txt"));
    }
};

}  // namespace vidata::formats
