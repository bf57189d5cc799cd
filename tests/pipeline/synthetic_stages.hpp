// SPDX-License-Identifier: Apache-2.0
// Small pipeline stages for the pipeline tests: an in-memory frame source whose pixels are a formula of
// (video id, frame index, row, column, channel), and samplers and transforms whose results can be worked out by hand.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/concepts.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/tensor.hpp>
#include <vidata/core/video_record.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vidata::test::stages {

inline constexpr std::size_t height = 4;
inline constexpr std::size_t width = 6;
inline constexpr std::size_t channels = 3;

/// The byte at (frame, y, x, c) of video `id`: what synthetic_source decodes, written out for the tests.
[[nodiscard]] constexpr std::uint8_t pixel(std::int64_t id, std::int64_t frame, std::size_t y, std::size_t x, std::size_t c) {
    return static_cast<std::uint8_t>((id * 31 + frame * 7 + static_cast<std::int64_t>(y * 5 + x * 3 + c)) % 256);
}

/// Opens of synthetic_source since the counter was last reset (tests that count work read it).
inline std::atomic<int> opens{0};

/// A frame source over "<anything>/<id>": `10 + id` frames of 4×6 RGB whose bytes are pixel(id, ...).
/// A file name that is not a number cannot be opened (io_error); reading past the end is an io_error.
class synthetic_source {
public:
    explicit synthetic_source(const std::filesystem::path& path) : path_(path.string()) {
        ++opens;
        const std::string name = path.filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            throw io_error(path_, "no such synthetic video");
        id_ = std::stoll(name);
    }

    [[nodiscard]] std::int64_t frame_count() const noexcept { return 10 + id_; }

    [[nodiscard]] clip read(const frame_indices& indices) {
        clip out(indices.size(), height, width, channels);
        for (std::size_t t = 0; t < indices.size(); ++t) {
            if (indices[t] < 0 || indices[t] >= frame_count())
                throw io_error(path_, "frame " + std::to_string(indices[t]) + " is past the last frame");
            for (std::size_t y = 0; y < height; ++y)
                for (std::size_t x = 0; x < width; ++x)
                    for (std::size_t c = 0; c < channels; ++c) out(t, y, x, c) = pixel(id_, indices[t], y, x, c);
        }
        return out;
    }

private:
    std::string path_;
    std::int64_t id_ = 0;
};

/// A frame source over "<anything>/<id>" with `90 + id` frames of 72×96 RGB holding a smooth ramp,
/// x + y + (frame mod 32) + 20·c + (id mod 10), so that resampling it twice or once differs by little.
class smooth_source {
public:
    static constexpr std::size_t rows = 72;
    static constexpr std::size_t cols = 96;

    explicit smooth_source(const std::filesystem::path& path) : inner_(path) {}

    [[nodiscard]] std::int64_t frame_count() const noexcept { return 80 + inner_.frame_count(); }

    [[nodiscard]] clip read(const frame_indices& indices) const {
        clip out(indices.size(), rows, cols, channels);
        for (std::size_t t = 0; t < indices.size(); ++t) {
            if (indices[t] < 0 || indices[t] >= frame_count()) throw io_error("smooth", "frame past the end");
            for (std::size_t y = 0; y < rows; ++y)
                for (std::size_t x = 0; x < cols; ++x)
                    for (std::size_t c = 0; c < channels; ++c)
                        out(t, y, x, c) = static_cast<std::uint8_t>(x + y + static_cast<std::size_t>(indices[t] % 32) + 20 * c +
                                                                    static_cast<std::size_t>(inner_.frame_count() - 10) % 10);
        }
        return out;
    }

private:
    synthetic_source inner_;
};

/// Test-mode sampling of one clip: frames 0, interval, 2·interval... clamped to the last frame.
struct strided_sampler {
    std::size_t clip_len = 3;
    std::int64_t interval = 2;

    [[nodiscard]] frame_indices operator()(const video_record& record, rng&) const {
        std::vector<std::int64_t> flat;
        for (std::size_t i = 0; i < clip_len; ++i)
            flat.push_back(std::min(static_cast<std::int64_t>(i) * interval, record.total_frames - 1));
        return frame_indices(1, clip_len, std::move(flat));
    }
};

/// One clip of consecutive frames from a start drawn uniformly in [0, total_frames - clip_len].
struct random_start_sampler {
    std::size_t clip_len = 2;

