// SPDX-License-Identifier: Apache-2.0
// The `vidata eval frame-map` / `vidata eval video-map` contract: JSON keys, hand-computed values, the numpy reference, errors.
#include "tools/cli_support.hpp"
#include "metrics/tube_cases.hpp"

#include <vidata/io/pickle/dump.hpp>
#include <vidata/metrics/tube_inputs.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using vidata::pickle::value;
using vidata::test::line_count;
using vidata::test::quoted;
using vidata::test::run_command;
using vidata::test::shell_quote;
using vidata::test::vidata_cli;

// stdout and stderr together (run_command appends 2>&1).
// stdout alone: the --json contract.
vidata::test::command_result vidata_stdout(const std::string& args) {
    return run_command("{ " + shell_quote(VIDATA_TEST_CLI) + " " + args + " 2>/dev/null; }");
}

// stderr alone: notes and errors.
vidata::test::command_result vidata_stderr(const std::string& args) {
    return run_command("{ " + shell_quote(VIDATA_TEST_CLI) + " " + args + " 2>&1 >/dev/null; }");
}

// Writes `gt` as ACT's GT pickle (float32 tubes), with vidata's own pickle writer.
void save_gt(const fs::path& path, const vidata::tube_ground_truth& gt) {
    vidata::pickle::dict_items tubes;
    for (const auto& [video, per_label] : gt.gttubes) {
        vidata::pickle::dict_items labels;
        for (const auto& [label, list] : per_label) {
            std::vector<value> arrays;
            for (const auto& t : list) {
                const Eigen::Matrix<float, Eigen::Dynamic, 5, Eigen::RowMajor> f = t.cast<float>();
                arrays.emplace_back(vidata::ndarray::from_eigen(f));
            }
            labels.emplace_back(label, value::list(std::move(arrays)));
        }
        tubes.emplace_back(video, value::dict(std::move(labels)));
    }
    auto names = [](const std::vector<std::string>& v) {
        std::vector<value> out(v.begin(), v.end());
        return value::list(std::move(out));
    };
    auto splits = [&](const std::vector<std::vector<std::string>>& s) {
        std::vector<value> out;
        for (const auto& v : s) out.push_back(names(v));
        return value::list(std::move(out));
    };
    vidata::pickle::dict_items nframes;
    for (const auto& [video, n] : gt.nframes) nframes.emplace_back(video, n);
    vidata::pickle::save_file(path, value::dict({{"labels", names(gt.labels)},
                                                 {"gttubes", value::dict(std::move(tubes))},
                                                 {"nframes", value::dict(std::move(nframes))},
                                                 {"train_videos", splits(gt.train_videos)},
                                                 {"test_videos", splits(gt.test_videos)}}));
}

vidata::tube span_tube(int first, int last) {
    vidata::tube t(last - first + 1, 5);
    for (int f = first; f <= last; ++f) t.row(f - first) << f, 0, 0, 9, 9;
    return t;
}

// Split 1 evaluates "a/v0" (two class-x tubes: frames 1-10 and 21-30) and "a/v1"; split 2 only "a/v1".
vidata::tube_ground_truth hand_gt() {
    vidata::tube_ground_truth gt;
    gt.labels = {"x", "y"};
    gt.test_videos = {{"a/v0", "a/v1"}, {"a/v1"}};
    gt.train_videos = {{}, {"a/v0"}};
    gt.gttubes["a/v0"][0] = {span_tube(1, 10), span_tube(21, 30)};
    gt.nframes = {{"a/v0", 30}, {"a/v1", 30}};
    return gt;
}

}  // namespace

