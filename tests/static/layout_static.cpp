// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of vidata::layout: a model satisfies it; a type missing each requirement does not.
#include <vidata/core/concepts.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace {

using vidata::media_kind;
using vidata::modality;
using vidata::split;
using vidata::video_record;
namespace fs = std::filesystem;

struct tree {
    fs::path frame_path(const video_record&, std::int64_t, modality) const { return {}; }
    fs::path video_path(const video_record&) const { return {}; }
    fs::path list_path(const split&, media_kind) const { return {}; }
};

struct string_paths {  // anything convertible to a path will do
    std::string frame_path(const video_record&, std::int64_t, modality) const { return {}; }
    const char* video_path(const video_record&) const { return ""; }
    std::string list_path(const split&, media_kind) const { return {}; }
};

struct no_frames {
    fs::path video_path(const video_record&) const { return {}; }
    fs::path list_path(const split&, media_kind) const { return {}; }
};

struct no_videos {
    fs::path frame_path(const video_record&, std::int64_t, modality) const { return {}; }
    fs::path list_path(const split&, media_kind) const { return {}; }
};

struct no_lists {
    fs::path frame_path(const video_record&, std::int64_t, modality) const { return {}; }
    fs::path video_path(const video_record&) const { return {}; }
};

struct mutable_lists {
    fs::path frame_path(const video_record&, std::int64_t, modality) const { return {}; }
    fs::path video_path(const video_record&) const { return {}; }
    fs::path list_path(const split&, media_kind) { return {}; }
};

struct frame_path_returns_int {
    int frame_path(const video_record&, std::int64_t, modality) const { return 0; }
    fs::path video_path(const video_record&) const { return {}; }
    fs::path list_path(const split&, media_kind) const { return {}; }
};

static_assert(vidata::layout<tree>);
static_assert(vidata::layout<string_paths>);
static_assert(vidata::require_layout<tree>());

static_assert(!vidata::layout<no_frames> && !vidata::detail::layout_frames<no_frames>);
static_assert(!vidata::layout<no_videos> && !vidata::detail::layout_videos<no_videos>);
static_assert(!vidata::layout<no_lists> && !vidata::detail::layout_lists<no_lists>);
static_assert(!vidata::layout<mutable_lists>);
static_assert(!vidata::layout<frame_path_returns_int>);

}  // namespace
