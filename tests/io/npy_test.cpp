// SPDX-License-Identifier: Apache-2.0
// Tests of the .npy reader and writer: strict header parsing, hostile sizes, numpy as oracle both ways, real files.
#include <vidata/io/npy.hpp>

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

// A .npy file assembled by hand: magic, version, little-endian header length, the header text as given
// (no padding, which the format does not require of readers), then the data.
std::string make_npy(const std::string& header, int version = 1, const std::string& data = {}) {
    std::string out = "\x93NUMPY";
    out += static_cast<char>(version);
    out += '\0';
    const std::size_t n = header.size();
    out += static_cast<char>(n & 0xff);
    out += static_cast<char>((n >> 8) & 0xff);
    if (version != 1) {
        out += static_cast<char>((n >> 16) & 0xff);
        out += static_cast<char>((n >> 24) & 0xff);
    }
    return out + header + data;
}

std::string npy_error_of(const std::string& bytes) {
    try {
        (void)vidata::from_npy_bytes(bytes, "h.npy");
    } catch (const vidata::parse_error& e) {
        return e.what();
    }
    return "no exception";
}

// The message for an error at `offset` of the file.
std::string at(std::size_t offset, const std::string& expected, const std::string& found) {
    return "[vidata.parse_error] h.npy (byte " + std::to_string(offset) + "): expected " + expected + ", got '" + found + "'";
}

std::string le32(std::uint32_t v) {
    std::string s(4, '\0');
    for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    return s;
}

struct layout {
    std::vector<std::int64_t> shape;
    bool fortran;         // the storage order the array is made with
    bool header_fortran;  // what numpy's header says: Fortran only when the layout is not also C
    const char* name;
};

const std::vector<layout> layouts = {
    {{}, false, false, "scalar"},     {{0}, false, false, "0"},         {{0, 3}, false, false, "0x3"},
    {{0, 3}, true, false, "0x3F"},    {{5}, false, false, "5"},         {{1, 5}, true, false, "1x5F"},
    {{3, 4}, false, false, "3x4"},    {{3, 4}, true, true, "3x4F"},     {{2, 3, 4}, false, false, "2x3x4"},
    {{2, 3, 4}, true, true, "2x3x4F"}};

const std::vector<std::string> descrs = {"|b1", "|i1", "|u1", "<i2", ">i2", "<u2", ">u2", "<i4", ">i4", "<u4", ">u4",
                                         "<i8", ">i8", "<u8", ">u8", "<f2", ">f2", "<f4", ">f4", "<f8", ">f8"};

// The value at C-order position i of an n-element test array of kind/size, as a JSON value (specials as strings).
nlohmann::json test_value(char kind, int size, std::int64_t i, std::int64_t n) {
    if (kind == 'b') return i % 3 == 1;
    if (kind == 'i') {
        const std::int64_t lo = size == 8 ? std::numeric_limits<std::int64_t>::min() : -(std::int64_t{1} << (8 * size - 1));
        const std::int64_t hi = size == 8 ? std::numeric_limits<std::int64_t>::max() : (std::int64_t{1} << (8 * size - 1)) - 1;
        if (n >= 2 && i == 0) return lo;
        if (n >= 2 && i == n - 1) return hi;
        return (i * 53) % 199 - 99;
    }
    if (kind == 'u') {
        const std::uint64_t hi = size == 8 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << (8 * size)) - 1;
        if (n >= 2 && i == n - 1) return hi;
        return static_cast<std::uint64_t>((i * 53) % 199);
    }
    switch (i) {
    case 1: return "nan";
    case 2: return "-inf";
    case 6: return "inf";
    case 7: return -0.0;
    default: return (static_cast<double>(i) - 2.5) * 0.5;
    }
}

