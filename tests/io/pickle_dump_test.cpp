// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::dump: Python's pickle.load must read back what the test says it built; C++ reads it back too.
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/load.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace {

using vidata::pickle::value;

struct written_case {
    std::string name;
    value v;
    std::string python;  // a Python expression for the object pickle.load must return
    value reloaded;      // what loading the dump gives back: v, except that arrays come back in native byte order
};

struct dtype_spec {
    const char* code;  // numpy's kind + itemsize: "i2"
    char kind;
    int size;
};

constexpr dtype_spec all_dtypes[] = {{"b1", 'b', 1}, {"i1", 'i', 1}, {"i2", 'i', 2}, {"i4", 'i', 4}, {"i8", 'i', 8}, {"u1", 'u', 1},
                                     {"u2", 'u', 2}, {"u4", 'u', 4}, {"u8", 'u', 8}, {"f2", 'f', 2}, {"f4", 'f', 4}, {"f8", 'f', 8}};

// The bytes of one element, built from its bit pattern so the test does not depend on the host's order.
void append_element(std::vector<unsigned char>& out, const dtype_spec& d, double x, bool big_endian) {
    std::uint64_t bits = 0;
    if (d.kind == 'b') bits = x != 0 ? 1 : 0;
    else if (d.kind == 'i' || d.kind == 'u') bits = static_cast<std::uint64_t>(static_cast<std::int64_t>(x));
    else if (d.size == 2) bits = vidata::detail::float_to_half(static_cast<float>(x));
    else if (d.size == 4) bits = std::bit_cast<std::uint32_t>(static_cast<float>(x));
    else bits = std::bit_cast<std::uint64_t>(x);
    for (int k = 0; k < d.size; ++k) {
        const int byte = big_endian ? d.size - 1 - k : k;
        out.push_back(static_cast<unsigned char>(bits >> (8 * byte)));
    }
}

vidata::dtype make_dtype(const dtype_spec& d, bool big_endian) {
    vidata::dtype t;
    t.kind = d.kind;
    t.itemsize = static_cast<std::uint8_t>(d.size);
    t.byte_order = big_endian ? std::endian::big : std::endian::little;
    return t;
}

std::string python_number(const dtype_spec& d, double x) {
    if (d.kind == 'b') return x != 0 ? "True" : "False";
    char buf[64];
    if (d.kind == 'f') std::snprintf(buf, sizeof buf, "%.17g", x);
    else std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(x));
    return buf;
}

double sample(const dtype_spec& d, int i) {
    switch (d.kind) {
    case 'b': return i % 3 == 0 ? 1 : 0;
    case 'i': return i - 6;
    case 'u': return i;
    default: return i * 0.5 - 3;
    }
}

// An array of `shape` holding sample(d, 0..n-1) in logical C order, stored in C or Fortran order.
value sample_array(const dtype_spec& d, const std::vector<std::int64_t>& shape, bool fortran, bool big_endian, std::string& python) {
    std::size_t n = 1;
    for (auto s : shape) n *= static_cast<std::size_t>(s);
    std::vector<double> logical(n);
    for (std::size_t i = 0; i < n; ++i) logical[i] = sample(d, static_cast<int>(i));
    std::vector<unsigned char> bytes;
    for (std::size_t storage = 0; storage < n; ++storage) {
        // Storage position → logical C-order position: peel Fortran indices from the first axis.
        std::size_t logical_index = storage;
        if (fortran && shape.size() >= 2) {
            std::size_t rest = storage, index = 0, stride = 1;
            std::vector<std::size_t> idx(shape.size());
            for (std::size_t k = 0; k < shape.size(); ++k) {
                idx[k] = rest % static_cast<std::size_t>(shape[k]);
                rest /= static_cast<std::size_t>(shape[k]);
            }
            for (std::size_t k = shape.size(); k-- > 0;) {
                index += idx[k] * stride;
                stride *= static_cast<std::size_t>(shape[k]);
            }
            logical_index = index;
        }
        append_element(bytes, d, logical[logical_index], big_endian);
    }
    // numpy's ndarray.__setstate__ swaps a non-native array into native order on load, so Python
    // reads a big-endian array back as the little-endian array of the same values.
    const std::string dtype = std::string(d.size == 1 ? "|" : "<") + d.code;
    std::string list = "[";
    for (std::size_t i = 0; i < n; ++i) list += (i ? ", " : "") + python_number(d, logical[i]);
    list += "]";
    std::string shape_text = "(";
    for (std::size_t k = 0; k < shape.size(); ++k) shape_text += (k ? ", " : "") + std::to_string(shape[k]);
    shape_text += shape.size() == 1 ? ",)" : ")";
    python = "np.array(" + list + ", dtype='" + dtype + "').reshape(" + shape_text + ")";
    if (fortran) python = "np.asfortranarray(" + python + ")";
    return value(vidata::ndarray(make_dtype(d, big_endian), shape, std::move(bytes), fortran));
}

