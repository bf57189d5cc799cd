// SPDX-License-Identifier: Apache-2.0
// vidata::formats::jester_csv: the ';'-separated jester-v1-{train,validation,test}.csv lists, with labels resolved against the labels file.
#include "support.hpp"

#include <vidata/formats/jester_csv.hpp>

#include <string>
#include <vector>

namespace jester_csv_test {

using vidata::formats::id_label_row;
using vidata::formats::jester_csv;

std::vector<id_label_row> parse(const std::string& text) { return vidata::parse_annotations<jester_csv>(text, "jester-v1-train.csv"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/jester_csv: reads id;label lines and bare test ids", "[formats][jester_csv]") {
    const auto rows = parse("100218;Swiping Left\n48032;Thumb Up\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == id_label_row{"100218", "Swiping Left", -1});
    CHECK(rows[1] == id_label_row{"48032", "Thumb Up", -1});
    const auto test = parse("1420\n166429\n");
    REQUIRE(test.size() == 2);
    CHECK(test[1] == id_label_row{"166429", std::nullopt, -1});
}

TEST_CASE("formats/jester_csv: writes the lines back and round-trips", "[formats][jester_csv]") {
    const std::string text = "100218;Swiping Left\n48032;Thumb Up\n";
    CHECK(vidata::format_annotations<jester_csv>(parse(text)) == text);
    CHECK(vidata::format_annotations<jester_csv>(parse("1\n2\n")) == "1\n2\n");
    const auto crlf = parse("7;Doing other things\r\n");
    CHECK(parse(vidata::format_annotations<jester_csv>(crlf)) == crlf);
}

TEST_CASE("formats/jester_csv: resolves labels against the labels file", "[formats][jester_csv]") {
    const std::vector<std::string> labels{"Swiping Left", "Thumb Up"};
    const auto rows = jester_csv::parse("5;Thumb Up\n6;Swiping Left\n", "jester-v1-validation.csv", labels);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].label_id == 1);
    CHECK(rows[1].label_id == 0);
    const auto unknown = vidata::test::message_of<vidata::parse_error>(
        [&] { (void)jester_csv::parse("5;Thumb Up\n6;Doing other things\n", "jester-v1-validation.csv", labels); });
    CHECK(unknown == "[vidata.parse_error] jester-v1-validation.csv:2:3: expected a class name of the labels file, got 'Doing other things'");
}

TEST_CASE("formats/jester_csv: malformed lines are parse errors at their line", "[formats][jester_csv]") {
    CHECK(error_of("1;a\n2;b;c\n") == "[vidata.parse_error] jester-v1-train.csv:2:5: expected 'id;label' or 'id' (at most one ';'), got 'c'");
    CHECK(error_of("1;a\n;b\n") == "[vidata.parse_error] jester-v1-train.csv:2:1: expected a video id before ';', got ''");
    CHECK(error_of("1;a\n2;\n") == "[vidata.parse_error] jester-v1-train.csv:2:3: expected a class name after ';', got ''");
    CHECK(error_of("1;a\n\n") == "[vidata.parse_error] jester-v1-train.csv:2: expected 'id;label' or 'id', got ''");
    CHECK(error_of("1;a\n1;b\n") == "[vidata.parse_error] jester-v1-train.csv:2:1: expected a video id not listed before (it is on line 1), got '1'");
}

TEST_CASE("formats/jester_csv: detects the official list names", "[formats][jester_csv]") {
    CHECK(jester_csv::detect("annotations/jester-v1-train.csv", ""));
    CHECK(jester_csv::detect("jester-v1-validation.csv", ""));
    CHECK(jester_csv::detect("jester-v1-test.csv", ""));
    CHECK_FALSE(jester_csv::detect("jester-v1-labels.csv", ""));
    CHECK_FALSE(jester_csv::detect("train.csv", "1;a\n"));
}

}  // namespace jester_csv_test
