// SPDX-License-Identifier: Apache-2.0
#include <vidata/transforms/color_jitter.hpp>

#include <vidata/core/concepts.hpp>

#include "transforms/photometric_oracle.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using vidata::clip;
using vidata::rng;
using vidata::transforms::color_jitter;
using vidata::transforms::color_jitter_factors;
using vidata::transforms::color_jitter_ranges;
using vidata::transforms::jitter_step;

namespace color_jitter_test {

constexpr std::array<jitter_step, 4> identity_order{jitter_step::brightness, jitter_step::contrast, jitter_step::saturation,
                                                   jitter_step::hue};

std::string order_args(const std::array<jitter_step, 4>& order) {
    std::string out;
    for (jitter_step s : order) out += " " + std::to_string(static_cast<int>(s));
    return out;
}

struct comparison {
    std::size_t differing = 0;
    int max_difference = 0;
};

comparison compare(const std::vector<std::uint8_t>& expected, std::span<const std::uint8_t> got) {
    REQUIRE(expected.size() == got.size());
    comparison c;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const int d = std::abs(int(expected[i]) - int(got[i]));
        c.differing += d != 0;
        c.max_difference = std::max(c.max_difference, d);
    }
    return c;
}

}  // namespace color_jitter_test

TEST_CASE("color_jitter: brightness and contrast by hand, truncating to uint8", "[transforms][color_jitter]") {
    using namespace color_jitter_test;
    // Brightness 1.5: 100 → 150, 200 → 300 clipped to 255, 11 → 16.5 truncated to 16.
    const clip bright = color_jitter::apply(clip(1, 1, 1, 3, {100, 200, 11}), {1.5, 1.0, 1.0, 0.0, identity_order});
    CHECK(bright == clip(1, 1, 1, 3, {150, 255, 16}));
    // Contrast 0.5 over two grey pixels 100 and 200: gray = 0.9999·x (the weights sum to 0.9999), mean 149.985,
    // so x ↦ 0.5·x + 74.9925: 124.9925 and 174.9925, truncated to 124 and 174.
    const clip contrast = color_jitter::apply(clip(1, 1, 2, 3, {100, 100, 100, 200, 200, 200}), {1.0, 0.5, 1.0, 0.0, identity_order});
    CHECK(contrast == clip(1, 1, 2, 3, {124, 124, 124, 174, 174, 174}));
    // Saturation 0 turns a pixel into its gray: 0.2989·255 = 76.2195 → 76 for pure red.
    const clip gray = color_jitter::apply(clip(1, 1, 1, 3, {255, 0, 0}), {1.0, 1.0, 0.0, 0.0, identity_order});
    CHECK(gray == clip(1, 1, 1, 3, {76, 76, 76}));
}

TEST_CASE("color_jitter: neutral factors skip their step, so the clip comes back unchanged", "[transforms][color_jitter]") {
    using namespace color_jitter_test;
    namespace ph = vidata::test::photometric;
    const clip frames(2, 3, 5, 3, ph::random_bytes(90, 3));
    // A hue step with factor 0 would still round-trip through uint8 HSV, which is not the identity.
    CHECK(color_jitter::apply(frames, {1.0, 1.0, 1.0, 0.0, identity_order}) == frames);
    const color_jitter none(color_jitter_ranges{{1.0, 1.0}, {1.0, 1.0}, {1.0, 1.0}, {0.0, 0.0}}, identity_order);
    rng g(7);
    CHECK(none(clip(frames), g) == frames);
}

