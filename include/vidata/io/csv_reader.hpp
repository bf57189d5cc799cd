// SPDX-License-Identifier: Apache-2.0
// vidata::csv_reader: an RFC 4180 reader over an in-memory buffer yielding located rows, zero-copy unless a field needs unescaping.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/parse_number.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata {

/// The dialect and the checks of a csv_reader.
struct csv_options {
    char delimiter = ',';
    char quote = '"';
    /// The first row names the columns: it is read at construction (header(), column("label")) and not
    /// returned by next().
    bool header = false;
    /// Every row must have exactly this many fields (0: no fixed count).
    std::size_t columns = 0;
    /// Every row must have as many fields as the first row (the header, when there is one).
    bool uniform = false;
    /// Skip lines that are empty (or hold only "\r"); otherwise they are rows of zero fields, as Python's csv yields [].
    bool skip_empty_lines = true;
    /// Skip a UTF-8 byte-order mark before the first row.
    bool skip_bom = true;
};

class csv_reader;

/// One record of a CSV buffer. Field views point into the buffer (or, for a quoted field with ""
/// escapes, into the row's own storage); they stay valid until the row is refilled. Every accessor that
/// can fail throws a parse_error naming file:line:column of the field, the expectation and the text.
class csv_row {
public:
    [[nodiscard]] std::size_t size() const noexcept { return cells_.size(); }
    [[nodiscard]] bool empty() const noexcept { return cells_.empty(); }

    /// The i-th field, unescaped, unchecked (precondition: i < size()).
    [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept {
        const cell& c = cells_[i];
        return std::string_view((c.unescaped ? scratch_.data() : buffer_.data()) + c.offset, c.length);
    }

    /// The 1-based line on which the record starts (records with quoted newlines span several lines).
    [[nodiscard]] std::size_t line() const noexcept { return line_; }
    /// The record as it is in the buffer, quotes and escapes included, without its line terminator.
    [[nodiscard]] std::string_view raw() const noexcept { return buffer_.substr(raw_begin_, raw_end_ - raw_begin_); }
    [[nodiscard]] std::string_view source() const noexcept { return source_; }

    /// Where the i-th field starts (its opening quote, for a quoted one), or the end of the record when i ≥ size().
    [[nodiscard]] source_location location(std::size_t i) const {
        if (i < cells_.size()) return source_location{std::string(source_), cells_[i].line, cells_[i].column, -1, {}};
        return source_location{std::string(source_), end_line_, end_column_, -1, {}};
    }

    /// The i-th field; a parse_error naming `what` (a phrase completing "expected ...") when the record is shorter.
    [[nodiscard]] std::string_view text(std::size_t i, std::string_view what = {}) const {
        if (i >= cells_.size()) throw missing(i, what.empty() ? std::string("a value") : std::string(what));
        return (*this)[i];
    }

    /// The i-th field as a 64-bit integer (as Python's int(): blanks around it and a leading '+' are tolerated).
    [[nodiscard]] std::int64_t integer(std::size_t i, std::string_view what = {}) const {
        return value<std::int64_t>(i, what);
    }

    /// The i-th field as a double (as Python's float()).
    [[nodiscard]] double number(std::size_t i, std::string_view what = {}) const { return value<double>(i, what); }

    /// The i-th field as T; out-of-range values are a parse_error naming T's range.
    template <detail::field_number T>
    [[nodiscard]] T value(std::size_t i, std::string_view what = {}) const {
        if (i >= cells_.size()) throw missing(i, what.empty() ? detail::default_expectation<T>() : std::string(what));
        return detail::convert_or_throw<T>((*this)[i], what, [&] { return location(i); });
    }

    /// An error about the i-th field that the caller throws after its own check:
    /// `throw row.error(6, "an action id in [1, 80]");`.
    [[nodiscard]] parse_error error(std::size_t i, std::string expected) const {
        if (i >= cells_.size()) return parse_error(location(i), std::move(expected), std::string(raw()));
        return parse_error(location(i), std::move(expected), std::string((*this)[i]));
    }

    /// A forward iterator over the fields (as string_views).
    class iterator {
    public:
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::forward_iterator_tag;
        using reference = std::string_view;
        using pointer = void;

        iterator() = default;
        iterator(const csv_row* row, std::size_t i) noexcept : row_(row), i_(i) {}
        [[nodiscard]] std::string_view operator*() const noexcept { return (*row_)[i_]; }
        iterator& operator++() noexcept {
            ++i_;
            return *this;
        }
        iterator operator++(int) noexcept {
            iterator old = *this;
            ++i_;
            return old;
        }
        [[nodiscard]] friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.i_ == b.i_; }

    private:
        const csv_row* row_ = nullptr;
        std::size_t i_ = 0;
    };
    [[nodiscard]] iterator begin() const noexcept { return {this, 0}; }
    [[nodiscard]] iterator end() const noexcept { return {this, cells_.size()}; }

private:
    friend class csv_reader;

