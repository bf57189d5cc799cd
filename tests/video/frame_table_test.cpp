// SPDX-License-Identifier: Apache-2.0
// frame_table and plan_decode on hand-made packet lists: which packet starts each frame's decode, and the passes a read makes.
#include <vidata/io/video/decode_plan.hpp>
#include <vidata/io/video/frame_table.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace frame_table_test {

using vidata::packet_info;

// Packets in decode order from their time stamps; `keys` marks the keyframes by decode position.
std::vector<packet_info> packets(const std::vector<std::int64_t>& pts, const std::vector<std::size_t>& keys) {
    std::vector<packet_info> out;
    for (const auto t : pts) out.push_back({t, false, false});
    for (const auto k : keys) out[k].keyframe = true;
    return out;
}

}  // namespace frame_table_test

TEST_CASE("frame_table: a closed GOP with B-frames orders frames by time stamp and starts each GOP at its keyframe") {
    // Decode order I0 P3 B1 B2 | I4 P7 B5 B6: presentation order is 0..7.
    const auto t = vidata::frame_table::build(frame_table_test::packets({0, 3, 1, 2, 4, 7, 5, 6}, {0, 4}));
    REQUIRE(t.has_value());
    CHECK(t->frame_count() == 8);
    CHECK(t->packet_count() == 8);
    const std::vector<std::int32_t> packet_of_frame{0, 2, 3, 1, 4, 6, 7, 5};
    for (std::int64_t i = 0; i < 8; ++i) {
        CHECK(t->packet(i) == packet_of_frame[static_cast<std::size_t>(i)]);
        CHECK(t->start_packet(i) == (i < 4 ? 0 : 4));
        CHECK(t->keyframe_of(i) == (i < 4 ? 0 : 4));
        CHECK(t->frame_at_pts(i) == i);
    }
    CHECK(t->frame_at_pts(8) == -1);
    CHECK(t->frame_of_packet(1) == 3);
}

TEST_CASE("frame_table: in an open GOP the B-frames shown before an I-frame start from the previous keyframe") {
    // Decode order I0 P3 B1 B2 I6 B4 B5 P9 B7 B8: B4 and B5 follow I6 in decode order but reference P3.
    const auto t = vidata::frame_table::build(frame_table_test::packets({0, 3, 1, 2, 6, 4, 5, 9, 7, 8}, {0, 4}));
    REQUIRE(t.has_value());
    const std::vector<std::int32_t> start{0, 0, 0, 0, 0, 0, 4, 4, 4, 4};
    const std::vector<std::int64_t> keyframe{0, 0, 0, 0, 0, 0, 6, 6, 6, 6};
    for (std::int64_t i = 0; i < 10; ++i) {
        CHECK(t->start_packet(i) == start[static_cast<std::size_t>(i)]);
        CHECK(t->keyframe_of(i) == keyframe[static_cast<std::size_t>(i)]);
    }
    CHECK(t->packet(4) == 5);
    CHECK(t->packet(6) == 4);
}

TEST_CASE("frame_table: missing or repeated time stamps leave frames to be identified by counting") {
    auto no_pts = frame_table_test::packets({0, 1, 2}, {0});
    no_pts[1].pts = vidata::packet_info::no_pts;
    CHECK_FALSE(vidata::frame_table::build(no_pts).has_value());
    CHECK_FALSE(vidata::frame_table::build(frame_table_test::packets({0, 1, 1, 2}, {0})).has_value());
    CHECK(vidata::frame_table::build(std::vector<vidata::packet_info>{})->frame_count() == 0);
}

TEST_CASE("frame_table: a discarded packet is decoded but is no frame; a stream without a first keyframe starts at packet 0") {
    // An edit list cut off the keyframe's picture: it is still the place to start.
    auto cut = frame_table_test::packets({-1, 2, 0, 1}, {0});
    cut[0].discard = true;
    const auto t = vidata::frame_table::build(cut);
    REQUIRE(t.has_value());
    CHECK(t->frame_count() == 3);
    CHECK(t->packet_count() == 4);
    CHECK(t->frame_of_packet(0) == -1);
    CHECK(t->start_packet(0) == 0);
    CHECK(t->packet(0) == 2);
    CHECK(t->keyframe_of(2) == 0);  // no picture of its own: the first frame shown of those decoded from packet 0

    const auto late = vidata::frame_table::build(frame_table_test::packets({0, 1, 2, 3}, {2}));
    REQUIRE(late.has_value());
    CHECK(late->start_packet(0) == 0);
    CHECK(late->start_packet(1) == 0);
    CHECK(late->start_packet(3) == 2);
    CHECK(late->keyframe_of(1) == 0);
    CHECK(late->keyframe_of(3) == 2);
}

TEST_CASE("plan_decode: one pass per GOP, joined where the next frame's keyframe is decoded anyway") {
    const auto open = vidata::frame_table::build(frame_table_test::packets({0, 3, 1, 2, 6, 4, 5, 9, 7, 8}, {0, 4}));
    REQUIRE(open.has_value());
    // Frame 1 (packet 2) starts at 0; frame 4 also starts at 0 (packet 5); frame 8 starts at keyframe packet 4, which
    // the pass reaches on its way to packet 5: one pass, packets 0..9 (frame 8 is packet 9).
    auto runs = vidata::plan_decode(*open, std::vector<std::int64_t>{1, 4, 8});
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].start_packet == 0);
    CHECK(runs[0].last_packet == 9);
    CHECK(runs[0].frames == std::vector<std::int64_t>{1, 4, 8});
    // Without frame 4 the first pass stops at packet 2, before keyframe packet 4: frame 8 gets its own pass.
    runs = vidata::plan_decode(*open, std::vector<std::int64_t>{1, 8});
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].last_packet == 2);
    CHECK(runs[1].start_packet == 4);
    CHECK(runs[1].last_packet == 9);
    CHECK(vidata::planned_packets(runs) == 3 + 6);

    // Three GOPs of four I/P frames: frames 0 and 9 cost packet 0, then packets 8 and 9.
    const auto closed = vidata::frame_table::build(frame_table_test::packets({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {0, 4, 8}));
    runs = vidata::plan_decode(*closed, std::vector<std::int64_t>{0, 9});
    REQUIRE(runs.size() == 2);
    CHECK(runs[1].start_packet == 8);
    CHECK(vidata::planned_packets(runs) == 1 + 2);
    CHECK(vidata::plan_decode(*closed, std::vector<std::int64_t>{}).empty());
}