TEST_CASE("color_jitter: one draw per clip, within the ranges, in brightness-contrast-saturation-hue order", "[transforms][color_jitter]") {
    const color_jitter jitter(color_jitter_ranges::symmetric(0.4, 0.3, 0.2, 0.1), color_jitter_test::identity_order);
    double sums[4] = {};
    const int n = 4000;
    for (int i = 0; i < n; ++i) {
        rng g = rng::for_item(1, 0, static_cast<std::uint64_t>(i));
        const color_jitter_factors f = jitter.draw(g);
        REQUIRE((f.brightness >= 0.6 && f.brightness < 1.4));
        REQUIRE((f.contrast >= 0.7 && f.contrast < 1.3));
        REQUIRE((f.saturation >= 0.8 && f.saturation < 1.2));
        REQUIRE((f.hue >= -0.1 && f.hue < 0.1));
        rng replay = rng::for_item(1, 0, static_cast<std::uint64_t>(i));
        // The first draw is brightness: lo + (hi - lo)·U, with the range as symmetric() computes it.
        CHECK(f.brightness == (1.0 - 0.4) + ((1.0 + 0.4) - (1.0 - 0.4)) * replay.uniform_real());
        sums[0] += f.brightness, sums[1] += f.contrast, sums[2] += f.saturation, sums[3] += f.hue;
    }
    // Uniform means, within 5 standard errors (σ/√n of a uniform of width w is w/√(12n)).
    CHECK(sums[0] / n == Approx(1.0).margin(5 * 0.8 / std::sqrt(12.0 * n)));
    CHECK(sums[1] / n == Approx(1.0).margin(5 * 0.6 / std::sqrt(12.0 * n)));
    CHECK(sums[2] / n == Approx(1.0).margin(5 * 0.4 / std::sqrt(12.0 * n)));
    CHECK(sums[3] / n == Approx(0.0).margin(5 * 0.2 / std::sqrt(12.0 * n)));
}

TEST_CASE("color_jitter: the order is drawn once per instance, or per call with jitter_order::per_call", "[transforms][color_jitter]") {
    using vidata::transforms::basic_color_jitter;
    namespace jitter_order = vidata::transforms::jitter_order;
    // Every one of the 24 orders turns up among instances made from different streams.
    std::vector<std::array<jitter_step, 4>> seen;
    for (std::uint64_t s = 0; s < 400; ++s) {
        rng order_source(s);
        const color_jitter j(color_jitter_ranges{}, order_source);
        rng g1(100), g2(200);
        CHECK(j.draw(g1).order == j.order());
        CHECK(j.draw(g2).order == j.order());
        if (std::find(seen.begin(), seen.end(), j.order()) == seen.end()) seen.push_back(j.order());
    }
    CHECK(seen.size() == 24);
    const basic_color_jitter<jitter_order::per_call> per_call(color_jitter_ranges{});
    std::size_t changes = 0;
    rng g(5);
    auto previous = per_call.draw(g).order;
    for (int i = 0; i < 50; ++i) {
        const auto order = per_call.draw(g).order;
        changes += order != previous;
        previous = order;
    }
    CHECK(changes > 30);  // 23 in 24 draws change it
    using vidata::test::message_of;
    CHECK_THAT(message_of([] { (void)color_jitter(color_jitter_ranges{}, {jitter_step::hue, jitter_step::hue, jitter_step::contrast, jitter_step::brightness}); }),
               Catch::Contains("not a permutation"));
    CHECK_THAT(message_of([] { (void)color_jitter_ranges::symmetric(0.5, 0.5, 0.5, 0.6); }), Catch::Contains("hue must be in [0, 0.5"));
    CHECK_THAT(message_of([] { (void)color_jitter::apply(clip(1, 1, 1, 1), {}); }), Catch::Contains("the clip has 1 channels"));
}

