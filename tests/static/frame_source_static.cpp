// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of vidata::frame_source: a model satisfies it; a type missing each requirement does not.
#include <vidata/core/concepts.hpp>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace {

using vidata::clip;
using vidata::frame_indices;

struct video_file {
    explicit video_file(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
    clip read(const frame_indices&) { return {}; }
};

struct no_path_constructor {
    std::int64_t frame_count() const { return 0; }
    clip read(const frame_indices&) { return {}; }
};

struct mutable_frame_count {
    explicit mutable_frame_count(const std::filesystem::path&) {}
    std::int64_t frame_count() { return 0; }
    clip read(const frame_indices&) { return {}; }
};

struct floating_frame_count {
    explicit floating_frame_count(const std::filesystem::path&) {}
    double frame_count() const { return 0; }
    clip read(const frame_indices&) { return {}; }
};

struct reads_bytes {
    explicit reads_bytes(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
    std::vector<std::uint8_t> read(const frame_indices&) { return {}; }
};

struct no_read {
    explicit no_read(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
};

static_assert(vidata::frame_source<video_file>);
static_assert(vidata::require_frame_source<video_file, 2>());

static_assert(!vidata::frame_source<no_path_constructor>);
static_assert(!vidata::detail::source_opens<no_path_constructor> && vidata::detail::source_reads<no_path_constructor>);
static_assert(!vidata::frame_source<mutable_frame_count>);
static_assert(!vidata::detail::source_counts<mutable_frame_count>);
static_assert(!vidata::frame_source<floating_frame_count>);
static_assert(!vidata::detail::source_counts<floating_frame_count>);
static_assert(!vidata::frame_source<reads_bytes>);
static_assert(!vidata::detail::source_reads<reads_bytes> && vidata::detail::source_counts<reads_bytes>);
static_assert(!vidata::frame_source<no_read>);
static_assert(!vidata::detail::source_reads<no_read>);

}  // namespace
