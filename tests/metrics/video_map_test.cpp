// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::video_mean_ap: hand-computed cases under both policies, thresholds, properties, and the numpy reference.
#include <vidata/metrics/video_map.hpp>

#include "support.hpp"
#include "tube_cases.hpp"

#include <algorithm>
#include <limits>
#include <random>
#include <span>
#include <vector>

namespace {

using vidata::tube;
using vidata::tube_detection;
using vidata::tube_ground_truth;
using vidata::video_map_options;

using vidata::test::span_tube;

// Videos "a/v0" (evaluated, two class-x tubes over frames 1-10 and 21-30) and "a/v1" (evaluated, none);
// classes "x" and "y" (no ground truth).
tube_ground_truth two_tube_gt() {
    tube_ground_truth gt;
    gt.labels = {"x", "y"};
    gt.test_videos = {{"a/v0", "a/v1"}};
    gt.gttubes["a/v0"][0] = {span_tube(1, 10), span_tube(21, 30)};
    gt.nframes = {{"a/v0", 30}, {"a/v1", 30}};
    return gt;
}

template <class P = vidata::act_tube_policy>
vidata::video_map_result evaluate(const tube_ground_truth& gt, const std::vector<tube_detection>& d, std::vector<double> thresholds = {0.2, 0.5, 0.75},
                                  P p = {}) {
    return vidata::video_mean_ap(gt, std::span<const tube_detection>(d), video_map_options{0, std::move(thresholds)}, p);
}

}  // namespace

TEST_CASE("video_map_50_95_thresholds are computed as the references compute them", "[metrics][video_map]") {
    const auto t = vidata::video_map_50_95_thresholds();
    REQUIRE(t.size() == 10);
    CHECK(t.front() == 0.5);
    CHECK(t.back() == 0.95);
    CHECK(t[7] == 0.5 + 0.05 * 7.0);
    CHECK(t[7] != 0.85);  // 0.8500000000000001
}

TEST_CASE("video_mean_ap: a hit, a late tube, a tube in a video without ground truth", "[metrics][video_map]") {
    const auto gt = two_tube_gt();
    const std::vector<tube_detection> d{
        {0, 0, 0.9, span_tube(1, 10)},   // IoU 1 with the first tube
        {0, 0, 0.8, span_tube(16, 30)},  // the second tube: ACT (30-21+1)/(30-16+1) = 2/3; MultiSports (30-21)/(30-16) = 9/14
        {1, 0, 0.7, span_tube(1, 10)},   // a/v1 has no ground truth: FP
    };
    const auto act = evaluate(gt, d);
    REQUIRE(act.mean_ap.size() == 3);
    // At 0.2 and 0.5: TP, TP, FP — precision 1, 1, 2/3; recall 1/2, 1, 1. Trapezoids: 1/2 + 1/2 + 0 = 1.
    CHECK(act.mean_ap[0] == 1.0);
    CHECK(act.mean_ap[1] == 1.0);
    // At 0.75: TP, FP, FP — precision 1, 1/2, 1/3 at recall 1/2: 1/2.
    CHECK(act.mean_ap[2] == 0.5);
    // 0.5:0.95: 2/3 reaches 0.5, 0.55, 0.6, 0.65 (AP 1) but not the six others (AP 1/2): (4 + 3)/10.
    CHECK(act.mean_ap_50_95 == Approx(0.7).epsilon(1e-15));
    CHECK(*act.ap_50_95[0] == Approx(0.7).epsilon(1e-15));
    CHECK_FALSE(act.ap[1][1].has_value());
    CHECK(act.num_ground_truth == std::vector<std::int64_t>{2, 0});
    CHECK(act.num_detections == std::vector<std::int64_t>{3, 0});

    const auto ms = evaluate(gt, d, {0.2, 0.5, 0.75}, vidata::multisports_tubes);
    CHECK(ms.mean_ap[0] == 1.0);
    CHECK(ms.mean_ap[1] == 1.0);
    CHECK(ms.mean_ap[2] == 0.5);  // VOC: recall 1/2 at precision 1
    // 9/14 = 0.643 reaches 0.5, 0.55, 0.6 only: (3 + 7/2)/10.
    CHECK(ms.mean_ap_50_95 == Approx(0.65).epsilon(1e-15));
}

