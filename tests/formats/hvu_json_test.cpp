// SPDX-License-Identifier: Apache-2.0
// hvu_json: MMAction2's HVU annotation lists, read, written and refused.
#include "support.hpp"

#include <vidata/formats/hvu_json.hpp>

#include <string>
#include <vector>

namespace hvu_json_test {

using vidata::formats::hvu_category_tags;
using vidata::formats::hvu_json;
using vidata::formats::hvu_json_entry;

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)hvu_json::parse(text, "hvu.json"); });
}


TEST_CASE("formats/hvu_json: videos and frame directories with per-category tags in file order", "[formats][hvu_json]") {
    const std::string text =
        R"([{"filename": "tmp.mp4", "label": {"object": [1570, 508], "action": [180]}}, )"
        R"({"frame_dir": "imgs", "total_frames": 5, "label": {"scene": [206], "concept": []}}])";
    const auto entries = hvu_json::parse(text, "hvu.json");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0] == hvu_json_entry{"tmp.mp4", false, -1, {{"object", {1570, 508}}, {"action", {180}}}});
    CHECK(entries[1] == hvu_json_entry{"imgs", true, 5, {{"scene", {206}}, {"concept", {}}}});
    CHECK(vidata::format_annotations<hvu_json>(entries) == text);
    CHECK(hvu_json::parse("[]", "hvu.json").empty());
}

TEST_CASE("formats/hvu_json: malformed entries name their JSON pointer", "[formats][hvu_json]") {
    CHECK(error_of(R"({"filename": "a"})").find("hvu.json at /: expected an array of") != std::string::npos);
    CHECK(error_of(R"([{"label": {}}])") == R"([vidata.parse_error] hvu.json at /0: expected an entry with a 'filename' or a 'frame_dir', got '{"label":{}}')");
    CHECK(error_of(R"([{"filename": "a"}])").find("hvu.json at /0: expected an entry with a 'label'") != std::string::npos);
    CHECK(error_of(R"([{"filename": "a", "label": {"object": [1, "x"]}}])").find("hvu.json at /0/label/object/1: expected") != std::string::npos);
    CHECK(error_of(R"([{"filename": "a", "frame_dir": "b", "label": {}}])").find("at /0/frame_dir: expected only one of") != std::string::npos);
    CHECK(error_of(R"([{"filename": "a", "url": "b", "label": {}}])").find("at /0/url: expected no member other than") != std::string::npos);
    CHECK(error_of(R"([{"filename": "a", "label": {}])").find("hvu.json:1:") != std::string::npos);  // bad JSON: line and column
}

TEST_CASE("formats/hvu_json: MMAction2's test lists", "[formats][hvu_json][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto annotations = *dir / "mmaction2/annotations";
    // hvu_frame_test_anno.json: two entries frame_dir "imgs", total_frames 5, concept [250, 131, 42, 51, 57, 155, 122],
    // object [1570, 508], event [16], action [180], scene [206].
    const hvu_json_entry frame{"imgs", true, 5,
                               {{"concept", {250, 131, 42, 51, 57, 155, 122}}, {"object", {1570, 508}}, {"event", {16}}, {"action", {180}}, {"scene", {206}}}};
    const auto frames = vidata::read_annotations<hvu_json>(annotations / "hvu_frame_test_anno.json");
    REQUIRE(frames.size() == 2);
    CHECK(frames[0] == frame);
    CHECK(frames[1] == frame);
    // hvu_video_eval_test_anno.json: test.mp4 {action [2], scene [2], object [1]}, test.avi {action [1], scene [1], object [2]}.
    const auto eval = vidata::read_annotations<hvu_json>(annotations / "hvu_video_eval_test_anno.json");
    REQUIRE(eval.size() == 2);
    CHECK(eval[0] == hvu_json_entry{"test.mp4", false, -1, {{"action", {2}}, {"scene", {2}}, {"object", {1}}}});
    CHECK(eval[1] == hvu_json_entry{"test.avi", false, -1, {{"action", {1}}, {"scene", {1}}, {"object", {2}}}});
    const auto video = vidata::read_annotations<hvu_json>(annotations / "hvu_video_test_anno.json");
    REQUIRE(video.size() == 2);
    CHECK(video[0].path == "tmp.mp4");
    // The files are hand-indented: records, not bytes, survive a round trip.
    for (const auto* records : {&frames, &eval, &video})
        CHECK(hvu_json::parse(vidata::format_annotations<hvu_json>(*records), "again.json") == *records);
}

}  // namespace hvu_json_test
