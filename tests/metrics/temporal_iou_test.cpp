// SPDX-License-Identifier: Apache-2.0
// Temporal IoU: hand-computed pairs, MMAction2's published case, float32 rounding, numpy's linspace, and numpy itself.
#include "oracle.hpp"
#include "temporal_cases.hpp"

#include <vidata/core/segment.hpp>
#include <vidata/metrics/temporal_iou.hpp>
#include <vidata/metrics/temporal_results.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using vidata::time_interval;

}  // namespace

TEST_CASE("temporal_iou: hand-computed overlaps", "[metrics][temporal_iou]") {
    CHECK(vidata::temporal_iou(time_interval{0, 10}, time_interval{0, 10}) == 1.0);
    CHECK(vidata::temporal_iou(time_interval{0, 10}, time_interval{5, 15}) == 5.0 / 15.0);
    CHECK(vidata::temporal_iou(time_interval{0, 10}, time_interval{2, 4}) == 0.2);
    CHECK(vidata::temporal_iou(time_interval{0, 1}, time_interval{2, 3}) == 0.0);  // disjoint: clipped at 0
    CHECK(vidata::temporal_iou(time_interval{0, 1}, time_interval{1, 2}) == 0.0);  // touching
    // Any type with start and end members works: vidata::segment and scored_segment.
    CHECK(vidata::temporal_iou(vidata::segment{0, 4, "a", 0}, vidata::scored_segment{1, 3, 0.5, -1}) == 0.5);
    static_assert(vidata::temporal_iou(time_interval{0, 4}, time_interval{0, 2}) == 0.5);  // constexpr
}

TEST_CASE("temporal_iou: zero-length segments give what numpy gives", "[metrics][temporal_iou]") {
    // Two zero-length segments: 0 / 0, NaN in both references (no guard), wherever they are.
    CHECK(std::isnan(vidata::temporal_iou(time_interval{3, 3}, time_interval{3, 3})));
    CHECK(std::isnan(vidata::temporal_iou(time_interval{3, 3}, time_interval{7, 7})));
    CHECK(std::isnan(vidata::temporal_iou(time_interval{3, 3}, time_interval{7, 7}, vidata::mmaction2_metrics)));
    // One zero-length segment: intersection 0 over a positive union.
    CHECK(vidata::temporal_iou(time_interval{3, 3}, time_interval{0, 10}) == 0.0);
    CHECK(vidata::temporal_iou(time_interval{0, 10}, time_interval{5, 5}) == 0.0);
}

TEST_CASE("pairwise_temporal_iou: MMAction2's published case", "[metrics][temporal_iou]") {
    // mmaction2 tests/test_metrics/test_accuracy.py, test_pairwise_temporal_iou, calls
    // pairwise_temporal_iou(np.array([[1, 2], [2, 3]]), np.array([[2, 3], [2.5, 3]])) -> [[0, 1], [0, 0.5]]:
    // the first argument is the candidates, the second the targets (rows of the result).
    const std::vector<time_interval> candidates{{1, 2}, {2, 3}};
    const std::vector<time_interval> targets{{2, 3}, {2.5, 3}};
    for (const auto& m : {vidata::pairwise_temporal_iou(candidates, targets),
                          vidata::pairwise_temporal_iou(candidates, targets, vidata::mmaction2_metrics)}) {
        REQUIRE(m.rows() == 2);
        REQUIRE(m.cols() == 2);
        CHECK(m(0, 0) == 0.0);
        CHECK(m(0, 1) == 1.0);
        CHECK(m(1, 0) == 0.0);
        CHECK(m(1, 1) == 0.5);
    }
    // Empty sides give empty matrices of the other dimension.
    CHECK(vidata::pairwise_temporal_iou(std::vector<time_interval>{}, targets).cols() == 0);
    CHECK(vidata::pairwise_temporal_iou(candidates, std::vector<time_interval>{}).rows() == 0);
}

TEST_CASE("pairwise_temporal_overlaps: overlap_self is the intersection over the candidate's length", "[metrics][temporal_iou]") {
    const std::vector<time_interval> targets{{0, 10}};
    const std::vector<time_interval> candidates{{5, 15}, {2, 4}, {20, 20}};
    const auto o = vidata::pairwise_temporal_overlaps(candidates, targets);
    CHECK(o.iou(0, 0) == 5.0 / 15.0);
    CHECK(o.overlap_self(0, 0) == 0.5);
    CHECK(o.overlap_self(0, 1) == 1.0);
    CHECK(std::isnan(o.overlap_self(0, 2)));  // zero-length candidate: 0 / 0
}

TEST_CASE("temporal_iou: MMAction2's float32 result lands a tIoU of 0.7 below the threshold 0.7", "[metrics][temporal_iou]") {
    // 7 / 10 in double is 0.69999999999999996; MMAction2 stores it as float32 0.699999988.
    const double official = vidata::temporal_iou(time_interval{0, 10}, time_interval{0, 7});
    const double mm = vidata::temporal_iou(time_interval{0, 10}, time_interval{0, 7}, vidata::mmaction2_metrics);
    CHECK(official == 0.7);
    CHECK(mm == static_cast<double>(0.7f));
    CHECK(mm < 0.7);
    const std::vector<double> thresholds = vidata::activitynet_tiou_thresholds();
    CHECK(thresholds[4] == 0.7);
    CHECK(official >= thresholds[4]);
    CHECK_FALSE(mm >= thresholds[4]);  // the flip the mmaction2 policy reproduces in detection
}

