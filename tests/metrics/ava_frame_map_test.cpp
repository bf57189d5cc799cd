// SPDX-License-Identifier: Apache-2.0
// ava_frame_map: MMAction2's published values, hand-computed cases for every rule and policy, the Python/numpy
// definitions on generated cases, and invariances.
#include <vidata/metrics/ava_frame_map.hpp>

#include "metrics/oracle.hpp"
#include "ava_cases.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using vidata::ava_csv_kind;
using vidata::ava_frame_map_result;
using vidata::test::shell_quote;

using vidata::test::label_map_of;

/// MMAction2's ava_eval(verbose=False): the exclusions file is read and then ignored.
struct quiet_mmaction2_policy : vidata::mmaction2_metrics_policy {
    static constexpr bool ava_honour_exclusions = false;
};

template <class P = vidata::official_metrics_policy>
ava_frame_map_result evaluate(const std::string& gt, const std::string& pred, const vidata::ava_label_map& labels,
                              const std::string& exclusions = {}, P policy = {}) {
    const auto g = vidata::parse_ava_csv(gt, "gt.csv", labels, ava_csv_kind::ground_truth, policy);
    const auto d = vidata::parse_ava_csv(pred, "pred.csv", labels, ava_csv_kind::detections, policy);
    if (exclusions.empty()) return vidata::ava_frame_map(g, d, labels, nullptr, policy);
    const auto e = vidata::parse_ava_exclusions(exclusions, "excluded.csv", policy);
    return vidata::ava_frame_map(g, d, labels, e, policy);
}

ava_frame_map_result evaluate_mm(const std::string& gt, const std::string& pred, const vidata::ava_label_map& labels,
                                 const std::string& exclusions = {}) {
    return evaluate(gt, pred, labels, exclusions, vidata::mmaction2_metrics);
}

