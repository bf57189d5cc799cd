// SPDX-License-Identifier: Apache-2.0
// Tests of the tube metric inputs: GT pickles as Python sees them (real MultiSports GT included), detection files, errors.
#include <vidata/io/pickle/dump.hpp>
#include <vidata/metrics/tube_inputs.hpp>

#include "support.hpp"
#include "tube_cases.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

namespace {

namespace fs = std::filesystem;
using vidata::tube_ground_truth;
using vidata::pickle::value;

nlohmann::json rows_json(const vidata::tube& t) {
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index i = 0; i < t.rows(); ++i) rows.push_back({t(i, 0), t(i, 1), t(i, 2), t(i, 3), t(i, 4)});
    return rows;
}

// The ground truth in the form tests/python/tube_cases.py's summary() prints.
nlohmann::json summary(const tube_ground_truth& gt) {
    nlohmann::json j;
    j["labels"] = gt.labels;
    j["test_videos"] = gt.test_videos;
    j["train_videos"] = gt.train_videos;
    j["nframes"] = nlohmann::json::object();
    for (const auto& [v, n] : gt.nframes) j["nframes"][v] = n;
    j["resolution"] = nlohmann::json::object();
    for (const auto& [v, hw] : gt.resolution) j["resolution"][v] = {hw.height, hw.width};
    j["gttubes"] = nlohmann::json::object();
    nlohmann::json counts = nlohmann::json::object();
    for (std::size_t c = 0; c < gt.labels.size(); ++c) counts[std::to_string(c)] = 0;
    for (const auto& [v, per_label] : gt.gttubes) {
        j["gttubes"][v] = nlohmann::json::object();
        for (const auto& [label, tubes] : per_label) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& t : tubes) list.push_back(rows_json(t));
            j["gttubes"][v][std::to_string(label)] = list;
            counts[std::to_string(label)] = counts[std::to_string(label)].get<int>() + static_cast<int>(tubes.size());
        }
    }
    j["tube_counts"] = counts;
    return j;
}

std::string quoted(const fs::path& p) { return vidata::test::shell_quote(p.string()); }

using tube_key = std::tuple<int, std::int64_t, double>;
tube_key key_of(const vidata::tube_detection& d) { return {d.label, d.video, d.boxes(0, 0)}; }

}  // namespace

TEST_CASE("read_tube_ground_truth reads ACT-style GT pickles as Python sees them", "[metrics][tube_inputs][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    const auto made = vidata::test::run_python("tube_cases.py", "gt " + quoted(dir.path()));
    INFO(made.output);
    REQUIRE(made.status == 0);
    const auto expected = nlohmann::json::parse(vidata::test::read_file(dir / "gt_expected.json"));
    for (const char* name : {"gt_p2.pkl", "gt_p4.pkl"}) {
        INFO(name);
        const auto gt = vidata::read_tube_ground_truth(dir / name);
        CHECK(summary(gt) == expected);
        CHECK(gt.num_splits() == 3);
    }
    // MultiSports' GT has no train_videos (and this one is an OrderedDict): everything else is there.
    const auto no_train = vidata::read_tube_ground_truth(dir / "gt_no_train.pkl");
    CHECK(no_train.train_videos.empty());
    auto expected_no_train = expected;
    expected_no_train["train_videos"] = nlohmann::json::array();
    CHECK(summary(no_train) == expected_no_train);
}

