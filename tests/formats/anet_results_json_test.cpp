// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::anet_results_json: ActivityNet detection, proposal and classification submissions.
#include <vidata/formats/anet_results_json.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace anet_results_json_test {

using vidata::formats::anet_result;
using vidata::formats::anet_result_video;
using vidata::formats::anet_results_json;

std::vector<anet_result_video> parse(const std::string& text) {
    return vidata::parse_annotations<anet_results_json>(text, "results.json");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace anet_results_json_test

TEST_CASE("formats/anet_results_json: detections, proposals and classifications, with the file's other members", "[formats][anet_results_json]") {
    using namespace anet_results_json_test;
    const std::string text =
        R"({"version": "VERSION 1.3", "results": {"zz": [{"score": 0.5, "segment": [1.0, 2.5], "label": "Skiing"}, )"
        R"({"score": 0.25, "segment": [0.0, 3.0]}], "aa": [{"score": 1.0, "label": "Beer pong"}]}, )"
        R"("external_data": {"used": false, "details": "none", "n": 3}})";
    const auto records = parse(text);
    REQUIRE(records.size() == 2);
    CHECK(records[0].id == "zz");
    const std::vector<anet_result> zz{{"Skiing", 0.5, std::array<double, 2>{1.0, 2.5}}, {std::nullopt, 0.25, std::array<double, 2>{0.0, 3.0}}};
    CHECK(records[0].results == zz);
    CHECK(records[1].id == "aa");
    CHECK(records[1].results == std::vector<anet_result>{{"Beer pong", 1.0, std::nullopt}});
    REQUIRE(records[0].file);
    CHECK(records[0].file->members["version"] == "VERSION 1.3");
    CHECK(records[0].file->members["external_data"]["n"] == 3);
    CHECK(records[0].file->results_at == 1);
    CHECK(vidata::format_annotations<anet_results_json>(records) == text);
    CHECK(parse(vidata::format_annotations<anet_results_json>(records)) == records);
}

TEST_CASE("formats/anet_results_json: records made by hand are written in MMAction2's frame", "[formats][anet_results_json]") {
    using namespace anet_results_json_test;
    const std::vector<anet_result_video> records{{"v", {{std::nullopt, 0.75, std::array<double, 2>{0.5, 1.0}}}, nullptr}};
    const std::string written = vidata::format_annotations<anet_results_json>(records);
    CHECK(written == R"({"version": "VERSION 1.3", "results": {"v": [{"score": 0.75, "segment": [0.5, 1.0]}]}, "external_data": {}})");
    const auto back = parse(written);
    REQUIRE(back.size() == 1);
    CHECK(back[0].results == records[0].results);
}

TEST_CASE("formats/anet_results_json: malformed input names the JSON pointer", "[formats][anet_results_json]") {
    using namespace anet_results_json_test;
    CHECK(error_of(R"({"results": {"abc": [{"score": "0.5", "label": "A"}]}})") ==
          "[vidata.parse_error] results.json at /results/abc/0/score: expected a number, got '\"0.5\"'");
    CHECK(error_of(R"({"results": {"abc": [{"segment": [3, 1], "score": 0.5}]}})") ==
          "[vidata.parse_error] results.json at /results/abc/0/segment: expected a segment [start, end]: two numbers (or numeric "
          "strings, as Python's float() reads them), finite, start <= end, got '[3, 1]'");
    CHECK(error_of(R"({"version": "x"})").find("expected an object with a member 'results'") != std::string::npos);
    CHECK(error_of(R"({"results": {"abc": [)").find("[vidata.parse_error] results.json:1:") == 0);
}

TEST_CASE("formats/anet_results_json: real data — the official sample submissions (classification byte for byte)", "[formats][anet_results_json][fixtures]") {
    using namespace anet_results_json_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto detection = *dir / "activitynet_repo/Evaluation/data/sample_detection_prediction.json";
    const auto d = vidata::read_annotations<anet_results_json>(detection);
    REQUIRE(d.size() == 4926);
    std::size_t entries = 0;
    for (const auto& v : d) entries += v.results.size();
    CHECK(entries == 7654);
    CHECK(d.front().id == "wONwHYy59Tc");
    CHECK(d.front().results.front() == anet_result{"Blow-drying hair", 1.0, std::array<double, 2>{94.52138901727746, 130.48707650118757}});
    CHECK(d.back().id == "yjazHd6a5SQ");
    CHECK(d.back().results.back() == anet_result{"Mixing drinks", 1.0, std::array<double, 2>{50.64957492721477, 92.81716362259934}});
    CHECK(d.front().file->members["external_data"]["details"] == "This is a fake submission for the validation subset.");
    // Bounds are read as doubles: the file's few integral ones ("[0, 71.621]") come back as 0.0, so the
    // detection file is compared through a second reading.
    CHECK(parse(vidata::format_annotations<anet_results_json>(d)) == d);

    const auto classification = *dir / "activitynet_repo/Evaluation/data/sample_classification_prediction.json";
    const auto c = vidata::read_annotations<anet_results_json>(classification);
    REQUIRE(c.size() == 4926);
    entries = 0;
    for (const auto& v : c) entries += v.results.size();
    CHECK(entries == 4933);
    CHECK(c.front().results.front() == anet_result{"Blow-drying hair", 1.0, std::nullopt});
    CHECK(c.back().id == "1rf7t4sYtIA");
    CHECK(c.back().results.back() == anet_result{"Blowing leaves", 1.0, std::nullopt});
    CHECK(vidata::format_annotations<anet_results_json>(c) == vidata::test::read_file(classification));

    const auto mmaction = *dir / "mmaction2/eval_localization/result.json";
    const auto m = vidata::read_annotations<anet_results_json>(mmaction);
    REQUIRE(m.size() == 2);
    std::size_t proposals = 0;
    for (const auto& v : m) proposals += v.results.size();
    CHECK(proposals == 14);
    CHECK(m.front().results.front() == anet_result{"Wakeboarding", 0.6533445119857788, std::array<double, 2>{0.0, 206.3465619982159}});
    CHECK(parse(vidata::format_annotations<anet_results_json>(m)) == m);
    CHECK(anet_results_json::detect(detection, vidata::test::read_file(detection).substr(0, 4096)));
}