std::string fmt3(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

/// The rows MMAction2's results2csv writes for per-frame, per-class arrays of [x1, y1, x2, y2, score]:
/// "video,timestamp,x1,y1,x2,y2,label,score" with floats as '%.3f' and label = custom_classes[k + 1] or k + 1.
std::string results2csv(const std::vector<std::pair<std::string, int>>& frames,
                        const std::vector<std::vector<std::vector<std::array<double, 5>>>>& results,
                        const std::vector<int>& custom_classes) {
    std::string out;
    for (std::size_t i = 0; i < frames.size(); ++i)
        for (std::size_t k = 0; k < results[i].size(); ++k)
            for (const auto& b : results[i][k]) {
                const int label = custom_classes.empty() ? static_cast<int>(k) + 1 : custom_classes[k + 1];
                out += frames[i].first + "," + std::to_string(frames[i].second) + "," + fmt3(b[0]) + "," + fmt3(b[1]) + "," +
                       fmt3(b[2]) + "," + fmt3(b[3]) + "," + std::to_string(label) + "," + fmt3(b[4]) + "\n";
            }
    return out;
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

TEST_CASE("ava_frame_map: MMAction2's published value on its eval_detection fixture", "[metrics][ava_frame_map][fixtures]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const auto dir = *root / "mmaction2/eval_detection";
    const vidata::ava_files files{dir / "gt.csv", dir / "pred.csv", dir / "action_list.txt", std::nullopt};
    // tests/test_metrics/test_accuracy.py::test_ava_detection (0.x) and tests/evaluation/functional/
    // test_accuracy.py::test_ava_detection (1.x): ava_eval(pred.csv, 'mAP', action_list.txt, gt.csv, None)
    // -> 0.09385522 (asserted to 6 decimals there; 8 are published).
    const auto mm = vidata::ava_frame_map(files, vidata::mmaction2_metrics);
    CHECK(std::abs(mm.mean_ap - 0.09385522) < 5e-9);
    CHECK(mm.metric == "mAP@0.5IOU");
    // No frame holds more than 50 detections and every detection frame has ground truth: the official
    // toolkit gives the same number.
    const auto official = vidata::ava_frame_map(files);
    CHECK(official.mean_ap == mm.mean_ap);
    CHECK(official.metric == "PascalBoxes_Precision/mAP@0.5IOU");
    REQUIRE(mm.per_class.size() == 3);
    CHECK(mm.per_class[1].average_precision == 0.0);
    CHECK(mm.per_class[0].ground_truth == 4);
    CHECK(mm.per_class[0].detections == 12);
    CHECK(mm.ground_truth_frames == 3);
    CHECK(mm.detection_frames == 3);
    const auto j = mm.to_json();
    CHECK(j.at("mAP@0.5IoU").get<double>() == mm.mean_ap);
    CHECK(j.at("per_class").size() == 3);
}

TEST_CASE("ava_frame_map: MMAction2's published AVADataset.evaluate values (custom classes included)",
          "[metrics][ava_frame_map][fixtures]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const auto dir = *root / "mmaction2/eval_detection";
    const std::string gt = vidata::test::read_file(dir / "gt.csv");
    const auto labels = vidata::read_ava_label_map(dir / "action_list.txt");
    // tests/test_data/test_datasets/test_ava_dataset.py::test_ava_evaluate (0.x): the dataset's frames are
    // gt.csv's keys in order; its fake results go through results2csv, then ava_eval.
    const std::vector<std::pair<std::string, int>> frames{{"3reY9zJKhqN", 1774}, {"HmR8SmNIoxu", 1384}, {"5HNXoce1raG", 1097}};
    const std::vector<std::vector<std::vector<std::array<double, 5>>>> all_classes{
        {{{0.362, 0.156, 0.969, 0.666, 0.106}, {0.442, 0.083, 0.721, 0.947, 0.162}},
         {{0.288, 0.365, 0.766, 0.551, 0.706}, {0.178, 0.296, 0.707, 0.995, 0.223}},
         {{0.417, 0.167, 0.843, 0.939, 0.015}, {0.35, 0.421, 0.57, 0.689, 0.427}}},
        {{{0.256, 0.338, 0.726, 0.799, 0.563}, {0.071, 0.256, 0.64, 0.75, 0.297}},
         {{0.326, 0.036, 0.513, 0.991, 0.405}, {0.351, 0.035, 0.729, 0.936, 0.945}},
         {{0.051, 0.005, 0.975, 0.942, 0.424}, {0.347, 0.05, 0.97, 0.944, 0.396}}},
        {{{0.39, 0.087, 0.833, 0.616, 0.447}, {0.461, 0.212, 0.627, 0.527, 0.036}},
         {{0.022, 0.394, 0.93, 0.527, 0.109}, {0.208, 0.462, 0.874, 0.948, 0.954}},
         {{0.206, 0.456, 0.564, 0.725, 0.685}, {0.106, 0.445, 0.782, 0.673, 0.367}}}};
    const auto all = evaluate_mm(gt, results2csv(frames, all_classes, {}), labels);
    CHECK(std::abs(all.mean_ap - 0.027777778) < 5e-9);

    // custom_classes=[1, 3]: the results hold classes 1 and 3 only, and ava_eval keeps those categories.
    const std::vector<std::vector<std::vector<std::array<double, 5>>>> custom{
        {{{0.362, 0.156, 0.969, 0.666, 0.106}, {0.442, 0.083, 0.721, 0.947, 0.162}},
         {{0.417, 0.167, 0.843, 0.939, 0.015}, {0.35, 0.421, 0.57, 0.689, 0.427}}},
        {{{0.256, 0.338, 0.726, 0.799, 0.563}, {0.071, 0.256, 0.64, 0.75, 0.297}},
         {{0.051, 0.005, 0.975, 0.942, 0.424}, {0.347, 0.05, 0.97, 0.944, 0.396}}},
        {{{0.39, 0.087, 0.833, 0.616, 0.447}, {0.461, 0.212, 0.627, 0.527, 0.036}},
         {{0.206, 0.456, 0.564, 0.725, 0.685}, {0.106, 0.445, 0.782, 0.673, 0.367}}}};
    vidata::ava_label_map subset;
    for (const auto& c : labels.categories)
        if (c.id == 1 || c.id == 3) subset.categories.push_back(c);
    const auto part = evaluate_mm(gt, results2csv(frames, custom, {0, 1, 3}), subset);
    CHECK(std::abs(part.mean_ap - 0.04166667) < 5e-9);
    CHECK(part.per_class.size() == 2);
}

TEST_CASE("ava_frame_map: a detection takes its best ground truth or nothing (no second best)", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1});
    // A = [0,1]x[0,1], B = [0.5,1.5]x[0,1]. d2 overlaps A by 2/3 and B by 0.7/1.3 > 0.5, but A is its argmax
    // and already taken by d1: a false positive. TP, FP of 2 boxes: AP = 1/2.
    const std::string gt = "v,0902,0,0,1,1,1\nv,0902,0.5,0,1.5,1,1\n";
    const std::string pred = "v,0902,0,0,1,1,1,0.9\nv,0902,0.2,0,1.2,1,1,0.8\n";
    const auto r = evaluate(gt, pred, labels);
    CHECK(r.mean_ap == 0.5);
    CHECK(r.per_class.at(0).true_positives == 1);
    CHECK(evaluate_mm(gt, pred, labels).mean_ap == 0.5);

    // Two identical ground-truth boxes: equal IoUs, np.argmax takes the first; the second detection finds it
    // taken and does not move on to the free duplicate.
    const auto dup = evaluate("v,0902,0,0,1,1,1\nv,0902,0,0,1,1,1\n", "v,0902,0,0,1,1,1,0.9\nv,0902,0,0,1,1,1,0.8\n", labels);
    CHECK(dup.mean_ap == 0.5);
    // IoU exactly 0.5 is a match (>=): [0,1]x[0,1] against [0,2]x[0,1].
    CHECK(evaluate("v,0902,0,0,1,1,1\n", "v,0902,0,0,2,1,1,0.9\n", labels).mean_ap == 1.0);
    CHECK(evaluate("v,0902,0,0,1,1,1\n", "v,0902,0,0,2.001,1,1,0.9\n", labels).mean_ap == 0.0);
}