TEST_CASE("read_tube_ground_truth on MMAction2's real MultiSports GT fixture", "[metrics][tube_inputs][fixtures]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const fs::path file = *root / "mmaction2_main/eval_multisports/gt.pkl";
    const auto gt = vidata::read_tube_ground_truth(file);
    // What Python's pickle.load reports for this file (checked by hand once, and below against the oracle):
    // 66 labels, one test split of one video of 725 frames at 720 x 1280, two tubes in each of labels 9, 10, 11, 14.
    CHECK(gt.labels.size() == 66);
    CHECK(gt.labels[10] == "aerobic bent leg(s) jump");
    REQUIRE(gt.test_videos.size() == 1);
    CHECK(gt.test_videos[0] == std::vector<std::string>{"aerobic_gymnastics/v_crsi07chcV8_c004"});
    CHECK(gt.train_videos.empty());
    CHECK(gt.nframes.at("aerobic_gymnastics/v_crsi07chcV8_c004") == 725);
    CHECK(gt.resolution.at("aerobic_gymnastics/v_crsi07chcV8_c004") == vidata::image_size{720, 1280});
    const auto& tubes = gt.gttubes.at("aerobic_gymnastics/v_crsi07chcV8_c004");
    std::vector<int> labels;
    for (const auto& [label, list] : tubes) {
        labels.push_back(label);
        CHECK(list.size() == 2);
    }
    CHECK(labels == std::vector<int>{9, 10, 11, 14});
    CHECK(tubes.at(10)[0].rows() == 21);
    CHECK(tubes.at(10)[0].row(0) == Eigen::RowVector<double, 5>(288, 562, 361, 656, 600));

    if (vidata::test::python_oracle_available()) {
        const auto r = vidata::test::run_python("tube_cases.py", "summary " + quoted(file));
        INFO(r.output);
        REQUIRE(r.status == 0);
        CHECK(summary(gt) == nlohmann::json::parse(r.output));
    }

    // Its own tubes as detections are perfect under both definitions; dropping one tube of label 9 halves its AP.
    auto perfect = vidata::test::perfect_tubes(gt);
    CHECK(vidata::video_mean_ap(gt, std::span<const vidata::tube_detection>(perfect)).mean_ap_50_95 == 1.0);
    CHECK(vidata::video_mean_ap(gt, std::span<const vidata::tube_detection>(perfect), {}, vidata::multisports_tubes).mean_ap_50_95 == 1.0);
    const auto frames = vidata::test::perfect_frames(gt);
    CHECK(vidata::frame_mean_ap(gt, std::span<const vidata::frame_detection>(frames)).mean_ap == 1.0);
    CHECK(vidata::frame_mean_ap(gt, std::span<const vidata::frame_detection>(frames), {}, vidata::multisports_tubes).mean_ap == 1.0);
    perfect.erase(perfect.begin());  // the first tube of label 9
    const auto r = vidata::video_mean_ap(gt, std::span<const vidata::tube_detection>(perfect));
    // label 9: one TP of two tubes, precision 1 → AP 1/2 (trapezoid: (1/2)(1 + 1)/2). Four classes: (1/2 + 3)/4.
    CHECK(*r.ap[1][9] == 0.5);
    CHECK(r.mean_ap[1] == Approx(3.5 / 4.0).epsilon(1e-15));
}

TEST_CASE("read_tube_ground_truth names the file and what is missing or wrong", "[metrics][tube_inputs]") {
    using vidata::test::message_of;
    vidata::test::temp_dir dir;
    const auto array = [](std::vector<double> values, std::int64_t rows) {
        return value(vidata::ndarray::from_values<double>({rows, static_cast<std::int64_t>(values.size()) / rows}, std::span<const double>(values)));
    };
    const value labels = value::list({"a", "b"});
    const value splits = value::list({value::list({"a/v"})});
    const value tubes = value::dict({{"a/v", value::dict({{1, value::list({array({1, 0, 0, 5, 5}, 1)})}})}});
    const value nframes = value::dict({{"a/v", 10}});
    auto write = [&](const std::string& name, vidata::pickle::dict_items items) {
        vidata::pickle::save_file(dir / name, value::dict(std::move(items)));
        return dir / name;
    };

    const auto good = write("good.pkl", {{"labels", labels}, {"gttubes", tubes}, {"nframes", nframes}, {"test_videos", splits}});
    const auto gt = vidata::read_tube_ground_truth(good);
    CHECK(gt.gttubes.at("a/v").at(1)[0].rows() == 1);
    CHECK(gt.resolution.empty());

    const auto missing = write("missing.pkl", {{"labels", labels}, {"nframes", nframes}, {"test_videos", splits}});
    const std::string m = message_of<vidata::parse_error>([&] { (void)vidata::read_tube_ground_truth(missing); });
    CHECK(m.find("missing.pkl") != std::string::npos);
    CHECK(m.find("expected the key 'gttubes'") != std::string::npos);
    CHECK(m.find("labels, nframes, test_videos") != std::string::npos);  // the keys it does have

    const auto bad_label = write("bad_label.pkl", {{"labels", labels},
                                                   {"gttubes", value::dict({{"a/v", value::dict({{2, value::list({})}})}})},
                                                   {"nframes", nframes},
                                                   {"test_videos", splits}});
    const std::string l = message_of<vidata::parse_error>([&] { (void)vidata::read_tube_ground_truth(bad_label); });
    CHECK(l.find("bad_label.pkl at /gttubes/a/v: expected labels in [0, 2), got '2'") != std::string::npos);

    const auto bad_shape = write("bad_shape.pkl", {{"labels", labels},
                                                   {"gttubes", value::dict({{"a/v", value::dict({{0, value::list({array({1, 0, 0, 5}, 1)})}})}})},
                                                   {"nframes", nframes},
                                                   {"test_videos", splits}});
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::read_tube_ground_truth(bad_shape); })
              .find("at /gttubes/a/v/0/0: expected a 2-D numpy array with 5 columns (frame, x1, y1, x2, y2), got 'an array of shape (1, 4)'") !=
          std::string::npos);

    const auto bad_split = write("bad_split.pkl", {{"labels", labels}, {"gttubes", tubes}, {"nframes", nframes}, {"test_videos", value::list({"a/v"})}});
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::read_tube_ground_truth(bad_split); })
              .find("at /test_videos/0: expected a list of names, got 'str'") != std::string::npos);

    vidata::pickle::save_file(dir / "list.pkl", value::list({}));
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::read_tube_ground_truth(dir / "list.pkl"); })
              .find("expected a dict with labels, gttubes, nframes and test_videos, got 'list'") != std::string::npos);
    CHECK(message_of<vidata::io_error>([&] { (void)vidata::read_tube_ground_truth(dir / "absent.pkl"); }).find("absent.pkl") != std::string::npos);
}

