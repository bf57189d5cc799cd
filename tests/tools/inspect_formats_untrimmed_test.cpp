// SPDX-License-Identifier: Apache-2.0
// `vidata inspect` on the "untrimmed" formats (MiT, M-MiT, HVU, FineGYM, ActivityNet, THUMOS'14): read, counted, shown as JSON.
#include "support.hpp"
#include "tools/cli_support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

namespace inspect_formats_untrimmed_test {

using vidata::test::run_command;
using vidata::test::shell_quote;

nlohmann::json inspect_untrimmed(const std::filesystem::path& file, const std::string& format = {}) {
    return vidata::test::inspect_json(file, format);
}

}  // namespace inspect_formats_untrimmed_test

TEST_CASE("tools/inspect_formats_untrimmed: each format by name, and detected from its official name or header", "[tools][inspect]") {
    using namespace inspect_formats_untrimmed_test;
    vidata::test::temp_dir dir;
    struct sample {
        const char* format;
        const char* file;
        std::string content;
        std::size_t records;
        nlohmann::json first;
        bool detected;
    };
    const sample samples[] = {
        {"mit_categories", "moments_categories.txt", "clapping,0\ndropping,1\n", 2, {{"name", "clapping"}, {"id", 0}}, true},
        {"mit_csv", "trainingSet.csv", "dancing/a.mp4,dancing,3,0\n", 1,
         {{"path", "dancing/a.mp4"}, {"label", "dancing"}, {"agreement", 3}, {"disagreement", 0}}, true},
        {"mmit_list", "trainingSet.txt", "a/b.mp4,3,7\nc.mp4,1\n", 2, {{"path", "a/b.mp4"}, {"labels", {3, 7}}}, true},
        {"hvu_csv", "HVU_Val_V1.0.csv", "Tags,youtube_id,time_start,time_end\ntree|lawn,abc,1.5,3\n", 1,
         {{"tags", {"tree", "lawn"}}, {"youtube_id", "abc"}, {"time_start", 1.5}, {"time_end", 3.0}}, true},
        {"hvu_categories", "hvu_categories.csv", "Tag,Category\nlawn,scene\n", 1, {{"tag", "lawn"}, {"category", "scene"}}, true},
        {"gym_annotation_json", "finegym_annotation_info_v1.1.json",
         R"({"v": {"E_000001_000002": {"event": 2, "segments": null, "timestamps": [[1.0, 2.0]]}}})", 1,
         {{"id", "v"}, {"events", {{{"id", "E_000001_000002"}, {"event", 2}, {"timestamps", {{1.0, 2.0}}}, {"segments", nullptr}}}}}, true},
        {"gym_element_list", "gym99_val_element.txt", "A0xAXXysHUo_E_002184_002237_A_0035_0036 93\n", 1,
         {{"path", "A0xAXXysHUo_E_002184_002237_A_0035_0036"}, {"labels", {93}}}, true},
        {"gym_categories", "set_categories.txt", "set: 1; vault\nset: 21; FX_leap_jump_hop\n", 2, {{"set", 1}, {"name", "vault"}}, true},
        {"anet_json", "anet.json",
         R"({"version": "VERSION 1.3", "taxonomy": [], "database": {"x": {"subset": "training", "annotations": [{"segment": [0.5, 1.0], "label": "Run"}]}}})",
         1, {{"id", "x"}, {"subset", "training"}, {"annotations", {{{"segment", {0.5, 1.0}}, {"label", "Run"}}}}}, true},
        {"anet_results_json", "results.json", R"({"version": "VERSION 1.3", "results": {"x": [{"score": 0.5, "label": "Run"}]}})", 1,
         {{"id", "x"}, {"results", {{{"label", "Run"}, {"score", 0.5}}}}}, true},
        {"thumos14_annotation", "Diving_val.txt", "video_validation_0000051  67.5 75.9\n", 1,
         {{"video", "video_validation_0000051"}, {"segment", {67.5, 75.9}}, {"label", "Diving"}}, true},
    };
    for (const auto& s : samples) {
        INFO(s.format);
        vidata::test::write_file(dir / s.file, s.content);
        const auto j = inspect_untrimmed(dir / s.file, s.format);
        CHECK(j["format"] == s.format);
        CHECK(j["records"] == s.records);
        REQUIRE(j["first"].size() == std::min<std::size_t>(s.records, 3));
        CHECK(j["first"][0] == s.first);
        if (s.detected) CHECK(inspect_untrimmed(dir / s.file)["format"] == s.format);
    }
}

TEST_CASE("tools/inspect_formats_untrimmed: a malformed file fails with one line naming where", "[tools][inspect]") {
    using namespace inspect_formats_untrimmed_test;
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "Diving_val.txt", "video_validation_0000051  67.5\n");
    const auto r = run_command(shell_quote(VIDATA_TEST_CLI) + " inspect " + shell_quote((dir / "Diving_val.txt").string()) +
                               " --format thumos14_annotation --json");
    CHECK(r.status != 0);
    CHECK(r.output.find("Diving_val.txt:1:31: expected 3 fields (video start end)") != std::string::npos);
}

TEST_CASE("tools/inspect_formats_untrimmed: real files", "[tools][inspect][fixtures]") {
    using namespace inspect_formats_untrimmed_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // 4926 videos; the first is wONwHYy59Tc (python3 -c "import json; ...").
    const auto results = inspect_untrimmed(*dir / "activitynet_repo/Evaluation/data/sample_detection_prediction.json");
    CHECK(results["format"] == "anet_results_json");
    CHECK(results["records"] == 4926);
    CHECK(results["first"][0]["id"] == "wONwHYy59Tc");
    const auto gym = inspect_untrimmed(*dir / "finegym/gym99_categories.txt");
    CHECK(gym["format"] == "gym_categories");
    CHECK(gym["records"] == 99);
    const auto thumos = inspect_untrimmed(*dir / "thumos14_ssn/temporal_annotations_validation/Ambiguous_val.txt");
    CHECK(thumos["format"] == "thumos14_annotation");
    CHECK(thumos["records"] == 89);
}
