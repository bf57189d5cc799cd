// SPDX-License-Identifier: Apache-2.0
// vidata::frame_indices: what a frame sampler returns, num_clips × clip_len frame indices grouped in views.
#pragma once

#include <vidata/core/assert.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace vidata {

/// The frames a sampler chose for one record: `num_clips()` clips of `clip_len()` frame indices each,
/// stored flat and clip after clip (MMAction2's `frame_inds`), already offset by the sampler's
/// `start_index` (0 for videos, 1 for rawframes named `img_00001.jpg`).
///
///   frame_indices fi(2, 3, {0, 2, 4, 10, 12, 14});
///   fi.clip(1)          // {10, 12, 14}
///   for (auto i : fi)   // 0 2 4 10 12 14: what a frame source reads
///
/// Views. Some test-time samplers return more clips than they were configured for: TSN's
/// `twice_sample` returns the `num_clips` clips twice (the second set shifted by half a segment), and
/// dense sampling in test mode returns `num_clips` clips at each of several start positions. Such a
/// result is `num_views()` views of `clips_per_view()` clips each, views stored one after the other,
/// and `num_clips() == num_views() * clips_per_view()`. A consumer that averages scores over every
/// clip can ignore views; one that assumes `num_clips()` equals the configured count must compare
/// against `clips_per_view()`: the type makes the difference visible instead of hiding it in a longer array.
///
/// The type is constexpr-friendly, so sampler arithmetic can be proven with static_assert.
class frame_indices {
public:
    using value_type = std::int64_t;

    /// No clips.
    constexpr frame_indices() = default;

    /// `num_clips` clips of `clip_len` indices from `flat` (clip after clip), in `num_views` views.
    /// Preconditions: `flat.size() == num_clips * clip_len`; `num_views >= 1` and divides `num_clips`.
    constexpr frame_indices(std::size_t num_clips, std::size_t clip_len, std::vector<value_type> flat,
                            std::size_t num_views = 1)
        : flat_(std::move(flat)), num_clips_(num_clips), clip_len_(clip_len), num_views_(num_views) {
        VIDATA_ASSERT(flat_.size() == num_clips_ * clip_len_,
                      "vidata::frame_indices: the number of indices is not num_clips * clip_len");
        VIDATA_ASSERT(num_views_ >= 1 && num_clips_ % num_views_ == 0,
                      "vidata::frame_indices: num_views must be at least 1 and divide num_clips");
    }

    [[nodiscard]] constexpr std::size_t num_clips() const noexcept { return num_clips_; }
    [[nodiscard]] constexpr std::size_t clip_len() const noexcept { return clip_len_; }
    [[nodiscard]] constexpr std::size_t num_views() const noexcept { return num_views_; }
    [[nodiscard]] constexpr std::size_t clips_per_view() const noexcept { return num_clips_ / num_views_; }

    /// The number of indices, `num_clips() * clip_len()`.
    [[nodiscard]] constexpr std::size_t size() const noexcept { return flat_.size(); }
    [[nodiscard]] constexpr bool empty() const noexcept { return flat_.empty(); }

    /// Every index, clip after clip.
    [[nodiscard]] constexpr std::span<const value_type> flat() const noexcept { return flat_; }
    [[nodiscard]] constexpr value_type operator[](std::size_t i) const {
        VIDATA_DEBUG_ASSERT(i < flat_.size(), "vidata::frame_indices: index out of range");
        return flat_[i];
    }
    [[nodiscard]] constexpr auto begin() const noexcept { return flat_.begin(); }
    [[nodiscard]] constexpr auto end() const noexcept { return flat_.end(); }

    /// The indices of clip `i`. Precondition: `i < num_clips()`.
    [[nodiscard]] constexpr std::span<const value_type> clip(std::size_t i) const {
        VIDATA_ASSERT(i < num_clips_, "vidata::frame_indices::clip: clip index out of range");
        return flat().subspan(i * clip_len_, clip_len_);
    }

    /// The indices of view `v` (its `clips_per_view()` clips). Precondition: `v < num_views()`.
    [[nodiscard]] constexpr std::span<const value_type> view(std::size_t v) const {
        VIDATA_ASSERT(v < num_views_, "vidata::frame_indices::view: view index out of range");
        const std::size_t per_view = clips_per_view() * clip_len_;
        return flat().subspan(v * per_view, per_view);
    }

    /// The clips as spans into `*this`, which must outlive them. (A vector, not a views::iota | transform: clang 14
    /// cannot compile libstdc++ 12's iota_view, and the fuzz targets are built with clang.)
    [[nodiscard]] constexpr std::vector<std::span<const value_type>> clips() const {
        std::vector<std::span<const value_type>> out;
        out.reserve(num_clips_);
        for (std::size_t i = 0; i < num_clips_; ++i) out.push_back(clip(i));
        return out;
    }

    friend constexpr bool operator==(const frame_indices&, const frame_indices&) = default;

private:
    std::vector<value_type> flat_;
    std::size_t num_clips_ = 0;
    std::size_t clip_len_ = 0;
    std::size_t num_views_ = 1;
};

static_assert([] {
    const frame_indices fi(4, 2, {1, 2, 3, 4, 5, 6, 7, 8}, 2);
    return fi.clips_per_view() == 2 && fi.clip(2)[1] == 6 && fi.view(1).front() == 5 && fi.size() == 8 &&
           fi.clips().size() == 4;
}());
static_assert(frame_indices{}.empty() && frame_indices{}.num_views() == 1);

}  // namespace vidata
