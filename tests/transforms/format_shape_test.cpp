// SPDX-License-Identifier: Apache-2.0
#include <vidata/transforms/format_shape.hpp>

#include <vidata/core/concepts.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

using vidata::clip;
using vidata::layout_tensor;
using vidata::rng;
namespace layouts = vidata::layouts;
using vidata::transforms::format_shape;

namespace format_shape_test {

using shape_t = std::vector<std::size_t>;

// A second implementation of what MMAction2 writes as numpy calls: a row-major array, reshape (a new
// shape over the same values) and a general transpose by an axis permutation.
struct nd {
    shape_t shape;
    std::vector<float> values;

    [[nodiscard]] nd reshape(shape_t s) const {
        std::size_t n = 1;
        for (auto d : s) n *= d;
        REQUIRE(n == values.size());
        return {std::move(s), values};
    }
    [[nodiscard]] nd transpose(const shape_t& perm) const {
        shape_t out_shape(perm.size());
        for (std::size_t i = 0; i < perm.size(); ++i) out_shape[i] = shape[perm[i]];
        shape_t in_strides(shape.size(), 1);
        for (std::size_t i = shape.size() - 1; i > 0; --i) in_strides[i - 1] = in_strides[i] * shape[i];
        std::vector<float> out(values.size());
        shape_t index(perm.size(), 0);
        for (std::size_t flat = 0; flat < out.size(); ++flat) {
            std::size_t src = 0;
            for (std::size_t i = 0; i < perm.size(); ++i) src += index[i] * in_strides[perm[i]];
            out[flat] = values[src];
            for (std::size_t i = perm.size(); i-- > 0;) {  // odometer increment, last axis fastest
                if (++index[i] < out_shape[i]) break;
                index[i] = 0;
            }
        }
        return {out_shape, out};
    }
};

// Frames whose every element is its own flat index, so a misplaced element cannot go unnoticed.
template <class L = layouts::nhwc>
layout_tensor<L> iota(shape_t shape) {
    layout_tensor<L> t(std::move(shape));
    for (std::size_t i = 0; i < t.size(); ++i) t.values()[i] = static_cast<float>(i);
    return t;
}

template <class L>
void check_equal(const layout_tensor<L>& got, const nd& expected) {
    REQUIRE(shape_t(got.shape().begin(), got.shape().end()) == expected.shape);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < got.size(); ++i) differing += got.values()[i] != expected.values[i];
    CHECK(differing == 0);
}

nd as_nd(const vidata::float_tensor& t) { return {shape_t(t.shape().begin(), t.shape().end()), {t.values().begin(), t.values().end()}}; }

}  // namespace format_shape_test

TEST_CASE("format_shape<nchw>: M x H x W x C frames become M x C x H x W", "[transforms][format_shape]") {
    using namespace format_shape_test;
    const auto frames = iota({2, 3, 4, 3});
    rng g;
    const layout_tensor<layouts::nchw> out = format_shape<layouts::nchw>{}(frames, g);
    check_equal(out, as_nd(frames).transpose({0, 3, 1, 2}));
    // By hand: frame 1, channel 2, row 0, column 3 is input element ((1·3 + 0)·4 + 3)·3 + 2 = 47.
    CHECK(out(1, 2, 0, 3) == 47.f);
}

TEST_CASE("format_shape<ncthw>: crops × clips × clip_len frames become (crops·clips) x C x L x H x W", "[transforms][format_shape]") {
    using namespace format_shape_test;
    // 3 crops (ThreeCrop, crop-major) × 2 clips × 4 frames of 2 × 3 pixels, 3 channels.
    const auto frames = iota({24, 2, 3, 3});
    rng g;
    const auto out = format_shape<layouts::ncthw>{.clip_len = 4, .num_clips = 2}(frames, g);
    check_equal(out, as_nd(frames).reshape({3, 2, 4, 2, 3, 3}).transpose({0, 1, 5, 2, 3, 4}).reshape({6, 3, 4, 2, 3}));
    // By hand: clip n = 5 is crop 2, clip 1, whose frame t = 3 is input frame 2·8 + 1·4 + 3 = 23; its green
    // (c = 1) at row 1, column 2 is element ((23·2 + 1)·3 + 2)·3 + 1 = 430.
    CHECK(out(5, 1, 3, 1, 2) == 430.f);
}

