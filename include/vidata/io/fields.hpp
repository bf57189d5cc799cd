// SPDX-License-Identifier: Apache-2.0
// vidata::field_list: one line cut into fields (on whitespace runs or a delimiter), with located, typed conversion.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/parse_number.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vidata {

/// One field of a line: its text (a view into the line) and the 1-based byte column where it starts.
struct field {
    std::string_view text;
    std::size_t column = 0;
};

/// The fields of one line, remembering which file and line they came from so that every conversion
/// failure is a parse_error naming file:line:column, the expectation and the offending text:
///
///   auto f = line.fields();                                   // "v_Apply 12 0" → 3 fields
///   f.expect_count(3, "frame_dir total_frames label");
///   const auto frames = f.integer(1, "an integer frame count");
///   // throws [vidata.parse_error] train.txt:17:9: expected an integer frame count, got 'x12'
///
/// The `what` arguments complete the sentence "expected ..."; they default to "an integer", "a number".
/// Up to `inline_capacity` fields live inside the object, so splitting a typical list line allocates
/// nothing; longer lines spill to the heap once (and reuse it when the list is reused through assign_*).
/// The list holds views (of the text and of the source name), so the buffer and the line_reader that
/// produced the line must outlive it; copy out what must be kept longer.
class field_list {
public:
    static constexpr std::size_t inline_capacity = 16;

    field_list() = default;

    /// Replaces the contents with the fields of `text` separated by runs of ASCII whitespace, as Python's
    /// `str.split()` without arguments: no empty fields, leading and trailing blanks ignored.
    /// `source`, `line` and `first_column` (the column of text[0]) are kept for error messages.
    void assign_whitespace(std::string_view text, std::string_view source = {}, std::size_t line = 0,
                           std::size_t first_column = 1) {
        reset(text, source, line, first_column);
        const char* const begin = text.data();
        const std::size_t n = text.size();
        std::size_t i = 0;
        for (;;) {
            while (i < n && detail::is_ascii_space(begin[i])) ++i;
            if (i == n) break;
            const std::size_t start = i;
            while (i < n && !detail::is_ascii_space(begin[i])) ++i;
            push({std::string_view(begin + start, i - start), first_column + start});
        }
    }

    /// Replaces the contents with the fields of `text` separated by every occurrence of `delimiter`, as
    /// Python's `str.split(delimiter)`: n delimiters give n + 1 fields, empty ones included. An empty
    /// text gives one empty field.
    void assign_delimited(std::string_view text, char delimiter, std::string_view source = {}, std::size_t line = 0,
                          std::size_t first_column = 1) {
        reset(text, source, line, first_column);
        std::size_t start = 0;
        for (;;) {
            const std::size_t end = text.find(delimiter, start);
            if (end == std::string_view::npos) {
                push({text.substr(start), first_column + start});
                break;
            }
            push({text.substr(start, end - start), first_column + start});
            start = end + 1;
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    /// The i-th field, unchecked (precondition: i < size()).
    [[nodiscard]] const field& operator[](std::size_t i) const noexcept {
        return size_ <= inline_capacity ? inline_[i] : spill_[i];
    }

    [[nodiscard]] const field* begin() const noexcept { return size_ <= inline_capacity ? inline_.data() : spill_.data(); }
    [[nodiscard]] const field* end() const noexcept { return begin() + size_; }

    /// The i-th field; a parse_error naming `what` when the line has fewer than i + 1 fields.
    [[nodiscard]] const field& at(std::size_t i, std::string_view what = {}) const {
        if (i >= size_) {
            std::string expected(what.empty() ? std::string("a value") : std::string(what));
            expected += " as field " + std::to_string(i + 1);
            throw parse_error(end_location(), std::move(expected), std::string(line_text_));
        }
        return (*this)[i];
    }

    /// The text of the i-th field (checked as at()).
    [[nodiscard]] std::string_view text(std::size_t i, std::string_view what = {}) const { return at(i, what).text; }

    /// The i-th field as a 64-bit integer (decimal, optional sign; blanks around it are tolerated as by Python's int()).
    [[nodiscard]] std::int64_t integer(std::size_t i, std::string_view what = {}) const {
        return value<std::int64_t>(i, what);
    }

    /// The i-th field as a double (decimal or scientific notation, nan, inf, as Python's float()).
    [[nodiscard]] double number(std::size_t i, std::string_view what = {}) const { return value<double>(i, what); }

    /// The i-th field as T; a value that does not fit T is a parse_error naming T's range.
    template <detail::field_number T>
    [[nodiscard]] T value(std::size_t i, std::string_view what = {}) const {
        if (i >= size_) (void)at(i, what.empty() ? detail::default_expectation<T>() : std::string(what));
        const field& f = (*this)[i];
        return detail::convert_or_throw<T>(f.text, what, [&] { return location_of(f); });
    }

    /// Requires exactly `n` fields. `what` names them: "frame_dir total_frames label".
    void expect_count(std::size_t n, std::string_view what = {}) const {
        if (size_ != n) throw count_error(n, "", what);
    }

    /// Requires at least `n` fields.
    void expect_at_least(std::size_t n, std::string_view what = {}) const {
        if (size_ < n) throw count_error(n, "at least ", what);
    }

    /// An error about the i-th field (or the end of the line when i ≥ size()) that the caller throws
    /// after a check of its own: `throw f.error(2, "a label in [0, 400)");`.
    [[nodiscard]] parse_error error(std::size_t i, std::string expected) const {
        if (i >= size_) return parse_error(end_location(), std::move(expected), std::string(line_text_));
        return parse_error(location_of((*this)[i]), std::move(expected), std::string((*this)[i].text));
    }

    /// Where the i-th field starts (or the end of the line when i ≥ size()).
    [[nodiscard]] source_location location(std::size_t i) const {
        return i < size_ ? location_of((*this)[i]) : end_location();
    }

    /// The whole line the fields were cut from, the file it came from and its 1-based number.
    [[nodiscard]] std::string_view line_text() const noexcept { return line_text_; }
    [[nodiscard]] std::string_view source() const noexcept { return source_; }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

private:
    void reset(std::string_view text, std::string_view source, std::size_t line, std::size_t first_column) noexcept {
        size_ = 0;
        spill_.clear();
        line_text_ = text;
        source_ = source;
        line_ = line;
        first_column_ = first_column;
    }

    void push(field f) {
        if (size_ < inline_capacity) {
            inline_[size_++] = f;
            return;
        }
        if (size_ == inline_capacity) spill_.assign(inline_.begin(), inline_.end());
        spill_.push_back(f);
        ++size_;
    }

    [[nodiscard]] source_location location_of(const field& f) const {
        return source_location{std::string(source_), line_, f.column, -1, {}};
    }

    [[nodiscard]] source_location end_location() const {
        return source_location{std::string(source_), line_, first_column_ + line_text_.size(), -1, {}};
    }

    [[nodiscard]] parse_error count_error(std::size_t n, std::string_view qualifier, std::string_view what) const {
        std::string expected = std::string(qualifier) + std::to_string(n) + (n == 1 ? " field" : " fields");
        if (!what.empty()) expected += " (" + std::string(what) + ")";
        expected += " but the line has " + std::to_string(size_);
        // Point at the first surplus field, or at the end of a line that is too short.
        return parse_error(location(n < size_ ? n : size_), std::move(expected), std::string(line_text_));
    }

    std::array<field, inline_capacity> inline_{};
    std::vector<field> spill_;
    std::size_t size_ = 0;
    std::string_view line_text_;
    std::string_view source_;
    std::size_t line_ = 0;
    std::size_t first_column_ = 1;
};

}  // namespace vidata
