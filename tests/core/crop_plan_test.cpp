// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::crop_plan: a planned chain of resizes, crops and flips samples the same pixels as the eager chain.
#include <vidata/core/crop_plan.hpp>
#include <vidata/core/rng.hpp>

#include "support.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

using vidata::crop_plan;
using vidata::image_size;

namespace {

// A tiny integer image, enough to compare eager and planned geometry exactly.
struct image {
    int height = 0;
    int width = 0;
    std::vector<int> pixels;
    int operator()(int y, int x) const { return pixels[static_cast<std::size_t>(y * width + x)]; }
};

image numbered(int height, int width) {
    image im{height, width, std::vector<int>(static_cast<std::size_t>(height * width))};
    for (std::size_t i = 0; i < im.pixels.size(); ++i) im.pixels[i] = static_cast<int>(i);
    return im;
}

template <class F>
image generate(int height, int width, F f) {
    image out{height, width, {}};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) out.pixels.push_back(f(y, x));
    return out;
}

// Eager steps. Upsampling by an integer factor with nearest-neighbour sampling is exact, so the eager
// chain and one planned resample must agree pixel for pixel.
image upsample(const image& in, int k) { return generate(in.height * k, in.width * k, [&](int y, int x) { return in(y / k, x / k); }); }
image crop(const image& in, int x0, int y0, int w, int h) { return generate(h, w, [&](int y, int x) { return in(y0 + y, x0 + x); }); }
image flip_h(const image& in) { return generate(in.height, in.width, [&](int y, int x) { return in(y, in.width - 1 - x); }); }
image flip_v(const image& in) { return generate(in.height, in.width, [&](int y, int x) { return in(in.height - 1 - y, x); }); }

// One resample of the source through the plan: nearest neighbour at each output pixel centre.
image apply(const crop_plan& plan, const image& source) {
    return generate(plan.output.height, plan.output.width, [&](int y, int x) {
        const auto p = plan.to_source(x + 0.5, y + 0.5);
        return source(static_cast<int>(std::floor(p.y)), static_cast<int>(std::floor(p.x)));
    });
}

}  // namespace

TEST_CASE("crop_plan identity covers the whole frame", "[core][crop_plan]") {
    const auto p = crop_plan::identity({240, 320});
    CHECK(p.source == image_size{240, 320});
    CHECK(p.output == image_size{240, 320});
    CHECK(p.region == crop_plan::box{0.0, 0.0, 320.0, 240.0});
    CHECK_FALSE(p.flip_horizontal);
    CHECK(p.is_identity());
    CHECK(p.to_source(320.0, 240.0) == crop_plan::point{320.0, 240.0});
}

TEST_CASE("crop_plan maps a TSN-style chain into source coordinates", "[core][crop_plan]") {
    auto p = crop_plan::identity({256, 340});
    p.resize({128, 170});  // half size
    p.crop(10, 20, 100, 100);
    CHECK(p.region.x == 20.0);
    CHECK(p.region.y == 40.0);
    CHECK(p.region.width == 200.0);
    CHECK(p.output == image_size{100, 100});
    p.flip_horizontally();
    CHECK(p.to_source(0.0, 0.0) == crop_plan::point{220.0, 40.0});
    p.flip_horizontally();
    CHECK(p.to_source(0.0, 0.0) == crop_plan::point{20.0, 40.0});
}

TEST_CASE("crop_plan: planned chains sample the pixels of the eager chains", "[core][crop_plan]") {
    const image source = numbered(6, 8);
    for (std::uint64_t trial = 0; trial < 200; ++trial) {
        auto g = vidata::rng::for_item(2024, 0, trial);
        image eager = source;
        auto plan = crop_plan::identity({source.height, source.width});
        for (int step = 0; step < 6; ++step) {
            switch (g.uniform_int(0, 3)) {
            case 0:
                if (eager.width < 40) {
                    const int k = g.uniform_int(2, 3);
                    eager = upsample(eager, k);
                    plan.resize({eager.height, eager.width});
                }
                break;
            case 1: {
                const int w = g.uniform_int(1, eager.width);
                const int h = g.uniform_int(1, eager.height);
                const int x = g.uniform_int(0, eager.width - w);
                const int y = g.uniform_int(0, eager.height - h);
                eager = crop(eager, x, y, w, h);
                plan.crop(x, y, w, h);
                break;
            }
            case 2:
                eager = flip_h(eager);
                plan.flip_horizontally();
                break;
            default:
                eager = flip_v(eager);
                plan.flip_vertically();
                break;
            }
        }
        INFO("trial " << trial);
        REQUIRE(plan.output == image_size{eager.height, eager.width});
        const image planned = apply(plan, source);
        REQUIRE(planned.pixels == eager.pixels);
    }
}
