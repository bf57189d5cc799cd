// SPDX-License-Identifier: Apache-2.0
// vidata::image_decoder: one JPEG or PNG file's bytes into RGB or gray pixels, through libjpeg-turbo or stb_image.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/clip.hpp>
#include <vidata/core/error.hpp>
#include <vidata/io/image/detail/stb_image.hpp>
#include <vidata/io/image/detail/turbojpeg.hpp>
#include <vidata/io/image/image_backend.hpp>

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace vidata {

/// The pixels a decoder writes: `rgb` (3 bytes a pixel, R G B: MMAction2 decodes frames with
/// `channel_order='rgb'`) or `gray` (1 byte a pixel: optical-flow components, which MMAction2 reads with
/// `flag='grayscale'`). A gray file decoded as rgb repeats its value three times; a colour file decoded as gray
/// keeps the luma: for a JPEG its own Y plane (both backends, as OpenCV's IMREAD_GRAYSCALE), for a PNG stb_image's
/// (77 R + 150 G + 29 B) >> 8 (OpenCV's cvtColor: within 1 of it for every colour). The channel count is the enumerator's value.
enum class image_channels : unsigned char { gray = 1, rgb = 3 };

/// What a file's first bytes say it is.
enum class image_file_format : unsigned char { jpeg, png, other };

/// The file format from its signature (JPEG: FF D8 FF; PNG: the 8-byte PNG signature); `other` for the rest,
/// which stb_image may still read (BMP, GIF, TGA, PNM...).
[[nodiscard]] constexpr image_file_format detect_image_format(std::span<const std::uint8_t> bytes) noexcept {
    if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return image_file_format::jpeg;
    constexpr std::uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (bytes.size() >= 8) {
        bool png = true;
        for (std::size_t i = 0; i < 8; ++i) png = png && bytes[i] == png_signature[i];
        if (png) return image_file_format::png;
    }
    return image_file_format::other;
}

/// An image file's size and format, read from its header without decoding the pixels.
struct image_header {
    std::size_t width = 0;
    std::size_t height = 0;
    image_file_format format = image_file_format::other;

    /// Bytes of the decoded image with `c` channels.
    [[nodiscard]] constexpr std::size_t size(image_channels c) const noexcept {
        return width * height * static_cast<std::size_t>(c);
    }
};

namespace detail {

// Whether a JPEG's data ends with its end-of-image marker (FF D9) rather than inside a scan. stb_image pads a
// truncated scan with zeros and reports success, which would hand back a frame whose lower part is invented;
// libjpeg-turbo reports the same file as "Premature end of JPEG file". Scanning backwards, the first marker met
// is EOI in a complete file; in a truncated one it is the last scan's SOS (FF DA): entropy-coded data cannot
// hold FF D9 or FF DA (an FF there is always followed by 00 or a restart marker), and an EXIF thumbnail's EOI
// lies before the main image's SOS.
[[nodiscard]] constexpr bool jpeg_is_complete(std::span<const std::uint8_t> bytes) noexcept {
    for (std::size_t i = bytes.size(); i >= 2; --i) {
        if (bytes[i - 2] != 0xFF) continue;
        if (bytes[i - 1] == 0xD9) return true;
        if (bytes[i - 1] == 0xDA) return false;
    }
    return false;
}

static_assert(jpeg_is_complete(std::array<std::uint8_t, 6>{0xFF, 0xDA, 1, 2, 0xFF, 0xD9}));
static_assert(!jpeg_is_complete(std::array<std::uint8_t, 6>{0xFF, 0xD9, 0xFF, 0xDA, 1, 2}));

struct stbi_deleter {
    void operator()(unsigned char* p) const noexcept { stbi_image_free(p); }
};

}  // namespace detail

/// Decodes image files (JPEG, PNG, and whatever else stb_image reads) from bytes in memory into RGB or gray
/// pixels, row-major, channels interleaved. JPEG goes through the chosen image_backend; everything else
/// through stb_image.
///
///   vidata::image_decoder dec;                                    // libjpeg-turbo where available
///   const vidata::image_header h = dec.header(bytes, "img_00001.jpg");
///   dec.decode_into(bytes, h, vidata::image_channels::rgb, out, "img_00001.jpg");  // out: h.size(rgb) bytes
///   vidata::clip one = dec.decode(bytes, vidata::image_channels::rgb, "img_00001.jpg");  // a 1-frame clip
///
/// Errors: a file that is empty, not an image, corrupt or truncated throws vidata::decode_error naming
/// `source` and the library's reason. libjpeg-turbo's warnings ("Premature end of JPEG file", "Corrupt JPEG
/// data") count as errors: the frame they come with may be partly invented, and vidata never returns a wrong
/// frame silently (OpenCV prints the warning and returns the frame). A truncated JPEG is refused under stb_image too.
///
/// A decoder holds libjpeg-turbo's state (created once, reused for every file): use one per thread. It is cheap
/// to move. Decoding into `decode_into`'s buffer allocates nothing under libjpeg-turbo; stb_image allocates its
/// own output, which is copied.
class image_decoder {
public:
    /// A decoder whose JPEG files go through `jpeg_backend`. Throws invalid_argument for `turbojpeg` in a build
    /// without libjpeg-turbo (turbojpeg_available), and io_error if libjpeg-turbo cannot create its state.
    explicit image_decoder(image_backend jpeg_backend = image_backend::automatic)
        : backend_(jpeg_backend == image_backend::automatic ? default_jpeg_backend : jpeg_backend) {
        if (backend_ == image_backend::turbojpeg) {
#if VIDATA_HAS_TURBOJPEG
            tj_.reset(tjInitDecompress());
            if (!tj_) throw io_error("", std::string("libjpeg-turbo could not create a decompressor: ") + tjGetErrorStr2(nullptr));
#else
            throw invalid_argument(
                "vidata::image_decoder: image_backend::turbojpeg was asked for, but this build has no libjpeg-turbo "
                "(install libturbojpeg0-dev and configure with VIDATA_WITH_TURBOJPEG=AUTO or ON), so use image_backend::stb "
                "or automatic");
#endif
        }
    }

    /// The library JPEG files go through: `stb` or `turbojpeg` (never `automatic`).
    [[nodiscard]] image_backend jpeg_backend() const noexcept { return backend_; }

    /// The size and format of the image in `bytes`, from its header. Throws decode_error naming `source` when
    /// the bytes are not an image stb_image or libjpeg-turbo recognises.
    [[nodiscard]] image_header header(std::span<const std::uint8_t> bytes, const std::string& source) {
        const image_file_format format = detect_image_format(bytes);
        check_size(bytes, source);
#if VIDATA_HAS_TURBOJPEG
        if (format == image_file_format::jpeg && backend_ == image_backend::turbojpeg) {
            int width = 0, height = 0, subsampling = 0, colorspace = 0;
            if (tjDecompressHeader3(tj_.get(), bytes.data(), static_cast<unsigned long>(bytes.size()), &width, &height,
                                    &subsampling, &colorspace) != 0)
                throw decode_error(source, -1, std::string("not a readable JPEG: libjpeg-turbo: ") + tjGetErrorStr2(tj_.get()));
            return {static_cast<std::size_t>(width), static_cast<std::size_t>(height), format};
        }
#endif
        int width = 0, height = 0, components = 0;
        if (stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &width, &height, &components) == 0)
            throw decode_error(source, -1, std::string("not a readable image: stb_image: ") + stb_reason());
        return {static_cast<std::size_t>(width), static_cast<std::size_t>(height), format};
    }

    /// Decodes `bytes`, whose header() is `h`, into `out` as `channels`. Precondition: `out.size() == h.size(channels)`.
    /// Throws decode_error naming `source` when the data is corrupt or truncated, or decodes to another size than `h`.
    void decode_into(std::span<const std::uint8_t> bytes, const image_header& h, image_channels channels,
                     std::span<std::uint8_t> out, const std::string& source) {
        VIDATA_ASSERT(out.size() == h.size(channels), "vidata::image_decoder::decode_into: out does not hold width * height * channels bytes");
        check_size(bytes, source);
#if VIDATA_HAS_TURBOJPEG
        if (h.format == image_file_format::jpeg && backend_ == image_backend::turbojpeg) {
            // Flags 0 beyond STOPONWARNING: the accurate integer IDCT and smooth upsampling, libjpeg's defaults and
            // OpenCV's, so the pixels are the ones MMAction2's cv2 backend sees. TJFLAG_FASTDCT and
            // TJFLAG_FASTUPSAMPLE would be faster and differ from them by a few levels.
            const int pixel_format = channels == image_channels::rgb ? TJPF_RGB : TJPF_GRAY;
            if (tjDecompress2(tj_.get(), bytes.data(), static_cast<unsigned long>(bytes.size()), out.data(),
                              static_cast<int>(h.width), 0, static_cast<int>(h.height), pixel_format, TJFLAG_STOPONWARNING) != 0)
                throw decode_error(source, -1, std::string("corrupt JPEG data: libjpeg-turbo: ") + tjGetErrorStr2(tj_.get()));
            return;
        }
#endif
        if (h.format == image_file_format::jpeg && !detail::jpeg_is_complete(bytes))
            throw decode_error(source, -1, "truncated JPEG: the data ends inside the image, before its end-of-image marker");
        int width = 0, height = 0, components = 0;
        const std::unique_ptr<unsigned char, detail::stbi_deleter> pixels(stbi_load_from_memory(
            bytes.data(), static_cast<int>(bytes.size()), &width, &height, &components, static_cast<int>(channels)));
        if (!pixels) throw decode_error(source, -1, std::string("corrupt image data: stb_image: ") + stb_reason());
        if (static_cast<std::size_t>(width) != h.width || static_cast<std::size_t>(height) != h.height)
            throw decode_error(source, -1, "the image decodes to " + std::to_string(width) + "x" + std::to_string(height) +
                                               " pixels, not the " + std::to_string(h.width) + "x" +
                                               std::to_string(h.height) + " its header announces");
        std::memcpy(out.data(), pixels.get(), out.size());
    }

    /// Decodes `bytes` into a new one-frame clip of `channels` channels. Throws decode_error as header() and decode_into().
    [[nodiscard]] clip decode(std::span<const std::uint8_t> bytes, image_channels channels, const std::string& source) {
        const image_header h = header(bytes, source);
        clip out(1, h.height, h.width, static_cast<std::size_t>(channels));
        decode_into(bytes, h, channels, out.pixels(), source);
        return out;
    }

private:
    // stb_image and TurboJPEG take the size as an int / unsigned long; frames are kilobytes, but a 2 GiB file
    // must be an error, not a truncated length.
    static void check_size(std::span<const std::uint8_t> bytes, const std::string& source) {
        if (bytes.empty()) throw decode_error(source, -1, "the file is empty, not an image");
        if (bytes.size() > static_cast<std::size_t>(INT_MAX))
            throw decode_error(source, -1, "the file is larger than 2 GiB, more than an image decoder reads");
    }

    static std::string stb_reason() {
        const char* reason = stbi_failure_reason();
        return reason != nullptr ? reason : "unknown reason";
    }

    image_backend backend_;
#if VIDATA_HAS_TURBOJPEG
    detail::tj_decompressor tj_;
#endif
};

}  // namespace vidata
