// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::tube_iou and the box IoU it averages: hand-computed values under both policies, gaps, degenerate input.
#include <vidata/metrics/box_iou.hpp>
#include <vidata/metrics/tube_iou.hpp>

#include "support.hpp"
#include "tube_cases.hpp"

#include <initializer_list>
#include <random>

namespace {

using vidata::box;
using vidata::box_extent;
using vidata::clamped_box_iou;
using vidata::frame_extent;
using vidata::tube;

// A tube over `frames`, every frame with the same box.
tube constant_tube(std::initializer_list<int> frames, box b) {
    tube t(static_cast<Eigen::Index>(frames.size()), 5);
    Eigen::Index i = 0;
    for (int f : frames) t.row(i++) << f, b.x1, b.y1, b.x2, b.y2;
    return t;
}

using vidata::test::span_tube;

}  // namespace

TEST_CASE("clamped_box_iou: inclusive pixels add one to each side, continuous does not", "[metrics][tube_iou]") {
    // [0,0,9,9] and [5,0,14,9]: inclusive sides 10 x 10 = 100 each, intersection x 5..9 → 5, y 10 → 50,
    // union 150 → 1/3. Continuous: sides 9 x 9 = 81 each, intersection 4 x 9 = 36, union 126 → 2/7.
    const box a{0, 0, 9, 9}, b{5, 0, 14, 9};
    CHECK(clamped_box_iou<box_extent::inclusive_pixels>(a, b) == 50.0 / 150.0);
    CHECK(clamped_box_iou<box_extent::continuous>(a, b) == 36.0 / 126.0);
    // Touching boxes: continuous [0,0,10,10] and [10,0,20,10] share a line (0); inclusive pixels share column 10:
    // 1 x 11 = 11 over 121 + 121 - 11 = 231.
    CHECK(clamped_box_iou<box_extent::continuous>({0, 0, 10, 10}, {10, 0, 20, 10}) == 0.0);
    CHECK(clamped_box_iou<box_extent::inclusive_pixels>({0, 0, 10, 10}, {10, 0, 20, 10}) == 11.0 / 231.0);
}

TEST_CASE("clamped_box_iou is 0 where the references produce NaN or negative areas", "[metrics][tube_iou]") {
    // Two identical zero-area boxes: continuous 0/0 (numpy: NaN) is defined as 0; inclusive pixels make it 1 x 1 = 1.
    CHECK(clamped_box_iou<box_extent::continuous>({2, 2, 2, 2}, {2, 2, 2, 2}) == 0.0);
    CHECK(std::isnan(vidata::box_iou({2, 2, 2, 2}, {2, 2, 2, 2})));  // the numpy-exact box_iou keeps the NaN
    CHECK(clamped_box_iou<box_extent::inclusive_pixels>({2, 2, 2, 2}, {2, 2, 2, 2}) == 1.0);
    // A zero-width box inside a real one: continuous intersection 0 → 0; inclusive: 1 x 5 = 5 over 5 + 100 - 5.
    CHECK(clamped_box_iou<box_extent::continuous>({3, 0, 3, 4}, {0, 0, 9, 9}) == 0.0);
    CHECK(clamped_box_iou<box_extent::inclusive_pixels>({3, 0, 3, 4}, {0, 0, 9, 9}) == 5.0 / 100.0);
    // An inverted box has no area and overlaps nothing.
    CHECK(clamped_box_iou<box_extent::continuous>({10, 10, 0, 0}, {0, 0, 10, 10}) == 0.0);
    CHECK(clamped_box_iou<box_extent::inclusive_pixels>({10, 10, 0, 0}, {0, 0, 10, 10}) == 0.0);
}

TEST_CASE("clamped_box_iou<continuous> equals vidata::box_iou bit for bit on well-formed boxes", "[metrics][tube_iou]") {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> coordinate(0.0, 100.0);
    for (int i = 0; i < 2000; ++i) {
        auto random_box = [&] {
            double x1 = coordinate(rng), x2 = coordinate(rng), y1 = coordinate(rng), y2 = coordinate(rng);
            if (x2 < x1) std::swap(x1, x2);
            if (y2 < y1) std::swap(y1, y2);
            return box{x1, y1, x2 + 0.5, y2 + 0.5};
        };
        const box a = random_box(), b = random_box();
        const double ours = clamped_box_iou<box_extent::continuous>(a, b);
        const double numpy_exact = vidata::box_iou(a, b);
        REQUIRE(ours == numpy_exact);
        CHECK(ours == clamped_box_iou<box_extent::continuous>(b, a));  // symmetric
        CHECK(clamped_box_iou<box_extent::inclusive_pixels>(a, b) == clamped_box_iou<box_extent::inclusive_pixels>(b, a));
    }
}

