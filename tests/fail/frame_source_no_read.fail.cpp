// SPDX-License-Identifier: Apache-2.0
// A frame source without read(frame_indices) is rejected with a sentence naming the missing member.
// expect: is not a frame_source: it has no read\(const frame_indices&\) returning clip
#include <vidata/core/concepts.hpp>

#include <cstdint>
#include <filesystem>

struct counts_only {
    explicit counts_only(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
};

static_assert(vidata::require_frame_source<counts_only, 2>());
