// SPDX-License-Identifier: Apache-2.0
// Stages in the wrong order: a transform where the sampler should be is rejected as stage 1, not a frame_sampler.
// expect: S = flip; long unsigned int Stage = 1\].*S is not a frame_sampler: it has no call operator \(const video_record&, rng&\) const|S is not a frame_sampler: it has no call operator \(const video_record&, rng&\) const.*require_frame_sampler<flip, 1UL>
#include <vidata/pipeline/pipeline.hpp>

struct flip {
    vidata::clip operator()(vidata::clip c, vidata::rng&) const { return c; }
};

struct sampler {
    vidata::frame_indices operator()(const vidata::video_record&, vidata::rng&) const { return {}; }
};

struct source {
    explicit source(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
    vidata::clip read(const vidata::frame_indices&) { return {}; }
};

auto p = vidata::pipeline(flip{}, vidata::open_at<source>("videos"), sampler{});
