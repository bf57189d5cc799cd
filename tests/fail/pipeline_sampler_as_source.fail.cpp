// SPDX-License-Identifier: Apache-2.0
// Something other than a source stage in second place is rejected as stage 2, with how to make one.
// expect: vidata::pipeline: stage 2 is not a source stage: it has no open\(const video_record&\) const returning a frame_source
#include <vidata/pipeline/pipeline.hpp>

struct sampler {
    vidata::frame_indices operator()(const vidata::video_record&, vidata::rng&) const { return {}; }
};

auto p = vidata::pipeline(sampler{}, sampler{});
