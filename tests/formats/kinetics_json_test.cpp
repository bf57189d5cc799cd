// SPDX-License-Identifier: Apache-2.0
// vidata::formats::kinetics_json: the Kinetics-700-2020 JSON form, read in file order and written as Python's json.dump.
#include "support.hpp"

#include <vidata/formats/kinetics_json.hpp>

#include <array>
#include <string>
#include <vector>

namespace kinetics_json_test {

using vidata::formats::kinetics_json;
using vidata::formats::kinetics_json_entry;

std::vector<kinetics_json_entry> parse(const std::string& text) { return vidata::parse_annotations<kinetics_json>(text, "k700_2020.json"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

const std::string two_videos =
    "{\"---QUuC4vJs\": {\"annotations\": {\"label\": \"testifying\", \"segment\": [84.0, 94.0]}, \"duration\": 10.0, "
    "\"subset\": \"train\", \"url\": \"https://www.youtube.com/watch?v=---QUuC4vJs\"}, "
    "\"--33Lscn6sk\": {\"annotations\": {\"label\": \"flipping bottle\", \"segment\": [0.5, 10.5]}, \"duration\": 10.0, "
    "\"subset\": \"validate\", \"url\": \"https://www.youtube.com/watch?v=--33Lscn6sk\"}}";

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/kinetics_json: reads one record per video, in file order", "[formats][kinetics_json]") {
    const auto v = parse(two_videos);
    REQUIRE(v.size() == 2);
    CHECK(v[0] == kinetics_json_entry{"---QUuC4vJs", "testifying", std::array<double, 2>{84.0, 94.0}, 10.0, "train",
                                      "https://www.youtube.com/watch?v=---QUuC4vJs"});
    CHECK(v[1].youtube_id == "--33Lscn6sk");
    CHECK(v[1].segment == std::array<double, 2>{0.5, 10.5});
    const auto test = parse("{\"zz\": {\"annotations\": {\"segment\": [1, 11]}, \"subset\": \"test\"}, \"aa\": {\"subset\": \"test\"}}");
    REQUIRE(test.size() == 2);
    CHECK(test[0] == kinetics_json_entry{"zz", std::nullopt, std::array<double, 2>{1, 11}, std::nullopt, "test", std::nullopt});
    CHECK(test[1] == kinetics_json_entry{"aa", std::nullopt, std::nullopt, std::nullopt, "test", std::nullopt});
}

TEST_CASE("formats/kinetics_json: writes Python's json.dump text and round-trips", "[formats][kinetics_json]") {
    CHECK(vidata::format_annotations<kinetics_json>(parse(two_videos)) == two_videos);
    const std::string test = "{\"zz\": {\"annotations\": {\"segment\": [1.0, 11.0]}, \"subset\": \"test\"}, \"aa\": {\"subset\": \"test\"}}";
    CHECK(vidata::format_annotations<kinetics_json>(parse(test)) == test);
    CHECK(vidata::format_annotations<kinetics_json>(parse("{\"\\u00e9t\\u00e9\": {\"subset\": \"train\"}}")) ==
          "{\"\\u00e9t\\u00e9\": {\"subset\": \"train\"}}");
    const std::vector<kinetics_json_entry> twice{{"a", {}, {}, {}, "train", {}}, {"a", {}, {}, {}, "val", {}}};
    CHECK_THROWS_AS(vidata::format_annotations<kinetics_json>(twice), vidata::invalid_argument);
}

TEST_CASE("formats/kinetics_json: malformed documents are parse errors at their JSON path", "[formats][kinetics_json]") {
    CHECK(error_of("{\"a\": {\"subset\": \"train\"}") ==
          "[vidata.parse_error] k700_2020.json:1:26: expected '}' (syntax error while parsing object - unexpected end of input), "
          "got '{\"a\": {\"subset\": \"train\"}'");
    CHECK(error_of("{\"a\": {\"duration\": 10}}") ==
          "[vidata.parse_error] k700_2020.json at /a: expected an object with a member 'subset', got '{\"duration\":10}'");
    CHECK(error_of("{\"a\": {\"annotations\": {\"segment\": [1]}, \"subset\": \"train\"}}") ==
          "[vidata.parse_error] k700_2020.json at /a/annotations/segment: expected an array of 2 numbers, got '[1]'");
    CHECK(error_of("{\"a\": {\"annotations\": {\"segment\": [11, 1]}, \"subset\": \"train\"}}") ==
          "[vidata.parse_error] k700_2020.json at /a/annotations/segment: expected a segment [start, end] with end not before start, got '[11,1]'");
    CHECK(error_of("{\"a\": {\"annotations\": {\"label\": 3}, \"subset\": \"train\"}}") ==
          "[vidata.parse_error] k700_2020.json at /a/annotations/label: expected a string, got '3'");
    CHECK(error_of("[]").find("expected an object") != std::string::npos);
}

TEST_CASE("formats/kinetics_json: detects the form from the first video's members", "[formats][kinetics_json]") {
    CHECK(kinetics_json::detect("k700.json", two_videos.substr(0, 120)));
    CHECK(kinetics_json::detect("k700.json", "{\n  \"abc\": {\n    \"annotations\": {\n      \"label\": \"x\",\n \"segment\": [1.0, 2.0]}, \"subset\": \"train\""));
    // ActivityNet's annotations are an array.
    CHECK_FALSE(kinetics_json::detect("gt.json", "{\"database\": {\"v1\": {\"annotations\": [{\"label\": \"x\"}], \"subset\": \"training\"}}}"));
    CHECK_FALSE(kinetics_json::detect("x.json", "[{\"id\": \"1\"}]"));
}

}  // namespace kinetics_json_test