double as_double(const nlohmann::json& v) {
    if (v.is_string()) {
        const auto s = v.get<std::string>();
        if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
        return s == "inf" ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    return v.get<double>();
}

// Appends the bytes of v as a kind/size element in the given byte order.
void append_element(std::vector<unsigned char>& out, const nlohmann::json& v, char kind, int size, bool big) {
    unsigned char b[8] = {};
    if (kind == 'b') {
        b[0] = v.get<bool>() ? 1 : 0;
    } else if (kind == 'i') {
        const auto x = static_cast<std::uint64_t>(v.get<std::int64_t>());
        for (int k = 0; k < size; ++k) b[k] = static_cast<unsigned char>(x >> (8 * k));
    } else if (kind == 'u') {
        const auto x = v.get<std::uint64_t>();
        for (int k = 0; k < size; ++k) b[k] = static_cast<unsigned char>(x >> (8 * k));
    } else {
        const double d = as_double(v);
        std::uint64_t bits = 0;
        if (size == 2) bits = vidata::detail::float_to_half(static_cast<float>(d));
        else if (size == 4) bits = std::bit_cast<std::uint32_t>(static_cast<float>(d));
        else bits = std::bit_cast<std::uint64_t>(d);
        for (int k = 0; k < size; ++k) b[k] = static_cast<unsigned char>(bits >> (8 * k));
    }
    if (big) std::reverse(b, b + size);
    out.insert(out.end(), b, b + size);
}

// The C-order position of storage position p of a Fortran-ordered array (first axis fastest).
std::int64_t c_index_of_fortran(std::int64_t p, const std::vector<std::int64_t>& shape) {
    std::vector<std::int64_t> idx(shape.size());
    for (std::size_t k = 0; k < shape.size(); ++k) {
        idx[k] = p % shape[k];
        p /= shape[k];
    }
    std::int64_t c = 0;
    for (std::size_t k = 0; k < shape.size(); ++k) c = c * shape[k] + idx[k];
    return c;
}

// Compares element i of `a` with the expected JSON value, exactly (NaN with NaN, -0.0 with -0.0).
bool element_equals(const vidata::ndarray& a, std::size_t i, const nlohmann::json& want) {
    switch (a.type().kind) {
    case 'b': return a.at<bool>(i) == want.get<bool>();
    case 'i': return a.at<std::int64_t>(i) == want.get<std::int64_t>();
    case 'u': return a.at<std::uint64_t>(i) == want.get<std::uint64_t>();
    default: {
        const double got = a.at<double>(i), expected = as_double(want);
        if (std::isnan(expected)) return std::isnan(got);
        return got == expected && std::signbit(got) == std::signbit(expected);
    }
    }
}

}  // namespace

TEST_CASE("npy: reads a file numpy wrote (bytes embedded)", "[io][npy]") {
    // io.BytesIO() after np.save(b, np.arange(6, dtype='<i4').reshape(2, 3)) with numpy 1.24.
    std::string bytes = "\x93NUMPY\x01\x00v\x00{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }"s;
    bytes.append(117 - 59, ' ');
    bytes += '\n';
    REQUIRE(bytes.size() == 128);
    for (std::uint32_t v = 0; v < 6; ++v) bytes += le32(v);
    const auto a = vidata::from_npy_bytes(bytes, "arange.npy");
    CHECK(a.type().str() == "<i4");
    CHECK(a.shape() == std::vector<std::int64_t>{2, 3});
    CHECK_FALSE(a.fortran_order());
    CHECK(a.to_vector<int>() == std::vector<int>{0, 1, 2, 3, 4, 5});
    // And we write exactly those bytes.
    const auto ours = vidata::to_npy_bytes(a);
    CHECK(std::string(ours.begin(), ours.end()) == bytes);

    const auto h = vidata::parse_npy_header(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(bytes.data()), 128));
    CHECK(h.major_version == 1);
    CHECK(h.data_offset == 128);
}

