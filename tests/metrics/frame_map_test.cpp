// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::frame_mean_ap: hand-computed cases under both policies, edge cases, properties, and the numpy reference.
#include <vidata/metrics/frame_map.hpp>

#include "support.hpp"
#include "tube_cases.hpp"

#include <algorithm>
#include <limits>
#include <random>
#include <span>
#include <vector>

namespace {

using vidata::frame_detection;
using vidata::frame_map_options;
using vidata::tube;
using vidata::tube_ground_truth;

// One evaluated video "a/v0" and a second "a/v1", classes "x" and "y"; class x has one tube over frames
// 1 and 2 at `b`, class y none.
tube_ground_truth small_gt(vidata::box b = {0, 0, 9, 9}) {
    tube_ground_truth gt;
    gt.labels = {"x", "y"};
    gt.test_videos = {{"a/v0", "a/v1"}};
    tube t(2, 5);
    t << 1, b.x1, b.y1, b.x2, b.y2, 2, b.x1, b.y1, b.x2, b.y2;
    gt.gttubes["a/v0"][0] = {t};
    gt.nframes = {{"a/v0", 2}, {"a/v1", 2}};
    return gt;
}

frame_detection det(std::int64_t video, std::int64_t frame, int label, double score, vidata::box b) {
    return {video, frame, label, score, b};
}

template <class P = vidata::act_tube_policy>
vidata::frame_map_result evaluate(const tube_ground_truth& gt, const std::vector<frame_detection>& d, double threshold = 0.5, P p = {}) {
    return vidata::frame_mean_ap(gt, std::span<const frame_detection>(d), frame_map_options{0, threshold}, p);
}

}  // namespace

TEST_CASE("frame_mean_ap: a true positive, a duplicate, a true positive", "[metrics][frame_map]") {
    const auto gt = small_gt();
    // Ranked: TP (frame 1), FP (frame 1 again, its box already claimed), TP (frame 2). 2 ground-truth boxes.
    // precision 1, 1/2, 2/3; recall 1/2, 1/2, 1.
    const std::vector<frame_detection> d{det(0, 1, 0, 0.9, {0, 0, 9, 9}), det(0, 1, 0, 0.8, {0, 0, 9, 9}), det(0, 2, 0, 0.7, {0, 0, 9, 9})};
    // ACT trapezoids from (0, 1): (1/2)(1 + 1)/2 + 0·… + (1/2)(2/3 + 1/2)/2 = 1/2 + 7/24 = 19/24.
    const auto act = evaluate(gt, d);
    REQUIRE(act.ap.size() == 2);
    CHECK(*act.ap[0] == Approx(19.0 / 24.0).epsilon(1e-15));
    CHECK_FALSE(act.ap[1].has_value());  // class y has no ground truth: not averaged
    CHECK(act.mean_ap == *act.ap[0]);
    CHECK(act.num_ground_truth == std::vector<std::int64_t>{2, 0});
    CHECK(act.num_detections == std::vector<std::int64_t>{3, 0});
    // VOC all points: precision made non-increasing [1, 2/3, 2/3]; recall steps 1/2 at precision 1 and 1/2 at 2/3 → 5/6.
    const auto voc = evaluate(gt, d, 0.5, vidata::multisports_tubes);
    CHECK(*voc.ap[0] == Approx(5.0 / 6.0).epsilon(1e-15));
    CHECK(voc.mean_ap == *voc.ap[0]);
}

