// SPDX-License-Identifier: Apache-2.0
// vidata::pipeline: stage order, the values it makes (worked out from the synthetic source's pixel formula), lazy mode.
#include "synthetic_stages.hpp"

#include <vidata/core/skeleton_record.hpp>
#include <vidata/pipeline/loader.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/pipeline/value_bytes.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <utility>
#include <vector>

namespace pipeline_test {

namespace st = vidata::test::stages;
using vidata::clip;
using vidata::float_tensor;
using vidata::rng;
using vidata::video_record;

video_record record_of(std::string path, std::int64_t total_frames, std::int64_t offset = 0) {
    video_record r;
    r.path = std::move(path);
    r.total_frames = total_frames;
    r.offset = offset;
    r.labels = {1};
    return r;
}


TEST_CASE("a pipeline samples, opens the record under the prefix, reads and transforms in order", "[pipeline]") {
    const auto p = vidata::pipeline(st::strided_sampler{3, 2}, vidata::open_at<st::synthetic_source>("videos"), st::to_float{});
    static_assert(vidata::is_pipeline<std::remove_const_t<decltype(p)>>);
    static_assert(std::same_as<decltype(p)::value_type, float_tensor>);
    static_assert(decltype(p)::stages == 3 && !decltype(p)::is_lazy);
    CHECK(p.source().path_of(record_of("k400/5", 15)) == std::filesystem::path("videos/k400/5"));

    rng g(7);
    const float_tensor t = p(record_of("k400/5", 15), g);
    // Frames 0, 2, 4 of video 5, as T×H×W×C floats.
    REQUIRE(std::vector<std::size_t>(t.shape().begin(), t.shape().end()) == std::vector<std::size_t>{3, 4, 6, 3});
    CHECK(t(0, 0, 0, 0) == float(5 * 31 % 256));             // 155
    CHECK(t(1, 0, 0, 0) == float((5 * 31 + 2 * 7) % 256));   // 169
    CHECK(t(2, 3, 5, 2) == float((155 + 4 * 7 + 3 * 5 + 5 * 3 + 2) % 256));  // 215
}

TEST_CASE("a pipeline with no transforms returns the clip", "[pipeline]") {
    const auto p = vidata::pipeline(st::strided_sampler{2, 3}, vidata::open_at<st::synthetic_source>(""));
    static_assert(std::same_as<decltype(p)::value_type, clip>);
    rng g;
    const clip c = p(record_of("1", 11), g);
    REQUIRE(c.frames() == 2);
    CHECK(c(1, 2, 1, 0) == st::pixel(1, 3, 2, 1, 0));
}

TEST_CASE("a record without a frame count is sampled with the count its source reports", "[pipeline]") {
    // Video 15 has 25 frames: frames 0, 10, 20 and then 30, which the sampler clamps to 24.
    const auto p = vidata::pipeline(st::strided_sampler{4, 10}, vidata::open_at<st::synthetic_source>(""));
    rng g;
    const clip c = p(record_of("15", -1), g);
    REQUIRE(c.frames() == 4);
    CHECK(c(2, 0, 0, 0) == st::pixel(15, 20, 0, 0, 0));
    CHECK(c(3, 0, 0, 0) == st::pixel(15, 24, 0, 0, 0));
}

TEST_CASE("a record's offset moves every sampled index, after sampling", "[pipeline]") {
    // Sampling sees total_frames 5 (indices 0, 2, 4); the offset 3 makes them 3, 5, 7 in video 2.
    const auto p = vidata::pipeline(st::strided_sampler{3, 2}, vidata::open_at<st::synthetic_source>(""));
    rng g;
    const clip c = p(record_of("2", 5, 3), g);
    CHECK(c(0, 1, 1, 1) == st::pixel(2, 3, 1, 1, 1));
    CHECK(c(2, 1, 1, 1) == st::pixel(2, 7, 1, 1, 1));
}

TEST_CASE("every draw comes from the item's rng, so the same stream gives the same value", "[pipeline]") {
    const auto p = vidata::pipeline(st::random_start_sampler{2}, vidata::open_at<st::synthetic_source>(""), st::to_float{},
                                    st::add_random{});
    const auto record = record_of("40", 50);
    auto a = rng::for_item(3, 0, 9);
    auto b = rng::for_item(3, 0, 9);
    CHECK(p(record, a) == p(record, b));

    // The draws, in stage order, replayed by hand: the sampler's start, then add_random's shift.
    auto replay = rng::for_item(3, 0, 9);
    const auto start = replay.uniform_int<std::int64_t>(0, 48);
    const auto shift = static_cast<float>(replay.uniform_real());
    auto g = rng::for_item(3, 0, 9);
    const float_tensor t = p(record, g);
    CHECK(t(1, 2, 3, 1) == float(st::pixel(40, start + 1, 2, 3, 1)) + shift);

    // Different items draw differently (the chance that 12 items all start at the same frame is 49^-11).
    bool any_differs = false;
    for (std::uint64_t i = 0; i < 12; ++i) {
        auto gi = rng::for_item(3, 0, i);
        auto g0 = rng::for_item(3, 0, 100);
        any_differs = any_differs || !(p(record, gi) == p(record, g0));
    }
    CHECK(any_differs);
}

TEST_CASE("the observer sees each stage's value and its bytes", "[pipeline]") {
    const auto p = vidata::pipeline(st::strided_sampler{3, 1}, vidata::open_at<st::synthetic_source>(""), st::to_float{});
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    rng g;
    (void)p.run(record_of("0", 10), g, [&](std::size_t stage, const auto& value) { seen.emplace_back(stage, vidata::value_bytes(value)); });
    // 3 indices of 8 bytes; 3·4·6·3 = 216 bytes of pixels; 216 floats plus a 4-axis shape.
    const std::vector<std::pair<std::size_t, std::size_t>> expected{{1, 24}, {2, 216}, {3, 216 * 4 + 4 * sizeof(std::size_t)}};
    CHECK(seen == expected);
}

TEST_CASE("lazy mode plans consecutive geometric transforms and realises them once", "[pipeline][lazy]") {
    std::atomic<int> calls{0};
    const auto eager = vidata::pipeline(st::random_start_sampler{2}, vidata::open_at<st::synthetic_source>(""), st::crop_at{1, 0, 4, 3},
                                        st::random_flip{}, st::crop_at{1, 1, 2, 2}, st::to_float{}, st::add_random{});
    const auto lazy = eager.lazy(st::nearest_fuse{&calls});
    static_assert(decltype(lazy)::is_lazy);
    const auto record = record_of("20", 30);

    // The same draws in the same order, and integer crops and flips, so nearest sampling is exact.
    int flips = 0;
    for (std::uint64_t item = 0; item < 16; ++item) {
        auto ge = rng::for_item(1, 0, item);
        auto gl = rng::for_item(1, 0, item);
        CHECK(lazy(record, gl) == eager(record, ge));
        // Whether this item flipped, by hand: the draws are start, flip, shift.
        auto replay = rng::for_item(1, 0, item);
        (void)replay.uniform_int<std::int64_t>(0, 28);
        flips += replay.uniform_real() < 0.5 ? 1 : 0;
    }
    CHECK(calls == 16);  // one resample per item for the three geometric stages
    CHECK(flips > 0);
    CHECK(flips < 16);

    // By hand: crop x 1..4, y 0..2; then crop (1, 1, 2, 2) of that is source x 2..3, y 1..2 when not flipped.
    auto replay = rng::for_item(1, 0, 0);
    const auto start = replay.uniform_int<std::int64_t>(0, 28);
    const bool flipped = replay.uniform_real() < 0.5;
    auto g = rng::for_item(1, 0, 0);
    const clip c = vidata::pipeline(st::random_start_sampler{2}, vidata::open_at<st::synthetic_source>(""), st::crop_at{1, 0, 4, 3},
                                    st::random_flip{}, st::crop_at{1, 1, 2, 2})
                       .lazy(st::nearest_fuse{})(record, g);
    REQUIRE((c.height() == 2 && c.width() == 2));
    // Output column 0 is source column 2, or, flipped, the mirror within columns 1..4: column 4 - 1 = 3.
    CHECK(c(0, 0, 0, 0) == st::pixel(20, start, 1, flipped ? 3 : 2, 0));
}

TEST_CASE("lazy mode does not resample a plan that changes nothing", "[pipeline][lazy]") {
    std::atomic<int> calls{0};
    const auto p = vidata::pipeline(st::strided_sampler{1, 1}, vidata::open_at<st::synthetic_source>(""), st::crop_at{0, 0, 6, 4})
                       .lazy(st::nearest_fuse{&calls});
    rng g;
    const clip c = p(record_of("3", 13), g);
    CHECK(calls == 0);
    CHECK(c(0, 3, 5, 2) == st::pixel(3, 0, 3, 5, 2));
    CHECK(p.eager()(record_of("3", 13), g) == c);
}

TEST_CASE("value_bytes counts pixels, elements and ranges of them", "[pipeline]") {
    CHECK(vidata::value_bytes(clip(8, 224, 224, 3)) == 8u * 224 * 224 * 3);
    CHECK(vidata::value_bytes(float_tensor({3, 2})) == 6 * sizeof(float) + 2 * sizeof(std::size_t));
    CHECK(vidata::value_bytes(std::vector<clip>(10, clip(1, 2, 2, 3))) == 120u);
    vidata::skeleton_record skeleton;
    skeleton.keypoint = float_tensor({1, 10, 17, 2});
    skeleton.keypoint_score = float_tensor({1, 10, 17});
    CHECK(vidata::value_bytes(skeleton) == (340 + 170) * sizeof(float) + 7 * sizeof(std::size_t));
    const vidata::transforms::video_sample<clip> sample{clip(2, 4, 4, 3), {}};
    CHECK(vidata::value_bytes(sample) == 96 + sizeof(sample) - sizeof(clip));
    struct custom {
        [[nodiscard]] std::size_t byte_size() const { return 42; }
    };
    CHECK(vidata::value_bytes(custom{}) == 42u);
}

// A source stage of skeleton records: the "frames" are keypoints, read as a person × frame × joint × xy tensor.
struct keypoint_frames {
    using record_type = vidata::skeleton_record;

