// SPDX-License-Identifier: Apache-2.0
// detail::rgb_converter: a decoded AVFrame to packed RGB24, the very pixels `ffmpeg -pix_fmt rgb24` produces.
#pragma once

#include <vidata/io/ffmpeg/detail/libav.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace vidata::ffmpeg::detail {

/// Converts decoded frames to RGB24 at their native size, bit-exact with the ffmpeg 5.1 command line.
///
/// What the CLI does for `-pix_fmt rgb24`: it ends the filter graph with `format=rgb24`, and libavfilter
/// auto-inserts a `scale` filter whose options are the graph's `scale_sws_opts`, which fftools fills from
/// its default `-sws_flags`, "bicubic": so the SwsContext has exactly SWS_BICUBIC (no ACCURATE_RND, no
/// FULL_CHR_H_INT; at equal sizes the bicubic kernel is never used, but the flags select the code path, so
/// they must match). For every frame, vf_scale then reads the frame's colour matrix ("auto" =
/// `frame->colorspace`, with unspecified, RGB, YCgCo and unknown values meaning BT.601) and its range
/// (`frame->color_range`, where unspecified keeps what the pixel format implies: full for yuvj*), and
/// passes them to sws_setColorspaceDetails, keeping the output side as swscale set it. We do the same, but
/// call it only when the pair changes (it rebuilds lookup tables; the result is the same).
///
/// For widths that are not a multiple of 16, swscale writes into a padded, 64-byte-aligned row buffer (its SIMD
/// converters work in blocks of 8 or 16 pixels and, with a stride too tight for a last block, leave the row's tail
/// to a narrower path: the CLI's filter frames have padded strides, so we must too), and each row is then copied
/// to the packed destination.
/// Nothing is allocated per frame: the context and the buffer live until the frame size or format changes.
class rgb_converter {
public:
    /// Writes `frame` as `frame.height` rows of `frame.width * 3` bytes at `out`.
    /// Throws std::runtime_error (the caller adds the file and frame) when swscale refuses the format.
    void convert(const AVFrame& frame, std::uint8_t* out) {
        prepare(frame);
        // Where every row is a whole number of 16-pixel blocks, swscale's block-wise converters write exactly the
        // row (its 8- and 16-pixel loops end at the width), so it writes straight into `out` and the copy is saved
        // (4-5 % of a 360p decode). Other widths go through the padded buffer.
        const bool direct = frame.width % 16 == 0;
        const int direct_linesize = frame.width * 3;
        std::uint8_t* dst[4] = {direct ? out : buffer_.get(), nullptr, nullptr, nullptr};
        const int dst_linesize[4] = {direct ? direct_linesize : linesize_, 0, 0, 0};
        const int rows = sws_scale(sws_.get(), frame.data, frame.linesize, 0, frame.height, dst, dst_linesize);
        if (rows != frame.height) throw std::runtime_error("swscale converted " + std::to_string(rows) + " of " +
                                                           std::to_string(frame.height) + " rows to RGB24");
        if (direct) return;
        const auto row_bytes = static_cast<std::size_t>(frame.width) * 3;
        for (int y = 0; y < frame.height; ++y)
            std::memcpy(out + static_cast<std::size_t>(y) * row_bytes, buffer_.get() + static_cast<std::ptrdiff_t>(y) * linesize_,
                        row_bytes);
    }

private:
    // vf_scale's parse_yuv_type("auto", colorspace): values swscale has no table for fall back to BT.601 (BT470BG).
    static const int* coefficients_for(AVColorSpace colorspace) {
        int cs = static_cast<int>(colorspace);
        if (cs < 1 || cs > 10 || cs == static_cast<int>(AVCOL_SPC_YCGCO)) cs = SWS_CS_ITU601;
        return sws_getCoefficients(cs);
    }

    void prepare(const AVFrame& frame) {
        if (!sws_ || frame.width != width_ || frame.height != height_ || frame.format != format_) {
            sws_.reset(sws_getContext(frame.width, frame.height, static_cast<AVPixelFormat>(frame.format), frame.width,
                                      frame.height, AV_PIX_FMT_RGB24, SWS_BICUBIC, nullptr, nullptr, nullptr));
            if (!sws_) {
                const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(frame.format));
                throw std::runtime_error(std::string("swscale cannot convert ") + (name ? name : "this pixel format") +
                                         " frames of " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                                         " to RGB24");
            }
            width_ = frame.width;
            height_ = frame.height;
            format_ = frame.format;
            // One spare row and 64 bytes beyond it: room for converters that write whole SIMD blocks.
            linesize_ = (width_ * 3 + 63) / 64 * 64 + 64;
            buffer_.reset(static_cast<std::uint8_t*>(av_malloc(static_cast<std::size_t>(linesize_) * static_cast<std::size_t>(height_ + 1) + 64)));
            if (!buffer_) throw std::bad_alloc();
            colorspace_ = -1;
            range_ = -1;
        }
        if (frame.colorspace != colorspace_ || frame.color_range != range_) {
            int* inv_table = nullptr;
            int* table = nullptr;
            int src_full = 0, dst_full = 0, brightness = 0, contrast = 0, saturation = 0;
            sws_getColorspaceDetails(sws_.get(), &inv_table, &src_full, &table, &dst_full, &brightness, &contrast, &saturation);
            const int* matrix = coefficients_for(frame.colorspace);
            if (frame.color_range != AVCOL_RANGE_UNSPECIFIED) src_full = frame.color_range == AVCOL_RANGE_JPEG ? 1 : 0;
            // vf_scale passes the input matrix as the output one too when only the input is set; for RGB output
            // swscale ignores it.
            sws_setColorspaceDetails(sws_.get(), matrix, src_full, matrix, dst_full, brightness, contrast, saturation);
            colorspace_ = frame.colorspace;
            range_ = frame.color_range;
        }
    }

    sws_context_ptr sws_;
    std::unique_ptr<std::uint8_t, av_memory_deleter> buffer_;
    int linesize_ = 0;
    int width_ = 0;
    int height_ = 0;
    int format_ = -1;
    int colorspace_ = -1;
    int range_ = -1;
};

}  // namespace vidata::ffmpeg::detail
