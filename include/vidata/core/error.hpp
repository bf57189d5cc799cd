// SPDX-License-Identifier: Apache-2.0
// The exception hierarchy: every recoverable failure in vidata is a vidata::error with a stable id.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace vidata {

/// Base of every exception vidata throws. `id()` is a stable dotted name (`vidata.formats.parse_error`)
/// documented in docs/errors.md; `what()` is "[id] message", a sentence a user can act on.
class error : public std::runtime_error {
public:
    error(std::string id, const std::string& message)
        : std::runtime_error("[" + id + "] " + message), id_(std::move(id)) {}

    [[nodiscard]] const std::string& id() const noexcept { return id_; }

private:
    std::string id_;
};

/// Where in an input something went wrong. `line`/`column` are 1-based and 0 when not applicable
/// (binary formats report a byte `offset` instead; JSON may report a `path` such as `/database/v_x/annotations/3`).
struct source_location {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::int64_t offset = -1;
    std::string path;

    [[nodiscard]] std::string to_string() const {
        std::string out = file.empty() ? std::string("<input>") : file;
        if (line != 0) {
            out += ':' + std::to_string(line);
            if (column != 0) out += ':' + std::to_string(column);
        }
        if (offset >= 0) out += " (byte " + std::to_string(offset) + ")";
        if (!path.empty()) out += " at " + path;
        return out;
    }
};

namespace detail {
inline std::string quote_excerpt(std::string_view text) {
    constexpr std::size_t max_excerpt = 80;
    std::string out;
    out.reserve(std::min(text.size(), max_excerpt) + 5);
    for (std::size_t i = 0; i < text.size() && i < max_excerpt; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r') out += "\\r";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) {
            constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else out += static_cast<char>(c);
    }
    if (text.size() > max_excerpt) out += "...";
    return out;
}
}  // namespace detail

/// Malformed input: names the file, the line (or byte offset / JSON path), what was expected and what was found.
///   [vidata.parse_error] train.txt:17:12: expected an integer frame count, got 'v_Apply'
class parse_error : public error {
public:
    parse_error(source_location where, std::string expected, std::string found)
        : error("vidata.parse_error", compose(where, expected, found)),
          where_(std::move(where)), expected_(std::move(expected)), found_(std::move(found)) {}

    [[nodiscard]] const source_location& where() const noexcept { return where_; }
    [[nodiscard]] const std::string& file() const noexcept { return where_.file; }
    [[nodiscard]] std::size_t line() const noexcept { return where_.line; }
    [[nodiscard]] std::size_t column() const noexcept { return where_.column; }
    [[nodiscard]] std::int64_t offset() const noexcept { return where_.offset; }
    [[nodiscard]] const std::string& expected() const noexcept { return expected_; }
    /// The offending text, as found in the input (unescaped).
    [[nodiscard]] const std::string& found() const noexcept { return found_; }

private:
    static std::string compose(const source_location& where, const std::string& expected, const std::string& found) {
        return where.to_string() + ": expected " + expected + ", got '" + detail::quote_excerpt(found) + "'";
    }

    source_location where_;
    std::string expected_;
    std::string found_;
};

/// A pickle names a global outside vidata's allow-list (or is a format vidata refuses to interpret,
/// such as a PyTorch file). Nothing from it was executed.
class unsafe_input_error : public error {
public:
    unsafe_input_error(source_location where, const std::string& reason)
        : error("vidata.unsafe_input", where.to_string() + ": " + reason), where_(std::move(where)) {}

    [[nodiscard]] const source_location& where() const noexcept { return where_; }

private:
    source_location where_;
};

/// The operating system refused a file operation (open, write, rename...). Carries the path.
class io_error : public error {
public:
    io_error(std::string path, const std::string& reason)
        : error("vidata.io_error", (path.empty() ? std::string("<stream>") : path) + ": " + reason),
          path_(std::move(path)) {}

    [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

/// A video (or image) could not be decoded: the file is truncated or corrupt, a frame that the container
/// announces is missing, or a requested frame is past the last decodable one. Carries the path and, where
/// the failure concerns one frame, its index (frame i = the i-th frame in presentation order; -1 otherwise).
///   [vidata.decode_error] clips/v_Diving_g01.mp4: frame 57: the file ends after 40 decodable frames
class decode_error : public error {
public:
    decode_error(std::string path, std::int64_t frame, const std::string& reason)
        : error("vidata.decode_error", compose(path, frame, reason)), path_(std::move(path)), frame_(frame) {}

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    /// The frame the failure concerns, or -1 when it concerns the file as a whole.
    [[nodiscard]] std::int64_t frame() const noexcept { return frame_; }

private:
    static std::string compose(const std::string& path, std::int64_t frame, const std::string& reason) {
        std::string out = path.empty() ? std::string("<stream>") : path;
        if (frame >= 0) out += ": frame " + std::to_string(frame);
        return out + ": " + reason;
    }

    std::string path_;
    std::int64_t frame_ = -1;
};

/// A value is outside what the called function accepts (an empty clip, k > number of classes...).
class invalid_argument : public error {
public:
    explicit invalid_argument(const std::string& message) : error("vidata.invalid_argument", message) {}
};

}  // namespace vidata
