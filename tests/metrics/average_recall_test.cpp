// SPDX-License-Identifier: Apache-2.0
// AR@AN: MMAction2's published cases, hand-computed ones, each policy difference and edge case, properties, and numpy.
#include "oracle.hpp"
#include "temporal_cases.hpp"

#include <vidata/core/temporal_record.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/metrics/average_recall.hpp>
#include <vidata/metrics/temporal_results.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using vidata::temporal_record;
using vidata::temporal_results;

temporal_record video(std::string id, std::vector<std::pair<double, double>> segments) {
    temporal_record r;
    r.id = std::move(id);
    for (const auto& [s, e] : segments) r.annotations.push_back({s, e, "x", 0});
    return r;
}

void add(temporal_results& results, const std::string& id, std::vector<vidata::scored_segment> segments) {
    results.add_video(id).segments = std::move(segments);
}

vidata::average_recall_options options(std::optional<double> max_avg) {
    vidata::average_recall_options o;
    o.max_avg_proposals = max_avg;
    return o;
}

std::vector<double> repeated(double value, std::size_t n) { return std::vector<double>(n, value); }

struct ground_truth_videos_policy : vidata::official_metrics_policy {
    static constexpr vidata::proposal_count_base proposal_count = vidata::proposal_count_base::ground_truth_videos;
};

// The streaming path: the file's videos through an accumulator, as `vidata eval ar-an` reads them.
template <class P = vidata::official_metrics_policy>
vidata::average_recall_result streamed(const vidata::activitynet_ground_truth& gt, const std::filesystem::path& results,
                                       const vidata::average_recall_options& o = {}) {
    vidata::average_recall_accumulator<P> accumulator(gt.videos, o);
    (void)vidata::read_temporal_results_by_video(results, [&](std::string_view id, std::span<const vidata::scored_segment> p) {
        accumulator.add(id, p);
    });
    return accumulator.result();
}

void require_identical(const vidata::average_recall_result& a, const vidata::average_recall_result& b) {
    CHECK(a.recall == b.recall);
    CHECK(a.average_recall == b.average_recall);
    CHECK(a.avg_proposals == b.avg_proposals);
    CHECK(a.auc == b.auc);
    CHECK(a.counted_proposals == b.counted_proposals);
    CHECK(a.retrieved_proposals == b.retrieved_proposals);
}

template <class P>
void check_against_reference(const vidata::test::temporal_case& c, const std::string& policy, std::optional<double> max_avg,
                             const std::string& label) {
    vidata::test::temp_dir dir;
    const std::vector<double> thresholds = vidata::activitynet_tiou_thresholds();
    nlohmann::json opts{{"policy", policy}, {"thresholds", thresholds}, {"subset", "validation"}};
    opts["max_avg"] = max_avg ? nlohmann::json(*max_avg) : nlohmann::json(nullptr);
    const nlohmann::json expected = vidata::test::anet_reference("ar", dir, c.gt, c.results, opts);
    // vidata reads the very files the reference read.
    const auto gt = vidata::read_activitynet_ground_truth(dir / "gt.json");
    const auto proposals = vidata::read_temporal_results(dir / "results.json");
    INFO(label << " (" << policy << ")");
    if (expected.contains("error")) {
        INFO("the reference failed with " << expected["error"]);
        CHECK_THROWS_AS(vidata::average_recall_at_avg_proposals(gt.videos, proposals, options(max_avg), P{}), vidata::invalid_argument);
        CHECK_THROWS_AS(streamed<P>(gt, dir / "results.json", options(max_avg)), vidata::invalid_argument);
        return;
    }
    const auto got = vidata::average_recall_at_avg_proposals(gt.videos, proposals, options(max_avg), P{});
    require_identical(streamed<P>(gt, dir / "results.json", options(max_avg)), got);
    REQUIRE(got.recall.size() == expected["recall"].size());
    for (std::size_t t = 0; t < got.recall.size(); ++t)
        for (std::size_t j = 0; j < 100; ++j) {
            INFO("threshold " << t << ", point " << j);
            REQUIRE(vidata::test::close(got.recall[t][j], expected["recall"][t][j].get<double>()));
        }
    for (std::size_t j = 0; j < 100; ++j) {
        CHECK(vidata::test::close(got.average_recall[j], expected["avg_recall"][j].get<double>()));
        CHECK(vidata::test::close(got.avg_proposals[j], expected["proposals_per_video"][j].get<double>()));
    }
    CHECK(vidata::test::close(got.auc, expected["auc"].get<double>()));
    for (const int n : {1, 5, 10, 100})
        CHECK(vidata::test::close(got.ar_at(static_cast<std::size_t>(n)), expected["AR@" + std::to_string(n)].get<double>()));
    // numpy's pairwise sums are reproduced, so the agreement is in fact exact.
    CHECK(got.auc == expected["auc"].get<double>());
}

}  // namespace

