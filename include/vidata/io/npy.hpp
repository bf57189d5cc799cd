// SPDX-License-Identifier: Apache-2.0
// NumPy .npy files (format 1.0, 2.0, 3.0) to and from vidata::ndarray, with a strict header parser and atomic saving.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/read_file.hpp>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sys/stat.h>

namespace vidata {

/// What the header of a .npy file says: the dtype, the shape, the element order, the format version and
/// where the data starts. Reading it alone (parse_npy_header) is how a tool inspects a large file cheaply.
///
///   const vidata::ndarray scores = vidata::load_npy("scores.npy");   // N x C float32, as np.save wrote it
///   vidata::save_npy("features.npy", features);                     // atomic; numpy.save's bytes
///
/// Supported: bool, int8..int64, uint8..uint64, float16/32/64 in either byte order, C or Fortran order,
/// 0-d and empty arrays, format versions 1.0, 2.0 and 3.0. Refused (parse_error naming the byte offset):
/// structured, object, string, complex and datetime dtypes, and any header that is not the literal dict
/// numpy writes.
struct npy_header {
    vidata::dtype type;
    bool fortran_order = false;  ///< elements stored first axis fastest
    std::vector<std::int64_t> shape;
    int major_version = 1;  ///< 1: 2-byte header length; 2: 4-byte; 3: 4-byte and a UTF-8 header
    int minor_version = 0;
    std::size_t data_offset = 0;  ///< bytes before the first element (magic, version, length, header text)
};

/// How .npy files are written.
struct npy_write_options {
    /// 1, 2 or 3; 0 picks as numpy.save does: 1.0 when the header fits in its 65535 bytes, else 2.0.
    /// (3.0 differs from 2.0 only by a UTF-8 header, which vidata's ASCII headers never need.)
    int version = 0;
};

namespace detail {

inline constexpr unsigned char npy_magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
// numpy 1.24 aligns the data to 64 bytes and leaves room in the header for the growth axis to reach 21 digits.
inline constexpr std::size_t npy_alignment = 64;
inline constexpr std::size_t npy_growth_axis_digits = 21;
inline constexpr std::size_t npy_max_dimensions = 64;

[[nodiscard]] inline std::string_view as_chars(std::span<const unsigned char> bytes) noexcept {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

[[nodiscard]] inline parse_error npy_error(std::string_view source, std::size_t offset, std::string expected, std::string found) {
    return parse_error(source_location{std::string(source), 0, 0, static_cast<std::int64_t>(offset), {}}, std::move(expected),
                       std::move(found));
}

[[nodiscard]] inline std::string npy_byte_count(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

// Checks the magic, the version and the length field; returns the size of magic + version + length + header
// text, i.e. the data offset. `bytes` may be just the first 12 bytes of the file.
[[nodiscard]] inline std::size_t npy_preamble(std::span<const unsigned char> bytes, std::string_view source, int& major, int& minor) {
    if (bytes.size() < 6 || std::memcmp(bytes.data(), npy_magic, 6) != 0)
        throw npy_error(source, 0, "the .npy magic string '\\x93NUMPY'",
                        std::string(as_chars(bytes.first(bytes.size() < 6 ? bytes.size() : 6))));
    if (bytes.size() < 8) throw npy_error(source, bytes.size(), "a format version after the magic string", "end of file");
    major = bytes[6];
    minor = bytes[7];
    if (major < 1 || major > 3 || minor != 0)
        throw npy_error(source, 6, "format version 1.0, 2.0 or 3.0", std::to_string(major) + "." + std::to_string(minor));
    const std::size_t length_size = major == 1 ? 2 : 4;
    if (bytes.size() < 8 + length_size)
        throw npy_error(source, bytes.size(), "a " + std::to_string(length_size) + "-byte header length", "end of file");
    std::size_t header_length = 0;
    for (std::size_t i = length_size; i-- > 0;) header_length = header_length << 8 | bytes[8 + i];
    return 8 + length_size + header_length;
}

// A recursive-descent parser for the header, which is the repr of a Python dict literal:
//   {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
// It accepts what numpy writes and what ast.literal_eval would read back to the same dict — any key
// order, blanks between tokens, trailing commas, either quote — and refuses everything else (other keys,
// repeated keys, escapes, expressions, negative or overflowing dimensions, (3) for (3,)), naming the
// byte offset.
class npy_header_parser {
public:
    npy_header_parser(std::string_view text, std::size_t base, std::string_view source, bool allow_long_suffix)
        : text_(text), base_(base), source_(source), allow_long_suffix_(allow_long_suffix) {}

    void parse(npy_header& h) {
        skip_blanks();
        expect('{', "'{' opening the header dict");
        bool seen_descr = false, seen_fortran = false, seen_shape = false;
        for (;;) {
            skip_blanks();
            if (peek() == '}') break;
            const std::size_t key_at = i_;
            const std::string_view key = parse_string("a key 'descr', 'fortran_order' or 'shape'");
            skip_blanks();
            expect(':', "':' after the key");
            skip_blanks();
            if (key == "descr") {
                once(seen_descr, key_at);
                parse_descr(h);
            } else if (key == "fortran_order") {
                once(seen_fortran, key_at);
                h.fortran_order = parse_bool();
            } else if (key == "shape") {
                once(seen_shape, key_at);
                parse_shape(h);
            } else {
                i_ = key_at;
                fail("a key 'descr', 'fortran_order' or 'shape'");
            }
            skip_blanks();
            if (peek() == ',') {
                ++i_;
                continue;
            }
            if (peek() != '}') fail("',' or '}' after a value");
        }
        const std::size_t close = i_;
        ++i_;
        if (!seen_descr) fail_at(close, "a header with the key 'descr'");
        if (!seen_fortran) fail_at(close, "a header with the key 'fortran_order'");
        if (!seen_shape) fail_at(close, "a header with the key 'shape'");
        skip_blanks();
        if (i_ != text_.size()) fail("only blanks and the final newline after the header dict");
    }

private:
    [[nodiscard]] char peek() const noexcept { return i_ < text_.size() ? text_[i_] : '\0'; }

    [[noreturn]] void fail(std::string expected) const { fail_at(i_, std::move(expected)); }

    [[noreturn]] void fail_at(std::size_t at, std::string expected) const {
        std::string found = at < text_.size() ? std::string(text_.substr(at)) : std::string("end of header");
        throw npy_error(source_, base_ + at, std::move(expected), std::move(found));
    }

    void once(bool& seen, std::size_t key_at) const {
        if (seen) fail_at(key_at, "each of 'descr', 'fortran_order' and 'shape' once");
        seen = true;
    }

    void skip_blanks() noexcept {
        while (i_ < text_.size() && (text_[i_] == ' ' || (text_[i_] >= '\t' && text_[i_] <= '\r'))) ++i_;
    }

    void expect(char c, const char* expected) {
        if (peek() != c) fail(expected);
        ++i_;
    }

    // A Python string literal without prefix or escapes (none of the three values needs one).
    [[nodiscard]] std::string_view parse_string(const char* expected) {
        const char q = peek();
        if (q != '\'' && q != '"') fail(expected);
        const std::size_t start = i_ + 1;
        std::size_t j = start;
        while (j < text_.size() && text_[j] != q) {
            const char c = text_[j];
            if (c == '\\' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
                fail_at(j, std::string("a plain ASCII string (no escapes) closed by ") + q);
            ++j;
        }
        if (j == text_.size()) fail_at(i_, std::string("a string closed by ") + q);
        i_ = j + 1;
        return text_.substr(start, j - start);
    }

    [[nodiscard]] bool identifier_ends_at(std::size_t j) const noexcept {
        if (j >= text_.size()) return true;
        const char c = text_[j];
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    }

    [[nodiscard]] bool parse_bool() {
        for (const std::string_view word : {std::string_view("True"), std::string_view("False")}) {
            if (text_.substr(i_, word.size()) == word && identifier_ends_at(i_ + word.size())) {
                i_ += word.size();
                return word == "True";
            }
        }
        fail("True or False for 'fortran_order'");
    }

    void parse_descr(npy_header& h) {
        if (peek() == '[') fail("a descr string naming a plain dtype (structured arrays are not supported)");
        const std::size_t at = i_;
        const std::string_view descr = parse_string("a descr string such as '<f4'");
        if (!vidata::dtype::try_parse(descr, h.type))
            fail_at(at, "a descr naming bool, int8..int64, uint8..uint64 or float16/32/64 (such as '<f4' or '|u1')");
    }

    void parse_shape(npy_header& h) {
        expect('(', "a tuple of dimensions for 'shape', such as (3, 4) or (3,) or ()");
        h.shape.clear();
        bool after_comma = false;
        for (;;) {
            skip_blanks();
            if (peek() == ')') {
                if (h.shape.size() == 1 && !after_comma) fail("',' after the only dimension: a 1-tuple is written (n,)");
                ++i_;
                return;
            }
            if (!h.shape.empty() && !after_comma) fail("',' or ')' in the shape tuple");
            if (h.shape.size() == npy_max_dimensions) fail("at most " + std::to_string(npy_max_dimensions) + " dimensions");
            h.shape.push_back(parse_dimension());
            skip_blanks();
            after_comma = peek() == ',';
            if (after_comma) ++i_;
        }
    }

    // A Python int literal: 0 or digits without a leading zero; Python 2 numpy wrote a 'L' suffix.
    [[nodiscard]] std::int64_t parse_dimension() {
        const std::size_t start = i_;
        if (peek() < '0' || peek() > '9') fail("a non-negative integer dimension");
        std::uint64_t value = 0;
        while (peek() >= '0' && peek() <= '9') {
            const auto digit = static_cast<std::uint64_t>(peek() - '0');
            if (value > (static_cast<std::uint64_t>(INT64_MAX) - digit) / 10) fail_at(start, "a dimension below 2^63");
            value = value * 10 + digit;
            ++i_;
        }
        if (text_[start] == '0' && i_ - start > 1) fail_at(start, "a dimension without leading zeros");
        if (allow_long_suffix_ && (peek() == 'L' || peek() == 'l')) ++i_;
        if (!identifier_ends_at(i_)) fail("',' or ')' after a dimension");
        return static_cast<std::int64_t>(value);
    }

    std::string_view text_;
    std::size_t base_;
    std::string_view source_;
    bool allow_long_suffix_;
    std::size_t i_ = 0;
};

// The header text numpy 1.24 writes for `a`, padded and terminated, preceded by magic, version and length.
[[nodiscard]] inline std::string npy_header_bytes(const ndarray& a, int version) {
    if (version < 0 || version > 3)
        throw invalid_argument("vidata::npy: format version " + std::to_string(version) +
                               " does not exist (use 1, 2, 3 or 0 for automatic)");
    // numpy marks an array Fortran-ordered only when it is not also C-contiguous, which happens only
    // with at least two dimensions longer than 1 (and then no dimension is 0).
    std::size_t long_axes = 0;
    for (auto d : a.shape()) long_axes += d > 1 ? 1 : 0;
    const bool fortran = a.fortran_order() && a.size() > 0 && long_axes >= 2;
    std::string dict = "{'descr': '" + a.type().str() + "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + ndarray::shape_string(a.shape()) + ", }";
    if (!a.shape().empty()) {
        const std::size_t digits = std::to_string(fortran ? a.shape().back() : a.shape().front()).size();
        dict.append(npy_growth_axis_digits > digits ? npy_growth_axis_digits - digits : 0, ' ');
    }
    const auto padded_length = [&](std::size_t prefix) {
        const std::size_t length = dict.size() + 1;  // the text and its final '\n'
        // As numpy: an already aligned header still gets a full block of padding.
        return length + (npy_alignment - (prefix + length) % npy_alignment);
    };
    const bool fits_v1 = padded_length(10) <= 0xffff;
    if (version == 0) version = fits_v1 ? 1 : 2;
    if (version == 1 && !fits_v1)
        throw invalid_argument("vidata::npy: the header of shape " + ndarray::shape_string(a.shape()) + " does not fit format 1.0");
    const std::size_t prefix = version == 1 ? 10 : 12;
    const std::size_t field = padded_length(prefix);
    std::string out(reinterpret_cast<const char*>(npy_magic), 6);
    out += static_cast<char>(version);
    out += '\0';
    for (std::size_t i = 0; i < prefix - 8; ++i) out += static_cast<char>((field >> (8 * i)) & 0xff);
    out += dict;
    out.append(field - dict.size() - 1, ' ');
    out += '\n';
    return out;
}

}  // namespace detail

/// Parses the preamble and header of a .npy file. `bytes` must hold at least the whole header (the
/// data may follow). Throws parse_error with the byte offset of what is wrong.
[[nodiscard]] inline npy_header parse_npy_header(std::span<const unsigned char> bytes, std::string_view source_name = {}) {
    npy_header h;
    h.data_offset = detail::npy_preamble(bytes, source_name, h.major_version, h.minor_version);
    const std::size_t prefix = h.major_version == 1 ? 10 : 12;
    if (h.data_offset > bytes.size())
        throw detail::npy_error(source_name, prefix, "a header of " + detail::npy_byte_count(h.data_offset - prefix),
                                "end of file after " + detail::npy_byte_count(bytes.size() - prefix));
    const std::string_view text = detail::as_chars(bytes.subspan(prefix, h.data_offset - prefix));
    detail::npy_header_parser(text, prefix, source_name, h.major_version <= 2).parse(h);
    return h;
}

namespace detail {

// The data size the header promises, checked against what is there before anything is allocated.
[[nodiscard]] inline std::size_t npy_data_size(const npy_header& h, std::size_t available, std::string_view source) {
    const std::int64_t count = ndarray::checked_count(h.shape);
    if (count < 0)
        throw npy_error(source, h.data_offset, "a shape whose element count fits in 62 bits", ndarray::shape_string(h.shape));
    const auto n = static_cast<std::uint64_t>(count);
    if (n > available / h.type.itemsize)
        throw npy_error(source, h.data_offset,
                        std::to_string(n) + (n == 1 ? " element" : " elements") + " of " + h.type.str() + " for shape " +
                            ndarray::shape_string(h.shape),
                        "end of file after " + npy_byte_count(available) + " of data");
    return static_cast<std::size_t>(n) * h.type.itemsize;
}

}  // namespace detail

/// Reads an array from the bytes of a .npy file (in memory). Trailing bytes after the data are ignored,
/// as numpy.load does. A header claiming more data than present is refused before allocating.
[[nodiscard]] inline ndarray from_npy_bytes(std::span<const unsigned char> bytes, std::string_view source_name = {}) {
    npy_header h = parse_npy_header(bytes, source_name);
    const std::size_t size = detail::npy_data_size(h, bytes.size() - h.data_offset, source_name);
    const auto data = bytes.subspan(h.data_offset, size);
    return ndarray(h.type, std::move(h.shape), std::vector<unsigned char>(data.begin(), data.end()), h.fortran_order);
}

[[nodiscard]] inline ndarray from_npy_bytes(std::string_view bytes, std::string_view source_name = {}) {
    return from_npy_bytes(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()),
                          source_name);
}

/// A .npy file opened for reading: its header, read and checked against the file size first (so a corrupt or
/// hostile header never causes a large allocation), then its data read straight into memory the caller owns, such
/// as an Eigen matrix of the right shape: one copy of the data in memory, not two.
///
///   vidata::npy_file f("scores.npy");
///   if (f.header().type == vidata::dtype::of<float>() && !f.header().fortran_order) f.read_data(matrix.data());
///
/// Pipes and devices (no size to check against) are read whole at once. Throws io_error naming the path when it
/// cannot be read, parse_error with the byte offset when the header is malformed or promises more data than the
/// file holds.
class npy_file {
public:
    explicit npy_file(const std::filesystem::path& path) : path_(path), name_(path.string()), fd_(detail::open_fd(path.c_str(), O_RDONLY)) {
        if (!fd_) throw io_error(name_, "cannot open for reading: " + detail::errno_message(errno));
        struct stat st {};
        if (::fstat(fd_.get(), &st) != 0) throw io_error(name_, "cannot stat: " + detail::errno_message(errno));
        if (!S_ISREG(st.st_mode)) {
            detail::read_fd_into(fd_.get(), path, whole_);
            header_ = parse_npy_header(whole_, name_);
            size_ = detail::npy_data_size(header_, whole_.size() - header_.data_offset, name_);
            return;
        }
        const auto file_size = static_cast<std::size_t>(st.st_size);
        std::vector<unsigned char> head(file_size < 12 ? file_size : 12);
        head.resize(read_at(head.data(), head.size(), 0));
        int major = 0, minor = 0;
        const std::size_t data_offset = detail::npy_preamble(head, name_, major, minor);
        if (data_offset <= file_size) {  // otherwise parse_npy_header reports the short header
            head.resize(data_offset);
            head.resize(read_at(head.data(), data_offset, 0));
        }
        header_ = parse_npy_header(head, name_);
        size_ = detail::npy_data_size(header_, file_size - header_.data_offset, name_);
    }

