// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::ten_crop: corners and centre by hand, each followed by its mirror, crop-major.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/ten_crop.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

#include <array>
#include <utility>

using vidata::transforms::ten_crop;

static_assert(vidata::transform<ten_crop, vidata::clip>);
static_assert(!vidata::transform<ten_crop, vidata::transforms::lazy_clip>);

namespace ten_crop_test {

// Group g of `out` is the box at (x0, y0) of every frame of `in`, mirrored left-right when `mirrored`.
inline void check_group(const vidata::clip& in, const vidata::clip& out, std::size_t group, std::size_t x0, std::size_t y0, bool mirrored) {
    const std::size_t frames = in.frames(), w = out.width();
    for (std::size_t t = 0; t < frames; ++t)
        for (std::size_t y = 0; y < out.height(); ++y)
            for (std::size_t x = 0; x < w; ++x)
                for (std::size_t c = 0; c < out.channels(); ++c)
                    REQUIRE(out(group * frames + t, y, x, c) == in(t, y + y0, (mirrored ? w - 1 - x : x) + x0, c));
}

}  // namespace ten_crop_test

TEST_CASE("ten_crop: UL, UR, LL, LR, C, each then mirrored", "[transforms][ten_crop]") {
    vidata::rng g(1);
    const auto frames = geometric_support::numbered(3, 256, 340);
    const auto s = ten_crop{224}(vidata::clip(frames), g);
    REQUIRE(s.frames.frames() == 30);
    CHECK(s.info.num_crops == 10);
    CHECK_FALSE(s.info.flip);
    // Steps: (340 - 224) // 4 = 29, (256 - 224) // 4 = 8.
    const std::array<std::pair<std::size_t, std::size_t>, 5> positions{{{0, 0}, {116, 0}, {0, 32}, {116, 32}, {58, 16}}};
    for (std::size_t k = 0; k < 5; ++k) {
        ten_crop_test::check_group(frames, s.frames, 2 * k, positions[k].first, positions[k].second, false);
        ten_crop_test::check_group(frames, s.frames, 2 * k + 1, positions[k].first, positions[k].second, true);
    }
}

TEST_CASE("ten_crop: the mirrored flow copies are not inverted, as in MMAction2", "[transforms][ten_crop]") {
    vidata::rng g(1);
    const auto frames = geometric_support::numbered(2, 20, 30, 1);  // x-flow, y-flow
    vidata::transforms::video_sample<> in{vidata::clip(frames), {}};
    in.info.flow = true;
    const auto s = ten_crop(10, 12)(std::move(in), g);
    // Steps (30 - 10) // 4 = 5, (20 - 12) // 4 = 2; check the upper-left pair and the centre pair.
    ten_crop_test::check_group(frames, s.frames, 1, 0, 0, true);
    ten_crop_test::check_group(frames, s.frames, 9, 10, 4, true);
}