TEST_CASE("eval frame-map --json: hand-computed values under both semantics", "[tools][eval_tubes]") {
    vidata::test::temp_dir dir;
    save_gt(dir / "GT.pkl", hand_gt());
    // Ranked TP (frame 1), FP (frame 1 again), TP (frame 2) against 20 ground-truth boxes; then a detection
    // of a video outside the split. precision 1, 1/2, 2/3, 1/2; recall 1/20, 1/20, 2/20, 2/20.
    vidata::test::write_file(dir / "dets.csv",
                             "video,frame,label,score,x1,y1,x2,y2\n"
                             "a/v0,1,x,0.9,0,0,9,9\n"
                             "a/v0,1,0,0.8,0,0,9,9\n"
                             "a/v0,2,0,0.7,0,0,9,9\n"
                             "b/elsewhere,2,0,0.6,0,0,9,9\n");
    const std::string args = "eval frame-map --json --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "dets.csv");
    const auto r = vidata_stdout(args);
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(line_count(r.output) == 1);
    const auto j = nlohmann::json::parse(r.output);
    // ACT trapezoids from (0, 1): (1/20)(2)/2 + 0 + (1/20)(2/3 + 1/2)/2 + 0 = 1/20 + 7/240 = 19/240.
    CHECK(j.at("frame_mAP@0.5").get<double>() == Approx(19.0 / 240.0).epsilon(1e-12));
    CHECK(j.at("per_class_ap") == nlohmann::json{{"x", j.at("frame_mAP@0.5")}});
    // VOC all points: 1/20 · 1 + 1/20 · 2/3 = 1/12.
    const auto m = nlohmann::json::parse(vidata_stdout(args + " --semantics mmaction2").output);
    CHECK(m.at("frame_mAP@0.5").get<double>() == Approx(1.0 / 12.0).epsilon(1e-12));
    // The other video is reported on stderr, not on stdout.
    CHECK(vidata_stderr(args).output.find("1 detection(s) are in videos outside test split 1") != std::string::npos);
    // --iou and the table for people.
    const auto strict = nlohmann::json::parse(vidata_stdout(args + " --iou 0.75").output);
    CHECK(strict.contains("frame_mAP@0.75"));
    const auto table = vidata_stdout("eval frame-map --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "dets.csv"));
    CHECK(table.status == 0);
    CHECK(table.output.find("frame_mAP@0.5  0.0792") != std::string::npos);
}

TEST_CASE("eval video-map --json: the four keys, hand-computed", "[tools][eval_tubes]") {
    vidata::test::temp_dir dir;
    save_gt(dir / "GT.pkl", hand_gt());
    // IoU 1 with the first tube; the second tube at ACT 2/3 (MultiSports 9/14); a/v1 has no ground truth.
    vidata::test::write_file(dir / "tubes.json", R"([
        {"video": "a/v0", "label": "x", "score": 0.9, "boxes": [[1,0,0,9,9],[2,0,0,9,9],[3,0,0,9,9],[4,0,0,9,9],[5,0,0,9,9],
                                                                 [6,0,0,9,9],[7,0,0,9,9],[8,0,0,9,9],[9,0,0,9,9],[10,0,0,9,9]]},
        {"video": "a/v0", "label": 0, "score": 0.8, "boxes": [[16,0,0,9,9],[17,0,0,9,9],[18,0,0,9,9],[19,0,0,9,9],[20,0,0,9,9],
            [21,0,0,9,9],[22,0,0,9,9],[23,0,0,9,9],[24,0,0,9,9],[25,0,0,9,9],[26,0,0,9,9],[27,0,0,9,9],[28,0,0,9,9],[29,0,0,9,9],[30,0,0,9,9]]},
        {"video": "a/v1", "label": 0, "score": 0.7, "boxes": [[1,0,0,9,9]]}
    ])");
    const std::string args = "eval video-map --json --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "tubes.json");
    const auto r = vidata_cli(args);
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(line_count(r.output) == 1);
    const auto j = nlohmann::ordered_json::parse(r.output);
    std::vector<std::string> keys;
    for (const auto& [key, unused] : j.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"video_mAP@0.2", "video_mAP@0.5", "video_mAP@0.75", "video_mAP@0.5:0.95", "per_class_ap"});
    CHECK(j["video_mAP@0.2"] == 1.0);
    CHECK(j["video_mAP@0.5"] == 1.0);
    CHECK(j["video_mAP@0.75"] == 0.5);
    CHECK(j["video_mAP@0.5:0.95"].get<double>() == Approx(0.7).epsilon(1e-12));  // (4 · 1 + 6 · 1/2)/10
    const auto m = nlohmann::json::parse(vidata_cli(args + " --semantics mmaction2").output);
    CHECK(m["video_mAP@0.5:0.95"].get<double>() == Approx(0.65).epsilon(1e-12));  // (3 · 1 + 7 · 1/2)/10
    const auto custom = nlohmann::json::parse(vidata_cli(args + " --iou 0.3 0.9").output);
    CHECK(custom.contains("video_mAP@0.3"));
    CHECK(custom["video_mAP@0.9"] == 0.5);
    CHECK_FALSE(custom.contains("video_mAP@0.2"));
    CHECK(custom.contains("video_mAP@0.5:0.95"));
    // A near-copy of the first tube (score 0.85) is a FP at 0.5: TP, FP, TP, FP — precision 1, 1/2, 2/3, 1/2 at
    // recall 1/2, 1/2, 1, 1: trapezoids 1/2 + 0 + (1/2)(2/3 + 1/2)/2 = 19/24. ACT's nms3dt at 0.3 removes it.
    auto tubes = nlohmann::json::parse(vidata::test::read_file(dir / "tubes.json"));
    auto copy = tubes[0];
    copy["score"] = 0.85;
    for (auto& row : copy["boxes"]) row[1] = 1;  // x1 + 1: IoU 90/100 with the original
    tubes.push_back(copy);
    vidata::test::write_file(dir / "tubes_dup.json", tubes.dump());
    const std::string dup = "eval video-map --json --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "tubes_dup.json");
    CHECK(nlohmann::json::parse(vidata_cli(dup).output)["video_mAP@0.5"].get<double>() == Approx(19.0 / 24.0).epsilon(1e-12));
    const auto suppressed = nlohmann::json::parse(vidata_cli(dup + " --tube-nms 0.3").output);
    CHECK(suppressed["video_mAP@0.5"] == 1.0);
    CHECK(suppressed["video_mAP@0.5:0.95"].get<double>() == Approx(0.7).epsilon(1e-12));
    // Split 2 evaluates a/v1 alone, which has no ground truth: an error, not a number.
    const auto none = vidata_cli(args + " --split 2");
    CHECK(none.status == 1);
    CHECK(line_count(none.output) == 1);
    CHECK(none.output.find("no class has ground truth in the evaluated videos") != std::string::npos);
}

