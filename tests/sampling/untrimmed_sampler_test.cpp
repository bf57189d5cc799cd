// SPDX-License-Identifier: Apache-2.0
// untrimmed_sampler (UntrimmedSampleFrames) and loop_padding_sampler (PaddingWithLoop), by hand.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/sampling/loop_padding_sampler.hpp>
#include <vidata/sampling/untrimmed_sampler.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace untrimmed_sampler_test {
using ints = std::vector<std::int64_t>;
ints flat(const vidata::frame_indices& fi) { return {fi.begin(), fi.end()}; }
}  // namespace untrimmed_sampler_test

static_assert(vidata::frame_sampler<vidata::untrimmed_sampler>);
static_assert(vidata::frame_sampler<vidata::loop_padding_sampler>);

TEST_CASE("untrimmed_sampler: one clip per frame_interval, centred, clipped to the video", "[sampling][untrimmed_sampler]") {
    using namespace untrimmed_sampler_test;
    // N = 50, I = 16: centres 8, 24, 40.
    const auto single = vidata::untrimmed_sampler{}.sample(50);
    CHECK(flat(single) == ints{8, 24, 40});
    CHECK(single.num_clips() == 3);
    // L = 4: frames centre − 2 .. centre + 1; start_index 1.
    CHECK(flat(vidata::untrimmed_sampler{.clip_len = 4, .start_index = 1}.sample(50)) ==
          ints{7, 8, 9, 10, 23, 24, 25, 26, 39, 40, 41, 42});
    // N = 9, L = 4: the one centre 8 runs past the end and is clipped to 8.
    CHECK(flat(vidata::untrimmed_sampler{.clip_len = 4}.sample(9)) == ints{6, 7, 8, 8});
    // A frame before 0 is clipped to 0 (I = 2: centres 1, 3; L = 5: 1 − 2 = −1).
    CHECK(flat(vidata::untrimmed_sampler{.clip_len = 5, .frame_interval = 2}.sample(4)) == ints{0, 0, 1, 2, 3, 1, 2, 3, 3, 3});
    // N ≤ I//2: no clip at all; 0 and 1 frames.
    CHECK(vidata::untrimmed_sampler{}.sample(8).num_clips() == 0);
    CHECK(vidata::untrimmed_sampler{}.sample(0).num_clips() == 0);
    CHECK(flat(vidata::untrimmed_sampler{.clip_len = 3, .frame_interval = 1}.sample(1)) == ints{0, 0, 0});
}

TEST_CASE("loop_padding_sampler: frames 0..clip_len−1 mod N, no start_index", "[sampling][untrimmed_sampler]") {
    using namespace untrimmed_sampler_test;
    CHECK(flat(vidata::loop_padding_sampler{.clip_len = 7}.sample(3)) == ints{0, 1, 2, 0, 1, 2, 0});
    CHECK(flat(vidata::loop_padding_sampler{.clip_len = 3}.sample(0)) == ints{0, 0, 0});
    CHECK(flat(vidata::loop_padding_sampler{.clip_len = 3}.sample(1)) == ints{0, 0, 0});
    CHECK(flat(vidata::loop_padding_sampler{.clip_len = 3, .num_clips = 5}.sample(10)).size() == 3);
}