TEST_CASE("video_mean_ap: thresholds are met with >=, in the references' arithmetic", "[metrics][video_map]") {
    tube_ground_truth gt = two_tube_gt();
    gt.gttubes["a/v0"][0] = {span_tube(1, 20)};
    // ACT: frames 1-17 of 1-20 → temporal 17/20 = 0.85 (the double nearest), spatial 1. The single detection
    // is a TP (AP 1) at 0.5 … 0.8 and a FP (AP 0) at 0.8500000000000001, 0.9, 0.95: 7/10.
    const std::vector<tube_detection> d{{0, 0, 0.5, span_tube(1, 17)}};
    const auto r = evaluate(gt, d, {0.85});
    CHECK(r.mean_ap[0] == 1.0);  // 0.85 ≥ 0.85
    CHECK(r.mean_ap_50_95 == Approx(0.7).epsilon(1e-15));
}

TEST_CASE("video_mean_ap: ACT claims the best unclaimed tube, MultiSports only the best tube", "[metrics][video_map]") {
    tube_ground_truth gt = two_tube_gt();
    gt.gttubes["a/v0"][0] = {span_tube(1, 10, {0, 0, 10, 10}), span_tube(1, 10, {1, 0, 11, 10})};
    // Both detections sit on the first tube; the second one's second best is the other tube (ACT 110/132,
    // MultiSports 90/110 on every frame).
    const std::vector<tube_detection> d{{0, 0, 0.9, span_tube(1, 10, {0, 0, 10, 10})}, {0, 0, 0.8, span_tube(1, 10, {0, 0, 10, 10})}};
    CHECK(evaluate(gt, d, {0.5}).mean_ap[0] == 1.0);                            // TP, TP
    CHECK(evaluate(gt, d, {0.5}, vidata::multisports_tubes).mean_ap[0] == 0.5);  // TP, FP
}

TEST_CASE("video_mean_ap: tubes that do not overlap in time, gaps, other labels", "[metrics][video_map]") {
    const auto gt = two_tube_gt();
    // A tube between the two ground truths (frames 11-20) overlaps neither: FP. Then one with a gap at
    // frame 5 on the first tube: ACT 9/10 · 1 = 0.9 → TP at 0.75. Then class y's tube: not class x's business.
    tube gap(9, 5);
    for (int f = 1, row = 0; f <= 10; ++f)
        if (f != 5) gap.row(row++) << f, 0, 0, 9, 9;
    const std::vector<tube_detection> d{{0, 0, 0.9, span_tube(11, 20)}, {0, 0, 0.8, gap}, {0, 1, 0.95, span_tube(1, 10)}};
    // FP, TP with 2 ground truths: precision 0, 1/2; recall 0, 1/2 → trapezoids 0 + (1/2)(1/2)/2 = 1/8.
    const auto r = evaluate(gt, d, {0.75, 0.95});
    CHECK(r.mean_ap[0] == Approx(1.0 / 8.0).epsilon(1e-15));
    CHECK(r.mean_ap[1] == 0.0);  // 0.9 < 0.95: FP, FP
    CHECK(r.num_detections == std::vector<std::int64_t>{2, 1});
    CHECK(vidata::tube_iou(gt.gttubes.at("a/v0").at(0)[0], gap) == Approx(0.9).epsilon(1e-15));
}

TEST_CASE("video_mean_ap rejects what it cannot evaluate", "[metrics][video_map]") {
    using vidata::test::message_of;
    const auto gt = two_tube_gt();
    CHECK(message_of([&] { (void)evaluate(gt, {{0, -1, 0.5, span_tube(1, 2)}}); }).find("detection 0 has label -1, outside the 2 classes") !=
          std::string::npos);
    CHECK(message_of([&] { (void)evaluate(gt, {{0, 0, 0.5, tube(0, 5)}}); }).find("detection 0: a tube needs at least one row") != std::string::npos);
    CHECK(message_of([&] { (void)evaluate(gt, {}, {std::nan("")}); }).find("threshold is NaN") != std::string::npos);
    CHECK(message_of([&] { (void)vidata::video_mean_ap(gt, std::span<const tube_detection>(), {.split = 3}); }).find("split index 3") !=
          std::string::npos);
    tube_ground_truth empty = gt;
    empty.test_videos = {{"a/v1"}};
    CHECK(message_of([&] { (void)evaluate(empty, {}); }).find("no class has ground truth") != std::string::npos);
}

TEST_CASE("video_mean_ap: the ground truth copied as detections scores 1 at every threshold", "[metrics][video_map]") {
    std::mt19937_64 rng(21);
    for (int i = 0; i < 20; ++i) {
        const auto gt = vidata::test::without_repeated_tubes(vidata::test::random_tube_case(rng, 4, false).gt);
        const auto perfect = vidata::test::perfect_tubes(gt);
        for (const auto& r : {evaluate(gt, perfect, {0.2, 0.5, 0.75, 1.0}), evaluate(gt, perfect, {0.2, 0.5, 0.75, 1.0}, vidata::multisports_tubes)}) {
            CHECK(r.mean_ap == std::vector<double>{1.0, 1.0, 1.0, 1.0});
            CHECK(r.mean_ap_50_95 == 1.0);
        }
    }
}