value extremes(const dtype_spec& d, std::string& python) {
    std::vector<unsigned char> bytes;
    const int bits = 8 * d.size;
    const std::uint64_t umax = bits == 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << bits) - 1;
    const std::uint64_t lo = d.kind == 'i' ? std::uint64_t{1} << (bits - 1) : 0;          // two's complement of the minimum
    const std::uint64_t hi = d.kind == 'i' ? (std::uint64_t{1} << (bits - 1)) - 1 : umax;  // the maximum
    for (std::uint64_t v : {lo, hi})
        for (int k = 0; k < d.size; ++k) bytes.push_back(static_cast<unsigned char>(v >> (8 * k)));
    const std::string dtype = std::string(d.size == 1 ? "|" : "<") + d.code;
    python = "np.array([np.iinfo('" + dtype + "').min, np.iinfo('" + dtype + "').max], dtype='" + dtype + "')";
    return value(vidata::ndarray(make_dtype(d, false), {2}, std::move(bytes)));
}

value specials(const dtype_spec& d, std::string& python) {
    const double max = d.size == 2 ? 65504.0 : d.size == 4 ? static_cast<double>(std::numeric_limits<float>::max()) : std::numeric_limits<double>::max();
    std::vector<unsigned char> bytes;
    for (double x : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), -0.0, max, 0.1})
        append_element(bytes, d, x, false);
    const std::string dtype = std::string("<") + d.code;
    python = "np.array([np.nan, np.inf, -np.inf, -0.0, np.finfo('" + dtype + "').max, 0.1], dtype='" + dtype + "')";
    return value(vidata::ndarray(make_dtype(d, false), {6}, std::move(bytes)));
}

