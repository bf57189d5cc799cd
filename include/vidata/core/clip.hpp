// SPDX-License-Identifier: Apache-2.0
// vidata::clip and vidata::clip_view: decoded uint8 frames, T×H×W×C, owning and borrowed.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/detail/default_init_allocator.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace vidata {

/// One frame as an H × (W·C) row-major matrix of bytes: row y holds the pixels of image row y,
/// channels interleaved (`R G B R G B ...`), as FFmpeg's packed RGB24 and OpenCV's HWC images lay them out.
using frame_matrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using frame_map = Eigen::Map<frame_matrix>;
using const_frame_map = Eigen::Map<const frame_matrix>;

/// Tag for the clip constructor that leaves the bytes unset, for a producer that writes every one of them
/// (as std::make_unique_for_overwrite): `clip c(8, 224, 224, 3, vidata::for_overwrite);`.
struct for_overwrite_t {
    explicit for_overwrite_t() = default;
};
inline constexpr for_overwrite_t for_overwrite{};

/// A borrowed, read-only T×H×W×C block of bytes (contiguous, row-major, channels last): a clip, part of
/// one, or a decoder's buffer. Cheap to copy; valid as long as the memory it refers to.
///
///   void features(clip_view v) { for (std::size_t t = 0; t < v.frames(); ++t) mean += v.frame(t).cast<double>().mean(); }
class clip_view {
public:
    constexpr clip_view() = default;

    /// `frames * height * width * channels` bytes at `data`.
    constexpr clip_view(const std::uint8_t* data, std::size_t frames, std::size_t height, std::size_t width,
                        std::size_t channels) noexcept
        : data_(data), frames_(frames), height_(height), width_(width), channels_(channels) {}

    [[nodiscard]] constexpr std::size_t frames() const noexcept { return frames_; }
    [[nodiscard]] constexpr std::size_t height() const noexcept { return height_; }
    [[nodiscard]] constexpr std::size_t width() const noexcept { return width_; }
    [[nodiscard]] constexpr std::size_t channels() const noexcept { return channels_; }
    /// Bytes per frame, `height * width * channels`.
    [[nodiscard]] constexpr std::size_t frame_size() const noexcept { return height_ * width_ * channels_; }
    /// Bytes in the view.
    [[nodiscard]] constexpr std::size_t size() const noexcept { return frames_ * frame_size(); }
    [[nodiscard]] constexpr bool empty() const noexcept { return size() == 0; }

    [[nodiscard]] constexpr const std::uint8_t* data() const noexcept { return data_; }
    [[nodiscard]] constexpr std::span<const std::uint8_t> pixels() const noexcept { return {data_, size()}; }

    /// The bytes of frame `t`. Precondition: `t < frames()`.
    [[nodiscard]] constexpr std::span<const std::uint8_t> frame_pixels(std::size_t t) const {
        VIDATA_ASSERT(t < frames_, "vidata::clip_view: frame index out of range");
        return pixels().subspan(t * frame_size(), frame_size());
    }

    /// Frame `t` as an H × (W·C) Eigen matrix. Precondition: `t < frames()`.
    [[nodiscard]] const_frame_map frame(std::size_t t) const {
        return const_frame_map(frame_pixels(t).data(), static_cast<Eigen::Index>(height_),
                               static_cast<Eigen::Index>(width_ * channels_));
    }

    /// The byte at frame `t`, row `y`, column `x`, channel `c`.
    [[nodiscard]] constexpr std::uint8_t operator()(std::size_t t, std::size_t y, std::size_t x, std::size_t c) const {
        VIDATA_DEBUG_ASSERT(t < frames_ && y < height_ && x < width_ && c < channels_, "vidata::clip_view: pixel index out of range");
        return data_[((t * height_ + y) * width_ + x) * channels_ + c];
    }

    /// Frames `[first, first + count)`, e.g. one clip of a multi-clip read. Precondition: within `frames()`.
    [[nodiscard]] constexpr clip_view subclip(std::size_t first, std::size_t count) const {
        VIDATA_ASSERT(first <= frames_ && count <= frames_ - first, "vidata::clip_view::subclip: frames out of range");
        return {data_ + first * frame_size(), count, height_, width_, channels_};
    }

    /// Same shape and same bytes.
    friend constexpr bool operator==(const clip_view& a, const clip_view& b) noexcept {
        if (a.frames_ != b.frames_ || a.height_ != b.height_ || a.width_ != b.width_ || a.channels_ != b.channels_)
            return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a.data_[i] != b.data_[i]) return false;
        return true;
    }

private:
    const std::uint8_t* data_ = nullptr;
    std::size_t frames_ = 0;
    std::size_t height_ = 0;
    std::size_t width_ = 0;
    std::size_t channels_ = 0;
};