TEST_CASE("ava_frame_map: tied scores are ranked by numpy's argsort, reversed", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1});
    const std::string gt = "a,0902,0,0,1,1,1\nb,0902,0,0,1,1,1\n";
    // Equal scores on two frames: a false positive on frame a, a true positive on frame b. Concatenated
    // [FP, TP]; np.argsort([s, s]) = [0, 1], reversed: the TP ranks first. AP = 1/2 * 1.
    const auto fp_first = evaluate(gt, "a,0902,5,5,6,6,1,0.5\nb,0902,0,0,1,1,1,0.5\n", labels);
    CHECK(fp_first.mean_ap == 0.5);
    // The frames in the other order: [TP, FP] reversed puts the FP first: precision 0 then 1/2 at recall 1/2.
    const auto tp_first = evaluate(gt, "b,0902,0,0,1,1,1,0.5\na,0902,5,5,6,6,1,0.5\n", labels);
    CHECK(tp_first.mean_ap == 0.25);
}

TEST_CASE("ava_frame_map: classes without ground truth are NaN and left out of the mean", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1, 2, 4});
    const auto r = evaluate("v,0902,0,0,1,1,1\n", "v,0902,0,0,1,1,1,0.9\nv,0902,0,0,1,1,2,0.8\n", labels);
    CHECK(r.mean_ap == 1.0);
    REQUIRE(r.per_class.size() == 3);  // ids 1, 2, 4 (3 is not in the map)
    CHECK(r.per_class[1].id == 2);
    CHECK(std::isnan(r.per_class[1].average_precision));
    CHECK(r.per_class[1].detections == 1);
    CHECK(std::isnan(r.per_class[2].average_precision));
    CHECK(r.to_json()["per_class"]["class 2"].is_number());  // NaN stays a number in the json value; dump prints null
    CHECK(r.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).find("null") != std::string::npos);
    // No ground truth at all: every AP is NaN, and so is their nanmean.
    CHECK(std::isnan(evaluate("", "v,0902,0,0,1,1,1,0.9\n", labels, {}, vidata::mmaction2_metrics).mean_ap));
    // A class with ground truth and no detection: AP 0.
    const auto missed = evaluate("v,0902,0,0,1,1,1\nv,0902,0,0,1,1,2\n", "v,0902,0,0,1,1,1,0.9\n", labels);
    CHECK(missed.mean_ap == 0.5);
}

