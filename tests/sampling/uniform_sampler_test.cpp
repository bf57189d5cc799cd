// SPDX-License-Identifier: Apache-2.0
// uniform_sampler (UniformSampleFrames): test-mode short-video starts by hand, train-mode invariants, the
// seed-255 reseed of the numpy policy and the untouched caller stream of the vidata policy.
#include <vidata/core/concepts.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/sampling/uniform_sampler.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace uniform_sampler_test {

using ints = std::vector<std::int64_t>;

ints flat(const vidata::frame_indices& fi) { return {fi.begin(), fi.end()}; }

}  // namespace uniform_sampler_test

static_assert(vidata::frame_sampler<vidata::uniform_sampler>);
static_assert(vidata::frame_sampler_for<vidata::uniform_sampler, vidata::skeleton_record>);

TEST_CASE("uniform_sampler test mode on videos shorter than a clip", "[sampling][uniform_sampler]") {
    using namespace uniform_sampler_test;
    vidata::rng g;
    // N = 5 ≥ C = 3: starts i·5//3 = 0, 1, 3; each clip s..s+7 mod 5.
    CHECK(flat(vidata::uniform_sampler{.clip_len = 8, .num_clips = 3, .test_mode = true}.sample(5, g)) ==
          ints{0, 1, 2, 3, 4, 0, 1, 2, 1, 2, 3, 4, 0, 1, 2, 3, 3, 4, 0, 1, 2, 3, 4, 0});
    // N = 2 < C = 3: starts 0, 1, 2; start_index 1.
    CHECK(flat(vidata::uniform_sampler{.clip_len = 4, .num_clips = 3, .test_mode = true, .start_index = 1}.sample(2, g)) ==
          ints{1, 2, 1, 2, 2, 1, 2, 1, 1, 2, 1, 2});
    // N = 0: starts 0, 1 and numpy's integer mod 0 → 0.
    CHECK(flat(vidata::uniform_sampler{.clip_len = 3, .num_clips = 2, .test_mode = true}.sample(0, g)) == ints(6, 0));
    // N = 1: every index is frame 0.
    CHECK(flat(vidata::uniform_sampler{.clip_len = 4, .num_clips = 1, .test_mode = true, .start_index = 1}.sample(1, g)) ==
          ints(4, 1));
}

TEST_CASE("uniform_sampler train mode keeps each frame in its part, and in order", "[sampling][uniform_sampler]") {
    vidata::skeleton_record pose;
    for (const std::int64_t n : {7, 48, 60, 95, 96, 97, 300}) {
        pose.total_frames = n;
        for (std::uint64_t item = 0; item < 50; ++item) {
            auto g = vidata::rng::for_item(9, 0, item);
            const auto fi = vidata::uniform_sampler{.clip_len = 48}(pose, g);
            REQUIRE(fi.size() == 48);
            for (std::size_t i = 0; i < 48; ++i) {
                const auto k = static_cast<std::int64_t>(i);
                if (n >= 96) {  // part i is [i·N//48, (i+1)·N//48)
                    CHECK(fi[i] >= k * n / 48);
                    CHECK(fi[i] < (k + 1) * n / 48);
                } else if (n >= 48) {  // frame k moved forward by the skips before it: strictly increasing, below N
                    CHECK(fi[i] >= k);
                    CHECK(fi[i] < n);
                    if (i > 0) CHECK(fi[i] > fi[i - 1]);
                } else {  // consecutive frames from a random start, looped
                    CHECK(fi[i] == (fi[0] + k) % n);
                }
            }
            if (n == 48) CHECK(fi[47] == 47);  // no frame to skip
        }
    }
}

TEST_CASE("uniform_sampler test mode: numpy policy reseeds the caller's generator, vidata policy leaves it alone",
          "[sampling][uniform_sampler]") {
    using namespace uniform_sampler_test;
    const vidata::uniform_sampler s{.clip_len = 48, .num_clips = 10, .test_mode = true};
    vidata::numpy_random_state numpy_policy(12345);
    const auto a = s.sample(150, numpy_policy);
    // MMAction2 left the global generator as np.random.seed(255) followed by the ten clips' draws:
    vidata::numpy_random_state replay(255);
    for (int clip = 0; clip < 10; ++clip)
        for (std::int64_t i = 0; i < 48; ++i) (void)replay.randint(0, (i + 1) * 150 / 48 - i * 150 / 48);
    CHECK(numpy_policy == replay);
    vidata::rng philox = vidata::rng::for_item(1, 2, 3);
    const vidata::rng before = philox;
    CHECK(flat(s.sample(150, philox)) == flat(a));
    CHECK(philox == before);
    // A different test seed gives other clips.
    CHECK(flat(vidata::uniform_sampler{.clip_len = 48, .num_clips = 10, .test_mode = true, .seed = 7}.sample(150, philox)) != flat(a));
}

TEST_CASE("uniform_sampler rejects what MMAction2 rejects", "[sampling][uniform_sampler]") {
    vidata::rng g;
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)vidata::uniform_sampler{.clip_len = 4}.sample(0, g); }),
               Catch::Contains("0 frames"));
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>(
                   [&] { (void)vidata::uniform_sampler{.clip_len = 4, .num_clips = 2}.sample(10, g); }),
               Catch::Contains("num_clips == 1"));
}