TEST_CASE("average_recall: MMAction2's published cases (test_average_recall_at_avg_proposals)", "[metrics][average_recall]") {
    // mmaction2 tests/test_metrics/test_accuracy.py: three cases with their recall, proposals per video and AUC.
    const std::vector<temporal_record> gt1{video("v_test1", {{0, 1}, {1, 2}}), video("v_test2", {{0, 1}, {1, 2}})};
    temporal_results proposals1;
    add(proposals1, "v_test1", {{0, 1, 1}, {1, 2, 1}});
    add(proposals1, "v_test2", {{0, 1, 1}, {1, 2, 1}});
    temporal_results proposals2;
    add(proposals2, "v_test1", {{10, 11, 0.6}, {11, 12, 0.4}});
    add(proposals2, "v_test2", {{10, 11, 0.6}, {11, 12, 0.4}});
    const std::vector<temporal_record> gt2{video("v_test1", {{0, 1}})};
    temporal_results proposals3;
    std::vector<vidata::scored_segment> hundred;
    for (int i = 0; i < 100; ++i) hundred.push_back({double(i), double(i + 1), 1.0 / (i + 1)});
    add(proposals3, "v_test1", hundred);

    auto both = [](auto&& check) {
        check(vidata::mmaction2_metrics);
        check(vidata::official_metrics);
    };
    both([&](auto policy) {
        // max_avg_proposals=None: total / videos = 2.
        const auto r = vidata::average_recall_at_avg_proposals(gt1, proposals1, options(std::nullopt), policy);
        std::vector<double> expected = repeated(0.0, 49);
        for (int i = 0; i < 50; ++i) expected.push_back(0.5);
        expected.push_back(1.0);
        REQUIRE(r.recall.size() == 10);
        for (const auto& row : r.recall) CHECK(row == expected);
        CHECK(r.average_recall == expected);
        for (std::size_t j = 0; j < 100; ++j) CHECK(std::abs(r.avg_proposals[j] - 0.02 * double(j + 1)) < 1e-10);
        CHECK(r.auc == 25.5);
    });
    both([&](auto policy) {
        const auto r = vidata::average_recall_at_avg_proposals(gt1, proposals2, options(std::nullopt), policy);
        for (const auto& row : r.recall) CHECK(row == repeated(0.0, 100));
        CHECK(r.average_recall == repeated(0.0, 100));
        for (std::size_t j = 0; j < 100; ++j) CHECK(std::abs(r.avg_proposals[j] - 0.02 * double(j + 1)) < 1e-10);
        CHECK(r.auc == 0.0);
    });
    both([&](auto policy) {
        const auto r = vidata::average_recall_at_avg_proposals(gt2, proposals3, options(std::nullopt), policy);
        for (const auto& row : r.recall) CHECK(row == repeated(1.0, 100));
        CHECK(r.average_recall == repeated(1.0, 100));
        for (std::size_t j = 0; j < 100; ++j) CHECK(std::abs(r.avg_proposals[j] - double(j + 1)) < 1e-10);
        CHECK(r.auc == 99.0);
    });
}