TEST_CASE("ava_frame_map: degenerate boxes", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1});
    // A zero-area ground-truth box counts as a positive that nothing can match; detections with x1 >= x2 or
    // y1 >= y2 are dropped before matching (even with the highest score).
    const std::string gt = "v,0902,0,0,1,1,1\nv,0902,0.5,0.5,0.5,0.9,1\n";
    const std::string pred = "v,0902,0,0,1,1,1,0.9\nv,0902,0.6,0,0.2,1,1,0.95\nv,0902,0.5,0.5,0.5,0.9,1,0.99\nv,0902,0,nan,1,1,1,0.97\n";
    const auto r = evaluate(gt, pred, labels);
    CHECK(r.mean_ap == 0.5);
    CHECK(r.invalid_detections == 3);
    CHECK(r.per_class[0].ground_truth == 2);
    CHECK(r.per_class[0].detections == 1);
    // An inverted ground-truth box on a frame with a detection of its class: the reference's BoxList raises.
    CHECK_THROWS_WITH(evaluate("v,0902,0,0,1,1,1\nv,0902,0.9,0,0.1,1,1\n", "v,0902,0,0,1,1,1,0.9\n", labels),
                      Catch::StartsWith("[vidata.parse_error] gt.csv:2: expected a ground-truth box with x1 <= x2"));
    // Without such a detection the reference evaluates, counting the box as a positive.
    CHECK(evaluate("v,0902,0,0,1,1,1\nw,0902,0.9,0,0.1,1,1\n", "v,0902,0,0,1,1,1,0.9\n", labels).mean_ap == 0.5);
}

TEST_CASE("ava_frame_map: where the official toolkit and MMAction2 differ", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1});
    SECTION("detections on frames absent from the ground truth: ignored vs false positives") {
        const std::string pred = "v,0902,0,0,1,1,1,0.9\nu,0904,0,0,1,1,1,0.95\n";
        const auto official = evaluate("v,0902,0,0,1,1,1\n", pred, labels);
        CHECK(official.mean_ap == 1.0);
        CHECK(official.ignored_frames == 1);
        CHECK(official.detection_frames == 1);
        const auto mm = evaluate_mm("v,0902,0,0,1,1,1\n", pred, labels);
        CHECK(mm.mean_ap == 0.5);  // FP then TP
        CHECK(mm.ignored_frames == 0);
    }
    SECTION("a two-column ground-truth row names a frame without boxes: its detections count (official)") {
        const auto official = evaluate("v,0902,0,0,1,1,1\nw,0903\n", "v,0902,0,0,1,1,1,0.9\nw,0903,0,0,1,1,1,0.95\n", labels);
        CHECK(official.mean_ap == 0.5);
        CHECK(official.ignored_frames == 0);
        CHECK_THROWS_AS(evaluate_mm("v,0902,0,0,1,1,1\nw,0903\n", "v,0902,0,0,1,1,1,0.9\n", labels), vidata::parse_error);
    }
    SECTION("at most 50 detections per frame, the highest scores (official)") {
        std::string pred;
        for (int i = 0; i < 59; ++i) pred += "v,0902,5,5,6,6,1," + std::to_string(0.5 + i * 0.005) + "\n";
        pred += "v,0902,0,0,1,1,1,0.3\n";  // the only true positive, ranked 60th
        const std::string gt = "v,0902,0,0,1,1,1\n";
        CHECK(evaluate(gt, pred, labels).mean_ap == 0.0);
        CHECK(evaluate(gt, pred, labels).per_class[0].detections == 50);
        CHECK(evaluate_mm(gt, pred, labels).mean_ap == 1.0 / 60.0);
    }
    SECTION("timestamps: one frame for 0902, 902 and 902.0 (official); MMAction2 keys int(ts) with %04d") {
        const auto official = evaluate("v,0902,0,0,1,1,1\n", "v,902.0,0,0,1,1,1,0.9\n", labels);
        CHECK(official.mean_ap == 1.0);
        CHECK(evaluate_mm("v,0902,0,0,1,1,1\n", "v,902,0,0,1,1,1,0.9\n", labels).mean_ap == 1.0);
        CHECK_THROWS_AS(evaluate_mm("v,0902,0,0,1,1,1\n", "v,902.0,0,0,1,1,1,0.9\n", labels), vidata::parse_error);
        // AVA-Kinetics' fractional seconds are distinct frames under the official keys.
        CHECK(evaluate("v,5.016949,0,0,1,1,1\n", "v,5.016950,0,0,1,1,1,0.9\n", labels).mean_ap == 0.0);
    }
}

