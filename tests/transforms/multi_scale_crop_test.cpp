// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::multi_scale_crop: TSN's candidate sizes, the 5 and 13 fixed offsets and the 3-pixel snap, by hand.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/lazy.hpp>
#include <vidata/transforms/multi_scale_crop.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

#include <set>
#include <tuple>
#include <utility>
#include <vector>

using vidata::transforms::crop_box;
using vidata::transforms::multi_scale_crop;

static_assert(vidata::geometric_transform<multi_scale_crop, vidata::clip>);

namespace multi_scale_crop_test {

[[nodiscard]] inline std::set<std::tuple<int, int, int, int>> boxes_seen(const multi_scale_crop& m, vidata::image_size s, int draws) {
    std::set<std::tuple<int, int, int, int>> seen;
    for (int i = 0; i < draws; ++i) {
        auto g = vidata::rng::for_item(7, 0, static_cast<std::uint64_t>(i));
        const crop_box b = m.choose(s, g);
        seen.emplace(b.x, b.y, b.width, b.height);
    }
    return seen;
}

}  // namespace multi_scale_crop_test

TEST_CASE("multi_scale_crop: TSN's candidate sizes on 340x256", "[transforms][multi_scale_crop]") {
    const multi_scale_crop m{{224, 224}, {1, 0.875, 0.75, 0.66}};
    // base 256: sides int(256 s) = 256, 224, 192, 168 (256 * 0.66 = 168.96); (w, h) pairs whose scale
    // indices differ by at most 1, h-index-major.
    const std::vector<std::pair<int, int>> expected{{256, 256}, {224, 256}, {256, 224}, {224, 224}, {192, 224},
                                                    {224, 192}, {192, 192}, {168, 192}, {192, 168}, {168, 168}};
    CHECK(m.candidate_sizes({256, 340}) == expected);
}

TEST_CASE("multi_scale_crop: the 5 fixed offsets, and the 13", "[transforms][multi_scale_crop]") {
    // One scale, 0.75 of 256 = 192: every draw is a 192 x 192 box. Steps: (340 - 192) // 4 = 37, (256 - 192) // 4 = 16.
    multi_scale_crop m{{224, 224}, {0.75}};
    using box = std::tuple<int, int, int, int>;
    const std::set<box> five{{0, 0, 192, 192}, {148, 0, 192, 192}, {0, 64, 192, 192}, {148, 64, 192, 192}, {74, 32, 192, 192}};
    CHECK(multi_scale_crop_test::boxes_seen(m, {256, 340}, 400) == five);

    m.num_fixed_crops = 13;
    std::set<box> thirteen = five;
    for (const box& b : {box{0, 32, 192, 192}, box{148, 32, 192, 192}, box{74, 64, 192, 192}, box{74, 0, 192, 192}, box{37, 16, 192, 192},
                        box{111, 16, 192, 192}, box{37, 48, 192, 192}, box{111, 48, 192, 192}})
        thirteen.insert(b);
    CHECK(multi_scale_crop_test::boxes_seen(m, {256, 340}, 1000) == thirteen);
}

TEST_CASE("multi_scale_crop: sides within 3 px of input_size snap to it", "[transforms][multi_scale_crop]") {
    vidata::rng g(2);
    // base 226: side 226 is 2 px from 224, so the crop is 224 x 224; steps (300 - 224) // 4 = 19 and (226 - 224) // 4 = 0.
    const crop_box b = multi_scale_crop{{224, 224}, {1.0}}.choose({226, 300}, g);
    CHECK(b.width == 224);
    CHECK(b.height == 224);
    CHECK(std::set<int>{0, 38, 76}.count(b.x) == 1);
    CHECK(b.y == 0);
    // 3 px away does not snap: base 227 keeps 227.
    CHECK(multi_scale_crop{{224, 224}, {1.0}}.choose({227, 300}, g).width == 227);
}

TEST_CASE("multi_scale_crop: random_crop draws offsets over [0, W - w] inclusive", "[transforms][multi_scale_crop]") {
    multi_scale_crop m{{100, 100}, {0.5}};
    m.random_crop = true;
    std::set<int> xs, ys;
    for (std::uint64_t i = 0; i < 4000; ++i) {
        auto g = vidata::rng::for_item(3, 1, i);
        const crop_box b = m.choose({40, 50}, g);  // side int(40 * 0.5) = 20
        REQUIRE(b.width == 20);
        xs.insert(b.x);
        ys.insert(b.y);
    }
    CHECK(xs.size() == 31);  // 0..30
    CHECK(*xs.rbegin() == 30);
    CHECK(ys.size() == 21);  // 0..20
}

TEST_CASE("multi_scale_crop: the frames are the chosen box; eager and lazy draw the same", "[transforms][multi_scale_crop]") {
    const multi_scale_crop m{{224, 224}, {1, 0.875, 0.75, 0.66}, 1, false, 13};
    const auto frames = geometric_support::numbered(2, 256, 340);
    for (std::uint64_t i = 0; i < 20; ++i) {
        auto g = vidata::rng::for_item(1, 0, i);
        auto copy = g;
        const crop_box b = m.choose({256, 340}, copy);
        const auto out = m(vidata::clip(frames), g);
        CHECK(g == copy);
        REQUIRE(out.width() == static_cast<std::size_t>(b.width));
        REQUIRE(out.height() == static_cast<std::size_t>(b.height));
        CHECK(out(1, 5, 7, 2) == geometric_support::numbered_value(1, 5 + static_cast<std::size_t>(b.y), 7 + static_cast<std::size_t>(b.x), 2));
        CHECK(out(0, out.height() - 1, out.width() - 1, 0) ==
              geometric_support::numbered_value(0, static_cast<std::size_t>(b.y + b.height - 1), static_cast<std::size_t>(b.x + b.width - 1), 0));
        auto lazy_g = vidata::rng::for_item(1, 0, i);
        auto lazy = m(vidata::transforms::lazy{}(vidata::clip(frames), lazy_g), lazy_g);
        CHECK(lazy.plan.region == vidata::crop_plan::box{static_cast<double>(b.x), static_cast<double>(b.y), static_cast<double>(b.width),
                                                         static_cast<double>(b.height)});
        CHECK(lazy_g == g);
    }
}

TEST_CASE("multi_scale_crop: bad settings throw", "[transforms][multi_scale_crop]") {
    vidata::rng g(1);
    multi_scale_crop m{{224, 224}, {1.0}};
    m.num_fixed_crops = 7;
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)m.choose({256, 340}, g); }), Catch::Contains("5 or 13"));
    // Snapping up to input_size can make the box larger than the frames.
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)multi_scale_crop{{224, 224}, {1.0}}.choose({222, 300}, g); }),
               Catch::Contains("does not fit"));
}
