// SPDX-License-Identifier: Apache-2.0
#include <vidata/transforms/generate_pose_target.hpp>

#include <vidata/core/concepts.hpp>
#include <vidata/transforms/format_shape.hpp>

#include "transforms/photometric_oracle.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using vidata::layout_tensor;
using vidata::rng;
using vidata::skeleton_record;
namespace layouts = vidata::layouts;
using vidata::transforms::generate_pose_target;

namespace generate_pose_target_test {

struct joint {
    float x, y, score;
};

// M persons × T frames × V joints, given person-major.
skeleton_record record_of(std::size_t m, std::size_t t, std::size_t v, const std::vector<joint>& joints, vidata::image_size shape) {
    REQUIRE(joints.size() == m * t * v);
    skeleton_record r;
    r.frame_dir = "pose";
    r.img_shape = shape;
    r.keypoint = vidata::float_tensor({m, t, v, 2});
    r.keypoint_score = vidata::float_tensor({m, t, v});
    for (std::size_t i = 0; i < joints.size(); ++i) {
        r.keypoint.values()[2 * i] = joints[i].x;
        r.keypoint.values()[2 * i + 1] = joints[i].y;
        r.keypoint_score.values()[i] = joints[i].score;
    }
    return r;
}

// The Gaussian of a squared distance, by hand: value · exp(-d² / (2 · 0.6²)).
double gauss(double d2, double value, double sigma = 0.6) { return value * std::exp(-d2 / (2 * sigma * sigma)); }

}  // namespace generate_pose_target_test

TEST_CASE("generate_pose_target: a keypoint's Gaussian, scaled by its score, inside a window of ±3σ", "[transforms][generate_pose_target]") {
    using namespace generate_pose_target_test;
    const skeleton_record r = record_of(1, 1, 1, {{3.f, 2.f, 0.8f}}, {6, 8});
    rng g;
    const layout_tensor<layouts::nhwc> maps = generate_pose_target{.skeletons = {}}(r, g);
    REQUIRE(std::vector<std::size_t>(maps.shape().begin(), maps.shape().end()) == std::vector<std::size_t>{1, 6, 8, 1});
    CHECK(maps(0, 2, 3, 0) == 0.8f);  // the peak: exp(0) · score
    CHECK(maps(0, 2, 4, 0) == Approx(gauss(1, 0.8)).epsilon(1e-6));
    CHECK(maps(0, 3, 4, 0) == Approx(gauss(2, 0.8)).epsilon(1e-6));
    // The window is columns int(3 - 1.8) = 1 to int(3 + 1.8) = 4: column 1 is inside, column 5 outside although
    // the Gaussian there is not zero.
    CHECK(maps(0, 2, 1, 0) == Approx(gauss(4, 0.8)).epsilon(1e-6));
    CHECK(maps(0, 2, 5, 0) == 0.f);
    CHECK(maps(0, 0, 3, 0) == Approx(gauss(4, 0.8)).epsilon(1e-6));  // rows 0..4
    CHECK(maps(0, 5, 3, 0) == 0.f);
    // use_score = false: the peak is 1.
    CHECK(generate_pose_target{.use_score = false, .skeletons = {}}(r, g)(0, 2, 3, 0) == 1.f);
}

TEST_CASE("generate_pose_target: the maximum over persons; scores under 1e-4 add nothing; windows truncate toward zero", "[transforms][generate_pose_target]") {
    using namespace generate_pose_target_test;
    // Two persons on the same point (scores 0.3 and 0.7), one keypoint just left of the image, one too unsure
    // (1e-4f is just under the double 1e-4 that numpy compares it with).
    const skeleton_record r = record_of(2, 1, 3,
                                        {{4.f, 4.f, 0.3f}, {-0.5f, 1.f, 1.f}, {2.f, 2.f, 0.0001f},  //
                                         {4.f, 4.f, 0.7f}, {0.f, 0.f, 0.f}, {2.f, 2.f, 0.00009f}},
                                        {8, 8});
    rng g;
    const auto maps = generate_pose_target{.skeletons = {}}(r, g);
    CHECK(maps(0, 4, 4, 0) == 0.7f);
    // x = -0.5: window columns max(int(-2.3), 0) = 0 to int(1.3) = 1 (int() truncates toward zero, so the
    // keypoint reaches column 1): d² = 0.25 at column 0, 2.25 at column 1.
    CHECK(maps(0, 1, 0, 1) == Approx(gauss(0.25, 1.0)).epsilon(1e-6));
    CHECK(maps(0, 1, 1, 1) == Approx(gauss(2.25, 1.0)).epsilon(1e-6));
    CHECK(maps(0, 1, 2, 1) == 0.f);
    float third = 0.f;
    for (std::size_t y = 0; y < 8; ++y)
        for (std::size_t x = 0; x < 8; ++x) third = std::max(third, maps(0, y, x, 2));
    CHECK(third == 0.f);
}