TEST_CASE("eval frame-map / video-map agree with the numpy reference on ACT/MOC and MultiSports files", "[tools][eval_tubes][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    REQUIRE(vidata::test::run_python("tube_cases.py", "gt " + quoted(dir.path())).status == 0);
    REQUIRE(vidata::test::run_python("tube_cases.py", "dets " + quoted(dir.path())).status == 0);
    const fs::path gt_path = dir / "gt_p2.pkl";
    const auto gt = vidata::read_tube_ground_truth(gt_path);
    const auto expected_dets = nlohmann::json::parse(vidata::test::read_file(dir / "dets_expected.json"));

    // The reference gets the detections as tube_cases.py wrote them (its JSON), vidata reads the pickles.
    vidata::test::tube_case c;
    c.gt = gt;
    c.gt.test_videos = {gt.test_videos[0]};
    for (const auto& row : expected_dets["frame_dets"])
        c.frame_detections.push_back({row[0].get<std::int64_t>(), row[1].get<std::int64_t>(), row[2].get<int>(), row[3].get<double>(),
                                      {row[4].get<double>(), row[5].get<double>(), row[6].get<double>(), row[7].get<double>()}});
    for (const auto& t : expected_dets["tubes"]) {
        vidata::tube boxes(static_cast<Eigen::Index>(t["boxes"].size()), 5);
        for (std::size_t i = 0; i < t["boxes"].size(); ++i)
            for (std::size_t k = 0; k < 5; ++k) boxes(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = t["boxes"][i][k].get<double>();
        c.tube_detections.push_back({t["video"].get<std::int64_t>(), t["label"].get<int>(), t["score"].get<double>(), boxes});
    }
    for (const char* semantics : {"official", "mmaction2"}) {
        INFO(semantics);
        const std::string policy = std::string(semantics) == "official" ? "act" : "multisports";
        const auto expected = vidata::test::tube_reference(vidata::test::tube_case_json(c, policy, "canonical", 0.5, {0.2, 0.5, 0.75}));
        const std::string common = std::string(" --json --semantics ") + semantics + " --gt " + quoted(gt_path);
        const auto f = nlohmann::json::parse(vidata_stdout("eval frame-map --pred " + quoted(dir / "frame_detections.pkl") + common).output);
        CHECK(vidata::test::same_ap(f["frame_mAP@0.5"].get<double>(), expected.at("frame_map")));
        for (const auto& pred : {dir / "link_tubes.pkl", dir / "moc"}) {
            INFO(pred);
            const auto v = nlohmann::json::parse(vidata_stdout("eval video-map --pred " + quoted(pred) + common).output);
            CHECK(vidata::test::same_ap(v["video_mAP@0.2"].get<double>(), expected.at("video_map 0")));
            CHECK(vidata::test::same_ap(v["video_mAP@0.5"].get<double>(), expected.at("video_map 1")));
            CHECK(vidata::test::same_ap(v["video_mAP@0.75"].get<double>(), expected.at("video_map 2")));
            CHECK(vidata::test::same_ap(v["video_mAP@0.5:0.95"].get<double>(), expected.at("video_map_50_95")));
        }
    }
}

TEST_CASE("eval frame-map / video-map fail with one line that names the problem", "[tools][eval_tubes]") {
    vidata::test::temp_dir dir;
    vidata::pickle::save_file(dir / "broken.pkl", value::dict({{"labels", value::list({"x"})}}));
    vidata::test::write_file(dir / "dets.csv", "a/v0,1,0,0.9,0,0,9,9\n");
    const auto missing_key = vidata_cli("eval frame-map --gt " + quoted(dir / "broken.pkl") + " --pred " + quoted(dir / "dets.csv"));
    CHECK(missing_key.status == 1);
    CHECK(line_count(missing_key.output) == 1);
    CHECK(missing_key.output.find("broken.pkl at /: expected the key 'gttubes'") != std::string::npos);

    save_gt(dir / "GT.pkl", hand_gt());
    const auto split = vidata_cli("eval frame-map --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "dets.csv") + " --split 3");
    CHECK(split.status == 1);
    CHECK(split.output.find("split index 2 (0-based) does not exist: the ground truth has 2 test split(s)") != std::string::npos);
    vidata::test::write_file(dir / "bad.csv", "a/v0,1,z,0.9,0,0,9,9\n");
    const auto label = vidata_cli("eval frame-map --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "bad.csv"));
    CHECK(label.status == 1);
    CHECK(label.output.find("bad.csv:1:8: expected a label") != std::string::npos);
    const auto absent = vidata_cli("eval video-map --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "absent.json"));
    CHECK(absent.status != 0);
    const auto range = vidata_cli("eval frame-map --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "dets.csv") + " --iou 1.5");
    CHECK(range.status != 0);
    const auto semantics = vidata_cli("eval video-map --gt " + quoted(dir / "GT.pkl") + " --pred " + quoted(dir / "dets.csv") + " --semantics act");
    CHECK(semantics.status != 0);
}
