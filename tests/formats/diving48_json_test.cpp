// SPDX-License-Identifier: Apache-2.0
// vidata::formats::diving48_json: Diving48 V2's train/test json, read with checks and written as Python's json.dump.
#include "support.hpp"

#include <vidata/formats/diving48_json.hpp>

#include <string>
#include <vector>

namespace diving48_json_test {

using vidata::formats::diving48_clip;
using vidata::formats::diving48_json;

std::vector<diving48_clip> parse(const std::string& text) { return vidata::parse_annotations<diving48_json>(text, "Diving48_V2_train.json"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

const std::string two_clips = "[{\"vid_name\": \"-mmq0PT-u8k_00155\", \"label\": 0, \"start_frame\": 0, \"end_frame\": 76}, "
                              "{\"vid_name\": \"-mmq0PT-u8k_00156\", \"label\": 33, \"start_frame\": 77, \"end_frame\": 149}]";

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/diving48_json: reads clips with their class and frame range", "[formats][diving48_json]") {
    const auto clips = parse(two_clips);
    REQUIRE(clips.size() == 2);
    CHECK(clips[0] == diving48_clip{"-mmq0PT-u8k_00155", 0, 0, 76});
    CHECK(clips[1] == diving48_clip{"-mmq0PT-u8k_00156", 33, 77, 149});
    CHECK(parse("[]").empty());
}

TEST_CASE("formats/diving48_json: writes Python's json.dump text and round-trips", "[formats][diving48_json]") {
    CHECK(vidata::format_annotations<diving48_json>(parse(two_clips)) == two_clips);
    const auto pretty = parse("[\n  {\"end_frame\": 9, \"start_frame\": 1, \"label\": 2.0, \"vid_name\": \"a\"}\n]\n");
    CHECK(pretty == std::vector<diving48_clip>{{"a", 2, 1, 9}});
    CHECK(parse(vidata::format_annotations<diving48_json>(pretty)) == pretty);
}

TEST_CASE("formats/diving48_json: malformed clips are parse errors at their JSON path", "[formats][diving48_json]") {
    CHECK(error_of("[{\"vid_name\": \"a\", \"label\": 0, \"start_frame\": 0}]") ==
          "[vidata.parse_error] Diving48_V2_train.json at /0: expected an object with a member 'end_frame', "
          "got '{\"label\":0,\"start_frame\":0,\"vid_name\":\"a\"}'");
    CHECK(error_of("[{\"vid_name\": \"a\", \"label\": \"0\", \"start_frame\": 0, \"end_frame\": 3}]") ==
          "[vidata.parse_error] Diving48_V2_train.json at /0/label: expected an integer, got '\"0\"'");
    CHECK(error_of("[{\"vid_name\": \"a\", \"label\": -1, \"start_frame\": 0, \"end_frame\": 3}]") ==
          "[vidata.parse_error] Diving48_V2_train.json at /0/label: expected a class index of at least 0, got '-1'");
    CHECK(error_of("[{\"vid_name\": \"a\", \"label\": 1, \"start_frame\": 5, \"end_frame\": 3}]") ==
          "[vidata.parse_error] Diving48_V2_train.json at /0/end_frame: expected an end frame not before start_frame, got '3'");
    CHECK(error_of("[{\"vid_name\": \"a\", \"label\": 1, \"start_frame\": 0, \"end_frame\": 3},"
                   " {\"vid_name\": \"a\", \"label\": 1, \"start_frame\": 0, \"end_frame\": 3}]") ==
          "[vidata.parse_error] Diving48_V2_train.json at /1/vid_name: expected a video name not listed before (it is item 0), got '\"a\"'");
    CHECK(error_of("[{\"vid_name\": \"a\"") ==
          "[vidata.parse_error] Diving48_V2_train.json:1:18: expected '}' (syntax error while parsing object - unexpected end of input), "
          "got '[{\"vid_name\": \"a\"'");
}

TEST_CASE("formats/diving48_json: detects the V2 list names", "[formats][diving48_json]") {
    CHECK(diving48_json::detect("Diving48_V2_train.json", ""));
    CHECK(diving48_json::detect("annotations/Diving48_V2_test.json", ""));
    CHECK_FALSE(diving48_json::detect("Diving48_vocab.json", ""));
}

}  // namespace diving48_json_test