std::vector<written_case> writer_cases() {
    std::vector<written_case> cases;
    const auto add = [&](std::string name, value v, std::string python) { cases.push_back({std::move(name), v, std::move(python), v}); };

    add("none", value(), "None");
    add("bools", value::list({true, false}), "[True, False]");
    add("ints", value::list({0, 255, 256, 65535, 65536, -1, -2147483648LL, 2147483647, 2147483648LL, std::numeric_limits<std::int64_t>::min(),
                             std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::uint64_t>::max()}),
        "[0, 255, 256, 65535, 65536, -1, -2**31, 2**31 - 1, 2**31, -2**63, 2**63 - 1, 2**64 - 1]");
    add("big_ints", value::list({value(*vidata::pickle::big_int::from_decimal("1267650600228229401496703205376")),
                                 value(*vidata::pickle::big_int::from_decimal("-1267650600228229401496703205376")),
                                 value(*vidata::pickle::big_int::from_decimal("-9223372036854775809"))}),
        "[2**100, -2**100, -2**63 - 1]");
    add("floats", value::list({0.0, -0.0, 1.5, 0.1, 1e16, 5e-324, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN(), 1.7976931348623157e308}),
        "[0.0, -0.0, 1.5, 0.1, 1e16, 5e-324, math.inf, -math.inf, math.nan, 1.7976931348623157e308]");
    add("strings", value::list({"", "abc", "h\xc3\xa9llo", "\xf0\x9f\x98\x80", std::string(300, 'x'), std::string("nul\0in", 6), "quote's \"both\"", "line\nbreak\\"}),
        "['', 'abc', 'h\\u00e9llo', '\\U0001F600', 'x' * 300, 'nul\\x00in', 'quote\\'s \"both\"', 'line\\nbreak\\\\']");
    std::string long_text;
    for (int i = 0; i < 70000; ++i) long_text += "\xc3\xa9";
    add("long_string", value(long_text), "'\\u00e9' * 70000");
    std::string all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes += static_cast<char>(i);
    add("bytes", value::list({value::bytes(""), value::bytes("abc"), value::bytes(all_bytes), value::bytes(std::string(300, 'y'))}),
        "[b'', b'abc', bytes(range(256)), b'y' * 300]");
    add("bytearray", value::bytearray(std::string("hi\0\xff", 4)), "bytearray(b'hi\\x00\\xff')");
    add("tuples", value::list({value::tuple({}), value::tuple({1}), value::tuple({1, 2}), value::tuple({1, 2, 3}), value::tuple({1, 2, 3, 4, 5})}),
        "[(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4, 5)]");
    add("containers", value::dict({{"list", value::list({1, "a", value()})}, {"set", value::set({1, 2, 3})}, {"frozenset", value::frozenset({"a", "b"})},
                                   {"empty_set", value::set({})}, {"empty_frozenset", value::frozenset({})}, {"empty_dict", value::dict({})}, {"empty_list", value::list({})}}),
        "{'list': [1, 'a', None], 'set': {1, 2, 3}, 'frozenset': frozenset({'a', 'b'}), 'empty_set': set(), 'empty_frozenset': frozenset(), "
        "'empty_dict': {}, 'empty_list': []}");
    add("mixed_keys", value::dict({{1, "int"}, {value::tuple({1, "b"}), 2}, {value(), 3}, {value::bytes("x"), 4}, {2.5, 5}, {value::frozenset({1}), 6}, {"s", 7}}),
        "{1: 'int', (1, 'b'): 2, None: 3, b'x': 4, 2.5: 5, frozenset({1}): 6, 's': 7}");
    add("ordered_dict", value::ordered_dict({{"b", 1}, {"a", value::list({1, 2})}}), "collections.OrderedDict([('b', 1), ('a', [1, 2])])");
    add("defaultdict_list", value::defaultdict("list", {{"x", value::list({1})}}), "collections.defaultdict(list, {'x': [1]})");
    add("defaultdict_int", value::defaultdict("int", {{"a", 3}}), "collections.defaultdict(int, {'a': 3})");
    add("defaultdict_none", value::defaultdict("", {{"a", 3}}), "collections.defaultdict(None, {'a': 3})");
    add("defaultdict_ordered", value::defaultdict("collections.OrderedDict", {}), "collections.defaultdict(collections.OrderedDict)");
    std::vector<value> many;
    for (int i = 0; i < 2500; ++i) many.emplace_back(i);
    add("long_list", value::list(many), "list(range(2500))");
    add("long_set", value::set(std::vector<value>(many.begin(), many.begin() + 1500)), "set(range(1500))");
    vidata::pickle::dict_items entries;
    for (int i = 0; i < 2100; ++i) entries.emplace_back("k" + std::to_string(i), i);
    add("long_dict", value::dict(entries), "{'k%d' % i: i for i in range(2100)}");
    value deep = 1;
    std::string deep_python = "1";
    for (int i = 0; i < 100; ++i) {
        deep = value::list({deep});
        deep_python = "[" + deep_python + "]";
    }
    add("deep", deep, deep_python);
    const value shared = value::list({1, 2});
    add("shared", value::list({shared, shared, value::dict({{"a", shared}})}), "[[1, 2], [1, 2], {'a': [1, 2]}]");

    for (const auto& d : all_dtypes) {
        vidata::pickle::dict_items arrays, native_arrays;
        std::string python = "{";
        const auto put = [&](const std::string& key, value v, const std::string& expr) {
            arrays.emplace_back(key, v);
            native_arrays.emplace_back(key, v);
            python += "'" + key + "': " + expr + ", ";
        };
        std::string expr;
        value v = sample_array(d, {3, 4}, false, false, expr);
        put("c", v, expr);
        v = sample_array(d, {3, 4}, true, false, expr);
        put("f", v, expr);
        v = sample_array(d, {2, 3, 4}, false, false, expr);
        put("cube", v, expr);
        v = sample_array(d, {2, 3, 4}, true, false, expr);
        put("cube_f", v, expr);
        v = sample_array(d, {}, false, false, expr);
        put("zero_d", v, expr);
        v = sample_array(d, {0}, false, false, expr);
        put("empty", v, expr);
        v = sample_array(d, {2, 0}, false, false, expr);
        put("empty2", v, expr);
        if (d.size > 1) {
            for (const bool fortran : {false, true}) {
                const std::string key = fortran ? "big_endian_f" : "big_endian";
                put(key, sample_array(d, {3, 4}, fortran, true, expr), expr);
                native_arrays.back().second = sample_array(d, {3, 4}, fortran, false, expr);
            }
        }
        if (d.kind == 'i' || d.kind == 'u') {
            v = extremes(d, expr);
            put("extremes", v, expr);
        }
        if (d.kind == 'f') {
            v = specials(d, expr);
            put("specials", v, expr);
        }
        cases.push_back({std::string("array_") + d.code, value::dict(std::move(arrays)), python + "}", value::dict(std::move(native_arrays))});
    }
    add("scalars",
        value::list({value::numpy_scalar(true), value::numpy_scalar(std::int8_t{-5}), value::numpy_scalar(std::int16_t{-300}), value::numpy_scalar(std::int32_t{70000}),
                     value::numpy_scalar(std::int64_t{-5000000000}), value::numpy_scalar(std::uint8_t{200}), value::numpy_scalar(std::uint16_t{60000}),
                     value::numpy_scalar(std::uint32_t{4000000000u}), value::numpy_scalar(std::numeric_limits<std::uint64_t>::max()), value::numpy_scalar(1.5f),
                     value::numpy_scalar(0.1), value::numpy_scalar(vidata::ndarray::float16_from({}, std::vector<float>{0.25f}))}),
        "[np.bool_(True), np.int8(-5), np.int16(-300), np.int32(70000), np.int64(-5000000000), np.uint8(200), np.uint16(60000), "
        "np.uint32(4000000000), np.uint64(2**64 - 1), np.float32(1.5), np.float64(0.1), np.float16(0.25)]");
    add("numpy_text", value::list({value::numpy_str("h\xc3\xa9llo"), value::numpy_str(""), value::numpy_bytes("ab"), value::numpy_str("\xf0\x9f\x98\x80")}),
        "[np.str_('h\\u00e9llo'), np.str_(''), np.bytes_(b'ab'), np.str_('\\U0001F600')]");
    return cases;
}

}  // namespace

