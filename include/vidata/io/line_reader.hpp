// SPDX-License-Identifier: Apache-2.0
// vidata::line_reader and vidata::lines(): numbered string_view lines over an in-memory buffer (LF or CRLF, optional BOM).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/fields.hpp>

#include <cstddef>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace vidata {

/// How line_reader treats the start of its buffer.
struct line_options {
    /// Skip a UTF-8 byte-order mark (EF BB BF) before the first line; columns then count from after it.
    bool skip_bom = true;
};

/// One line of a text buffer: its text without the terminator ("\n" or "\r\n"), its 1-based number, the
/// byte offset of its first character in the buffer and the name of the source it came from.
/// All are views: valid while the buffer and the line_reader that produced the line live.
class text_line {
public:
    text_line() = default;
    text_line(std::string_view text, std::size_t number, std::size_t offset, std::string_view source) noexcept
        : text_(text), number_(number), offset_(offset), source_(source) {}

    [[nodiscard]] std::string_view text() const noexcept { return text_; }
    [[nodiscard]] std::size_t number() const noexcept { return number_; }
    [[nodiscard]] std::size_t offset() const noexcept { return offset_; }
    [[nodiscard]] std::string_view source() const noexcept { return source_; }

    [[nodiscard]] bool empty() const noexcept { return text_.empty(); }

    /// True when the line holds nothing but ASCII whitespace.
    [[nodiscard]] bool blank() const noexcept {
        for (char c : text_)
            if (!detail::is_ascii_space(c)) return false;
        return true;
    }

    /// The fields separated by runs of whitespace, as Python's `line.split()` (MMAction2's list files).
    [[nodiscard]] field_list fields() const {
        field_list out;
        out.assign_whitespace(text_, source_, number_);
        return out;
    }

    /// The fields separated by each `delimiter`, as Python's `line.split(delimiter)` (empty fields kept).
    [[nodiscard]] field_list fields(char delimiter) const {
        field_list out;
        out.assign_delimited(text_, delimiter, source_, number_);
        return out;
    }

    /// Non-allocating forms: refill `out`, reusing its storage.
    void fields(field_list& out) const { out.assign_whitespace(text_, source_, number_); }
    void fields(field_list& out, char delimiter) const { out.assign_delimited(text_, delimiter, source_, number_); }

    /// Where column `column` (1-based; 0 for the line as a whole) of this line is.
    [[nodiscard]] source_location location(std::size_t column = 0) const {
        return source_location{std::string(source_), number_, column, -1, {}};
    }

    /// A parse_error about the whole line: `throw line.error("'frame_dir total_frames label'");`.
    [[nodiscard]] parse_error error(std::string expected) const {
        return parse_error(location(), std::move(expected), std::string(text_));
    }

    /// A parse_error about `found` at `column` of this line.
    [[nodiscard]] parse_error error(std::size_t column, std::string expected, std::string_view found) const {
        return parse_error(location(column), std::move(expected), std::string(found));
    }

private:
    std::string_view text_;
    std::size_t number_ = 0;
    std::size_t offset_ = 0;
    std::string_view source_;
};

/// Splits a buffer into text_lines. A line ends at "\n"; a "\r" before it (or at the very end of the
/// buffer) is dropped, so CRLF and LF files read the same; a final line without a terminator is still a
/// line, and a buffer ending in "\n" has no empty line after it (as Python's `for line in f`). Lone "\r"
/// (classic Mac OS) is not a terminator.
///
///   const std::string text = vidata::read_file(path);
///   for (const auto& line : vidata::lines(text, path.string())) {
///       const auto f = line.fields();
///       records.push_back({std::string(f.text(0)), f.integer(1, "an integer frame count")});
///   }
///
/// Cost: one memchr per line, no allocation per line (fields() allocates only past 16 fields).
/// The reader does not own the buffer. It owns the source name, on the heap so that lines keep pointing
/// at it when the reader is moved. Not thread-safe; separate readers over one buffer are.
class line_reader {
public:
    line_reader(std::string_view buffer, std::string source = {}, line_options options = {})
        : buffer_(buffer), source_(std::make_unique<const std::string>(std::move(source))) {
        if (options.skip_bom && buffer_.starts_with("\xEF\xBB\xBF")) position_ = 3;
    }

    line_reader(line_reader&&) noexcept = default;
    line_reader& operator=(line_reader&&) noexcept = default;

    /// Stores the next line in `out` and returns true, or returns false at the end of the buffer.
    [[nodiscard]] bool next(text_line& out) noexcept {
        const std::size_t size = buffer_.size();
        if (position_ >= size) return false;
        const char* const start = buffer_.data() + position_;
        const std::size_t rest = size - position_;
        const auto* newline = static_cast<const char*>(std::memchr(start, '\n', rest));
        std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - start) : rest;
        const std::size_t consumed = newline != nullptr ? length + 1 : length;
        if (length > 0 && start[length - 1] == '\r') --length;
        out = text_line(std::string_view(start, length), ++line_number_, position_, *source_);
        position_ += consumed;
        return true;
    }

    /// An input iterator over the remaining lines; `*it` is the current text_line.
    class iterator {
    public:
        using value_type = text_line;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::input_iterator_tag;

        iterator() = default;
        explicit iterator(line_reader* reader) : reader_(reader) { ++*this; }

        [[nodiscard]] const text_line& operator*() const noexcept { return line_; }
        [[nodiscard]] const text_line* operator->() const noexcept { return &line_; }

        iterator& operator++() noexcept {
            if (!reader_->next(line_)) reader_ = nullptr;
            return *this;
        }
        void operator++(int) noexcept { ++*this; }

        [[nodiscard]] friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
            return it.reader_ == nullptr;
        }

    private:
        line_reader* reader_ = nullptr;
        text_line line_;
    };

    [[nodiscard]] iterator begin() { return iterator(this); }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

    /// The source name given at construction (usually the file path), used in every error.
    [[nodiscard]] const std::string& source() const noexcept { return *source_; }
    /// The number of lines returned so far (the number of the last one).
    [[nodiscard]] std::size_t lines_read() const noexcept { return line_number_; }
    /// The part of the buffer not yet returned.
    [[nodiscard]] std::string_view remaining() const noexcept { return buffer_.substr(position_); }

private:
    std::string_view buffer_;
    std::unique_ptr<const std::string> source_;
    std::size_t position_ = 0;
    std::size_t line_number_ = 0;
};

/// The lines of `buffer`, for range-for: `for (const auto& line : vidata::lines(text, "train.txt"))`.
[[nodiscard]] inline line_reader lines(std::string_view buffer, std::string source = {}, line_options options = {}) {
    return line_reader(buffer, std::move(source), options);
}

}  // namespace vidata