TEST_CASE("video_mean_ap does not depend on the order of tubes, and only on the order of scores", "[metrics][video_map]") {
    std::mt19937_64 rng(22);
    for (int i = 0; i < 20; ++i) {
        const auto c = vidata::test::random_tube_case(rng);
        const auto act = evaluate(c.gt, c.tube_detections);
        const auto ms = evaluate(c.gt, c.tube_detections, {0.2, 0.5, 0.75}, vidata::multisports_tubes);
        auto shuffled = c.tube_detections;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        CHECK(evaluate(c.gt, shuffled).ap == act.ap);
        CHECK(evaluate(c.gt, shuffled).ap_50_95 == act.ap_50_95);
        CHECK(evaluate(c.gt, shuffled, {0.2, 0.5, 0.75}, vidata::multisports_tubes).ap == ms.ap);
        auto transformed = c.tube_detections;
        for (auto& d : transformed) d.score = std::exp(2.0 * d.score) - 5.0;
        CHECK(evaluate(c.gt, transformed).ap == act.ap);
        CHECK(evaluate(c.gt, transformed, {0.2, 0.5, 0.75}, vidata::multisports_tubes).ap_50_95 == ms.ap_50_95);
        CHECK(evaluate(c.gt, transformed, {0.5}, vidata::test::multisports_numpy_ties{}).ap ==
              evaluate(c.gt, c.tube_detections, {0.5}, vidata::test::multisports_numpy_ties{}).ap);
    }
}

TEST_CASE("video_mean_ap agrees with an independent numpy implementation", "[metrics][video_map][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(4048);
    const std::vector<double> thresholds{0.1, 0.2, 0.5, 0.75};
    int compared = 0;
    for (int i = 0; i < 12; ++i) {
        const auto c = vidata::test::random_tube_case(rng, 3 + i % 3);
        for (const char* policy : {"act", "multisports"})
            for (const char* ties : {"canonical", "numpy"}) {
                auto j = vidata::test::tube_case_json(c, policy, ties, 0.5, thresholds);
                j.erase("frame_dets");
                const auto expected = vidata::test::tube_reference(j);
                const bool act = std::string(policy) == "act", canonical = std::string(ties) == "canonical";
                const auto got = act ? (canonical ? evaluate(c.gt, c.tube_detections, thresholds)
                                                  : evaluate(c.gt, c.tube_detections, thresholds, vidata::test::act_numpy_ties{}))
                                     : (canonical ? evaluate(c.gt, c.tube_detections, thresholds, vidata::multisports_tubes)
                                                  : evaluate(c.gt, c.tube_detections, thresholds, vidata::test::multisports_numpy_ties{}));
                INFO("case " << i << ", policy " << policy << ", ties " << ties);
                for (std::size_t t = 0; t < thresholds.size(); ++t) {
                    INFO("threshold " << thresholds[t]);
                    CHECK(vidata::test::same_ap(got.mean_ap[t], expected.at("video_map " + std::to_string(t))));
                    for (std::size_t k = 0; k < got.labels.size(); ++k)
                        CHECK(vidata::test::same_ap(got.ap[t][k], expected.at("video_ap " + std::to_string(t) + " " + std::to_string(k))));
                }
                CHECK(vidata::test::same_ap(got.mean_ap_50_95, expected.at("video_map_50_95")));
                for (std::size_t k = 0; k < got.labels.size(); ++k)
                    CHECK(vidata::test::same_ap(got.ap_50_95[k], expected.at("video_ap_50_95 " + std::to_string(k))));
                ++compared;
            }
    }
    CHECK(compared == 48);
}

