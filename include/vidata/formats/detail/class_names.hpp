// SPDX-License-Identifier: Apache-2.0
// Class lists shared by the classification formats: one name per line, and the name → index lookup that resolves labels.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/leading_bom.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/line_reader.hpp>

#include <cstddef>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vidata::formats::detail {

/// Names mapped to their position in a class list, for turning the label names of an annotation file into
/// class indices. `Key` normalises a name before it is stored or looked up (Kinetics matches "air drumming"
/// and "air_drumming"); the identity by default.
class label_lookup {
public:
    label_lookup() = default;

    template <class Key>
    label_lookup(std::span<const std::string> names, Key key) : key_(std::move(key)) {
        ids_.reserve(names.size());
        for (std::size_t i = 0; i < names.size(); ++i) ids_.emplace(key_(names[i]), static_cast<int>(i));
    }

    explicit label_lookup(std::span<const std::string> names)
        : label_lookup(names, [](std::string_view s) { return std::string(s); }) {}

    /// The index of `name`, or -1 when the list does not hold it.
    [[nodiscard]] int find(std::string_view name) const {
        const auto it = ids_.find(key_(name));
        return it == ids_.end() ? -1 : it->second;
    }

    [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }

private:
    std::function<std::string(std::string_view)> key_ = [](std::string_view s) { return std::string(s); };
    std::unordered_map<std::string, int> ids_;
};

/// Reads a class list of one name per line, as MMAction2 does (`[x.strip() for x in fin]`): blanks around a
/// name are dropped. A blank line and a name listed twice are parse errors (either would shift every later index).
[[nodiscard]] inline std::vector<std::string> parse_name_lines(std::string_view text, std::string_view source) {
    std::vector<std::string> names;
    std::unordered_map<std::string_view, std::size_t> first_line;
    for (const auto& line : lines(text, std::string(source))) {
        const std::string_view name = vidata::detail::trim_ascii_space(line.text());
        if (name.empty()) throw line.error("a class name");
        const auto [it, inserted] = first_line.emplace(name, line.number());
        if (!inserted)
            throw line.error(1, "a class name not listed before (it is on line " + std::to_string(it->second) + ")", name);
        names.emplace_back(name);
    }
    return names;
}

/// Writes one name per line, "\n"-terminated (the official label files and MMAction2's label maps).
/// `format` names the caller in the invalid_argument thrown for a first name that starts with a byte-order mark.
inline void write_name_lines(std::ostream& out, std::span<const std::string> names, std::string_view format) {
    if (!names.empty()) refuse_leading_bom(names.front(), format);
    std::string text;
    for (const auto& name : names) (text += name) += '\n';
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace vidata::formats::detail
