// SPDX-License-Identifier: Apache-2.0
// dense_sampler (DenseSampleFrames): test-mode views and draw-free train cases derived by hand.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/sampling/dense_sampler.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace dense_sampler_test {

using ints = std::vector<std::int64_t>;

ints view(const vidata::frame_indices& fi, std::size_t v) { return {fi.view(v).begin(), fi.view(v).end()}; }

vidata::frame_indices sample(const vidata::dense_sampler& s, std::int64_t n) {
    vidata::video_record r;
    r.total_frames = n;
    vidata::rng g(5);
    return s(r, g);
}

}  // namespace dense_sampler_test

static_assert(vidata::frame_sampler<vidata::dense_sampler>);

TEST_CASE("dense_sampler test mode: num_sample_positions views of num_clips clips", "[sampling][dense_sampler]") {
    using namespace dense_sampler_test;
    // N = 100, sample_range 64, C = 8: positions = 37, interval = 8, starts linspace(0, 36, 10) = 0, 4, ..., 36.
    const auto fi = sample({.clip_len = 1, .num_clips = 8, .test_mode = true}, 100);
    CHECK(fi.num_views() == 10);
    CHECK(fi.clips_per_view() == 8);
    CHECK(fi.num_clips() == 80);
    CHECK(view(fi, 0) == ints{0, 8, 16, 24, 32, 40, 48, 56});
    CHECK(view(fi, 1) == ints{4, 12, 20, 28, 36, 44, 52, 60});
    CHECK(view(fi, 9) == ints{36, 44, 52, 60, 68, 76, 84, 92});
    // N = 70: positions 7, linspace(0, 6, 10) = 0, 0.67, 1.33, 2, 2.67, 3.33, 4, 4.67, 5.33, 6 truncated.
    const auto starts = vidata::dense_sampler{.clip_len = 1, .num_clips = 8, .test_mode = true}.test_starts(7);
    CHECK(starts == ints{0, 0, 1, 2, 2, 3, 4, 4, 5, 6});
    // N = 50 < sample_range: one position, ten equal views, offsets i·8 mod 50 (56 → 6); start_index 1.
    const auto short_video = sample({.clip_len = 1, .num_clips = 8, .test_mode = true, .start_index = 1}, 50);
    for (std::size_t v = 0; v < 10; ++v) CHECK(view(short_video, v) == ints{1, 9, 17, 25, 33, 41, 49, 7});
    // num_sample_positions = 1: one view starting at 0.
    CHECK(sample({.clip_len = 2, .frame_interval = 3, .num_clips = 2, .num_sample_positions = 1, .test_mode = true}, 100).num_views() == 1);
}

TEST_CASE("dense_sampler: 0 and 1 frames, and the train window's draw-free cases", "[sampling][dense_sampler]") {
    using namespace dense_sampler_test;
    // N = 0: every offset is mod 0 = 0.
    const auto zero = sample({.clip_len = 2, .num_clips = 2, .num_sample_positions = 2, .test_mode = true}, 0);
    CHECK(ints(zero.begin(), zero.end()) == ints(8, 0));
    CHECK(zero.num_views() == 2);
    // N = 1: offsets i·32 mod 1 = 0, frames 0, 1 mod 1 = 0.
    const auto one = sample({.clip_len = 2, .num_clips = 2, .start_index = 1}, 1);
    CHECK(ints(one.begin(), one.end()) == ints{1, 1, 1, 1});
    // positions = 2 (N = 65): randint(0, 1) is always 0, so the train window starts at 0 without a draw.
    const auto fi = sample({.clip_len = 1, .num_clips = 4}, 65);
    CHECK(ints(fi.begin(), fi.end()) == ints{0, 16, 32, 48});
    // Train mode returns one view.
    CHECK(fi.num_views() == 1);
}

TEST_CASE("dense_sampler train window never starts at the last position (MMAction2's exclusive bound)", "[sampling][dense_sampler]") {
    vidata::video_record r;
    r.total_frames = 70;  // positions = 7: starts drawn from [0, 5]
    std::vector<int> seen(7, 0);
    for (std::uint64_t item = 0; item < 700; ++item) {
        auto g = vidata::rng::for_item(11, 2, item);
        ++seen[static_cast<std::size_t>(vidata::dense_sampler{.clip_len = 1, .num_clips = 8}(r, g)[0])];
    }
    for (std::size_t s = 0; s < 6; ++s) CHECK(seen[s] > 0);
    CHECK(seen[6] == 0);
}
