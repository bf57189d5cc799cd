// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::anet_json: the official ActivityNet annotation json (database, taxonomy, version).
#include <vidata/formats/anet_json.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace anet_json_test {

using vidata::formats::anet_json;
using vidata::formats::anet_video;

std::vector<anet_video> parse(const std::string& text) { return vidata::parse_annotations<anet_json>(text, "anet.json"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

const std::string sample = R"({"version": "VERSION 1.3", "taxonomy": [{"nodeId": 1, "nodeName": "Root", "parentId": null, "parentName": null}, )"
                           R"({"nodeId": 2, "nodeName": "Sports", "parentId": 1, "parentName": "Root"}], "database": )"
                           R"({"zz": {"duration": 224.49, "subset": "validation", "resolution": "1920x1080", "url": "https://www.youtube.com/watch?v=zz", )"
                           R"("annotations": [{"segment": [11.5, 57.25], "label": "Wakeboarding"}]}, )"
                           R"("aa": {"duration": 30.0, "subset": "testing", "resolution": "640x360", "url": "https://www.youtube.com/watch?v=aa", "annotations": []}}})";

}  // namespace anet_json_test

TEST_CASE("formats/anet_json: one record per video in file order, with subset, url, resolution and the taxonomy", "[formats][anet_json]") {
    using namespace anet_json_test;
    const auto records = parse(sample);
    REQUIRE(records.size() == 2);
    CHECK(records[0].video.id == "zz");  // file order, not sorted
    CHECK(records[0].video.duration_second == 224.49);
    CHECK(records[0].subset == "validation");
    CHECK(records[0].resolution == "1920x1080");
    CHECK(records[0].url == "https://www.youtube.com/watch?v=zz");
    REQUIRE(records[0].video.annotations.size() == 1);
    CHECK(records[0].video.annotations[0] == vidata::segment{11.5, 57.25, "Wakeboarding", -1});
    CHECK(records[1].video.id == "aa");
    CHECK(records[1].subset == "testing");
    CHECK(records[1].video.annotations.empty());
    REQUIRE(records[0].file);
    CHECK(records[0].file == records[1].file);
    CHECK(records[0].file->version == "VERSION 1.3");
    REQUIRE(records[0].file->taxonomy);
    REQUIRE(records[0].file->taxonomy->size() == 2);
    CHECK((*records[0].file->taxonomy)[0] == vidata::formats::anet_taxonomy_node{1, "Root", std::nullopt, std::nullopt});
    CHECK((*records[0].file->taxonomy)[1] == vidata::formats::anet_taxonomy_node{2, "Sports", 1, "Root"});

    SECTION("written as Python's json.dump writes it, and read back equal") {
        CHECK(vidata::format_annotations<anet_json>(records) == sample);
        CHECK(parse(vidata::format_annotations<anet_json>(records)) == records);
    }
}

TEST_CASE("formats/anet_json: THUMOS'14 in this form: no version, taxonomy, duration or url; string bounds", "[formats][anet_json]") {
    using namespace anet_json_test;
    const auto records = parse(R"({"database": {"video_test_0000896": {"subset": "test", "annotations": [{"segment": ["18.6", "24.8"], "label": "HighJump"}]}}})");
    REQUIRE(records.size() == 1);
    CHECK(records[0].video.annotations[0] == vidata::segment{18.6, 24.8, "HighJump", -1});
    CHECK_FALSE(records[0].url.has_value());
    CHECK_FALSE(records[0].file->version.has_value());
    const std::string written = vidata::format_annotations<anet_json>(records);
    CHECK(written == R"({"database": {"video_test_0000896": {"subset": "test", "annotations": [{"segment": [18.6, 24.8], "label": "HighJump"}]}}})");
    CHECK(parse(written) == records);
}

TEST_CASE("formats/anet_json: malformed input names the JSON pointer", "[formats][anet_json]") {
    using namespace anet_json_test;
    CHECK(error_of(R"({"database": {"a": {"subset": "training", "annotations": [{"segment": [5, "x"], "label": "A"}]}}})") ==
          "[vidata.parse_error] anet.json at /database/a/annotations/0/segment: expected a segment [start, end]: two numbers (or "
          "numeric strings, as Python's float() reads them), finite, start <= end, got '[5,\"x\"]'");
    CHECK(error_of(R"({"database": {"a": {"annotations": []}}})") ==
          "[vidata.parse_error] anet.json at /database/a: expected an object with a member 'subset', got '{\"annotations\":[]}'");
    CHECK(error_of(R"({"database": {"a": {"subset": "training", "annotations": [], "blocked": true}}})") ==
          "[vidata.parse_error] anet.json at /database/a/blocked: expected no member other than duration, subset, resolution, url "
          "and annotations (vidata would drop it), got 'true'");
    CHECK(error_of(R"({"results": {}})").find("expected an object with a member 'database'") != std::string::npos);
    CHECK(error_of(R"({"database": {)").find("[vidata.parse_error] anet.json:1:") == 0);
}

TEST_CASE("formats/anet_json: the streaming pass and the document path agree on canonical files", "[formats][anet_json]") {
    using namespace anet_json_test;
    namespace d = vidata::formats::detail;
    const std::vector<std::string> canonical{
        sample,
        R"({"database": {}})",
        R"({"database": {"video_test_0000896": {"subset": "test", "annotations": [{"segment": ["18.6", "24.8"], "label": "HighJump"}]}}})",
        // Integers where floats are usual (-0 is +0 once nlohmann has read it as an integer), bounds equal, escapes.
        R"({"database": {"a\u00e9": {"annotations": [{"label": "L\"1\"", "segment": [-0, 0]}, {"segment": [1e2, 1E+2], "label": ""}], )"
        R"("subset": "training", "duration": 120}}, "version": "v", "taxonomy": []})",
        R"({"taxonomy": [{"parentName": null, "nodeName": "Root", "nodeId": -0, "parentId": null}], "database": {"b": )"
        R"({"subset": "validation", "annotations": [{"segment": [0.5, 1.25], "label": "x"}], "url": "u", "resolution": "r"}}})",
    };
    for (const std::string& text : canonical) {
        CAPTURE(text);
        const auto fast = d::scan_anet_json(text, "anet.json");
        REQUIRE(fast.has_value());
        const auto document = d::parse_anet_document(text, "anet.json");
        CHECK(*fast == document);
        // Bit for bit, signs of zero included (== would not see them): writing gives the same bytes.
        CHECK(vidata::format_annotations<anet_json>(*fast) == vidata::format_annotations<anet_json>(document));
    }
}