TEST_CASE("average_recall: MMAction2's dataset evaluation on its action_test_anno.json fixture", "[metrics][average_recall][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // mmaction2 tests/test_data/test_datasets (test_activitynet_evaluate): results v_test1 [0.1, 0.9] score 0.1 and
    // v_test2 [10.1, 20.9] score 0.9 report the keys auc, AR@1, AR@5, AR@10, AR@100. By hand: tIoU 0.3/0.8 = 0.375
    // with [0.3, 0.6] and 0 with [1, 2], both below 0.5, so every recall and the AUC are 0.
    const auto gt = vidata::read_activitynet_ground_truth(*dir / "mmaction2/annotations/action_test_anno.json");
    temporal_results results;
    add(results, "test1", {{0.1, 0.9, 0.1}});
    add(results, "test2", {{10.1, 20.9, 0.9}});
    const auto r = vidata::average_recall_at_avg_proposals(gt.videos, results, {}, vidata::mmaction2_metrics);
    const nlohmann::json j = r.to_json();
    CHECK(j.size() == 5);
    for (const char* key : {"auc", "AR@1", "AR@5", "AR@10", "AR@100"}) CHECK(j.at(key) == 0.0);
}

TEST_CASE("average_recall: hand-computed curves", "[metrics][average_recall]") {
    // One video, ground truth [0, 10]; proposal B [20, 30] (score 0.9) outranks the matching A [0, 10] (0.5).
    const std::vector<temporal_record> gt{video("a", {{0, 10}})};
    temporal_results results;
    add(results, "a", {{0, 10, 0.5}, {20, 30, 0.9}});

    SECTION("max 100: ratio 50 keeps both; point 1 retrieves B only, points 2.. both") {
        const auto r = vidata::average_recall_at_avg_proposals(gt, results);
        CHECK(r.retrieved_proposals == 2);
        CHECK(r.ar_at(1) == 0.0);
        CHECK(r.ar_at(5) == 1.0);
        CHECK(r.ar_at(100) == 1.0);
        CHECK(r.avg_proposals[0] == 1.0);
        CHECK(r.avg_proposals[99] == 100.0);
        CHECK(r.auc == Approx(98.5).epsilon(1e-12));  // 100 · (0.5 + 98) / 100
        const nlohmann::json j = r.to_json();
        CHECK(j["AR@1"] == 0.0);
        CHECK(j["auc"].get<double>() == r.auc);
    }
    SECTION("max 2: points 50..99 retrieve B only, point 100 both") {
        const auto r = vidata::average_recall_at_avg_proposals(gt, results, options(2.0));
        std::vector<double> expected = repeated(0.0, 99);
        expected.push_back(1.0);
        CHECK(r.average_recall == expected);
        CHECK(r.auc == Approx(0.5).epsilon(1e-12));  // 100 · (0.02 · 1 / 2) / 2
    }
}

TEST_CASE("average_recall: a ground-truth video without proposals (quirk 11)", "[metrics][average_recall]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10}}), video("b", {{0, 10}})};
    temporal_results missing;
    add(missing, "a", {{0, 10, 1.0}});
    temporal_results empty = missing;
    add(empty, "b", {});
    for (const temporal_results* results : {&missing, &empty}) {
        // Official: b scores zeros((1, 1)); a is found at every point; recall 1/2 throughout.
        const auto r = vidata::average_recall_at_avg_proposals(gt, *results);
        CHECK(r.average_recall == repeated(0.5, 100));
        CHECK(r.auc == Approx(49.5).epsilon(1e-12));
        // MMAction2 raises KeyError (missing) or IndexError (empty list): an error naming the video.
        const std::string message = vidata::test::message_of<vidata::invalid_argument>(
            [&] { (void)vidata::average_recall_at_avg_proposals(gt, *results, {}, vidata::mmaction2_metrics); });
        CHECK_THAT(message, Catch::Contains("'b' has no proposals") && Catch::Contains("KeyError"));
    }
}

TEST_CASE("average_recall: a ground-truth video without segments", "[metrics][average_recall]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10}}), video("empty", {})};
    temporal_results results;
    add(results, "a", {{0, 10, 1.0}});
    // Official: only videos with annotation rows are videos; "empty" does not count (V = 1).
    const auto r = vidata::average_recall_at_avg_proposals(gt, results);
    CHECK(r.videos == 1);
    CHECK(r.ar_at(100) == 1.0);
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>(
                   [&] { (void)vidata::average_recall_at_avg_proposals(gt, results, {}, vidata::mmaction2_metrics); }),
               Catch::Contains("'empty' has no segments") && Catch::Contains("IndexError"));
}

