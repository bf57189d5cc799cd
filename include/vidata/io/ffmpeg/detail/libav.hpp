// SPDX-License-Identifier: Apache-2.0
// The libav* C headers, owned: unique_ptr aliases for the FFmpeg objects vidata holds, and AVERROR as text.
#pragma once

#if !__has_include(<libavformat/avformat.h>) || !__has_include(<libswscale/swscale.h>)
#error "vidata/io/ffmpeg and vidata/io/video need FFmpeg's headers: link the CMake target vidata::ffmpeg (Debian: libavformat-dev libavcodec-dev libswscale-dev libavutil-dev)"
#endif

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/md5.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace vidata::ffmpeg::detail {

// The deleters take the object as FFmpeg's free functions want it (most null the caller's pointer).
struct format_context_deleter {
    void operator()(AVFormatContext* p) const noexcept { avformat_close_input(&p); }
};
struct codec_context_deleter {
    void operator()(AVCodecContext* p) const noexcept { avcodec_free_context(&p); }
};
struct frame_deleter {
    void operator()(AVFrame* p) const noexcept { av_frame_free(&p); }
};
struct packet_deleter {
    void operator()(AVPacket* p) const noexcept { av_packet_free(&p); }
};
struct sws_context_deleter {
    void operator()(SwsContext* p) const noexcept { sws_freeContext(p); }
};
struct av_memory_deleter {
    void operator()(void* p) const noexcept { av_free(p); }
};
struct md5_deleter {
    void operator()(AVMD5* p) const noexcept { av_free(p); }
};

using format_context_ptr = std::unique_ptr<AVFormatContext, format_context_deleter>;
using codec_context_ptr = std::unique_ptr<AVCodecContext, codec_context_deleter>;
using frame_ptr = std::unique_ptr<AVFrame, frame_deleter>;
using packet_ptr = std::unique_ptr<AVPacket, packet_deleter>;
using sws_context_ptr = std::unique_ptr<SwsContext, sws_context_deleter>;
using md5_ptr = std::unique_ptr<AVMD5, md5_deleter>;

/// An AVERROR code as the sentence av_strerror gives ("Invalid data found when processing input").
[[nodiscard]] inline std::string error_string(int code) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(code, buffer, sizeof buffer) < 0) return "FFmpeg error " + std::to_string(code);
    return buffer;
}

}  // namespace vidata::ffmpeg::detail