TEST_CASE("parse_frame_detections_csv: names, label names, an optional header, other videos", "[metrics][tube_inputs]") {
    tube_ground_truth gt;
    gt.labels = {"run", "jump"};
    gt.test_videos = {{"run/a", "jump/b"}};
    const std::string text =
        "video,frame,label,score,x1,y1,x2,y2\n"
        "jump/b,3,1,0.5,1,2,3,4\n"
        "zzz/other,1,run,0.25,0,0,1,1\n"
        "run/a,10,jump,nan,5.5,6,7,8.25\n"
        "aaa/other,2,0,1,0,0,1,1\n";
    const auto loaded = vidata::parse_frame_detections_csv(text, "dets.csv", gt, 0);
    REQUIRE(loaded.detections.size() == 4);
    const auto& d = loaded.detections;
    CHECK(d[0] == vidata::frame_detection{1, 3, 1, 0.5, {1, 2, 3, 4}});
    // Videos outside the split follow it, in sorted order: aaa/other is 2, zzz/other 3.
    CHECK(loaded.other_videos == std::vector<std::string>{"aaa/other", "zzz/other"});
    CHECK(d[1].video == 3);
    CHECK(d[1].label == 0);
    CHECK(d[2].video == 0);
    CHECK(d[2].label == 1);
    CHECK(std::isnan(d[2].score));
    CHECK(d[2].box == vidata::box{5.5, 6, 7, 8.25});
    CHECK(d[3].video == 2);
    // Without the header, the same.
    CHECK(vidata::parse_frame_detections_csv(text.substr(text.find('\n') + 1), "dets.csv", gt, 0).detections == d);

    using vidata::test::message_of;
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::parse_frame_detections_csv("run/a,1,walk,0.5,0,0,1,1\n", "d.csv", gt, 0); })
              .find("d.csv:1:9: expected a label: an integer in [0, 2) or a class name of the ground truth, got 'walk'") != std::string::npos);
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::parse_frame_detections_csv("run/a,1,2,0.5,0,0,1,1\n", "d.csv", gt, 0); })
              .find("got '2'") != std::string::npos);
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::parse_frame_detections_csv("run/a,1,0,0.5,0,0,1\n", "d.csv", gt, 0); })
              .find("d.csv:1:1: expected 8 fields video,frame,label,score,x1,y1,x2,y2") != std::string::npos);
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::parse_frame_detections_csv("run/a,1.5,0,0.5,0,0,1,1\n", "d.csv", gt, 0); })
              .find("d.csv:1:7: expected an integer frame number") != std::string::npos);
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::parse_frame_detections_csv("run/a,1,0,0.5,0,inf,1,1\n", "d.csv", gt, 0); })
              .find("expected a finite box corner, got 'inf'") != std::string::npos);
}

