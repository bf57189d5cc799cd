// SPDX-License-Identifier: Apache-2.0
// `vidata inspect` on the "lists" formats: each read by --format (or detected), counted and shown as JSON.
#include "support.hpp"
#include "tools/cli_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace inspect_formats_lists_test {

using vidata::test::run_command;
using vidata::test::shell_quote;

nlohmann::json inspect(const std::filesystem::path& file, const std::string& format = {}) {
    return vidata::test::inspect_json(file, format);
}


TEST_CASE("tools/inspect_formats_lists: each list format by name", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    struct sample {
        const char* format;
        const char* file;
        std::string content;
        std::size_t records;
        nlohmann::json first;
    };
    const sample samples[] = {
        {"rawframe_list", "r.txt", "v_a 12 0\nv_b 7 3 5\n", 2, {{"path", "v_a"}, {"total_frames", 12}, {"labels", {0}}}},
        {"video_list", "v.txt", "a.mp4 4\n", 1, {{"path", "a.mp4"}, {"labels", {4}}}},
        {"audio_list", "a.txt", "a.wav 100 1\n", 1, {{"path", "a.wav"}, {"total_frames", 100}, {"labels", {1}}}},
        {"audio_feature_list", "af.txt", "a 100 1\nb 3 2\n", 2, {{"path", "a"}, {"total_frames", 100}, {"labels", {1}}}},
        {"proposal_list", "p.txt", "# 0\nv\n5\n1\n1\n3 1 2\n1\n3 0.5000 0.5000 1 3\n", 1,
         {{"index", 0}, {"video", "v"}, {"num_frames", 5}, {"normalized", false}, {"ground_truth", {{3, 1.0, 2.0}}}, {"proposals", 1}}},
        {"hvu_json", "h.json", R"([{"filename": "a.mp4", "label": {"action": [1, 2]}}])", 1,
         {{"filename", "a.mp4"}, {"label", {{"action", {1, 2}}}}}},
        {"anet_mmaction_json", "anet.json", R"({"v_x": {"duration_second": 2.5, "annotations": [{"segment": [0.5, 1.0], "label": "Run"}]}})", 1,
         {{"id", "x"}, {"duration_second", 2.5}, {"annotations", {{{"segment", {0.5, 1.0}}, {"label", "Run"}, {"label_id", 0}}}}, {"key", "v_x"}}},
        {"bsn_video_info", "info.csv", "video,numFrame,seconds,fps,rfps,subset,featureFrame\nv_a,418,14.07,30.0,29.7,training,400\n", 1,
         {{"video", "v_a"}, {"numFrame", 418}, {"seconds", 14.07}, {"fps", 30.0}, {"rfps", 29.7}, {"subset", "training"}, {"featureFrame", 400}}},
        {"anet_feature_csv", "feat.csv", "f0,f1\n1.5,2.0\n3.0,4.0\n", 2, {{"size", 2}, {"first", {1.5, 2.0}}}},
        {"label_map", "classes.txt", "abseiling\nair drumming\n", 2, {{"name", "abseiling"}}},
        {"omnisource_list", "o.txt", "x/1.jpg 3\n", 1, {{"path", "x/1.jpg"}, {"label", 3}}},
        {"minikinetics_mapping_json", "m.json", R"({"0": 0, "7": 1})", 2, {{"k400", 0}, {"mini", 0}}},
    };
    for (const auto& s : samples) {
        INFO(s.format);
        vidata::test::write_file(dir / s.file, s.content);
        const auto j = inspect(dir / s.file, s.format);
        CHECK(j["format"] == s.format);
        CHECK(j["records"] == s.records);
        REQUIRE(j["first"].size() == std::min<std::size_t>(s.records, 3));
        CHECK(j["first"][0] == s.first);
    }
}