TEST_CASE("average_recall: the proposal-count base", "[metrics][average_recall]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10}})};
    temporal_results results;
    add(results, "a", {{0, 10, 0.5}, {20, 30, 0.9}});
    add(results, "not-in-gt", {{0, 1, 0.5}, {1, 2, 0.5}});
    // all_submitted (both references): N = 4, ratio 2·1/4 keeps 1 proposal of a (B): nothing recalled.
    const auto all = vidata::average_recall_at_avg_proposals(gt, results, options(2.0));
    CHECK(all.counted_proposals == 4);
    CHECK(all.retrieved_proposals == 1);
    CHECK(all.auc == 0.0);
    // ground_truth_videos: N = 2, ratio 1 keeps both, as in the hand-computed curve above.
    const auto mine = vidata::average_recall_at_avg_proposals(gt, results, options(2.0), ground_truth_videos_policy{});
    CHECK(mine.counted_proposals == 2);
    CHECK(mine.auc == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("average_recall: scores, segments and ties at the edges", "[metrics][average_recall]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10}})};
    SECTION("infinite scores rank like numbers") {
        temporal_results results;
        add(results, "a", {{0, 10, std::numeric_limits<double>::infinity()}, {20, 30, 1e300}});
        CHECK(vidata::average_recall_at_avg_proposals(gt, results, options(1.0)).ar_at(100) == 1.0);  // keeps the +inf one
        results.videos[0].segments[0].score = -std::numeric_limits<double>::infinity();
        CHECK(vidata::average_recall_at_avg_proposals(gt, results, options(1.0)).ar_at(100) == 0.0);
    }
    SECTION("a NaN score has no rank: an error naming the proposal") {
        temporal_results results;
        add(results, "a", {{0, 10, std::nan("")}});
        CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>(
                       [&] { (void)vidata::average_recall_at_avg_proposals(gt, results); }),
                   Catch::Contains("result 0 of video 'a' has a NaN score"));
    }
    SECTION("zero-length segments: tIoU 0/0 is NaN, never >= a threshold, so never recalled") {
        const std::vector<temporal_record> point{video("a", {{5, 5}})};
        temporal_results results;
        add(results, "a", {{5, 5, 1.0}});
        CHECK(vidata::average_recall_at_avg_proposals(point, results).auc == 0.0);
        CHECK(vidata::average_recall_at_avg_proposals(point, results, {}, vidata::mmaction2_metrics).auc == 0.0);
    }
    SECTION("duplicate proposals each take a place in the budget") {
        temporal_results results;
        add(results, "a", {{20, 30, 0.9}, {20, 30, 0.9}, {0, 10, 0.5}});
        // max 1.5: ratio 1/2 keeps int(3 / 2) = 1 proposal, a duplicate: nothing recalled.
        CHECK(vidata::average_recall_at_avg_proposals(gt, results, options(1.5)).ar_at(100) == 0.0);
        CHECK(vidata::average_recall_at_avg_proposals(gt, results, options(3.0)).ar_at(100) == 1.0);
    }
    SECTION("tied scores are ranked in numpy's argsort()[::-1] order") {
        // numpy 1.24: np.array([1., 1., 1.]).argsort()[::-1] == [2, 1, 0]; with max 1.5 one of three tied
        // proposals is kept: the last one.
        temporal_results results;
        add(results, "a", {{20, 30, 1.0}, {40, 50, 1.0}, {0, 10, 1.0}});
        CHECK(vidata::average_recall_at_avg_proposals(gt, results, options(1.5)).ar_at(100) == 1.0);
        std::swap(results.videos[0].segments[0], results.videos[0].segments[2]);
        CHECK(vidata::average_recall_at_avg_proposals(gt, results, options(1.5)).ar_at(100) == 0.0);
    }
}

TEST_CASE("average_recall: invalid input is an error naming it", "[metrics][average_recall]") {
    const std::vector<temporal_record> gt{video("a", {{0, 10}})};
    temporal_results results;
    add(results, "a", {{0, 10, 1.0}});
    auto message = [](auto&& f) { return vidata::test::message_of<vidata::invalid_argument>(f); };
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals({}, results); }),
               Catch::Contains("no ground-truth video has a segment"));
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(gt, temporal_results{}); }),
               Catch::Contains("the results hold no proposal"));
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(gt, results, options(0.1)); }),
               Catch::Contains("no proposal is kept"));
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(gt, results, options(-1.0)); }),
               Catch::Contains("max_avg_proposals is -1"));
    vidata::average_recall_options no_thresholds;
    no_thresholds.tiou_thresholds.clear();
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(gt, results, no_thresholds); }),
               Catch::Contains("no tIoU threshold"));
    const std::vector<temporal_record> reversed{video("a", {{10, 0}})};
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(reversed, results); }),
               Catch::Contains("segment 0 of ground-truth video 'a' is [10"));
    const std::vector<temporal_record> twice{video("a", {{0, 1}}), video("a", {{0, 1}})};
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(twice, results); }),
               Catch::Contains("ground-truth video 'a' occurs twice"));
    temporal_results repeated_video = results;
    add(repeated_video, "a", {{0, 10, 1.0}});
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(gt, repeated_video); }),
               Catch::Contains("the results list video 'a' twice"));
    temporal_results infinite;
    add(infinite, "a", {{0, std::numeric_limits<double>::infinity(), 1.0}});
    CHECK_THAT(message([&] { (void)vidata::average_recall_at_avg_proposals(gt, infinite); }),
               Catch::Contains("result 0 of video 'a' is [0"));
    const auto r = vidata::average_recall_at_avg_proposals(gt, results);
    CHECK_THROWS_WITH(r.ar_at(101), Catch::Contains("point 101"));
    CHECK_THROWS_AS(r.ar_at(0), vidata::invalid_argument);
}