    struct cell {
        std::size_t offset;
        std::size_t length;
        std::size_t line;
        std::size_t column;
        bool unescaped;  // true: the text lives in scratch_ (a quoted field whose "" were collapsed)
    };

    [[nodiscard]] parse_error missing(std::size_t i, std::string expected) const {
        expected += " as field " + std::to_string(i + 1);
        return parse_error(location(i), std::move(expected), std::string(raw()));
    }

    std::string_view buffer_;
    std::string_view source_;
    std::string scratch_;
    std::vector<cell> cells_;
    std::size_t line_ = 0;
    std::size_t raw_begin_ = 0;
    std::size_t raw_end_ = 0;
    std::size_t end_line_ = 0;
    std::size_t end_column_ = 0;
};

/// Reads RFC 4180 CSV from a buffer: fields separated by a delimiter, records by "\n" or "\r\n"; a field
/// that starts with the quote character runs to the matching quote, may hold delimiters and line breaks,
/// and writes a quote as two (""). As Python's csv module, a quote inside an unquoted field is an ordinary
/// character; unlike it (strict=False), text after a closing quote other than a delimiter or the end of
/// the record is an error, as is a quote never closed.
///
///   const std::string text = vidata::read_file("kinetics400_val.csv");
///   vidata::csv_reader csv(text, "kinetics400_val.csv", {.header = true, .uniform = true});
///   const auto label = csv.column("label"), start = csv.column("time_start");
///   for (const auto& row : csv) use(row[label], row.integer(start, "a start time in seconds"));
///
/// Cost: memchr to the next delimiter, quote or newline; no allocation per row once the row's field
/// vector has grown to the widest record (next(row) reuses it). The reader does not own the buffer; it
/// owns the source name (on the heap, so rows keep pointing at it when the reader moves). Not thread-safe.
class csv_reader {
public:
    /// Reads the header row at once when options.header is set (hence may throw parse_error).
    csv_reader(std::string_view buffer, std::string source = {}, csv_options options = {})
        : buffer_(buffer), source_(std::make_unique<const std::string>(std::move(source))), options_(options) {
        if (options_.skip_bom && buffer_.starts_with("\xEF\xBB\xBF")) position_ = line_start_ = 3;
        if (options_.header) {
            if (!read_record(header_)) prepare(header_);
            width_ = options_.columns != 0 ? options_.columns : (options_.uniform ? header_.size() : 0);
            check_width(header_);
        } else {
            width_ = options_.columns;
        }
    }

    csv_reader(csv_reader&&) noexcept = default;
    csv_reader& operator=(csv_reader&&) noexcept = default;

    /// Fills `row` with the next record and returns true, or returns false at the end of the buffer.
    bool next(csv_row& row) {
        if (!read_record(row)) return false;
        if (width_ == 0 && options_.uniform && !header_seen_) {
            width_ = row.size();
            header_seen_ = true;
        }
        check_width(row);
        return true;
    }

    /// The header row (empty unless options.header).
    [[nodiscard]] const csv_row& header() const noexcept { return header_; }

    /// The offset in the buffer where the next record starts: the reader never looks before it again (a caller
    /// reading a memory-mapped file may let the pages behind it go).
    [[nodiscard]] std::size_t position() const noexcept { return position_; }