TEST_CASE("frame_mean_ap: detections elsewhere are false positives", "[metrics][frame_map]") {
    const auto gt = small_gt();
    // 0.9 in a video outside the split (index 5), then the right box in frame 1: FP, TP with 2 ground-truth boxes.
    // precision 0, 1/2; recall 0, 1/2. ACT: 0·(0 + 1)/2 + (1/2)(1/2 + 0)/2 = 1/8. VOC: 1/2 · 1/2 = 1/4.
    std::vector<frame_detection> d{det(5, 1, 0, 0.9, {0, 0, 9, 9}), det(0, 1, 0, 0.8, {0, 0, 9, 9})};
    CHECK(*evaluate(gt, d).ap[0] == Approx(1.0 / 8.0).epsilon(1e-15));
    CHECK(*evaluate(gt, d, 0.5, vidata::multisports_tubes).ap[0] == Approx(1.0 / 4.0).epsilon(1e-15));
    // The same with the first one in a frame without ground truth (frame 3), in the other video, or of class y.
    for (const auto& elsewhere : {det(0, 3, 0, 0.9, {0, 0, 9, 9}), det(1, 1, 0, 0.9, {0, 0, 9, 9}), det(0, 1, 1, 0.9, {0, 0, 9, 9})}) {
        d[0] = elsewhere;
        // Class y's detection leaves class x with a single TP: AP 1/2 (recall 1/2 at precision 1) under both.
        const double expected_act = elsewhere.label == 1 ? 0.5 : 1.0 / 8.0;
        CHECK(*evaluate(gt, d).ap[0] == Approx(expected_act).epsilon(1e-15));
    }
    // No detection at all: AP 0.
    CHECK(*evaluate(gt, {}).ap[0] == 0.0);
    CHECK(evaluate(gt, {}).mean_ap == 0.0);
}

TEST_CASE("frame_mean_ap: IoU exactly at the threshold matches", "[metrics][frame_map]") {
    const auto gt = small_gt();
    // ACT: ground truth [0,0,9,9] covers 10 x 10 = 100 pixels, [0,0,9,4] 10 x 5 = 50 of them: IoU 50/100 = 0.5.
    const std::vector<frame_detection> half{det(0, 1, 0, 0.9, {0, 0, 9, 4})};
    CHECK(*evaluate(gt, half, 0.5).ap[0] == 0.5);  // one TP of two boxes, precision 1
    CHECK(*evaluate(gt, half, 0.5 + 1e-12).ap[0] == 0.0);
    // Continuous: [0,0,10,10] and [0,0,10,5]: 50 / 100.
    const auto gt_continuous = small_gt({0, 0, 10, 10});
    const std::vector<frame_detection> half_continuous{det(0, 1, 0, 0.9, {0, 0, 10, 5})};
    CHECK(*evaluate(gt_continuous, half_continuous, 0.5, vidata::multisports_tubes).ap[0] == 0.5);
}

namespace {
struct act_best_overall : vidata::act_tube_policy {
    static constexpr vidata::gt_matching matching = vidata::gt_matching::best_overall;
};
struct multisports_best_unmatched : vidata::multisports_tube_policy {
    static constexpr vidata::gt_matching matching = vidata::gt_matching::best_unmatched;
};
}  // namespace

TEST_CASE("frame_mean_ap: ACT claims the best unclaimed box, MultiSports only the best box", "[metrics][frame_map]") {
    // Frame 1 holds g1 = [0,0,10,10] and g2 = [1,0,11,10]. Two detections at g1's place: the first takes g1;
    // the second's best is g1 again (IoU 1), its second best g2 (continuous 90/110, inclusive 110/132).
    tube_ground_truth gt = small_gt();
    tube t(1, 5), u(1, 5);
    t << 1, 0, 0, 10, 10;
    u << 1, 1, 0, 11, 10;
    gt.gttubes["a/v0"][0] = {t, u};
    const std::vector<frame_detection> d{det(0, 1, 0, 0.9, {0, 0, 10, 10}), det(0, 1, 0, 0.8, {0, 0, 10, 10})};
    // best_unmatched: TP, TP → AP 1 (trapezoid: 1/2·2/2 + 1/2·2/2; VOC: 1/2 + 1/2).
    CHECK(*evaluate(gt, d).ap[0] == 1.0);
    CHECK(*evaluate(gt, d, 0.5, multisports_best_unmatched{}).ap[0] == 1.0);
    // best_overall: TP, FP → precision 1, 1/2 at recall 1/2, 1/2. Trapezoid 1/2; VOC 1/2.
    CHECK(*evaluate(gt, d, 0.5, vidata::multisports_tubes).ap[0] == 0.5);
    CHECK(*evaluate(gt, d, 0.5, act_best_overall{}).ap[0] == 0.5);
}

