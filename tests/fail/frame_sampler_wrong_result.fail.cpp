// SPDX-License-Identifier: Apache-2.0
// A sampler returning plain integers instead of frame_indices is rejected, and the sentence says so.
// expect: is not a frame_sampler: its call operator \(const video_record&, rng&\) does not return frame_indices
#include <vidata/core/concepts.hpp>

#include <vector>

struct returns_vector {
    std::vector<int> operator()(const vidata::video_record&, vidata::rng&) const { return {}; }
};

static_assert(vidata::require_frame_sampler<returns_vector, 1>());