TEST_CASE("npy: header syntax that numpy's reader accepts", "[io][npy]") {
    const std::string data(24, '\0');
    const auto shape_of = [&](const std::string& header, int version = 1) {
        return vidata::from_npy_bytes(make_npy(header, version, data), "h.npy").shape();
    };
    using shape = std::vector<std::int64_t>;
    CHECK(shape_of("{'shape': (2, 3), 'fortran_order': False, 'descr': '<i4'}") == shape{2, 3});
    CHECK(shape_of("{ \"descr\" : \"<i4\" ,\n\t'fortran_order':True,'shape':(2,3,),}  \n") == shape{2, 3});
    CHECK(shape_of("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }") == shape{3});
    CHECK(shape_of("{'descr': '<f8', 'fortran_order': False, 'shape': (), }") == shape{});
    CHECK(shape_of("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 5), }") == shape{0, 5});
    // Python 2 numpy wrote long integers with an L (format 1.0 and 2.0 only, as numpy's own filter).
    CHECK(shape_of("{'descr': '<i4', 'fortran_order': False, 'shape': (2L, 3L), }") == shape{2, 3});
    CHECK(shape_of("{'descr': '<i4', 'fortran_order': False, 'shape': (2L, 3L), }", 2) == shape{2, 3});
    CHECK_THROWS_AS(shape_of("{'descr': '<i4', 'fortran_order': False, 'shape': (2L, 3L), }", 3), vidata::parse_error);
    // Type strings numpy accepts for the same dtypes.
    for (const char* d : {"'<u1'", "'|u1'", "'u1'", "'>i1'", "'|b1'", "'<b1'"}) {
        INFO(d);
        CHECK(vidata::from_npy_bytes(make_npy(std::string("{'descr': ") + d + ", 'fortran_order': False, 'shape': (3,)}", 1, "abc"))
                  .size() == 3);
    }
    // Bytes after the data are ignored, as numpy.load does.
    CHECK(vidata::from_npy_bytes(make_npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,)}", 1, "abXYZ")).to_vector<int>() ==
          std::vector<int>{'a', 'b'});
    // Version 2.0 and 3.0 read the same.
    const auto v3 = vidata::from_npy_bytes(make_npy("{'descr': '>u2', 'fortran_order': False, 'shape': (2,)}", 3, "\x01\x02\x03\x04"));
    CHECK(v3.to_vector<int>() == std::vector<int>{0x0102, 0x0304});
}

TEST_CASE("npy: malformed headers are refused with the byte offset", "[io][npy]") {
    const auto header_error = [](const std::string& header, std::size_t at_in_header, const std::string& expected, int version = 1) {
        const std::size_t prefix = version == 1 ? 10 : 12;
        std::string found = at_in_header < header.size() ? header.substr(at_in_header) : std::string("end of header");
        if (found.size() > 80) found = found.substr(0, 80) + "...";
        CHECK(npy_error_of(make_npy(header, version)) == at(prefix + at_in_header, expected, found));
    };
    std::string h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3), }";
    header_error(h, h.find("), }"), "',' after the only dimension: a 1-tuple is written (n,)");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'extra': 1}";
    header_error(h, h.find("'extra'"), "a key 'descr', 'fortran_order' or 'shape'");
    h = "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find("'descr'", 2), "each of 'descr', 'fortran_order' and 'shape' once");
    h = "{'descr': '<f4', 'shape': (3,)}";
    header_error(h, h.find('}'), "a header with the key 'fortran_order'");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}";
    header_error(h, h.find('-'), "a non-negative integer dimension");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}";
    header_error(h, h.find('9'), "a dimension below 2^63");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (03,)}";
    header_error(h, h.find("03"), "a dimension without leading zeros");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3 4)}";
    header_error(h, h.find("4)"), "',' or ')' in the shape tuple");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3.5,)}";
    header_error(h, h.find(".5"), "',' or ')' in the shape tuple");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': [3]}";
    header_error(h, h.find('['), "a tuple of dimensions for 'shape', such as (3, 4) or (3,) or ()");
    h = "{'descr': '<c8', 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find("'<c8'"), "a descr naming bool, int8..int64, uint8..uint64 or float16/32/64 (such as '<f4' or '|u1')");
    h = "{'descr': 'O', 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find("'O'"), "a descr naming bool, int8..int64, uint8..uint64 or float16/32/64 (such as '<f4' or '|u1')");
    h = "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find('['), "a descr string naming a plain dtype (structured arrays are not supported)");
    h = "{'descr': '<f\\x34', 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find('\\'), "a plain ASCII string (no escapes) closed by '");
    h = "{'descr': '<f4, 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find("'<f4"), "a descr naming bool, int8..int64, uint8..uint64 or float16/32/64 (such as '<f4' or '|u1')");
    h = "{'descr' '<f4', 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find(" '<f4") + 1, "':' after the key");
    h = "{'descr': '<f4', 'fortran_order': false, 'shape': (3,)}";
    header_error(h, h.find("false"), "True or False for 'fortran_order'");
    h = "{'descr': '<f4', 'fortran_order': Trueish, 'shape': (3,)}";
    header_error(h, h.find("Trueish"), "True or False for 'fortran_order'");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)} x";
    header_error(h, h.find('x'), "only blanks and the final newline after the header dict");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}}";
    header_error(h, h.size() - 1, "only blanks and the final newline after the header dict");
    h = "{'descr': '<f4',, 'fortran_order': False, 'shape': (3,)}";
    header_error(h, h.find(",,") + 1, "a key 'descr', 'fortran_order' or 'shape'");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)";
    header_error(h, h.size(), "',' or '}' after a value");
    h = "['descr', '<f4']";
    header_error(h, 0, "'{' opening the header dict");
    header_error("", 0, "'{' opening the header dict");
    std::string dims = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
    for (int i = 0; i < 65; ++i) dims += "1,";
    dims += ")}";
    header_error(dims, dims.find("1,") + 2 * 64, "at most 64 dimensions");
    h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'x': 1}";
    header_error(h, h.find("'x'"), "a key 'descr', 'fortran_order' or 'shape'", 2);
}

