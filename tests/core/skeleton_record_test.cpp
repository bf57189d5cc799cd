// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::skeleton_record: default shapes, dimensions read from the keypoint tensor, consistency, equality.
#include <vidata/core/skeleton_record.hpp>

#include "support.hpp"

#include <cstddef>
#include <vector>

using vidata::float_tensor;
using vidata::skeleton_record;

TEST_CASE("skeleton_record defaults hold no person in rank-4 and rank-3 tensors", "[core][skeleton_record]") {
    const skeleton_record r;
    CHECK(r.frame_dir.empty());
    CHECK(r.total_frames == 0);
    CHECK(r.label == -1);
    CHECK(r.img_shape.empty());
    CHECK(r.keypoint.rank() == 4);
    CHECK(r.keypoint_score.rank() == 3);
    CHECK(r.num_persons() == 0);
    CHECK(r.num_coordinates() == 2);
    CHECK(r.consistent());
}

TEST_CASE("skeleton_record reads M, T, V, C from its keypoints", "[core][skeleton_record]") {
    skeleton_record r;
    r.frame_dir = "S001C001P001R001A001";
    r.total_frames = 103;
    r.img_shape = {1080, 1920};
    r.original_shape = {1080, 1920};
    r.label = 0;
    r.keypoint = float_tensor({2, 103, 17, 2});
    r.keypoint_score = float_tensor({2, 103, 17}, 1.0f);
    CHECK(r.num_persons() == 2);
    CHECK(r.num_frames() == 103);
    CHECK(r.num_keypoints() == 17);
    CHECK(r.num_coordinates() == 2);
    CHECK(r.consistent());

    SECTION("3D skeletons may come without scores") {
        r.keypoint = float_tensor({1, 103, 25, 3});
        r.keypoint_score = float_tensor({0});
        CHECK(r.consistent());
        CHECK(r.num_coordinates() == 3);
    }
    SECTION("scores of another shape are inconsistent") {
        r.keypoint_score = float_tensor({2, 100, 17}, 1.0f);
        CHECK_FALSE(r.consistent());
    }
    SECTION("a keypoint tensor that is not rank 4 reports zero dimensions") {
        r.keypoint = float_tensor({2, 103, 34});
        CHECK(r.num_persons() == 0);
        CHECK_FALSE(r.consistent());
    }
}

TEST_CASE("skeleton_record equality compares metadata and tensor values", "[core][skeleton_record]") {
    skeleton_record a;
    a.frame_dir = "clip";
    a.keypoint = float_tensor({1, 2, 3, 2}, std::vector<float>(12, 0.5f));
    a.keypoint_score = float_tensor({1, 2, 3}, 0.9f);
    skeleton_record b = a;
    CHECK(a == b);

    SECTION("one coordinate") { b.keypoint(0, 1, 2, 1) = 0.25f; }
    SECTION("one score") { b.keypoint_score(0, 0, 0) = 0.8f; }
    SECTION("shape with the same values") { b.keypoint.reshape({1, 2, 2, 3}); }
    SECTION("img_shape") { b.img_shape = {480, 640}; }
    SECTION("original_shape") { b.original_shape = {480, 640}; }
    SECTION("label") { b.label = 3; }
    SECTION("total_frames") { b.total_frames = 2; }
    CHECK(a != b);
}
