// SPDX-License-Identifier: Apache-2.0
// Temporal detection mAP: MMAction2's published values, hand-computed cases, each policy difference and edge case,
// properties, and the numpy reference on generated and real predictions.
#include "oracle.hpp"
#include "temporal_cases.hpp"

#include <vidata/core/temporal_record.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/metrics/temporal_detection.hpp>
#include <vidata/metrics/temporal_results.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using vidata::temporal_record;
using vidata::temporal_results;

struct labelled {
    double start, end;
    std::string label;
};

temporal_record video(std::string id, std::vector<labelled> segments) {
    temporal_record r;
    r.id = std::move(id);
    for (const auto& s : segments) r.annotations.push_back({s.start, s.end, s.label, -1});
    return r;
}

struct prediction {
    double start, end, score;
    std::string label;
};

void add(temporal_results& results, const std::string& id, const std::vector<prediction>& predictions) {
    auto& v = results.add_video(id);
    for (const auto& p : predictions) v.segments.push_back({p.start, p.end, p.score, results.label_index(p.label)});
}

template <class P>
void check_against_reference(const vidata::test::temporal_case& c, const std::string& policy, const std::string& label,
                             std::vector<double> thresholds = vidata::activitynet_tiou_thresholds(),
                             const std::string& subset = "validation") {
    vidata::test::temp_dir dir;
    const nlohmann::json expected = vidata::test::anet_reference(
        "tdet", dir, c.gt, c.results, {{"policy", policy}, {"thresholds", thresholds}, {"subset", subset}});
    const auto gt = vidata::read_activitynet_ground_truth(dir / "gt.json", {subset});
    const auto predictions = vidata::read_temporal_results(dir / "results.json");
    vidata::temporal_detection_options options;
    options.tiou_thresholds = thresholds;
    INFO(label << " (" << policy << ")");
    if (expected.contains("error")) {
        INFO("the reference failed with " << expected["error"]);
        CHECK_THROWS_AS(vidata::temporal_detection_map(gt.videos, predictions, options, P{}), vidata::invalid_argument);
        return;
    }
    const auto got = vidata::temporal_detection_map(gt.videos, predictions, options, P{});
    REQUIRE(got.labels == expected["labels"].get<std::vector<std::string>>());
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        for (std::size_t k = 0; k < got.labels.size(); ++k) {
            INFO("threshold " << thresholds[t] << ", class " << got.labels[k]);
            CHECK(got.ap[t][k] == expected["ap"][t][k].get<double>());  // bit for bit
        }
        CHECK(got.mean_ap[t] == expected["mAP"][t].get<double>());
    }
    CHECK(got.average_mean_ap == expected["average_mAP"].get<double>());
    const auto per_class = got.class_average_ap();
    for (std::size_t k = 0; k < per_class.size(); ++k)
        CHECK(vidata::test::close(per_class[k], expected["per_class"][k].get<double>()));
}

// Scores replaced by their rank among the distinct scores: strictly increasing, ties kept.
temporal_results ranked_scores(temporal_results r) {
    std::set<double> distinct;
    for (const auto& v : r.videos)
        for (const auto& s : v.segments) distinct.insert(s.score);
    const std::vector<double> order(distinct.begin(), distinct.end());
    for (auto& v : r.videos)
        for (auto& s : v.segments)
            s.score = static_cast<double>(std::lower_bound(order.begin(), order.end(), s.score) - order.begin()) * 3.0 - 7.0;
    return r;
}

}  // namespace

TEST_CASE("interpolated_precision_recall: VOC 2011 all-points AP", "[metrics][temporal_detection]") {
    // mprec [0, 1, .5, 2/3, 0] -> [1, 1, 2/3, 2/3, 0]; mrec [0, .5, .5, 1, 1] changes at 1 and 3.
    const std::array precision{1.0, 0.5, 2.0 / 3.0}, recall{0.5, 0.5, 1.0};
    CHECK(vidata::interpolated_precision_recall(precision, recall) == 0.5 * 1.0 + 0.5 * (2.0 / 3.0));
    const std::array p1{0.0, 0.5}, r1{0.0, 1.0};
    CHECK(vidata::interpolated_precision_recall(p1, r1) == 0.5);
    CHECK(vidata::interpolated_precision_recall({}, {}) == 0.0);
}