TEST_CASE("frame_mean_ap: equal scores are ordered canonically, or as numpy's argsort orders them", "[metrics][frame_map]") {
    const auto gt = small_gt();
    // A: 0.5 in frame 3 (no ground truth) — B: 0.5 on the box of frame 1. One ground-truth box matters... two exist.
    const frame_detection a = det(0, 3, 0, 0.5, {0, 0, 9, 9}), b = det(0, 1, 0, 0.5, {0, 0, 9, 9});
    // Canonical: (video, frame) puts B first: TP then FP, whatever the input order. precision 1, 1/2; recall 1/2, 1/2.
    // ACT: (1/2)(1 + 1)/2 = 1/2.
    CHECK(*evaluate(gt, {a, b}).ap[0] == 0.5);
    CHECK(*evaluate(gt, {b, a}).ap[0] == 0.5);
    // numpy's argsort keeps two equal values in input order: FP then TP → precision 0, 1/2 at recall 0, 1/2:
    // ACT 0 + (1/2)(1/2 + 0)/2 = 1/8.
    CHECK(*evaluate(gt, {a, b}, 0.5, vidata::test::act_numpy_ties{}).ap[0] == Approx(1.0 / 8.0).epsilon(1e-15));
    CHECK(*evaluate(gt, {b, a}, 0.5, vidata::test::act_numpy_ties{}).ap[0] == 0.5);
    // NaN ranks below every number: a NaN-scored TP after a 0.1 FP.
    const frame_detection nan_b = det(0, 1, 0, std::numeric_limits<double>::quiet_NaN(), {0, 0, 9, 9});
    const frame_detection low_a = det(0, 3, 0, 0.1, {0, 0, 9, 9});
    CHECK(*evaluate(gt, {nan_b, low_a}).ap[0] == Approx(1.0 / 8.0).epsilon(1e-15));
    CHECK(*evaluate(gt, {nan_b, low_a}, 0.5, vidata::test::act_numpy_ties{}).ap[0] == Approx(1.0 / 8.0).epsilon(1e-15));
    // +inf ranks above the largest number: an infinitely confident FP before a 1e308 TP.
    const frame_detection inf_a = det(0, 3, 0, std::numeric_limits<double>::infinity(), {0, 0, 9, 9});
    const frame_detection huge_b = det(0, 1, 0, 1e308, {0, 0, 9, 9});
    CHECK(*evaluate(gt, {huge_b, inf_a}).ap[0] == Approx(1.0 / 8.0).epsilon(1e-15));
}

TEST_CASE("frame_mean_ap rejects what it cannot evaluate", "[metrics][frame_map]") {
    using vidata::test::message_of;
    const auto gt = small_gt();
    CHECK(message_of([&] { (void)evaluate(gt, {det(0, 1, 2, 0.5, {0, 0, 1, 1})}); }).find("detection 0 has label 2, outside the 2 classes") !=
          std::string::npos);
    CHECK(message_of([&] { (void)evaluate(gt, {det(0, 1, 0, 0.5, {0, 0, std::numeric_limits<double>::infinity(), 1})}); })
              .find("non-finite box corner") != std::string::npos);
    CHECK(message_of([&] { (void)vidata::frame_mean_ap(gt, std::span<const frame_detection>(), {.split = 1}); })
              .find("split index 1 (0-based) does not exist: the ground truth has 1 test split(s)") != std::string::npos);
    CHECK(message_of([&] { (void)evaluate(gt, {}, std::nan("")); }).find("threshold is NaN") != std::string::npos);
    tube_ground_truth empty = gt;
    empty.gttubes.clear();
    CHECK(message_of([&] { (void)evaluate(empty, {}); }).find("no class has ground truth in the evaluated videos") != std::string::npos);
    tube_ground_truth bad = gt;
    bad.gttubes["a/v0"][0][0](1, 0) = 1;  // frames 1, 1
    CHECK(message_of([&] { (void)evaluate(bad, {}); }).find("ground-truth tube 0 of class 0 in video 'a/v0': row 1") != std::string::npos);
    bad = gt;
    bad.gttubes["a/v0"][7] = bad.gttubes["a/v0"][0];
    CHECK(message_of([&] { (void)evaluate(bad, {}); }).find("video 'a/v0' has tubes of label 7, outside the 2 classes") != std::string::npos);
}

TEST_CASE("frame_mean_ap: the ground truth copied as detections scores 1", "[metrics][frame_map]") {
    std::mt19937_64 rng(11);
    for (int i = 0; i < 20; ++i) {
        const auto gt = vidata::test::without_repeated_tubes(vidata::test::random_tube_case(rng, 4, false).gt);
        const auto perfect = vidata::test::perfect_frames(gt);
        CHECK(evaluate(gt, perfect).mean_ap == 1.0);
        CHECK(evaluate(gt, perfect, 0.5, vidata::multisports_tubes).mean_ap == 1.0);
        CHECK(evaluate(gt, perfect, 1.0).mean_ap == 1.0);  // IoU 1 reaches even the strictest threshold
    }
}

