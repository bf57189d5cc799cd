// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::random_resized_crop: area and aspect ranges, the fallback, the draw order, reproducibility.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/lazy.hpp>
#include <vidata/transforms/random_resized_crop.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

#include <cmath>

using vidata::transforms::crop_box;
using vidata::transforms::random_resized_crop;

static_assert(vidata::geometric_transform<random_resized_crop, vidata::clip>);

TEST_CASE("random_resized_crop: boxes lie in the frame with area and aspect in range", "[transforms][random_resized_crop]") {
    const random_resized_crop rrc{};
    const vidata::image_size s{256, 340};
    double min_area = 1, max_area = 0;
    int fallbacks = 0;
    for (std::uint64_t i = 0; i < 5000; ++i) {
        auto g = vidata::rng::for_item(1, 0, i);
        const crop_box b = rrc.choose(s, g);
        REQUIRE(b.x >= 0);
        REQUIRE(b.y >= 0);
        REQUIRE(b.x + b.width <= 340);
        REQUIRE(b.y + b.height <= 256);
        if (b == crop_box{42, 0, 256, 256}) {  // the centred square of the fallback: (340 - 256) // 2 = 42
            ++fallbacks;
            continue;
        }
        const double area = static_cast<double>(b.width) * b.height / (256.0 * 340.0);
        const double ratio = static_cast<double>(b.width) / b.height;
        // Rounding each side to an integer moves area and ratio a little past the drawn values.
        REQUIRE(area >= 0.08 * 0.97);
        REQUIRE(area <= 1.0);
        REQUIRE(ratio >= 0.75 * 0.95);
        REQUIRE(ratio <= 4.0 / 3.0 * 1.05);
        min_area = std::min(min_area, area);
        max_area = std::max(max_area, area);
    }
    CHECK(min_area < 0.1);
    CHECK(max_area > 0.9);
    CHECK(fallbacks < 50);  // a candidate rarely fails ten times in a row on a 340x256 frame
}

TEST_CASE("random_resized_crop: the fallback is the centred square of the short side", "[transforms][random_resized_crop]") {
    vidata::rng g(3);
    // Whole area at ratio 1 on 100x60: w = h = round(sqrt(6000)) = 77 > 60 every time: fallback side 60, x = (100 - 60) // 2 = 20.
    const random_resized_crop rrc{{1.0, 1.0}, {1.0, 1.0}};
    CHECK(rrc.choose({60, 100}, g) == crop_box{20, 0, 60, 60});
    // On a 50x50 frame the first candidate fits exactly: randint(0, 0) twice.
    CHECK(rrc.choose({50, 50}, g) == crop_box{0, 0, 50, 50});
}

TEST_CASE("random_resized_crop: numpy's draw order (ten ratios, ten areas, then x and y)", "[transforms][random_resized_crop]") {
    auto g = vidata::rng::for_item(2, 0, 9);
    auto r = g;
    const random_resized_crop rrc{};
    // The same candidate computed by hand from the same stream.
    double ratio[10], area[10];
    for (double& v : ratio) v = std::exp(std::log(0.75) + (std::log(4.0 / 3.0) - std::log(0.75)) * r.uniform_real());
    for (double& v : area) v = (0.08 + 0.92 * r.uniform_real()) * 256 * 340;
    int i = 0;
    while (std::nearbyint(std::sqrt(area[i] * ratio[i])) > 340 || std::nearbyint(std::sqrt(area[i] / ratio[i])) > 256) ++i;
    const int w = static_cast<int>(std::nearbyint(std::sqrt(area[i] * ratio[i])));
    const int h = static_cast<int>(std::nearbyint(std::sqrt(area[i] / ratio[i])));
    const int x = r.uniform_int(0, 340 - w);
    const int y = r.uniform_int(0, 256 - h);
    CHECK(rrc.choose({256, 340}, g) == crop_box{x, y, w, h});
    CHECK(g == r);
}

TEST_CASE("random_resized_crop: reproducible per item, eager and lazy alike", "[transforms][random_resized_crop]") {
    const auto frames = geometric_support::numbered(1, 64, 80);
    const random_resized_crop rrc{};
    auto a = vidata::rng::for_item(4, 1, 2), b = vidata::rng::for_item(4, 1, 2), c = vidata::rng::for_item(4, 1, 3);
    const crop_box box = rrc.choose({64, 80}, a);
    CHECK(rrc.choose({64, 80}, b) == box);
    bool differs = false;
    for (std::uint64_t i = 3; i < 10 && !differs; ++i) {
        auto other = vidata::rng::for_item(4, 1, i);
        differs = rrc.choose({64, 80}, other) != box;
    }
    CHECK(differs);
    auto eager_g = vidata::rng::for_item(4, 1, 2);
    const auto out = rrc(vidata::clip(frames), eager_g);
    REQUIRE(out.width() == static_cast<std::size_t>(box.width));
    CHECK(out(0, 0, 0, 1) == geometric_support::numbered_value(0, static_cast<std::size_t>(box.y), static_cast<std::size_t>(box.x), 1));
    c = vidata::rng::for_item(4, 1, 2);
    auto lazy = rrc(vidata::transforms::lazy{}(vidata::clip(frames), c), c);
    CHECK(lazy.plan.output == vidata::image_size{box.height, box.width});
    CHECK(c == eager_g);
}

TEST_CASE("random_resized_crop: bad ranges throw", "[transforms][random_resized_crop]") {
    vidata::rng g(1);
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)random_resized_crop{{0.5, 1.5}}.choose({10, 10}, g); }),
               Catch::Contains("area_range"));
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)random_resized_crop{{0.5, 1.0}, {2.0, 1.0}}.choose({10, 10}, g); }),
               Catch::Contains("aspect_ratio_range"));
}
