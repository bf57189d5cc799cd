// SPDX-License-Identifier: Apache-2.0
// The TSN pipelines of MMAction2 0.x's tsn_r50_1x1x3_100e_kinetics400_rgb.py (train, val, test).
#pragma once

#include <vidata/pipeline/mmaction/common.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/sampling/segment_sampler.hpp>
#include <vidata/transforms/center_crop.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/format_shape.hpp>
#include <vidata/transforms/layout_tensor.hpp>
#include <vidata/transforms/multi_scale_crop.hpp>
#include <vidata/transforms/resize.hpp>
#include <vidata/transforms/ten_crop.hpp>

#include <cstdint>
#include <utility>

// Each function takes the source stage (open_at<video_reader>(prefix), open_at<rawframe_source>(prefix, ...)) and
// the dataset's start_index (MMAction2 sets it per dataset: 0 for videos, 1 for RawframeDataset), and returns the
// config's pipeline with its parameters; `.lazy(transforms::fuse{})` plans the geometric run and resamples once.
namespace vidata::mmaction {

/// TSN train: SampleFrames(clip_len=1, frame_interval=1, num_clips=3) → decode → Resize((-1, 256)) →
/// MultiScaleCrop(224, scales=(1, 0.875, 0.75, 0.66), random_crop=False, max_wh_scale_gap=1) →
/// Resize((224, 224), keep_ratio=False) → Flip(0.5) → Normalize → FormatShape('NCHW'): 3 × 3 × 224 × 224.
template <class Source>
[[nodiscard]] auto tsn_train(Source source, std::int64_t start_index = 0) {
    return pipeline(segment_sampler{.clip_len = 1, .frame_interval = 1, .num_clips = 3, .start_index = start_index},
                    std::move(source), transforms::resize{{-1, 256}},
                    transforms::multi_scale_crop{{224, 224}, {1.0, 0.875, 0.75, 0.66}, 1, false, 5},
                    transforms::resize{{224, 224}, false}, transforms::flip{.flip_ratio = 0.5}, kinetics_normalize(),
                    transforms::format_shape<layouts::nchw>{});
}

/// TSN val: SampleFrames(1, 1, 3, test_mode=True) → decode → Resize((-1, 256)) → CenterCrop(224) → Flip(0) →
/// Normalize → FormatShape('NCHW'): 3 × 3 × 224 × 224.
template <class Source>
[[nodiscard]] auto tsn_val(Source source, std::int64_t start_index = 0) {
    return pipeline(segment_sampler{.clip_len = 1, .frame_interval = 1, .num_clips = 3, .test_mode = true, .start_index = start_index},
                    std::move(source), transforms::resize{{-1, 256}}, transforms::center_crop{224},
                    transforms::flip{.flip_ratio = 0.0}, kinetics_normalize(), transforms::format_shape<layouts::nchw>{});
}

/// TSN test: SampleFrames(1, 1, 25, test_mode=True) → decode → Resize((-1, 256)) → TenCrop(224) → Flip(0) →
/// Normalize → FormatShape('NCHW'): 250 × 3 × 224 × 224 (ten crops of 25 frames, crop-major).
template <class Source>
[[nodiscard]] auto tsn_test(Source source, std::int64_t start_index = 0) {
    return pipeline(segment_sampler{.clip_len = 1, .frame_interval = 1, .num_clips = 25, .test_mode = true, .start_index = start_index},
                    std::move(source), transforms::resize{{-1, 256}}, transforms::ten_crop{224},
                    transforms::flip{.flip_ratio = 0.0}, frames_only{}, kinetics_normalize(),
                    transforms::format_shape<layouts::nchw>{});
}

}  // namespace vidata::mmaction