TEST_CASE("format_shape<nchw_flow>: a clip's flow frames stacked on channels, x0 y0 x1 y1 ...", "[transforms][format_shape]") {
    using namespace format_shape_test;
    const auto flow = iota({6, 2, 2, 2});  // 1 crop × 2 clips × 3 frames, x/y channels
    rng g;
    const auto out = format_shape<layouts::nchw_flow>{.clip_len = 3, .num_clips = 2}(flow, g);
    check_equal(out, as_nd(flow).reshape({1, 2, 3, 2, 2, 2}).transpose({0, 1, 2, 5, 3, 4}).reshape({2, 6, 2, 2}));
    // Clip 1, channel 3 = frame 1's y; that frame is input frame 4: its y at (0, 1) is ((4·2 + 0)·2 + 1)·2 + 1 = 35.
    CHECK(out(1, 3, 0, 1) == 35.f);
}

TEST_CASE("format_shape<nptchw>: frames grouped by proposal, each frame C x H x W", "[transforms][format_shape]") {
    using namespace format_shape_test;
    const auto frames = iota({12, 2, 2, 3});  // 2 proposals × 3 clips × 2 frames
    rng g;
    const auto out = format_shape<layouts::nptchw>{.clip_len = 2, .num_clips = 3, .num_proposals = 2}(frames, g);
    check_equal(out, as_nd(frames).reshape({2, 6, 2, 2, 3}).transpose({0, 1, 4, 2, 3}));
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)format_shape<layouts::nptchw>{.clip_len = 2, .num_clips = 3, .num_proposals = 3}(frames, g); }),
               Catch::Contains("12 frames are not num_proposals × num_clips × clip_len = 3 × 3 × 2"));
}

TEST_CASE("format_shape<ncthw_heatmap>: T x K x H x W heatmaps to N x K x T x H x W, as ncthw of T x H x W x K", "[transforms][format_shape]") {
    using namespace format_shape_test;
    const auto maps = iota<layouts::nchw>({8, 5, 3, 2});  // 2 clips × 4 frames, 5 heatmaps of 3 × 2
    rng g;
    const auto out = format_shape<layouts::ncthw_heatmap>{.clip_len = 4, .num_clips = 2}(maps, g);
    check_equal(out, as_nd(maps).reshape({1, 2, 4, 5, 3, 2}).transpose({0, 1, 3, 2, 4, 5}).reshape({2, 5, 4, 3, 2}));
    // The same heatmaps channels-last (MMAction2 0.x's order) through plain ncthw give the same array.
    const nd channels_last = as_nd(maps).transpose({0, 2, 3, 1});
    const auto via_ncthw = format_shape<layouts::ncthw>{.clip_len = 4, .num_clips = 2}(
        layout_tensor<layouts::nhwc>(channels_last.shape, channels_last.values), g);
    CHECK(std::vector<float>(via_ncthw.values().begin(), via_ncthw.values().end()) ==
          std::vector<float>(out.values().begin(), out.values().end()));
}

