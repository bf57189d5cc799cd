// SPDX-License-Identifier: Apache-2.0
// vidata::image_backend: which library decodes JPEG files (stb_image everywhere, libjpeg-turbo where vidata::image found it).
#pragma once

#include <string_view>

namespace vidata {

/// Whether this build can decode JPEG through libjpeg-turbo's TurboJPEG API: true where CMake found
/// libturbojpeg (option VIDATA_WITH_TURBOJPEG, AUTO by default) and vidata::image defines VIDATA_HAS_TURBOJPEG.
#if VIDATA_HAS_TURBOJPEG
inline constexpr bool turbojpeg_available = true;
#else
inline constexpr bool turbojpeg_available = false;
#endif

/// Which library decodes JPEG files. PNG (and the other formats stb_image reads) always go through stb_image.
///
/// - `automatic`: libjpeg-turbo where this build has it, stb_image otherwise.
/// - `stb`: stb_image, available everywhere. Its IDCT, chroma upsampling and colour conversion differ from
///   libjpeg's, so pixels differ from OpenCV's `cv2.imdecode` by up to 3 levels (measured; docs/rawframes.md);
///   it decodes at 0.5-0.6 of libjpeg-turbo's rate here (benchmarks/RESULTS.md), still faster than OpenCV.
/// - `turbojpeg`: libjpeg-turbo with its accurate integer IDCT and smooth ("fancy") upsampling, the settings
///   OpenCV's `imdecode` uses, so the pixels are OpenCV's. Asking for it in a build without it is an
///   invalid_argument at the decoder's construction.
enum class image_backend : unsigned char { automatic, stb, turbojpeg };

/// The backend `automatic` resolves to in this build.
inline constexpr image_backend default_jpeg_backend = turbojpeg_available ? image_backend::turbojpeg : image_backend::stb;

/// "automatic", "stb" or "turbojpeg".
[[nodiscard]] constexpr std::string_view to_string_view(image_backend b) noexcept {
    switch (b) {
    case image_backend::automatic: return "automatic";
    case image_backend::stb: return "stb";
    case image_backend::turbojpeg: return "turbojpeg";
    }
    return "unknown";
}

static_assert(to_string_view(image_backend::turbojpeg) == "turbojpeg");

}  // namespace vidata
