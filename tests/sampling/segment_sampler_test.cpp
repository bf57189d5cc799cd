// SPDX-License-Identifier: Apache-2.0
// segment_sampler (SampleFrames): test-mode and draw-free train-mode indices derived by hand from the 0.x formulas.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/sampling/segment_sampler.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace segment_sampler_test {

using vidata::frame_indices;
using vidata::out_of_bound;
using vidata::segment_sampler;
using ints = std::vector<std::int64_t>;

frame_indices sample(const segment_sampler& s, std::int64_t total_frames) {
    vidata::video_record r;
    r.total_frames = total_frames;
    vidata::rng g(1);
    const vidata::rng before = g;
    auto fi = s(r, g);
    if (s.test_mode && !s.temporal_jitter) CHECK(g == before);  // test mode draws nothing
    return fi;
}

ints flat(const frame_indices& fi) { return {fi.begin(), fi.end()}; }

}  // namespace segment_sampler_test

static_assert(vidata::frame_sampler<vidata::segment_sampler>);

TEST_CASE("segment_sampler test mode: TSN segment centres", "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    // N = 300, C = 25: avg = 12, offsets int(12 i + 6) = 6, 18, ..., 294; start_index 1 shifts every one.
    ints expected;
    for (std::int64_t i = 0; i < 25; ++i) expected.push_back(12 * i + 6 + 1);
    const auto fi = sample({.clip_len = 1, .num_clips = 25, .test_mode = true, .start_index = 1}, 300);
    CHECK(flat(fi) == expected);
    CHECK(fi.num_clips() == 25);
    CHECK(fi.num_views() == 1);
    // N = 100, C = 8: avg = 12.5, offsets int(12.5 i + 6.25): 6.25, 18.75, 31.25, ... truncated.
    CHECK(flat(sample({.clip_len = 1, .num_clips = 8, .test_mode = true}, 100)) == ints{6, 18, 31, 43, 56, 68, 81, 93});
    // I3D 32x2x1 on 100 frames: ocl = 64, avg = 37, offset int(18.5) = 18: 18, 20, ..., 80.
    ints i3d;
    for (std::int64_t k = 0; k < 32; ++k) i3d.push_back(18 + 2 * k);
    CHECK(flat(sample({.clip_len = 32, .frame_interval = 2, .num_clips = 1, .test_mode = true}, 100)) == i3d);
}

TEST_CASE("segment_sampler test mode: a video shorter than a clip, loop and repeat_last", "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    // N = 10 < ocl = 16: offset 0, frames 0, 2, ..., 14.
    CHECK(flat(sample({.clip_len = 8, .frame_interval = 2, .test_mode = true}, 10)) == ints{0, 2, 4, 6, 8, 0, 2, 4});
    CHECK(flat(sample({.clip_len = 8, .frame_interval = 2, .out_of_bound_opt = out_of_bound::repeat_last, .test_mode = true}, 10)) ==
          ints{0, 2, 4, 6, 8, 8, 8, 8});
    CHECK(flat(sample({.clip_len = 8, .frame_interval = 2, .out_of_bound_opt = out_of_bound::repeat_last, .test_mode = true,
                       .start_index = 1},
                      10)) == ints{1, 3, 5, 7, 9, 9, 9, 9});
    // N = ocl − 1 exactly (15): still the short-video branch, since N > ocl − 1 fails.
    CHECK(flat(sample({.clip_len = 8, .frame_interval = 2, .test_mode = true}, 15)) == ints{0, 2, 4, 6, 8, 10, 12, 14});
    // N = 17 = ocl + 1, C = 2: avg = 1, offsets int(0.5) = 0 and int(1.5) = 1.
    CHECK(flat(sample({.clip_len = 8, .frame_interval = 2, .num_clips = 2, .test_mode = true}, 17)) ==
          ints{0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15});
}

TEST_CASE("segment_sampler test mode: 0 and 1 frames", "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    // N = 0: every offset 0; numpy's integer mod 0 gives 0; repeat_last has no in-range index, so 0 too.
    for (const auto policy : {out_of_bound::loop, out_of_bound::repeat_last})
        for (const std::int64_t start : {0, 1}) {
            const auto fi = sample({.clip_len = 3, .num_clips = 2, .out_of_bound_opt = policy, .test_mode = true, .start_index = start}, 0);
            CHECK(flat(fi) == ints(6, start));
            CHECK(fi.num_clips() == 2);
        }
    // N = 1, L = 1, C = 3: ocl = 1, avg = 1/3, offsets int(i/3 + 1/6) = 0, 0, 0.
    CHECK(flat(sample({.clip_len = 1, .num_clips = 3, .test_mode = true}, 1)) == ints{0, 0, 0});
    // N = 1, L = 4: the short branch, frames 0..3 looped or repeated onto frame 0.
    CHECK(flat(sample({.clip_len = 4, .test_mode = true, .start_index = 1}, 1)) == ints{1, 1, 1, 1});
    CHECK(flat(sample({.clip_len = 4, .out_of_bound_opt = out_of_bound::repeat_last, .test_mode = true}, 1)) == ints{0, 0, 0, 0});
}