    [[nodiscard]] const npy_header& header() const noexcept { return header_; }
    /// The bytes of data the header promises (element count times item size), known to be in the file.
    [[nodiscard]] std::size_t data_size() const noexcept { return size_; }

    /// Reads the data_size() bytes of data to `to`.
    void read_data(unsigned char* to) const {
        if (!whole_.empty() || size_ == 0) {
            std::copy_n(whole_.data() + header_.data_offset, size_, to);
            return;
        }
        if (read_at(to, size_, header_.data_offset) != size_)  // the file shrank since fstat
            throw detail::npy_error(name_, header_.data_offset, detail::npy_byte_count(size_) + " of data", "end of file");
    }

    /// The whole array.
    [[nodiscard]] ndarray load() const {
        std::vector<unsigned char> data(size_);
        read_data(data.data());
        npy_header h = header_;
        return ndarray(h.type, std::move(h.shape), std::move(data), h.fortran_order);
    }

private:
    std::size_t read_at(unsigned char* to, std::size_t n, std::size_t offset) const {
        const auto got = detail::pread_full(fd_.get(), to, n, offset);
        if (got < 0) throw io_error(name_, "cannot read: " + detail::errno_message(errno));
        return static_cast<std::size_t>(got);
    }

    std::filesystem::path path_;
    std::string name_;
    detail::unique_fd fd_;
    std::vector<unsigned char> whole_;  // a pipe's bytes, header included
    npy_header header_;
    std::size_t size_ = 0;
};

/// Reads the .npy file at `path` (see npy_file): the data is read straight into the array.
[[nodiscard]] inline ndarray load_npy(const std::filesystem::path& path) { return npy_file(path).load(); }

/// Writes `array` in .npy format to `out`, byte for byte as numpy.save (1.24) writes it: the header dict
/// with sorted keys, room for the growth axis, data aligned to 64 bytes. The non-allocating form.
inline void write_npy(std::ostream& out, const ndarray& array, npy_write_options options = {}) {
    const std::string header = detail::npy_header_bytes(array, options.version);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    const auto bytes = array.bytes();
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

/// The bytes of `array` as a .npy file.
[[nodiscard]] inline std::vector<unsigned char> to_npy_bytes(const ndarray& array, npy_write_options options = {}) {
    const std::string header = detail::npy_header_bytes(array, options.version);
    std::vector<unsigned char> out;
    out.reserve(header.size() + array.bytes().size());
    out.insert(out.end(), header.begin(), header.end());
    out.insert(out.end(), array.bytes().begin(), array.bytes().end());
    return out;
}

/// Saves `array` to `path` through an atomic_file: the file appears complete or not at all.
inline void save_npy(const std::filesystem::path& path, const ndarray& array, npy_write_options options = {},
                     atomic_file_options file_options = {}) {
    atomic_file file(path, file_options);
    file.write(detail::npy_header_bytes(array, options.version));
    file.write(array.bytes());
    file.commit();
}

}  // namespace vidata
