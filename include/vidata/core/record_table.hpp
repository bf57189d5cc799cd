// SPDX-License-Identifier: Apache-2.0
// vidata::record_table: records kept column by column, strings in one arena per column, read back as values.
#pragma once

#include <vidata/core/detail/table_column.hpp>
#include <vidata/core/error.hpp>

#include <compare>
#include <cstddef>
#include <iterator>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata {

/// Which members of R a record_table stores, in order. Specialise it for a record type:
///
///   template <> struct table_columns<video_record> {
///       static constexpr std::tuple members{&video_record::path, &video_record::total_frames, ...};
///   };
///
/// Every member that makes up R's value must be listed: one left out reads back default-constructed. Member types
/// may be arithmetic, std::string, std::vector of an arithmetic type or of std::string, or std::optional of those.
template <class R>
struct table_columns;

/// Records of type R stored compactly, one column per member: a string column is one arena of characters and one
/// 32-bit end offset per record, a vector column one arena of items, an optional column costs nothing while every
/// record leaves it empty. A 250k-line MMAction2 list (12 MB) takes about 1.5× its size this way, against about 4×
/// as a std::vector of records, each of which holds a heap string and a heap vector. Records are made on access
/// (their strings and vectors copied out of the arenas); view() reads one member without making anything.
///
///   vidata::record_table<video_record> list = vidata::read_annotations<formats::rawframe_list>(path);
///   list.size();                                // records
///   video_record r = list[17];                  // a record, made from the columns
///   list.view<&video_record::path>(17);         // a std::string_view into the arena, no copy
///   for (const video_record& r : list) ...      // by value: bind `const auto&` or `auto`, never `auto&`
///   std::vector<video_record> v = list;         // converts where a vector is wanted
///
/// It is a random-access range whose reference type is R itself (a value, as std::views::iota's). A string column
/// holds at most 4 GiB of text; more is a vidata::invalid_argument (no annotation file comes near it).
template <class R>
class record_table {
    static constexpr auto members = table_columns<R>::members;
    static constexpr std::size_t column_count = std::tuple_size_v<std::remove_cvref_t<decltype(members)>>;

    template <std::size_t... K>
    static auto make_columns(std::index_sequence<K...>)
        -> std::tuple<detail::table_column<detail::member_type_t<std::remove_cvref_t<decltype(std::get<K>(members))>>>...>;
    using columns_type = decltype(make_columns(std::make_index_sequence<column_count>{}));

    // The position of member pointer M in `members`.
    template <auto M, std::size_t K = 0>
    static constexpr std::size_t column_of() {
        static_assert(K < column_count, "vidata::record_table: the member is not one of table_columns<R>::members");
        using listed = std::remove_cvref_t<decltype(std::get<K>(members))>;
        if constexpr (std::is_same_v<listed, decltype(M)>) {
            if constexpr (std::get<K>(members) == M) return K;
            else return column_of<M, K + 1>();
        } else {
            return column_of<M, K + 1>();
        }
    }

public:
    using value_type = R;
    using size_type = std::size_t;

    /// A random-access iterator whose reference is an R made on dereference.
    class iterator {
    public:
        using iterator_concept = std::random_access_iterator_tag;
        using iterator_category = std::input_iterator_tag;  // C++17 algorithms: a prvalue reference is an input iterator there
        using value_type = R;
        using difference_type = std::ptrdiff_t;
        using reference = R;

        iterator() = default;
        iterator(const record_table* table, std::size_t index) noexcept : table_(table), index_(index) {}

        [[nodiscard]] R operator*() const { return (*table_)[index_]; }
        [[nodiscard]] R operator[](difference_type n) const { return (*table_)[index_ + static_cast<std::size_t>(n)]; }

        iterator& operator++() noexcept { return ++index_, *this; }
        iterator operator++(int) noexcept { return {table_, index_++}; }
        iterator& operator--() noexcept { return --index_, *this; }
        iterator operator--(int) noexcept { return {table_, index_--}; }
        iterator& operator+=(difference_type n) noexcept { return index_ += static_cast<std::size_t>(n), *this; }
        iterator& operator-=(difference_type n) noexcept { return index_ -= static_cast<std::size_t>(n), *this; }
        [[nodiscard]] friend iterator operator+(iterator i, difference_type n) noexcept { return i += n; }
        [[nodiscard]] friend iterator operator+(difference_type n, iterator i) noexcept { return i += n; }
        [[nodiscard]] friend iterator operator-(iterator i, difference_type n) noexcept { return i -= n; }
        [[nodiscard]] friend difference_type operator-(const iterator& a, const iterator& b) noexcept {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        [[nodiscard]] friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.index_ == b.index_; }
        [[nodiscard]] friend std::strong_ordering operator<=>(const iterator& a, const iterator& b) noexcept {
            return a.index_ <=> b.index_;
        }