TEST_CASE("segment_sampler twice_sample: a second view of unshifted segment starts", "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    // N = 30, C = 4: avg = 7.5; shifted int(7.5 i + 3.75) = 3, 11, 18, 26; unshifted 0, 7.5, 15, 22.5, truncated
    // after start_index is added (as numpy's float array is): 1, 8, 16, 23 with start_index 1.
    const auto fi = sample({.clip_len = 1, .num_clips = 4, .twice_sample = true, .test_mode = true, .start_index = 1}, 30);
    CHECK(flat(fi) == ints{4, 12, 19, 27, 1, 8, 16, 23});
    CHECK(fi.num_clips() == 8);
    CHECK(fi.num_views() == 2);
    CHECK(fi.clips_per_view() == 4);
    CHECK(ints(fi.view(1).begin(), fi.view(1).end()) == ints{1, 8, 16, 23});
    // Clips of two frames: N = 30, L = 2, I = 3, C = 2: avg = 12.5; shifted 6, 18; unshifted 0, 12.5.
    CHECK(flat(sample({.clip_len = 2, .frame_interval = 3, .num_clips = 2, .twice_sample = true, .test_mode = true}, 30)) ==
          ints{6, 9, 18, 21, 0, 3, 12, 15});
    // A video shorter than a clip gets C zero offsets and no second view, as in MMAction2.
    const auto short_video = sample({.clip_len = 8, .num_clips = 2, .twice_sample = true, .test_mode = true}, 5);
    CHECK(short_video.num_clips() == 2);
    CHECK(short_video.num_views() == 1);
    // twice_sample is a test-mode option: train mode ignores it.
    CHECK(sample({.clip_len = 1, .num_clips = 4, .twice_sample = true}, 30).num_clips() == 4);
}

TEST_CASE("segment_sampler train mode branches that draw nothing", "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    // avg = (5 − 1 + 1) // 10 = 0 and N ≤ max(C, ocl): np.around(i · 0.5), half to even: 0, 0, 1, 2, 2, 2, 3, 4, 4, 4.
    CHECK(flat(sample({.clip_len = 1, .num_clips = 10}, 5)) == ints{0, 0, 1, 2, 2, 2, 3, 4, 4, 4});
    // avg = (3 − 5 + 1) // 1 = −1: zeros, frames 0..4 mod 3.
    CHECK(flat(sample({.clip_len = 5}, 3)) == ints{0, 1, 2, 0, 1});
    // avg = 1 when N − ocl + 1 = C: offsets i + randint(1) = i, no draw in numpy, none in vidata.
    CHECK(flat(sample({.clip_len = 1, .num_clips = 4}, 4)) == ints{0, 1, 2, 3});
    // keep_tail_frames on a video shorter than a clip: zeros.
    CHECK(flat(sample({.clip_len = 4, .num_clips = 2, .keep_tail_frames = true}, 3)) == ints{0, 1, 2, 0, 0, 1, 2, 0});
    // 0 frames in train mode: zero offsets (avg = (0 − 2 + 1) // 2 = −1), start_index only.
    CHECK(flat(sample({.clip_len = 2, .num_clips = 2, .start_index = 1}, 0)) == ints{1, 1, 1, 1});
}

TEST_CASE("segment_sampler train mode: TSN draws land in their segments; keep_tail_frames reaches the last frame",
          "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    vidata::video_record r;
    r.total_frames = 10;
    bool plain_reached_tail = false, keep_tail_reached_tail = false;
    for (std::uint64_t item = 0; item < 2000; ++item) {
        auto g = vidata::rng::for_item(3, 0, item);
        // avg = 10 // 3 = 3: segment i is [3i, 3i + 2]; frame 9 is never drawn.
        const auto fi = segment_sampler{.clip_len = 1, .num_clips = 3}(r, g);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(fi[i] >= static_cast<std::int64_t>(3 * i));
            CHECK(fi[i] <= static_cast<std::int64_t>(3 * i + 2));
        }
        plain_reached_tail = plain_reached_tail || fi[2] == 9;
        // keep_tail_frames: avg = 10/3, clip 2 is int(6.67 + U(0, 3.33)) in [6, 9].
        const auto kt = segment_sampler{.clip_len = 1, .num_clips = 3, .keep_tail_frames = true}(r, g);
        CHECK(kt[2] >= 6);
        CHECK(kt[2] <= 9);
        keep_tail_reached_tail = keep_tail_reached_tail || kt[2] == 9;
    }
    CHECK_FALSE(plain_reached_tail);
    CHECK(keep_tail_reached_tail);
}

TEST_CASE("segment_sampler temporal_jitter moves each frame within its interval", "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    vidata::video_record r;
    r.total_frames = 1000;
    const segment_sampler s{.clip_len = 8, .frame_interval = 4, .temporal_jitter = true, .test_mode = true};
    const auto base = segment_sampler{.clip_len = 8, .frame_interval = 4, .test_mode = true}.test_offsets(1000).front();
    auto g = vidata::rng::for_item(1, 0, 0);
    const auto fi = s(r, g);
    for (std::size_t k = 0; k < 8; ++k) {
        CHECK(fi[k] >= base + 4 * static_cast<std::int64_t>(k));
        CHECK(fi[k] < base + 4 * static_cast<std::int64_t>(k) + 4);
    }
}

TEST_CASE("segment_sampler rejects bad settings and unknown frame counts", "[sampling][segment_sampler]") {
    using namespace segment_sampler_test;
    vidata::video_record unknown;  // total_frames = −1: a video list without counts
    vidata::rng g;
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)segment_sampler{}(unknown, g); }),
               Catch::Contains("segment_sampler") && Catch::Contains("total_frames is unknown"));
    vidata::video_record r;
    r.total_frames = 10;
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)segment_sampler{.clip_len = 0}(r, g); }),
               Catch::Contains("clip_len must be at least 1, got 0"));
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)segment_sampler{.num_clips = -2}(r, g); }),
               Catch::Contains("num_clips must be at least 1, got -2"));
}
