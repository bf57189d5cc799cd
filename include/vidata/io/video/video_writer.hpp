// SPDX-License-Identifier: Apache-2.0
// vidata::video_writer: RGB24 frames encoded to a video file through FFmpeg (H.264 via libx264, else MPEG-4 part 2), atomically.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/io/ffmpeg/detail/libav.hpp>

extern "C" {
#include <libavutil/opt.h>
}

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace vidata {

/// The colour description a stream carries (its VUI in H.264, the container's colr box): how a reader turns its YUV
/// into RGB. The default, BT.601 limited range, is what video_writer::write(rgb) produces.
struct video_colour {
    AVColorSpace space = AVCOL_SPC_SMPTE170M;
    AVColorPrimaries primaries = AVCOL_PRI_SMPTE170M;
    AVColorTransferCharacteristic transfer = AVCOL_TRC_SMPTE170M;
    AVColorRange range = AVCOL_RANGE_MPEG;

    /// What a re-encode of `picture` through video_writer::write(const AVFrame&) should carry: the picture's own
    /// description (unspecified stays unspecified, as the ffmpeg CLI passes it on), with a full-range (yuvj) pixel
    /// format's range limited, as swscale converts it.
    [[nodiscard]] static video_colour of(const AVFrame& picture) noexcept {
        video_colour c{picture.colorspace, picture.color_primaries, picture.color_trc, picture.color_range};
        const auto format = static_cast<AVPixelFormat>(picture.format);
        if (format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P || format == AV_PIX_FMT_YUVJ440P ||
            format == AV_PIX_FMT_YUVJ411P)
            c.range = AVCOL_RANGE_MPEG;
        return c;
    }
};

/// How a video_writer encodes.
struct video_writer_options {
    /// The libavcodec encoder's name. Empty (the default): "libx264" (H.264) where this libavcodec has it,
    /// otherwise "mpeg4" (MPEG-4 part 2, always built in). Any other encoder of yuv420p video may be named.
    std::string codec;
    /// Frames from one keyframe to the next: the random-access granularity a reader pays for a seek. -1: the
    /// encoder's own default, as the ffmpeg CLI without -g (libx264: 250 with scene-cut keyframes; mpeg4: 12).
    int gop_size = 12;
    /// libx264's constant rate factor, 0 (lossless) to 51; 23 is x264's default, 18 is "visually lossless".
    int crf = 23;
    /// libx264's speed/size trade-off: "ultrafast" ... "medium" (x264's default) ... "veryslow".
    std::string preset = "medium";
    /// mpeg4's fixed quantiser, 1 (best) to 31; used for encoders without a crf.
    int qscale = 3;
    /// B-frames between reference frames; -1 keeps the encoder's default (libx264: 3, mpeg4: 0).
    int max_b_frames = -1;
    /// Encoder threads (1 by default; 0: the encoder's choice). With mpeg4, one thread gives the same bytes for the
    /// same frames and options on every run; Debian's libx264 at one thread was seen to encode an occasional frame
    /// differently from one process to the next (the frames read back differ by a few levels), so where output must
    /// be reproducible bit for bit, name "mpeg4".
    int threads = 1;
    /// fsync the file before the rename and its directory after (see atomic_file_options::durable).
    bool durable = true;
    /// The colour description the stream is tagged with (write(rgb) produces BT.601 limited range, the default).
    video_colour colour{};
    /// Streams written beside the video as they are, packet by packet (write_copied): a cut's audio, `-c:a copy`.
    /// Each names the source stream's parameters (read during open only) and the time base of the packets given.
    struct copied_stream {
        const AVCodecParameters* parameters = nullptr;
        AVRational time_base{0, 1};
    };
    std::vector<copied_stream> copied_streams{};
};

namespace detail {

// An output AVFormatContext: its file (if opened) is closed before the context is freed. (An input context is
// released by avformat_close_input instead; the two must not be mixed.)
struct output_format_deleter {
    void operator()(AVFormatContext* p) const noexcept {
        if (p == nullptr) return;
        if (p->pb != nullptr && (p->oformat->flags & AVFMT_NOFILE) == 0) avio_closep(&p->pb);
        avformat_free_context(p);
    }
};
using output_format_ptr = std::unique_ptr<AVFormatContext, output_format_deleter>;

// The encoder `options` asks for: the named one, or libx264 where this libavcodec was built with it, else mpeg4.
[[nodiscard]] inline const AVCodec* find_video_encoder(const std::string& name) {
    if (!name.empty()) return avcodec_find_encoder_by_name(name.c_str());
    if (const AVCodec* x264 = avcodec_find_encoder_by_name("libx264")) return x264;
    return avcodec_find_encoder(AV_CODEC_ID_MPEG4);
}

}  // namespace detail

/// Encodes RGB24 frames (a clip, or frame by frame) to a video file: the container from the file's extension
/// (.mp4, .avi, .mkv ...), the codec from the options (libx264 by default where available, else mpeg4), yuv420p.
///
///   vidata::video_writer w;
///   w.open("out/v_Archery_g01_c01.avi", 96, 72, 25.0);     // the file does not exist yet
///   for (...) w.write(frame);                              // one frame (H*W*3 bytes) or a clip_view of frames
///   w.finish();                                            // flushes the encoder; the file appears, complete
///
/// Atomic, as atomic_file: everything goes to ".<name>.tmp.XXXXXX" beside the target, and finish() renames it over
/// the target. A writer destroyed before finish() (an exception, an early return) removes the temporary and leaves
/// the target as it was. Frame i gets the presentation time i / fps; the stream's average frame rate is `fps`.
/// The RGB -> YUV conversion is BT.601, limited range, and the stream says so (what readers assume anyway).
///
/// Errors: invalid_argument for a size the pixel format cannot hold (yuv420p: even, positive width and height), a
/// non-positive fps, or a frame of the wrong size; io_error naming the file when its directory cannot be written or
/// the rename fails; decode_error naming the file (and the frame) when FFmpeg has no such encoder or muxer, or the
/// encoder or muxer fails. Not for use from several threads at once; writers of different files run in parallel.
class video_writer {
public:
    video_writer() = default;

    /// Opens `path` for writing (see open).
    video_writer(const std::filesystem::path& path, std::size_t width, std::size_t height, double fps,
                 const video_writer_options& options = {}) {
        open(path, width, height, fps, options);
    }

    video_writer(video_writer&&) noexcept = default;
    video_writer& operator=(video_writer&& other) noexcept {
        if (this != &other) {
            discard();
            state_ = std::move(other.state_);
        }
        return *this;
    }
    video_writer(const video_writer&) = delete;
    video_writer& operator=(const video_writer&) = delete;
    ~video_writer() { discard(); }

    /// Starts a file of `width` x `height` frames at `fps` frames per second. A writer already open is discarded.
    void open(const std::filesystem::path& path, std::size_t width, std::size_t height, double fps,
              const video_writer_options& options = {}) {
        discard();
        auto s = std::make_unique<state>();
        s->target = path;
        s->width = width;
        s->height = height;
        s->options = options;
        if (width == 0 || height == 0 || width % 2 != 0 || height % 2 != 0 || width > 16384 || height > 16384)
            throw invalid_argument(path.string() + ": cannot encode " + std::to_string(width) + "x" + std::to_string(height) +
                                   " frames as yuv420p: width and height must be even and between 2 and 16384");
        if (!(fps > 0.0) || fps > 1000.0)
            throw invalid_argument(path.string() + ": the frame rate must be in (0, 1000], got " + std::to_string(fps));
        state_ = std::move(s);
        try {
            start(fps);
        } catch (...) {
            discard();
            throw;
        }
    }

    /// Encodes one frame: `height * width * 3` bytes of packed RGB24, rows top to bottom.
    void write(std::span<const std::uint8_t> rgb) {
        require_open("write");
        auto& s = *state_;
        if (rgb.size() != s.width * s.height * 3)
            throw invalid_argument(s.target.string() + ": frame " + std::to_string(s.frames) + " has " + std::to_string(rgb.size()) +
                                   " bytes; a " + std::to_string(s.width) + "x" + std::to_string(s.height) + " RGB24 frame has " +
                                   std::to_string(s.width * s.height * 3));
        if (av_frame_is_writable(s.frame.get()) == 0) new_frame_buffer(s.frames);  // the encoder still holds the last one
        // swscale's SIMD input readers load whole 16-byte blocks, past the end of a packed row and of the last one
        // (valgrind sees it read beyond a clip's last frame): the rows go through a padded buffer of ours first.
        const std::size_t row_bytes = s.width * 3;
        for (std::size_t y = 0; y < s.height; ++y)
            std::memcpy(s.rgb.get() + y * static_cast<std::size_t>(s.rgb_linesize), rgb.data() + y * row_bytes, row_bytes);
        const std::uint8_t* src[4] = {s.rgb.get(), nullptr, nullptr, nullptr};
        const int src_linesize[4] = {s.rgb_linesize, 0, 0, 0};
        sws_scale(s.sws.get(), src, src_linesize, 0, static_cast<int>(s.height), s.frame->data, s.frame->linesize);
        send_frame();
    }

    /// Encodes a decoded picture (video_reader::for_each_picture gives them) of any size and pixel format: swscale
    /// scales it to the writer's size and converts it to yuv420p with bicubic filtering, as the ffmpeg CLI's
    /// `-vf scale=W:H` does with its default flags, without going through RGB (a re-encode loses nothing to a
    /// colour round trip). The YUV values keep their colour matrix: tag the stream as the pictures are
    /// (video_writer_options::colour = video_colour::of(first picture)). A full-range yuvj picture is converted to
    /// limited range.
    void write(const AVFrame& picture) {
        require_open("write");
        auto& s = *state_;
        if (picture.width <= 0 || picture.height <= 0 || picture.format < 0 || picture.data[0] == nullptr)
            throw invalid_argument(s.target.string() + ": frame " + std::to_string(s.frames) + " is not a decoded picture");
        if (av_frame_is_writable(s.frame.get()) == 0) new_frame_buffer(s.frames);
        // Cached: the same context while the pictures keep their size and format (every frame of a video).
        s.picture_sws.reset(sws_getCachedContext(s.picture_sws.release(), picture.width, picture.height,
                                                 static_cast<AVPixelFormat>(picture.format), static_cast<int>(s.width),
                                                 static_cast<int>(s.height), AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
        if (!s.picture_sws)
            fail(s.frames, std::string("swscale cannot convert ") + av_get_pix_fmt_name(static_cast<AVPixelFormat>(picture.format)) +
                               " " + std::to_string(picture.width) + "x" + std::to_string(picture.height) + " to yuv420p");
        sws_scale(s.picture_sws.get(), picture.data, picture.linesize, 0, picture.height, s.frame->data, s.frame->linesize);
        send_frame();
    }

    /// Encodes every frame of `frames` (T x H x W x 3, the size given to open).
    void write(clip_view frames) {
        require_open("write");
        if (frames.channels() != 3 || frames.width() != state_->width || frames.height() != state_->height)
            throw invalid_argument(state_->target.string() + ": a clip of " + std::to_string(frames.width()) + "x" +
                                   std::to_string(frames.height()) + "x" + std::to_string(frames.channels()) +
                                   " frames cannot go to a " + std::to_string(state_->width) + "x" +
                                   std::to_string(state_->height) + " RGB24 video");
        for (std::size_t t = 0; t < frames.frames(); ++t) write(frames.frame_pixels(t));
    }

    /// Flushes the encoder, writes the container's trailer and renames the file over the target.
    void finish() {
        require_open("finish");
        auto& s = *state_;
        try {
            encode(nullptr);
            if (const int r = av_write_trailer(s.format.get()); r < 0) fail(-1, "cannot write the container's trailer", r);
            if (const int r = avio_closep(&s.format->pb); r < 0)
                throw io_error(s.target.string(), "cannot write " + s.temp.string() + ": " + ffmpeg::detail::error_string(r));
            if (s.options.durable) sync(s.temp, O_RDONLY);
            if (std::rename(s.temp.c_str(), s.target.c_str()) != 0)
                throw io_error(s.target.string(), "cannot rename " + s.temp.string() + " over it: " + detail::errno_message(errno));
            s.temp.clear();
            if (s.options.durable)
                sync(s.target.has_parent_path() ? s.target.parent_path() : std::filesystem::path("."), O_RDONLY | O_DIRECTORY);
        } catch (...) {
            discard();
            throw;
        }
        frames_written_ = s.frames;
        codec_name_ = s.encoder->codec->name;
        state_.reset();
    }

    /// Abandons the file: frees the encoder and removes the temporary. No effect when not open. Never throws.
    void discard() noexcept {
        if (!state_) return;
        state_->format.reset();
        if (!state_->temp.empty()) (void)::unlink(state_->temp.c_str());
        state_.reset();
    }

    /// True between open() and finish() / discard().
    [[nodiscard]] bool is_open() const noexcept { return state_ != nullptr; }
    /// Frames written so far (after finish(): in the finished file).
    [[nodiscard]] std::int64_t frames_written() const noexcept { return state_ ? state_->frames : frames_written_; }
    /// The encoder in use ("libx264", "mpeg4"); after finish(), the one that wrote the file.
    [[nodiscard]] std::string codec_name() const { return state_ ? std::string(state_->encoder->codec->name) : codec_name_; }
    /// Writes a packet of copied stream `which` (an index into video_writer_options::copied_streams) as it is, its
    /// time stamps in that stream's time base; the muxer interleaves it with the video. Takes the packet's data.
    void write_copied(std::size_t which, AVPacket& packet) {
        require_open("write_copied");
        auto& s = *state_;
        if (which >= s.copied.size())
            throw invalid_argument(s.target.string() + ": no copied stream " + std::to_string(which) + " (" + std::to_string(s.copied.size()) +
                                   " were opened)");
        av_packet_rescale_ts(&packet, s.copied[which].second, s.copied[which].first->time_base);
        packet.stream_index = s.copied[which].first->index;
        packet.pos = -1;
        if (const int w = av_interleaved_write_frame(s.format.get(), &packet); w < 0) fail(s.frames, "cannot write a copied packet", w);
    }

    /// The temporary being written (empty when not open).
    [[nodiscard]] std::filesystem::path temp_path() const { return state_ ? state_->temp : std::filesystem::path(); }

private:
    struct state {
        std::filesystem::path target;
        std::filesystem::path temp;
        std::size_t width = 0;
        std::size_t height = 0;
        video_writer_options options;
        // Declared before the format context so that the encoder is freed after the file is closed.
        ffmpeg::detail::codec_context_ptr encoder;
        ffmpeg::detail::frame_ptr frame;
        ffmpeg::detail::packet_ptr packet;
        ffmpeg::detail::sws_context_ptr sws;
        ffmpeg::detail::sws_context_ptr picture_sws;  // write(const AVFrame&): the decoded pictures' scaler
        std::unique_ptr<std::uint8_t, ffmpeg::detail::av_memory_deleter> rgb;  // the padded input rows
        int rgb_linesize = 0;
        detail::output_format_ptr format;
        AVStream* stream = nullptr;
        std::vector<std::pair<AVStream*, AVRational>> copied;  // options.copied_streams' streams, their packets' time base
        std::int64_t frames = 0;
    };

    void require_open(const char* operation) const {
        if (!state_) throw invalid_argument(std::string("vidata::video_writer::") + operation + ": no file is open");
    }

    [[noreturn]] void fail(std::int64_t frame, const std::string& what, int code = 0) const {
        throw decode_error(state_->target.string(), frame, what + (code < 0 ? ": " + ffmpeg::detail::error_string(code) : std::string()));
    }

    void sync(const std::filesystem::path& p, int flags) const {
        const detail::unique_fd fd = detail::open_fd(p.c_str(), flags);
        if (!fd || detail::fsync_fd(fd.get()) != 0)
            throw io_error(state_->target.string(), "written, but cannot sync " + p.string() + ": " + detail::errno_message(errno));
    }

    // Creates the temporary beside the target (O_EXCL: a name collision is a retry, never a shared file).
    void create_temp() {
        auto& s = *state_;
        const std::filesystem::path directory = s.target.has_parent_path() ? s.target.parent_path() : ".";
        std::string prefix = ".";
        prefix.append(s.target.filename().string()).append(detail::atomic_temp_infix);
        int error_number = 0;
        for (int attempt = 0; attempt < 64; ++attempt) {
            const std::filesystem::path candidate = directory / (prefix + detail::atomic_temp_suffix());
            const detail::unique_fd fd = detail::open_fd(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd) {
                s.temp = candidate;
                return;
            }
            error_number = errno;
            if (error_number != EEXIST) break;
        }
        throw io_error(s.target.string(), "cannot create a temporary file in " + directory.string() + ": " + detail::errno_message(error_number));
    }

    void start(double fps) {
        auto& s = *state_;
        // The muxer is chosen by the target's name (the temporary's name ends in random letters).
        const AVOutputFormat* muxer = av_guess_format(nullptr, s.target.filename().c_str(), nullptr);
        if (muxer == nullptr) fail(-1, "FFmpeg has no container for the extension '" + s.target.extension().string() + "'");
        const AVCodec* codec = detail::find_video_encoder(s.options.codec);
        if (codec == nullptr) fail(-1, "FFmpeg has no encoder named '" + s.options.codec + "'");
        create_temp();

        AVFormatContext* raw = nullptr;
        if (const int r = avformat_alloc_output_context2(&raw, muxer, nullptr, s.temp.c_str()); r < 0 || raw == nullptr)
            fail(-1, "cannot set up the " + std::string(muxer->name) + " muxer", r);
        s.format.reset(raw);
        s.stream = avformat_new_stream(s.format.get(), nullptr);
        s.encoder.reset(avcodec_alloc_context3(codec));
        s.frame.reset(av_frame_alloc());
        s.packet.reset(av_packet_alloc());
        if (s.stream == nullptr || !s.encoder || !s.frame || !s.packet) throw std::bad_alloc();

        const AVRational rate = av_d2q(fps, 1 << 20);
        AVCodecContext& enc = *s.encoder;
        enc.width = static_cast<int>(s.width);
        enc.height = static_cast<int>(s.height);
        enc.pix_fmt = AV_PIX_FMT_YUV420P;
        enc.time_base = av_inv_q(rate);
        enc.framerate = rate;
        if (s.options.gop_size >= 0) enc.gop_size = s.options.gop_size;
        if (s.options.max_b_frames >= 0) enc.max_b_frames = s.options.max_b_frames;
        enc.thread_count = std::max(0, s.options.threads);
        enc.color_range = s.options.colour.range;
        enc.colorspace = s.options.colour.space;
        enc.color_primaries = s.options.colour.primaries;
        enc.color_trc = s.options.colour.transfer;
        if ((s.format->oformat->flags & AVFMT_GLOBALHEADER) != 0) enc.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        const bool has_crf = av_opt_find(enc.priv_data, "crf", nullptr, 0, 0) != nullptr;
        if (has_crf) {
            av_opt_set_double(enc.priv_data, "crf", static_cast<double>(s.options.crf), 0);
            if (av_opt_find(enc.priv_data, "preset", nullptr, 0, 0) != nullptr &&
                av_opt_set(enc.priv_data, "preset", s.options.preset.c_str(), 0) < 0)
                throw invalid_argument(s.target.string() + ": " + codec->name + " has no preset '" + s.options.preset + "'");
        } else {
            // A constant quantiser: libavcodec's encoders read it as a lambda.
            enc.flags |= AV_CODEC_FLAG_QSCALE;
            enc.global_quality = FF_QP2LAMBDA * s.options.qscale;
        }
        if (const int r = avcodec_open2(&enc, codec, nullptr); r < 0)
            fail(-1, std::string("cannot open the ") + codec->name + " encoder for " + std::to_string(s.width) + "x" +
                         std::to_string(s.height) + " yuv420p",
                 r);
        if (const int r = avcodec_parameters_from_context(s.stream->codecpar, &enc); r < 0) fail(-1, "cannot describe the stream", r);
        s.stream->time_base = enc.time_base;
        s.stream->avg_frame_rate = rate;
        s.stream->r_frame_rate = rate;
        for (const auto& c : s.options.copied_streams) {
            AVStream* copied = avformat_new_stream(s.format.get(), nullptr);
            if (copied == nullptr) throw std::bad_alloc();
            if (c.parameters == nullptr || c.time_base.num <= 0 || c.time_base.den <= 0)
                throw invalid_argument(s.target.string() + ": a copied stream needs its parameters and time base");
            if (const int r = avcodec_parameters_copy(copied->codecpar, c.parameters); r < 0) fail(-1, "cannot describe a copied stream", r);
            copied->codecpar->codec_tag = 0;  // the source container's tag may mean nothing in this one
            copied->time_base = c.time_base;
            s.copied.emplace_back(copied, c.time_base);
        }
        s.options.copied_streams.clear();  // the parameters were borrowed for open only

        if ((s.format->oformat->flags & AVFMT_NOFILE) == 0) {
            if (const int r = avio_open(&s.format->pb, s.temp.c_str(), AVIO_FLAG_WRITE); r < 0)
                throw io_error(s.target.string(), "cannot open " + s.temp.string() + " for writing: " + ffmpeg::detail::error_string(r));
        }
        if (const int r = avformat_write_header(s.format.get(), nullptr); r < 0) fail(-1, "cannot write the container's header", r);

        new_frame_buffer(-1);
        // At equal sizes swscale only converts; BT.601 limited range, matching the stream's tags.
        s.sws.reset(sws_getContext(enc.width, enc.height, AV_PIX_FMT_RGB24, enc.width, enc.height, AV_PIX_FMT_YUV420P,
                                   SWS_BICUBIC, nullptr, nullptr, nullptr));
        if (!s.sws) fail(-1, "swscale cannot convert RGB24 to yuv420p");
        // Rows aligned to 64 bytes with 64 to spare, and a spare row: room for any block a SIMD reader loads.
        s.rgb_linesize = static_cast<int>((s.width * 3 + 63) / 64 * 64 + 64);
        const std::size_t rgb_bytes = static_cast<std::size_t>(s.rgb_linesize) * (s.height + 1);
        s.rgb.reset(static_cast<std::uint8_t*>(av_mallocz(rgb_bytes)));
        if (!s.rgb) throw std::bad_alloc();
        const int* bt601 = sws_getCoefficients(SWS_CS_ITU601);
        sws_setColorspaceDetails(s.sws.get(), bt601, 1, bt601, 0, 0, 1 << 16, 1 << 16);
    }

    // A fresh yuv420p picture for frame_. Zeroed, padding included: the encoder's SIMD code reads the bytes past each
    // row's end, and uninitialised ones there would make the output depend on the heap's history.
    void new_frame_buffer(std::int64_t at) {
        auto& s = *state_;
        av_frame_unref(s.frame.get());
        s.frame->format = AV_PIX_FMT_YUV420P;
        s.frame->width = static_cast<int>(s.width);
        s.frame->height = static_cast<int>(s.height);
        if (const int r = av_frame_get_buffer(s.frame.get(), 0); r < 0) fail(at, "cannot allocate a frame", r);
        for (int p = 0; p < 3; ++p) {
            const std::size_t rows = p == 0 ? s.height : (s.height + 1) / 2;
            std::memset(s.frame->data[p], 0, static_cast<std::size_t>(s.frame->linesize[p]) * rows);
        }
    }

    // Stamps frame_ (frame i at i / fps) and encodes it.
    void send_frame() {
        auto& s = *state_;
        s.frame->pts = s.frames;
        // A fixed quantiser is read from each frame (as the ffmpeg CLI's -qscale sets it), not from the context.
        if ((s.encoder->flags & AV_CODEC_FLAG_QSCALE) != 0) s.frame->quality = s.encoder->global_quality;
        encode(s.frame.get());
        ++s.frames;
    }

    // Sends `frame` (nullptr: the end) and muxes every packet the encoder has ready.
    void encode(const AVFrame* frame) {
        auto& s = *state_;
        const std::int64_t at = frame != nullptr ? s.frames : -1;
        if (const int r = avcodec_send_frame(s.encoder.get(), frame); r < 0) fail(at, "the encoder refused the frame", r);
        for (;;) {
            const int r = avcodec_receive_packet(s.encoder.get(), s.packet.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
            if (r < 0) fail(at, "the encoder failed", r);
            av_packet_rescale_ts(s.packet.get(), s.encoder->time_base, s.stream->time_base);
            s.packet->stream_index = s.stream->index;
            const int w = av_interleaved_write_frame(s.format.get(), s.packet.get());  // takes the packet's data
            if (w < 0) fail(at, "cannot write a packet", w);
        }
    }

    std::unique_ptr<state> state_;
    std::int64_t frames_written_ = 0;
    std::string codec_name_;
};

}  // namespace vidata