    struct reader {
        const vidata::skeleton_record* record;

        [[nodiscard]] float_tensor read(const vidata::frame_indices& indices) const {
            const auto& kp = record->keypoint;
            float_tensor out({kp.extent(0), indices.size(), kp.extent(2), kp.extent(3)});
            for (std::size_t m = 0; m < kp.extent(0); ++m)
                for (std::size_t t = 0; t < indices.size(); ++t)
                    for (std::size_t v = 0; v < kp.extent(2); ++v)
                        for (std::size_t c = 0; c < kp.extent(3); ++c)
                            out(m, t, v, c) = kp(m, static_cast<std::size_t>(indices[t]), v, c);
            return out;
        }
    };

    [[nodiscard]] reader open(const vidata::skeleton_record& r) const { return {&r}; }
};

// Frames total-1, total-2... (so that the test sees the sampler read total_frames from a skeleton record).
struct last_frames {
    std::size_t count = 2;

    template <class R>
    [[nodiscard]] vidata::frame_indices operator()(const R& record, rng&) const {
        std::vector<std::int64_t> flat;
        for (std::size_t i = 0; i < count; ++i) flat.push_back(record.total_frames - 1 - static_cast<std::int64_t>(i));
        return vidata::frame_indices(1, count, std::move(flat));
    }
};

struct double_values {
    [[nodiscard]] float_tensor operator()(float_tensor t, rng&) const {
        for (float& v : t.values()) v *= 2.f;
        return t;
    }
};

TEST_CASE("a pipeline runs on the record type its source stage names, a loader too", "[pipeline]") {
    std::vector<vidata::skeleton_record> records(3);
    for (std::size_t i = 0; i < records.size(); ++i) {
        auto& r = records[i];
        r.frame_dir = "S001A00" + std::to_string(i);
        r.total_frames = 5;
        r.keypoint = float_tensor({1, 5, 2, 2});
        // keypoint(0, t, v, c) = 100 i + 10 t + 2 v + c
        for (std::size_t t = 0; t < 5; ++t)
            for (std::size_t v = 0; v < 2; ++v)
                for (std::size_t c = 0; c < 2; ++c) r.keypoint(0, t, v, c) = float(100 * i + 10 * t + 2 * v + c);
    }
    const auto p = vidata::pipeline(last_frames{2}, keypoint_frames{}, double_values{});
    static_assert(std::same_as<decltype(p)::record_type, vidata::skeleton_record>);
    static_assert(std::same_as<decltype(p)::value_type, float_tensor>);
    rng g;
    const float_tensor t = p(records[1], g);
    REQUIRE(std::vector<std::size_t>(t.shape().begin(), t.shape().end()) == std::vector<std::size_t>{1, 2, 2, 2});
    CHECK(t(0, 0, 1, 1) == 2.f * (100 + 40 + 2 + 1));  // frame 4
    CHECK(t(0, 1, 0, 0) == 2.f * (100 + 30));          // frame 3

    vidata::loader load(p, records, {.batch_size = 2, .threads = 2});
    const auto b = load.next_batch();
    REQUIRE(b);
    CHECK(b->values[1] == t);
}

}  // namespace pipeline_test