TEST_CASE("temporal_detection: MMAction2's published values on its eval_localization fixture", "[metrics][temporal_detection][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // mmaction2 tests/test_metrics/test_accuracy.py, test_activitynet_detection (data tests/data/eval_localization,
    // i.e. test_eval_detection/gt.json and test_eval_localization/result.json):
    //   mAP = [0.71428571, 0.71428571, 0.71428571, 0.6875, 0.6875, 0.59722222, 0.52083333, 0.52083333, 0.52083333, 0.5]
    //   average_mAP = 0.6177579365079365
    const auto gt = vidata::read_activitynet_ground_truth(*dir / "mmaction2/eval_localization/gt.json");
    REQUIRE(gt.form == vidata::activitynet_form::mmaction2);
    const auto predictions = vidata::read_temporal_results(*dir / "mmaction2/eval_localization/result.json");
    const auto r = vidata::temporal_detection_map(gt.videos, predictions, {}, vidata::mmaction2_metrics);
    const std::array<double, 10> published{0.71428571, 0.71428571, 0.71428571, 0.6875,     0.6875,
                                           0.59722222, 0.52083333, 0.52083333, 0.52083333, 0.5};
    REQUIRE(r.mean_ap.size() == 10);
    for (std::size_t t = 0; t < 10; ++t) CHECK(std::abs(r.mean_ap[t] - published[t]) < 5e-9);
    CHECK(r.average_mean_ap == Approx(0.6177579365079365).epsilon(1e-15));
    CHECK(r.labels == std::vector<std::string>{"Wakeboarding", "Cleaning shoes"});
    CHECK(r.num_ground_truth == std::vector<std::int64_t>{3, 1});
    CHECK(r.num_predictions == std::vector<std::int64_t>{10, 4});
    const nlohmann::json j = r.to_json();
    CHECK(j["mAP@0.50"].get<double>() == r.mean_ap[0]);
    CHECK(j["mAP@0.95"].get<double>() == r.mean_ap[9]);
    CHECK(j["average_mAP"].get<double>() == r.average_mean_ap);
    CHECK(j["per_class_ap"]["Cleaning shoes"] == 1.0);
    // The official toolkit gives the same numbers here: no tied scores, no tIoU on a threshold.
    const auto official = vidata::temporal_detection_map(gt.videos, predictions);
    CHECK(official.mean_ap == r.mean_ap);
}