TEST_CASE("tools/inspect_formats_lists: detection where the file is unambiguous", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "video_info_new.csv", "video,numFrame,seconds,fps,rfps,subset,featureFrame\nv_a,1,1.0,1.0,1.0,training,0\n");
    CHECK(inspect(dir / "video_info_new.csv")["format"] == "bsn_video_info");
    vidata::test::write_file(dir / "label_map_k400.txt", "abseiling\n");
    CHECK(inspect(dir / "label_map_k400.txt")["format"] == "label_map");
    vidata::test::write_file(dir / "thumos14_tag_val_proposal_list.txt", "# 0\nv\n5\n1\n0\n0\n");
    CHECK(inspect(dir / "thumos14_tag_val_proposal_list.txt")["format"] == "proposal_list");
    vidata::test::write_file(dir / "ucf101_val_split_1_rawframes.txt", "v_a 3 1\n");
    CHECK(inspect(dir / "ucf101_val_split_1_rawframes.txt")["format"] == "rawframe_list");
    vidata::test::write_file(dir / "kinetics400_val_list_videos.txt", "a.mp4 1\n");
    CHECK(inspect(dir / "kinetics400_val_list_videos.txt")["format"] == "video_list");
    vidata::test::write_file(dir / "K400_to_MiniKinetics_classidx_mapping.json", R"({"3": 0})");
    CHECK(inspect(dir / "K400_to_MiniKinetics_classidx_mapping.json")["format"] == "minikinetics_mapping_json");
}

TEST_CASE("tools/inspect_formats_lists: a malformed list fails with one line naming file:line", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "r.txt", "v_a 12 0\nv_Apply 12\n");
    const auto r = run_command(shell_quote(VIDATA_TEST_CLI) + " inspect " + shell_quote((dir / "r.txt").string()) + " --format rawframe_list --json");
    CHECK(r.status != 0);
    CHECK(r.output.find("r.txt:2:11: expected at least 3 fields") != std::string::npos);
}

TEST_CASE("tools/inspect_formats_lists: the real proposal list", "[tools][inspect][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // 20 blocks; the first is '# 1', video nEOpfvJ7g_g.
    const auto j = inspect(*dir / "activitynet12_ssn/activitynet1.2_tag_val_normalized_proposal_list.first20.txt");
    CHECK(j["format"] == "proposal_list");
    CHECK(j["records"] == 20);
    CHECK(j["first"][0]["video"] == "nEOpfvJ7g_g");
}

}  // namespace inspect_formats_lists_test

namespace inspect_formats_lists_test {

// Nothing in a line tells the layouts apart ('v_abc 1200 334 12' is also 1200 frames with labels 334 and 12), so the
// user says which: the same file reads both ways, as worked out here by hand.
TEST_CASE("tools/inspect_formats_lists: --with-offset reads the offset layout of a rawframe list", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "clips_rawframes.txt", "v_abc 1200 334 12\nv_def 0 10 3 4\n");
    const std::string file = vidata::test::quoted(dir / "clips_rawframes.txt");

    const auto plain = vidata::test::vidata_cli("inspect " + file + " --json");
    REQUIRE(plain.status == 0);
    const auto p = nlohmann::json::parse(plain.output);
    CHECK(p["format"] == "rawframe_list");
    CHECK(p["first"][0] == nlohmann::json{{"path", "v_abc"}, {"total_frames", 1200}, {"labels", {334, 12}}});

    const auto offset = vidata::test::vidata_cli("inspect " + file + " --with-offset --json");
    INFO(offset.output);
    REQUIRE(offset.status == 0);
    const auto o = nlohmann::json::parse(offset.output);
    CHECK(o["records"] == 2);
    CHECK(o["first"][0] == nlohmann::json{{"path", "v_abc"}, {"total_frames", 334}, {"offset", 1200}, {"labels", {12}}});
    CHECK(o["first"][1] == nlohmann::json{{"path", "v_def"}, {"total_frames", 10}, {"labels", {3, 4}}});

    // Any other format refuses the flag, in one line naming it.
    vidata::test::write_file(dir / "v.txt", "a.mp4 4\n");
    const auto wrong = vidata::test::vidata_cli("inspect " + vidata::test::quoted(dir / "v.txt") + " --format video_list --with-offset");
    CHECK(wrong.status != 0);
    CHECK(vidata::test::contains(wrong.output, "--with-offset applies to rawframe_list only, not to video_list"));
}

}  // namespace inspect_formats_lists_test
