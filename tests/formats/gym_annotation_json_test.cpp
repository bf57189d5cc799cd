// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::gym_annotation_json: FineGYM's video → event → element annotation json.
#include <vidata/formats/gym_annotation_json.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace gym_annotation_json_test {

using vidata::formats::gym_annotation_json;
using vidata::formats::gym_element;
using vidata::formats::gym_event;
using vidata::formats::gym_video;

std::vector<gym_video> parse(const std::string& text) {
    return vidata::parse_annotations<gym_annotation_json>(text, "finegym_annotation_info_v1.1.json");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace gym_annotation_json_test

TEST_CASE("formats/gym_annotation_json: videos, events and elements in file order; null segments kept", "[formats][gym_annotation_json]") {
    using namespace gym_annotation_json_test;
    const std::string text =
        R"({"zzVideo0001": {"E_002184_002237": {"event": 4, "segments": {"A_0035_0036": {"stages": 1, "timestamps": [[35.4, 36.2]]}, )"
        R"("A_0001_0005": {"stages": 3, "timestamps": [[1.0, 2.0], [2.0, 3.5], [3.5, 5.0]]}}, "timestamps": [[2184.6, 2237.3]]}}, )"
        R"("aaVideo0002": {"E_000010_000020": {"event": 1, "segments": null, "timestamps": [[10.0, 20.0]]}}})";
    const auto records = parse(text);
    const std::vector<gym_video> expected{
        {"zzVideo0001",
         {{"E_002184_002237", 4, {{2184.6, 2237.3}},
           std::vector<gym_element>{{"A_0035_0036", 1, {{35.4, 36.2}}}, {"A_0001_0005", 3, {{1.0, 2.0}, {2.0, 3.5}, {3.5, 5.0}}}}}}},
        {"aaVideo0002", {{"E_000010_000020", 1, {{10.0, 20.0}}, std::nullopt}}}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<gym_annotation_json>(records) == text);
    CHECK(parse(vidata::format_annotations<gym_annotation_json>(records)) == records);
}

TEST_CASE("formats/gym_annotation_json: malformed input names the JSON pointer", "[formats][gym_annotation_json]") {
    using namespace gym_annotation_json_test;
    CHECK(error_of(R"({"v": {"E_1_2": {"event": 1, "segments": null, "timestamps": [[1]]}}})") ==
          "[vidata.parse_error] finegym_annotation_info_v1.1.json at /v/E_1_2/timestamps/0: expected an array of 2 numbers, got '[1]'");
    CHECK(error_of(R"({"v": {"E_1_2": {"segments": null, "timestamps": []}}})") ==
          "[vidata.parse_error] finegym_annotation_info_v1.1.json at /v/E_1_2: expected an object with a member 'event', got "
          "'{\"segments\":null,\"timestamps\":[]}'");
    CHECK(error_of(R"({"v": {"E_1_2": {"event": 1, "segments": {"A_0_1": {"timestamps": []}}, "timestamps": []}}})") ==
          "[vidata.parse_error] finegym_annotation_info_v1.1.json at /v/E_1_2/segments/A_0_1: expected an object with a member "
          "'stages', got '{\"timestamps\":[]}'");
    CHECK(error_of(R"([1, 2])").find("expected an object mapping video ids to their events") != std::string::npos);
    CHECK(error_of(R"({"v": )").find("[vidata.parse_error] finegym_annotation_info_v1.1.json:1:") == 0);
}

TEST_CASE("formats/gym_annotation_json: detects the official name", "[formats][gym_annotation_json]") {
    using namespace gym_annotation_json_test;
    CHECK(gym_annotation_json::detect("finegym_annotation_info_v1.1.json", ""));
    CHECK_FALSE(gym_annotation_json::detect("finegym_glabel_to_Qtree.json", ""));
}
