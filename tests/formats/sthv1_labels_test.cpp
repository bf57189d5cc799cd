// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv1_labels: the something-something-v1-labels.csv class list, one name per line.
#include "support.hpp"

#include <vidata/formats/sthv1_labels.hpp>

#include <string>
#include <vector>

namespace sthv1_labels_test {

using vidata::formats::sthv1_labels;

std::vector<std::string> parse(const std::string& text) { return vidata::parse_annotations<sthv1_labels>(text, "something-something-v1-labels.csv"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/sthv1_labels: reads one class per line, blanks around names dropped", "[formats][sthv1_labels]") {
    const std::vector<std::string> expected{"Holding something", "Putting something on a surface"};
    CHECK(parse("Holding something\nPutting something on a surface\n") == expected);
    CHECK(parse("Holding something\r\n Putting something on a surface \r\n") == expected);
    CHECK(parse("Holding something\nPutting something on a surface") == expected);
}

TEST_CASE("formats/sthv1_labels: writes one name per line and round-trips", "[formats][sthv1_labels]") {
    const std::string text = "Holding something\nPutting something on a surface\nPoking a hole into some substance\n";
    CHECK(vidata::format_annotations<sthv1_labels>(parse(text)) == text);
}

TEST_CASE("formats/sthv1_labels: a blank line or a repeated name is a parse error", "[formats][sthv1_labels]") {
    CHECK(error_of("Holding something\n\nPutting something on a surface\n") == "[vidata.parse_error] something-something-v1-labels.csv:2: expected a class name, got ''");
    CHECK(error_of("Holding something\nPutting something on a surface\nHolding something\n") ==
          "[vidata.parse_error] something-something-v1-labels.csv:3:1: expected a class name not listed before (it is on line 1), got 'Holding something'");
}

TEST_CASE("formats/sthv1_labels: detects the labels file by name", "[formats][sthv1_labels]") {
    CHECK(sthv1_labels::detect("annotations/something-something-v1-labels.csv", ""));
    CHECK_FALSE(sthv1_labels::detect("label_map.txt", "Holding something\n"));
}

TEST_CASE("formats/sthv1_labels: MMAction2's label map of the dataset, same form", "[formats][sthv1_labels][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "mmaction2_tools_data/sthv1/label_map.txt";
    // wc -l: 174 lines, all distinct; the first "Holding something", the last "Poking a hole into some substance".
    const auto labels = vidata::read_annotations<sthv1_labels>(path);
    REQUIRE(labels.size() == 174);
    CHECK(labels.front() == "Holding something");
    CHECK(labels.back() == "Poking a hole into some substance");
    CHECK(vidata::format_annotations<sthv1_labels>(labels) == vidata::test::read_file(path));
}

}  // namespace sthv1_labels_test