TEST_CASE("pickle dump: Python's pickle.load reads back every type and dtype exactly", "[pickle][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    const auto cases = writer_cases();
    for (const auto& c : cases) {
        vidata::test::write_file(dir / (c.name + ".pkl"), vidata::pickle::dump(c.v));
        vidata::test::write_file(dir / (c.name + ".expect.py"), c.python);
    }
    const auto r = vidata::test::run_python("pickle_check_written.py", vidata::test::shell_quote(dir.path().string()));
    INFO(r.output);
    CHECK(r.status == 0);
    std::size_t ok = 0;
    for (std::size_t pos = 0; (pos = r.output.find("OK ", pos)) != std::string::npos; ++pos) ++ok;
    CHECK(ok == cases.size());
}

TEST_CASE("pickle dump: C++ reads back what it wrote", "[pickle]") {
    for (const auto& c : writer_cases()) {
        INFO(c.name);
        const std::string bytes = vidata::pickle::dump(c.v);
        CHECK(bytes.substr(0, 2) == std::string("\x80\x04", 2));
        CHECK(bytes.back() == '.');
        const auto back = vidata::pickle::load(bytes, c.name);
        CHECK(back == c.reloaded);
        std::ostringstream stream;
        vidata::pickle::dump(c.v, stream);
        CHECK(stream.str() == bytes);
    }
}

TEST_CASE("pickle save_file: the file holds exactly dump's bytes, and a refused value leaves the old file", "[pickle]") {
    vidata::test::temp_dir dir;
    const auto path = dir / "results.pkl";
    const value v = value::list({value::tuple({1, 2.5}), value(std::string("video_1"))});
    vidata::pickle::save_file(path, v);
    CHECK(vidata::test::read_file(path) == vidata::pickle::dump(v));
    CHECK(vidata::pickle::load_file(path) == v);
    CHECK_THROWS_AS(vidata::pickle::save_file(path, value::defaultdict("os.system", {})), vidata::invalid_argument);
    CHECK(vidata::pickle::load_file(path) == v);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
    CHECK(entries == 1);  // no temporary left behind
}

TEST_CASE("pickle dump: shared objects are written once and stay shared", "[pickle]") {
    const value big = value::bytes(std::string(100000, 'z'));
    value chain = value::list({big});
    // 40 levels of (x, x): a tree of 2^40 leaves, which only memo references keep small.
    for (int i = 0; i < 40; ++i) chain = value::tuple({chain, chain});
    const std::string bytes = vidata::pickle::dump(chain);
    CHECK(bytes.size() < 100000 + 2000);
    const auto back = vidata::pickle::load(bytes);
    CHECK(back[0].identity() == back[1].identity());
    CHECK(back == chain);
}

TEST_CASE("pickle dump: values it cannot write faithfully are refused", "[pickle]") {
    CHECK_THROWS_AS(vidata::pickle::dump(value::defaultdict("os.system", {})), vidata::invalid_argument);
    CHECK_THROWS_AS(value(std::string("\xff")), vidata::invalid_argument);
    CHECK_THROWS_AS(value::numpy_scalar(vidata::ndarray::from_values<int>({2}, std::vector<int>{1, 2})), vidata::invalid_argument);
}

TEST_CASE("pickle dump: a failing stream is an io_error", "[pickle]") {
    std::ostringstream stream;
    stream.setstate(std::ios::badbit);
    CHECK_THROWS_AS(vidata::pickle::dump(value::list({1, 2}), stream), vidata::io_error);
}
