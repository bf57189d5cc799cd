// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::pose_normalize: MMAction2's PoseNormalize, keypoint values scaled to about [-0.5, 0.5].
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/skeleton_record.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata::transforms {

/// Which axis basic_pose_normalize's three values apply to (quirk 6 of the spec's register).
namespace pose_normalize_axis {
/// Fix: per coordinate (x, y, score or z), what the defaults (960, 540, 0.5) are written for.
struct coordinates {};
/// Reproduce MMAction2: its arrays are shaped (3, 1, 1, 1) and numpy broadcasts them over the FIRST axis of
/// the M × T × V × C keypoints, the persons: with M == 3, person p gets value p; with M == 1, the one person
/// is normalised three times and the result has 3 persons (keypoint_score keeps 1); any other M is
/// numpy's broadcast error.
struct first_axis {};
}  // namespace pose_normalize_axis

/// MMAction2 0.x `PoseNormalize(mean, min_value, max_value)`: `(kp - mean) / (max - min)` in float32.
///
///   pose_normalize norm;                                         // (960, 540, 0.5), (0, 0, 0), (1920, 1080, 1)
///   skeleton_record r2 = norm(std::move(r), g);
///
/// With `Axis` = pose_normalize_axis::coordinates (the default, `pose_normalize`) value k applies to
/// coordinate k (C must be 3 or less: a 2-D record uses the first two); with pose_normalize_axis::first_axis
/// it reproduces MMAction2's broadcast. Draws nothing. Throws vidata::invalid_argument when the shapes do
/// not allow it (numpy's broadcast error, for first_axis).
template <class Axis = pose_normalize_axis::coordinates>
struct basic_pose_normalize {
    static_assert(std::is_same_v<Axis, pose_normalize_axis::coordinates> || std::is_same_v<Axis, pose_normalize_axis::first_axis>,
                  "vidata::transforms::basic_pose_normalize: Axis is pose_normalize_axis::coordinates or ::first_axis");

    std::array<float, 3> mean{960.f, 540.f, 0.5f};
    std::array<float, 3> min_value{0.f, 0.f, 0.f};
    std::array<float, 3> max_value{1920.f, 1080.f, 1.f};

    [[nodiscard]] skeleton_record operator()(skeleton_record record, rng& /*unused*/) const { return apply(std::move(record)); }

    [[nodiscard]] skeleton_record apply(skeleton_record record) const {
        const std::string where = "vidata::transforms::pose_normalize: '" + record.frame_dir + "': ";
        if (record.keypoint.rank() != 4) throw invalid_argument(where + "keypoint is not M x T x V x C");
        const std::size_t m = record.num_persons(), c = record.num_coordinates();
        const std::size_t per_person = record.keypoint.size() / (m == 0 ? 1 : m);
        // The divisor is float32 max − min, as numpy computes it before dividing.
        const auto normalised = [&](float x, std::size_t k) { return (x - mean[k]) / (max_value[k] - min_value[k]); };
        if constexpr (std::is_same_v<Axis, pose_normalize_axis::coordinates>) {
            if (c > 3) throw invalid_argument(where + "keypoints have " + std::to_string(c) + " coordinates, at most 3 are normalised");
            float* kp = record.keypoint.data();
            for (std::size_t i = 0; i < record.keypoint.size(); ++i) kp[i] = normalised(kp[i], i % c);
        } else {
            if (m != 3 && m != 1)
                throw invalid_argument(where + "operands could not be broadcast together with shapes (" + std::to_string(m) +
                                       ",...) (3,1,1,1): MMAction2's PoseNormalize needs 1 or 3 persons");
            std::vector<float> out(3 * per_person);
            for (std::size_t p = 0; p < 3; ++p) {
                const float* src = record.keypoint.data() + (m == 3 ? p : 0) * per_person;
                for (std::size_t i = 0; i < per_person; ++i) out[p * per_person + i] = normalised(src[i], p);
            }
            std::vector<std::size_t> shape(record.keypoint.shape().begin(), record.keypoint.shape().end());
            shape[0] = 3;
            record.keypoint = float_tensor(std::move(shape), std::move(out));
        }
        return record;
    }
};

/// PoseNormalize per coordinate (the evident intent of its defaults).
using pose_normalize = basic_pose_normalize<pose_normalize_axis::coordinates>;

}  // namespace vidata::transforms
