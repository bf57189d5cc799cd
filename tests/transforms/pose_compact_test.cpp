// SPDX-License-Identifier: Apache-2.0
#include <vidata/transforms/pose_compact.hpp>

#include <vidata/core/concepts.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

using vidata::rng;
using vidata::skeleton_record;
using vidata::transforms::pose_box;
using vidata::transforms::pose_compact;

namespace pose_compact_test {

// One person in one frame, a keypoint per point.
skeleton_record record_of(const std::vector<std::array<float, 2>>& points, vidata::image_size shape = {200, 300}) {
    skeleton_record r;
    r.frame_dir = "clip";
    r.img_shape = shape;
    r.keypoint = vidata::float_tensor({1, 1, points.size(), 2});
    r.keypoint_score = vidata::float_tensor({1, 1, points.size()}, 1.f);
    for (std::size_t i = 0; i < points.size(); ++i) {
        r.keypoint(0, 0, i, 0) = points[i][0];
        r.keypoint(0, 0, i, 1) = points[i][1];
    }
    return r;
}

std::array<float, 2> point(const skeleton_record& r, std::size_t i) { return {r.keypoint(0, 0, i, 0), r.keypoint(0, 0, i, 1)}; }

}  // namespace pose_compact_test

TEST_CASE("pose_compact: the padded box around the detected keypoints, coordinates shifted", "[transforms][pose_compact]") {
    using namespace pose_compact_test;
    // x spans 10..50 and y 20..60 (the zeros are undetected); centre (30, 40), half sides 20·1.25 = 25.
    const skeleton_record r = record_of({{10, 20}, {50, 60}, {0, 0}, {30, 0}});
    rng g;
    CHECK(pose_compact{}.region(r) == pose_box{5, 15, 55, 65});
    const skeleton_record out = pose_compact{}(skeleton_record(r), g);
    CHECK(out.img_shape == vidata::image_size{50, 50});
    CHECK(point(out, 0) == std::array<float, 2>{5, 5});
    CHECK(point(out, 1) == std::array<float, 2>{45, 45});
    CHECK(point(out, 2) == std::array<float, 2>{0, 0});   // a zero stays zero
    CHECK(point(out, 3) == std::array<float, 2>{25, 0});  // per coordinate
    CHECK(out.keypoint_score == r.keypoint_score);
}

TEST_CASE("pose_compact: hw_ratio squares the box, allow_imgpad decides whether it may leave the image", "[transforms][pose_compact]") {
    using namespace pose_compact_test;
    // x 10..90 (half width 40·1.25 = 50), y 20..40 (half height 12.5 → raised to 1·50); centre (50, 30).
    const skeleton_record r = record_of({{10, 20}, {90, 40}}, {60, 100});
    rng g;
    const pose_compact square{.hw_ratio = std::array{1.0, 1.0}};
    CHECK(square.region(r) == pose_box{0, -20, 100, 80});
    const skeleton_record padded = square(skeleton_record(r), g);
    CHECK(padded.img_shape == vidata::image_size{100, 100});
    CHECK(point(padded, 0) == std::array<float, 2>{10, 40});
    const pose_compact inside{.hw_ratio = std::array{1.0, 1.0}, .allow_imgpad = false};
    CHECK(inside.region(r) == pose_box{0, 0, 100, 60});
    CHECK(inside(skeleton_record(r), g).img_shape == vidata::image_size{60, 100});
    // A ratio pair (a, b): height at least a·width, then width at least height / b.
    const pose_compact tall{.padding = 0.0, .hw_ratio = std::array{2.0, 4.0}};
    // x 0..40 → half width 20, y 0..20 → half height 10 → max(2·20, 10) = 40; width max(40 / 4, 20) = 20.
    CHECK(tall.region(record_of({{100, 100}, {140, 120}})) == pose_box{100, 70, 140, 150});
}

TEST_CASE("pose_compact: corners truncate toward zero, as Python's int()", "[transforms][pose_compact]") {
    using namespace pose_compact_test;
    // x 1..12: centre 6.5, half width 5.5·1.25 = 6.875 → -0.375 and 13.375 → 0 and 13 (floor would give -1);
    // y 1..30: centre 15.5, half height 14.5·1.25 = 18.125 → -2.625 and 33.625 → -2 and 33.
    CHECK(pose_compact{}.region(record_of({{1, 1}, {12, 30}})) == pose_box{0, -2, 13, 33});
}

TEST_CASE("pose_compact: NaN becomes 0; a box under the threshold changes nothing else", "[transforms][pose_compact]") {
    using namespace pose_compact_test;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    rng g;
    // Only 9 pixels wide: below the threshold of 10.
    const skeleton_record small = record_of({{100, 100}, {109, 150}, {nan, 120}});
    const skeleton_record out = pose_compact{}(skeleton_record(small), g);
    CHECK(out.img_shape == small.img_shape);
    CHECK(point(out, 2) == std::array<float, 2>{0, 120});
    CHECK(point(out, 0) == point(small, 0));
    CHECK_FALSE(pose_compact{}.region(small).has_value());
    CHECK(pose_compact{.threshold = 9}.region(small).has_value());
    // No keypoint at all.
    CHECK_FALSE(pose_compact{}.region(record_of({{0, 0}, {nan, nan}})).has_value());
    // A NaN does not count as a detection: without the NaN the box is the same.
    CHECK(pose_compact{}.region(record_of({{10, 20}, {50, 60}, {nan, 500}})) == pose_compact{}.region(record_of({{10, 20}, {50, 60}, {0, 500}})));
}

TEST_CASE("pose_compact: every person and frame counts; bad records are rejected", "[transforms][pose_compact]") {
    skeleton_record r;
    r.frame_dir = "two";
    r.img_shape = {100, 100};
    r.keypoint = vidata::float_tensor({2, 2, 1, 2});
    r.keypoint(0, 0, 0, 0) = 20, r.keypoint(0, 0, 0, 1) = 30;  // person 0, frame 0
    r.keypoint(1, 1, 0, 0) = 60, r.keypoint(1, 1, 0, 1) = 70;  // person 1, frame 1
    r.keypoint_score = vidata::float_tensor({2, 2, 1}, 1.f);
    CHECK(pose_compact{.padding = 0.0}.region(r) == pose_box{20, 30, 60, 70});
    r.keypoint_score = vidata::float_tensor({2, 3, 1}, 1.f);
    rng g;
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)pose_compact{}(skeleton_record(r), g); }), Catch::Contains("'two': keypoint is not M x T x V x C"));
    STATIC_REQUIRE(vidata::transform<pose_compact, skeleton_record>);
}
