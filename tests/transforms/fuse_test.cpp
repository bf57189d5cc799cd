// SPDX-License-Identifier: Apache-2.0
// Tests of lazy mode and vidata::transforms::fuse: the same draws as eager, equal bytes for crops and flips, and the
// eager TSN chain within the stated interpolation tolerance.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/center_crop.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/fuse.hpp>
#include <vidata/transforms/lazy.hpp>
#include <vidata/transforms/multi_scale_crop.hpp>
#include <vidata/transforms/random_crop.hpp>
#include <vidata/transforms/random_resized_crop.hpp>
#include <vidata/transforms/resize.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

#include <algorithm>
#include <concepts>
#include <cstdlib>

namespace vt = vidata::transforms;
using vidata::clip;

static_assert(vidata::transform<vt::fuse, vt::lazy_clip>);
static_assert(std::same_as<vidata::transform_result_t<vt::fuse, vt::video_sample<vt::lazy_clip>>, vt::video_sample<>>);
// The plan_realiser form vidata::pipeline's .lazy() calls.
static_assert(std::same_as<std::invoke_result_t<const vt::fuse&, clip, const vidata::crop_plan&>, clip>);

namespace fuse_test {

// The crop-only transforms and a flip, in an order MMAction2's lazy mode would refuse (a flip before crops).
template <class V>
V crops_and_flips(V v, vidata::rng& g) {
    v = vt::random_crop{200}(std::move(v), g);
    v = vt::flip{0.5}(std::move(v), g);
    v = vt::multi_scale_crop{{150, 150}, {1, 0.875, 0.75}, 1, false, 13}(std::move(v), g);
    v = vt::center_crop(120, 100)(std::move(v), g);
    v = vt::flip{0.5, vt::flip_direction::vertical}(std::move(v), g);
    v = vt::random_resized_crop{}(std::move(v), g);
    return v;
}

// MMAction2's TSN train chain (Resize → MultiScaleCrop → Resize 224 → Flip).
template <class V>
V tsn_chain(V v, vidata::rng& g) {
    v = vt::resize({-1, 256})(std::move(v), g);
    v = vt::multi_scale_crop{{224, 224}, {1, 0.875, 0.75, 0.66}}(std::move(v), g);
    v = vt::resize({224, 224}, false)(std::move(v), g);
    v = vt::flip{0.5}(std::move(v), g);
    return v;
}

struct difference {
    double mean = 0;
    int max = 0;
};

[[nodiscard]] inline difference compare(const clip& a, const clip& b) {
    REQUIRE(a.frames() == b.frames());
    REQUIRE(a.height() == b.height());
    REQUIRE(a.width() == b.width());
    difference d;
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const int delta = std::abs(int{a.pixels()[i]} - int{b.pixels()[i]});
        sum += delta;
        d.max = std::max(d.max, delta);
    }
    d.mean = sum / static_cast<double>(a.size());
    return d;
}

}  // namespace fuse_test

TEST_CASE("lazy + fuse equals the eager chain byte for byte when it holds only crops and flips", "[transforms][fuse]") {
    const clip frames = geometric_support::numbered(3, 240, 320);
    for (std::uint64_t item = 0; item < 25; ++item) {
        auto eager_g = vidata::rng::for_item(3, 0, item), lazy_g = eager_g;
        const clip eager = fuse_test::crops_and_flips(clip(frames), eager_g);
        const clip fused = vt::fuse{}(fuse_test::crops_and_flips(vt::lazy{}(clip(frames), lazy_g), lazy_g), lazy_g);
        CHECK(eager_g == lazy_g);
        REQUIRE(fused == eager);
        auto exact_g = vidata::rng::for_item(3, 0, item);
        CHECK(vt::fuse{vt::region_mode::exact}(fuse_test::crops_and_flips(vt::lazy{}(clip(frames), exact_g), exact_g), exact_g) == eager);
    }
}

TEST_CASE("lazy + fuse of a flow sample inverts x-flow as the eager flip does, and keeps the same clip_info", "[transforms][fuse]") {
    const clip frames = geometric_support::numbered(4, 240, 320, 1);
    int flipped = 0;
    for (std::uint64_t item = 0; item < 10; ++item) {
        vt::video_sample<> sample{clip(frames), {}};
        sample.info.flow = true;
        sample.info.labels = {4};
        auto eager_g = vidata::rng::for_item(5, 0, item), lazy_g = eager_g;
        auto crops_h = [](auto v, vidata::rng& g) {
            v = vt::random_crop{200}(std::move(v), g);
            v = vt::flip{0.5}(std::move(v), g);
            return vt::center_crop{150}(std::move(v), g);
        };
        const auto eager = crops_h(sample, eager_g);
        const auto fused = vt::fuse{}(crops_h(vt::lazy{}(sample, lazy_g), lazy_g), lazy_g);
        REQUIRE(fused.frames == eager.frames);
        CHECK(fused.info == eager.info);
        flipped += eager.info.flip ? 1 : 0;
    }
    CHECK(flipped > 0);  // the inversion was exercised
}

