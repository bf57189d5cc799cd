// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::video_record: defaults, equality field by field, the single-label accessor.
#include <vidata/core/video_record.hpp>

#include "support.hpp"

using vidata::video_record;

TEST_CASE("video_record defaults describe an unknown, unlabelled item", "[core][video_record]") {
    const video_record r;
    CHECK(r.path.empty());
    CHECK(r.total_frames == -1);
    CHECK_FALSE(r.frames_known());
    CHECK(r.offset == 0);
    CHECK(r.labels.empty());
    CHECK_FALSE(r.fps.has_value());
    CHECK_FALSE(r.duration.has_value());
}

TEST_CASE("video_record equality compares every field", "[core][video_record]") {
    video_record a;
    a.path = "v_ApplyEyeMakeup_g08_c01";
    a.total_frames = 121;
    a.labels = {0};
    video_record b = a;
    CHECK(a == b);

    SECTION("path") { b.path = "v_ApplyEyeMakeup_g08_c02"; }
    SECTION("total_frames") { b.total_frames = 120; }
    SECTION("offset") { b.offset = 1; }
    SECTION("labels") { b.labels = {0, 3}; }
    SECTION("fps") { b.fps = 25.0; }
    SECTION("duration") { b.duration = 4.84; }
    CHECK_FALSE(a == b);
    CHECK(a != b);
}

TEST_CASE("video_record keeps several labels and gives the single one", "[core][video_record]") {
    video_record r;
    r.path = "some/video.mp4";
    r.labels = {7};
    CHECK(r.label() == 7);
    r.labels = {2, 5, 9};
    CHECK(r.labels.size() == 3);
    r.total_frames = 0;
    CHECK(r.frames_known());
}
