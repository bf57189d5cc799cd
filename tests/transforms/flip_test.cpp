// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::flip: mirrors by hand, the one draw, flow x inversion, the label map.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/lazy.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

#include <cmath>

using vidata::transforms::flip;
using vidata::transforms::flip_direction;

static_assert(vidata::geometric_transform<flip, vidata::clip>);
static_assert(vidata::geometric_transform<flip, vidata::transforms::video_sample<vidata::transforms::lazy_clip>>);

TEST_CASE("flip: horizontal and vertical mirrors, pixel for pixel", "[transforms][flip]") {
    vidata::rng g(1);
    const auto frames = geometric_support::numbered(2, 5, 7);
    const auto h = flip{1.0}(vidata::clip(frames), g);
    const auto v = flip{1.0, flip_direction::vertical}(vidata::clip(frames), g);
    for (std::size_t t = 0; t < 2; ++t)
        for (std::size_t y = 0; y < 5; ++y)
            for (std::size_t x = 0; x < 7; ++x)
                for (std::size_t c = 0; c < 3; ++c) {
                    REQUIRE(h(t, y, x, c) == geometric_support::numbered_value(t, y, 6 - x, c));
                    REQUIRE(v(t, y, x, c) == geometric_support::numbered_value(t, 4 - y, x, c));
                }
    CHECK(flip{0.0}(vidata::clip(frames), g) == frames);
}

TEST_CASE("flip: one uniform draw per call, whatever the ratio", "[transforms][flip]") {
    for (const double ratio : {0.0, 0.3, 1.0}) {
        vidata::rng g(8), expected(8);
        const bool flips = expected.uniform_real() < ratio;
        vidata::transforms::video_sample<> s{geometric_support::numbered(1, 4, 4), {}};
        s = flip{ratio}(std::move(s), g);
        CHECK(g == expected);
        CHECK(s.info.flip == flips);
        CHECK(s.info.direction == flip_direction::horizontal);
    }
    // About half of 10,000 items flip at ratio 0.5 (binomial sd 50; 5 sd).
    int flipped = 0;
    for (std::uint64_t i = 0; i < 10000; ++i) {
        auto g = vidata::rng::for_item(1, 0, i);
        flipped += flip{}.choose(g) ? 1 : 0;
    }
    CHECK(std::abs(flipped - 5000) < 250);
}

TEST_CASE("flip: flow x frames (even positions) become 255 - x; y frames are only mirrored", "[transforms][flip]") {
    vidata::rng g(1);
    const auto frames = geometric_support::numbered(4, 3, 5, 1);
    vidata::transforms::video_sample<> s{vidata::clip(frames), {}};
    s.info.flow = true;
    s = flip{1.0}(std::move(s), g);
    for (std::size_t t = 0; t < 4; ++t)
        for (std::size_t y = 0; y < 3; ++y)
            for (std::size_t x = 0; x < 5; ++x) {
                const int mirrored = geometric_support::numbered_value(t, y, 4 - x, 0);
                REQUIRE(int{s.frames(t, y, x, 0)} == (t % 2 == 0 ? 255 - mirrored : mirrored));
            }
    vidata::transforms::video_sample<> vertical{vidata::clip(frames), {}};
    vertical.info.flow = true;
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)flip{1.0, flip_direction::vertical}(std::move(vertical), g); }),
               Catch::Contains("only be flipped horizontally"));
}

TEST_CASE("flip: flip_label_map remaps the labels of flipped samples only", "[transforms][flip]") {
    const flip f{1.0, flip_direction::horizontal, {{86, 87}, {87, 86}, {93, 94}}};
    vidata::rng g(1);
    vidata::transforms::video_sample<> s{geometric_support::numbered(1, 2, 2), {}};
    s.info.labels = {86, 87, 5};
    s = f(std::move(s), g);
    CHECK(s.info.labels == std::vector<int>{87, 86, 5});
    vidata::transforms::video_sample<> kept{geometric_support::numbered(1, 2, 2), {}};
    kept.info.labels = {93};
    kept = flip{0.0, flip_direction::horizontal, {{93, 94}}}(std::move(kept), g);
    CHECK(kept.info.labels == std::vector<int>{93});
}

TEST_CASE("flip: lazily, the plan mirrors and crops after it map through the mirror", "[transforms][flip]") {
    vidata::rng g(1);
    auto lazy = flip{1.0}(vidata::transforms::lazy{}(geometric_support::numbered(1, 10, 20), g), g);
    CHECK(lazy.plan.flip_horizontal);
    auto p = vidata::crop_plan::identity({10, 20});
    vidata::rng h(1);
    flip{1.0}.plan(p, h);
    CHECK(p == lazy.plan);
    CHECK(h == g);
}