TEST_CASE("average_recall: properties", "[metrics][average_recall]") {
    std::mt19937_64 rng(7);
    vidata::test::temporal_case_shape shape;
    shape.labelled = false;
    shape.missing = 0.1;
    for (int round = 0; round < 5; ++round) {
        vidata::test::temp_dir dir;
        const auto c = vidata::test::random_temporal_case(rng, shape);
        vidata::test::write_file(dir / "gt.json", c.gt.dump());
        vidata::test::write_file(dir / "results.json", c.results.dump());
        const auto gt = vidata::read_activitynet_ground_truth(dir / "gt.json");
        const auto proposals = vidata::read_temporal_results(dir / "results.json");
        const auto r = vidata::average_recall_at_avg_proposals(gt.videos, proposals);

        // Recall never falls as proposals are added, nor rises with the threshold.
        for (std::size_t t = 0; t < r.recall.size(); ++t)
            for (std::size_t j = 1; j < 100; ++j) CHECK(r.recall[t][j - 1] <= r.recall[t][j]);
        for (std::size_t t = 1; t < r.recall.size(); ++t)
            for (std::size_t j = 0; j < 100; ++j) CHECK(r.recall[t][j] <= r.recall[t - 1][j]);
        for (std::size_t j = 1; j < 100; ++j) CHECK(r.average_recall[j - 1] <= r.average_recall[j]);
        // A larger budget recalls at least as much at the end of the curve.
        const auto more = vidata::average_recall_at_avg_proposals(gt.videos, proposals, options(200.0));
        CHECK(more.ar_at(100) >= r.ar_at(100));

        // The order of videos (ground truth and results) changes nothing, to the last bit.
        auto shuffled_gt = gt.videos;
        auto shuffled_results = proposals;
        std::shuffle(shuffled_gt.begin(), shuffled_gt.end(), rng);
        std::shuffle(shuffled_results.videos.begin(), shuffled_results.videos.end(), rng);
        const auto s = vidata::average_recall_at_avg_proposals(shuffled_gt, shuffled_results);
        CHECK(s.recall == r.recall);
        CHECK(s.auc == r.auc);
    }
}

