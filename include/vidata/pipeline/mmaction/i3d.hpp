// SPDX-License-Identifier: Apache-2.0
// The I3D and SlowFast pipelines of MMAction2 0.x's i3d_r50_32x2x1_100e_kinetics400_rgb.py and
// slowfast_r50_4x16x1_256e_kinetics400_rgb.py (train, val, test).
#pragma once

#include <vidata/pipeline/mmaction/common.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/sampling/segment_sampler.hpp>
#include <vidata/transforms/center_crop.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/format_shape.hpp>
#include <vidata/transforms/layout_tensor.hpp>
#include <vidata/transforms/multi_scale_crop.hpp>
#include <vidata/transforms/random_resized_crop.hpp>
#include <vidata/transforms/resize.hpp>
#include <vidata/transforms/three_crop.hpp>

#include <cstdint>
#include <utility>

// Sources and start_index as in tsn.hpp. Both models take 32-frame clips with interval 2 (32x2x1); they differ
// in the training crop only (I3D: MultiScaleCrop; SlowFast: RandomResizedCrop); val and test are the same.
namespace vidata::mmaction {

namespace detail {

[[nodiscard]] inline segment_sampler clips_32x2(std::int64_t num_clips, bool test_mode, std::int64_t start_index) {
    return segment_sampler{.clip_len = 32, .frame_interval = 2, .num_clips = num_clips, .test_mode = test_mode, .start_index = start_index};
}

}  // namespace detail

/// I3D train: SampleFrames(32, 2, 1) → decode → Resize((-1, 256)) → MultiScaleCrop(224, scales=(1, 0.8),
/// random_crop=False, max_wh_scale_gap=0) → Resize((224, 224), keep_ratio=False) → Flip(0.5) → Normalize →
/// FormatShape('NCTHW'): 1 × 3 × 32 × 224 × 224.
template <class Source>
[[nodiscard]] auto i3d_train(Source source, std::int64_t start_index = 0) {
    return pipeline(detail::clips_32x2(1, false, start_index), std::move(source), transforms::resize{{-1, 256}},
                    transforms::multi_scale_crop{{224, 224}, {1.0, 0.8}, 0, false, 5}, transforms::resize{{224, 224}, false},
                    transforms::flip{.flip_ratio = 0.5}, kinetics_normalize(),
                    transforms::format_shape<layouts::ncthw>{.clip_len = 32, .num_clips = 1});
}

/// I3D and SlowFast val: SampleFrames(32, 2, 1, test_mode=True) → decode → Resize((-1, 256)) → CenterCrop(224)
/// → Flip(0) → Normalize → FormatShape('NCTHW'): 1 × 3 × 32 × 224 × 224.
template <class Source>
[[nodiscard]] auto i3d_val(Source source, std::int64_t start_index = 0) {
    return pipeline(detail::clips_32x2(1, true, start_index), std::move(source), transforms::resize{{-1, 256}},
                    transforms::center_crop{224}, transforms::flip{.flip_ratio = 0.0}, kinetics_normalize(),
                    transforms::format_shape<layouts::ncthw>{.clip_len = 32, .num_clips = 1});
}

/// I3D and SlowFast test: SampleFrames(32, 2, 10, test_mode=True) → decode → Resize((-1, 256)) →
/// ThreeCrop(256) → Flip(0) → Normalize → FormatShape('NCTHW'): 30 × 3 × 32 × 256 × 256 (three crops of ten
/// clips, crop-major).
template <class Source>
[[nodiscard]] auto i3d_test(Source source, std::int64_t start_index = 0) {
    return pipeline(detail::clips_32x2(10, true, start_index), std::move(source), transforms::resize{{-1, 256}},
                    transforms::three_crop{256}, transforms::flip{.flip_ratio = 0.0}, frames_only{}, kinetics_normalize(),
                    transforms::format_shape<layouts::ncthw>{.clip_len = 32, .num_clips = 10});
}

/// SlowFast train: SampleFrames(32, 2, 1) → decode → Resize((-1, 256)) → RandomResizedCrop() →
/// Resize((224, 224), keep_ratio=False) → Flip(0.5) → Normalize → FormatShape('NCTHW'): 1 × 3 × 32 × 224 × 224.
template <class Source>
[[nodiscard]] auto slowfast_train(Source source, std::int64_t start_index = 0) {
    return pipeline(detail::clips_32x2(1, false, start_index), std::move(source), transforms::resize{{-1, 256}},
                    transforms::random_resized_crop{}, transforms::resize{{224, 224}, false}, transforms::flip{.flip_ratio = 0.5},
                    kinetics_normalize(), transforms::format_shape<layouts::ncthw>{.clip_len = 32, .num_clips = 1});
}

/// SlowFast val and test are I3D's.
template <class Source>
[[nodiscard]] auto slowfast_val(Source source, std::int64_t start_index = 0) {
    return i3d_val(std::move(source), start_index);
}
template <class Source>
[[nodiscard]] auto slowfast_test(Source source, std::int64_t start_index = 0) {
    return i3d_test(std::move(source), start_index);
}

}  // namespace vidata::mmaction