TEST_CASE("ava_frame_map: excluded timestamps leave both files", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1});
    const std::string gt = "a,0902,0,0,1,1,1\nb,0902,0,0,1,1,1\n";
    const std::string pred = "a,0902,0,0,1,1,1,0.9\nb,0902,5,5,6,6,1,0.95\n";
    CHECK(evaluate(gt, pred, labels).mean_ap == 0.25);
    const auto r = evaluate(gt, pred, labels, "b,902\n");  // "902" and "0902" name one frame under both policies
    CHECK(r.mean_ap == 1.0);
    CHECK(r.excluded_frames == 2);
    CHECK(evaluate_mm(gt, pred, labels, "b,0902\n").mean_ap == 1.0);
    // MMAction2 honours them only with verbose=True; a policy that reproduces verbose=False ignores them.
    CHECK(evaluate(gt, pred, labels, "b,0902\n", quiet_mmaction2_policy{}).mean_ap == 0.25);
}

TEST_CASE("ava_frame_map: invalid inputs", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1});
    const auto g = vidata::parse_ava_csv("v,0902,0,0,1,1,1\n", "gt.csv", labels, ava_csv_kind::ground_truth);
    const auto d = vidata::parse_ava_csv("v,0902,0,0,1,1,1,1\n", "pred.csv", labels, ava_csv_kind::detections);
    CHECK_THROWS_WITH(vidata::ava_frame_map(g, d, vidata::ava_label_map{}), Catch::Contains("lists no class"));
    CHECK_THROWS_WITH(vidata::ava_frame_map(g, d, label_map_of({0, 1})), Catch::Contains("1-indexed"));
    CHECK_THROWS_WITH(vidata::ava_frame_map(d, g, labels), Catch::Contains("ava_csv_kind::ground_truth"));
    const auto d_mm = vidata::parse_ava_csv("v,0902,0,0,1,1,1,1\n", "pred.csv", labels, ava_csv_kind::detections,
                                            vidata::mmaction2_metrics);
    CHECK_THROWS_WITH(vidata::ava_frame_map(g, d_mm, labels), Catch::Contains("same policy"));
    const auto wide = vidata::parse_ava_csv("v,0902,0,0,1,1,7,1\n", "pred.csv", label_map_of({7}), ava_csv_kind::detections);
    CHECK_THROWS_WITH(vidata::ava_frame_map(g, wide, labels), Catch::Contains("pred.csv:1 has action id 7"));
    CHECK_THROWS_AS(vidata::ava_frame_map(vidata::ava_files{"/nonexistent/gt.csv", "/nonexistent/p.csv", "/nonexistent/m.pbtxt", {}}),
                    vidata::io_error);
}