TEST_CASE("generate_pose_target: limbs, the Gaussian of the distance to the segment with the smaller score", "[transforms][generate_pose_target]") {
    using namespace generate_pose_target_test;
    // A horizontal limb from (1, 2) to (5, 2), scores 0.9 and 0.6; a second limb shorter than a pixel.
    const skeleton_record r = record_of(1, 1, 4, {{1.f, 2.f, 0.9f}, {5.f, 2.f, 0.6f}, {3.f, 5.f, 0.8f}, {3.5f, 5.f, 0.5f}}, {8, 10});
    rng g;
    const generate_pose_target with_limbs{.with_kp = true, .with_limb = true, .skeletons = {{0, 1}, {2, 3}}};
    const auto maps = with_limbs(r, g);
    REQUIRE(maps.extent(3) == 6);  // 4 keypoint maps, then 2 limb maps
    CHECK(maps(0, 2, 0, 0) == Approx(gauss(1, 0.9)).epsilon(1e-6));  // keypoint 0's own map comes first
    for (std::size_t x = 1; x <= 5; ++x) CHECK(maps(0, 2, x, 4) == Approx(0.6).epsilon(1e-6));  // on the segment
    CHECK(maps(0, 3, 3, 4) == Approx(gauss(1, 0.6)).epsilon(1e-6));  // one row off it
    CHECK(maps(0, 2, 6, 4) == Approx(gauss(1, 0.6)).epsilon(1e-6));  // past the end: distance to the endpoint
    CHECK(maps(0, 3, 0, 4) == Approx(gauss(2, 0.6)).epsilon(1e-6));
    // The short limb is keypoint 2 alone, with keypoint 2's own score 0.8 (not the limb's smaller 0.5).
    CHECK(maps(0, 5, 3, 5) == 0.8f);
    CHECK(maps(0, 5, 4, 5) == Approx(gauss(1, 0.8)).epsilon(1e-6));
    // Without keypoint maps only the limbs remain, in the same order.
    const auto limbs_only = generate_pose_target{.with_kp = false, .with_limb = true, .skeletons = {{0, 1}, {2, 3}}}(r, g);
    REQUIRE(limbs_only.extent(3) == 2);
    CHECK(limbs_only(0, 3, 3, 0) == maps(0, 3, 3, 4));
}

TEST_CASE("generate_pose_target: double_flip appends the maps of the mirrored skeleton, left and right swapped", "[transforms][generate_pose_target]") {
    using namespace generate_pose_target_test;
    // Keypoint 0 centre, 1 left, 2 right (left_kp {1}, right_kp {2}); frame width 10.
    const skeleton_record r = record_of(1, 1, 3, {{5.f, 1.f, 1.f}, {2.f, 3.f, 0.9f}, {7.f, 3.f, 0.4f}}, {6, 10});
    rng g;
    const auto maps = generate_pose_target{.skeletons = {}, .double_flip = true, .left_kp = {1}, .right_kp = {2}}(r, g);
    REQUIRE(maps.extent(0) == 2);
    CHECK(maps(0, 3, 2, 1) == 0.9f);
    CHECK(maps(0, 3, 7, 2) == 0.4f);
    // Mirrored: x ↦ 10 - x, so the right keypoint (7) lands at 3 and becomes the left map, with its score.
    CHECK(maps(1, 3, 3, 1) == 0.4f);
    CHECK(maps(1, 3, 8, 2) == 0.9f);
    CHECK(maps(1, 1, 5, 0) == 1.f);
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)generate_pose_target{.with_limb = true}(r, g); }), Catch::Contains("joins a keypoint beyond the record's 3"));
    CHECK_THAT(message_of([&] { (void)generate_pose_target{.with_kp = false}(r, g); }), Catch::Contains("both false"));
}

