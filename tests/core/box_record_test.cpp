// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::box_record: defaults, equality with and without a score, box extent.
#include <vidata/core/box_record.hpp>

#include "support.hpp"

using vidata::box_record;

TEST_CASE("box_record defaults: no action, no person, no score", "[core][box_record]") {
    const box_record b;
    CHECK(b.video_id.empty());
    CHECK(b.timestamp == 0);
    CHECK(b.action_id == -1);
    CHECK(b.person_id == -1);
    CHECK_FALSE(b.score.has_value());
    CHECK(b.width() == 0.0);
}

TEST_CASE("box_record equality compares every field, the score included", "[core][box_record]") {
    // -5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1
    const box_record gt{"-5KQ66BBWC4", 902, 0.077, 0.151, 0.283, 0.811, 80, 1, std::nullopt};
    CHECK(gt.width() == Approx(0.206));
    CHECK(gt.height() == Approx(0.660));
    box_record other = gt;
    CHECK(other == gt);

    SECTION("a detection differs from the ground truth by its score") { other.score = 0.9; }
    SECTION("video_id") { other.video_id = "-5KQ66BBWC5"; }
    SECTION("timestamp") { other.timestamp = 903; }
    SECTION("x1") { other.x1 = 0.078; }
    SECTION("y1") { other.y1 = 0.152; }
    SECTION("x2") { other.x2 = 0.284; }
    SECTION("y2") { other.y2 = 0.812; }
    SECTION("action_id") { other.action_id = 79; }
    SECTION("person_id") { other.person_id = 2; }
    CHECK(other != gt);
}
