// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::tube_ground_truth: defaults and an equality that answers (not asserts) for tubes of different lengths.
#include <vidata/core/tube_ground_truth.hpp>

#include "support.hpp"

using vidata::tube;
using vidata::tube_ground_truth;

namespace {

tube make_tube(int first_frame, int length) {
    tube t(length, 5);
    for (int i = 0; i < length; ++i) t.row(i) << first_frame + i, 10.0 + i, 20.0, 110.0 + i, 220.5;
    return t;
}

tube_ground_truth sample() {
    tube_ground_truth gt;
    gt.labels = {"brush_hair", "catch"};
    gt.gttubes["brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0"][0] = {make_tube(1, 40)};
    gt.gttubes["catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"][1] = {make_tube(1, 30), make_tube(5, 10)};
    gt.nframes = {{"brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0", 40}, {"catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0", 30}};
    gt.train_videos = {{"brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0"}, {}, {}};
    gt.test_videos = {{"catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"}, {}, {}};
    gt.resolution = {{"brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0", {240, 320}},
                     {"catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0", {240, 320}}};
    return gt;
}

}  // namespace

TEST_CASE("tube_ground_truth defaults are empty", "[core][tube_ground_truth]") {
    const tube_ground_truth gt;
    CHECK(gt.labels.empty());
    CHECK(gt.gttubes.empty());
    CHECK(gt.num_splits() == 0);
    CHECK(gt == tube_ground_truth{});
}

TEST_CASE("a tube is N rows of frame, x1, y1, x2, y2", "[core][tube_ground_truth]") {
    const tube t = make_tube(3, 4);
    CHECK(t.rows() == 4);
    CHECK(t.cols() == 5);
    CHECK(t(2, 0) == 5.0);
    CHECK(t(2, 3) == 112.0);
}

TEST_CASE("tube_ground_truth equality compares every field", "[core][tube_ground_truth]") {
    const tube_ground_truth a = sample();
    tube_ground_truth b = sample();
    CHECK(a == b);
    CHECK(a.num_splits() == 3);

    SECTION("a tube of another length is unequal, not an Eigen size assertion") {
        b.gttubes["catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"][1][1] = make_tube(5, 11);
    }
    SECTION("one box coordinate") { b.gttubes["brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0"][0][0](7, 2) += 0.5; }
    SECTION("a tube under another label") {
        auto node = b.gttubes["catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"].extract(1);
        node.key() = 0;
        b.gttubes["catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"].insert(std::move(node));
    }
    SECTION("one tube fewer") { b.gttubes["catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"][1].pop_back(); }
    SECTION("one video fewer") { b.gttubes.erase("catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"); }
    SECTION("labels") { b.labels[1] = "clap"; }
    SECTION("nframes") { b.nframes["catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"] = 31; }
    SECTION("train_videos") { b.train_videos[1].push_back("x"); }
    SECTION("test_videos") { b.test_videos.pop_back(); }
    SECTION("resolution") { b.resolution["catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0"] = {320, 240}; }
    CHECK_FALSE(a == b);
}