TEST_CASE("temporal_detection: hand-computed matching", "[metrics][temporal_detection]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10, "run"}})};
    SECTION("a false positive ranked first halves the AP") {
        temporal_results results;
        add(results, "a", {{30, 40, 0.95, "run"}, {0, 10, 0.9, "run"}});
        const auto r = vidata::temporal_detection_map(gt, results);
        for (const double ap : r.mean_ap) CHECK(ap == 0.5);  // precision [0, .5] at recall [0, 1]
        CHECK(r.average_mean_ap == 0.5);
    }
    SECTION("a duplicate of a matched prediction is a false positive") {
        temporal_results results;
        add(results, "a", {{0, 10, 0.9, "run"}, {0, 10, 0.8, "run"}, {50, 60, 0.7, "run"}});
        const auto r = vidata::temporal_detection_map(gt, results);
        for (const double ap : r.mean_ap) CHECK(ap == 1.0);  // full recall at the first rank
    }
    SECTION("tIoU decides per threshold: [0, 7] overlaps [0, 10] by 0.7") {
        temporal_results results;
        add(results, "a", {{0, 7, 0.9, "run"}});
        const auto r = vidata::temporal_detection_map(gt, results);
        const std::vector<double> expected{1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        CHECK(r.mean_ap == expected);
        // MMAction2 stores 0.7 as float32 0.699999988, below the threshold 0.7 (quirk of its float32 tIoU).
        const auto mm = vidata::temporal_detection_map(gt, results, {}, vidata::mmaction2_metrics);
        CHECK(mm.mean_ap == std::vector<double>{1, 1, 1, 1, 0, 0, 0, 0, 0, 0});
    }
    SECTION("the best-overlapping free ground truth is claimed, then the next") {
        const std::vector<temporal_record> two{video("a", {{0, 10, "run"}, {0, 8, "run"}})};
        temporal_results results;
        add(results, "a", {{0, 9, 0.9, "run"}, {0, 9, 0.8, "run"}});
        const auto r = vidata::temporal_detection_map(two, results);
        // tIoU 0.9 with [0, 10] and 8/9 with [0, 8]: both predictions match at 0.5 .. 0.85, one at 0.9.
        CHECK(r.mean_ap[0] == 1.0);
        CHECK(r.mean_ap[7] == 1.0);
        CHECK(r.mean_ap[8] == 0.5);  // threshold 0.8999999999999999: only [0, 10] qualifies
        CHECK(r.mean_ap[9] == 0.0);
    }
}

TEST_CASE("temporal_detection: the tie order of the references (quirk 12)", "[metrics][temporal_detection]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10, "run"}})};
    temporal_results results;
    add(results, "b", {{0, 10, 1.0, "run"}});  // no ground truth in b: a false positive
    add(results, "a", {{0, 10, 1.0, "run"}});
    // Official: np.array([1., 1.]).argsort()[::-1] == [1, 0]: the true positive first, AP 1.
    const auto official = vidata::temporal_detection_map(gt, results);
    CHECK(official.average_mean_ap == 1.0);
    // MMAction2: a stable sort keeps the file order, the false positive first: AP 0.5.
    const auto mm = vidata::temporal_detection_map(gt, results, {}, vidata::mmaction2_metrics);
    CHECK(mm.average_mean_ap == 0.5);
}

TEST_CASE("temporal_detection: edge cases behave as documented", "[metrics][temporal_detection]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10, "run"}}), video("b", {{0, 10, "jump"}})};
    auto message = [](auto&& f) { return vidata::test::message_of<vidata::invalid_argument>(f); };
    SECTION("a class without predictions has AP 0") {
        temporal_results results;
        add(results, "a", {{0, 10, 0.5, "run"}});
        const auto r = vidata::temporal_detection_map(gt, results);
        CHECK(r.labels == std::vector<std::string>{"run", "jump"});
        CHECK(r.ap[0] == std::vector<double>{1.0, 0.0});
        CHECK(r.average_mean_ap == 0.5);
    }
    SECTION("no predictions at all: every AP 0") {
        const auto r = vidata::temporal_detection_map(gt, temporal_results{});
        CHECK(r.average_mean_ap == 0.0);
    }
    SECTION("predictions for a video absent from the ground truth are false positives") {
        temporal_results results;
        add(results, "elsewhere", {{0, 10, 0.9, "run"}});
        add(results, "a", {{0, 10, 0.5, "run"}});
        CHECK(vidata::temporal_detection_map(gt, results).ap[0][0] == 0.5);
    }
    SECTION("a prediction for a class of the ground truth, in a video without that class, is a false positive") {
        temporal_results results;
        add(results, "b", {{0, 10, 0.9, "run"}});
        add(results, "a", {{0, 10, 0.5, "run"}});
        CHECK(vidata::temporal_detection_map(gt, results).ap[0][0] == 0.5);
    }
    SECTION("a label absent from the ground truth is an error, as the references' KeyError") {
        temporal_results results;
        add(results, "a", {{0, 10, 0.9, "swim"}});
        CHECK_THAT(message([&] { (void)vidata::temporal_detection_map(gt, results); }),
                   Catch::Contains("prediction 0 of video 'a' has label 'swim'") && Catch::Contains("KeyError"));
    }
    SECTION("a prediction without a label is an error") {
        temporal_results results;
        results.add_video("a").segments.push_back({0, 10, 0.9, -1});
        CHECK_THAT(message([&] { (void)vidata::temporal_detection_map(gt, results); }), Catch::Contains("has no label"));
    }
    SECTION("zero-length segments: tIoU NaN is not below any threshold, so the references match them") {
        const std::vector<temporal_record> points{video("a", {{5, 5, "run"}})};
        temporal_results results;
        add(results, "a", {{7, 7, 0.9, "run"}});
        CHECK(vidata::temporal_detection_map(points, results).average_mean_ap == 1.0);
        CHECK(vidata::temporal_detection_map(points, results, {}, vidata::mmaction2_metrics).average_mean_ap == 1.0);
        // One zero-length side only: tIoU 0, a false positive.
        temporal_results other;
        add(other, "a", {{0, 10, 0.9, "run"}});
        CHECK(vidata::temporal_detection_map(points, other).average_mean_ap == 0.0);
    }
    SECTION("NaN scores are an error; infinite ones rank like numbers") {
        temporal_results results;
        add(results, "a", {{0, 10, std::nan(""), "run"}});
        CHECK_THAT(message([&] { (void)vidata::temporal_detection_map(gt, results); }), Catch::Contains("NaN score"));
        temporal_results infinite;
        add(infinite, "b", {{0, 10, -std::numeric_limits<double>::infinity(), "run"}});
        add(infinite, "a", {{0, 10, std::numeric_limits<double>::infinity(), "run"}});
        CHECK(vidata::temporal_detection_map(gt, infinite).ap[0][0] == 1.0);
    }
    SECTION("ground truth without segments, reversed segments, repeated ids") {
        temporal_results results;
        add(results, "a", {{0, 10, 0.9, "run"}});
        CHECK_THAT(message([&] { (void)vidata::temporal_detection_map(std::vector<temporal_record>{video("a", {})}, results); }),
                   Catch::Contains("the ground truth has no segment"));
        temporal_results reversed;
        add(reversed, "a", {{10, 0, 0.9, "run"}});
        CHECK_THAT(message([&] { (void)vidata::temporal_detection_map(gt, reversed); }),
                   Catch::Contains("result 0 of video 'a' is [10"));
        CHECK_THAT(message([&] { (void)vidata::temporal_detection_map(std::vector<temporal_record>{gt[0], gt[0]}, results); }),
                   Catch::Contains("occurs twice"));
        vidata::temporal_detection_options none;
        none.tiou_thresholds = {};
        CHECK_THAT(message([&] { (void)vidata::temporal_detection_map(gt, results, none); }), Catch::Contains("no tIoU threshold"));
    }
}

TEST_CASE("temporal_detection: properties", "[metrics][temporal_detection]") {
    std::mt19937_64 rng(11);
    for (int round = 0; round < 6; ++round) {
        vidata::test::temporal_case_shape shape;
        shape.official_form = round % 2 == 0;
        vidata::test::temp_dir dir;
        const auto c = vidata::test::random_temporal_case(rng, shape);
        vidata::test::write_file(dir / "gt.json", c.gt.dump());
        vidata::test::write_file(dir / "results.json", c.results.dump());
        const auto gt = vidata::read_activitynet_ground_truth(dir / "gt.json");
        const auto predictions = vidata::read_temporal_results(dir / "results.json");
        for (const bool mm : {false, true}) {
            auto run = [&](const std::vector<temporal_record>& g, const temporal_results& p) {
                return mm ? vidata::temporal_detection_map(g, p, {}, vidata::mmaction2_metrics) : vidata::temporal_detection_map(g, p);
            };
            const auto r = run(gt.videos, predictions);
            // AP is a function of the ranking only: a strictly increasing map of the scores changes nothing.
            const auto ranked = run(gt.videos, ranked_scores(predictions));
            CHECK(ranked.ap == r.ap);
            CHECK(ranked.average_mean_ap == r.average_mean_ap);
            for (const auto& row : r.ap)
                for (const double ap : row) CHECK((ap >= 0.0 && ap <= 1.0));

            // Without tied scores, the order of videos (hence of classes) changes no class's AP.
            temporal_results distinct = predictions;
            double next = 0.0;
            for (auto& v : distinct.videos)
                for (auto& s : v.segments) s.score = (next += 1.0);
            std::shuffle(distinct.videos.begin(), distinct.videos.end(), rng);
            const auto base = run(gt.videos, distinct);
            auto shuffled_gt = gt.videos;
            auto shuffled_results = distinct;
            std::shuffle(shuffled_gt.begin(), shuffled_gt.end(), rng);
            std::shuffle(shuffled_results.videos.begin(), shuffled_results.videos.end(), rng);
            const auto s = run(shuffled_gt, shuffled_results);
            std::map<std::string, double> base_ap, shuffled_ap;
            const auto a = base.class_average_ap(), b = s.class_average_ap();
            for (std::size_t k = 0; k < a.size(); ++k) base_ap[base.labels[k]] = a[k];
            for (std::size_t k = 0; k < b.size(); ++k) shuffled_ap[s.labels[k]] = b[k];
            CHECK(base_ap == shuffled_ap);
            for (std::size_t t = 0; t < base.mean_ap.size(); ++t) CHECK(vidata::test::close(s.mean_ap[t], base.mean_ap[t], 1e-14));
        }
    }
}

TEST_CASE("temporal_detection: agrees with the numpy reference on random cases with ties", "[metrics][temporal_detection]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(20240613);
    for (int round = 0; round < 8; ++round) {
        vidata::test::temporal_case_shape shape;
        shape.official_form = round % 2 == 0;
        shape.zero_length = round % 4 == 1;
        shape.missing = 0.2;
        shape.videos = round < 4 ? 12 : 40;
        const auto c = vidata::test::random_temporal_case(rng, shape);
        const std::string label = "round " + std::to_string(round);
        check_against_reference<vidata::official_metrics_policy>(c, "official", label);
        check_against_reference<vidata::mmaction2_metrics_policy>(c, "mmaction2", label);
        if (round == 3) {
            // THUMOS'14's thresholds.
            check_against_reference<vidata::official_metrics_policy>(c, "official", label, vidata::numpy_linspace(0.3, 0.7, 5));
            check_against_reference<vidata::mmaction2_metrics_policy>(c, "mmaction2", label, vidata::numpy_linspace(0.3, 0.7, 5));
        }
    }
}

TEST_CASE("temporal_detection: the toolkit's sample predictions (real ties) through both references", "[metrics][temporal_detection][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir || !vidata::test::python_oracle_available()) return;
    // As in the AR@AN test: ground truth derived from each video's own predictions (the first shifted by 0.5 s,
    // the last kept), every tenth video in another subset; the sample's scores are mostly 1.0.
    const auto sample = nlohmann::ordered_json::parse(
        vidata::test::read_file(*dir / "activitynet_repo/Evaluation/data/sample_detection_prediction.json"));
    nlohmann::ordered_json database = nlohmann::ordered_json::object();
    int i = 0;
    for (const auto& [id, list] : sample["results"].items()) {
        if (list.empty()) continue;
        const auto& first = list.front()["segment"];
        nlohmann::ordered_json annotations = nlohmann::ordered_json::array();
        annotations.push_back({{"segment", {first[0].get<double>() + 0.5, first[1].get<double>() + 0.5}}, {"label", list.front()["label"]}});
        annotations.push_back({{"segment", list.back()["segment"]}, {"label", list.back()["label"]}});
        database[id] = {{"subset", i++ % 10 == 9 ? "training" : "validation"}, {"annotations", annotations}};
    }
    // Every predicted label must be a class of the evaluated ground truth (else both references raise KeyError).
    std::set<std::string> classes;
    for (const auto& [id, v] : database.items())
        if (v["subset"] == "validation")
            for (const auto& a : v["annotations"]) classes.insert(a["label"].get<std::string>());
    for (const auto& [id, list] : sample["results"].items())
        for (const auto& p : list)
            if (classes.insert(p["label"].get<std::string>()).second)
                database["cover-" + std::to_string(classes.size())] = {
                    {"subset", "validation"}, {"annotations", {{{"segment", {0.0, 1.0}}, {"label", p["label"]}}}}};
    vidata::test::temporal_case c{{{"database", database}}, sample};
    check_against_reference<vidata::official_metrics_policy>(c, "official", "sample predictions");
    check_against_reference<vidata::mmaction2_metrics_policy>(c, "mmaction2", "sample predictions");
}
