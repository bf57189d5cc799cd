// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::audio_decoder: a file's first audio stream, decoded and converted by libswresample to interleaved
// samples of one format, chunk by chunk: what the ffmpeg CLI does between its demuxer and an audio encoder.
#pragma once

#if !__has_include(<libswresample/swresample.h>)
#error "vidata/prepare/audio_decoder.hpp needs FFmpeg's libswresample: link vidata::prepare (Debian: libswresample-dev)"
#endif

#include <vidata/core/error.hpp>
#include <vidata/io/ffmpeg/detail/libav.hpp>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vidata::prepare {

namespace detail {

struct swr_context_deleter {
    void operator()(SwrContext* p) const noexcept { swr_free(&p); }
};
using swr_context_ptr = std::unique_ptr<SwrContext, swr_context_deleter>;

// AVChannelLayout owns memory for custom orders: it is uninitialised when it goes.
struct owned_channel_layout {
    AVChannelLayout layout{};
    owned_channel_layout() = default;
    owned_channel_layout(const owned_channel_layout&) = delete;
    owned_channel_layout& operator=(const owned_channel_layout&) = delete;
    ~owned_channel_layout() { av_channel_layout_uninit(&layout); }
};

}  // namespace detail

/// The first audio stream of a media file, as interleaved samples of `AV_SAMPLE_FMT_S16` or `AV_SAMPLE_FMT_FLT` at the
/// stream's own rate and channel layout. The conversion is libswresample's with its default options, as the ffmpeg CLI
/// converts for an encoder (pcm_s16le takes s16: the samples equal those of `ffmpeg -i FILE -map 0:a -f s16le -`).
///
///   vidata::prepare::audio_decoder d("clip.mp4", AV_SAMPLE_FMT_S16);
///   d.for_each_chunk([&](const std::uint8_t* samples, int count) { ... count * d.channels() int16 values ... });
///
/// Packets the decoder rejects as invalid data are skipped, as the CLI skips them (it logs and goes on). Throws
/// decode_error when the file cannot be opened, holds no audio stream, or its audio format changes mid-stream.
class audio_decoder {
public:
    audio_decoder(const std::filesystem::path& path, AVSampleFormat out_format) : name_(path.string()), out_format_(out_format) {
        if (out_format != AV_SAMPLE_FMT_S16 && out_format != AV_SAMPLE_FMT_FLT)
            throw invalid_argument("audio_decoder: the output format must be s16 or flt (interleaved)");
        AVFormatContext* raw = nullptr;
        if (const int r = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); r < 0) fail("cannot open: " + ffmpeg::detail::error_string(r));
        format_.reset(raw);
        if (const int r = avformat_find_stream_info(format_.get(), nullptr); r < 0)
            fail("cannot read the stream information: " + ffmpeg::detail::error_string(r));
        // `-map 0:a` asks for every audio stream; a WAV file holds one, so the first is the one that can be written.
        for (unsigned i = 0; i < format_->nb_streams; ++i)
            if (format_->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) {
                stream_ = static_cast<int>(i);
                break;
            }
        if (stream_ < 0) fail("no audio stream");
        const AVCodecParameters* par = format_->streams[stream_]->codecpar;
        const AVCodec* codec = avcodec_find_decoder(par->codec_id);
        if (codec == nullptr) fail(std::string("no decoder for the audio codec ") + avcodec_get_name(par->codec_id));
        decoder_.reset(avcodec_alloc_context3(codec));
        if (!decoder_) fail("cannot allocate the audio decoder");
        if (const int r = avcodec_parameters_to_context(decoder_.get(), par); r < 0)
            fail("cannot configure the audio decoder: " + ffmpeg::detail::error_string(r));
        decoder_->thread_count = 1;  // audio decoding is cheap; the workers already fill the cores
        if (const int r = avcodec_open2(decoder_.get(), codec, nullptr); r < 0)
            fail("cannot open the audio decoder: " + ffmpeg::detail::error_string(r));
        sample_rate_ = decoder_->sample_rate;
        channels_ = decoder_->ch_layout.nb_channels;
        if (sample_rate_ <= 0 || channels_ <= 0) fail("the audio stream has no sample rate or no channels");
    }

    [[nodiscard]] int sample_rate() const noexcept { return sample_rate_; }
    [[nodiscard]] int channels() const noexcept { return channels_; }
    /// The stream's channel layout (as the decoder reports it once opened; the first frame's, after decoding).
    [[nodiscard]] const AVChannelLayout& channel_layout() const noexcept { return decoder_->ch_layout; }
    [[nodiscard]] const std::string& name() const noexcept { return name_; }

    /// Decodes the whole stream, calling fn(const std::uint8_t* interleaved, int samples_per_channel) for each converted
    /// chunk (each holds samples_per_channel * channels() values of the output format), in order.
    template <class Fn>
    void for_each_chunk(Fn&& fn) {
        ffmpeg::detail::packet_ptr packet(av_packet_alloc());
        ffmpeg::detail::frame_ptr frame(av_frame_alloc());
        if (!packet || !frame) fail("out of memory");
        const auto drain = [&] {
            for (;;) {
                const int r = avcodec_receive_frame(decoder_.get(), frame.get());
                if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
                if (r == AVERROR_INVALIDDATA) continue;
                if (r < 0) fail("cannot decode the audio: " + ffmpeg::detail::error_string(r));
                convert(frame.get(), fn);
                av_frame_unref(frame.get());
            }
        };
        for (;;) {
            const int r = av_read_frame(format_.get(), packet.get());
            if (r == AVERROR_EOF) break;
            if (r < 0) fail("cannot read the file: " + ffmpeg::detail::error_string(r));
            if (packet->stream_index == stream_) {
                const int sent = avcodec_send_packet(decoder_.get(), packet.get());
                if (sent < 0 && sent != AVERROR_INVALIDDATA && sent != AVERROR(EAGAIN))
                    fail("cannot decode the audio: " + ffmpeg::detail::error_string(sent));
            }
            av_packet_unref(packet.get());
            drain();
        }
        avcodec_send_packet(decoder_.get(), nullptr);
        drain();
        if (swr_) {  // what the resampler still holds (nothing for a pure format conversion)
            for (;;) {
                const int got = convert_samples(nullptr, 0);
                if (got <= 0) break;
                fn(static_cast<const std::uint8_t*>(out_.data()), got);
            }
        }
    }

