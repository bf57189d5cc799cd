// SPDX-License-Identifier: Apache-2.0
// A source stage whose type cannot read frames is rejected as stage 2, not a frame_source.
// expect: D = counts_only; long unsigned int Stage = 2\].*D is not a frame_source: it has no read\(const frame_indices&\) returning clip|D is not a frame_source: it has no read\(const frame_indices&\) returning clip.*require_frame_source<counts_only, 2UL>
#include <vidata/pipeline/pipeline.hpp>

struct sampler {
    vidata::frame_indices operator()(const vidata::video_record&, vidata::rng&) const { return {}; }
};

struct counts_only {
    explicit counts_only(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
};

auto p = vidata::pipeline(sampler{}, vidata::open_at<counts_only>("videos"));
