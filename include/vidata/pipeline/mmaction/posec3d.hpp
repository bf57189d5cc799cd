// SPDX-License-Identifier: Apache-2.0
// The PoseC3D pipelines of MMAction2 0.x's slowonly_r50_u48_240e_ntu120_xsub_keypoint.py (train, val, test).
#pragma once

#include <vidata/io/pose_decode.hpp>
#include <vidata/pipeline/mmaction/keypoint_geometry.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/sampling/uniform_sampler.hpp>
#include <vidata/transforms/center_crop.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/format_shape.hpp>
#include <vidata/transforms/generate_pose_target.hpp>
#include <vidata/transforms/layout_tensor.hpp>
#include <vidata/transforms/pose_compact.hpp>
#include <vidata/transforms/random_resized_crop.hpp>
#include <vidata/transforms/resize.hpp>

#include <array>
#include <cstddef>
#include <vector>

// PoseC3D runs on skeleton records (a PoseDataset's pickle): pose_source is PoseDecode, and the geometry moves
// keypoints (keypoint_geometry.hpp) before GeneratePoseTarget draws 17 heatmaps per frame. The config's
// `left`/`right` are COCO's left and right keypoints.
namespace vidata::mmaction {

namespace detail {

[[nodiscard]] inline transforms::pose_compact posec3d_compact() {
    return transforms::pose_compact{.hw_ratio = std::array{1.0, 1.0}, .allow_imgpad = true};
}

[[nodiscard]] inline transforms::generate_pose_target posec3d_heatmaps(bool double_flip) {
    return transforms::generate_pose_target{.sigma = 0.6, .use_score = true, .with_kp = true, .with_limb = false,
                                            .double_flip = double_flip,
                                            .left_kp = transforms::coco17_left_keypoints,
                                            .right_kp = transforms::coco17_right_keypoints};
}

}  // namespace detail

/// PoseC3D train: UniformSampleFrames(clip_len=48) → PoseDecode → PoseCompact(hw_ratio=1., allow_imgpad=True)
/// → Resize((-1, 64)) → RandomResizedCrop(area_range=(0.56, 1.0)) → Resize((56, 56), keep_ratio=False) →
/// Flip(0.5, left, right) → GeneratePoseTarget(sigma=0.6, use_score=True, with_kp=True, with_limb=False) →
/// FormatShape('NCTHW'): 1 × 17 × 48 × 56 × 56.
[[nodiscard]] inline auto posec3d_train() {
    return pipeline(uniform_sampler{.clip_len = 48}, pose_source{}, detail::posec3d_compact(),
                    keypoint_resize{transforms::resize{{-1, 64}}},
                    keypoint_crop<transforms::random_resized_crop>{{.area_range = {0.56, 1.0}}},
                    keypoint_resize{transforms::resize{{56, 56}, false}}, keypoint_flip{transforms::flip{.flip_ratio = 0.5}},
                    detail::posec3d_heatmaps(false), transforms::format_shape<layouts::ncthw>{.clip_len = 48, .num_clips = 1});
}

/// PoseC3D val: UniformSampleFrames(48, num_clips=1, test_mode=True) → PoseDecode → PoseCompact → Resize((-1, 64))
/// → CenterCrop(64) → GeneratePoseTarget → FormatShape('NCTHW'): 1 × 17 × 48 × 64 × 64.
[[nodiscard]] inline auto posec3d_val() {
    return pipeline(uniform_sampler{.clip_len = 48, .num_clips = 1, .test_mode = true}, pose_source{}, detail::posec3d_compact(),
                    keypoint_resize{transforms::resize{{-1, 64}}}, keypoint_crop<transforms::center_crop>{transforms::center_crop{64}},
                    detail::posec3d_heatmaps(false), transforms::format_shape<layouts::ncthw>{.clip_len = 48, .num_clips = 1});
}

/// PoseC3D test: UniformSampleFrames(48, num_clips=10, test_mode=True) → PoseDecode → PoseCompact →
/// Resize((-1, 64)) → CenterCrop(64) → GeneratePoseTarget(..., double=True, left, right) → FormatShape('NCTHW'):
/// 20 × 17 × 48 × 64 × 64 (ten clips, then the same ten flipped).
[[nodiscard]] inline auto posec3d_test() {
    return pipeline(uniform_sampler{.clip_len = 48, .num_clips = 10, .test_mode = true}, pose_source{}, detail::posec3d_compact(),
                    keypoint_resize{transforms::resize{{-1, 64}}}, keypoint_crop<transforms::center_crop>{transforms::center_crop{64}},
                    detail::posec3d_heatmaps(true), transforms::format_shape<layouts::ncthw>{.clip_len = 48, .num_clips = 10});
}

}  // namespace vidata::mmaction