TEST_CASE("frame_span_iou counts frames inclusively (ACT) or as continuous time (MultiSports)", "[metrics][tube_iou]") {
    using vidata::frame_span_iou;
    // [1,10] and [6,15]: inclusive 5 common frames over 15; continuous 4 over 14.
    CHECK(frame_span_iou<frame_extent::inclusive_frames>(1, 10, 6, 15) == 5.0 / 15.0);
    CHECK(frame_span_iou<frame_extent::continuous>(1, 10, 6, 15) == 4.0 / 14.0);
    // Sharing only frame 10: inclusive 1/15, continuous 0/14.
    CHECK(frame_span_iou<frame_extent::inclusive_frames>(1, 10, 10, 15) == 1.0 / 15.0);
    CHECK(frame_span_iou<frame_extent::continuous>(1, 10, 10, 15) == 0.0);
    // Disjoint, adjacent: 0 under both.
    CHECK(frame_span_iou<frame_extent::inclusive_frames>(1, 5, 6, 10) == 0.0);
    CHECK(frame_span_iou<frame_extent::continuous>(1, 5, 6, 10) == 0.0);
    // Two single-frame tubes on the same frame: inclusive 1/1; continuous 0/0 is defined as 0.
    CHECK(frame_span_iou<frame_extent::inclusive_frames>(4, 4, 4, 4) == 1.0);
    CHECK(frame_span_iou<frame_extent::continuous>(4, 4, 4, 4) == 0.0);
}

TEST_CASE("tube_iou is temporal IoU times the mean box IoU over the common frames", "[metrics][tube_iou]") {
    // A: frames 1..4 at [0,0,9,9]; B: frames 3..6 at [5,0,14,9].
    const tube a = span_tube(1, 4, {0, 0, 9, 9});
    const tube b = span_tube(3, 6, {5, 0, 14, 9});
    // ACT: temporal (4-3+1)/(6-1+1) = 2/6, box IoU 50/150 on each common frame → (1/3)·(1/3) = 1/9.
    CHECK(vidata::tube_iou(a, b) == Approx(1.0 / 9.0).epsilon(1e-15));
    // MultiSports: temporal (4-3)/(6-1) = 1/5, box IoU 36/126 = 2/7 → 2/35.
    CHECK(vidata::tube_iou(a, b, vidata::multisports_tubes) == Approx(2.0 / 35.0).epsilon(1e-15));
    CHECK(vidata::tube_iou(a, b) == vidata::tube_iou(b, a));
    CHECK(vidata::tube_iou(a, a) == 1.0);
    CHECK(vidata::tube_iou(a, a, vidata::multisports_tubes) == 1.0);
}

TEST_CASE("tube_iou: disjoint spans give 0, a frame missing from one tube counts 0 in the mean", "[metrics][tube_iou]") {
    const box b{0, 0, 9, 9};
    CHECK(vidata::tube_iou(span_tube(1, 5, b), span_tube(6, 10, b)) == 0.0);
    CHECK(vidata::tube_iou(span_tube(1, 5, b), span_tube(20, 30, b), vidata::multisports_tubes) == 0.0);
    // A = frames 1, 2, 3; B = frames 1, 3 (a gap at 2), same boxes. ACT: temporal 3/3, mean (1 + 0 + 1)/3 = 2/3.
    const tube full = constant_tube({1, 2, 3}, b);
    const tube gap = constant_tube({1, 3}, b);
    CHECK(vidata::tube_iou(full, gap) == Approx(2.0 / 3.0).epsilon(1e-15));
    // MultiSports: temporal (3-1)/(3-1) = 1, the same mean over frames 1..3 → 2/3.
    CHECK(vidata::tube_iou(full, gap, vidata::multisports_tubes) == Approx(2.0 / 3.0).epsilon(1e-15));
    // Gaps in both at different frames: A = 1, 3, 4; B = 1, 2, 4 → common frames 1 and 4 of 1..4: (1+0+0+1)/4.
    CHECK(vidata::tube_iou(constant_tube({1, 3, 4}, b), constant_tube({1, 2, 4}, b)) == 0.5);
    // A single shared frame: ACT 1/(5-1+1) · 1; MultiSports' continuous length is 0 there → 0.
    CHECK(vidata::tube_iou(span_tube(1, 3, b), span_tube(3, 5, b)) == Approx(1.0 / 5.0).epsilon(1e-15));
    CHECK(vidata::tube_iou(span_tube(1, 3, b), span_tube(3, 5, b), vidata::multisports_tubes) == 0.0);
}

TEST_CASE("tube_iou rejects tubes it cannot measure, naming the row", "[metrics][tube_iou]") {
    using vidata::test::message_of;
    const tube good = span_tube(1, 3, {0, 0, 9, 9});
    CHECK(message_of<vidata::invalid_argument>([&] { (void)vidata::tube_iou(tube(0, 5), good); }).find("at least one row") != std::string::npos);
    tube unsorted = constant_tube({1, 3, 2}, {0, 0, 9, 9});
    CHECK(message_of<vidata::invalid_argument>([&] { (void)vidata::tube_iou(good, unsorted); }).find("row 2 has frame 2 after frame 3") !=
          std::string::npos);
    tube repeated = constant_tube({1, 1}, {0, 0, 9, 9});
    CHECK(message_of<vidata::invalid_argument>([&] { (void)vidata::tube_iou(repeated, good); }).find("strictly increasing") != std::string::npos);
    tube fractional = good;
    fractional(1, 0) = 2.5;
    CHECK(message_of<vidata::invalid_argument>([&] { (void)vidata::tube_iou(fractional, good); }).find("expected an integer") != std::string::npos);
    tube nan_box = good;
    nan_box(2, 3) = std::nan("");
    CHECK(message_of<vidata::invalid_argument>([&] { (void)vidata::tube_iou(nan_box, good); }).find("row 2 has a non-finite box corner") !=
          std::string::npos);
}