TEST_CASE("frame_mean_ap does not depend on the order of detections, and only on the order of scores", "[metrics][frame_map]") {
    std::mt19937_64 rng(12);
    for (int i = 0; i < 20; ++i) {
        const auto c = vidata::test::random_tube_case(rng);
        const auto act = evaluate(c.gt, c.frame_detections);
        const auto ms = evaluate(c.gt, c.frame_detections, 0.5, vidata::multisports_tubes);
        auto shuffled = c.frame_detections;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        CHECK(evaluate(c.gt, shuffled).ap == act.ap);
        CHECK(evaluate(c.gt, shuffled, 0.5, vidata::multisports_tubes).ap == ms.ap);
        // A strictly increasing transform keeps every comparison, hence the order under both tie rules.
        auto transformed = c.frame_detections;
        for (auto& d : transformed) d.score = 3.0 * d.score * d.score * d.score + 7.0;
        CHECK(evaluate(c.gt, transformed).ap == act.ap);
        CHECK(evaluate(c.gt, transformed, 0.5, vidata::multisports_tubes).ap == ms.ap);
        CHECK(evaluate(c.gt, transformed, 0.5, vidata::test::act_numpy_ties{}).ap ==
              evaluate(c.gt, c.frame_detections, 0.5, vidata::test::act_numpy_ties{}).ap);
    }
}

TEST_CASE("frame_mean_ap agrees with an independent numpy implementation", "[metrics][frame_map][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(2024);
    int compared = 0;
    for (int i = 0; i < 12; ++i) {
        const auto c = vidata::test::random_tube_case(rng, 3 + i % 3);
        const double threshold = i % 4 == 3 ? 0.3 : 0.5;
        for (const char* policy : {"act", "multisports"})
            for (const char* ties : {"canonical", "numpy"}) {
                auto j = vidata::test::tube_case_json(c, policy, ties, threshold, {});
                j.erase("tube_dets");
                const auto expected = vidata::test::tube_reference(j);
                const bool act = std::string(policy) == "act", canonical = std::string(ties) == "canonical";
                const auto got = act ? (canonical ? evaluate(c.gt, c.frame_detections, threshold)
                                                  : evaluate(c.gt, c.frame_detections, threshold, vidata::test::act_numpy_ties{}))
                                     : (canonical ? evaluate(c.gt, c.frame_detections, threshold, vidata::multisports_tubes)
                                                  : evaluate(c.gt, c.frame_detections, threshold, vidata::test::multisports_numpy_ties{}));
                INFO("case " << i << ", policy " << policy << ", ties " << ties);
                CHECK(vidata::test::same_ap(got.mean_ap, expected.at("frame_map")));
                for (std::size_t k = 0; k < got.ap.size(); ++k) {
                    INFO("class " << k);
                    CHECK(vidata::test::same_ap(got.ap[k], expected.at("frame_ap " + std::to_string(k))));
                }
                ++compared;
            }
    }
    CHECK(compared == 48);
}

TEST_CASE("frame_map_metric is a vidata::metric printing frame_mAP@<threshold>", "[metrics][frame_map]") {
    STATIC_REQUIRE(vidata::metric<vidata::frame_map_metric<>>);
    const auto gt = small_gt();
    const std::vector<frame_detection> d{det(0, 1, 0, 0.9, {0, 0, 9, 9}), det(0, 2, 0, 0.7, {0, 0, 9, 9})};
    const auto r = vidata::frame_map_metric<>{}(d, gt);
    CHECK(r.mean_ap == 1.0);
    const auto j = r.to_json();
    CHECK(j.at("frame_mAP@0.5") == 1.0);
    CHECK(j.at("per_class_ap") == nlohmann::json{{"x", 1.0}});  // y has no ground truth
    CHECK(vidata::frame_map_metric<>{{0, 0.75}}(d, gt).to_json().contains("frame_mAP@0.75"));
    CHECK(vidata::frame_map_result::threshold_name(0.1 + 0.2) == "0.30000000000000004");
}
