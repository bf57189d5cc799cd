// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::resize: MMAction2's Resize, a scale tuple with −1 for "short side", a factor, or a fixed size.
#pragma once

#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>
#include <vidata/transforms/interpolation.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace vidata::transforms {

/// Resize (MMAction2 0.x `Resize`, sizes from mmcv's `rescale_size`):
///
///   resize{{-1, 256}}                  // short side 256, aspect kept: `Resize(scale=(-1, 256))`
///   resize{{340, 256}}                 // as large as fits in 340 × 256 with the aspect kept
///   resize{{224, 224}, false}          // exactly 224 × 224: `Resize(scale=(224, 224), keep_ratio=False)`
///   resize{0.5}                        // half size: `Resize(scale=0.5)`
///   resize{{-1, 256}, true, interpolation::bicubic}
///
/// With `keep_ratio`, the factor is min(long_max / long, short_max / short) of the scale's larger and smaller
/// entries (a −1 entry makes the long limit infinite, leaving the short side in charge), and each side becomes
/// int(side · factor + 0.5), computed in double as Python does. Without it the scale is (width, height).
/// Draws nothing from the rng. The kernels are cv2.resize's, bit-exact (see resample.hpp).
class resize {
public:
    /// `scale` = (width, height) as MMAction2 writes it. Throws invalid_argument for a non-positive entry other
    /// than one −1, or for −1 without keep_ratio.
    resize(std::pair<int, int> scale, bool keep_ratio = true, interpolation interp = interpolation::bilinear)
        : width_(scale.first), height_(scale.second), keep_ratio_(keep_ratio), interp_(interp) {
        const int lo = std::min(scale.first, scale.second), hi = std::max(scale.first, scale.second);
        if (hi <= 0 || (lo <= 0 && lo != -1))
            throw invalid_argument("vidata::transforms::resize: the scale (" + std::to_string(scale.first) + ", " +
                                   std::to_string(scale.second) + ") needs positive sides, or -1 and a short side");
        if (lo == -1 && !keep_ratio)
            throw invalid_argument("vidata::transforms::resize: a scale with -1 (short side) needs keep_ratio");
    }

    /// Every side multiplied by `factor` (`Resize(scale=factor)`). Throws invalid_argument unless factor > 0.
    explicit resize(double factor, interpolation interp = interpolation::bilinear) : factor_(factor), interp_(interp) {
        if (!(factor > 0.0) || !std::isfinite(factor))
            throw invalid_argument("vidata::transforms::resize: the factor " + std::to_string(factor) + " is not positive");
    }

    [[nodiscard]] constexpr interpolation interp() const noexcept { return interp_; }

    /// The size frames of size `in` become (mmcv.rescale_size, or the fixed size).
    [[nodiscard]] image_size output_size(image_size in) const {
        if (in.empty()) throw invalid_argument("vidata::transforms::resize: the frames are empty");
        double factor = factor_;
        if (factor == 0.0) {
            if (!keep_ratio_) return {height_, width_};
            const int lo = std::min(width_, height_), hi = std::max(width_, height_);
            const double long_max = lo == -1 ? std::numeric_limits<double>::infinity() : hi;
            const double short_max = lo == -1 ? hi : lo;
            factor = std::min(long_max / std::max(in.height, in.width), short_max / std::min(in.height, in.width));
        }
        // Python's int(x * f + 0.5): truncation of a positive double.
        const auto side = [factor](int x) { return static_cast<int>(x * factor + 0.5); };
        const image_size out{side(in.height), side(in.width)};
        if (out.empty())
            throw invalid_argument("vidata::transforms::resize: frames of " + std::to_string(in.width) + "x" + std::to_string(in.height) +
                                   " would become empty");
        return out;
    }

    template <geometric_value V>
    [[nodiscard]] V operator()(V v, rng& /*g*/) const {
        detail::require_frames(v, "vidata::transforms::resize");
        detail::apply_resize(v, output_size(detail::current_size(v)), interp_);
        return v;
    }

    /// The lazy form: only the plan's output size changes.
    void plan(crop_plan& p, rng& /*g*/) const { p.resize(output_size(p.output)); }

private:
    int width_ = 0;
    int height_ = 0;
    double factor_ = 0.0;  // 0: a scale tuple
    bool keep_ratio_ = true;
    interpolation interp_ = interpolation::bilinear;
};

}  // namespace vidata::transforms