    /// The index of the header column called `name`, or nullopt.
    [[nodiscard]] std::optional<std::size_t> find_column(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < header_.size(); ++i)
            if (header_[i] == name) return i;
        return std::nullopt;
    }

    /// The index of the header column called `name`; a parse_error at the header row when there is none.
    [[nodiscard]] std::size_t column(std::string_view name) const {
        if (auto i = find_column(name)) return *i;
        source_location where{*source_, header_.line() == 0 ? 1 : header_.line(), 1, -1, {}};
        throw parse_error(std::move(where), "a header with a column named '" + std::string(name) + "'",
                          std::string(header_.raw()));
    }

    /// An input iterator over the remaining records; `*it` is the current row, refilled by ++.
    class iterator {
    public:
        using value_type = csv_row;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::input_iterator_tag;

        iterator() = default;
        explicit iterator(csv_reader* reader) : reader_(reader) { ++*this; }
        [[nodiscard]] const csv_row& operator*() const noexcept { return reader_->current_; }
        [[nodiscard]] const csv_row* operator->() const noexcept { return &reader_->current_; }
        iterator& operator++() {
            if (!reader_->next(reader_->current_)) reader_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }
        [[nodiscard]] friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
            return it.reader_ == nullptr;
        }

    private:
        csv_reader* reader_ = nullptr;
    };

    [[nodiscard]] iterator begin() { return iterator(this); }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

    [[nodiscard]] const std::string& source() const noexcept { return *source_; }
    [[nodiscard]] const csv_options& options() const noexcept { return options_; }

