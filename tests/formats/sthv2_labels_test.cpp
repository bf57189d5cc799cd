// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv2_labels: Something-Something V2's labels json ({template: "index"}), written back in the official layout.
#include "support.hpp"

#include <vidata/formats/sthv2_labels.hpp>

#include <string>
#include <vector>

namespace sthv2_labels_test {

using vidata::formats::sthv2_label;
using vidata::formats::sthv2_labels;

std::vector<sthv2_label> parse(const std::string& text) {
    return vidata::parse_annotations<sthv2_labels>(text, "something-something-v2-labels.json");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/sthv2_labels: reads templates and string indices in file order", "[formats][sthv2_labels]") {
    const auto labels = parse("{\r\n \"Wiping something off of something\":\"173\",\r\n \"Approaching something with your camera\":\"0\"\r\n}\r\n");
    REQUIRE(labels.size() == 2);
    CHECK(labels[0] == sthv2_label{"Wiping something off of something", 173});
    CHECK(labels[1] == sthv2_label{"Approaching something with your camera", 0});
    CHECK(parse("{\"a\": 3}") == std::vector<sthv2_label>{{"a", 3}});
    CHECK(vidata::formats::sthv2_template_key("Putting [something] on [something]") == "Putting something on something");
}

TEST_CASE("formats/sthv2_labels: writes the official layout and round-trips", "[formats][sthv2_labels]") {
    const std::string text = "{\r\n \"Approaching something with your camera\":\"0\",\r\n \"Attaching something to something\":\"1\"\r\n}\r\n";
    CHECK(vidata::format_annotations<sthv2_labels>(parse(text)) == text);
    CHECK(vidata::format_annotations<sthv2_labels>(std::vector<sthv2_label>{}) == "{\r\n\r\n}\r\n");
    CHECK(parse("{\r\n\r\n}\r\n").empty());
    const auto odd = parse("{\"say \\\"hi\\\" to something\": \"5\"}");
    CHECK(parse(vidata::format_annotations<sthv2_labels>(odd)) == odd);
}

TEST_CASE("formats/sthv2_labels: bad JSON, bad indices and repeated indices are parse errors", "[formats][sthv2_labels]") {
    CHECK(error_of("{\"a\": \"1\",") ==
          "[vidata.parse_error] something-something-v2-labels.json:1:11: expected string literal (syntax error while parsing "
          "object key - unexpected end of input), got '{\"a\": \"1\",'");
    CHECK(error_of("{\"a\": \"x1\"}") ==
          "[vidata.parse_error] something-something-v2-labels.json at /a: expected a class index as a string of digits (\"12\"), got '\"x1\"'");
    CHECK(error_of("{\"a\": \"-1\"}").find("at /a: expected a class index as a string of digits") != std::string::npos);
    CHECK(error_of("{\"a\": 1.5}").find("at /a: expected a class index") != std::string::npos);
    CHECK(error_of("{\"a\": \"1\", \"b\": \"1\"}") ==
          "[vidata.parse_error] something-something-v2-labels.json at /b: expected an index no other template has (\"a\" has it), got '\"1\"'");
    CHECK(error_of("[\"a\"]") == "[vidata.parse_error] something-something-v2-labels.json at /: expected an object, got '[\"a\"]'");
}

TEST_CASE("formats/sthv2_labels: detects the labels file by name", "[formats][sthv2_labels]") {
    CHECK(sthv2_labels::detect("annotations/something-something-v2-labels.json", ""));
    CHECK_FALSE(sthv2_labels::detect("something-something-v2-train.json", ""));
}

TEST_CASE("formats/sthv2_labels: the official labels file", "[formats][sthv2_labels][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "sthv2/something-something-v2-labels.json";
    // Python's json: 174 members; the first "Approaching something with your camera": "0", the 101st
    // "Pushing something so that it slightly moves": "100", the last "Wiping something off of something": "173".
    const auto labels = vidata::read_annotations<sthv2_labels>(path);
    REQUIRE(labels.size() == 174);
    CHECK(labels[0] == sthv2_label{"Approaching something with your camera", 0});
    CHECK(labels[100] == sthv2_label{"Pushing something so that it slightly moves", 100});
    CHECK(labels[173] == sthv2_label{"Wiping something off of something", 173});
    CHECK(vidata::format_annotations<sthv2_labels>(labels) == vidata::test::read_file(path));
}

}  // namespace sthv2_labels_test