TEST_CASE("average_recall: a results file streamed a video at a time evaluates as the whole file read at once",
          "[metrics][average_recall]") {
    std::mt19937_64 rng(11);
    vidata::test::temporal_case_shape shape;
    shape.labelled = false;
    shape.missing = 0.2;
    for (int round = 0; round < 6; ++round) {
        vidata::test::temp_dir dir;
        const auto c = vidata::test::random_temporal_case(rng, shape);
        vidata::test::write_file(dir / "gt.json", c.gt.dump());
        vidata::test::write_file(dir / "results.json", c.results.dump());
        const auto gt = vidata::read_activitynet_ground_truth(dir / "gt.json");
        const auto whole = vidata::read_temporal_results(dir / "results.json");
        for (const std::optional<double> max_avg : {std::optional<double>(100.0), std::optional<double>(3.0), std::optional<double>()}) {
            require_identical(streamed(gt, dir / "results.json", options(max_avg)),
                              vidata::average_recall_at_avg_proposals(gt.videos, whole, options(max_avg)));
            require_identical(streamed<ground_truth_videos_policy>(gt, dir / "results.json", options(max_avg)),
                              vidata::average_recall_at_avg_proposals(gt.videos, whole, options(max_avg), ground_truth_videos_policy{}));
        }
    }
    SECTION("a repeated video: its last list counts, once, as Python's json keeps it") {
        vidata::test::temp_dir dir;
        vidata::test::write_file(dir / "gt.json", R"({"database": {"a": {"subset": "validation", "annotations": [{"segment": [0, 10], "label": "x"}]},
                                                                  "b": {"subset": "validation", "annotations": [{"segment": [20, 30], "label": "x"}]}}})");
        vidata::test::write_file(dir / "results.json", R"({"results": {"a": [{"segment": [50, 60], "score": 1}, {"segment": [70, 80], "score": 1}],
                                                                     "b": [{"segment": [20, 30], "score": 0.5}],
                                                                     "a": [{"segment": [0, 10], "score": 0.9}]}})");
        const auto gt = vidata::read_activitynet_ground_truth(dir / "gt.json");
        const auto whole = vidata::read_temporal_results(dir / "results.json");
        REQUIRE(whole.videos.size() == 2);
        const auto r = streamed(gt, dir / "results.json", options(std::nullopt));
        require_identical(r, vidata::average_recall_at_avg_proposals(gt.videos, whole, options(std::nullopt)));
        // Two proposals in all (not four), one per video, each on its segment: everything is recalled.
        CHECK(r.counted_proposals == 2);
        CHECK(r.ar_at(100) == 1.0);
    }
    SECTION("add() with an id given before replaces its proposals") {
        const std::vector<temporal_record> gt{video("a", {{0, 10}})};
        vidata::average_recall_accumulator<> accumulator(gt, options(std::nullopt));
        const std::vector<vidata::scored_segment> miss{{50, 60, 1.0, -1}, {70, 80, 0.5, -1}, {90, 95, 0.2, -1}};
        const std::vector<vidata::scored_segment> hit{{0, 10, 1.0, -1}};
        accumulator.add("a", miss);
        accumulator.add("a", hit);
        const auto r = accumulator.result();
        CHECK(r.counted_proposals == 1);
        CHECK(r.ar_at(100) == 1.0);
    }
    SECTION("a second 'results' member cannot be taken back once streamed: an error naming it") {
        vidata::test::temp_dir dir;
        vidata::test::write_file(dir / "results.json", R"({"results": {}, "results": {"a": []}})");
        const auto message = vidata::test::message_of<vidata::parse_error>([&] {
            (void)vidata::read_temporal_results_by_video(dir / "results.json", [](std::string_view, std::span<const vidata::scored_segment>) {});
        });
        CHECK_THAT(message, Catch::Contains("results.json at /results") && Catch::Contains("one member 'results'"));
    }
}

