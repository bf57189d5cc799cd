// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::random_crop: numpy's exclusive offset range, y drawn first, reproducible draws, exact pixels.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/lazy.hpp>
#include <vidata/transforms/random_crop.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

#include <set>

using vidata::transforms::crop_box;
using vidata::transforms::random_crop;

static_assert(vidata::geometric_transform<random_crop, vidata::clip>);

TEST_CASE("random_crop: offsets cover [0, side - size - 1], never side - size", "[transforms][random_crop]") {
    const random_crop crop{16};
    std::set<int> xs, ys;
    for (std::uint64_t i = 0; i < 3000; ++i) {
        auto g = vidata::rng::for_item(5, 0, i);
        const crop_box b = crop.choose({20, 30}, g);
        xs.insert(b.x);
        ys.insert(b.y);
        REQUIRE(b.width == 16);
        REQUIRE(b.height == 16);
    }
    // numpy.random.randint(0, 20 - 16) is 0..3; randint(0, 30 - 16) is 0..13.
    CHECK(ys == std::set<int>{0, 1, 2, 3});
    CHECK(xs.size() == 14);
    CHECK(*xs.rbegin() == 13);
}

TEST_CASE("random_crop: y is drawn before x, and nothing is drawn for an exact fit", "[transforms][random_crop]") {
    vidata::rng g(9);
    vidata::rng reference = g;
    const crop_box b = random_crop{10}.choose({20, 10}, g);  // width fits exactly: only y is drawn
    CHECK(b.x == 0);
    CHECK(b.y == reference.uniform_int(0, 9));
    CHECK(g == reference);

    vidata::rng h(9);
    const vidata::rng before = h;
    CHECK(random_crop{10}.choose({10, 10}, h) == crop_box{0, 0, 10, 10});
    CHECK(h == before);

    vidata::rng k(4);
    vidata::rng expected = k;
    const int y = expected.uniform_int(0, 3);
    const int x = expected.uniform_int(0, 13);
    CHECK(random_crop{16}.choose({20, 30}, k) == crop_box{x, y, 16, 16});
}

TEST_CASE("random_crop: the frames are the chosen box, pixel for pixel, eagerly and lazily", "[transforms][random_crop]") {
    const auto frames = geometric_support::numbered(2, 40, 50);
    auto g = vidata::rng::for_item(1, 2, 3);
    auto copy = g;
    const crop_box b = random_crop{24}.choose({40, 50}, copy);
    const auto out = random_crop{24}(vidata::clip(frames), g);
    CHECK(g == copy);
    REQUIRE(out.height() == 24);
    for (std::size_t t = 0; t < 2; ++t)
        for (std::size_t y = 0; y < 24; ++y)
            for (std::size_t x = 0; x < 24; ++x)
                for (std::size_t c = 0; c < 3; ++c)
                    REQUIRE(out(t, y, x, c) == geometric_support::numbered_value(t, y + static_cast<std::size_t>(b.y), x + static_cast<std::size_t>(b.x), c));

    auto lazy_g = vidata::rng::for_item(1, 2, 3);
    const auto lazy = random_crop{24}(vidata::transforms::lazy{}(vidata::clip(frames), lazy_g), lazy_g);
    CHECK(lazy.plan.region == vidata::crop_plan::box{static_cast<double>(b.x), static_cast<double>(b.y), 24, 24});
    CHECK(lazy_g == g);
}

TEST_CASE("random_crop: a square larger than a side throws", "[transforms][random_crop]") {
    vidata::rng g(1);
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)random_crop{41}(geometric_support::numbered(1, 40, 50), g); }),
               Catch::Contains("41x41"));
}