/// Decoded frames a frame source returns: T frames of H×W pixels with C channels (3 for RGB24, 1 for a
/// flow component), uint8, contiguous, row-major, channels last (THWC). It owns its bytes.
///
///   clip c(8, 224, 224, 3);      // zeros
///   c(0, 10, 20, 1) = 255;       // frame 0, row 10, column 20, green
///   c.frame(3).row(0)            // the first row of frame 3 as Eigen bytes
///   clip_view v = c.subclip(0, 4);
///
/// Frames of one clip share one size; a source that meets frames of different sizes must resize or fail.
class clip {
public:
    clip() = default;

    /// `frames` zero frames of `height × width × channels`.
    clip(std::size_t frames, std::size_t height, std::size_t width, std::size_t channels)
        : data_(frames * height * width * channels, std::uint8_t{0}), frames_(frames), height_(height), width_(width), channels_(channels) {}

    /// `frames` frames whose bytes are unset: for a producer that then writes every byte (a decoder, a resize).
    clip(std::size_t frames, std::size_t height, std::size_t width, std::size_t channels, for_overwrite_t)
        : data_(frames * height * width * channels), frames_(frames), height_(height), width_(width), channels_(channels) {}

    /// `data` as the bytes (copied). Precondition: `data.size() == frames * height * width * channels`.
    clip(std::size_t frames, std::size_t height, std::size_t width, std::size_t channels, const std::vector<std::uint8_t>& data)
        : data_(data.begin(), data.end()), frames_(frames), height_(height), width_(width), channels_(channels) {
        VIDATA_ASSERT(data_.size() == frames * height * width * channels,
                      "vidata::clip: the number of bytes does not match frames * height * width * channels");
    }

    /// A copy of what `view` shows.
    explicit clip(clip_view view)
        : data_(view.pixels().begin(), view.pixels().end()), frames_(view.frames()), height_(view.height()),
          width_(view.width()), channels_(view.channels()) {}

    [[nodiscard]] std::size_t frames() const noexcept { return frames_; }
    [[nodiscard]] std::size_t height() const noexcept { return height_; }
    [[nodiscard]] std::size_t width() const noexcept { return width_; }
    [[nodiscard]] std::size_t channels() const noexcept { return channels_; }
    [[nodiscard]] std::size_t frame_size() const noexcept { return height_ * width_ * channels_; }
    [[nodiscard]] std::size_t size() const noexcept { return data_.size(); }
    [[nodiscard]] bool empty() const noexcept { return data_.empty(); }

    [[nodiscard]] std::uint8_t* data() noexcept { return data_.data(); }
    [[nodiscard]] const std::uint8_t* data() const noexcept { return data_.data(); }
    [[nodiscard]] std::span<std::uint8_t> pixels() noexcept { return data_; }
    [[nodiscard]] std::span<const std::uint8_t> pixels() const noexcept { return data_; }

    [[nodiscard]] std::span<std::uint8_t> frame_pixels(std::size_t t) {
        VIDATA_ASSERT(t < frames_, "vidata::clip: frame index out of range");
        return pixels().subspan(t * frame_size(), frame_size());
    }
    [[nodiscard]] std::span<const std::uint8_t> frame_pixels(std::size_t t) const { return view().frame_pixels(t); }

    /// Frame `t` as an H × (W·C) Eigen matrix over the clip's bytes. Precondition: `t < frames()`.
    [[nodiscard]] frame_map frame(std::size_t t) {
        return frame_map(frame_pixels(t).data(), static_cast<Eigen::Index>(height_),
                         static_cast<Eigen::Index>(width_ * channels_));
    }
    [[nodiscard]] const_frame_map frame(std::size_t t) const { return view().frame(t); }

    [[nodiscard]] std::uint8_t& operator()(std::size_t t, std::size_t y, std::size_t x, std::size_t c) {
        VIDATA_DEBUG_ASSERT(t < frames_ && y < height_ && x < width_ && c < channels_, "vidata::clip: pixel index out of range");
        return data_[((t * height_ + y) * width_ + x) * channels_ + c];
    }
    [[nodiscard]] std::uint8_t operator()(std::size_t t, std::size_t y, std::size_t x, std::size_t c) const {
        return view()(t, y, x, c);
    }

    [[nodiscard]] clip_view view() const noexcept { return {data_.data(), frames_, height_, width_, channels_}; }
    // Implicit, as std::string converts to std::string_view: functions that only read take a clip_view.
    operator clip_view() const noexcept { return view(); }  // NOLINT(google-explicit-constructor)
    [[nodiscard]] clip_view subclip(std::size_t first, std::size_t count) const { return view().subclip(first, count); }

    friend bool operator==(const clip& a, const clip& b) noexcept { return a.view() == b.view(); }

private:
    std::vector<std::uint8_t, detail::default_init_allocator<std::uint8_t>> data_;
    std::size_t frames_ = 0;
    std::size_t height_ = 0;
    std::size_t width_ = 0;
    std::size_t channels_ = 0;
};

}  // namespace vidata
