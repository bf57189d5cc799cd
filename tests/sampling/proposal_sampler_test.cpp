// SPDX-License-Identifier: Apache-2.0
// proposal_sampler (SampleProposalFrames, SSN): val-mode stages and test-mode clips by hand; one view per proposal.
#include <vidata/core/concepts.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/sampling/proposal_sampler.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace proposal_sampler_test {
using ints = std::vector<std::int64_t>;
ints flat(const vidata::frame_indices& fi) { return {fi.begin(), fi.end()}; }
}  // namespace proposal_sampler_test

static_assert(vidata::frame_sampler<vidata::proposal_sampler>);

TEST_CASE("proposal_sampler val mode: starting, course and ending stages of each proposal", "[sampling][proposal_sampler]") {
    using namespace proposal_sampler_test;
    vidata::video_record r;
    r.total_frames = 300;
    vidata::rng g;
    const vidata::proposal_sampler s{.clip_len = 1, .mode = vidata::proposal_mode::val};
    // Proposal [100, 200): d = 100, starting span from max(0, 100 − 50) = 50 over 100 − 50 − 1 = 49 frames:
    // int(24.5 i + 12.25) = 12, 36 → 62, 86. Course: 99 frames in 5: int(19.8 i + 9.9) = 9, 29, 49, 69, 89 → +100.
    // Ending: min(300, 199 + 50) = 249, (249 − 200 + 1) − 1 = 49 frames: 12, 36 → +200.
    const std::vector<vidata::frame_range> proposals{{100, 200}, {0, 10}};
    const auto fi = s(r, proposals, g);
    CHECK(fi.num_views() == 2);
    CHECK(fi.clips_per_view() == 9);
    CHECK(ints(fi.view(0).begin(), fi.view(0).end()) == ints{62, 86, 109, 129, 149, 169, 189, 212, 236});
    // [0, 10): d = 10; the starting stage spans 0 − 0 − 1 = −1 frames, fewer than its 2 segments: offsets 0, 0.
    // Course: 9 frames in 5, int(1.8 i + 0.9) = 0, 2, 4, 6, 8. Ending: min(300, 9 + 5) = 14, (14 − 10 + 1) − 1 = 4
    // frames in 2, int(2 i + 1) = 1, 3 → 11, 13.
    CHECK(ints(fi.view(1).begin(), fi.view(1).end()) == ints{0, 0, 0, 2, 4, 6, 8, 11, 13});
    CHECK(s.stage_of(0) == vidata::proposal_stage::starting);
    CHECK(s.stage_of(2) == vidata::proposal_stage::course);
    CHECK(s.stage_of(8) == vidata::proposal_stage::ending);
}

TEST_CASE("proposal_sampler test mode: a clip every test_interval frames", "[sampling][proposal_sampler]") {
    using namespace proposal_sampler_test;
    vidata::video_record r;
    r.total_frames = 20;
    vidata::rng g;
    const vidata::proposal_sampler s{.clip_len = 1, .mode = vidata::proposal_mode::test, .start_index = 1};
    CHECK(flat(s(r, g)) == ints{1, 7, 13, 19});
    r.total_frames = 1;  // arange(0, 0, 6) is empty: no clip (MMAction2 fails on the empty concatenation)
    CHECK(s(r, g).num_clips() == 0);
    // Train mode without proposals is a usage error.
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)vidata::proposal_sampler{}(r, g); }),
               Catch::Contains("pass them"));
    r.total_frames = 100;
    const std::vector<vidata::frame_range> empty_proposal{{5, 5}};
    CHECK_THAT(vidata::test::message_of<vidata::invalid_argument>([&] { (void)vidata::proposal_sampler{}(r, empty_proposal, g); }),
               Catch::Contains("proposal 0 is empty"));
}
