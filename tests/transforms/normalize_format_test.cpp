// SPDX-License-Identifier: Apache-2.0
#include <vidata/transforms/normalize_format.hpp>

#include <vidata/core/concepts.hpp>

#include "transforms/photometric_oracle.hpp"

#include <catch2/catch.hpp>

#include <vector>

using vidata::clip;
using vidata::layout_tensor;
using vidata::rng;
namespace layouts = vidata::layouts;
using vidata::transforms::format_shape;
using vidata::transforms::normalize;
using vidata::transforms::normalize_format;
using vidata::transforms::video_sample;

namespace normalize_format_test {

const normalize imagenet{{123.675f, 116.28f, 103.53f}, {58.395f, 57.12f, 57.375f}};

// The fused stage against the two stages it replaces: same shape, same bits.
template <class L>
void check_fused(const clip& frames, const normalize& norm, const format_shape<L>& shape) {
    rng g;
    const layout_tensor<L> two = shape(norm(frames, g), g);
    const layout_tensor<L> one = normalize_format<L>{norm, shape}(frames, g);
    CHECK(one == two);
}

}  // namespace normalize_format_test

TEST_CASE("normalize_format: bit-identical to normalize then format_shape, for every layout it takes", "[transforms][normalize_format]") {
    using namespace normalize_format_test;
    namespace ph = vidata::test::photometric;
    const clip frames(12, 5, 7, 3, ph::random_bytes(12 * 5 * 7 * 3, 4));
    const normalize bgr{{1.5f, 2.5f, 3.5f}, {0.7f, 1.9f, 2.3f}, true};
    for (const normalize& norm : {imagenet, bgr}) {
        check_fused(frames, norm, format_shape<layouts::nchw>{});
        check_fused(frames, norm, format_shape<layouts::ncthw>{.clip_len = 4, .num_clips = 1});  // 3 crops
        check_fused(frames, norm, format_shape<layouts::ncthw>{.clip_len = 2, .num_clips = 3});  // 2 crops of 3 clips
        check_fused(frames, norm, format_shape<layouts::nptchw>{.clip_len = 2, .num_clips = 2, .num_proposals = 3});
        check_fused(clip(frames.subclip(0, 4)), norm, format_shape<layouts::collapsed<layouts::ncthw>>{.clip_len = 4});
    }
    rng g;
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)normalize_format<layouts::ncthw>{imagenet, {.clip_len = 5}}(frames, g); }),
               Catch::Contains("12 frames are not a whole number of crops"));
    CHECK_THAT(message_of([&] { (void)normalize_format<layouts::nchw>{{{1.f}, {1.f}}, {}}(frames, g); }),
               Catch::Contains("the clip has 3 channels but mean/std have 1 values"));
}

TEST_CASE("normalize_format: a video_sample's info gives the counts; flow samples take the two stages", "[transforms][normalize_format]") {
    using namespace normalize_format_test;
    namespace ph = vidata::test::photometric;
    rng g;
    const clip frames(6, 2, 3, 3, ph::random_bytes(108, 8));
    const normalize_format<layouts::ncthw> fused{imagenet, {}};
    const auto s = fused(video_sample<clip>{frames, {.labels = {2}, .num_clips = 2, .clip_len = 3}}, g);
    CHECK(s.frames == format_shape<layouts::ncthw>{.clip_len = 3, .num_clips = 2}(imagenet(frames, g), g));
    CHECK(s.info.labels == std::vector<int>{2});
    const clip flow(4, 2, 3, 1, ph::random_bytes(24, 9));
    const normalize flow_norm{{128.f, 128.f}, {64.f, 64.f}};
    const auto f = normalize_format<layouts::nchw>{flow_norm, {}}(video_sample<clip>{flow, {.labels = {}, .flow = true}}, g);
    CHECK(f.frames == format_shape<layouts::nchw>{}(vidata::transforms::normalize_flow{{128.f, 128.f}, {64.f, 64.f}}(flow, g), g));
    STATIC_REQUIRE(vidata::transform<normalize_format<layouts::nchw>, clip>);
    STATIC_REQUIRE(vidata::transform<normalize_format<layouts::ncthw>, video_sample<clip>>);
}
