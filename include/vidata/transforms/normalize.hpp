// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::normalize and normalize_flow: MMAction2's Normalize, uint8 frames to mean/std-scaled floats.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/detail/tensor_storage.hpp>
#include <vidata/transforms/layout_tensor.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vidata::transforms {

/// MMAction2 0.x `Normalize(mean, std, to_bgr)` for RGB (any channel count): the clip's T × H × W × C bytes
/// become a T × H × W × C float tensor `(x - mean[c]) * (1 / std[c])`.
///
///   normalize norm{{123.675f, 116.28f, 103.53f}, {58.395f, 57.12f, 57.375f}};   // ImageNet, RGB order
///   layout_tensor<layouts::nhwc> x = norm(std::move(frames), g);
///
/// Exactness: the same arithmetic as mmcv.imnormalize_ (what MMAction2 calls): the mean, held as float32,
/// is subtracted in float32 (OpenCV's subtract of a scalar), then the difference is multiplied by the double
/// `1 / double(std)` in double and rounded to float32 (OpenCV's multiply by a scalar works in double).
/// Results are bit-identical to it (the tests compare every element).
/// With `to_bgr`, channels 0 and 2 are swapped first and `mean`/`std` apply to the swapped order, as there.
/// Draws nothing from the rng. Throws vidata::invalid_argument when the clip's channel count is not
/// `mean.size()` (or not 3 with `to_bgr`).
struct normalize {
    std::vector<float> mean;
    std::vector<float> std;
    bool to_bgr = false;
    /// For flow samples only (see the video_sample overload): multiply by the sample's scale factor.
    bool adjust_magnitude = false;

    [[nodiscard]] layout_tensor<layouts::nhwc> operator()(clip_view frames, rng& /*unused*/) const { return apply(frames); }

    /// A sample, as MMAction2's Normalize sees its results dict: RGB as above, or, when `info.flow` is set,
    /// normalize_flow with the first two mean/std values, `adjust_magnitude` and the sample's scale factor.
    /// The info travels on unchanged. Throws vidata::invalid_argument for a flow sample unless mean and std
    /// have two values (MMAction2 asserts it).
    [[nodiscard]] video_sample<layout_tensor<layouts::nhwc>> operator()(video_sample<clip> sample, rng& g) const;

    /// The transform without an rng (it draws nothing).
    [[nodiscard]] layout_tensor<layouts::nhwc> apply(clip_view frames) const {
        check(frames);
        const std::size_t c = frames.channels();
        // The per-channel scalars OpenCV uses: the float32 mean and the double 1/double(std).
        std::vector<float> sub(c);
        std::vector<double> mul(c);
        for (std::size_t k = 0; k < c; ++k) {
            sub[k] = mean[k];
            mul[k] = 1.0 / static_cast<double>(std[k]);
        }
        const auto scale = [](float difference, double inverse) {
            return static_cast<float>(static_cast<double>(difference) * inverse);
        };
        std::vector<float> values = detail::large_buffer<float>(frames.size());
        const std::uint8_t* in = frames.data();
        float* o = values.data();
        const std::size_t pixels = frames.frames() * frames.height() * frames.width();
        if (c == 3 && !to_bgr) {
            // The common case: four pixels (12 values, channel pattern repeating) per step, a fixed-length inner
            // loop the compiler vectorises; then the remaining pixels one by one.
            float sub12[12];
            double mul12[12];
            for (std::size_t j = 0; j < 12; ++j) sub12[j] = sub[j % 3], mul12[j] = mul[j % 3];
            std::size_t p = 0;
            for (; p + 4 <= pixels; p += 4, in += 12, o += 12)
                for (std::size_t j = 0; j < 12; ++j) o[j] = scale(static_cast<float>(in[j]) - sub12[j], mul12[j]);
            for (; p < pixels; ++p, in += 3, o += 3)
                for (std::size_t k = 0; k < 3; ++k) o[k] = scale(static_cast<float>(in[k]) - sub[k], mul[k]);
        } else if (c == 3) {
            const std::size_t r = to_bgr ? 2 : 0, b = to_bgr ? 0 : 2;
            for (std::size_t p = 0; p < pixels; ++p, in += 3, o += 3) {
                o[0] = scale(static_cast<float>(in[r]) - sub[0], mul[0]);
                o[1] = scale(static_cast<float>(in[1]) - sub[1], mul[1]);
                o[2] = scale(static_cast<float>(in[b]) - sub[2], mul[2]);
            }
        } else {
            for (std::size_t p = 0; p < pixels; ++p, in += c, o += c)
                for (std::size_t k = 0; k < c; ++k) o[k] = scale(static_cast<float>(in[k]) - sub[k], mul[k]);
        }
        return layout_tensor<layouts::nhwc>({frames.frames(), frames.height(), frames.width(), c}, std::move(values));
    }

private:
    void check(clip_view frames) const {
        if (mean.size() != std.size())
            throw invalid_argument("vidata::transforms::normalize: mean has " + std::to_string(mean.size()) +
                                   " values but std has " + std::to_string(std.size()));
        if (frames.channels() != mean.size())
            throw invalid_argument("vidata::transforms::normalize: the clip has " + std::to_string(frames.channels()) +
                                   " channels but mean/std have " + std::to_string(mean.size()) + " values");
        if (to_bgr && frames.channels() != 3)
            throw invalid_argument("vidata::transforms::normalize: to_bgr needs 3 channels, the clip has " +
                                   std::to_string(frames.channels()));
    }
};

