// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::transforms::resize: mmcv's rescale_size arithmetic by hand, scale_factor, lazy planning, bad settings.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/lazy.hpp>
#include <vidata/transforms/resample.hpp>
#include <vidata/transforms/resize.hpp>

#include "geometric_support.hpp"
#include "support.hpp"

using vidata::image_size;
using vidata::transforms::interpolation;
using vidata::transforms::resize;

static_assert(vidata::geometric_transform<resize, vidata::clip>);
static_assert(vidata::geometric_transform<resize, vidata::transforms::video_sample<vidata::transforms::lazy_clip>>);

TEST_CASE("resize: mmcv rescale_size by hand", "[transforms][resize]") {
    // (-1, 256): the long limit is infinite, factor = 256 / short side, each side int(side * factor + 0.5).
    CHECK(resize({-1, 256}).output_size({256, 340}) == image_size{256, 340});  // factor 1
    CHECK(resize({-1, 256}).output_size({340, 256}) == image_size{340, 256});  // portrait: width is short
    // 320x240 (w x h): factor 256/240; w = int(320 * 1.0666.. + 0.5) = int(341.83) = 341, h = int(256.5) = 256.
    CHECK(resize({-1, 256}).output_size({240, 320}) == image_size{256, 341});
    // 640x360: factor 256/360 = 0.7111..; w = int(455.11 + 0.5) = 455.
    CHECK(resize({-1, 256}).output_size({360, 640}) == image_size{256, 455});
    // The -1 may come first or second: min and max of the tuple decide.
    CHECK(resize({256, -1}).output_size({360, 640}) == image_size{256, 455});
    // (340, 256) with keep_ratio on 640x480: factor min(340/640, 256/480) = 0.53125; h = int(255 + 0.5) = 255.
    CHECK(resize({340, 256}).output_size({480, 640}) == image_size{255, 340});
    // Without keep_ratio the tuple is (w, h).
    CHECK(resize({224, 200}, false).output_size({256, 340}) == image_size{200, 224});
    // A factor: 341x255 * 0.5 -> w = int(170.5 + 0.5) = 171, h = int(127.5 + 0.5) = 128.
    CHECK(resize(0.5).output_size({255, 341}) == image_size{128, 171});
}

TEST_CASE("resize: eager frames are the kernel's, lazy values only plan, nothing is drawn", "[transforms][resize]") {
    const auto frames = geometric_support::numbered(2, 30, 40);
    vidata::rng g(3);
    const vidata::rng before = g;
    const resize r({-1, 20}, true, interpolation::bicubic);
    const auto eager = r(vidata::clip(frames), g);
    CHECK(g == before);
    REQUIRE(eager.height() == 20);
    REQUIRE(eager.width() == 27);  // int(40 * 20/30 + 0.5) = int(27.17)
    CHECK(eager == vidata::transforms::resize_frames(frames, {20, 27}, interpolation::bicubic));

    auto planned = r(vidata::transforms::lazy{}(vidata::clip(frames), g), g);
    CHECK(planned.plan.output == image_size{20, 27});
    CHECK(planned.plan.region == vidata::crop_plan::box{0, 0, 40, 30});
    CHECK(planned.interp == interpolation::bicubic);
    CHECK(planned.source == frames);

    auto p = vidata::crop_plan::identity({30, 40});
    r.plan(p, g);
    CHECK(p.output == image_size{20, 27});
}

TEST_CASE("resize: scale_factor accumulates as MMAction2's float32 array", "[transforms][resize]") {
    vidata::rng g(1);
    vidata::transforms::video_sample<> s{geometric_support::numbered(1, 256, 340), {}};
    s = resize({-1, 128})(std::move(s), g);
    CHECK(s.info.scale_factor == std::array<float, 2>{0.5f, 0.5f});  // 128/256 and 170/340
    s = resize({224, 224}, false)(std::move(s), g);
    // float32(0.5) * float32(224 / 170) and float32(0.5) * float32(224 / 128) = 0.5 * 1.75.
    CHECK(s.info.scale_factor[0] == 0.5f * static_cast<float>(224.0 / 170.0));
    CHECK(s.info.scale_factor[1] == 0.875f);
    CHECK(s.frames.height() == 224);
    CHECK(s.frames.width() == 224);
}

TEST_CASE("resize: settings MMAction2 rejects throw invalid_argument", "[transforms][resize]") {
    using vidata::test::message_of;
    CHECK_THAT(message_of<vidata::invalid_argument>([] { (void)resize({0, 256}); }), Catch::Contains("positive sides"));
    CHECK_THAT(message_of<vidata::invalid_argument>([] { (void)resize({-1, -1}); }), Catch::Contains("positive sides"));
    CHECK_THAT(message_of<vidata::invalid_argument>([] { (void)resize({-1, 256}, false); }), Catch::Contains("needs keep_ratio"));
    CHECK_THAT(message_of<vidata::invalid_argument>([] { (void)resize(-0.5); }), Catch::Contains("not positive"));
    vidata::rng g(1);
    CHECK_THAT(message_of<vidata::invalid_argument>([&] { (void)resize({-1, 256})(vidata::clip{}, g); }), Catch::Contains("no frame"));
    CHECK_THAT(message_of<vidata::invalid_argument>([] { (void)resize(0.001).output_size({10, 10}); }), Catch::Contains("would become empty"));
}
