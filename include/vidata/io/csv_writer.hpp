// SPDX-License-Identifier: Apache-2.0
// vidata::csv_writer and append_csv_row(): CSV output that quotes only where needed, as Python's csv.QUOTE_MINIMAL.
#pragma once

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

namespace vidata {

/// The dialect of the CSV writers. The default terminator is Python csv's "\r\n" (RFC 4180); pandas'
/// `to_csv` and most annotation files use "\n".
struct csv_write_options {
    char delimiter = ',';
    char quote = '"';
    std::string_view line_terminator = "\r\n";
};

/// True when `field` must be quoted: it holds the delimiter, the quote character, "\r" or "\n".
/// (Python 3.11 quotes "\r" only when the terminator contains it; quoting it always is what lets every
/// RFC 4180 reader, this library's included, read the field back.)
[[nodiscard]] constexpr bool csv_needs_quotes(std::string_view field, const csv_write_options& options = {}) noexcept {
    for (char c : field)
        if (c == options.delimiter || c == options.quote || c == '\n' || c == '\r') return true;
    return false;
}

/// Appends `field` to `out`, quoted (with quotes doubled) only if csv_needs_quotes.
inline void append_csv_field(std::string& out, std::string_view field, const csv_write_options& options = {}) {
    if (!csv_needs_quotes(field, options)) {
        out += field;
        return;
    }
    out += options.quote;
    for (char c : field) {
        out += c;
        if (c == options.quote) out += c;
    }
    out += options.quote;
}

/// Fields a CSV row can be written from: anything iterable (begin/end) whose elements convert to
/// std::string_view. Spelled with std::begin rather than std::ranges::input_range, which clang 14 cannot
/// evaluate over libstdc++ 12's ranges (the fuzzers are built with clang).
template <class R>
concept csv_field_range = requires(R& r) {
    { std::begin(r) != std::end(r) } -> std::convertible_to<bool>;
    { *std::begin(r) } -> std::convertible_to<std::string_view>;
};

/// Appends one record and its line terminator to `out` (the non-allocating form: reuse `out`).
/// A record of one empty field is written `""`, so that it does not read back as an empty line; a
/// record of no fields is an empty line. Both as Python's csv.writer.
template <csv_field_range R>
void append_csv_row(std::string& out, R&& fields, const csv_write_options& options = {}) {
    std::size_t count = 0;
    const std::size_t start = out.size();
    for (auto&& f : fields) {
        if (count++ != 0) out += options.delimiter;
        append_csv_field(out, std::string_view(f), options);
    }
    if (count == 1 && out.size() == start) {
        out += options.quote;
        out += options.quote;
    }
    out += options.line_terminator;
}

inline void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields,
                           const csv_write_options& options = {}) {
    append_csv_row<std::initializer_list<std::string_view>>(out, std::move(fields), options);
}

/// One record as a string, terminator included.
template <csv_field_range R>
[[nodiscard]] std::string format_csv_row(R&& fields, const csv_write_options& options = {}) {
    std::string out;
    append_csv_row(out, std::forward<R>(fields), options);
    return out;
}

[[nodiscard]] inline std::string format_csv_row(std::initializer_list<std::string_view> fields,
                                                const csv_write_options& options = {}) {
    std::string out;
    append_csv_row(out, fields, options);
    return out;
}

/// Writes CSV records to a stream (an atomic_file's stream(), for files that must never be seen half
/// written). Formats each record into a reused buffer and hands it over in one write.
///
///   vidata::atomic_file file("val.csv");
///   vidata::csv_writer csv(file.stream(), {.line_terminator = "\n"});
///   csv.write_row({"label", "youtube_id", "time_start", "time_end", "split"});
///   file.commit();
class csv_writer {
public:
    explicit csv_writer(std::ostream& out, csv_write_options options = {}) : out_(&out), options_(options) {}

    template <csv_field_range R>
    void write_row(R&& fields) {
        row_.clear();
        append_csv_row(row_, std::forward<R>(fields), options_);
        out_->write(row_.data(), static_cast<std::streamsize>(row_.size()));
    }

    void write_row(std::initializer_list<std::string_view> fields) {
        write_row<std::initializer_list<std::string_view>>(std::move(fields));
    }

    [[nodiscard]] const csv_write_options& options() const noexcept { return options_; }

private:
    std::ostream* out_;
    csv_write_options options_;
    std::string row_;
};

}  // namespace vidata