TEST_CASE("lazy + fuse follows the eager TSN chain within the stated interpolation tolerance", "[transforms][fuse]") {
    // 240x320 so that the first resize changes the size (to 256x341) and the planned region is fractional.
    const clip frames = geometric_support::smooth(2, 240, 320);
    double worst_exact_mean = 0, worst_rounded_mean = 0;
    int worst_exact_max = 0;
    for (std::uint64_t item = 0; item < 12; ++item) {
        auto eager_g = vidata::rng::for_item(9, 0, item), lazy_g = eager_g, rounded_g = eager_g;
        vt::video_sample<> sample{clip(frames), {}};
        const auto eager = fuse_test::tsn_chain(sample, eager_g);
        const auto planned = fuse_test::tsn_chain(vt::lazy{}(sample, lazy_g), lazy_g);
        CHECK(eager_g == lazy_g);
        // The same boxes and decisions: MMAction2's results-dict entries agree (crop_quadruple up to float rounding).
        CHECK(planned.info.flip == eager.info.flip);
        CHECK(planned.info.scale_factor == eager.info.scale_factor);
        for (std::size_t k = 0; k < 4; ++k) CHECK(planned.info.crop_quadruple[k] == Approx(eager.info.crop_quadruple[k]).margin(1e-6));
        const auto exact = vt::fuse{vt::region_mode::exact}(planned, lazy_g);
        const auto rounded = vt::fuse{}(fuse_test::tsn_chain(vt::lazy{}(sample, rounded_g), rounded_g), rounded_g);
        REQUIRE(exact.frames.height() == 224);
        REQUIRE(exact.frames.width() == 224);
        const auto de = fuse_test::compare(exact.frames, eager.frames);
        const auto dr = fuse_test::compare(rounded.frames, eager.frames);
        INFO("item " << item << ": exact mean " << de.mean << " max " << de.max << "; rounded mean " << dr.mean << " max " << dr.max);
        CHECK(de.mean <= 0.5);
        CHECK(de.max <= 3);
        CHECK(dr.mean <= 1.5);
        CHECK(dr.max <= 8);
        worst_exact_mean = std::max(worst_exact_mean, de.mean);
        worst_rounded_mean = std::max(worst_rounded_mean, dr.mean);
        worst_exact_max = std::max(worst_exact_max, de.max);
    }
    INFO("worst: exact mean " << worst_exact_mean << " max " << worst_exact_max << "; rounded mean " << worst_rounded_mean);
    CHECK(worst_exact_mean > 0);  // the chains really resample differently: the bound is not vacuous
}

TEST_CASE("plan() builds the plan a lazy_clip carries, drawing the same numbers", "[transforms][fuse]") {
    const clip frames = geometric_support::numbered(1, 240, 320);
    auto a = vidata::rng::for_item(2, 0, 0), b = a;
    const auto lazy = fuse_test::tsn_chain(vt::lazy{}(clip(frames), a), a);
    auto p = vidata::crop_plan::identity({240, 320});
    vt::resize({-1, 256}).plan(p, b);
    vt::multi_scale_crop{{224, 224}, {1, 0.875, 0.75, 0.66}}.plan(p, b);
    vt::resize({224, 224}, false).plan(p, b);
    vt::flip{0.5}.plan(p, b);
    CHECK(p == lazy.plan);
    CHECK(a == b);
    // The plan_realiser form realises the same plan the same way.
    CHECK(vt::fuse{}(clip(frames), p) == vt::fuse{}(lazy, a));
}

TEST_CASE("fuse of an untouched lazy clip returns the frames as they were", "[transforms][fuse]") {
    vidata::rng g(1);
    const clip frames = geometric_support::numbered(2, 8, 9);
    CHECK(vt::fuse{}(vt::lazy{}(clip(frames), g), g) == frames);
    CHECK(vt::fuse{}(vt::resize({9, 8}, false)(vt::lazy{}(clip(frames), g), g), g) == frames);
}

TEST_CASE("on 340x256 frames the TSN chain resamples once either way: lazy + fuse equals eager byte for byte", "[transforms][fuse]") {
    // Resize (-1, 256) is the identity there, so the planned region is whole pixels and both chains make one resize.
    const clip frames = geometric_support::smooth(2, 256, 340);
    for (std::uint64_t item = 0; item < 8; ++item) {
        auto eager_g = vidata::rng::for_item(4, 0, item), lazy_g = eager_g;
        const clip eager = fuse_test::tsn_chain(clip(frames), eager_g);
        CHECK(vt::fuse{}(fuse_test::tsn_chain(vt::lazy{}(clip(frames), lazy_g), lazy_g), lazy_g) == eager);
    }
}
