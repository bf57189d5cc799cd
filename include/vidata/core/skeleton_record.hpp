// SPDX-License-Identifier: Apache-2.0
// vidata::skeleton_record: one clip of a PYSKL pose annotation (keypoints of M persons over T frames).
#pragma once

#include <vidata/core/image_size.hpp>
#include <vidata/core/tensor.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace vidata {

/// One entry of a PYSKL / MMAction2 skeleton pickle (`ntu60_hrnet.pkl`, `gym_hrnet.pkl`...):
///
///   {'frame_dir': 'S001C001P001R001A001', 'total_frames': 103, 'img_shape': (1080, 1920),
///    'original_shape': (1080, 1920), 'label': 0,
///    'keypoint': float32[M, T, V, C], 'keypoint_score': float32[M, T, V]}
///
/// - `keypoint` is M persons × T frames × V joints × C coordinates (C = 2 for 2D pixel coordinates,
///   3 for NTU's 3D joints); `keypoint_score` is M × T × V, or empty where the source has no scores
///   (3D skeletons).
/// - `img_shape` is the (height, width) the keypoints refer to, `original_shape` that of the source video.
/// - `total_frames` normally equals T; it is kept separately because the pickle stores it separately.
/// A default-constructed record holds no persons: keypoint shape {0, 0, 0, 2}, keypoint_score {0, 0, 0}.
struct skeleton_record {
    std::string frame_dir;
    std::int64_t total_frames = 0;
    image_size img_shape{};
    image_size original_shape{};
    int label = -1;
    float_tensor keypoint{{0, 0, 0, 2}};
    float_tensor keypoint_score{{0, 0, 0}};

    /// M, T, V and C read from `keypoint`'s shape (0 when it is not rank 4).
    [[nodiscard]] std::size_t num_persons() const noexcept { return axis(0); }
    [[nodiscard]] std::size_t num_frames() const noexcept { return axis(1); }
    [[nodiscard]] std::size_t num_keypoints() const noexcept { return axis(2); }
    [[nodiscard]] std::size_t num_coordinates() const noexcept { return axis(3); }

    /// True when `keypoint` is rank 4 and `keypoint_score` is either empty or M × T × V, matching it.
    [[nodiscard]] bool consistent() const noexcept {
        if (keypoint.rank() != 4) return false;
        if (keypoint_score.empty()) return true;
        return keypoint_score.rank() == 3 && keypoint_score.shape()[0] == num_persons() &&
               keypoint_score.shape()[1] == num_frames() && keypoint_score.shape()[2] == num_keypoints();
    }

    friend bool operator==(const skeleton_record&, const skeleton_record&) = default;

private:
    [[nodiscard]] std::size_t axis(std::size_t i) const noexcept {
        return keypoint.rank() == 4 ? keypoint.shape()[i] : 0;
    }
};

}  // namespace vidata