TEST_CASE("npy: malformed files: magic, version, truncation, hostile sizes", "[io][npy]") {
    CHECK(npy_error_of("") == at(0, "the .npy magic string '\\x93NUMPY'", ""));
    CHECK(npy_error_of("PK\x03\x04 zip") == at(0, "the .npy magic string '\\x93NUMPY'", "PK\\x03\\x04 z"));
    CHECK(npy_error_of("\x93NUMPY") == at(6, "a format version after the magic string", "end of file"));
    CHECK(npy_error_of(std::string("\x93NUMPY\x04\x00\x10\x00", 10)) == at(6, "format version 1.0, 2.0 or 3.0", "4.0"));
    CHECK(npy_error_of(std::string("\x93NUMPY\x01\x01\x10\x00", 10)) == at(6, "format version 1.0, 2.0 or 3.0", "1.1"));
    CHECK(npy_error_of(std::string("\x93NUMPY\x02\x00\x10\x00", 10)) == at(10, "a 4-byte header length", "end of file"));
    CHECK(npy_error_of(std::string("\x93NUMPY\x01\x00\x10\x00{'de", 14)) == at(10, "a header of 16 bytes", "end of file after 4 bytes"));
    // A v2 header length of 4 GiB in a 20-byte file.
    CHECK(npy_error_of(std::string("\x93NUMPY\x02\x00\xff\xff\xff\xff", 12) + "{'descr'") ==
          at(12, "a header of 4294967295 bytes", "end of file after 8 bytes"));

    const std::string f8_header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4,)}";
    const std::size_t data_at = 10 + f8_header.size();
    CHECK(npy_error_of(make_npy(f8_header, 1, std::string(31, 'x'))) ==
          at(data_at, "4 elements of <f8 for shape (4,)", "end of file after 31 bytes of data"));
    // Claims far more than present: refused before allocating 8 GB.
    const std::string huge = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,)}";
    CHECK(npy_error_of(make_npy(huge, 1, "12345678")) ==
          at(10 + huge.size(), "1000000000 elements of <f8 for shape (1000000000,)", "end of file after 8 bytes of data"));
    // A product that overflows: 2^32 * 2^32 elements; and one just below 2^63 dimension each.
    const std::string overflow = "{'descr': '|u1', 'fortran_order': False, 'shape': (4294967296, 4294967296)}";
    CHECK(npy_error_of(make_npy(overflow)) ==
          at(10 + overflow.size(), "a shape whose element count fits in 62 bits", "(4294967296, 4294967296)"));
    const std::string big_dims = "{'descr': '<u8', 'fortran_order': False, 'shape': (9223372036854775807, 2)}";
    CHECK(npy_error_of(make_npy(big_dims)).find("a shape whose element count fits in 62 bits") != std::string::npos);
    // 2^61 elements of 8 bytes: the count is representable, the byte size is not (2^64).
    const std::string byte_overflow = "{'descr': '<u8', 'fortran_order': False, 'shape': (2305843009213693952,)}";
    CHECK(npy_error_of(make_npy(byte_overflow, 1, "x")) ==
          at(10 + byte_overflow.size(), "2305843009213693952 elements of <u8 for shape (2305843009213693952,)",
             "end of file after 1 byte of data"));
    // Zero-size arrays need no data even with a huge other dimension.
    const std::string empty = "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 9223372036854775807)}";
    CHECK(vidata::from_npy_bytes(make_npy(empty)).size() == 0);
}

