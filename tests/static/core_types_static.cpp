// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of the core vocabulary: value semantics, ranges, constexpr arithmetic of frame_indices, rng, crop_plan.
#include <vidata/core/box_record.hpp>
#include <vidata/core/clip.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/modality.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/segment.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/split.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/core/tensor.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/core/video_record.hpp>

#include <concepts>
#include <cstdint>
#include <random>
#include <ranges>
#include <span>
#include <vector>

namespace {

using namespace vidata;

// Records and vocabulary types are regular values: copyable, default-constructible, equality-comparable.
static_assert(std::regular<video_record> && std::regular<temporal_record> && std::regular<segment>);
static_assert(std::regular<box_record> && std::regular<skeleton_record> && std::regular<tube_ground_truth>);
static_assert(std::regular<frame_indices> && std::regular<clip> && std::regular<clip_view> && std::regular<float_tensor>);
static_assert(std::regular<crop_plan> && std::regular<image_size> && std::regular<split> && std::regular<rng>);
static_assert(std::is_trivially_copyable_v<clip_view> && std::is_trivially_copyable_v<crop_plan>);

// Records are aggregates, so designated initializers name their fields.
static_assert(std::is_aggregate_v<video_record> && std::is_aggregate_v<temporal_record> && std::is_aggregate_v<box_record>);
static_assert(std::is_aggregate_v<skeleton_record> && std::is_aggregate_v<tube_ground_truth> && std::is_aggregate_v<segment>);
static_assert([] {
    segment s;
    s.start = 1.5;
    s.end = 4.0;
    return s.length() == 2.5 && s.label_id == -1;
}());
static_assert(box_record{}.action_id == -1 && box_record{}.person_id == -1);

// frame_indices is a contiguous range of indices; its clips() a random-access range of spans.
static_assert(std::ranges::contiguous_range<const frame_indices>);
static_assert(std::same_as<std::ranges::range_value_t<const frame_indices>, std::int64_t>);
static_assert(std::ranges::random_access_range<decltype(std::declval<const frame_indices&>().clips())>);
static_assert(std::same_as<std::ranges::range_value_t<decltype(std::declval<const frame_indices&>().clips())>,
                           std::span<const std::int64_t>>);

// Sampler arithmetic runs at compile time: TSN-style segment centres of 3 clips over 30 frames, start index 1.
constexpr frame_indices segment_centres(std::int64_t total, std::size_t clips, std::int64_t start_index) {
    std::vector<std::int64_t> flat;
    const std::int64_t n = static_cast<std::int64_t>(clips);
    for (std::int64_t i = 0; i < n; ++i) flat.push_back(start_index + (2 * i + 1) * total / (2 * n));
    return frame_indices(clips, 1, std::move(flat));
}
static_assert(segment_centres(30, 3, 1) == frame_indices(3, 1, {6, 16, 26}));

// twice_sample-like output: 2 views of 3 clips, and the type says so.
static_assert([] {
    const frame_indices fi(6, 1, {0, 10, 20, 5, 15, 25}, 2);
    return fi.num_clips() == 6 && fi.clips_per_view() == 3 && fi.view(1)[0] == 5;
}());

// rng works in constant expressions, so sampler decisions can be proven at compile time.
static_assert([] {
    auto a = rng::for_item(42, 3, 7);
    auto b = rng::for_item(42, 3, 7);
    for (int i = 0; i < 100; ++i)
        if (a() != b()) return false;
    return a == b;
}());
static_assert([] {
    auto g = rng::for_item(1, 0, 0);
    for (int i = 0; i < 1000; ++i) {
        const int v = g.uniform_int(-3, 3);
        if (v < -3 || v > 3) return false;
        const double x = g.uniform_real();
        if (x < 0.0 || x >= 1.0) return false;
    }
    return true;
}());
static_assert(rng::for_item(0, 0, 1) != rng::for_item(0, 0, 0) && rng(5) != rng::for_item(5, 0, 0));
static_assert(std::uniform_random_bit_generator<rng> && rng::min() == 0 && rng::max() == 0xffffffffu);

// The first draws of uniform_int(0, 9) are fixed by the algorithm: word 0x6627e8d5 * 10 >> 32 == 3, then 8.
static_assert([] {
    auto g = rng::for_item(0, 0, 0);
    const int a = g.uniform_int(0, 9);
    const int b = g.uniform_int(0, 9);
    return a == 3 && b == 8;
}());

// crop_plan: Resize then CenterCrop, as TSN's test pipeline plans it (256×340 frames, scale to short side 224).
static_assert([] {
    auto p = crop_plan::identity({256, 340});
    p.resize({224, 297});
    p.crop(36, 0, 224, 224);
    return p.output == image_size{224, 224} && p.region.y == 0.0 && p.region.height > 255.999 && p.region.height < 256.001 && !p.is_identity();
}());

// tensor element access is row-major.
static_assert([] {
    float_tensor t({2, 3}, std::vector<float>{0, 1, 2, 3, 4, 5});
    return t(1, 0) == 3.f && t(0, 2) == 2.f && t.extent(1) == 3;
}());

static_assert(to_string_view(modality::rgb) == "rgb" && to_string_view(media_kind::videos) == "videos");

}  // namespace

// Constant evaluation of a value-initialised std::vector<float>: clang 14 with libstdc++ 12 rejects it, so this
// check lives here (GCC) and not in tensor.hpp, which the clang-built fuzz targets include.
static_assert([] {
    vidata::float_tensor t({2, 3, 4});
    t(1, 2, 3) = 7.f;
    return t.size() == 24 && t.rank() == 3 && t.values()[23] == 7.f && t(0, 0, 0) == 0.f;
}());