namespace {

/// A generated AVA evaluation with every edge the references handle: frames interleaved, tied scores and
/// boxes, duplicated and zero-area ground truth, person ids (8 columns) or none (7), classes outside the map,
/// a label map with an id listed twice and ids missing, degenerate detections, frames past the cap,
/// detections on frames without ground truth, two-column rows (official), NaN and inf scores in small
/// frames, excluded frames. `distinct` draws continuous scores and boxes instead (no ties).
struct generated_case {
    std::string labels, gt, pred, exclusions;
};

std::string num(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

generated_case generate(std::uint64_t seed, bool official, bool distinct) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    auto coarse = [&] { return static_cast<double>(rng() % 21) / 20.0; };
    auto coord = [&] { return distinct ? u(rng) : coarse(); };
    generated_case c;
    c.labels = "item {\n  name: \"one\"\n  id: 1\n}\nitem {\n  name: \"two\"\n  id: 2\n}\nitem {\n  name: \"three\"\n  id: 3\n}\n"
               "item {\n  name: \"five\"\n  id: 5\n}\nitem {\n  name: \"five again\"\n  id: 5\n}\nitem {\n  name: \"seven\"\n  id: 7\n}\n";
    const int classes[] = {1, 2, 3, 5, 7, 9};  // 9 is not in the map; no row ever has class 7
    const bool person_ids = seed % 3 != 0;
    std::vector<std::string> gt_rows, pred_rows;
    std::vector<std::string> frame_names;
    for (int v = 0; v < 5; ++v)
        for (int t = 0; t < 4; ++t) {
            const std::string video = "vid" + std::to_string(v);
            const int seconds = 902 + t;
            const std::string ts = (rng() % 4 == 0 ? "" : "0") + std::to_string(seconds);
            frame_names.push_back(video + "," + ts);
            const bool has_gt = v != 4;  // vid4 has detections only
            struct person { double x1, y1, x2, y2; int action; };
            std::vector<person> people;
            if (has_gt) {
                const int n = static_cast<int>(rng() % 5);
                for (int p = 0; p < n; ++p) {
                    double x1 = coord(), y1 = coord();
                    double x2 = std::min(1.0, x1 + 0.1 + coord() * 0.5), y2 = std::min(1.0, y1 + 0.1 + coord() * 0.5);
                    if (!distinct && rng() % 12 == 0) x2 = x1;  // zero width
                    const int actions = 1 + static_cast<int>(rng() % 3);
                    for (int a = 0; a < actions; ++a) {
                        const int action = classes[rng() % 6 == 5 ? 5 : rng() % 4];
                        people.push_back({x1, y1, x2, y2, action});
                        std::string row = video + "," + ts + "," + num(x1) + "," + num(y1) + "," + num(x2) + "," + num(y2) +
                                          "," + std::to_string(action);
                        if (person_ids) row += "," + std::to_string(distinct ? p * 7 + a : p);
                        gt_rows.push_back(row);
                        if (!distinct && rng() % 10 == 0) gt_rows.push_back(row);  // a duplicated box
                    }
                }
                if (official && n == 0 && rng() % 2 == 0) gt_rows.push_back(video + "," + ts);  // an empty frame
            }
            // Detections: jittered copies of the people (right or wrong class) and random boxes.
            const int extra = rng() % 6 == 0 ? 60 : static_cast<int>(rng() % 8);
            const bool special = !distinct && extra < 20 && rng() % 4 == 0;
            int k = 0;
            auto add = [&](double x1, double y1, double x2, double y2, int action) {
                double s = distinct ? u(rng) : static_cast<double>(rng() % 11) / 10.0;
                if (special && k % 5 == 2) s = std::nan("");
                if (special && k % 7 == 4) s = std::numeric_limits<double>::infinity();
                ++k;
                pred_rows.push_back(video + "," + ts + "," + num(x1) + "," + num(y1) + "," + num(x2) + "," + num(y2) + "," +
                                    std::to_string(action) + "," + num(s));
            };
            for (const person& p : people) {
                const double j = distinct ? u(rng) * 0.1 : static_cast<double>(rng() % 3) / 20.0;
                add(p.x1 + j, p.y1, p.x2 + j, p.y2, rng() % 4 == 0 ? classes[rng() % 5] : p.action);
                if (rng() % 3 == 0) add(p.x1, p.y1 + j, p.x2, p.y2, p.action);
            }
            for (int e = 0; e < extra; ++e) {
                const double x1 = coord(), y1 = coord();
                double x2 = x1 + coord() * 0.6, y2 = y1 + coord() * 0.6;
                if (!distinct && rng() % 10 == 0) x2 = x1 - 0.1;  // degenerate
                add(x1, y1, x2, y2, classes[rng() % 6]);
            }
        }
    // Interleave: rows go out in two passes over a shuffled split, so frames are not contiguous.
    auto interleave = [&](std::vector<std::string>& rows) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < rows.size(); i += 2) out.push_back(rows[i]);
        for (std::size_t i = 1; i < rows.size(); i += 2) out.push_back(rows[i]);
        rows.swap(out);
    };
    if (rng() % 2 == 0) interleave(gt_rows);
    interleave(pred_rows);
    for (const auto& r : gt_rows) c.gt += r + "\n";
    for (const auto& r : pred_rows) c.pred += r + "\n";
    if (seed % 2 == 0) c.exclusions = frame_names[rng() % frame_names.size()] + "\n" + frame_names.back() + "\n";
    return c;
}

