// SPDX-License-Identifier: Apache-2.0
// Compile-time proofs of the samplers' deterministic arithmetic (hand-derived from MMAction2 0.x's formulas) and
// of the concepts each sampler models.
#include <vidata/core/concepts.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/sampling.hpp>

#include <cstdint>
#include <vector>

namespace sampling_static {

using ints = std::vector<std::int64_t>;

// TSN test offsets on 100 frames, 8 clips: int(12.5 i + 6.25).
static_assert(vidata::segment_sampler{.clip_len = 1, .num_clips = 8, .test_mode = true}.test_offsets(100) ==
              ints{6, 18, 31, 43, 56, 68, 81, 93});
// A video shorter than the clip (10 < 8·2 − 1 + 1): zero offsets.
static_assert(vidata::segment_sampler{.clip_len = 8, .frame_interval = 2, .num_clips = 2, .test_mode = true}.test_offsets(10) ==
              ints{0, 0});
// Dense test starts: linspace(0, 6, 10) truncated, and linspace(0, 36, 10).
static_assert(vidata::dense_sampler{.num_sample_positions = 10}.test_starts(7) == ints{0, 0, 1, 2, 2, 3, 4, 4, 5, 6});
static_assert(vidata::dense_sampler{.num_sample_positions = 10}.test_starts(37) == ints{0, 4, 8, 12, 16, 20, 24, 28, 32, 36});
static_assert(vidata::dense_sampler{.num_sample_positions = 1}.test_starts(37) == ints{0});
// Python's floor division and modulo, and numpy's round-half-even.
static_assert(vidata::detail::floor_div(-1, 3) == -1 && vidata::detail::floor_mod(-1, 3) == 2 && vidata::detail::floor_mod(5, 0) == 0);
static_assert(vidata::detail::round_half_even(0.5) == 0.0 && vidata::detail::round_half_even(1.5) == 2.0 &&
              vidata::detail::round_half_even(2.5) == 2.0 && vidata::detail::round_half_even(3.2) == 3.0);
// SSN: 2 + 5 + 2 clips per proposal, in stage order.
static_assert(vidata::proposal_sampler{}.clips_per_proposal() == 9);
static_assert(vidata::proposal_sampler{}.stage_of(1) == vidata::proposal_stage::starting &&
              vidata::proposal_sampler{}.stage_of(6) == vidata::proposal_stage::course &&
              vidata::proposal_sampler{}.stage_of(7) == vidata::proposal_stage::ending);
// numpy's randint(10) five times after np.random.seed(0): 5 0 3 3 7.
static_assert([] {
    vidata::numpy_random_state g(0);
    return g.randint(10) == 5 && g.randint(10) == 0 && g.randint(10) == 3 && g.randint(10) == 3 && g.randint(10) == 7;
}());

// Which concepts each sampler models, with which records and generators.
static_assert(vidata::frame_sampler<vidata::segment_sampler> && vidata::frame_sampler<vidata::dense_sampler> &&
              vidata::frame_sampler<vidata::uniform_sampler> && vidata::frame_sampler<vidata::untrimmed_sampler> &&
              vidata::frame_sampler<vidata::proposal_sampler> && vidata::frame_sampler<vidata::loop_padding_sampler>);
static_assert(vidata::frame_sampler_for<vidata::segment_sampler, vidata::video_record, vidata::numpy_random_state>);
static_assert(vidata::frame_sampler_for<vidata::uniform_sampler, vidata::skeleton_record>);
static_assert(vidata::frame_sampler_for<vidata::ava_sampler, vidata::ava_keyframe, vidata::numpy_random_state>);
static_assert(!vidata::frame_sampler<vidata::ava_sampler>);  // a keyframe is not a video_record
static_assert(!vidata::frame_sampler_for<vidata::segment_sampler, vidata::video_record, int>);  // int is no generator

}  // namespace sampling_static
