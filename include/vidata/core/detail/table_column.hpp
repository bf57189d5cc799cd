// SPDX-License-Identifier: Apache-2.0
// The columns of vidata::record_table: one per kind of member (number, string, vector, optional).
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/error.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata::detail {

template <class M>
struct member_type;

template <class C, class T>
struct member_type<T C::*> {
    using type = T;
};

/// The type of the member a pointer to member designates: `member_type_t<decltype(&video_record::path)>` is std::string.
template <class M>
using member_type_t = typename member_type<M>::type;

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

// End offsets are 32-bit: they are most of a string column's overhead, and no annotation file has 4 GiB of text.
[[nodiscard]] inline std::uint32_t table_offset(std::size_t n) {
    if (n > std::numeric_limits<std::uint32_t>::max())
        throw invalid_argument("vidata::record_table: a column holds more than 4 GiB; split the annotations");
    return static_cast<std::uint32_t>(n);
}

/// The column of an arithmetic or enumeration member: one value per record.
template <class T>
struct table_column {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>,
                  "vidata::record_table: a member type must be arithmetic, an enum, std::string, a std::vector of those, "
                  "or a std::optional of those");
    // std::vector<bool> packs bits behind proxies; a byte per flag reads faster and is still small.
    using stored = std::conditional_t<std::is_same_v<T, bool>, unsigned char, T>;
    std::vector<stored> values;

    void reserve(std::size_t records) { values.reserve(records); }
    void reserve_text(std::size_t /*bytes*/) noexcept {}
    void append(T value) { values.push_back(static_cast<stored>(value)); }
    void append_default() { values.push_back(stored{}); }
    [[nodiscard]] T get(std::size_t i) const { return static_cast<T>(values[i]); }
    [[nodiscard]] T view(std::size_t i) const { return get(i); }
    [[nodiscard]] std::size_t memory_bytes() const noexcept { return values.size() * sizeof(stored); }
};

/// The column of a std::string member: every string in one arena, and where each one ends.
template <>
struct table_column<std::string> {
    std::string chars;
    std::vector<std::uint32_t> ends;

    void reserve(std::size_t records) { ends.reserve(records); }
    void reserve_text(std::size_t bytes) { chars.reserve(bytes); }
    void append(std::string_view s) {
        const std::uint32_t end = table_offset(chars.size() + s.size());
        chars.append(s);
        ends.push_back(end);
    }
    void append_default() { ends.push_back(ends.empty() ? 0 : ends.back()); }
    [[nodiscard]] std::string_view view(std::size_t i) const {
        const std::uint32_t begin = i == 0 ? 0 : ends[i - 1];
        return {chars.data() + begin, ends[i] - begin};
    }
    [[nodiscard]] std::string get(std::size_t i) const { return std::string(view(i)); }
    [[nodiscard]] std::size_t size() const noexcept { return ends.size(); }
    [[nodiscard]] std::size_t memory_bytes() const noexcept { return chars.size() + ends.size() * sizeof(std::uint32_t); }
};

/// The column of a std::vector member of numbers: every item in one arena, and where each record's items end.
template <class E>
    requires std::is_arithmetic_v<E>
struct table_column<std::vector<E>> {
    std::vector<E> items;
    std::vector<std::uint32_t> ends;

    void reserve(std::size_t records) {
        ends.reserve(records);
        items.reserve(records);  // one item a record is the common case (single-label lists)
    }
    void reserve_text(std::size_t /*bytes*/) noexcept {}
    template <class Range>
    void append(const Range& range) {
        for (const auto& item : range) items.push_back(static_cast<E>(item));
        ends.push_back(table_offset(items.size()));
    }
    void append_default() { ends.push_back(ends.empty() ? 0 : ends.back()); }
    [[nodiscard]] std::span<const E> view(std::size_t i) const {
        const std::uint32_t begin = i == 0 ? 0 : ends[i - 1];
        return {items.data() + begin, ends[i] - begin};
    }
    [[nodiscard]] std::vector<E> get(std::size_t i) const {
        const auto v = view(i);
        return {v.begin(), v.end()};
    }
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return items.size() * sizeof(E) + ends.size() * sizeof(std::uint32_t);
    }
};

