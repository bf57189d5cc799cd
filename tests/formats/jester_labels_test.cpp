// SPDX-License-Identifier: Apache-2.0
// vidata::formats::jester_labels: the jester-v1-labels.csv class list, one name per line.
#include "support.hpp"

#include <vidata/formats/jester_labels.hpp>

#include <string>
#include <vector>

namespace jester_labels_test {

using vidata::formats::jester_labels;

std::vector<std::string> parse(const std::string& text) { return vidata::parse_annotations<jester_labels>(text, "jester-v1-labels.csv"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/jester_labels: reads one class per line, blanks around names dropped", "[formats][jester_labels]") {
    const std::vector<std::string> expected{"Swiping Left", "Thumb Up"};
    CHECK(parse("Swiping Left\nThumb Up\n") == expected);
    CHECK(parse("Swiping Left\r\n Thumb Up \r\n") == expected);
    CHECK(parse("Swiping Left\nThumb Up") == expected);
}

TEST_CASE("formats/jester_labels: writes one name per line and round-trips", "[formats][jester_labels]") {
    const std::string text = "Swiping Left\nThumb Up\nDoing other things\n";
    CHECK(vidata::format_annotations<jester_labels>(parse(text)) == text);
}

TEST_CASE("formats/jester_labels: a blank line or a repeated name is a parse error", "[formats][jester_labels]") {
    CHECK(error_of("Swiping Left\n\nThumb Up\n") == "[vidata.parse_error] jester-v1-labels.csv:2: expected a class name, got ''");
    CHECK(error_of("Swiping Left\nThumb Up\nSwiping Left\n") ==
          "[vidata.parse_error] jester-v1-labels.csv:3:1: expected a class name not listed before (it is on line 1), got 'Swiping Left'");
}

TEST_CASE("formats/jester_labels: detects the labels file by name", "[formats][jester_labels]") {
    CHECK(jester_labels::detect("annotations/jester-v1-labels.csv", ""));
    CHECK_FALSE(jester_labels::detect("label_map.txt", "Swiping Left\n"));
}

TEST_CASE("formats/jester_labels: MMAction2's label map of the dataset, same form", "[formats][jester_labels][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "mmaction2_tools_data/jester/label_map.txt";
    // wc -l: 27 lines, all distinct; the first "Swiping Left", the last "Doing other things".
    const auto labels = vidata::read_annotations<jester_labels>(path);
    REQUIRE(labels.size() == 27);
    CHECK(labels.front() == "Swiping Left");
    CHECK(labels.back() == "Doing other things");
    CHECK(vidata::format_annotations<jester_labels>(labels) == vidata::test::read_file(path));
}

}  // namespace jester_labels_test
