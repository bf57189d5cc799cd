// SPDX-License-Identifier: Apache-2.0
#include <vidata/transforms/normalize.hpp>

#include <vidata/core/concepts.hpp>

#include "transforms/photometric_oracle.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using vidata::clip;
using vidata::layout_tensor;
using vidata::rng;
namespace layouts = vidata::layouts;
using vidata::transforms::normalize;
using vidata::transforms::normalize_flow;
using vidata::transforms::scaled_clip;

namespace normalize_test {

const std::vector<float> imagenet_mean{123.675f, 116.28f, 103.53f};
const std::vector<float> imagenet_std{58.395f, 57.12f, 57.375f};

std::string numbers(const std::vector<float>& v) {
    std::string out;
    for (float x : v) out += std::to_string(static_cast<double>(x)) + " ";
    return out;
}

}  // namespace normalize_test

TEST_CASE("normalize: (x - mean) / std per channel, as a hand calculation gives", "[transforms][normalize]") {
    using namespace normalize_test;
    clip c(1, 1, 2, 3, {255, 0, 128, 123, 117, 104});
    rng g;
    const layout_tensor<layouts::nhwc> out = normalize{imagenet_mean, imagenet_std}(std::move(c), g);
    REQUIRE(std::vector<std::size_t>(out.shape().begin(), out.shape().end()) == std::vector<std::size_t>{1, 1, 2, 3});
    const double expected[6] = {(255 - 123.675) / 58.395, (0 - 116.28) / 57.12, (128 - 103.53) / 57.375,
                                (123 - 123.675) / 58.395, (117 - 116.28) / 57.12, (104 - 103.53) / 57.375};
    for (std::size_t i = 0; i < 6; ++i) {
        INFO("element " << i);
        CHECK(static_cast<double>(out.values()[i]) == Approx(expected[i]).epsilon(1e-6).margin(1e-6));
    }
}

TEST_CASE("normalize: to_bgr swaps R and B before mean and std apply, in the swapped order", "[transforms][normalize]") {
    clip c(1, 1, 1, 3, {10, 20, 30});
    rng g;
    const auto out = normalize{{1.f, 2.f, 3.f}, {1.f, 2.f, 4.f}, true}(std::move(c), g);
    // B - 1, (G - 2) / 2, (R - 3) / 4: exact in float.
    CHECK(out(0, 0, 0, 0) == 29.f);
    CHECK(out(0, 0, 0, 1) == 9.f);
    CHECK(out(0, 0, 0, 2) == 1.75f);
}

TEST_CASE("normalize: other channel counts, and mismatches rejected", "[transforms][normalize]") {
    clip one(2, 1, 1, 1, {0, 255});
    rng g;
    const auto out = normalize{{127.5f}, {127.5f}}(clip(one), g);
    CHECK(out(0, 0, 0, 0) == -1.f);
    CHECK(out(1, 0, 0, 0) == 1.f);
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)normalize{{1.f, 2.f, 3.f}, {1.f, 1.f, 1.f}}(clip(one), g); }),
               Catch::Contains("the clip has 1 channels but mean/std have 3 values"));
    CHECK_THAT(message_of([&] { (void)normalize{{1.f}, {1.f}, true}(clip(one), g); }), Catch::Contains("to_bgr needs 3 channels"));
    CHECK_THAT(message_of([&] { (void)normalize{{1.f}, {1.f, 2.f}}(clip(one), g); }), Catch::Contains("mean has 1 values but std has 2"));
}

TEST_CASE("normalize: bit-identical to mmcv.imnormalize_ run by OpenCV and numpy", "[transforms][normalize][oracle]") {
    using namespace normalize_test;
    namespace ph = vidata::test::photometric;
    if (!vidata::test::python_oracle_available()) return;
    const std::size_t t = 3, h = 7, w = 37;
    const auto bytes = ph::random_bytes(t * h * w * 3, 5);
    for (const bool to_bgr : {false, true}) {
        INFO("to_bgr " << to_bgr);
        vidata::test::temp_dir dir;
        ph::write_values<std::uint8_t>(dir / "in.u8", bytes);
        ph::run_oracle("normalize", dir,
                       "3 7 37 3 " + std::to_string(int(to_bgr)) + " " + numbers(imagenet_mean) + numbers(imagenet_std));
        const auto expected = ph::read_values<float>(dir / "out.f32");
        rng g;
        const auto out = normalize{imagenet_mean, imagenet_std, to_bgr}(clip(t, h, w, 3, bytes), g);
        REQUIRE(expected.size() == out.size());
        std::size_t differing = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) differing += expected[i] != out.values()[i];
        CHECK(differing == 0);
    }
}

