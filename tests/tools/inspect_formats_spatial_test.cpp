// SPDX-License-Identifier: Apache-2.0
// `vidata inspect` on the "spatial" formats (AVA, AVA-Kinetics, tubes, skeletons): read by --format or detected, counted, shown as JSON.
#include "support.hpp"
#include "tools/cli_support.hpp"

#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/value.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace inspect_formats_spatial_test {

using vidata::pickle::value;
using vidata::test::run_command;
using vidata::test::shell_quote;

nlohmann::json inspect(const std::filesystem::path& file, const std::string& format = {}) {
    return vidata::test::inspect_json(file, format);
}

std::string proposals_pickle() {
    const std::vector<double> boxes{0.1, 0.2, 0.3, 0.4, 0.9};
    return vidata::pickle::dump(value::dict({{value("vid,0902"), value(vidata::ndarray::from_values<double>({1, 5}, std::span<const double>(boxes)))}}));
}

std::string tube_pickle() {
    const std::vector<float> rows{1, 10, 20, 30, 40, 2, 11, 21, 31, 41};
    const value tube(vidata::ndarray::from_values<float>({2, 5}, std::span<const float>(rows)));
    return vidata::pickle::dump(value::dict({{value("labels"), value::list({value("run")})},
                                             {value("gttubes"), value::dict({{value("run/v1"), value::dict({{value(0), value::list({tube})}})}})},
                                             {value("nframes"), value::dict({{value("run/v1"), value(40)}, {value("run/v2"), value(12)}})},
                                             {value("train_videos"), value::list({value::list({value("run/v2")})})},
                                             {value("test_videos"), value::list({value::list({value("run/v1")})})}}));
}

std::string pose_pickle() {
    const std::vector<float> kp(1 * 2 * 17 * 2, 1.5f);
    const std::vector<float> score(1 * 2 * 17, 0.5f);
    const value a = value::dict({{value("frame_dir"), value("S001C001P001R001A001")},
                                 {value("label"), value(0)},
                                 {value("img_shape"), value::tuple({value(1080), value(1920)})},
                                 {value("original_shape"), value::tuple({value(1080), value(1920)})},
                                 {value("total_frames"), value(2)},
                                 {value("keypoint"), value(vidata::ndarray::from_values<float>({1, 2, 17, 2}, std::span<const float>(kp)))},
                                 {value("keypoint_score"), value(vidata::ndarray::from_values<float>({1, 2, 17}, std::span<const float>(score)))}});
    return vidata::pickle::dump(value::dict({{value("split"), value::dict({{value("xsub_train"), value::list({value("S001C001P001R001A001")})}})},
                                             {value("annotations"), value::list({a})}}));
}

}  // namespace inspect_formats_spatial_test

using namespace inspect_formats_spatial_test;

TEST_CASE("tools/inspect_formats_spatial: each spatial format by name, counted and shown", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    struct sample {
        const char* format;
        const char* file;
        std::string content;
        std::size_t records;
        nlohmann::json first;
    };
    const std::string joint = "0.5 0.25 3 1 2 3 4 1 0 0 0 2\n";
    const sample samples[] = {
        {"ava_csv", "gt.csv", "vid,0902,0.077,0.151,0.283,0.811,80,1\nvid,0903,0.1,0.2,0.3,0.4,12,0.75\n", 2,
         {{"video_id", "vid"}, {"timestamp", 902}, {"box", {0.077, 0.151, 0.283, 0.811}}, {"action_id", 80}, {"person_id", 1}}},
        {"ava_exclusions", "ex.csv", "vid,0903\nvid,0904\nwid,0902\n", 3, {{"video_id", "vid"}, {"timestamp", 903}}},
        {"ava_pbtxt", "list.pbtxt", "label {\n  name: \"bend/bow (at the waist)\"\n  label_id: 1\n  label_type: PERSON_MOVEMENT\n}\n", 1,
         {{"id", 1}, {"name", "bend/bow (at the waist)"}, {"label_type", "PERSON_MOVEMENT"}}},
        {"ava_proposals_pkl", "props.pkl", proposals_pickle(), 1,
         {{"video_id", "vid"}, {"timestamp", 902}, {"boxes", {{0.1, 0.2, 0.3, 0.4, 0.9}}}}},
        {"ava_kinetics_csv", "kin.csv", "yt,5.016949\nyt,17.000000,0.5,0.25,0.75,1,12\n", 2, {{"youtube_id", "yt"}, {"timestamp", 5.016949}}},
        {"tube_gt_pkl", "gt.pkl", tube_pickle(), 2,
         {{"video", "run/v1"}, {"nframes", 40}, {"tubes", {{"0 run", {{1.0, 2.0, 2}}}}}, {"train_index", {-1}}, {"test_index", {0}}}},
        {"pose_pkl", "pose.pkl", pose_pickle(), 1,
         {{"frame_dir", "S001C001P001R001A001"},
          {"total_frames", 2},
          {"img_shape", {1080, 1920}},
          {"original_shape", {1080, 1920}},
          {"label", 0},
          {"keypoint", {{"shape", {1, 2, 17, 2}}}},
          {"keypoint_score", {{"shape", {1, 2, 17}}}},
          {"splits", {"xsub_train"}}}},
        {"ntu_skeleton", "S001C001P001R001A001.skeleton", "2\n1\n72057594037931101 0 1 1 1 1 0 0.01 -0.25 2\n1\n" + joint + "0\n", 2,
         {{"bodies", {{{"body_id", 72057594037931101ull}, {"tracking_state", 2}, {"joints", {{0.5, 0.25, 3.0}}}}}}}},
        {"ntu_missing_list", "missing.txt", "header line\n\nS001C002P005R002A008\nS001C002P006R001A008\n", 2, {{"name", "S001C002P005R002A008"}}},
    };
    for (const auto& s : samples) {
        INFO(s.format);
        vidata::test::write_file(dir / s.file, s.content);
        const auto j = inspect(dir / s.file, s.format);
        CHECK(j["format"] == s.format);
        CHECK(j["records"] == s.records);
        REQUIRE(j["first"].size() >= 1);
        CHECK(j["first"][0] == s.first);
    }
}

