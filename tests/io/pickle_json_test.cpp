// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::to_json, repr, float_repr and describe, against values Python prints (written down by hand).
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/describe.hpp>
#include <vidata/io/pickle/json.hpp>
#include <vidata/io/pickle/repr.hpp>
#include <vidata/io/pickle/value.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {
using vidata::pickle::value;
}  // namespace

TEST_CASE("pickle float_repr equals Python's repr(float)", "[pickle]") {
    using vidata::pickle::float_repr;
    // Each expected string is what CPython 3.11 prints for repr() of the same double.
    CHECK(float_repr(1e16) == "1e+16");
    CHECK(float_repr(1e15) == "1000000000000000.0");
    CHECK(float_repr(1e-5) == "1e-05");
    CHECK(float_repr(0.0001) == "0.0001");
    CHECK(float_repr(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(float_repr(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(float_repr(std::numeric_limits<double>::quiet_NaN()) == "nan");
    CHECK(float_repr(-0.0) == "-0.0");
    CHECK(float_repr(0.0) == "0.0");
    CHECK(float_repr(0.1) == "0.1");
    CHECK(float_repr(1.0 / 3) == "0.3333333333333333");
    CHECK(float_repr(5e-324) == "5e-324");
    CHECK(float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
    CHECK(float_repr(123456789.123) == "123456789.123");
    CHECK(float_repr(2.5) == "2.5");
    CHECK(float_repr(100.0) == "100.0");
    CHECK(float_repr(1e22) == "1e+22");
    CHECK(float_repr(9007199254740993.0) == "9007199254740992.0");
    CHECK(float_repr(1.5e-7) == "1.5e-07");
    CHECK(float_repr(12345678901234567890.0) == "1.2345678901234567e+19");
    CHECK(float_repr(0.1 + 0.2) == "0.30000000000000004");
    CHECK(float_repr(1e16 - 2) == "9999999999999998.0");
}

TEST_CASE("pickle repr of dict keys equals Python's repr", "[pickle]") {
    using vidata::pickle::repr;
    CHECK(repr(value::tuple({1})) == "(1,)");
    CHECK(repr(value::tuple({1, "a"})) == "(1, 'a')");
    CHECK(repr(value::tuple({})) == "()");
    CHECK(repr(value::bytes("x")) == "b'x'");
    CHECK(repr(value::bytes(std::string("\0'\n", 3))) == "b\"\\x00'\\n\"");
    CHECK(repr(value()) == "None");
    CHECK(repr(value(true)) == "True");
    CHECK(repr(value(0.5)) == "0.5");
    CHECK(repr(value(-3)) == "-3");
    CHECK(repr(value::frozenset({1, 2})) == "frozenset({1, 2})");
    CHECK(repr(value::frozenset({})) == "frozenset()");
    CHECK(repr(value::set({})) == "set()");
    CHECK(repr(value::tuple({"it's", "say \"hi\"", "both '\""})) == "(\"it's\", 'say \"hi\"', 'both \\'\"')");
    CHECK(repr(value("tab\there\x01")) == "'tab\\there\\x01'");
    CHECK(repr(value("caf\xc3\xa9 \xe2\x80\xa8")) == "'caf\xc3\xa9 \\u2028'");
    CHECK(repr(value::list({1, value::dict({{"a", value::list({})}})})) == "[1, {'a': []}]");
    CHECK(repr(value::ordered_dict({{"a", 1}})) == "OrderedDict([('a', 1)])");
    CHECK(repr(value::defaultdict("list", {{"a", 1}})) == "defaultdict(<class 'list'>, {'a': 1})");
    CHECK(repr(value(*vidata::pickle::big_int::from_decimal("-1267650600228229401496703205376"))) == "-1267650600228229401496703205376");
    // numpy 1.x prints scalars bare, with the precision of their dtype.
    CHECK(repr(value::numpy_scalar(0.1f)) == "0.1");
    CHECK(repr(value::numpy_scalar(std::numeric_limits<float>::max())) == "3.4028235e+38");
    CHECK(repr(value::numpy_scalar(vidata::ndarray::float16_from({}, std::vector<float>{0.1f}))) == "0.1");
    CHECK(repr(value::numpy_scalar(vidata::ndarray::float16_from({}, std::vector<float>{-65504.0f}))) == "-65500.0");
    CHECK(repr(value::numpy_scalar(vidata::ndarray::float16_from({}, std::vector<float>{6e-8f}))) == "6e-08");
    CHECK(repr(value::numpy_scalar(std::uint8_t{7})) == "7");
    CHECK(repr(value::numpy_scalar(false)) == "False");
    CHECK(repr(value::list({1, 2, 3}), 4) == "[1, ...");
}

TEST_CASE("pickle to_json follows the documented convention", "[pickle]") {
    using vidata::pickle::to_json;
    CHECK(to_json(value()).is_null());
    CHECK(to_json(value(true)) == true);
    CHECK(to_json(value(-7)) == -7);
    CHECK(to_json(value("s")) == "s");
    CHECK(to_json(value::bytes("abc")) == nlohmann::json{{"__bytes__", "YWJj"}});
    CHECK(to_json(value::bytearray("ab")) == nlohmann::json{{"__bytes__", "YWI="}});
    CHECK(to_json(value::bytes("a")) == nlohmann::json{{"__bytes__", "YQ=="}});
    CHECK(to_json(value::bytes("\xfa\xfb\xfc\xfd\xfe\xff")) == nlohmann::json{{"__bytes__", "+vv8/f7/"}});
    const auto u64 = to_json(value(std::numeric_limits<std::uint64_t>::max()));
    CHECK(u64.is_number_unsigned());
    CHECK(u64.get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
    CHECK(to_json(value(*vidata::pickle::big_int::from_decimal("18446744073709551616"))) == "18446744073709551616");
    CHECK(to_json(value(*vidata::pickle::big_int::from_decimal("-9223372036854775809"))) == "-9223372036854775809");
    // NaN stays a float in the Json value; JSON text has no NaN, so dump() writes null.
    const auto nan = to_json(value(std::numeric_limits<double>::quiet_NaN()));
    CHECK(nan.is_number_float());
    CHECK(nan.dump() == "null");
    CHECK(to_json(value::list({1, value::tuple({2}), value::set({3}), value::frozenset({4})})) == nlohmann::json::parse("[1, [2], [3], [4]]"));
    CHECK(to_json(value::dict({{1, "a"}, {value::tuple({1, "b"}), 2}, {value(), 3}, {value(0.5), 4}})) ==
          nlohmann::json::parse(R"j({"1": "a", "(1, 'b')": 2, "None": 3, "0.5": 4})j"));
    const auto arr = vidata::ndarray(vidata::dtype{'b', 1, std::endian::little}, {2, 2}, {1, 0, 0, 1});
    CHECK(to_json(value(arr)) == nlohmann::json::parse(R"({"__ndarray__": {"dtype": "|b1", "shape": [2, 2], "data": [true, false, false, true]}})"));
    // Fortran-ordered storage comes out in C order; big-endian float16 as its float value.
    const auto f = vidata::ndarray(vidata::dtype{'i', 2, std::endian::little}, {2, 3}, {1, 0, 4, 0, 2, 0, 5, 0, 3, 0, 6, 0}, true);
    CHECK(to_json(value(f))["__ndarray__"]["data"] == nlohmann::json::parse("[1, 2, 3, 4, 5, 6]"));
    const auto half = vidata::ndarray(vidata::dtype{'f', 2, std::endian::big}, {2}, {0x3c, 0x00, 0xc1, 0x00});  // 1.0, -2.5
    CHECK(to_json(value(half)) == nlohmann::json::parse(R"({"__ndarray__": {"dtype": ">f2", "shape": [2], "data": [1.0, -2.5]}})"));
    CHECK(to_json(value::numpy_scalar(std::uint16_t{300})) == 300);
    CHECK(to_json(value::numpy_scalar(true)) == true);
    CHECK(to_json(value::numpy_str("k")) == "k");
    CHECK(to_json(value::numpy_bytes("ab")) == nlohmann::json{{"__bytes__", "YWI="}});
}

TEST_CASE("pickle to_json keeps dict order with ordered_json and bounds its output", "[pickle]") {
    const value v = value::ordered_dict({{"z", 1}, {"a", 2}, {"m", 3}});
    CHECK(vidata::pickle::to_json<nlohmann::ordered_json>(v).dump() == R"({"z":1,"a":2,"m":3})");
    value chain = value::list({1});
    for (int i = 0; i < 64; ++i) chain = value::tuple({chain, chain});  // 2^64 leaves in JSON terms
    vidata::pickle::json_options options;
    options.max_elements = 100000;
    CHECK_THROWS_AS(vidata::pickle::to_json(chain, options), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::pickle::to_json(chain), vidata::invalid_argument);
}

TEST_CASE("pickle describe prints a short type tree", "[pickle]") {
    const value v = value::dict({{"a", value(vidata::ndarray(vidata::dtype{'f', 4, std::endian::little}, {4, 5}, std::vector<unsigned char>(80)))},
                                 {"b", value::list({1, 2, 3, 4, 5})},
                                 {"c", value::numpy_scalar(std::uint8_t{164})},
                                 {"d", value::defaultdict("list", {})}});
    CHECK(vidata::pickle::describe(v) ==
          "dict(4): {'a': numpy.ndarray float32 (4, 5), 'b': list(5): [1, 2, 3, ... (2 more)], 'c': numpy.uint8 164, ... (1 more)}");
    CHECK(vidata::pickle::describe(v, 0) == "dict(4)");
    CHECK(vidata::pickle::describe(v, 1, 10) ==
          "dict(4): {'a': numpy.ndarray float32 (4, 5), 'b': list(5), 'c': numpy.uint8 164, 'd': collections.defaultdict(0)[list]}");
}
