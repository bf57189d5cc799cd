// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::center_crop: MMAction2's offsets by hand, pixel for pixel.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/center_crop.hpp>
#include <vidata/transforms/lazy.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

using vidata::transforms::center_crop;

static_assert(vidata::geometric_transform<center_crop, vidata::clip>);

namespace center_crop_test {

// Every pixel of `out` is the pixel of `in` at (y + top, x + left).
inline void check_cut(const vidata::clip& in, const vidata::clip& out, std::size_t left, std::size_t top) {
    for (std::size_t t = 0; t < out.frames(); ++t)
        for (std::size_t y = 0; y < out.height(); ++y)
            for (std::size_t x = 0; x < out.width(); ++x)
                for (std::size_t c = 0; c < out.channels(); ++c) REQUIRE(out(t, y, x, c) == in(t, y + top, x + left, c));
}

}  // namespace center_crop_test

TEST_CASE("center_crop: left = (W - w) // 2, top = (H - h) // 2", "[transforms][center_crop]") {
    vidata::rng g(1);
    const auto frames = geometric_support::numbered(3, 256, 340);
    const auto out = center_crop{224}(vidata::clip(frames), g);
    REQUIRE(out.frames() == 3);
    REQUIRE(out.height() == 224);
    REQUIRE(out.width() == 224);
    center_crop_test::check_cut(frames, out, 58, 16);  // (340 - 224) / 2 = 58, (256 - 224) / 2 = 16

    // (w, h) = (200, 100) on 101 x 301: left = 101 // 2 = 50, top = 1 // 2 = 0.
    const auto odd = geometric_support::numbered(1, 101, 301, 1);
    const auto cut = center_crop(200, 100)(vidata::clip(odd), g);
    REQUIRE(cut.height() == 100);
    REQUIRE(cut.width() == 200);
    center_crop_test::check_cut(odd, cut, 50, 0);
}

TEST_CASE("center_crop: lazily, the plan's region is the same box; crop_quadruple composes", "[transforms][center_crop]") {
    vidata::rng g(1);
    auto lazy = center_crop{224}(vidata::transforms::lazy{}(geometric_support::numbered(1, 256, 340), g), g);
    CHECK(lazy.plan.region == vidata::crop_plan::box{58, 16, 224, 224});
    CHECK(lazy.plan.output == vidata::image_size{224, 224});

    vidata::transforms::video_sample<> s{geometric_support::numbered(1, 200, 400), {}};
    s = center_crop(100, 50)(std::move(s), g);                  // box (150, 75, 100, 50)
    s = center_crop(50, 25)(std::move(s), g);                   // box (25, 12, 50, 25) inside it
    // By hand: (150/400, 75/200, 100/400, 50/200) = (0.375, 0.375, 0.25, 0.25), then
    // x = 0.375 + 25/100 * 0.25, y = 0.375 + 12/50 * 0.25, w = 0.5 * 0.25, h = 0.5 * 0.25.
    CHECK(s.info.crop_quadruple[0] == Approx(0.4375f));
    CHECK(s.info.crop_quadruple[1] == Approx(0.435f));
    CHECK(s.info.crop_quadruple[2] == Approx(0.125f));
    CHECK(s.info.crop_quadruple[3] == Approx(0.125f));
}

TEST_CASE("center_crop: a box larger than the frames throws", "[transforms][center_crop]") {
    vidata::rng g(1);
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)center_crop{300}(geometric_support::numbered(1, 256, 340), g); }),
               Catch::Contains("does not fit frames of 340x256"));
}