/// Flow frames with the scale factor the resizes before them applied, `[sx, sy]` (MMAction2's
/// `results['scale_factor']`, float32), which normalize_flow's `adjust_magnitude` multiplies in.
struct scaled_clip {
    clip frames;
    std::array<float, 2> scale_factor{1.f, 1.f};
};

/// MMAction2 0.x `Normalize(mean, std, adjust_magnitude)` for the Flow modality. The input holds 2·T
/// one-channel frames alternating x and y (what a rawframe flow source reads: `x_00001`, `y_00001`, ...);
/// the output is T × H × W × 2, channel 0 `(x - mean[0]) / std[0]`, channel 1 `(y - mean[1]) / std[1]`, each
/// multiplied by the scale factor of its axis when `adjust_magnitude` is set (a flow vector grows with the
/// image). float32 throughout, a true division as numpy does: bit-identical to MMAction2.
///
///   normalize_flow norm{{128.f, 128.f}, {128.f, 128.f}};
///   layout_tensor<layouts::nhwc> f = norm(std::move(flow_frames), g);        // scale factor 1
///   layout_tensor<layouts::nhwc> f = norm(scaled_clip{frames, {0.5f, 0.5f}}, g);
///
/// Throws vidata::invalid_argument when the frames are not one-channel or their count is odd.
struct normalize_flow {
    std::array<float, 2> mean{};
    std::array<float, 2> std{1.f, 1.f};
    bool adjust_magnitude = false;

    [[nodiscard]] layout_tensor<layouts::nhwc> operator()(clip_view frames, rng& /*unused*/) const {
        return apply(frames, {1.f, 1.f});
    }
    [[nodiscard]] layout_tensor<layouts::nhwc> operator()(const scaled_clip& frames, rng& /*unused*/) const {
        return apply(frames.frames, frames.scale_factor);
    }
    /// A flow sample: its scale factor from `info.scale_factor`; the info travels on unchanged.
    [[nodiscard]] video_sample<layout_tensor<layouts::nhwc>> operator()(video_sample<clip> sample, rng& /*unused*/) const {
        return {apply(sample.frames, sample.info.scale_factor), std::move(sample.info)};
    }

    /// The transform with an explicit scale factor, used only when `adjust_magnitude` is set.
    [[nodiscard]] layout_tensor<layouts::nhwc> apply(clip_view frames, std::array<float, 2> scale_factor) const {
        if (frames.channels() != 1)
            throw invalid_argument("vidata::transforms::normalize_flow: flow frames have one channel, the clip has " +
                                   std::to_string(frames.channels()));
        if (frames.frames() % 2 != 0)
            throw invalid_argument("vidata::transforms::normalize_flow: flow frames come in x/y pairs, the clip has " +
                                   std::to_string(frames.frames()) + " frames");
        const std::size_t n = frames.frames() / 2, plane = frames.height() * frames.width();
        std::vector<float> values = detail::large_buffer<float>(n * plane * 2);
        float* o = values.data();
        for (std::size_t t = 0; t < n; ++t) {
            const std::uint8_t* x = frames.data() + (2 * t) * plane;
            const std::uint8_t* y = x + plane;
            for (std::size_t p = 0; p < plane; ++p, o += 2) {
                float fx = (static_cast<float>(x[p]) - mean[0]) / std[0];
                float fy = (static_cast<float>(y[p]) - mean[1]) / std[1];
                if (adjust_magnitude) {
                    fx *= scale_factor[0];
                    fy *= scale_factor[1];
                }
                o[0] = fx;
                o[1] = fy;
            }
        }
        return layout_tensor<layouts::nhwc>({n, frames.height(), frames.width(), 2}, std::move(values));
    }
};

inline video_sample<layout_tensor<layouts::nhwc>> normalize::operator()(video_sample<clip> sample, rng& g) const {
    if (!sample.info.flow) return {apply(sample.frames), std::move(sample.info)};
    if (mean.size() != 2 || std.size() != 2)
        throw invalid_argument("vidata::transforms::normalize: a flow sample needs 2 mean and 2 std values, got " +
                               std::to_string(mean.size()) + " and " + std::to_string(std.size()));
    const normalize_flow flow{{mean[0], mean[1]}, {std[0], std[1]}, adjust_magnitude};
    return flow(std::move(sample), g);
}

}  // namespace vidata::transforms
