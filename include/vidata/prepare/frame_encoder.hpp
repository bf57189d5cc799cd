// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::frame_encoder: one RGB24 frame to JPEG (libjpeg-turbo, else stb_image_write) or PNG (stb_image_write).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/image/image_backend.hpp>

#if __has_include(<stb_image_write.h>)
#include <stb_image_write.h>
#elif __has_include(<stb/stb_image_write.h>)
#include <stb/stb_image_write.h>
#else
#error "vidata/prepare/frame_encoder.hpp needs stb (stb_image_write.h): link vidata::image, or install stb (Debian: libstb-dev)"
#endif

#if VIDATA_HAS_TURBOJPEG
#include <turbojpeg.h>
#endif

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::prepare {

/// The image format frames are written in.
enum class frame_format : unsigned char {
    jpg,  ///< JPEG, quality 95 and 4:2:0 chroma: what cv2.imwrite (MMAction2's OpenCV path) writes by default
    png,  ///< lossless
};

[[nodiscard]] constexpr std::string_view extension_of(frame_format f) noexcept { return f == frame_format::png ? "png" : "jpg"; }

/// True when JPEG goes through libjpeg-turbo's tjCompress2 (about twice stb_image_write's speed); false when
/// through stb_image_write.
[[nodiscard]] constexpr bool jpeg_encoder_is_turbojpeg() noexcept {
#if VIDATA_HAS_TURBOJPEG
    return true;
#else
    return false;
#endif
}

/// Encodes RGB24 frames one at a time into a buffer it reuses: no allocation per frame once the first frame of
/// a size has been encoded. One per thread (a TurboJPEG handle keeps its error state).
///
/// Linking: stb_image_write's functions must be compiled once in the program (Debian's libstb, linked by
/// vidata::image, provides them; with a header-only stb, one translation unit defines
/// STB_IMAGE_WRITE_IMPLEMENTATION, as tools/vidata/stb_image_write.cpp does).
class frame_encoder {
public:
    static constexpr int jpeg_quality = 95;

    explicit frame_encoder(frame_format format) : format_(format) {}

    [[nodiscard]] frame_format format() const noexcept { return format_; }

    /// The encoded bytes of a height × width RGB24 frame (rows packed), valid until the next call. Throws
    /// invalid_argument when the encoder fails (stb reports no reason beyond an allocation failure).
    [[nodiscard]] std::span<const unsigned char> encode(const std::uint8_t* rgb, int width, int height) {
        if (format_ == frame_format::jpg) {
#if VIDATA_HAS_TURBOJPEG
            return encode_turbojpeg(rgb, width, height);
#else
            return encode_stb(rgb, width, height, false);
#endif
        }
        return encode_stb(rgb, width, height, true);
    }

private:
    static void append(void* context, void* data, int size) {
        auto* bytes = static_cast<std::vector<unsigned char>*>(context);
        const auto* p = static_cast<const unsigned char*>(data);
        bytes->insert(bytes->end(), p, p + size);
    }

    std::span<const unsigned char> encode_stb(const std::uint8_t* rgb, int width, int height, bool png) {
        buffer_.clear();
        const int ok = png ? stbi_write_png_to_func(append, &buffer_, width, height, 3, rgb, width * 3)
                           : stbi_write_jpg_to_func(append, &buffer_, width, height, 3, rgb, jpeg_quality);
        if (ok == 0)
            throw invalid_argument("vidata::prepare::frame_encoder: stb_image_write could not encode a " + std::to_string(width) + " x " +
                                   std::to_string(height) + " frame");
        return buffer_;
    }

#if VIDATA_HAS_TURBOJPEG
    struct tj_deleter {
        void operator()(void* h) const noexcept { tjDestroy(static_cast<tjhandle>(h)); }
    };

    std::span<const unsigned char> encode_turbojpeg(const std::uint8_t* rgb, int width, int height) {
        if (!handle_) {
            handle_.reset(tjInitCompress());
            if (!handle_) throw invalid_argument("vidata::prepare::frame_encoder: libjpeg-turbo could not create a compressor");
        }
        // The worst case for this size, so that TurboJPEG never reallocates (TJFLAG_NOREALLOC) and the buffer is
        // reused for every frame.
        const unsigned long bound = tjBufSize(width, height, TJSAMP_420);
        if (buffer_.size() < bound) buffer_.resize(bound);
        unsigned char* out = buffer_.data();
        unsigned long size = bound;
        if (tjCompress2(static_cast<tjhandle>(handle_.get()), rgb, width, 0, height, TJPF_RGB, &out, &size, TJSAMP_420, jpeg_quality,
                        TJFLAG_NOREALLOC) != 0)
            throw invalid_argument(std::string("vidata::prepare::frame_encoder: libjpeg-turbo: ") +
                                   tjGetErrorStr2(static_cast<tjhandle>(handle_.get())));
        return {buffer_.data(), static_cast<std::size_t>(size)};
    }

    std::unique_ptr<void, tj_deleter> handle_;
#endif

    frame_format format_;
    std::vector<unsigned char> buffer_;
};

}  // namespace vidata::prepare