TEST_CASE("normalize_flow: x and y frames normalised separately into T x H x W x 2", "[transforms][normalize]") {
    // Frames x0, y0 of one row of two pixels; mean 128 and std 64 give exact binary fractions.
    clip c(2, 1, 2, 1, {10, 200, 50, 128});
    rng g;
    const normalize_flow plain{{128.f, 128.f}, {64.f, 64.f}};
    const layout_tensor<layouts::nhwc> out = plain(clip(c), g);
    REQUIRE(std::vector<std::size_t>(out.shape().begin(), out.shape().end()) == std::vector<std::size_t>{1, 1, 2, 2});
    CHECK(out(0, 0, 0, 0) == -1.84375f);  // (10 - 128) / 64
    CHECK(out(0, 0, 0, 1) == -1.21875f);  // (50 - 128) / 64
    CHECK(out(0, 0, 1, 0) == 1.125f);     // (200 - 128) / 64
    CHECK(out(0, 0, 1, 1) == 0.f);
    // adjust_magnitude multiplies each axis by the resize's scale factor; without it the factor is ignored.
    const normalize_flow adjusted{{128.f, 128.f}, {64.f, 64.f}, true};
    const auto scaled = adjusted(scaled_clip{c, {0.5f, 2.f}}, g);
    CHECK(scaled(0, 0, 0, 0) == -0.921875f);
    CHECK(scaled(0, 0, 0, 1) == -2.4375f);
    CHECK(scaled(0, 0, 1, 0) == 0.5625f);
    CHECK(plain(scaled_clip{c, {0.5f, 2.f}}, g) == out);
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)plain(clip(3, 1, 2, 1), g); }), Catch::Contains("x/y pairs, the clip has 3 frames"));
    CHECK_THAT(message_of([&] { (void)plain(clip(2, 1, 2, 3), g); }), Catch::Contains("one channel, the clip has 3"));
}

TEST_CASE("normalize_flow: bit-identical to MMAction2's numpy float32 arithmetic", "[transforms][normalize][oracle]") {
    namespace ph = vidata::test::photometric;
    if (!vidata::test::python_oracle_available()) return;
    const std::size_t n = 4, h = 5, w = 9;
    const auto bytes = ph::random_bytes(2 * n * h * w, 11);
    for (const bool adjust : {false, true}) {
        INFO("adjust_magnitude " << adjust);
        vidata::test::temp_dir dir;
        ph::write_values<std::uint8_t>(dir / "in.u8", bytes);
        // Values printed with 9 significant digits read back as the same float32.
        ph::run_oracle("normalize_flow", dir, "4 5 9 128 127.5 64.3000031 33.0999985 " + std::to_string(int(adjust)) +
                                                  " 0.370000005 1.89999998");
        const auto expected = ph::read_values<float>(dir / "out.f32");
        rng g;
        const normalize_flow norm{{128.f, 127.5f}, {64.3f, 33.1f}, adjust};
        const auto out = norm(scaled_clip{clip(2 * n, h, w, 1, bytes), {0.37f, 1.9f}}, g);
        REQUIRE(expected.size() == out.size());
        std::size_t differing = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) differing += expected[i] != out.values()[i];
        CHECK(differing == 0);
    }
}

TEST_CASE("normalize models transform over clips", "[transforms][normalize]") {
    STATIC_REQUIRE(vidata::transform<normalize, clip>);
    STATIC_REQUIRE(vidata::transform<normalize_flow, clip>);
    STATIC_REQUIRE(vidata::transform<normalize_flow, scaled_clip>);
    STATIC_REQUIRE(std::is_same_v<vidata::transform_result_t<normalize, clip>, layout_tensor<layouts::nhwc>>);
}

TEST_CASE("normalize: a video_sample is RGB or, when its info says flow, flow with its scale factor", "[transforms][normalize]") {
    using vidata::transforms::clip_info;
    using vidata::transforms::video_sample;
    rng g;
    const clip rgb(1, 1, 1, 3, {10, 20, 30});
    const normalize norm{{1.f, 2.f}, {1.f, 2.f}, false, true};
    const normalize rgb_norm{{1.f, 2.f, 3.f}, {1.f, 2.f, 4.f}};
    const auto s = rgb_norm(video_sample<clip>{rgb, {.labels = {4}}}, g);
    CHECK(s.frames == rgb_norm.apply(rgb));
    CHECK(s.info.labels == std::vector<int>{4});
    // Flow: x frame 10, y frame 50 (mean 1 and 2, std 1 and 2), adjust_magnitude by the sample's (0.5, 4).
    const clip flow(2, 1, 1, 1, {10, 50});
    const auto f = norm(video_sample<clip>{flow, {.labels = {}, .flow = true, .scale_factor = {0.5f, 4.f}}}, g);
    CHECK(f.frames(0, 0, 0, 0) == 4.5f);  // (10 - 1) / 1 · 0.5
    CHECK(f.frames(0, 0, 0, 1) == 96.f);  // (50 - 2) / 2 · 4
    CHECK(f.info.flow);
    CHECK(normalize_flow{{1.f, 2.f}, {1.f, 2.f}, true}(video_sample<clip>{flow, {.labels = {}, .flow = true, .scale_factor = {0.5f, 4.f}}}, g).frames ==
          f.frames);
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)rgb_norm(video_sample<clip>{flow, {.labels = {}, .flow = true}}, g); }),
               Catch::Contains("a flow sample needs 2 mean and 2 std values, got 3 and 3"));
    STATIC_REQUIRE(vidata::transform<normalize, video_sample<clip>>);
}