struct expected_result {
    double mean = 0.0;
    std::vector<std::array<double, 4>> per_class;  // id, ap, num_gt, num_det
    bool error = false;
};

expected_result python_evaluate(const std::string& policy, const vidata::test::temp_dir& dir, bool with_exclusions) {
    std::string args = "eval " + policy + " " + shell_quote((dir / "labels.pbtxt").string()) + " " +
                       shell_quote((dir / "gt.csv").string()) + " " + shell_quote((dir / "pred.csv").string());
    if (with_exclusions) args += " " + shell_quote((dir / "excluded.csv").string());
    const auto r = vidata::test::run_python("ava_reference.py", args);
    INFO(r.output);
    REQUIRE(r.status == 0);
    expected_result e;
    if (r.output.rfind("error", 0) == 0) {
        e.error = true;
        return e;
    }
    std::istringstream in(r.output);
    std::string line;
    std::getline(in, line);
    e.mean = vidata::test::parse_numbers(line).at(0);
    while (std::getline(in, line)) {
        const auto v = vidata::test::parse_numbers(line);
        REQUIRE(v.size() == 4);
        e.per_class.push_back({v[0], v[1], v[2], v[3]});
    }
    return e;
}

template <class P>
void check_case(const generated_case& c, const std::string& policy_name, P policy) {
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "labels.pbtxt", c.labels);
    vidata::test::write_file(dir / "gt.csv", c.gt);
    vidata::test::write_file(dir / "pred.csv", c.pred);
    vidata::test::write_file(dir / "excluded.csv", c.exclusions);
    const bool with_exclusions = !c.exclusions.empty();
    const auto want = python_evaluate(policy_name, dir, with_exclusions);
    REQUIRE_FALSE(want.error);
    vidata::ava_files files{dir / "gt.csv", dir / "pred.csv", dir / "labels.pbtxt", std::nullopt};
    if (with_exclusions) files.exclusions = dir / "excluded.csv";
    const auto got = vidata::ava_frame_map(files, policy);
    CHECK(vidata::test::close(got.mean_ap, want.mean));
    REQUIRE(got.per_class.size() == want.per_class.size());
    for (std::size_t i = 0; i < got.per_class.size(); ++i) {
        INFO("class " << got.per_class[i].id);
        CHECK(static_cast<double>(got.per_class[i].id) == want.per_class[i][0]);
        CHECK(vidata::test::close(got.per_class[i].average_precision, want.per_class[i][1]));
        CHECK(static_cast<double>(got.per_class[i].ground_truth) == want.per_class[i][2]);
        CHECK(static_cast<double>(got.per_class[i].detections) == want.per_class[i][3]);
    }
}

}  // namespace

TEST_CASE("ava_frame_map: the Python/numpy definitions on generated cases, official policy",
          "[metrics][ava_frame_map][python]") {
    if (!vidata::test::python_oracle_available()) return;
    for (std::uint64_t seed = 1; seed <= 16; ++seed) {
        INFO("seed " << seed);
        check_case(generate(seed, true, seed % 4 == 0), "official", vidata::official_metrics);
    }
}

TEST_CASE("ava_frame_map: the Python/numpy definitions on generated cases, mmaction2 policy",
          "[metrics][ava_frame_map][python]") {
    if (!vidata::test::python_oracle_available()) return;
    for (std::uint64_t seed = 101; seed <= 116; ++seed) {
        INFO("seed " << seed);
        check_case(generate(seed, false, seed % 4 == 0), "mmaction2", vidata::mmaction2_metrics);
    }
}