    [[nodiscard]] frame_indices operator()(const video_record& record, rng& g) const {
        const auto start = g.uniform_int<std::int64_t>(0, record.total_frames - static_cast<std::int64_t>(clip_len));
        std::vector<std::int64_t> flat;
        for (std::size_t i = 0; i < clip_len; ++i) flat.push_back(start + static_cast<std::int64_t>(i));
        return frame_indices(1, clip_len, std::move(flat));
    }
};

/// clip → float tensor T×H×W×C of the same values.
struct to_float {
    [[nodiscard]] float_tensor operator()(const clip& c, rng&) const {
        float_tensor out({c.frames(), c.height(), c.width(), c.channels()});
        for (std::size_t i = 0; i < c.size(); ++i) out.values()[i] = c.pixels()[i];
        return out;
    }
};

/// Adds one uniform draw in [0, 1) to every element.
struct add_random {
    [[nodiscard]] float_tensor operator()(float_tensor t, rng& g) const {
        const auto shift = static_cast<float>(g.uniform_real());
        for (float& v : t.values()) v += shift;
        return t;
    }
};

/// A fixed crop, eager or planned.
struct crop_at {
    int x = 0, y = 0, w = 1, h = 1;

    [[nodiscard]] clip operator()(const clip& c, rng&) const {
        clip out(c.frames(), static_cast<std::size_t>(h), static_cast<std::size_t>(w), c.channels());
        for (std::size_t t = 0; t < c.frames(); ++t)
            for (int yy = 0; yy < h; ++yy)
                for (int xx = 0; xx < w; ++xx)
                    for (std::size_t ch = 0; ch < c.channels(); ++ch)
                        out(t, static_cast<std::size_t>(yy), static_cast<std::size_t>(xx), ch) =
                            c(t, static_cast<std::size_t>(y + yy), static_cast<std::size_t>(x + xx), ch);
        return out;
    }
    void plan(crop_plan& p, rng&) const { p.crop(x, y, w, h); }
};

/// Mirrors left-right with probability 1/2 (one draw either way), eager or planned.
struct random_flip {
    [[nodiscard]] clip operator()(clip c, rng& g) const {
        if (g.uniform_real() >= 0.5) return c;
        clip out(c.frames(), c.height(), c.width(), c.channels());
        for (std::size_t t = 0; t < c.frames(); ++t)
            for (std::size_t yy = 0; yy < c.height(); ++yy)
                for (std::size_t xx = 0; xx < c.width(); ++xx)
                    for (std::size_t ch = 0; ch < c.channels(); ++ch) out(t, yy, xx, ch) = c(t, yy, c.width() - 1 - xx, ch);
        return out;
    }
    void plan(crop_plan& p, rng& g) const {
        if (g.uniform_real() < 0.5) p.flip_horizontally();
    }
};

/// Realises a plan by nearest-neighbour sampling at pixel centres: exact for integer crops and flips.
/// Counts its calls in `*calls`.
struct nearest_fuse {
    std::atomic<int>* calls = nullptr;

    [[nodiscard]] clip operator()(const clip& c, const crop_plan& p) const {
        if (calls != nullptr) ++*calls;
        const auto oh = static_cast<std::size_t>(p.output.height), ow = static_cast<std::size_t>(p.output.width);
        clip out(c.frames(), oh, ow, c.channels());
        for (std::size_t t = 0; t < c.frames(); ++t)
            for (std::size_t yy = 0; yy < oh; ++yy)
                for (std::size_t xx = 0; xx < ow; ++xx) {
                    const auto s = p.to_source(static_cast<double>(xx) + 0.5, static_cast<double>(yy) + 0.5);
                    const auto sx = static_cast<std::size_t>(std::floor(s.x));
                    const auto sy = static_cast<std::size_t>(std::floor(s.y));
                    for (std::size_t ch = 0; ch < c.channels(); ++ch) out(t, yy, xx, ch) = c(t, sy, sx, ch);
                }
        return out;
    }
};

static_assert(frame_source<synthetic_source> && frame_source<smooth_source>);
static_assert(frame_sampler<strided_sampler> && frame_sampler<random_start_sampler>);
static_assert(transform<to_float, clip> && transform<add_random, float_tensor>);
static_assert(geometric_transform<crop_at, clip> && geometric_transform<random_flip, clip>);

}  // namespace vidata::test::stages