TEST_CASE("formats/anet_json: the streaming pass gives up on what only the document path may decide", "[formats][anet_json]") {
    using namespace anet_json_test;
    namespace d = vidata::formats::detail;
    const std::string video = R"({"subset": "training", "annotations": [{"segment": [1, 2], "label": "A"}]})";
    // Read by the document path as Python's json reads them: a repeated key keeps its first position and its last
    // value; members the readers ignore; an integral float as a node id.
    const std::vector<std::string> readable{
        R"({"database": {"a": )" + video + R"(, "b": )" + video + R"(, "a": {"subset": "testing", "annotations": []}}})",
        R"({"database": {"a": {"subset": "training", "subset": "testing", "annotations": []}}})",
        R"({"database": {"a": )" + video + R"(}, "database": {"b": )" + video + "}}",
        R"({"version": "1", "external_data": {"used": true}, "database": {"a": )" + video + "}}",
        R"({"database": {"a": {"subset": "training", "annotations": [{"segment": [1, 2], "label": "A", "score": 0.5}]}}})",
        R"({"taxonomy": [{"nodeId": 3.0, "nodeName": "R", "parentId": null, "parentName": null}], "database": {}})",
        R"({"taxonomy": [{"nodeId": 3, "nodeName": "R", "parentId": null, "parentName": null, "extra": 1}], "database": {}})",
    };
    for (const std::string& text : readable) {
        CAPTURE(text);
        CHECK_FALSE(d::scan_anet_json(text, "anet.json").has_value());
        CHECK(parse(text) == d::parse_anet_document(text, "anet.json"));
    }
    const auto merged = parse(readable[0]);
    REQUIRE(merged.size() == 2);
    CHECK(merged[0].video.id == "a");
    CHECK(merged[0].subset == "testing");
    // Refused by the document path, which words the error.
    const std::vector<std::string> refused{
        R"({"results": {}})",
        R"([])",
        R"({"database": []})",
        R"({"database": {"a": {"annotations": []}}})",
        R"({"database": {"a": {"subset": "training"}}})",
        R"({"database": {"a": {"subset": "training", "annotations": [], "blocked": true}}})",
        R"({"database": {"a": {"subset": "training", "annotations": [{"segment": [5, "x"], "label": "A"}]}}})",
        R"({"database": {"a": {"subset": "training", "annotations": [{"segment": [5, 4], "label": "A"}]}}})",
        R"({"database": {"a": {"subset": "training", "annotations": [{"segment": [1, 2, 3], "label": "A"}]}}})",
        R"({"database": {"a": {"subset": "training", "annotations": [{"segment": [1, 2]}]}}})",
        R"({"database": {"a": {"subset": "training", "duration": null, "annotations": []}}})",
        R"({"version": 1, "database": {}})",
        R"({"taxonomy": [{"nodeId": 1, "nodeName": "R", "parentId": null}], "database": {}})",
        R"({"taxonomy": [{"nodeId": 1e30, "nodeName": "R", "parentId": null, "parentName": null}], "database": {}})",
        R"({"database": {)",
    };
    for (const std::string& text : refused) {
        CAPTURE(text);
        CHECK_FALSE(d::scan_anet_json(text, "anet.json").has_value());
        CHECK_THROWS_AS(d::parse_anet_document(text, "anet.json"), vidata::parse_error);
    }
}

TEST_CASE("formats/anet_json: detect tells the annotation json from a results json", "[formats][anet_json]") {
    using namespace anet_json_test;
    CHECK(anet_json::detect("x.json", R"({"version": "VERSION 1.3", "taxonomy": [)"));
    CHECK(anet_json::detect("x.json", R"({"database": {)"));
    CHECK_FALSE(anet_json::detect("x.json", R"({"version": "VERSION 1.3", "results": {)"));
}

TEST_CASE("formats/anet_json: real data — G-TAD's THUMOS'14 ground truth", "[formats][anet_json][fixtures]") {
    using namespace anet_json_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "thumos14_gtad/thumos_gt.first30.json";
    const auto records = vidata::read_annotations<anet_json>(path);
    REQUIRE(records.size() == 30);
    CHECK(records.front().video.id == "video_test_0000896");
    CHECK(records.front().subset == "test");
    REQUIRE(records.front().video.annotations.size() == 7);
    CHECK(records.front().video.annotations.front() == vidata::segment{18.6, 24.8, "HighJump", -1});
    CHECK(records.back().video.id == "video_test_0001195");
    CHECK(records.back().video.annotations.back() == vidata::segment{880.9, 885.6, "JavelinThrow", -1});
    std::size_t segments = 0;
    for (const auto& r : records) segments += r.video.annotations.size();
    CHECK(segments == 489);
    CHECK(parse(vidata::format_annotations<anet_json>(records)) == records);
    CHECK(anet_json::detect(path, vidata::test::read_file(path).substr(0, 4096)));
}