TEST_CASE("numpy_linspace: numpy's doubles, not the decimals they print as", "[metrics][temporal_iou]") {
    const std::vector<double> t = vidata::numpy_linspace(0.5, 0.95, 10);
    REQUIRE(t.size() == 10);
    CHECK(t.front() == 0.5);
    CHECK(t.back() == 0.95);
    // np.linspace(0.5, 0.95, 10)[8] is 0.8999999999999999, not 0.9.
    CHECK(t[8] == 0.8999999999999999);
    CHECK(t[8] != 0.9);
    CHECK(vidata::numpy_linspace(0.3, 0.7, 1) == std::vector<double>{0.3});
    CHECK(vidata::numpy_linspace(0.3, 0.7, 0).empty());
    CHECK(vidata::numpy_linspace(0.5, 0.5, 3) == std::vector<double>{0.5, 0.5, 0.5});  // step 0: numpy's other branch

    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    for (const auto& [start, stop, num] : {std::tuple{0.5, 0.95, 10}, std::tuple{0.3, 0.7, 5}, std::tuple{0.1, 0.9, 17},
                                           std::tuple{0.0, 1.0, 101}, std::tuple{0.95, 0.5, 10}}) {
        vidata::test::write_file(dir / "options.json", nlohmann::json{{"linspace", {start, stop, num}}}.dump());
        const auto r = vidata::test::run_python("anet_reference.py", "linspace " + vidata::test::shell_quote(dir.path().string()));
        INFO(r.output);
        REQUIRE(r.status == 0);
        const auto expected = nlohmann::json::parse(r.output)["values"].get<std::vector<double>>();
        CHECK(vidata::numpy_linspace(start, stop, static_cast<std::size_t>(num)) == expected);  // bit for bit
    }
}

TEST_CASE("pairwise_temporal_iou: agrees with numpy on random segments, in each arithmetic", "[metrics][temporal_iou]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    std::mt19937_64 rng(20240611);
    for (int round = 0; round < 6; ++round) {
        std::vector<time_interval> candidates, targets;
        for (int i = 0; i < 25; ++i) {
            const auto a = vidata::test::detail::segment(rng, true);
            candidates.push_back({a[0].get<double>(), a[1].get<double>()});
        }
        for (int i = 0; i < 9; ++i) {
            const auto a = vidata::test::detail::segment(rng, true);
            targets.push_back({a[0].get<double>(), a[1].get<double>()});
        }
        auto pairs = [](const std::vector<time_interval>& v) {
            nlohmann::json a = nlohmann::json::array();
            for (const auto& s : v) a.push_back({s.start, s.end});
            return a;
        };
        for (const std::string policy : {"official", "mmaction2", "mmaction2_ar"}) {
            vidata::test::write_file(dir / "iou.json",
                                     nlohmann::json{{"candidates", pairs(candidates)}, {"targets", pairs(targets)}, {"policy", policy}}.dump());
            const auto r = vidata::test::run_python("anet_reference.py", "iou " + vidata::test::shell_quote(dir.path().string()));
            INFO(r.output);
            REQUIRE(r.status == 0);
            const auto expected = nlohmann::json::parse(r.output);
            vidata::temporal_overlaps got;
            if (policy == "official") {
                got = vidata::pairwise_temporal_overlaps(candidates, targets);
            } else if (policy == "mmaction2") {
                got = vidata::pairwise_temporal_overlaps(candidates, targets, vidata::mmaction2_metrics);
            } else {
                // AR@AN's path: segments rounded to float32 first, then float32 arithmetic (overlap_self is
                // not part of it; only the tIoU is compared).
                got.iou = vidata::tiou_matrix(static_cast<Eigen::Index>(targets.size()), static_cast<Eigen::Index>(candidates.size()));
                for (std::size_t i = 0; i < targets.size(); ++i)
                    for (std::size_t j = 0; j < candidates.size(); ++j)
                        got.iou(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
                            vidata::detail::tiou_of<vidata::tiou_arithmetic::mmaction2_float32, true>(
                                targets[i].start, targets[i].end, candidates[j].start, candidates[j].end);
            }
            INFO("policy " << policy << ", round " << round);
            for (std::size_t i = 0; i < targets.size(); ++i)
                for (std::size_t j = 0; j < candidates.size(); ++j) {
                    const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
                    const double want = vidata::test::json_number(expected["iou"][i][j]);
                    const double have = got.iou(ii, jj);
                    CHECK(((std::isnan(want) && std::isnan(have)) || want == have));  // bit for bit
                    if (policy == "mmaction2_ar") continue;
                    const double want_self = vidata::test::json_number(expected["overlap_self"][i][j]);
                    const double have_self = got.overlap_self(ii, jj);
                    CHECK(((std::isnan(want_self) && std::isnan(have_self)) || want_self == have_self));
                }
        }
    }
}