private:
    void prepare(csv_row& row) const {
        row.buffer_ = buffer_;
        row.source_ = *source_;
        row.scratch_.clear();
        row.cells_.clear();
        row.line_ = line_;
        row.raw_begin_ = row.raw_end_ = position_;
        row.end_line_ = line_;
        row.end_column_ = position_ - line_start_ + 1;
    }

    void check_width(const csv_row& row) const {
        if (width_ == 0 || row.size() == width_) return;
        std::string expected = std::to_string(width_) + (width_ == 1 ? " field" : " fields");
        if (options_.header && options_.columns == 0) expected += " as in the header";
        expected += " but the record has " + std::to_string(row.size());
        throw parse_error(row.location(width_ < row.size() ? width_ : row.size()), std::move(expected),
                          std::string(row.raw()));
    }

    void new_line_at(std::size_t next_line_start) noexcept {
        ++line_;
        line_start_ = next_line_start;
    }

    // Counts the line breaks inside a quoted field so that later fields report the right line.
    void count_newlines(std::size_t from, std::size_t to) noexcept {
        const char* data = buffer_.data();
        while (from < to) {
            const auto* nl = static_cast<const char*>(std::memchr(data + from, '\n', to - from));
            if (nl == nullptr) break;
            from = static_cast<std::size_t>(nl - data) + 1;
            new_line_at(from);
        }
    }

    // Returns true when `i` starts an empty line ("\n", "\r\n" or a final "\r"); `length` gets the terminator's size.
    [[nodiscard]] bool empty_line_at(std::size_t i, std::size_t& length) const noexcept {
        const char* data = buffer_.data();
        const std::size_t size = buffer_.size();
        if (data[i] == '\n') {
            length = 1;
            return true;
        }
        if (data[i] == '\r' && (i + 1 == size || data[i + 1] == '\n')) {
            length = i + 1 == size ? 1 : 2;
            return true;
        }
        return false;
    }

    // Parses one record into `row`; false at the end of the buffer.
    bool read_record(csv_row& row) {
        const char* const data = buffer_.data();
        const std::size_t size = buffer_.size();
        for (;;) {
            if (position_ >= size) return false;
            std::size_t terminator = 0;
            if (!empty_line_at(position_, terminator)) break;
            if (!options_.skip_empty_lines) {
                prepare(row);
                position_ += terminator;
                new_line_at(position_);
                return true;
            }
            position_ += terminator;
            new_line_at(position_);
        }
        prepare(row);
        const char delimiter = options_.delimiter;
        const char quote = options_.quote;
        for (;;) {
            const std::size_t start = position_;
            const std::size_t line = line_;
            const std::size_t column = start - line_start_ + 1;
            if (start < size && data[start] == quote) {
                std::size_t scan = start + 1;
                bool doubled = false;
                std::size_t close = 0;
                for (;;) {
                    const auto* q = static_cast<const char*>(std::memchr(data + scan, quote, size - scan));
                    if (q == nullptr) {
                        const std::size_t eol = line_end(start);
                        throw parse_error(source_location{*source_, line, column, -1, {}},
                                          std::string("a closing ") + quote + " for the quoted field that starts here",
                                          std::string(buffer_.substr(start, eol - start)));
                    }
                    const auto at = static_cast<std::size_t>(q - data);
                    if (at + 1 < size && data[at + 1] == quote) {
                        doubled = true;
                        scan = at + 2;
                        continue;
                    }
                    close = at;
                    break;
                }
                count_newlines(start + 1, close);
                if (doubled) {
                    const std::size_t offset = row.scratch_.size();
                    for (std::size_t i = start + 1; i < close; ++i) {
                        row.scratch_.push_back(data[i]);
                        if (data[i] == quote) ++i;  // the second quote of a "" pair
                    }
                    row.cells_.push_back({offset, row.scratch_.size() - offset, line, column, true});
                } else {
                    row.cells_.push_back({start + 1, close - start - 1, line, column, false});
                }
                position_ = close + 1;
                if (position_ >= size) return finish(row, position_, 0);
                const char c = data[position_];
                if (c == delimiter) {
                    ++position_;
                    continue;
                }
                std::size_t terminator = 0;
                if (empty_line_at(position_, terminator)) return finish(row, position_, terminator);
                const std::size_t eol = line_end(position_);
                throw parse_error(source_location{*source_, line_, position_ - line_start_ + 1, -1, {}},
                                  std::string("a delimiter or the end of the record after the closing ") + quote,
                                  std::string(buffer_.substr(position_, eol - position_)));
            }
            const std::size_t eol = line_end(start);
            const auto* d = static_cast<const char*>(std::memchr(data + start, delimiter, eol - start));
            if (d != nullptr) {
                const auto at = static_cast<std::size_t>(d - data);
                row.cells_.push_back({start, at - start, line, column, false});
                position_ = at + 1;
                continue;
            }
            std::size_t end = eol;
            if (end > start && data[end - 1] == '\r') --end;
            row.cells_.push_back({start, end - start, line, column, false});
            return finish(row, end, eol - end + (eol < size ? 1 : 0));
        }
    }

    // Records where the record ends (`end`, before a terminator of `terminator` bytes) and moves past it.
    bool finish(csv_row& row, std::size_t end, std::size_t terminator) noexcept {
        row.raw_end_ = end;
        row.end_line_ = line_;
        row.end_column_ = end - line_start_ + 1;
        position_ = end + terminator;
        if (terminator != 0 && buffer_[position_ - 1] == '\n') new_line_at(position_);
        return true;
    }

    // The index of the first '\n' at or after `from` (or the buffer's size); cached, since every
    // unquoted field of a line asks for the same one.
    [[nodiscard]] std::size_t line_end(std::size_t from) noexcept {
        if (eol_valid_ && eol_ >= from) return eol_;
        const auto* nl = static_cast<const char*>(std::memchr(buffer_.data() + from, '\n', buffer_.size() - from));
        eol_ = nl != nullptr ? static_cast<std::size_t>(nl - buffer_.data()) : buffer_.size();
        eol_valid_ = true;
        return eol_;
    }

    std::string_view buffer_;
    std::unique_ptr<const std::string> source_;
    csv_options options_;
    csv_row header_;
    csv_row current_;
    std::size_t width_ = 0;
    bool header_seen_ = false;
    std::size_t position_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;
    std::size_t eol_ = 0;
    bool eol_valid_ = false;
};

}  // namespace vidata
