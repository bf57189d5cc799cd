// SPDX-License-Identifier: Apache-2.0
// A layout that cannot name its file lists is rejected with a sentence naming list_path.
// expect: is not a layout: it has no list_path\(const split&, media_kind\) const
#include <vidata/core/concepts.hpp>

#include <cstdint>
#include <filesystem>

struct frames_only {
    std::filesystem::path frame_path(const vidata::video_record&, std::int64_t, vidata::modality) const { return {}; }
    std::filesystem::path video_path(const vidata::video_record&) const { return {}; }
};

static_assert(vidata::require_layout<frames_only>());
