// SPDX-License-Identifier: Apache-2.0
// ava_sampler (SampleAVAFrames): keyframe-centred clips by hand, shot clipping, and train-mode moves.
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/sampling/ava_sampler.hpp>
#include <vidata/sampling/concepts.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace ava_sampler_test {
using ints = std::vector<std::int64_t>;
}  // namespace ava_sampler_test

static_assert(vidata::frame_sampler_for<vidata::ava_sampler, vidata::ava_keyframe>);
static_assert(vidata::frame_sampler_for<vidata::ava_sampler, vidata::ava_keyframe, vidata::numpy_random_state>);

TEST_CASE("ava_sampler test mode: frames around fps·(t − t0) + 1, clipped to the shot", "[sampling][ava_sampler]") {
    using ava_sampler_test::ints;
    vidata::rng g;
    const vidata::ava_sampler s{.clip_len = 4, .frame_interval = 2, .test_mode = true};
    // t = 902: centre 30·2 + 1 = 61, first 61 − 2·2 = 57.
    const auto fi = s(vidata::ava_keyframe::in_video(902), g);
    CHECK(ints(fi.begin(), fi.end()) == ints{57, 59, 61, 63});
    CHECK(fi.num_clips() == 1);
    // t = 900: centre 1, frames −3, −1, 1, 3 clipped to [0, 26999].
    const auto first = s(vidata::ava_keyframe::in_video(900), g);
    CHECK(ints(first.begin(), first.end()) == ints{0, 0, 1, 3});
    // A shot ending at frame 62: the upper clip is 61; start_index 1 is added after clipping.
    const auto shot = vidata::ava_sampler{.clip_len = 4, .frame_interval = 2, .test_mode = true, .start_index = 1}(
        vidata::ava_keyframe{.timestamp = 902, .shot_start = 0, .shot_end = 62}, g);
    CHECK(ints(shot.begin(), shot.end()) == ints{58, 60, 62, 62});
    // Odd clip length: L//2 = 2 frames before the centre, (L+1)//2 = 3 from it on.
    const auto odd = vidata::ava_sampler{.clip_len = 5, .frame_interval = 1, .test_mode = true}(vidata::ava_keyframe::in_video(901), g);
    CHECK(ints(odd.begin(), odd.end()) == ints{29, 30, 31, 32, 33});
    CHECK(vidata::ava_keyframe::in_video(901).shot_end == 27000);
}

TEST_CASE("ava_sampler train mode moves frames by randint(−I//2, (I+1)//2)", "[sampling][ava_sampler]") {
    for (const std::int64_t interval : {1, 2, 16}) {
        const std::int64_t low = interval == 16 ? -8 : -1, high = interval == 16 ? 7 : 0;  // Python floor division
        const vidata::ava_sampler test{.clip_len = 8, .frame_interval = interval, .test_mode = true};
        const vidata::ava_sampler train{.clip_len = 8, .frame_interval = interval};
        const auto key = vidata::ava_keyframe::in_video(1000);
        vidata::rng g;
        const auto centre = test(key, g);
        std::int64_t least = 100, most = -100;
        for (std::uint64_t item = 0; item < 300; ++item) {
            auto gi = vidata::rng::for_item(4, 0, item);
            const auto fi = train(key, gi);
            for (std::size_t k = 0; k < 8; ++k) {
                least = std::min(least, fi[k] - centre[k]);
                most = std::max(most, fi[k] - centre[k]);
            }
        }
        CHECK(least == low);
        CHECK(most == high);
    }
}

TEST_CASE("ava_sampler test mode: the numpy policy draws and discards as MMAction2, vidata::rng draws nothing",
          "[sampling][ava_sampler]") {
    const vidata::ava_sampler s{.clip_len = 8, .frame_interval = 8, .test_mode = true};
    vidata::numpy_random_state numpy_policy(3), replay(3);
    (void)s(vidata::ava_keyframe::in_video(950), numpy_policy);
    for (int k = 0; k < 8; ++k) (void)replay.randint(-4, 4);
    CHECK(numpy_policy == replay);
    vidata::rng philox(3);
    const vidata::rng before = philox;
    (void)s(vidata::ava_keyframe::in_video(950), philox);
    CHECK(philox == before);
}