TEST_CASE("npy: in-memory round trip of every dtype, layout and version", "[io][npy]") {
    for (const auto& descr : descrs) {
        vidata::dtype type;
        REQUIRE(vidata::dtype::try_parse(descr, type));
        for (const auto& l : layouts) {
            const std::int64_t n = vidata::ndarray::checked_count(l.shape);
            std::vector<unsigned char> bytes;
            for (std::int64_t p = 0; p < n; ++p)
                append_element(bytes, test_value(type.kind, type.itemsize, l.fortran ? c_index_of_fortran(p, l.shape) : p, n),
                               type.kind, type.itemsize, descr[0] == '>');
            const vidata::ndarray a(type, l.shape, bytes, l.fortran);
            for (int version : {0, 1, 2, 3}) {
                INFO(descr << ' ' << l.name << " v" << version);
                const auto file = vidata::to_npy_bytes(a, {.version = version});
                CHECK(file[6] == (version == 0 ? 1 : version));
                const auto h = vidata::parse_npy_header(file);
                CHECK(h.data_offset % 64 == 0);
                CHECK(file[h.data_offset - 1] == '\n');
                CHECK(h.fortran_order == l.header_fortran);
                const auto back = vidata::from_npy_bytes(file, "round.npy");
                CHECK(back == a);
                CHECK(back.type().str() == descr);
                for (std::int64_t i = 0; i < n; ++i) CHECK(element_equals(back, static_cast<std::size_t>(i), test_value(type.kind, type.itemsize, i, n)));
            }
        }
    }
    CHECK_THROWS_AS(vidata::to_npy_bytes(vidata::ndarray(), {.version = 4}), vidata::invalid_argument);
}

TEST_CASE("npy: save_npy and load_npy", "[io][npy]") {
    vidata::test::temp_dir dir;
    const std::vector<float> values{1.5f, -2.0f, 3.25f, 0.0f, 7.0f, -0.5f};
    const auto a = vidata::ndarray::from_values<float>({2, 3}, values);
    vidata::save_npy(dir / "scores.npy", a);
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
    const auto back = vidata::load_npy(dir / "scores.npy");
    CHECK(back == a);
    CHECK(back.to_vector<float>() == values);

    // A file claiming more data than it has is refused before the data is allocated.
    const std::string huge = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000,)}";
    vidata::test::write_file(dir / "huge.npy", make_npy(huge, 1, "abc"));
    try {
        (void)vidata::load_npy(dir / "huge.npy");
        FAIL("no exception");
    } catch (const vidata::parse_error& e) {
        CHECK(std::string(e.what()) == "[vidata.parse_error] " + (dir / "huge.npy").string() + " (byte " +
                                           std::to_string(10 + huge.size()) +
                                           "): expected 100000000000 elements of <f8 for shape (100000000000,), got 'end of "
                                           "file after 3 bytes of data'");
    }
    // A header longer than the file.
    vidata::test::write_file(dir / "short.npy", std::string("\x93NUMPY\x01\x00\xff\x00{'descr'", 18));
    CHECK_THROWS_AS(vidata::load_npy(dir / "short.npy"), vidata::parse_error);
    vidata::test::write_file(dir / "tiny.npy", "\x93NU");
    CHECK_THROWS_AS(vidata::load_npy(dir / "tiny.npy"), vidata::parse_error);
    try {
        (void)vidata::load_npy(dir / "missing.npy");
        FAIL("no exception");
    } catch (const vidata::io_error& e) {
        CHECK(std::string(e.what()) ==
              "[vidata.io_error] " + (dir / "missing.npy").string() + ": cannot open for reading: No such file or directory");
    }
}

TEST_CASE("npy: numpy writes, we read (every dtype x layout x version)", "[io][npy][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    const auto r = vidata::test::run_python("npy_oracle.py", "write " + vidata::test::shell_quote(dir.path().string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto manifest = nlohmann::json::parse(vidata::test::read_file(dir / "manifest.json"));
    REQUIRE(manifest.size() == 21 * 8 * 3);
    std::size_t checked = 0;
    for (const auto& entry : manifest) {
        const auto file = entry["file"].get<std::string>();
        INFO(file);
        const auto a = vidata::load_npy(dir / file);
        const auto bytes = vidata::read_file_bytes(dir / file);
        CHECK(vidata::from_npy_bytes(bytes, file) == a);
        const auto h = vidata::parse_npy_header(bytes, file);
        CHECK(h.major_version == entry["version"].get<int>());
        CHECK(a.type().str() == entry["descr"].get<std::string>());
        CHECK(a.shape() == entry["shape"].get<std::vector<std::int64_t>>());
        CHECK(h.fortran_order == entry["fortran_order"].get<bool>());
        const auto& values = entry["values"];
        REQUIRE(values.size() == a.size());
        bool all_equal = true;
        for (std::size_t i = 0; i < values.size(); ++i) all_equal = all_equal && element_equals(a, i, values[i]);
        CHECK(all_equal);
        // And writing it again gives numpy's bytes.
        const auto again = vidata::to_npy_bytes(a, {.version = h.major_version});
        CHECK(again == bytes);
        ++checked;
    }
    CHECK(checked == 504);
}