TEST_CASE("color_jitter: OpenCV's uint8 RGB <-> HSV conversions, against cv2.cvtColor", "[transforms][color_jitter][oracle]") {
    namespace ph = vidata::test::photometric;
    namespace detail = vidata::transforms::detail;
    if (!vidata::test::python_oracle_available()) return;
    // Every red and green level with 17 blue levels; every hue with a grid of saturations and values, laid out
    // in rows of 340 pixels so that both of OpenCV's HSV → RGB paths run (blocks of 32, then a tail of 20).
    constexpr std::size_t width = 340;
    std::vector<std::uint8_t> rgb, hsv;
    for (int r = 0; r < 256; ++r)
        for (int gr = 0; gr < 256; ++gr)
            for (int b = 0; b < 256; b += 15) rgb.insert(rgb.end(), {std::uint8_t(r), std::uint8_t(gr), std::uint8_t(b)});
    for (int h = 0; h < 180; ++h)
        for (int s = 0; s < 256; s += 3)
            for (int v = 0; v < 256; v += 5) hsv.insert(hsv.end(), {std::uint8_t(h), std::uint8_t(s), std::uint8_t(v)});
    const std::size_t n = (rgb.size() / 3) / width * width;
    rgb.resize(n * 3);
    hsv.resize(n * 3);
    vidata::test::temp_dir dir;
    ph::write_values<std::uint8_t>(dir / "in.u8", rgb);
    ph::write_values<std::uint8_t>(dir / "hsvin.u8", hsv);
    ph::run_oracle("hsv", dir, std::to_string(n));
    const auto expected_hsv = ph::read_values<std::uint8_t>(dir / "rgb2hsv.u8");
    const auto expected_rgb = ph::read_values<std::uint8_t>(dir / "hsv2rgb.u8");
    std::vector<std::uint8_t> got_hsv(n * 3), got_rgb(n * 3);
    const auto& tables = detail::opencv_hsv_tables();
    for (std::size_t p = 0; p < n; ++p) {
        detail::opencv_rgb_to_hsv(&rgb[3 * p], &got_hsv[3 * p], tables);
        detail::opencv_hsv_to_rgb(&hsv[3 * p], &got_rgb[3 * p], p % width < detail::opencv_hsv_vector_pixels(width));
    }
    const auto to_hsv = color_jitter_test::compare(expected_hsv, got_hsv);
    CHECK(to_hsv.differing == 0);
    // HSV → RGB: exact on the vector path; on the tails, off by 1 at rare .5 ties (6 of the 208,140 tail values here).
    std::size_t vector_differing = 0, tail_differing = 0, tail_values = 0;
    int max_difference = 0;
    for (std::size_t i = 0; i < n * 3; ++i) {
        const int d = std::abs(int(expected_rgb[i]) - int(got_rgb[i]));
        const bool tail = (i / 3) % width >= detail::opencv_hsv_vector_pixels(width);
        tail_values += tail;
        (tail ? tail_differing : vector_differing) += d != 0;
        max_difference = std::max(max_difference, d);
    }
    CHECK(vector_differing == 0);
    CHECK(max_difference <= 1);
    INFO(tail_differing << " of " << tail_values << " tail values differ");
    CHECK(tail_differing * 10000 <= tail_values);
}

