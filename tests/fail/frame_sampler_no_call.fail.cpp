// SPDX-License-Identifier: Apache-2.0
// A pipeline stage without a sampler's call operator is rejected with a sentence naming the missing piece.
// expect: is not a frame_sampler: it has no call operator \(const video_record&, rng&\) const
#include <vidata/core/concepts.hpp>

struct not_a_sampler {
    int clip_len = 8;
};

static_assert(vidata::require_frame_sampler<not_a_sampler, 1>());
