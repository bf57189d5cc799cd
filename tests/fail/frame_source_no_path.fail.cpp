// SPDX-License-Identifier: Apache-2.0
// A frame source that cannot be opened from a path is rejected with a sentence naming the constructor.
// expect: is not a frame_source: it cannot be opened from a path
#include <vidata/core/concepts.hpp>

#include <cstdint>

struct in_memory {
    std::int64_t frame_count() const { return 0; }
    vidata::clip read(const vidata::frame_indices&) { return {}; }
};

static_assert(vidata::require_frame_source<in_memory, 2>());
