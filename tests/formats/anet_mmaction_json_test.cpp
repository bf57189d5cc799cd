// SPDX-License-Identifier: Apache-2.0
// anet_mmaction_json: MMAction2's / BSN's ActivityNet annotation JSON, read through the metrics' reader, written and refused.
#include "support.hpp"

#include <vidata/formats/anet_mmaction_json.hpp>

#include <string>
#include <vector>

namespace anet_mmaction_json_test {

using vidata::formats::anet_mmaction_json;
using vidata::formats::anet_mmaction_video;

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)anet_mmaction_json::parse(text, "anno.json"); });
}


TEST_CASE("formats/anet_mmaction_json: videos keyed v_<id>, in file order", "[formats][anet_mmaction_json]") {
    const std::string text =
        R"({"v_b": {"duration_second": 82.73, "duration_frame": 2067, "annotations": [{"segment": [6.5, 77.25], "label": "Ballet"}], )"
        R"("feature_frame": 2064}, "v_a": {"duration_second": 2.0, "duration_frame": 48, "annotations": [], "feature_frame": 48, )"
        R"("fps": 24.0, "rfps": 23.5}})";
    const auto videos = anet_mmaction_json::parse(text, "anno.json");
    REQUIRE(videos.size() == 2);
    CHECK(videos[0].key == "v_b");
    CHECK(videos[0].video.id == "b");
    CHECK(videos[0].video.duration_second == 82.73);
    CHECK(videos[0].video.duration_frame == 2067);
    CHECK(videos[0].video.feature_frame == 2064);
    CHECK(videos[0].video.annotations == std::vector<vidata::segment>{{6.5, 77.25, "Ballet", 0}});
    CHECK_FALSE(videos[0].rfps);
    CHECK(videos[1].key == "v_a");
    CHECK(videos[1].video.fps == 24.0);
    CHECK(videos[1].rfps == 23.5);
    CHECK(vidata::format_annotations<anet_mmaction_json>(videos) == text);
}

TEST_CASE("formats/anet_mmaction_json: malformed files", "[formats][anet_mmaction_json]") {
    CHECK(error_of(R"({"v_a": {"duration_second": 1, "annotations": []}, "v_a": {"duration_second": 2, "annotations": []}})") ==
          "[vidata.parse_error] anno.json at /v_a: expected a video key not used before, got 'v_a'");
    CHECK(error_of(R"({"v_a": {"duration_second": 1, "annotations": [{"segment": [5, 1], "label": "x"}]}})")
              .find("anno.json at /v_a/annotations/0/segment: expected a segment") != std::string::npos);
    CHECK(error_of(R"({"v_a": {"duration_second": 1, "annotations": [], "url": "x"}})")
              .find("anno.json at /v_a: expected only the members") != std::string::npos);
    CHECK(error_of(R"({"v_a": {"duration_second": 1, "annotations": [], "rfps": "x"}})") ==
          "[vidata.parse_error] anno.json at /v_a/rfps: expected a number, got '\"x\"'");
    CHECK(error_of(R"({"v_a": {"duration_second": 1, "duration_frame": 30.5, "annotations": []}})") ==
          "[vidata.parse_error] anno.json at /v_a/duration_frame: expected a non-negative integer frame count, got '30.5'");
    CHECK(error_of(R"({"v_a": {"duration_second": "1", "annotations": []}})") ==
          "[vidata.parse_error] anno.json at /v_a/duration_second: expected a number, got '\"1\"'");
    CHECK(error_of(R"({"database": {}})").find("the official form (anet_json)") != std::string::npos);
    CHECK(error_of(R"({"v_a": )").find("anno.json:1:") != std::string::npos);
}

TEST_CASE("formats/anet_mmaction_json: BSN's file and MMAction2's test file", "[formats][anet_mmaction_json][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // anet_anno_action.first500.json (python json): 500 videos, 548 annotations, 171 labels; the first v_QOlSCBRmfWY
    // 82.73 s, 2067 frames, feature_frame 2064, one Ballet segment [6.195294851794072, 77.73085420904837]; the last v_KovhYgNTBI0.
    const auto bsn = *dir / "bsn/data/activitynet_annotations/anet_anno_action.first500.json";
    const auto videos = vidata::read_annotations<anet_mmaction_json>(bsn);
    REQUIRE(videos.size() == 500);
    CHECK(videos[0].key == "v_QOlSCBRmfWY");
    CHECK(videos[0].video.duration_second == 82.73);
    CHECK(videos[0].video.duration_frame == 2067);
    CHECK(videos[0].video.feature_frame == 2064);
    CHECK(videos[0].video.annotations == std::vector<vidata::segment>{{6.195294851794072, 77.73085420904837, "Ballet", 0}});
    CHECK(videos[499].key == "v_KovhYgNTBI0");
    CHECK(videos[499].video.duration_frame == 499);
    std::size_t annotations = 0;
    int labels = 0;
    for (const auto& v : videos) {
        annotations += v.video.annotations.size();
        for (const auto& s : v.video.annotations) labels = std::max(labels, s.label_id + 1);
    }
    CHECK(annotations == 548);
    CHECK(labels == 171);
    // Python 2 wrote the file (82.730000000000004): the numbers, not the bytes, survive a round trip.
    CHECK(anet_mmaction_json::parse(vidata::format_annotations<anet_mmaction_json>(videos), "again.json") == videos);

    // action_test_anno.json: v_test1 (1 s, 30 frames, fps 30.0, rfps 30) and v_test2 (2 s, 48 frames, fps 24.0, rfps 24.0).
    const auto test = vidata::read_annotations<anet_mmaction_json>(*dir / "mmaction2/annotations/action_test_anno.json");
    REQUIRE(test.size() == 2);
    CHECK(test[0].key == "v_test1");
    CHECK(test[0].video.fps == 30.0);
    CHECK(test[0].rfps == 30.0);
    CHECK(test[1].video.annotations == std::vector<vidata::segment>{{1.0, 2.0, "Drinking beer", 1}});
    CHECK(anet_mmaction_json::parse(vidata::format_annotations<anet_mmaction_json>(test), "again.json") == test);
}

}  // namespace anet_mmaction_json_test
