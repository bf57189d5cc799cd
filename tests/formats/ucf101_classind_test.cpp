// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ucf101_classind: UCF-101's classInd.txt read, written back byte for byte, and its malformed cases.
#include "support.hpp"

#include <vidata/formats/ucf101_classind.hpp>

#include <string>
#include <vector>

namespace ucf101_classind_test {

using vidata::formats::ucf101_class;
using vidata::formats::ucf101_classind;

std::vector<ucf101_class> parse(const std::string& text) { return vidata::parse_annotations<ucf101_classind>(text, "classInd.txt"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/ucf101_classind: reads 1-based indices and names, CRLF or LF", "[formats][ucf101_classind]") {
    const std::vector<ucf101_class> expected{{1, "ApplyEyeMakeup"}, {2, "ApplyLipstick"}, {3, "Archery"}};
    CHECK(parse("1 ApplyEyeMakeup\r\n2 ApplyLipstick\r\n3 Archery\r\n") == expected);
    CHECK(parse("1 ApplyEyeMakeup\n2 ApplyLipstick\n3 Archery") == expected);
    CHECK(parse("\xEF\xBB\xBF" "1 ApplyEyeMakeup\n2  ApplyLipstick \n3 Archery\n") == expected);
    CHECK(parse("").empty());
}

TEST_CASE("formats/ucf101_classind: writes the official CRLF lines and round-trips", "[formats][ucf101_classind]") {
    const std::string text = "1 ApplyEyeMakeup\r\n2 ApplyLipstick\r\n101 YoYo\r\n";
    const auto classes = parse(text);
    CHECK(vidata::format_annotations<ucf101_classind>(classes) == text);
    CHECK(parse(vidata::format_annotations<ucf101_classind>(parse("7 A\n8 B\n"))) == parse("7 A\n8 B\n"));
}

TEST_CASE("formats/ucf101_classind: malformed lines name the file, the line and the expectation", "[formats][ucf101_classind]") {
    CHECK(error_of("1 ApplyEyeMakeup\n2\n") ==
          "[vidata.parse_error] classInd.txt:2:2: expected 2 fields ('index class_name') but the line has 1, got '2'");
    CHECK(error_of("1 A\nx B\n") == "[vidata.parse_error] classInd.txt:2:1: expected a 1-based class index, got 'x'");
    CHECK(error_of("0 A\n") == "[vidata.parse_error] classInd.txt:1:1: expected a 1-based class index, got '0'");
    CHECK(error_of("1 A\n2 B extra\n") ==
          "[vidata.parse_error] classInd.txt:2:5: expected 2 fields ('index class_name') but the line has 3, got '2 B extra'");
    CHECK(error_of("1 A\n1 B\n") ==
          "[vidata.parse_error] classInd.txt:2:1: expected a class index not listed before (it is on line 1), got '1'");
    CHECK(error_of("1 A\n2 A\n") ==
          "[vidata.parse_error] classInd.txt:2:3: expected a class name not listed before (it is on line 1), got 'A'");
    CHECK(error_of("1 A\n\n") == "[vidata.parse_error] classInd.txt:2:1: expected 2 fields ('index class_name') but the line has 0, got ''");
}

TEST_CASE("formats/ucf101_classind: detects classInd.txt by name only", "[formats][ucf101_classind]") {
    CHECK(ucf101_classind::detect("data/ucf101/annotations/classInd.txt", ""));
    CHECK_FALSE(ucf101_classind::detect("classInd.csv", "1 A\n"));
    CHECK_FALSE(ucf101_classind::detect("labels.txt", "1 ApplyEyeMakeup\r\n"));
}

TEST_CASE("formats/ucf101_classind: the official classInd.txt", "[formats][ucf101_classind][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "ucf101/ucfTrainTestlist/classInd.txt";
    const auto classes = vidata::read_annotations<ucf101_classind>(path);
    // 101 CRLF lines: "1 ApplyEyeMakeup" ... "37 HandstandPushups" ... "101 YoYo".
    REQUIRE(classes.size() == 101);
    CHECK(classes[0] == ucf101_class{1, "ApplyEyeMakeup"});
    CHECK(classes[36] == ucf101_class{37, "HandstandPushups"});
    CHECK(classes[100] == ucf101_class{101, "YoYo"});
    CHECK(vidata::format_annotations<ucf101_classind>(classes) == vidata::test::read_file(path));
}

}  // namespace ucf101_classind_test
