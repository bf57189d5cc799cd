// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::interpolation: how a resize computes a pixel, named as mmcv.imresize names them.
#pragma once

#include <string_view>

namespace vidata::transforms {

/// The resampling kernels of `resize` and `fuse`, each the cv2.resize flag mmcv.imresize maps its name to:
/// `nearest` = INTER_NEAREST (top-left aligned: source pixel floor(x · scale)), `bilinear` = INTER_LINEAR and
/// `bicubic` = INTER_CUBIC (half-pixel centres, border replicate, a = −0.75). include/vidata/transforms/resample.hpp
/// holds the kernels and what "equal to OpenCV" means for each.
enum class interpolation : unsigned char { nearest, bilinear, bicubic };

/// The name MMAction2 configs use: "nearest", "bilinear", "bicubic".
[[nodiscard]] constexpr std::string_view to_string_view(interpolation i) noexcept {
    switch (i) {
    case interpolation::nearest: return "nearest";
    case interpolation::bilinear: return "bilinear";
    case interpolation::bicubic: return "bicubic";
    }
    return "unknown";
}

static_assert(to_string_view(interpolation::bilinear) == "bilinear");

}  // namespace vidata::transforms