/// The column of a std::vector<std::string> member: the strings in one string column, and where each record's end.
template <>
struct table_column<std::vector<std::string>> {
    table_column<std::string> items;
    std::vector<std::uint32_t> ends;

    /// The strings of one record, as views into the arena.
    class strings_view {
    public:
        strings_view(const table_column<std::string>* items, std::size_t first, std::size_t last) noexcept
            : items_(items), first_(first), last_(last) {}
        [[nodiscard]] std::size_t size() const noexcept { return last_ - first_; }
        [[nodiscard]] bool empty() const noexcept { return first_ == last_; }
        [[nodiscard]] std::string_view operator[](std::size_t k) const { return items_->view(first_ + k); }

    private:
        const table_column<std::string>* items_;
        std::size_t first_;
        std::size_t last_;
    };

    void reserve(std::size_t records) { ends.reserve(records); }
    void reserve_text(std::size_t bytes) { items.reserve_text(bytes); }
    template <class Range>
    void append(const Range& range) {
        for (const auto& s : range) items.append(std::string_view(s));
        ends.push_back(table_offset(items.size()));
    }
    void append_default() { ends.push_back(ends.empty() ? 0 : ends.back()); }
    [[nodiscard]] strings_view view(std::size_t i) const { return {&items, i == 0 ? 0 : ends[i - 1], ends[i]}; }
    [[nodiscard]] std::vector<std::string> get(std::size_t i) const {
        const strings_view v = view(i);
        std::vector<std::string> out;
        out.reserve(v.size());
        for (std::size_t k = 0; k < v.size(); ++k) out.emplace_back(v[k]);
        return out;
    }
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return items.memory_bytes() + ends.size() * sizeof(std::uint32_t);
    }
};

/// The column of a std::optional member. While no record has a value it stores nothing; from the first value on,
/// a presence byte per record and the values (a default in the empty records' places).
template <class T>
struct table_column<std::optional<T>> {
    table_column<T> values;
    std::vector<unsigned char> present;
    std::size_t records = 0;
    std::size_t reserved_records = 0;
    std::size_t reserved_bytes = 0;

    void reserve(std::size_t n) { reserved_records = n; }
    void reserve_text(std::size_t bytes) { reserved_bytes = bytes; }
    void append(std::nullopt_t) {
        if (!present.empty()) {
            present.push_back(0);
            values.append_default();
        }
        ++records;
    }
    template <class U>
    void append(const std::optional<U>& v) {  // an optional<std::string_view> for an optional<std::string> column, say
        if (v) append_value(*v);
        else append(std::nullopt);
    }
    template <class U>
        requires(!is_optional_v<std::remove_cvref_t<U>> && !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t>)
    void append(U&& value) {
        append_value(std::forward<U>(value));
    }
    void append_default() { append(std::nullopt); }
    [[nodiscard]] std::optional<T> get(std::size_t i) const {
        if (present.empty() || present[i] == 0) return std::nullopt;
        return values.get(i);
    }
    [[nodiscard]] auto view(std::size_t i) const -> std::optional<decltype(values.view(i))> {
        if (present.empty() || present[i] == 0) return std::nullopt;
        return values.view(i);
    }
    [[nodiscard]] std::size_t memory_bytes() const noexcept { return values.memory_bytes() + present.size(); }

private:
    template <class U>
    void append_value(U&& value) {
        if (present.empty()) {  // the first value: the records before it become explicit empties
            present.reserve(std::max(reserved_records, records + 1));
            values.reserve(std::max(reserved_records, records + 1));
            values.reserve_text(reserved_bytes);
            present.assign(records, 0);
            for (std::size_t i = 0; i < records; ++i) values.append_default();
        }
        present.push_back(1);
        values.append(std::forward<U>(value));
        ++records;
    }
};

}  // namespace vidata::detail