TEST_CASE("tools/inspect_formats_spatial: files whose name or form is certain are detected without --format", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    const std::pair<const char*, std::string> files[] = {
        {"ava_val_excluded_timestamps_v2.2.csv", "vid,0902\n"},
        {"ava_action_list_v2.2.pbtxt", "label {\n  name: \"a\"\n  label_id: 1\n}\n"},
        {"NTU_RGBD_samples_with_missing_skeletons.txt", "S001C002P005R002A008\n"},
        {"S001C001P001R001A001.skeleton", "0\n"},
        {"JHMDB-GT.pkl", tube_pickle()},
        {"ava_dense_proposals_val.FAIR.recall_93.9.pkl", proposals_pickle()},
    };
    const char* formats[] = {"ava_exclusions", "ava_pbtxt", "ntu_missing_list", "ntu_skeleton", "tube_gt_pkl", "ava_proposals_pkl"};
    for (std::size_t i = 0; i < std::size(files); ++i) {
        INFO(files[i].first);
        vidata::test::write_file(dir / files[i].first, files[i].second);
        CHECK(inspect(dir / files[i].first)["format"] == formats[i]);
    }
}

TEST_CASE("tools/inspect_formats_spatial: a malformed file exits non-zero with the located reason", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "gt.csv", "vid,0902,0.1,0.2\n");
    const auto r = run_command(shell_quote(VIDATA_TEST_CLI) + " inspect " + shell_quote((dir / "gt.csv").string()) + " --format ava_csv --json");
    CHECK(r.status != 0);
    CHECK(r.output.find("gt.csv:1:1: expected a row of 2, 7, 8 or 9 fields") != std::string::npos);
}

TEST_CASE("tools/inspect_formats_spatial: the real AVA, AVA-Kinetics, NTU and MMAction2 files are detected and counted",
          "[tools][inspect][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    struct expectation {
        const char* file;
        const char* format;
        std::size_t records;
    };
    for (const auto& e : {expectation{"ava_kinetics_v1_0/ava_val_v2.2.head40.csv", "ava_csv", 40},
                          expectation{"ava_kinetics_v1_0/kinetics_val_v1.0.head40.csv", "ava_kinetics_csv", 40},
                          expectation{"mmaction2/eval_detection/pred.csv", "ava_csv", 30},
                          expectation{"mmaction2/ava_dataset/ava_excluded_timestamps_sample.csv", "ava_exclusions", 2},
                          expectation{"mmaction2/ava_dataset/action_list.txt", "ava_pbtxt", 4},
                          expectation{"activitynet_repo/Evaluation/ava/ava_action_list_v2.1_for_activitynet_2018.pbtxt.txt", "ava_pbtxt", 60},
                          expectation{"mmaction2/ava_dataset/ava_proposals_sample.pkl", "ava_proposals_pkl", 3},
                          expectation{"ntu_rgbd/NTU_RGBD120_samples_with_missing_skeletons.txt", "ntu_missing_list", 535}}) {
        INFO(e.file);
        const auto j = inspect(*dir / e.file);
        CHECK(j["format"] == e.format);
        CHECK(j["records"] == e.records);
    }
    CHECK(inspect(*dir / "mmaction2_main/annotations/sample.pkl", "pose_pkl")["records"] == 100);
    CHECK(inspect(*dir / "mmaction2_main/eval_multisports/gt.pkl", "tube_gt_pkl")["records"] == 1);
    CHECK(inspect(*dir / "mmaction2_tools_data/ava/label_map.txt", "ava_pbtxt")["records"] == 60);
}
