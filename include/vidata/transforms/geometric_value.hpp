// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::geometric_value: the four values a geometric transform accepts, and how a crop, a resize or a flip applies to each.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/transforms/interpolation.hpp>
#include <vidata/transforms/lazy_clip.hpp>
#include <vidata/transforms/resample.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace vidata::transforms {

/// A crop rectangle in the pixels of the current frames: top-left corner (x, y), width and height.
struct crop_box {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    friend constexpr bool operator==(const crop_box&, const crop_box&) = default;
};

/// What a geometric transform (resize, the crops, flip) takes and gives back, the same type in and out:
/// - `clip`: frames, resampled at once (eager; treated as RGB, with no labels);
/// - `lazy_clip`: frames and a plan, only the plan changes (lazy; see lazy.hpp and fuse.hpp);
/// - `video_sample<clip>`, `video_sample<lazy_clip>`: the same, with clip_info updated as MMAction2 updates
///   its results dict (scale_factor, crop_quadruple, flip, labels, flow).
template <class V>
concept geometric_value = std::same_as<V, clip> || std::same_as<V, lazy_clip> || std::same_as<V, video_sample<clip>> ||
                          std::same_as<V, video_sample<lazy_clip>>;

namespace detail {

template <class V>
inline constexpr bool is_lazy_v = std::same_as<V, lazy_clip> || std::same_as<V, video_sample<lazy_clip>>;

// The frames of a value (the value itself for a bare clip or lazy_clip), const where the value is.
template <class V>
[[nodiscard]] auto& frames_of(V& v) noexcept {
    using U = std::remove_const_t<V>;
    if constexpr (std::same_as<U, clip> || std::same_as<U, lazy_clip>) return v;
    else return v.frames;
}

template <class V>
[[nodiscard]] clip_info* info_of(V& v) noexcept {
    if constexpr (std::same_as<V, clip> || std::same_as<V, lazy_clip>) return nullptr;
    else return &v.info;
}

/// The size of the frames the next transform sees (a lazy value's planned output).
template <geometric_value V>
[[nodiscard]] image_size current_size(const V& v) {
    const auto& f = frames_of(v);
    if constexpr (is_lazy_v<V>) return f.plan.output;
    else return {static_cast<int>(f.height()), static_cast<int>(f.width())};
}

/// Throws invalid_argument naming `who` when the frames are empty (nothing to crop or resize).
template <geometric_value V>
void require_frames(const V& v, const char* who) {
    const image_size s = current_size(v);
    const auto& f = frames_of(v);
    std::size_t frames = 0;
    if constexpr (is_lazy_v<V>) frames = f.source.frames();
    else frames = f.frames();
    if (s.empty() || frames == 0) throw invalid_argument(std::string(who) + ": the clip holds no frame (or frames of size 0)");
}

/// The frames inside `b`, copied. Precondition: `b` lies inside the frames.
[[nodiscard]] inline clip crop_frames(clip_view in, crop_box b) {
    clip out(in.frames(), static_cast<std::size_t>(b.height), static_cast<std::size_t>(b.width), in.channels());
    const std::size_t c = in.channels(), row_in = in.width() * c, row_out = static_cast<std::size_t>(b.width) * c;
    for (std::size_t t = 0; t < in.frames(); ++t) {
        const std::uint8_t* from = in.frame_pixels(t).data() + static_cast<std::size_t>(b.y) * row_in + static_cast<std::size_t>(b.x) * c;
        std::uint8_t* to = out.frame_pixels(t).data();
        for (int y = 0; y < b.height; ++y) std::memcpy(to + static_cast<std::size_t>(y) * row_out, from + static_cast<std::size_t>(y) * row_in, row_out);
    }
    return out;
}

/// Mirrors frames [first, first + count) of `c` in place.
inline void mirror_frames(clip& c, flip_direction d, std::size_t first, std::size_t count) {
    const std::size_t ch = c.channels(), w = c.width(), h = c.height(), row = w * ch;
    std::vector<std::uint8_t> scratch(d == flip_direction::horizontal ? row : 0);
    for (std::size_t t = first; t < first + count; ++t) {
        std::uint8_t* f = c.frame_pixels(t).data();
        if (d == flip_direction::horizontal) {
            for (std::size_t y = 0; y < h; ++y) {
                std::uint8_t* r = f + y * row;
                std::memcpy(scratch.data(), r, row);
                copy_row(scratch.data(), r, static_cast<int>(w), ch, true);
            }
        } else {
            for (std::size_t y = 0; y < h / 2; ++y) std::swap_ranges(f + y * row, f + (y + 1) * row, f + (h - 1 - y) * row);
        }
    }
}

/// 255 − v on the x-flow frames (even positions): what a horizontal mirror does to the sign of x motion.
inline void invert_x_flow(clip& c) {
    for (std::size_t t = 0; t < c.frames(); t += 2)
        for (std::uint8_t& v : c.frame_pixels(t)) v = static_cast<std::uint8_t>(255 - v);
}

/// Applies the crop `b` (in current pixels) to `v`: copies for eager frames, plans for lazy ones, and composes
/// crop_quadruple as MMAction2 does (float32 fractions of the frames before the crop).
template <geometric_value V>
void apply_crop(V& v, crop_box b) {
    const image_size before = current_size(v);
    auto& f = frames_of(v);
    if constexpr (is_lazy_v<V>) f.plan.crop(b.x, b.y, b.width, b.height);
    else f = crop_frames(f, b);
    if (clip_info* info = info_of(v)) {
        auto& q = info->crop_quadruple;
        const double x = static_cast<double>(b.x) / before.width, y = static_cast<double>(b.y) / before.height;
        const double w = static_cast<double>(b.width) / before.width, h = static_cast<double>(b.height) / before.height;
        q = {static_cast<float>(q[0] + x * q[2]), static_cast<float>(q[1] + y * q[3]), static_cast<float>(w * q[2]), static_cast<float>(h * q[3])};
    }
}

/// Resizes `v` to `to`: resamples eager frames, plans lazy ones (recording the kernel for fuse), and multiplies
/// scale_factor by the float32 factors [new_w / w, new_h / h] as MMAction2's Resize does.
template <geometric_value V>
void apply_resize(V& v, image_size to, interpolation interp) {
    const image_size before = current_size(v);
    auto& f = frames_of(v);
    if constexpr (is_lazy_v<V>) {
        f.plan.resize(to);
        f.interp = interp;
    } else if (to != before) {
        // cv2.resize to the same size returns a copy of the same bytes; keeping the frames is the same result for free.
        f = resize_frames(f, to, interp);
    }
    if (clip_info* info = info_of(v)) {
        info->scale_factor[0] *= static_cast<float>(static_cast<double>(to.width) / before.width);
        info->scale_factor[1] *= static_cast<float>(static_cast<double>(to.height) / before.height);
    }
}

/// Mirrors `v` (when `flip`), eagerly or in its plan; a sample records the decision and, for flow, an eager
/// horizontal mirror inverts the x-flow frames (a lazy one leaves that to fuse).
template <geometric_value V>
void apply_flip(V& v, bool flip, flip_direction d) {
    clip_info* info = info_of(v);
    if (info != nullptr) {
        info->flip = flip;
        info->direction = d;
    }
    if (!flip) return;
    auto& f = frames_of(v);
    if constexpr (is_lazy_v<V>) {
        if (d == flip_direction::horizontal) f.plan.flip_horizontally();
        else f.plan.flip_vertically();
    } else {
        mirror_frames(f, d, 0, f.frames());
        if (info != nullptr && info->flow && d == flip_direction::horizontal) invert_x_flow(f);
    }
}

/// Throws invalid_argument naming `who` unless a `width × height` crop fits frames of `size`.
inline void require_fits(const char* who, int width, int height, image_size size) {
    if (width <= 0 || height <= 0 || width > size.width || height > size.height)
        throw invalid_argument(std::string(who) + ": a crop of " + std::to_string(width) + "x" + std::to_string(height) +
                               " (w x h) does not fit frames of " + std::to_string(size.width) + "x" + std::to_string(size.height));
}

}  // namespace detail
}  // namespace vidata::transforms
