// SPDX-License-Identifier: Apache-2.0
// detail::picture_parser: what a video packet's own headers say (picture size, picture order count), without decoding it.
#pragma once

#include <vidata/io/ffmpeg/detail/libav.hpp>

#include <cstdint>
#include <memory>

namespace vidata::detail {

/// FFmpeg's parser for the stream's codec, fed one whole packet at a time (the demuxer's packets are whole pictures):
/// after parse(p), the size of the pictures the decoder will output (cropped, as it outputs them) and the picture's
/// order count, which orders pictures for presentation within a coded video sequence (H.264's PicOrderCnt, HEVC's
/// PicOrderCntVal). It reads slice headers and parameter sets only: about a microsecond a 256p packet.
class picture_parser {
public:
    /// An idle parser (parse returns false) when FFmpeg has none for the codec.
    explicit picture_parser(const AVCodecParameters& stream) {
        parser_.reset(av_parser_init(stream.codec_id));
        context_.reset(avcodec_alloc_context3(nullptr));
        if (!parser_ || !context_ || avcodec_parameters_to_context(context_.get(), &stream) < 0) {
            parser_.reset();
            return;
        }
        parser_->flags |= PARSER_FLAG_COMPLETE_FRAMES;
    }

    /// Parses `packet`; false when there is no parser.
    bool parse(const AVPacket& packet) {
        if (!parser_) return false;
        std::uint8_t* out = nullptr;
        int out_size = 0;
        av_parser_parse2(parser_.get(), context_.get(), &out, &out_size, packet.data, packet.size, packet.pts, packet.dts, packet.pos);
        return true;
    }

    /// The picture size the parameter sets give, 0 when none was parsed yet.
    [[nodiscard]] int width() const noexcept { return parser_ ? parser_->width : 0; }
    [[nodiscard]] int height() const noexcept { return parser_ ? parser_->height : 0; }
    /// The last parsed picture's order count.
    [[nodiscard]] int order() const noexcept { return parser_ ? parser_->output_picture_number : 0; }

private:
    struct parser_deleter {
        void operator()(AVCodecParserContext* p) const noexcept { av_parser_close(p); }
    };
    std::unique_ptr<AVCodecParserContext, parser_deleter> parser_;
    ffmpeg::detail::codec_context_ptr context_;
};

}  // namespace vidata::detail
