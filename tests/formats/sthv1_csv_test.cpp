// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv1_csv: the ';'-separated something-something-v1-{train,validation,test}.csv lists, with labels resolved against the labels file.
#include "support.hpp"

#include <vidata/formats/sthv1_csv.hpp>

#include <string>
#include <vector>

namespace sthv1_csv_test {

using vidata::formats::id_label_row;
using vidata::formats::sthv1_csv;

std::vector<id_label_row> parse(const std::string& text) { return vidata::parse_annotations<sthv1_csv>(text, "something-something-v1-train.csv"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/sthv1_csv: reads id;label lines and bare test ids", "[formats][sthv1_csv]") {
    const auto rows = parse("100218;Holding something\n48032;Putting something on a surface\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == id_label_row{"100218", "Holding something", -1});
    CHECK(rows[1] == id_label_row{"48032", "Putting something on a surface", -1});
    const auto test = parse("1420\n166429\n");
    REQUIRE(test.size() == 2);
    CHECK(test[1] == id_label_row{"166429", std::nullopt, -1});
}

TEST_CASE("formats/sthv1_csv: writes the lines back and round-trips", "[formats][sthv1_csv]") {
    const std::string text = "100218;Holding something\n48032;Putting something on a surface\n";
    CHECK(vidata::format_annotations<sthv1_csv>(parse(text)) == text);
    CHECK(vidata::format_annotations<sthv1_csv>(parse("1\n2\n")) == "1\n2\n");
    const auto crlf = parse("7;Poking a hole into some substance\r\n");
    CHECK(parse(vidata::format_annotations<sthv1_csv>(crlf)) == crlf);
}

TEST_CASE("formats/sthv1_csv: resolves labels against the labels file", "[formats][sthv1_csv]") {
    const std::vector<std::string> labels{"Holding something", "Putting something on a surface"};
    const auto rows = sthv1_csv::parse("5;Putting something on a surface\n6;Holding something\n", "something-something-v1-validation.csv", labels);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].label_id == 1);
    CHECK(rows[1].label_id == 0);
    const auto unknown = vidata::test::message_of<vidata::parse_error>(
        [&] { (void)sthv1_csv::parse("5;Putting something on a surface\n6;Poking a hole into some substance\n", "something-something-v1-validation.csv", labels); });
    CHECK(unknown == "[vidata.parse_error] something-something-v1-validation.csv:2:3: expected a class name of the labels file, got 'Poking a hole into some substance'");
}

TEST_CASE("formats/sthv1_csv: malformed lines are parse errors at their line", "[formats][sthv1_csv]") {
    CHECK(error_of("1;a\n2;b;c\n") == "[vidata.parse_error] something-something-v1-train.csv:2:5: expected 'id;label' or 'id' (at most one ';'), got 'c'");
    CHECK(error_of("1;a\n;b\n") == "[vidata.parse_error] something-something-v1-train.csv:2:1: expected a video id before ';', got ''");
    CHECK(error_of("1;a\n2;\n") == "[vidata.parse_error] something-something-v1-train.csv:2:3: expected a class name after ';', got ''");
    CHECK(error_of("1;a\n\n") == "[vidata.parse_error] something-something-v1-train.csv:2: expected 'id;label' or 'id', got ''");
    CHECK(error_of("1;a\n1;b\n") == "[vidata.parse_error] something-something-v1-train.csv:2:1: expected a video id not listed before (it is on line 1), got '1'");
}

TEST_CASE("formats/sthv1_csv: detects the official list names", "[formats][sthv1_csv]") {
    CHECK(sthv1_csv::detect("annotations/something-something-v1-train.csv", ""));
    CHECK(sthv1_csv::detect("something-something-v1-validation.csv", ""));
    CHECK(sthv1_csv::detect("something-something-v1-test.csv", ""));
    CHECK_FALSE(sthv1_csv::detect("something-something-v1-labels.csv", ""));
    CHECK_FALSE(sthv1_csv::detect("train.csv", "1;a\n"));
}

}  // namespace sthv1_csv_test