private:
    [[noreturn]] void fail(const std::string& reason) const { throw decode_error(name_, -1, reason); }

    int convert_samples(const std::uint8_t** in, int in_samples) {
        const int capacity = swr_get_out_samples(swr_.get(), in_samples);
        if (capacity < 0) fail("libswresample cannot size its output: " + ffmpeg::detail::error_string(capacity));
        const auto bytes = static_cast<std::size_t>(capacity) * static_cast<std::size_t>(channels_) *
                           static_cast<std::size_t>(av_get_bytes_per_sample(out_format_));
        if (out_.size() < bytes) out_.resize(bytes);
        std::uint8_t* out_planes[1] = {out_.data()};
        const int got = swr_convert(swr_.get(), out_planes, capacity, in, in_samples);
        if (got < 0) fail("libswresample cannot convert the samples: " + ffmpeg::detail::error_string(got));
        return got;
    }

    template <class Fn>
    void convert(AVFrame* frame, Fn& fn) {
        if (frame->nb_samples <= 0) return;
        if (!swr_) {
            // Configured from the first frame (what the decoder really outputs), as the CLI's filter graph is: the same
            // rate and layout, only the sample format converted.
            SwrContext* raw = nullptr;
            const int r = swr_alloc_set_opts2(&raw, &frame->ch_layout, out_format_, frame->sample_rate, &frame->ch_layout,
                                              static_cast<AVSampleFormat>(frame->format), frame->sample_rate, 0, nullptr);
            swr_.reset(raw);
            if (r < 0 || !swr_) fail("libswresample cannot be configured: " + ffmpeg::detail::error_string(r));
            if (const int init = swr_init(swr_.get()); init < 0) fail("libswresample cannot be initialised: " + ffmpeg::detail::error_string(init));
            frame_format_ = frame->format;
            sample_rate_ = frame->sample_rate;
            channels_ = frame->ch_layout.nb_channels;
        } else if (frame->format != frame_format_ || frame->sample_rate != sample_rate_ || frame->ch_layout.nb_channels != channels_) {
            fail("the audio format changes mid-stream (sample format, rate or channel count)");
        }
        const int got = convert_samples(const_cast<const std::uint8_t**>(frame->extended_data), frame->nb_samples);
        if (got > 0) fn(static_cast<const std::uint8_t*>(out_.data()), got);
    }

    std::string name_;
    AVSampleFormat out_format_;
    ffmpeg::detail::format_context_ptr format_;
    ffmpeg::detail::codec_context_ptr decoder_;
    detail::swr_context_ptr swr_;
    int stream_ = -1;
    int sample_rate_ = 0;
    int channels_ = 0;
    int frame_format_ = -1;
    std::vector<std::uint8_t> out_;
};

}  // namespace vidata::prepare