TEST_CASE("suppress_tubes: ACT's nms3dt within each video and class", "[metrics][video_map]") {
    // Video 0, class 0: A (0.9) and B (0.8) on frames 1-10, B shifted by 2 pixels: ACT IoU 80/120 = 2/3 > 0.3,
    // so B goes; C (0.7) on frames 21-30 does not overlap A. D is in video 1, E of class 1: other groups.
    const tube_detection a{0, 0, 0.9, span_tube(1, 10)}, b{0, 0, 0.8, span_tube(1, 10, {2, 0, 11, 9})}, c{0, 0, 0.7, span_tube(21, 30)};
    const tube_detection d{1, 0, 0.95, span_tube(1, 10)}, e{0, 1, 0.1, span_tube(1, 10)};
    const std::vector<tube_detection> input{d, c, e, b, a};
    const auto kept = vidata::suppress_tubes(std::span<const tube_detection>(input), 0.3);
    // Grouped by (video, label), each group in the order kept.
    CHECK(kept == std::vector<tube_detection>{a, c, e, d});
    // B survives a threshold above its IoU; under MultiSports' continuous boxes it is 63/99 = 0.64 > 0.6.
    CHECK(vidata::suppress_tubes(std::span<const tube_detection>(input), 0.7).size() == 5);
    CHECK(vidata::suppress_tubes(std::span<const tube_detection>(input), 0.6, vidata::multisports_tubes).size() == 4);
    // Equal scores: canonically the smaller key is kept; numpy's argsort read from the end keeps the later one.
    const tube_detection b_tied{0, 0, 0.9, span_tube(1, 10, {2, 0, 11, 9})};
    const std::vector<tube_detection> tied{a, b_tied};
    CHECK(vidata::suppress_tubes(std::span<const tube_detection>(tied), 0.3) == std::vector<tube_detection>{a});
    CHECK(vidata::suppress_tubes(std::span<const tube_detection>(tied), 0.3, vidata::test::act_numpy_ties{}) == std::vector<tube_detection>{b_tied});
    CHECK(vidata::test::message_of([&] { (void)vidata::suppress_tubes(std::span<const tube_detection>(tied), std::nan("")); }).find("NaN") !=
          std::string::npos);
}

TEST_CASE("suppress_tubes then video_mean_ap agree with the numpy reference running ACT's nms3dt", "[metrics][video_map][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(8);
    const std::vector<double> thresholds{0.2, 0.5, 0.75};
    for (int i = 0; i < 4; ++i) {
        const auto c = vidata::test::random_tube_case(rng, 4);
        const std::span<const tube_detection> all(c.tube_detections);
        for (const char* policy : {"act", "multisports"})
            for (const char* ties : {"canonical", "numpy"}) {
                auto j = vidata::test::tube_case_json(c, policy, ties, 0.5, thresholds);
                j.erase("frame_dets");
                j["nms"] = 0.3;
                const auto expected = vidata::test::tube_reference(j);
                const bool act = std::string(policy) == "act", canonical = std::string(ties) == "canonical";
                const auto got = act ? (canonical ? evaluate(c.gt, vidata::suppress_tubes(all, 0.3), thresholds)
                                                  : evaluate(c.gt, vidata::suppress_tubes(all, 0.3, vidata::test::act_numpy_ties{}), thresholds,
                                                             vidata::test::act_numpy_ties{}))
                                     : (canonical ? evaluate(c.gt, vidata::suppress_tubes(all, 0.3, vidata::multisports_tubes), thresholds,
                                                             vidata::multisports_tubes)
                                                  : evaluate(c.gt, vidata::suppress_tubes(all, 0.3, vidata::test::multisports_numpy_ties{}), thresholds,
                                                             vidata::test::multisports_numpy_ties{}));
                INFO("case " << i << ", policy " << policy << ", ties " << ties);
                for (std::size_t t = 0; t < thresholds.size(); ++t)
                    CHECK(vidata::test::same_ap(got.mean_ap[t], expected.at("video_map " + std::to_string(t))));
                CHECK(vidata::test::same_ap(got.mean_ap_50_95, expected.at("video_map_50_95")));
            }
    }
}

TEST_CASE("video_map_metric is a vidata::metric printing the four video-mAP keys", "[metrics][video_map]") {
    STATIC_REQUIRE(vidata::metric<vidata::video_map_metric<>>);
    const auto gt = two_tube_gt();
    const std::vector<tube_detection> d{{0, 0, 0.9, span_tube(1, 10)}, {0, 0, 0.8, span_tube(16, 30)}};
    const auto r = vidata::video_map_metric<>{}(d, gt);
    const auto j = r.to_ordered_json();
    std::vector<std::string> keys;
    for (const auto& [key, value] : j.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"video_mAP@0.2", "video_mAP@0.5", "video_mAP@0.75", "video_mAP@0.5:0.95", "per_class_ap"});
    CHECK(j["video_mAP@0.75"] == 0.5);
    CHECK(j["per_class_ap"]["x"]["0.5:0.95"].get<double>() == Approx(0.7).epsilon(1e-15));
    CHECK_FALSE(j["per_class_ap"].contains("y"));
    CHECK(r.to_json().at("video_mAP@0.2") == 1.0);
}