    private:
        const record_table* table_ = nullptr;
        std::size_t index_ = 0;
    };
    using const_iterator = iterator;

    record_table() = default;

    /// The table of `records`, in order.
    explicit record_table(std::span<const R> records) {
        reserve(records.size());
        for (const R& r : records) push_back(r);
    }
    explicit record_table(const std::vector<R>& records) : record_table(std::span<const R>(records)) {}

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    /// Room for `records` records without regrowing the per-record columns (not the arenas, whose size is unknown).
    void reserve(std::size_t records) {
        std::apply([&](auto&... column) { (column.reserve(records), ...); }, columns_);
    }

    /// Room for `bytes` characters in every string column: an upper bound such as the size of the text being parsed
    /// costs address space only, since pages that are never written are never made resident.
    void reserve_text(std::size_t bytes) {
        std::apply([&](auto&... column) { (column.reserve_text(bytes), ...); }, columns_);
    }

    /// Appends `record`.
    void push_back(const R& record) {
        append_members(record, std::make_index_sequence<column_count>{});
    }

    /// Appends a record given one value per column, in the order of table_columns<R>::members, without making an R:
    /// a std::string_view for a string, a span or range for a vector, std::nullopt or a value for an optional. What a
    /// parser uses, so that a line costs no allocation.
    template <class... Fields>
        requires(sizeof...(Fields) == column_count)
    void append(Fields&&... fields) {
        append_fields(std::make_index_sequence<column_count>{}, std::forward<Fields>(fields)...);
    }

    /// Record `i`, made from the columns. Precondition: `i < size()`.
    [[nodiscard]] R operator[](std::size_t i) const {
        VIDATA_DEBUG_ASSERT(i < size_, "vidata::record_table: record index out of range");
        R r;
        read_members(r, i, std::make_index_sequence<column_count>{});
        return r;
    }

    /// Record `i`; a vidata::invalid_argument when `i >= size()`.
    [[nodiscard]] R at(std::size_t i) const {
        if (i >= size_) throw invalid_argument("vidata::record_table::at: record " + std::to_string(i) + " of " + std::to_string(size_));
        return (*this)[i];
    }

    [[nodiscard]] R front() const { return at(0); }
    [[nodiscard]] R back() const { return at(size_ - 1); }

    /// Member M of record `i` without making the record: a std::string_view for a string member, a std::span for a
    /// vector of numbers, the value otherwise. Valid until the table changes.
    template <auto M>
    [[nodiscard]] decltype(auto) view(std::size_t i) const {
        VIDATA_DEBUG_ASSERT(i < size_, "vidata::record_table::view: record index out of range");
        return std::get<column_of<M>()>(columns_).view(i);
    }

    [[nodiscard]] iterator begin() const noexcept { return {this, 0}; }
    [[nodiscard]] iterator end() const noexcept { return {this, size_}; }

    /// Every record as a std::vector.
    [[nodiscard]] std::vector<R> to_vector() const {
        std::vector<R> out;
        out.reserve(size_);
        for (std::size_t i = 0; i < size_; ++i) out.push_back((*this)[i]);
        return out;
    }

    // Implicit, as a string converts to a string_view the other way round: code written for the vector a reader
    // used to return keeps working, at the cost it always had.
    operator std::vector<R>() const { return to_vector(); }  // NOLINT(google-explicit-constructor)

    /// The bytes the columns hold (sizes, not capacities): what the records cost.
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return std::apply([](const auto&... column) { return (std::size_t{0} + ... + column.memory_bytes()); }, columns_);
    }

    /// The same records in the same order.
    friend bool operator==(const record_table& a, const record_table& b) {
        if (a.size_ != b.size_) return false;
        for (std::size_t i = 0; i < a.size_; ++i)
            if (!(a[i] == b[i])) return false;
        return true;
    }
    friend bool operator==(const record_table& a, const std::vector<R>& b) {
        if (a.size_ != b.size()) return false;
        for (std::size_t i = 0; i < a.size_; ++i)
            if (!(a[i] == b[i])) return false;
        return true;
    }

private:
    template <std::size_t... K>
    void append_members(const R& r, std::index_sequence<K...>) {
        (std::get<K>(columns_).append(r.*std::get<K>(members)), ...);
        ++size_;
    }

    template <std::size_t... K, class... Fields>
    void append_fields(std::index_sequence<K...>, Fields&&... fields) {
        (std::get<K>(columns_).append(std::forward<Fields>(fields)), ...);
        ++size_;
    }

    template <std::size_t... K>
    void read_members(R& r, std::size_t i, std::index_sequence<K...>) const {
        ((r.*std::get<K>(members) = std::get<K>(columns_).get(i)), ...);
    }

    columns_type columns_;
    std::size_t size_ = 0;
};

}  // namespace vidata