TEST_CASE("format_shape: collapse drops the leading axis of a single clip; bytes keep their type", "[transforms][format_shape]") {
    using namespace format_shape_test;
    const auto frames = iota({4, 2, 2, 3});
    rng g;
    const layout_tensor<layouts::collapsed<layouts::ncthw>> out = format_shape<layouts::collapsed<layouts::ncthw>>{.clip_len = 4}(frames, g);
    check_equal(out, as_nd(frames).transpose({3, 0, 1, 2}));
    STATIC_REQUIRE(decltype(out)::layout::name == "CTHW");

    clip c(2, 1, 2, 3);
    for (std::size_t i = 0; i < c.size(); ++i) c.pixels()[i] = static_cast<std::uint8_t>(i);
    const layout_tensor<layouts::nchw, std::uint8_t> bytes = format_shape<layouts::nchw>{}(c, g);
    CHECK(bytes(1, 2, 0, 1) == 11);  // frame 1, blue, column 1: ((1·1 + 0)·2 + 1)·3 + 2

    using vidata::test::message_of;
    CHECK_THAT(message_of([&] { (void)format_shape<layouts::collapsed<layouts::ncthw>>{.clip_len = 2}(frames, g); }),
               Catch::Contains("collapse needs a single clip and crop, the leading axis is 2"));
    CHECK_THAT(message_of([&] { (void)format_shape<layouts::collapsed<layouts::ncthw>>{.clip_len = 2, .num_clips = 2}(frames, g); }),
               Catch::Contains("collapse needs num_clips == 1, got 2"));
    CHECK_THAT(message_of([&] { (void)format_shape<layouts::ncthw>{.clip_len = 3}(frames, g); }),
               Catch::Contains("4 frames are not a whole number of crops of num_clips × clip_len = 1 × 3 frames"));
}

TEST_CASE("format_shape models transform over frames and clips", "[transforms][format_shape]") {
    STATIC_REQUIRE(vidata::transform<format_shape<layouts::ncthw>, layout_tensor<layouts::nhwc>>);
    STATIC_REQUIRE(vidata::transform<format_shape<layouts::nchw>, clip>);
    STATIC_REQUIRE(vidata::transform<format_shape<layouts::ncthw_heatmap>, layout_tensor<layouts::nchw>>);
    // Frames are not heatmaps: the layout in the type keeps them apart.
    STATIC_REQUIRE(!vidata::transform<format_shape<layouts::ncthw_heatmap>, layout_tensor<layouts::nhwc>>);
    STATIC_REQUIRE(!vidata::transform<format_shape<layouts::ncthw>, layout_tensor<layouts::nchw>>);
}

TEST_CASE("format_shape: a video_sample's info gives the clip counts; its labels travel on", "[transforms][format_shape]") {
    using namespace format_shape_test;
    using vidata::transforms::video_sample;
    rng g;
    const auto frames = iota({24, 2, 3, 3});
    const auto explicit_counts = format_shape<layouts::ncthw>{.clip_len = 4, .num_clips = 2}(frames, g);
    // The settings are ignored: the info (3 crops of 2 clips of 4 frames) decides.
    const format_shape<layouts::ncthw> from_info{.clip_len = 99, .num_clips = 99};
    const auto s = from_info(video_sample<layout_tensor<layouts::nhwc>>{frames, {.labels = {7}, .num_clips = 2, .clip_len = 4, .num_crops = 3}}, g);
    CHECK(s.frames == explicit_counts);
    CHECK(s.info.labels == std::vector<int>{7});
    // clip_len 0 (unknown): each of num_crops × num_clips clips takes an equal share of the frames.
    CHECK(from_info(video_sample<layout_tensor<layouts::nhwc>>{frames, {.labels = {}, .num_clips = 2, .clip_len = 0, .num_crops = 3}}, g).frames ==
          explicit_counts);
    using vidata::test::message_of;
    CHECK_THAT(message_of([&] {
                   (void)from_info(video_sample<layout_tensor<layouts::nhwc>>{frames, {.labels = {}, .num_clips = 2, .clip_len = 4, .num_crops = 2}}, g);
               }),
               Catch::Contains("24 frames are not num_crops × num_clips × clip_len = 2 × 2 × 4"));
    // Bytes too.
    clip c(2, 1, 1, 3, {1, 2, 3, 4, 5, 6});
    const auto b = format_shape<layouts::ncthw>{}(video_sample<clip>{c, {.labels = {}, .num_clips = 1, .clip_len = 2}}, g);
    CHECK(b.frames == layout_tensor<layouts::ncthw, std::uint8_t>({1, 3, 2, 1, 1}, {1, 4, 2, 5, 3, 6}));
    STATIC_REQUIRE(vidata::transform<format_shape<layouts::nchw>, video_sample<layout_tensor<layouts::nhwc>>>);
}