TEST_CASE("parse_tube_detections_json: objects with video, label, score and boxes", "[metrics][tube_inputs]") {
    tube_ground_truth gt;
    gt.labels = {"run", "jump"};
    gt.test_videos = {{"run/a", "jump/b"}};
    const std::string text = R"([
      {"video": "jump/b", "label": "jump", "score": 0.75, "boxes": [[4, 1, 2, 3, 4], [5, 1.5, 2, 3, 4, 0.9]]},
      {"video": "elsewhere", "label": 0, "score": 0.5, "boxes": [[1, 0, 0, 1, 1]]}
    ])";
    const auto loaded = vidata::parse_tube_detections_json(text, "tubes.json", gt, 0);
    REQUIRE(loaded.detections.size() == 2);
    vidata::tube expected(2, 5);
    expected << 4, 1, 2, 3, 4, 5, 1.5, 2, 3, 4;
    CHECK(loaded.detections[0] == vidata::tube_detection{1, 1, 0.75, expected});
    CHECK(loaded.detections[1].video == 2);
    CHECK(loaded.other_videos == std::vector<std::string>{"elsewhere"});

    using vidata::test::message_of;
    CHECK(message_of<vidata::parse_error>(
              [&] { (void)vidata::parse_tube_detections_json(R"([{"video": "run/a", "label": 5, "score": 1, "boxes": []}])", "t.json", gt, 0); })
              .find("t.json at /0/label: expected a label") != std::string::npos);
    CHECK(message_of<vidata::parse_error>(
              [&] { (void)vidata::parse_tube_detections_json(R"([{"video": "run/a", "label": 0, "score": 1, "boxes": [[1, 2]]}])", "t.json", gt, 0); })
              .find("t.json at /0/boxes/0: expected a row [frame, x1, y1, x2, y2]") != std::string::npos);
    CHECK(message_of<vidata::parse_error>([&] { (void)vidata::parse_tube_detections_json(R"([{"video": "run/a", "label": 0}])", "t.json", gt, 0); })
              .find("score") != std::string::npos);
}

TEST_CASE("ACT/MOC frame_detections.pkl, MultiSports link_tubes output and MOC tube directories read as Python wrote them",
          "[metrics][tube_inputs][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    REQUIRE(vidata::test::run_python("tube_cases.py", "gt " + quoted(dir.path())).status == 0);
    const auto made = vidata::test::run_python("tube_cases.py", "dets " + quoted(dir.path()));
    INFO(made.output);
    REQUIRE(made.status == 0);
    const auto gt = vidata::read_tube_ground_truth(dir / "gt_p4.pkl");
    const auto expected = nlohmann::json::parse(vidata::test::read_file(dir / "dets_expected.json"));

    for (const char* name : {"frame_detections.pkl", "frame_detections.npy"}) {
        INFO(name);
        const auto loaded = vidata::read_frame_detections(dir / name, gt, 0);
        REQUIRE(loaded.detections.size() == expected["frame_dets"].size());
        CHECK(loaded.other_videos.empty());
        for (std::size_t i = 0; i < loaded.detections.size(); ++i) {
            const auto& row = expected["frame_dets"][i];
            const auto& d = loaded.detections[i];
            CHECK(d == vidata::frame_detection{row[0].get<std::int64_t>(), row[1].get<std::int64_t>(), row[2].get<int>(), row[3].get<double>(),
                                               {row[4].get<double>(), row[5].get<double>(), row[6].get<double>(), row[7].get<double>()}});
        }
        CHECK(loaded.detections.back().video == 2);  // beyond the split's two videos: a false positive
    }

    std::vector<vidata::tube_detection> want;
    for (const auto& t : expected["tubes"]) {
        vidata::tube boxes(static_cast<Eigen::Index>(t["boxes"].size()), 5);
        for (std::size_t i = 0; i < t["boxes"].size(); ++i)
            for (std::size_t c = 0; c < 5; ++c) boxes(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = t["boxes"][i][c].get<double>();
        want.push_back({t["video"].get<std::int64_t>(), t["label"].get<int>(), t["score"].get<double>(), boxes});
    }
    const auto by_key = [](const vidata::tube_detection& a, const vidata::tube_detection& b) { return key_of(a) < key_of(b); };
    std::sort(want.begin(), want.end(), by_key);
    for (const auto& path : {dir / "link_tubes.pkl", dir / "moc"}) {
        INFO(path);
        auto got = vidata::read_tube_detections(path, gt, 0).detections;
        std::sort(got.begin(), got.end(), by_key);
        CHECK(got == want);
    }
    // The MOC layout needs a file per evaluated video (ACT stops on a missing one).
    CHECK(vidata::test::message_of<vidata::io_error>([&] { (void)vidata::read_tube_detections(dir / "moc", gt, 1); })
              .find("_tubes.pkl: missing") != std::string::npos);
}