TEST_CASE("color_jitter: MMAction2's ColorJitter given the same factors, against numpy + cv2", "[transforms][color_jitter][oracle]") {
    using namespace color_jitter_test;
    namespace ph = vidata::test::photometric;
    if (!vidata::test::python_oracle_available()) return;
    struct scenario {
        color_jitter_factors factors;
        std::size_t width;
    };
    const std::array<jitter_step, 4> reversed{jitter_step::hue, jitter_step::saturation, jitter_step::contrast, jitter_step::brightness};
    const std::array<jitter_step, 4> mixed{jitter_step::contrast, jitter_step::hue, jitter_step::brightness, jitter_step::saturation};
    const std::vector<scenario> scenarios{
        {{1.31, 0.62, 1.44, 0.083, identity_order}, 320},
        {{0.57, 1.49, 0.51, -0.097, reversed}, 320},
        {{1.12, 0.83, 1.27, 0.5, mixed}, 320},   // hue shift 127: the uint8 wrap past 255
        {{1.45, 1.38, 0.66, -0.5, mixed}, 320},  // hue shift -127: the Python modulo of a negative
        {{0.93, 1.0, 1.0, 0.0, identity_order}, 320},
        {{1.31, 0.62, 1.44, 0.083, identity_order}, 340},  // rows with a scalar-path tail
        {{0.57, 1.49, 0.51, -0.097, reversed}, 340},
    };
    const std::size_t t = 2, h = 5;
    for (const scenario& s : scenarios) {
        const color_jitter_factors& f = s.factors;
        INFO("factors " << f.brightness << " " << f.contrast << " " << f.saturation << " " << f.hue << " order" << order_args(f.order)
                        << ", width " << s.width);
        const auto bytes = ph::random_bytes(t * h * s.width * 3, 21);
        vidata::test::temp_dir dir;
        ph::write_values<std::uint8_t>(dir / "in.u8", bytes);
        char args[256];
        std::snprintf(args, sizeof args, "%zu %zu %zu %.17g %.17g %.17g %.17g", t, h, s.width, f.brightness, f.contrast,
                      f.saturation, f.hue);
        ph::run_oracle("color_jitter", dir, args + order_args(f.order));
        const clip got = color_jitter::apply(clip(t, h, s.width, 3, bytes), f);
        const comparison c = compare(ph::read_values<std::uint8_t>(dir / "out.u8"), got.pixels());
        if (s.width % 32 == 0) {
            CHECK(c.differing == 0);  // no row tail: exact
        } else {
            // A tie rounded the other way on a tail pixel can move a later contrast step's mean, and with it a
            // frame's truncations: allow 1 level, on under 1% of the values.
            CHECK(c.max_difference <= 1);
            CHECK(c.differing * 100 <= got.size());
        }
    }
}

TEST_CASE("color_jitter models transform over clips", "[transforms][color_jitter]") {
    STATIC_REQUIRE(vidata::transform<color_jitter, clip>);
    STATIC_REQUIRE(vidata::transform<vidata::transforms::basic_color_jitter<vidata::transforms::jitter_order::per_call>, clip>);
}

TEST_CASE("color_jitter: a video_sample's frames get one draw; its info travels on", "[transforms][color_jitter]") {
    namespace ph = vidata::test::photometric;
    using vidata::transforms::video_sample;
    const clip frames(3, 2, 4, 3, ph::random_bytes(72, 9));
    rng order_source(1);
    const color_jitter jitter(color_jitter_ranges{}, order_source);
    rng g1(3), g2(3);
    const auto s = jitter(video_sample<clip>{frames, {.labels = {1, 2}, .num_clips = 3, .clip_len = 1}}, g1);
    CHECK(s.frames == color_jitter::apply(frames, jitter.draw(g2)));
    CHECK(s.info.labels == std::vector<int>{1, 2});
    CHECK(s.info.num_clips == 3);
}

TEST_CASE("color_jitter: the fused multiply-add it emulates rounds once, as std::fma", "[transforms][color_jitter]") {
    using vidata::transforms::detail::fused_multiply_add;
    // (1 + 2^-23)(0.5 - 2^-24) = 0.5 - 2^-47: added to 2^23 + 1 the double sum is the float halfway point
    // 2^23 + 1.5, which a second rounding would take to 2^23 + 2; the exact value is just below it.
    const float a = 1.f + 0x1p-23f, b = 0.5f - 0x1p-24f, c = 8388609.f;
    CHECK(fused_multiply_add(a, b, c) == 8388609.f);
    CHECK(fused_multiply_add(a, b, c) == std::fma(a, b, c));
    CHECK(fused_multiply_add(-a, b, -c) == -8388609.f);
    std::mt19937 gen(2);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    std::size_t differing = 0;
    for (int i = 0; i < 200000; ++i) {
        const float x = u(gen), y = u(gen), z = i % 2 ? u(gen) : 1.f;
        differing += fused_multiply_add(x, y, z) != std::fma(x, y, z);
    }
    CHECK(differing == 0);
}