TEST_CASE("npy: we write, numpy reads (every dtype x layout x version)", "[io][npy][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    nlohmann::json manifest = nlohmann::json::array();
    for (const auto& descr : descrs) {
        vidata::dtype type;
        REQUIRE(vidata::dtype::try_parse(descr, type));
        for (const auto& l : layouts) {
            const std::int64_t n = vidata::ndarray::checked_count(l.shape);
            std::vector<unsigned char> bytes;
            nlohmann::json values = nlohmann::json::array();
            for (std::int64_t i = 0; i < n; ++i) values.push_back(test_value(type.kind, type.itemsize, i, n));
            for (std::int64_t p = 0; p < n; ++p)
                append_element(bytes, values[static_cast<std::size_t>(l.fortran ? c_index_of_fortran(p, l.shape) : p)], type.kind,
                               type.itemsize, descr[0] == '>');
            const vidata::ndarray a(type, l.shape, bytes, l.fortran);
            for (int version : {0, 2, 3}) {
                const std::string name = "cpp_" + std::string(1, descr[0] == '<' ? 'l' : descr[0] == '>' ? 'b' : 'n') +
                                         descr.substr(1) + "_" + l.name + "_v" + std::to_string(version) + ".npy";
                vidata::save_npy(dir / name, a, {.version = version}, {.durable = false});
                manifest.push_back({{"file", name}, {"descr", descr}, {"shape", l.shape}, {"fortran_order", l.header_fortran},
                                    {"version", version}, {"values", values}});
            }
        }
    }
    vidata::test::write_file(dir / "manifest.json", manifest.dump());
    const auto r = vidata::test::run_python("npy_oracle.py", "check " + vidata::test::shell_quote(dir.path().string()));
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("checked 630 files, 0 problems") != std::string::npos);
}

TEST_CASE("npy: every .npy of the fixtures reads as numpy reads it", "[io][npy][fixtures]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    // Known without numpy: the header of mmaction2/bsp_features/v_test1.npy (`head -c 128`) says
    // {'descr': '<f8', 'fortran_order': False, 'shape': (665, 32), }.
    const auto bsp = vidata::load_npy(*fixtures / "mmaction2/bsp_features/v_test1.npy");
    CHECK(bsp.type().str() == "<f8");
    CHECK(bsp.shape() == std::vector<std::int64_t>{665, 32});
    CHECK_FALSE(bsp.fortran_order());

    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    const auto r = vidata::test::run_python("npy_oracle.py", "describe " + vidata::test::shell_quote(fixtures->string()) + " " +
                                                                 vidata::test::shell_quote((dir / "d.json").string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto described = nlohmann::json::parse(vidata::test::read_file(dir / "d.json"));
    std::size_t seen = 0;
    for (const auto& entry : fs::recursive_directory_iterator(*fixtures)) seen += entry.path().extension() == ".npy" ? 1 : 0;
    CHECK(described.size() == seen);
    CHECK(seen >= 1);
    for (const auto& d : described) {
        const auto path = *fixtures / d["path"].get<std::string>();
        INFO(path);
        const auto a = vidata::load_npy(path);
        CHECK(a.type().str() == d["descr"].get<std::string>());
        CHECK(a.shape() == d["shape"].get<std::vector<std::int64_t>>());
        CHECK(a.fortran_order() == d["fortran_order"].get<bool>());
        if (a.size() == 0) continue;
        const auto values = a.to_vector<double>();
        double sum = 0;
        for (double v : values) sum += v;
        CHECK(sum == Approx(d["sum"].get<double>()).epsilon(1e-12));
        CHECK(element_equals(a, 0, d["first"]));
        CHECK(element_equals(a, a.size() - 1, d["last"]));
    }
}