TEST_CASE("average_recall: agrees with the numpy reference on random cases with ties", "[metrics][average_recall]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(20240612);
    for (int round = 0; round < 8; ++round) {
        vidata::test::temporal_case_shape shape;
        shape.labelled = false;
        shape.official_form = round % 2 == 0;
        shape.zero_length = round % 4 == 1;
        shape.missing = 0.15;
        const auto official_case = vidata::test::random_temporal_case(rng, shape);
        const std::optional<double> max_avg = round % 3 == 2 ? std::nullopt : std::optional<double>(round % 3 == 0 ? 100.0 : 7.0);
        check_against_reference<vidata::official_metrics_policy>(official_case, "official", max_avg, "round " + std::to_string(round));
        // MMAction2 needs proposals for every ground-truth video.
        shape.missing = 0.0;
        shape.min_results = 1;
        const auto mm_case = vidata::test::random_temporal_case(rng, shape);
        check_against_reference<vidata::mmaction2_metrics_policy>(mm_case, "mmaction2", max_avg, "round " + std::to_string(round));
        check_against_reference<vidata::official_metrics_policy>(mm_case, "official", max_avg, "round " + std::to_string(round));
    }
}

TEST_CASE("average_recall: a video without proposals fails under MMAction2 as in the reference", "[metrics][average_recall]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(99);
    vidata::test::temporal_case_shape shape;
    shape.labelled = false;
    shape.missing = 0.5;
    check_against_reference<vidata::mmaction2_metrics_policy>(vidata::test::random_temporal_case(rng, shape), "mmaction2", 100.0,
                                                              "missing videos");
}

TEST_CASE("average_recall: MMAction2's eval_localization fixture, through both references", "[metrics][average_recall][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir || !vidata::test::python_oracle_available()) return;
    const auto gt = nlohmann::ordered_json::parse(vidata::test::read_file(*dir / "mmaction2/eval_localization/gt.json"));
    const auto results = nlohmann::ordered_json::parse(vidata::test::read_file(*dir / "mmaction2/eval_localization/result.json"));
    vidata::test::temporal_case c{gt, results};
    for (const std::optional<double> max_avg : {std::optional<double>(100.0), std::optional<double>(5.0), std::optional<double>()}) {
        check_against_reference<vidata::official_metrics_policy>(c, "official", max_avg, "eval_localization");
        check_against_reference<vidata::mmaction2_metrics_policy>(c, "mmaction2", max_avg, "eval_localization");
    }
}

TEST_CASE("average_recall: the toolkit's sample predictions (real ties) as proposals", "[metrics][average_recall][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir || !vidata::test::python_oracle_available()) return;
    // No ground truth ships with the sample, so each video's ground truth is derived from its own predictions:
    // the first one shifted by 0.5 s and the last one as is, every tenth video in another subset. The scores
    // are the sample's own (most of them 1.0: ties that numpy's order decides).
    const auto sample = nlohmann::ordered_json::parse(
        vidata::test::read_file(*dir / "activitynet_repo/Evaluation/data/sample_detection_prediction.json"));
    nlohmann::ordered_json database = nlohmann::ordered_json::object();
    int i = 0;
    // The first 500 videos have ground truth; the results of the other ~4400 count in the budget, as the
    // toolkit counts every submitted proposal.
    for (const auto& [id, list] : sample["results"].items()) {
        if (list.empty()) continue;
        if (i == 500) break;
        const auto& first = list.front()["segment"];
        const auto& last = list.back()["segment"];
        nlohmann::ordered_json annotations = nlohmann::ordered_json::array();
        annotations.push_back({{"segment", {first[0].get<double>() + 0.5, first[1].get<double>() + 0.5}}, {"label", list.front()["label"]}});
        annotations.push_back({{"segment", last}, {"label", list.back()["label"]}});
        database[id] = {{"subset", i++ % 10 == 9 ? "training" : "validation"}, {"annotations", annotations}};
    }
    vidata::test::temporal_case c{{{"database", database}}, sample};
    check_against_reference<vidata::official_metrics_policy>(c, "official", 100.0, "sample predictions");
    check_against_reference<vidata::official_metrics_policy>(c, "official", 10.0, "sample predictions");
    check_against_reference<vidata::official_metrics_policy>(c, "official", std::nullopt, "sample predictions");
    check_against_reference<vidata::mmaction2_metrics_policy>(c, "mmaction2", 100.0, "sample predictions");
}
