// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::pose_compact: MMAction2's PoseCompact, the keypoints' frame shrunk to the box around them.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/skeleton_record.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>

namespace vidata::transforms {

/// A box in pixels, corners included as MMAction2 computes them: (min_x, min_y) to (max_x, max_y).
struct pose_box {
    int min_x = 0;
    int min_y = 0;
    int max_x = 0;
    int max_y = 0;

    friend constexpr bool operator==(const pose_box&, const pose_box&) = default;
};

/// MMAction2 0.x `PoseCompact(padding, threshold, hw_ratio, allow_imgpad)` over a skeleton record (all
/// persons and frames together): NaN coordinates become 0; the tight box around every non-zero x and every
/// non-zero y (a zero coordinate means "not detected") is grown about its centre by `1 + padding`, then,
/// with `hw_ratio = {a, b}`, to a height at least a·width and a width at least height/b; its corners are
/// truncated toward zero (clamped to the image first when `allow_imgpad` is false); non-zero coordinates
/// are shifted by the box's corner and `img_shape` becomes the box's size. When the tight box is narrower
/// or lower than `threshold` (or there is no keypoint) only the NaN replacement happens.
///
///   pose_compact compact{.hw_ratio = std::array{1.0, 1.0}};   // PoseC3D's setting
///   skeleton_record r2 = compact(std::move(r), g);
///
/// Arithmetic as MMAction2's with numpy 1.x: extremes in float32, centre and half sides in double. The
/// box (and so crop_quadruple, which a skeleton_record does not carry) is available from `region`.
/// Draws nothing. Throws vidata::invalid_argument when the record is not consistent or `padding < 0`.
struct pose_compact {
    double padding = 0.25;
    double threshold = 10;
    std::optional<std::array<double, 2>> hw_ratio{};
    bool allow_imgpad = true;

    [[nodiscard]] skeleton_record operator()(skeleton_record record, rng& /*unused*/) const { return apply(std::move(record)); }

    [[nodiscard]] skeleton_record apply(skeleton_record record) const {
        check(record);
        for (float& x : record.keypoint.values())
            if (std::isnan(x)) x = 0.f;
        const std::optional<pose_box> box = region_of_cleaned(record);
        if (!box) return record;
        const std::size_t coords = record.num_coordinates(), n = record.keypoint.size() / coords;
        float* kp = record.keypoint.data();
        for (std::size_t i = 0; i < n; ++i, kp += coords) {
            if (kp[0] != 0.f) kp[0] -= static_cast<float>(box->min_x);
            if (kp[1] != 0.f) kp[1] -= static_cast<float>(box->min_y);
        }
        record.img_shape = {box->max_y - box->min_y, box->max_x - box->min_x};
        return record;
    }

    /// The box apply() would crop to, or nullopt where it would leave the coordinates as they are.
    [[nodiscard]] std::optional<pose_box> region(skeleton_record record) const {
        check(record);
        for (float& x : record.keypoint.values())
            if (std::isnan(x)) x = 0.f;
        return region_of_cleaned(record);
    }

private:
    void check(const skeleton_record& record) const {
        if (!record.consistent() || record.num_coordinates() < 2)
            throw invalid_argument("vidata::transforms::pose_compact: '" + record.frame_dir +
                                   "': keypoint is not M x T x V x C with C >= 2 matching keypoint_score");
        if (!(padding >= 0.0)) throw invalid_argument("vidata::transforms::pose_compact: padding must be >= 0");
    }

    [[nodiscard]] std::optional<pose_box> region_of_cleaned(const skeleton_record& record) const {
        const std::size_t coords = record.num_coordinates(), n = record.keypoint.size() / coords;
        const float* kp = record.keypoint.data();
        constexpr float inf = std::numeric_limits<float>::infinity();
        float min_x = inf, min_y = inf, max_x = -inf, max_y = -inf;
        for (std::size_t i = 0; i < n; ++i, kp += coords) {
            if (kp[0] != 0.f) min_x = std::min(min_x, kp[0]), max_x = std::max(max_x, kp[0]);
            if (kp[1] != 0.f) min_y = std::min(min_y, kp[1]), max_y = std::max(max_y, kp[1]);
        }
        // float32 differences compared with the threshold; with no keypoint they are -inf.
        if (static_cast<double>(max_x - min_x) < threshold || static_cast<double>(max_y - min_y) < threshold)
            return std::nullopt;
        // numpy 1.x turns a float32 scalar divided by a Python number into a double.
        const double center_x = static_cast<double>(max_x + min_x) / 2, center_y = static_cast<double>(max_y + min_y) / 2;
        double half_width = static_cast<double>(max_x - min_x) / 2 * (1 + padding);
        double half_height = static_cast<double>(max_y - min_y) / 2 * (1 + padding);
        if (hw_ratio) {
            half_height = std::max((*hw_ratio)[0] * half_width, half_height);
            half_width = std::max(1 / (*hw_ratio)[1] * half_height, half_width);
        }
        double x0 = center_x - half_width, x1 = center_x + half_width;
        double y0 = center_y - half_height, y1 = center_y + half_height;
        if (!allow_imgpad) {
            x0 = std::max(0.0, x0), y0 = std::max(0.0, y0);
            x1 = std::min(static_cast<double>(record.img_shape.width), x1);
            y1 = std::min(static_cast<double>(record.img_shape.height), y1);
        }
        // int() truncates toward zero.
        return pose_box{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1), static_cast<int>(y1)};
    }
};

}  // namespace vidata::transforms
