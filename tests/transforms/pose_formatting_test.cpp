// SPDX-License-Identifier: Apache-2.0
#include <vidata/transforms/format_gcn_input.hpp>
#include <vidata/transforms/joint_to_bone.hpp>
#include <vidata/transforms/pose_normalize.hpp>

#include <vidata/core/concepts.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <vector>

using vidata::float_tensor;
using vidata::layout_tensor;
using vidata::rng;
using vidata::skeleton_record;
namespace layouts = vidata::layouts;
using vidata::transforms::bone_dataset;
using vidata::transforms::format_gcn_input;
using vidata::transforms::joint_to_bone;

namespace pose_formatting_test {

// M × T × V × C keypoints whose value encodes its position: 1000·p + 100·f + 10·j + k.
skeleton_record numbered(std::size_t m, std::size_t t, std::size_t v, std::size_t c, bool scored) {
    skeleton_record r;
    r.frame_dir = "numbered";
    r.keypoint = float_tensor({m, t, v, c});
    for (std::size_t p = 0; p < m; ++p)
        for (std::size_t f = 0; f < t; ++f)
            for (std::size_t j = 0; j < v; ++j)
                for (std::size_t k = 0; k < c; ++k) r.keypoint(p, f, j, k) = float(1000 * p + 100 * f + 10 * j + k);
    r.keypoint_score = scored ? float_tensor({m, t, v}) : float_tensor({0, 0, 0});
    if (scored)
        for (std::size_t p = 0; p < m; ++p)
            for (std::size_t f = 0; f < t; ++f)
                for (std::size_t j = 0; j < v; ++j) r.keypoint_score(p, f, j) = float(p) + 0.5f;
    return r;
}

}  // namespace pose_formatting_test

TEST_CASE("format_gcn_input: C x T x V x M with the score as the last channel, persons padded or cut", "[transforms][pose_formatting]") {
    using namespace pose_formatting_test;
    rng g;
    const layout_tensor<layouts::ctvm> three = format_gcn_input{.num_person = 2}(numbered(3, 2, 4, 2, true), g);
    REQUIRE(std::vector<std::size_t>(three.shape().begin(), three.shape().end()) == std::vector<std::size_t>{3, 2, 4, 2});
    CHECK(three(1, 1, 3, 1) == 1131.f);  // y of person 1, frame 1, joint 3
    CHECK(three(2, 0, 2, 1) == 1.5f);    // person 1's score
    CHECK(three(0, 1, 0, 0) == 100.f);
    const auto one = format_gcn_input{.num_person = 2}(numbered(1, 1, 2, 3, false), g);
    REQUIRE(std::vector<std::size_t>(one.shape().begin(), one.shape().end()) == std::vector<std::size_t>{3, 1, 2, 2});
    CHECK(one(2, 0, 1, 0) == 12.f);  // no score: the 3 coordinates only
    for (std::size_t k = 0; k < 3; ++k)
        for (std::size_t j = 0; j < 2; ++j) CHECK(one(k, 0, j, 1) == 0.f);  // the padded person
    STATIC_REQUIRE(vidata::transform<format_gcn_input, skeleton_record>);
}

TEST_CASE("joint_to_bone: joint minus parent; COCO and OpenPose average the score channel", "[transforms][pose_formatting]") {
    using namespace pose_formatting_test;
    rng g;
    // COCO, C = 3: bone 7 is joint 7 − joint 5 (x, y), score (s7 + s5) / 2 with s = 10·j + 2.
    const skeleton_record coco = joint_to_bone{bone_dataset::coco}(numbered(1, 1, 17, 3, true), g);
    CHECK(coco.keypoint(0, 0, 7, 0) == 20.f);
    CHECK(coco.keypoint(0, 0, 7, 1) == 20.f);
    CHECK(coco.keypoint(0, 0, 7, 2) == 62.f);  // (72 + 52) / 2
    CHECK(coco.keypoint(0, 0, 0, 0) == 0.f);   // the root is its own parent
    CHECK(coco.keypoint(0, 0, 0, 2) == 2.f);   // ... and keeps its score (2 + 2) / 2
    CHECK(coco.keypoint_score == numbered(1, 1, 17, 3, true).keypoint_score);
    // NTU, C = 3 (x, y, z): every channel is a difference; joint 21's parent is 22, joint 1's is 20.
    const skeleton_record ntu = joint_to_bone{bone_dataset::ntu_rgbd}(numbered(2, 1, 25, 3, false), g);
    CHECK(ntu.keypoint(1, 0, 21, 2) == -10.f);
    CHECK(ntu.keypoint(1, 0, 1, 0) == -190.f);
    CHECK(ntu.keypoint(1, 0, 20, 1) == 0.f);
    // OpenPose: joint 17's parent is 15.
    CHECK(joint_to_bone{bone_dataset::openpose}(numbered(1, 1, 18, 2, false), g).keypoint(0, 0, 17, 0) == 20.f);
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)joint_to_bone{bone_dataset::ntu_rgbd}(numbered(1, 1, 17, 3, false), g); }),
               Catch::Contains("the skeleton has 17 joints"));
    CHECK_THAT(message_of([&] { (void)joint_to_bone{bone_dataset::coco}(numbered(1, 1, 17, 4, false), g); }),
               Catch::Contains("4 coordinates, not 2 or 3"));
}

TEST_CASE("pose_normalize: (kp - mean) / (max - min) per coordinate, or MMAction2's broadcast over persons", "[transforms][pose_formatting]") {
    using vidata::transforms::basic_pose_normalize;
    namespace axis = vidata::transforms::pose_normalize_axis;
    rng g;
    skeleton_record r;
    r.keypoint = float_tensor({1, 1, 1, 3}, {1440.f, 540.f, 0.75f});
    r.keypoint_score = float_tensor({1, 1, 1}, 1.f);
    const skeleton_record fixed = vidata::transforms::pose_normalize{}(skeleton_record(r), g);
    CHECK(fixed.keypoint == float_tensor({1, 1, 1, 3}, {0.25f, 0.f, 0.25f}));
    // One person broadcast against (3, 1, 1, 1): three persons, person p normalised by value p.
    const skeleton_record quirk = basic_pose_normalize<axis::first_axis>{}(skeleton_record(r), g);
    REQUIRE(quirk.num_persons() == 3);
    CHECK(quirk.keypoint(0, 0, 0, 0) == 0.25f);                                      // (1440 − 960) / 1920
    CHECK(quirk.keypoint(1, 0, 0, 0) == Approx(900.0 / 1080.0).epsilon(1e-7));    // (1440 − 540) / 1080
    CHECK(quirk.keypoint(2, 0, 0, 0) == 1439.5f);                                    // (1440 − 0.5) / 1
    CHECK(quirk.keypoint(2, 0, 0, 2) == 0.25f);
    r.keypoint = float_tensor({2, 1, 1, 3});
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)basic_pose_normalize<axis::first_axis>{}(skeleton_record(r), g); }),
               Catch::Contains("could not be broadcast"));
    STATIC_REQUIRE(vidata::transform<vidata::transforms::pose_normalize, skeleton_record>);
}
