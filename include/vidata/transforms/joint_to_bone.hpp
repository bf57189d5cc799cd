// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::joint_to_bone: MMAction2's JointToBone, joint coordinates to bone vectors.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/skeleton_record.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <utility>

namespace vidata::transforms {

/// The skeleton definitions JointToBone knows.
enum class bone_dataset : unsigned char {
    ntu_rgbd,  ///< 'nturgb+d': NTU RGB+D's 25 Kinect joints
    openpose,  ///< 'openpose': OpenPose's 18 keypoints
    coco,      ///< 'coco': COCO's 17 keypoints
};

namespace detail {

using bone = std::array<std::size_t, 2>;

// (joint, parent): the bone of `joint` is joint − parent. A root is its own parent (a zero bone).
inline constexpr std::array<bone, 25> ntu_rgbd_bones{{{0, 1},   {1, 20},  {2, 20},  {3, 2},   {4, 20},  {5, 4},   {6, 5},
                                                      {7, 6},   {8, 20},  {9, 8},   {10, 9},  {11, 10}, {12, 0},  {13, 12},
                                                      {14, 13}, {15, 14}, {16, 0},  {17, 16}, {18, 17}, {19, 18}, {21, 22},
                                                      {20, 20}, {22, 7},  {23, 24}, {24, 11}}};
inline constexpr std::array<bone, 18> openpose_bones{{{0, 0},  {1, 0},  {2, 1},   {3, 2},   {4, 3},   {5, 1},
                                                      {6, 5},  {7, 6},  {8, 2},   {9, 8},   {10, 9},  {11, 5},
                                                      {12, 11}, {13, 12}, {14, 0}, {15, 0}, {16, 14}, {17, 15}}};
inline constexpr std::array<bone, 17> coco_bones{{{0, 0},  {1, 0},   {2, 0},   {3, 1},   {4, 2},   {5, 0},
                                                  {6, 0},  {7, 5},   {8, 6},   {9, 7},   {10, 8},  {11, 0},
                                                  {12, 0}, {13, 11}, {14, 12}, {15, 13}, {16, 14}}};

[[nodiscard]] constexpr std::span<const bone> bones_of(bone_dataset d) noexcept {
    switch (d) {
    case bone_dataset::openpose: return openpose_bones;
    case bone_dataset::coco: return coco_bones;
    case bone_dataset::ntu_rgbd: break;
    }
    return ntu_rgbd_bones;
}

}  // namespace detail

/// MMAction2 0.x `JointToBone(dataset)`: each joint's coordinates become its bone vector, joint − parent,
/// over MMAction2's fixed (joint, parent) lists (NTU's 25 pairs include the root (20, 20), a zero bone).
/// For openpose and coco keypoints with C == 3 (x, y, score), the third coordinate becomes the mean of the
/// two joints' scores instead. Scores in `keypoint_score` are left alone; a joint in no pair gets zeros.
///
///   skeleton_record bones = joint_to_bone{bone_dataset::ntu_rgbd}(std::move(joints), g);
///
/// Draws nothing. Throws vidata::invalid_argument when C is not 2 or 3 (MMAction2 asserts it) or a pair names
/// a joint the record does not have.
struct joint_to_bone {
    bone_dataset dataset = bone_dataset::ntu_rgbd;

    [[nodiscard]] skeleton_record operator()(skeleton_record record, rng& /*unused*/) const { return apply(std::move(record)); }

    [[nodiscard]] skeleton_record apply(skeleton_record record) const {
        const std::string where = "vidata::transforms::joint_to_bone: '" + record.frame_dir + "': ";
        if (record.keypoint.rank() != 4) throw invalid_argument(where + "keypoint is not M x T x V x C");
        const std::size_t v = record.num_keypoints(), c = record.num_coordinates();
        if (c != 2 && c != 3) throw invalid_argument(where + "keypoints have " + std::to_string(c) + " coordinates, not 2 or 3");
        const auto bones = detail::bones_of(dataset);
        for (const auto& b : bones)
            if (b[0] >= v || b[1] >= v)
                throw invalid_argument(where + "the skeleton has " + std::to_string(v) + " joints, the bone (" +
                                       std::to_string(b[0]) + ", " + std::to_string(b[1]) + ") needs more");
        const bool mean_score = c == 3 && dataset != bone_dataset::ntu_rgbd;
        float_tensor out(std::vector<std::size_t>(record.keypoint.shape().begin(), record.keypoint.shape().end()));
        const std::size_t rows = record.num_persons() * record.num_frames();
        const float* in = record.keypoint.data();
        for (std::size_t r = 0; r < rows; ++r)
            for (const auto& b : bones) {
                const float* joint = in + (r * v + b[0]) * c;
                const float* parent = in + (r * v + b[1]) * c;
                float* dst = out.data() + (r * v + b[0]) * c;
                for (std::size_t k = 0; k < c; ++k) dst[k] = joint[k] - parent[k];
                if (mean_score) dst[2] = (joint[2] + parent[2]) / 2.f;
            }
        record.keypoint = std::move(out);
        return record;
    }
};

}  // namespace vidata::transforms
