// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::three_crop: offsets 0, 2·step, step by hand, crop-major frames, the crop count recorded.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/lazy_clip.hpp>
#include <vidata/transforms/three_crop.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

#include <array>

using vidata::transforms::three_crop;

static_assert(vidata::transform<three_crop, vidata::clip>);
static_assert(vidata::transform<three_crop, vidata::transforms::video_sample<>>);
// Multi-crops are eager only: a lazy value must be fused first, and that is a compile-time rule.
static_assert(!vidata::transform<three_crop, vidata::transforms::lazy_clip>);
static_assert(!vidata::geometric_transform<three_crop, vidata::clip>);

namespace three_crop_test {

// Group k of `out` (frames [k·F, (k+1)·F)) is the box at (x, y) of every frame of `in`.
inline void check_group(const vidata::clip& in, const vidata::clip& out, std::size_t k, std::size_t x0, std::size_t y0) {
    const std::size_t frames = in.frames();
    for (std::size_t t = 0; t < frames; ++t)
        for (std::size_t y = 0; y < out.height(); ++y)
            for (std::size_t x = 0; x < out.width(); ++x)
                for (std::size_t c = 0; c < out.channels(); ++c) REQUIRE(out(k * frames + t, y, x, c) == in(t, y + y0, x + x0, c));
}

}  // namespace three_crop_test

TEST_CASE("three_crop: along the width, offsets 0, 2 step, step, crop-major", "[transforms][three_crop]") {
    vidata::rng g(1);
    const auto frames = geometric_support::numbered(4, 256, 341);
    const auto s = three_crop{256}(vidata::clip(frames), g);
    REQUIRE(s.frames.frames() == 12);
    CHECK(s.info.num_crops == 3);
    REQUIRE(s.frames.width() == 256);
    // step = (341 - 256) // 2 = 42: left 0, "right" 84 (one pixel short of the edge), middle 42.
    three_crop_test::check_group(frames, s.frames, 0, 0, 0);
    three_crop_test::check_group(frames, s.frames, 1, 84, 0);
    three_crop_test::check_group(frames, s.frames, 2, 42, 0);
}

TEST_CASE("three_crop: along the height when the crop spans the width", "[transforms][three_crop]") {
    vidata::rng g(1);
    const auto frames = geometric_support::numbered(2, 300, 200, 1);
    vidata::transforms::video_sample<> in{vidata::clip(frames), {}};
    in.info.num_crops = 2;  // already multi-cropped: the counts multiply
    const auto s = three_crop{200}(std::move(in), g);
    CHECK(s.info.num_crops == 6);
    // step = (300 - 200) // 2 = 50: top 0, bottom 100, middle 50.
    three_crop_test::check_group(frames, s.frames, 0, 0, 0);
    three_crop_test::check_group(frames, s.frames, 1, 0, 100);
    three_crop_test::check_group(frames, s.frames, 2, 0, 50);
}

TEST_CASE("three_crop: a crop spanning neither side throws", "[transforms][three_crop]") {
    vidata::rng g(1);
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)three_crop{100}(geometric_support::numbered(1, 120, 150), g); }),
               Catch::Contains("must span the height or the width"));
}
