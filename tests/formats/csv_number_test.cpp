// SPDX-License-Identifier: Apache-2.0
// vidata::formats::detail::short_decimal and csv_number: short plain decimals bit for bit as std::from_chars reads them.
#include "support.hpp"

#include <vidata/formats/detail/csv_number.hpp>
#include <vidata/io/csv_reader.hpp>

#include <bit>
#include <charconv>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace csv_number_test {

using vidata::formats::detail::short_decimal;

double from_chars(const std::string& s) {
    double v = 0.0;
    (void)std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

TEST_CASE("formats/csv_number: short decimals convert bit for bit as from_chars", "[formats][csv_number]") {
    std::mt19937_64 g(20240615);
    std::vector<std::string> texts{"0", "-0", "0.000", "-0.0", "902", "0.077", "101.5", "9007199254740992", "0.1", "0.3",
                                   "0.000000000000000001", "4.35", "17.0", "00012.50"};
    for (int i = 0; i < 20000; ++i) {
        const int digits = static_cast<int>(g() % 15) + 1;  // 15 digits stay below 2^53
        std::string s = (g() % 4 == 0) ? "-" : "";
        std::string m = std::to_string(g() % 100000000000000000ULL).substr(0, static_cast<std::size_t>(digits));
        const auto point = g() % (m.size() + 1);
        if (point > 0 && point < m.size()) m.insert(point, ".");
        texts.push_back(s + m);
    }
    for (const std::string& t : texts) {
        double v = 0.0;
        CAPTURE(t);
        REQUIRE(short_decimal(t, v));
        CHECK(std::bit_cast<std::uint64_t>(v) == std::bit_cast<std::uint64_t>(from_chars(t)));
    }
}

TEST_CASE("formats/csv_number: anything but a short plain decimal is left to csv_row::number", "[formats][csv_number]") {
    for (const std::string t : {"", "-", "+1", " 1", "1 ", "1.", ".5", "1e3", "1E-2", "nan", "inf", "0x10", "1_000", "1.2.3", "--1",
                                "12345678901234567890", "9007199254740993", "123456789012345678.9", "0.0000000000000000001", "1,5"}) {
        double v = 0.0;
        CAPTURE(t);
        CHECK_FALSE(short_decimal(t, v));
    }
    // Through csv_number, those read as csv_row::number reads them, errors included.
    vidata::csv_reader csv("+1, 2.5 ,1e3,.5,1.,x\n", "t.csv");
    vidata::csv_row row;
    REQUIRE(csv.next(row));
    namespace d = vidata::formats::detail;
    CHECK(d::csv_number(row, 0, "a number") == 1.0);
    CHECK(d::csv_number(row, 1, "a number") == 2.5);
    CHECK(d::csv_number(row, 2, "a number") == 1000.0);
    CHECK(d::csv_number(row, 3, "a number") == 0.5);
    CHECK(d::csv_number(row, 4, "a number") == 1.0);
    CHECK(vidata::test::message_of<vidata::parse_error>([&] { (void)d::csv_number(row, 5, "a start time"); }) ==
          "[vidata.parse_error] t.csv:1:20: expected a start time, got 'x'");
    CHECK(vidata::test::message_of<vidata::parse_error>([&] { (void)d::csv_number(row, 6, "a start time"); }) ==
          vidata::test::message_of<vidata::parse_error>([&] { (void)row.number(6, "a start time"); }));
}

}  // namespace csv_number_test
