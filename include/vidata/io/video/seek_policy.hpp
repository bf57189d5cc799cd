// SPDX-License-Identifier: Apache-2.0
// vidata::exact_seek and vidata::keyframe_seek: whether a video reader returns the frames asked for or the keyframes before them.
#pragma once

#include <concepts>
#include <string_view>

namespace vidata {

/// Frame-accurate random access (the default): `read({i})` returns frame i, the i-th frame in presentation
/// order, bit-exact with a sequential decode. Costs, per pass, a seek to the keyframe before the first frame
/// wanted and the decode of every packet from there up to the last frame wanted in that GOP.
struct exact_seek {
    static constexpr std::string_view name = "exact";
};

/// Approximate random access, as decord's and PyAV's "efficient" modes (MMAction2's `mode='efficient'`):
/// `read({i})` returns the keyframe decoding would start from for frame i, which may be hundreds of frames
/// earlier on a GOP-250 file, so several indices can return the same picture. Costs one intra picture per
/// distinct keyframe. MMAction2 measured it costing up to 59 top-1 points (TSM on Diving48: 77.41 → 17.97):
/// use it only where the frames' exact timing does not matter, and prefer re-encoding with short GOPs.
struct keyframe_seek {
    static constexpr std::string_view name = "keyframe";
};

/// One of vidata's seek policies.
template <class P>
concept seek_policy = std::same_as<P, exact_seek> || std::same_as<P, keyframe_seek>;

}  // namespace vidata
