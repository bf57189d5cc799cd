// SPDX-License-Identifier: Apache-2.0
// vidata::pose_decode and vidata::pose_source: MMAction2's PoseDecode, a skeleton record's keypoints at the sampled frames.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/tensor.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vidata {

/// MMAction2 0.x `PoseDecode` (pose_loading.py): the record with `keypoint[:, inds + offset]` and
/// `keypoint_score[:, inds + offset]`, `inds` being `frame_inds` flattened (every clip, one after the other).
/// Keypoints come out M × N × V × C and scores M × N × V for N indices, in the order of `frame_inds`, repeats
/// included; a record without scores (3D skeletons) keeps none. Every other field is copied unchanged, as
/// MMAction2 leaves the other keys (`total_frames` too). The values are float32 already (MMAction2's astype).
///
///   skeleton_record clip = vidata::pose_decode(record, sampler(record, g));   // then PoseCompact, GeneratePoseTarget
///
/// Throws invalid_argument, naming the record's frame_dir, when the record is not consistent() or an index plus
/// `offset` falls outside [0, T). numpy would wrap a negative index around to the end; no sampler makes one, so
/// vidata refuses it rather than return a frame from the wrong end of the clip.
[[nodiscard]] inline skeleton_record pose_decode(const skeleton_record& record, std::span<const std::int64_t> frame_inds,
                                                 std::int64_t offset = 0) {
    if (!record.consistent())
        throw invalid_argument("vidata::pose_decode: " + record.frame_dir +
                               ": keypoint is not M x T x V x C with keypoint_score empty or M x T x V");
    const std::size_t persons = record.num_persons(), frames = record.num_frames(), joints = record.num_keypoints(),
                      coords = record.num_coordinates();
    for (const std::int64_t i : frame_inds) {
        const std::int64_t t = i + offset;
        if (t < 0 || static_cast<std::uint64_t>(t) >= frames)
            throw invalid_argument("vidata::pose_decode: " + record.frame_dir + ": frame " + std::to_string(t) +
                                   (offset != 0 ? " (index " + std::to_string(i) + " + offset " + std::to_string(offset) + ")" : std::string()) +
                                   " is outside the record's " + std::to_string(frames) + " frames");
    }
    const std::size_t n = frame_inds.size();
    const bool scored = !record.keypoint_score.empty();

    skeleton_record out;
    out.frame_dir = record.frame_dir;
    out.total_frames = record.total_frames;
    out.img_shape = record.img_shape;
    out.original_shape = record.original_shape;
    out.label = record.label;
    out.keypoint = float_tensor({persons, n, joints, coords});
    out.keypoint_score = scored ? float_tensor({persons, n, joints}) : record.keypoint_score;  // empty stays empty

    // One frame of one person is V x C contiguous floats (V for the scores): copy them whole.
    const std::size_t kp_frame = joints * coords;
    const float* kp_in = record.keypoint.data();
    float* kp_out = out.keypoint.data();
    for (std::size_t m = 0; m < persons; ++m)
        for (std::size_t k = 0; k < n; ++k) {
            const auto t = static_cast<std::size_t>(frame_inds[k] + offset);
            std::copy_n(kp_in + (m * frames + t) * kp_frame, kp_frame, kp_out + (m * n + k) * kp_frame);
            if (scored)
                std::copy_n(record.keypoint_score.data() + (m * frames + t) * joints, joints,
                            out.keypoint_score.data() + (m * n + k) * joints);
        }
    return out;
}

/// PoseDecode with the indices a frame sampler chose (flattened, as MMAction2 squeezes `frame_inds`).
[[nodiscard]] inline skeleton_record pose_decode(const skeleton_record& record, const frame_indices& frame_inds, std::int64_t offset = 0) {
    return pose_decode(record, frame_inds.flat(), offset);
}

/// PoseDecode without `frame_inds`: every frame, `arange(total_frames)` as MMAction2 takes it.
[[nodiscard]] inline skeleton_record pose_decode(const skeleton_record& record) {
    std::vector<std::int64_t> all(static_cast<std::size_t>(std::max<std::int64_t>(record.total_frames, 0)));
    for (std::size_t t = 0; t < all.size(); ++t) all[t] = static_cast<std::int64_t>(t);
    return pose_decode(record, all);
}

/// PoseDecode as a pipeline's source stage for skeleton records (PoseC3D: UniformSampleFrames, then PoseDecode,
/// then the pose transforms):
///
///   auto posec3d = vidata::pipeline(uniform_sampler{...}, vidata::pose_source{}, pose_compact{...}, ...);
///
/// `open(record)` keeps a pointer to the record, which the pipeline holds for the run; `read(indices)` is pose_decode.
struct pose_source {
    using record_type = skeleton_record;

    struct reader {
        const skeleton_record* record;

        [[nodiscard]] skeleton_record read(const frame_indices& indices) const { return pose_decode(*record, indices); }
        /// The frames the record holds (T of its keypoint array).
        [[nodiscard]] std::int64_t frame_count() const noexcept { return static_cast<std::int64_t>(record->num_frames()); }
    };

    [[nodiscard]] reader open(const skeleton_record& record) const { return reader{&record}; }
};

}  // namespace vidata