TEST_CASE("ava_frame_map: without ties, the order of rows and of frames does not matter", "[metrics][ava_frame_map]") {
    const auto labels = vidata::parse_ava_label_map(generate(1, true, true).labels);
    for (std::uint64_t seed = 200; seed < 206; ++seed) {
        const auto c = generate(seed, seed % 2 == 0, true);
        auto shuffled = [&](const std::string& text, std::uint64_t s) {
            std::vector<std::string> rows;
            std::istringstream in(text);
            for (std::string line; std::getline(in, line);) rows.push_back(line);
            std::mt19937_64 rng(s);
            std::shuffle(rows.begin(), rows.end(), rng);
            std::string out;
            for (const auto& r : rows) out += r + "\n";
            return out;
        };
        if (seed % 2 == 0) {
            const auto base = evaluate(c.gt, c.pred, labels, c.exclusions);
            const auto moved = evaluate(shuffled(c.gt, seed), shuffled(c.pred, seed + 1), labels, c.exclusions);
            CHECK(base.mean_ap == moved.mean_ap);
            for (std::size_t i = 0; i < base.per_class.size(); ++i)
                CHECK(same(base.per_class[i].average_precision, moved.per_class[i].average_precision));
        } else {
            const auto base = evaluate_mm(c.gt, c.pred, labels, c.exclusions);
            const auto moved = evaluate_mm(shuffled(c.gt, seed), shuffled(c.pred, seed + 1), labels, c.exclusions);
            CHECK(base.mean_ap == moved.mean_ap);
        }
        // The label map's order does not matter either.
        vidata::ava_label_map reversed = labels;
        std::reverse(reversed.categories.begin(), reversed.categories.end());
        if (seed % 2 == 0) {
            CHECK(evaluate(c.gt, c.pred, labels, c.exclusions).mean_ap == evaluate(c.gt, c.pred, reversed, c.exclusions).mean_ap);
        } else {
            CHECK(evaluate_mm(c.gt, c.pred, labels, c.exclusions).mean_ap ==
                  evaluate_mm(c.gt, c.pred, reversed, c.exclusions).mean_ap);
        }
    }
}

TEST_CASE("ava_frame_map: a strictly increasing transform of the scores changes nothing, ties included",
          "[metrics][ava_frame_map]") {
    const auto labels = vidata::parse_ava_label_map(generate(1, true, false).labels);
    for (std::uint64_t seed = 300; seed < 306; ++seed) {
        auto c = generate(seed, seed % 2 == 0, seed % 3 == 0);
        // Rewrite the 8th field s as s*s*s + 3 (strictly increasing on [0, 1]; NaN and inf stay what they are).
        std::string moved;
        std::istringstream in(c.pred);
        for (std::string line; std::getline(in, line);) {
            const auto comma = line.rfind(',');
            const double s = std::strtod(line.c_str() + comma + 1, nullptr);
            moved += line.substr(0, comma + 1) + num(std::isfinite(s) ? s * s * s + 3.0 : s) + "\n";
        }
        if (seed % 2 == 0) {
            CHECK(evaluate(c.gt, c.pred, labels, c.exclusions).mean_ap == evaluate(c.gt, moved, labels, c.exclusions).mean_ap);
        } else {
            CHECK(evaluate_mm(c.gt, c.pred, labels, c.exclusions).mean_ap ==
                  evaluate_mm(c.gt, moved, labels, c.exclusions).mean_ap);
        }
    }
}

TEST_CASE("ava_frame_map: the metric concept", "[metrics][ava_frame_map]") {
    const auto labels = label_map_of({1});
    const vidata::ava_frame_map_metric<> metric{labels};
    const auto g = vidata::parse_ava_csv("v,0902,0,0,1,1,1\n", "gt.csv", labels, ava_csv_kind::ground_truth);
    const auto d = vidata::parse_ava_csv("v,0902,0,0,1,1,1,1\n", "pred.csv", labels, ava_csv_kind::detections);
    CHECK(metric(d, g).mean_ap == 1.0);
    CHECK(metric(d, g).to_json()["mAP@0.5IoU"] == 1.0);
}
