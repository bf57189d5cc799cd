// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::temporal_record and vidata::segment: defaults, equality, the derived frame rate.
#include <vidata/core/segment.hpp>
#include <vidata/core/temporal_record.hpp>

#include "support.hpp"

using vidata::segment;
using vidata::temporal_record;

TEST_CASE("segment defaults and length", "[core][segment]") {
    const segment s;
    CHECK(s.start == 0.0);
    CHECK(s.end == 0.0);
    CHECK(s.label.empty());
    CHECK(s.label_id == -1);

    segment climb{30.0, 205.4, "Rock climbing", 12};
    CHECK(climb.length() == Approx(175.4));
    segment other = climb;
    CHECK(other == climb);
    other.label_id = 13;
    CHECK(other != climb);
    other = climb;
    other.end = 205.5;
    CHECK(other != climb);
}

TEST_CASE("temporal_record defaults are unknown counts and no annotations", "[core][temporal_record]") {
    const temporal_record r;
    CHECK(r.id.empty());
    CHECK(r.duration_second == 0.0);
    CHECK(r.duration_frame == -1);
    CHECK(r.feature_frame == -1);
    CHECK_FALSE(r.fps.has_value());
    CHECK(r.annotations.empty());
    CHECK_FALSE(r.frame_rate().has_value());
}

TEST_CASE("temporal_record equality compares every field, annotations included", "[core][temporal_record]") {
    temporal_record a;
    a.id = "v_--1DO2V4K74";
    a.duration_second = 211.53;
    a.duration_frame = 6337;
    a.feature_frame = 6336;
    a.annotations = {{30.0, 205.4, "Rock climbing", 0}};
    temporal_record b = a;
    CHECK(a == b);

    SECTION("id") { b.id = "v_x"; }
    SECTION("duration_second") { b.duration_second = 211.5; }
    SECTION("duration_frame") { b.duration_frame = 6336; }
    SECTION("feature_frame") { b.feature_frame = 6337; }
    SECTION("fps") { b.fps = 29.97; }
    SECTION("annotation label") { b.annotations[0].label = "Rock Climbing"; }
    SECTION("annotation count") { b.annotations.push_back(b.annotations[0]); }
    CHECK(a != b);
}

TEST_CASE("temporal_record derives the frame rate where fps is not given", "[core][temporal_record]") {
    temporal_record r;
    r.duration_second = 10.0;
    r.duration_frame = 250;
    REQUIRE(r.frame_rate().has_value());
    CHECK(*r.frame_rate() == Approx(25.0));
    r.fps = 30.0;
    CHECK(*r.frame_rate() == 30.0);
}