TEST_CASE("generate_pose_target: against a numpy transcription of MMAction2's heatmaps", "[transforms][generate_pose_target][oracle]") {
    using namespace generate_pose_target_test;
    namespace ph = vidata::test::photometric;
    if (!vidata::test::python_oracle_available()) return;
    // Two persons, three frames, COCO's 17 keypoints on a 32 × 40 frame: points inside, near and outside the
    // edges, scores including some under 1e-4, and limbs shorter than a pixel.
    const std::size_t m = 2, t = 3, v = 17, h = 32, w = 40;
    std::mt19937 gen(17);
    std::uniform_real_distribution<float> ux(-4.f, 44.f), uy(-4.f, 36.f), us(0.f, 1.f);
    std::vector<joint> joints(m * t * v);
    for (auto& j : joints) {
        j = {ux(gen), uy(gen), us(gen)};
        if (us(gen) < 0.1f) j.score = 0.00005f;
    }
    for (std::size_t p = 0; p < m * t; ++p) {  // limb (0, 1) under a pixel long in every frame
        joints[p * v + 1].x = joints[p * v].x + 0.5f;
        joints[p * v + 1].y = joints[p * v].y + 0.25f;
    }
    const skeleton_record r = record_of(m, t, v, joints, {static_cast<int>(h), static_cast<int>(w)});
    std::string limbs;
    for (const auto& l : vidata::transforms::coco17_limbs) limbs += " " + std::to_string(l[0]) + " " + std::to_string(l[1]);
    for (const double sigma : {0.6, 1.3}) {
        for (const bool use_score : {true, false}) {
            INFO("sigma " << sigma << ", use_score " << use_score);
            vidata::test::temp_dir dir;
            ph::write_values<float>(dir / "kp.f32", r.keypoint.values());
            ph::write_values<float>(dir / "score.f32", r.keypoint_score.values());
            char args[128];
            std::snprintf(args, sizeof args, "%zu %zu %zu %zu %zu %.17g %d 1 1 1", m, t, v, h, w, sigma, int(use_score));
            ph::run_oracle("pose_target", dir, args + limbs);
            const auto expected = ph::read_values<float>(dir / "out.f32");
            rng g;
            const auto maps = generate_pose_target{.sigma = sigma, .use_score = use_score, .with_limb = true}(r, g);
            REQUIRE(expected.size() == maps.size());
            std::size_t equal = 0, nonzero = 0;
            double worst = 0;
            for (std::size_t i = 0; i < expected.size(); ++i) {
                worst = std::max(worst, std::abs(double(expected[i]) - double(maps.values()[i])));
                equal += expected[i] == maps.values()[i];
                nonzero += expected[i] != 0.f;
            }
            // Stated tolerance: 1e-6 absolute on values in [0, 1]. Limb maps agree bit for bit; keypoint maps differ
            // where numpy's vectorised float32 exp and the C library's expf disagree in the last bit (numpy's is
            // not correctly rounded: it differs from the rounded double exp on about 40% of arguments).
            CHECK(worst <= 1e-6);
            INFO(equal << " of " << expected.size() << " bit-equal, " << nonzero << " non-zero");
            CHECK(nonzero > expected.size() / 20);  // the case is not trivially empty
            CHECK((expected.size() - equal) * 10 <= nonzero);
        }
    }
}

TEST_CASE("generate_pose_target then format_shape<ncthw> gives PoseC3D's N x K x T x H x W", "[transforms][generate_pose_target]") {
    using namespace generate_pose_target_test;
    std::vector<joint> joints;
    for (int f = 0; f < 4; ++f) joints.push_back({float(f), 1.f, 1.f});
    const skeleton_record r = record_of(1, 4, 1, joints, {3, 5});
    rng g;
    const auto x = vidata::transforms::format_shape<layouts::ncthw>{.clip_len = 4}(generate_pose_target{.skeletons = {}}(r, g), g);
    REQUIRE(std::vector<std::size_t>(x.shape().begin(), x.shape().end()) == std::vector<std::size_t>{1, 1, 4, 3, 5});
    for (std::size_t f = 0; f < 4; ++f) CHECK(x(0, 0, f, 1, f) == 1.f);  // frame f's peak at column f
    STATIC_REQUIRE(vidata::transform<generate_pose_target, skeleton_record>);
}
