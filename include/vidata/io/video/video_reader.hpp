// SPDX-License-Identifier: Apache-2.0
// vidata::basic_video_reader: a video file as a frame_source, RGB24 frames by index through FFmpeg, exact under random access.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/concepts.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/io/ffmpeg/detail/libav.hpp>
#include <vidata/io/ffmpeg/detail/rgb_converter.hpp>
#include <vidata/io/video/decode_plan.hpp>
#include <vidata/io/video/detail/picture_parser.hpp>
#include <vidata/io/video/frame_table.hpp>
#include <vidata/io/video/seek_policy.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata {

/// Options of a video reader beyond its path.
struct video_options {
    /// Decoder threads. 1 (the default) suits a data loader that runs one reader per worker thread; N > 1 lets
    /// libavcodec decode N frames (or slices) at once; 0 lets FFmpeg pick (one per core). The frames are the
    /// same whatever the count: FFmpeg's threaded decoders are bit-exact.
    int threads = 1;
    /// The demux pass at open keeps the video's packets while they weigh no more than this, so that reads decode
    /// from memory instead of reading the file a second time (a 10 s 256p clip weighs about 1 MB). A video whose
    /// packets weigh more is read again from the file; 0 keeps none.
    std::size_t packet_cache_bytes = std::size_t{32} << 20;
};

/// What a reader did, summed over its reads since it was opened: how much decoding random access cost.
struct decode_stats {
    std::size_t seeks = 0;             ///< demuxer seeks (each flushes the decoder)
    std::size_t packets_sent = 0;      ///< packets given to the decoder
    std::size_t frames_decoded = 0;    ///< pictures the decoder returned
    std::size_t frames_converted = 0;  ///< pictures converted to RGB24 (once per distinct frame read)
};

/// A video file opened for reading frames by index, as RGB24: a model of `frame_source`.
///
///   vidata::video_reader v("v_ApplyEyeMakeup_g01_c01.avi");      // opens, demuxes once to index the frames
///   v.frame_count();                                              // the true count, from the packets
///   clip c = v.read(frame_indices(1, 3, {0, 17, 17}));           // 3 frames: 0, 17, 17
///
/// Frame i is the i-th frame in presentation order, the i-th that a whole-file decode outputs and the i-th
/// line of `ffmpeg -i FILE -map 0:v:0 -fps_mode passthrough -pix_fmt rgb24 -f framemd5 -`; its pixels are
/// those ffmpeg converts (see detail::rgb_converter). Rotation metadata is not applied (`-noautorotate`).
///
/// Opening demuxes the whole video stream once, without decoding (under a millisecond for a 10 s 256p
/// file), and records every packet's time stamp and keyframe flag (see frame_table). So frame_count() is the
/// number of frames the file holds, whatever the container's header claims (container_frame_count()), and
/// variable-frame-rate files are indexed by time stamp, never by `time * fps`. The packets are kept for the
/// reads while they weigh no more than video_options::packet_cache_bytes, so the file is read once.
///
/// `read(indices)` sorts and de-duplicates the indices, plans one forward pass per GOP (plan_decode), seeks
/// to the keyframe before each pass, decodes forward and matches each output picture to its index by its
/// time stamp; it never seeks where the next wanted frame is reachable by decoding on, also from one read to
/// the next. It returns the frames in the order asked, repeats included. A stream whose packets carry no time
/// stamps (AVI with B-frames) is read by counting the decoder's output from the first frame.
///
/// `Seek` is the seek policy: exact_seek (default) or keyframe_seek (approximate, see seek_policy.hpp).
///
/// Errors: the constructor throws io_error when the file cannot be read and decode_error when FFmpeg cannot
/// open it or it has no video stream; read throws decode_error naming the file and the frame when a frame is
/// past the last one (with the container's claim, when it announced more: a truncated file), when the decoder
/// returns no picture for it, or returns one marked corrupt. A wrong frame is never returned silently.
///
/// Cost: no allocation per frame (one packet, one frame, one swscale context and row buffer are reused);
/// `read` allocates the clip and small index vectors. One thread at a time; readers of different files, or
/// of the same file, run in parallel.
template <seek_policy Seek = exact_seek>
class basic_video_reader {
public:
    using seek_type = Seek;

    explicit basic_video_reader(const std::filesystem::path& path) : basic_video_reader(path, video_options{}) {}

    basic_video_reader(const std::filesystem::path& path, video_options options) : path_(path), options_(options) {
        packet_.reset(av_packet_alloc());
        frame_.reset(av_frame_alloc());
        if (!packet_ || !frame_) throw std::bad_alloc();
        open_format();
        index_stream();
        open_decoder();
    }

    basic_video_reader(basic_video_reader&&) noexcept = default;
    basic_video_reader& operator=(basic_video_reader&&) noexcept = default;

    /// Frames in the file: counted by demuxing, not read from the header.
    [[nodiscard]] std::int64_t frame_count() const noexcept { return frame_count_; }
    /// What the container's header announces (`nb_frames`), or -1 where it says nothing (Matroska, WebM, MPEG-TS).
    [[nodiscard]] std::int64_t container_frame_count() const noexcept { return container_frame_count_; }
    /// The average frame rate the container reports, if any (for a variable-frame-rate file, an average).
    [[nodiscard]] std::optional<double> fps() const noexcept { return fps_; }
    /// The duration in seconds the container reports, if any.
    [[nodiscard]] std::optional<double> duration() const noexcept { return duration_; }
    [[nodiscard]] std::size_t width() const noexcept { return width_; }
    [[nodiscard]] std::size_t height() const noexcept { return height_; }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    /// True when frames are identified by time stamp (random access seeks); false when by counting from the
    /// first frame (streams without time stamps: random access decodes from the start).
    [[nodiscard]] bool indexed_by_timestamp() const noexcept { return table_.has_value(); }
    [[nodiscard]] const decode_stats& stats() const noexcept { return stats_; }

    /// The frame each slot of the last read holds: the index asked for under exact_seek, the keyframe before
    /// it under keyframe_seek.
    [[nodiscard]] std::span<const std::int64_t> returned_indices() const noexcept { return returned_; }

    /// The frames `indices` names, in its order (repeats included), as `indices.size()` RGB24 frames.
    [[nodiscard]] clip read(const frame_indices& indices) & { return read(indices.flat()); }
    [[nodiscard]] clip read(const frame_indices& indices) && { return std::move(*this).read(indices.flat()); }

    /// The same frames from a reader that reads no more (`std::move(reader).read(...)`, `video_reader(path).read(...)`,
    /// the reader a pipeline opens for one record). With no later read to continue from where this one stops, the
    /// decoder is drained as soon as the last wanted picture's packet is sent, instead of being sent the pictures that
    /// would only push it out of the reorder buffer: on x264's defaults (3 B-frames in a pyramid) one or two reference
    /// pictures fewer, 0.8 ms of a 10 s 256p file's 32x2 clip. The reader stays usable; a later read starts a new pass.
    [[nodiscard]] clip read(std::span<const std::int64_t> indices) && { return read_frames(indices, true); }

    /// The frames `indices` names, in its order (repeats included).
    [[nodiscard]] clip read(std::span<const std::int64_t> indices) & { return read_frames(indices, false); }

    /// Decodes the whole video once, in presentation order, calling `f(index, frame)` for each frame with a
    /// one-frame clip_view valid during the call (one buffer, reused). For a sequential pass that keeps no
    /// clip: checksums, statistics, re-encoding.
    template <class F>
        requires std::invocable<F&, std::int64_t, clip_view>
    void for_each_frame(F&& f) {
        scratch_.resize(height_ * width_ * 3 + 64);  // slack, should a converter write a block past the frame
        std::vector<std::int64_t> all(static_cast<std::size_t>(frame_count_));
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::int64_t>(i);
        fetch(all, [&](std::int64_t index, const AVFrame& frame) {
            convert(frame, index, scratch_.data());
            f(index, clip_view(scratch_.data(), 1, height_, width_, 3));
        });
    }

    /// Decodes the whole video once, in presentation order, calling `f(index, picture)` for each frame with the
    /// decoder's own picture (its pixel format, usually yuv420p, not converted to RGB), valid during the call. For a
    /// re-encode that scales in YUV as the ffmpeg CLI does (video_writer::write(const AVFrame&)), without a colour
    /// round trip. Each index comes once, 0, 1, 2, ...: should the read start over (time stamps that disagree with
    /// the index), the pictures already given are not given again.
    template <class F>
        requires std::invocable<F&, std::int64_t, const AVFrame&>
    void for_each_picture(F&& f) {
        for_each_picture(std::int64_t{0}, frame_count_, f);
    }

    /// As for_each_picture, for the frames [first, last) only: decoding starts at the keyframe that frame `first`
    /// needs, so a cut late in a long video costs its own frames, not the video's up to it (prepare::cut_video).
    /// invalid_argument unless 0 <= first <= last <= frame_count().
    template <class F>
        requires std::invocable<F&, std::int64_t, const AVFrame&>
    void for_each_picture(std::int64_t first, std::int64_t last, F&& f) {
        if (first < 0 || first > last || last > frame_count_)
            throw invalid_argument(name() + ": frames [" + std::to_string(first) + ", " + std::to_string(last) + ") are not within the " +
                                   std::to_string(frame_count_) + " frames of the video");
        std::vector<std::int64_t> range(static_cast<std::size_t>(last - first));
        for (std::size_t i = 0; i < range.size(); ++i) range[i] = first + static_cast<std::int64_t>(i);
        if (range.empty()) return;
        std::int64_t next = first;
        fetch(range, [&](std::int64_t index, const AVFrame& frame) {
            if (index < next) return;
            if (index > next) fail(next, "the decoder returned no picture for it: the file is damaged here");
            if (static_cast<std::size_t>(frame.width) != width_ || static_cast<std::size_t>(frame.height) != height_)
                fail(index, "the picture is " + std::to_string(frame.width) + "x" + std::to_string(frame.height) + ", the video's frames are " +
                                std::to_string(width_) + "x" + std::to_string(height_) + " (a change of frame size mid-stream)");
            f(index, frame);
            ++next;
        });
    }

private:
    // read(indices), by either overload: `final_read` when no read follows (see the && overload).
    [[nodiscard]] clip read_frames(std::span<const std::int64_t> indices, bool final_read) {
        std::vector<std::int64_t> targets(indices.begin(), indices.end());
        for (const auto i : targets) check_index(i);
        // Every slot is written below: converted, copied from a repeat's first slot, or the read throws.
        clip out(targets.size(), height_, width_, 3, for_overwrite);
        if (targets.empty()) {
            returned_.clear();
            return out;
        }
        if constexpr (std::is_same_v<Seek, keyframe_seek>) {
            if (table_)
                for (auto& t : targets) t = table_->keyframe_of(t);
        }
        std::vector<std::int64_t> wanted = targets;
        std::sort(wanted.begin(), wanted.end());
        wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
        // The slot each distinct frame is converted into; repeats are copied from it at the end.
        std::vector<std::size_t> first_slot(wanted.size());
        for (std::size_t s = targets.size(); s-- > 0;)
            first_slot[static_cast<std::size_t>(std::lower_bound(wanted.begin(), wanted.end(), targets[s]) - wanted.begin())] = s;
        const auto slot_of = [&](std::int64_t index) {
            return first_slot[static_cast<std::size_t>(std::lower_bound(wanted.begin(), wanted.end(), index) - wanted.begin())];
        };

        std::vector<std::int64_t> sources;  // the frame each slot holds
        if (!table_ && std::is_same_v<Seek, keyframe_seek>) {
            // No time stamps, so no way to know a keyframe's index before decoding: decode from the start, keep
            // the last keyframe's pixels, and give each wanted frame those.
            sources = read_keyframes_by_counting(wanted, targets, out, slot_of);
        } else {
            fetch(
                wanted, [&](std::int64_t index, const AVFrame& f) { convert(f, index, out.frame_pixels(slot_of(index)).data()); },
                final_read);
            sources = targets;
        }
        for (std::size_t s = 0; s < targets.size(); ++s) {
            const std::size_t from = slot_of(targets[s]);
            if (from != s) std::memcpy(out.frame_pixels(s).data(), out.frame_pixels(from).data(), out.frame_size());
        }
        returned_ = std::move(sources);
        return out;
    }

    using format_context_ptr = ffmpeg::detail::format_context_ptr;

    // Thrown inside a read when a picture's time stamp matches no packet's: the stream's time stamps cannot be
    // trusted, and the read starts over identifying frames by counting.
    struct timestamps_disagree {};

    [[nodiscard]] std::string name() const { return path_.string(); }

    [[noreturn]] void fail(std::int64_t frame, const std::string& reason) const { throw decode_error(name(), frame, reason); }

    // An MP4/MOV file's header tells a reader all it needs about an H.264 or HEVC stream: the sample table gives every
    // packet's time stamps and the reorder depth, the sample description the codec, its configuration and the frame
    // size. avformat_find_stream_info would decode the first picture to learn the pixel format (which each decoded
    // frame carries anyway): about 1 ms of a 256p open, 6 ms of a 1080p one. The frame size the decoder will output
    // is taken instead from the first packet's parameter sets (index_stream, through detail::picture_parser); where
    // the parser finds none, the file is opened again and probed.
    [[nodiscard]] bool header_suffices() const {
        const AVStream* st = format_->streams[stream_];
        return !probe_ && mp4_h26x() && st->codecpar->width > 0 && st->codecpar->height > 0;
    }

    // An H.264 or HEVC stream in MP4/MOV: whole pictures as samples, described by the sample table.
    [[nodiscard]] bool mp4_h26x() const {
        return std::string_view(format_->iformat->name).starts_with("mov,") && parsed_for_order(format_->streams[stream_]->codecpar->codec_id);
    }

    // The codecs whose packets index_stream parses: FFmpeg's parser gives their picture size and picture order count.
    [[nodiscard]] static bool parsed_for_order(AVCodecID codec) noexcept { return codec == AV_CODEC_ID_H264 || codec == AV_CODEC_ID_HEVC; }

    void open_format() {
        AVFormatContext* raw = nullptr;
        const int opened = avformat_open_input(&raw, path_.c_str(), nullptr, nullptr);
        if (opened < 0) {
            std::error_code ec;
            if (opened == AVERROR(ENOENT) || opened == AVERROR(EACCES) || !std::filesystem::is_regular_file(path_, ec))
                throw io_error(name(), "cannot open the video: " + ffmpeg::detail::error_string(opened));
            fail(-1, "FFmpeg cannot open it as a video: " + ffmpeg::detail::error_string(opened));
        }
        format_.reset(raw);
        stream_ = av_find_best_stream(format_.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (stream_ < 0 || !header_suffices()) {
            probe_ = true;
            if (const int found = avformat_find_stream_info(format_.get(), nullptr); found < 0)
                fail(-1, "FFmpeg cannot read its stream parameters: " + ffmpeg::detail::error_string(found));
            stream_ = av_find_best_stream(format_.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        }
        if (stream_ < 0) fail(-1, "it has no video stream");
        // An MP4/MOV sample is one whole picture, and its time stamps and sync flag come from the sample table, so
        // FFmpeg's parser would only re-derive per packet what index_stream reads itself (it costs 0.28 of a 256p
        // file's 0.49 ms demux).
        if (mp4_h26x()) format_->flags |= AVFMT_FLAG_NOPARSE;
        // The demuxer then skips the other streams' packets (audio, subtitles) instead of reading them for us to drop.
        for (unsigned s = 0; s < format_->nb_streams; ++s)
            if (static_cast<int>(s) != stream_) format_->streams[s]->discard = AVDISCARD_ALL;
    }

    void open_decoder() {
        const AVStream* st = format_->streams[stream_];
        const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
        if (codec == nullptr) fail(-1, std::string("FFmpeg has no decoder for its ") + avcodec_get_name(st->codecpar->codec_id) + " video");
        decoder_.reset(avcodec_alloc_context3(codec));
        if (!decoder_) throw std::bad_alloc();
        if (const int r = avcodec_parameters_to_context(decoder_.get(), st->codecpar); r < 0)
            fail(-1, "cannot set up the decoder: " + ffmpeg::detail::error_string(r));
        decoder_->pkt_timebase = st->time_base;
        decoder_->thread_count = std::max(0, options_.threads);
        // Without a probe, the decoder holds back as many pictures as the time stamps show it must (an H.264 stream
        // without the optional reorder limit in its parameter sets would otherwise be guessed at, and a guess that is
        // too small drops pictures).
        if (!probe_) decoder_->has_b_frames = std::max(decoder_->has_b_frames, reorder_depth_);
        if (const int r = avcodec_open2(decoder_.get(), codec, nullptr); r < 0)
            fail(-1, std::string("cannot open the ") + codec->name + " decoder: " + ffmpeg::detail::error_string(r));
        if (st->codecpar->width <= 0 || st->codecpar->height <= 0) fail(-1, "its video stream has no frame size");
        if (width_ == 0) {
            width_ = static_cast<std::size_t>(st->codecpar->width);
            height_ = static_cast<std::size_t>(st->codecpar->height);
        }
        if (st->nb_frames > 0) container_frame_count_ = st->nb_frames;
        const AVRational rate = st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0 ? st->avg_frame_rate : st->r_frame_rate;
        if (rate.num > 0 && rate.den > 0) fps_ = av_q2d(rate);
        if (st->duration != AV_NOPTS_VALUE && st->duration > 0) duration_ = static_cast<double>(st->duration) * av_q2d(st->time_base);
        else if (format_->duration != AV_NOPTS_VALUE && format_->duration > 0)
            duration_ = static_cast<double>(format_->duration) / AV_TIME_BASE;
    }

    // The next packet of the video stream into packet_; false at the end of the readable data.
    bool read_video_packet() {
        if (cached_) {
            if (cursor_ >= packets_.size()) return false;
            if (av_packet_ref(packet_.get(), packets_[cursor_].get()) < 0) throw std::bad_alloc();
            ++cursor_;
            return true;
        }
        for (;;) {
            const int r = av_read_frame(format_.get(), packet_.get());
            if (r < 0) {
                if (r != AVERROR_EOF) read_error_ = ffmpeg::detail::error_string(r);
                return false;
            }
            if (packet_->stream_index == stream_) return true;
            av_packet_unref(packet_.get());
        }
    }

    // One demux pass: every packet's time stamps, flags and byte position. Bounded by the file: av_read_frame
    // advances on every call and stops at the end (or at the first unreadable byte of a truncated file).
    // The packets are kept (packets_) while they weigh no more than options_.packet_cache_bytes.
    //
    // H.264 and HEVC packets also go through FFmpeg's parser: the first for the frame size (see header_suffices), and
    // the next ones for their pictures' order counts while the time stamps have not shown any reordering. A file whose
    // pictures reorder (an order count falls without a keyframe) while its time stamps never do has decode times for
    // time stamps: an AVI with B-frames remuxed to MP4 by `ffmpeg -c copy` is one. Its frames are then identified by
    // counting the decoder's output, as ffmpeg and PyAV list them, and the file is probed for the decoder's delay.
    // In a stream whose time stamps reorder, the check ends at the first B-frame, a few packets in.
    void index_stream() {
        std::vector<packet_info> packets;
        std::size_t kept_bytes = 0;
        bool keep = options_.packet_cache_bytes > 0;
        bool check_order = parsed_for_order(format_->streams[stream_]->codecpar->codec_id);
        std::optional<detail::picture_parser> parser;  // only for the codecs it serves
        if (check_order) parser.emplace(*format_->streams[stream_]->codecpar);
        bool stamps_are_decode_times = false;
        std::int64_t latest_pts = AV_NOPTS_VALUE;
        int last_order = 0;
        while (read_video_packet()) {
            const AVPacket& p = *packet_;
            const bool key = (p.flags & AV_PKT_FLAG_KEY) != 0;
            if (packets.empty() && header_suffices()) {
                if (!parser->parse(p) || parser->width() <= 0 || parser->height() <= 0) {
                    // Probe after all: open the file again, this time with avformat_find_stream_info, and index it anew.
                    av_packet_unref(packet_.get());
                    probe_ = true;
                    format_.reset();
                    open_format();
                    index_stream();
                    return;
                }
                width_ = static_cast<std::size_t>(parser->width());
                height_ = static_cast<std::size_t>(parser->height());
            } else if (check_order) {
                parser->parse(p);
            }
            if (check_order) {
                if (p.pts == AV_NOPTS_VALUE || (latest_pts != AV_NOPTS_VALUE && p.pts < latest_pts)) {
                    check_order = false;  // no time stamps (counted anyway), or time stamps that reorder: presentation times
                } else if (!key && !packets.empty() && parser->order() < last_order) {
                    stamps_are_decode_times = true;
                    check_order = false;
                }
                latest_pts = p.pts;
                last_order = parser->order();
            }
            packets.push_back({p.pts == AV_NOPTS_VALUE ? packet_info::no_pts : p.pts, key, (p.flags & AV_PKT_FLAG_DISCARD) != 0});
            dts_.push_back(p.dts);
            pts_.push_back(p.pts);
            positions_.emplace_back(p.pos, static_cast<std::int32_t>(positions_.size()));
            if (key) keyframes_.push_back(static_cast<std::int32_t>(dts_.size() - 1));
            kept_bytes += static_cast<std::size_t>(std::max(p.size, 0));
            if (keep && kept_bytes > options_.packet_cache_bytes) {
                keep = false;
                packets_.clear();
                packets_.shrink_to_fit();
            }
            if (keep) {
                packets_.emplace_back(av_packet_alloc());
                if (!packets_.back()) throw std::bad_alloc();
                av_packet_move_ref(packets_.back().get(), packet_.get());
            } else {
                av_packet_unref(packet_.get());
            }
        }
        scan_error_ = read_error_;
        read_error_.clear();
        // Only a file read to its end is served from memory: a read error must stay where the file has it.
        cached_ = keep && scan_error_.empty();
        if (!cached_) packets_.clear();
        std::sort(positions_.begin(), positions_.end());
        reorder_depth_ = reorder_depth(pts_);
        table_ = stamps_are_decode_times ? std::nullopt : frame_table::build(packets);
        frame_count_ = table_ ? table_->frame_count()
                              : static_cast<std::int64_t>(std::count_if(packets.begin(), packets.end(), [](const packet_info& p) { return !p.discard; }));
        positioned_ = false;
        if (stamps_are_decode_times && !probe_) {
            // The decoder's delay must come from the stream, not from these time stamps: probe (the index stays).
            probe_ = true;
            format_.reset();
            open_format();
        }
    }

    // How many pictures a decoder must hold back to output them in presentation order: the most any frame is decoded
    // after its place in that order (packets in decode order; 0 when some packet has no time stamp).
    [[nodiscard]] static int reorder_depth(std::span<const std::int64_t> pts) {
        std::vector<std::int32_t> order(pts.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            if (pts[i] == AV_NOPTS_VALUE) return 0;
            order[i] = static_cast<std::int32_t>(i);
        }
        std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) { return pts[static_cast<std::size_t>(a)] < pts[static_cast<std::size_t>(b)]; });
        std::int64_t depth = 0;
        for (std::size_t k = 0; k < order.size(); ++k) depth = std::max(depth, static_cast<std::int64_t>(order[k]) - static_cast<std::int64_t>(k));
        return static_cast<int>(std::min<std::int64_t>(depth, 16));
    }

    void check_index(std::int64_t i) const {
        if (i < 0) throw invalid_argument(name() + ": frame index " + std::to_string(i) + " is negative");
        if (i < frame_count_) return;
        std::string reason = "past the last frame: the file holds " + std::to_string(frame_count_) + " frames";
        if (container_frame_count_ > frame_count_)
            reason += ", though its header announces " + std::to_string(container_frame_count_) + " (a truncated or damaged file?)";
        if (!scan_error_.empty()) reason += "; reading stopped with: " + scan_error_;
        fail(i, reason);
    }

    // The decode position of the packet in packet_ (just read after a seek), or -1 when it is not one we indexed.
    [[nodiscard]] std::int32_t position_of_packet() const {
        const AVPacket& p = *packet_;
        if (p.pos >= 0) {
            const auto it = std::lower_bound(positions_.begin(), positions_.end(), std::pair<std::int64_t, std::int32_t>(p.pos, -1));
            if (it != positions_.end() && it->first == p.pos) return it->second;
            return -1;
        }
        for (std::size_t i = 0; i < dts_.size(); ++i)
            if (dts_[i] == p.dts && pts_[i] == p.pts) return static_cast<std::int32_t>(i);
        return -1;
    }

    // After a seek: reads packets until the one at decode position `target` is in packet_. False when the demuxer
    // landed after it, somewhere unknown, or the data ends first.
    bool land_on(std::int32_t target) {
        if (!read_video_packet()) return false;
        std::int32_t at = position_of_packet();
        if (at < 0 || at > target) {
            av_packet_unref(packet_.get());
            return false;
        }
        while (at < target) {
            av_packet_unref(packet_.get());
            if (!read_video_packet()) return false;
            ++at;
        }
        return true;
    }

    // The time stamp to ask the demuxer for so that it lands at or before decode position p.
    [[nodiscard]] std::int64_t seek_timestamp(std::int32_t p) const {
        const auto i = static_cast<std::size_t>(p);
        if (dts_[i] != AV_NOPTS_VALUE && pts_[i] != AV_NOPTS_VALUE) return std::min(dts_[i], pts_[i]);
        return dts_[i] != AV_NOPTS_VALUE ? dts_[i] : pts_[i];
    }

    // Positions the demuxer so that the next packet sent is the one at decode position `target`, with the decoder
    // flushed. Seeks by time stamp (the target's, then two earlier keyframes' where the demuxer's index disagrees with
    // ours), skipping packets up to the target; reopens the file as the last resort. Never loops unboundedly.
    void seek_to(std::int32_t target) {
        ++stats_.seeks;
        avcodec_flush_buffers(decoder_.get());
        skipped_.clear();
        draining_ = false;
        have_packet_ = false;
        bool landed = false;
        if (cached_) {
            cursor_ = static_cast<std::size_t>(target);
            landed = read_video_packet();
        }
        std::int32_t anchor = cached_ ? -1 : target;
        for (int attempt = 0; attempt < 3 && !landed && anchor >= 0; ++attempt) {
            const std::int64_t ts = seek_timestamp(anchor);
            if (ts != AV_NOPTS_VALUE && av_seek_frame(format_.get(), stream_, ts, AVSEEK_FLAG_BACKWARD) >= 0) landed = land_on(target);
            const auto earlier = std::lower_bound(keyframes_.begin(), keyframes_.end(), anchor);
            anchor = earlier == keyframes_.begin() ? -1 : *std::prev(earlier);
        }
        if (!landed) {
            format_.reset();
            open_format();
            if (!read_video_packet()) fail(table_ ? table_->frame_of_packet(static_cast<std::size_t>(target)) : -1,
                                           "the file cannot be read again from its start");
            for (std::int32_t at = 0; at < target; ++at) {
                av_packet_unref(packet_.get());
                if (!read_video_packet()) fail(-1, "the file ends before packet " + std::to_string(target) + " it held when opened");
            }
        }
        read_error_.clear();
        have_packet_ = true;
        next_packet_ = target;
        pass_start_ = target;
        last_output_ = -1;
        output_count_ = -1;
        positioned_ = true;
    }

    // Decodes forward from the current position, calling on_frame(frame, index) for every picture the decoder
    // returns, until on_frame returns true or the stream is drained. Each step sends a packet or receives a
    // picture, so it ends.
    template <class OnFrame>
    void decode_forward(OnFrame&& on_frame) {
        int errors_in_a_row = 0;
        for (;;) {
            const int r = avcodec_receive_frame(decoder_.get(), frame_.get());
            if (r == 0) {
                errors_in_a_row = 0;
                ++stats_.frames_decoded;
                const std::int64_t index = identify(*frame_);
                bool stop = false;
                try {
                    stop = on_frame(*frame_, index);
                } catch (...) {
                    av_frame_unref(frame_.get());
                    positioned_ = false;
                    throw;
                }
                av_frame_unref(frame_.get());
                if (stop) return;
                continue;
            }
            if (r == AVERROR_EOF) {
                positioned_ = false;
                return;
            }
            if (r != AVERROR(EAGAIN)) {
                decode_error_ = ffmpeg::detail::error_string(r);
                if (++errors_in_a_row > 64) {
                    positioned_ = false;
                    return;
                }
                continue;
            }
            if (draining_) {  // libavcodec wants input after a drain: it will return no more pictures
                positioned_ = false;
                return;
            }
            // The end of the data, or of what a final read needs: drain.
            const bool past_last_needed = drain_after_ >= 0 && next_packet_ > drain_after_;
            if (!have_packet_ && !past_last_needed) have_packet_ = read_video_packet();
            if (!have_packet_) {
                avcodec_send_packet(decoder_.get(), nullptr);
                draining_ = true;
                continue;
            }
            skip_if_unwanted();
            const int sent = avcodec_send_packet(decoder_.get(), packet_.get());
            av_packet_unref(packet_.get());
            have_packet_ = false;
            ++next_packet_;
            ++stats_.packets_sent;
            if (sent < 0 && sent != AVERROR(EAGAIN))
                decode_error_ = ffmpeg::detail::error_string(sent) + " (packet " + std::to_string(next_packet_ - 1) + ")";
        }
    }

    // Before sending the packet at next_packet_: a picture no other picture references (a non-reference B-frame)
    // need not be decoded at all unless it is wanted, so the decoder is told to skip such pictures (AVDISCARD_NONREF,
    // the decoder judges what is a reference) for every packet that carries no frame the whole fetch wants. Not only
    // the current pass's frames: the decoder runs ahead of its output by its reorder delay (with frame threads, by
    // a frame per thread more), so packets of the next pass's frames are sent while this pass waits for its last
    // picture, and skipping them would lose frames the next pass then decodes again from an earlier keyframe.
    // The frames skipped are remembered (skipped_) so that a later read does not continue a pass that lost them.
    // Only where frames are identified by time stamp: counting needs every picture.
    void skip_if_unwanted() {
        AVDiscard discard = AVDISCARD_DEFAULT;
        if (table_ && wanted_ != nullptr) {
            const std::int64_t f = table_->frame_of_packet(static_cast<std::size_t>(next_packet_));
            if (!std::binary_search(wanted_->begin(), wanted_->end(), f)) {
                discard = AVDISCARD_NONREF;
                if (f >= 0) skipped_.push_back(f);
            }
        }
        decoder_->skip_frame = discard;
    }

    // The presentation index of a picture the decoder returned: by time stamp, or by counting from the first frame.
    [[nodiscard]] std::int64_t identify(const AVFrame& f) {
        if (!table_) return ++output_count_;
        const std::int64_t ts = f.pts != AV_NOPTS_VALUE ? f.pts : f.best_effort_timestamp;
        const std::int64_t index = ts == AV_NOPTS_VALUE ? -1 : table_->frame_at_pts(ts);
        if (index < 0) throw timestamps_disagree{};
        return index;
    }

    // Whether decoding on from where the decoder stands yields `todo` (ascending) exactly: no frame of it was output
    // already or sent to the decoder to be skipped.
    [[nodiscard]] bool can_continue(std::int32_t start, std::span<const std::int64_t> todo) const {
        if (!positioned_ || draining_ || start < pass_start_ || start > next_packet_ || todo.front() <= last_output_) return false;
        return std::none_of(skipped_.begin(), skipped_.end(), [&](std::int64_t f) { return std::binary_search(todo.begin(), todo.end(), f); });
    }

    // Decodes `todo` (ascending) from the current position; returns the frames the decoder went past or never returned.
    template <class Sink>
    std::vector<std::int64_t> decode_frames(std::span<const std::int64_t> todo, Sink& sink) {
        std::size_t k = 0;
        std::vector<std::int64_t> missing;
        decode_forward([&](const AVFrame& f, std::int64_t index) {
            if (index <= last_output_) return false;  // a leading picture of an open GOP, or a repeat
            last_output_ = index;
            while (k < todo.size() && todo[k] < index) missing.push_back(todo[k++]);
            if (k < todo.size() && todo[k] == index) {
                if (f.decode_error_flags != 0 || (f.flags & AV_FRAME_FLAG_CORRUPT) != 0)
                    fail(index, "the decoder marked the picture corrupt" + (decode_error_.empty() ? std::string() : " (" + decode_error_ + ")") +
                                    ": the file is damaged or truncated here");
                sink(index, f);
                ++k;
            }
            return k == todo.size();
        });
        while (k < todo.size()) missing.push_back(todo[k++]);
        // Skipped frames the output has passed can never be asked of this pass again: keep only the few ahead.
        std::erase_if(skipped_, [&](std::int64_t f) { return f <= last_output_; });
        return missing;
    }

    // One pass of a plan: from decode position `start` (continuing without a seek where possible) until every
    // frame of `todo` came out. Frames the decoder did not return are retried from the keyframe before, then from
    // the first packet (a keyframe that is not a clean random-access point); then they are an error.
    template <class Sink>
    void run_pass(std::int32_t start, std::vector<std::int64_t> todo, Sink& sink) {
        for (int attempt = 0;; ++attempt) {
            if (!can_continue(start, todo)) seek_to(start);
            todo = decode_frames(todo, sink);
            if (todo.empty()) return;
            if (start == 0 || attempt >= 2) {
                std::string reason = "the decoder returned no picture for it";
                if (!decode_error_.empty()) reason += " (" + decode_error_ + ")";
                if (!read_error_.empty()) reason += "; reading stopped with: " + read_error_;
                fail(todo.front(), reason + ": the file is damaged or truncated here");
            }
            const auto earlier = std::lower_bound(keyframes_.begin(), keyframes_.end(), start);
            start = attempt == 0 && earlier != keyframes_.begin() ? *std::prev(earlier) : 0;
            positioned_ = false;
        }
    }

    // Decodes the frames `wanted` (ascending, distinct) and gives each to sink(index, frame) once.
    // A final read (no read follows) drains the decoder once the last wanted picture's packet is sent.
    template <class Sink>
    void fetch(std::span<const std::int64_t> wanted, Sink&& sink, bool final_read = false) {
        decode_error_.clear();
        if (wanted.empty()) return;
        wanted_ = &wanted;
        // A final read drains after the packet of the last wanted picture (in decode order: its references precede it).
        drain_after_ = -1;
        if (final_read && table_ && std::is_same_v<Seek, exact_seek>)
            for (const auto f : wanted) drain_after_ = std::max(drain_after_, table_->packet(f));
        struct forget_wanted {
            basic_video_reader& reader;
            ~forget_wanted() {
                reader.wanted_ = nullptr;
                reader.drain_after_ = -1;
            }
        } guard{*this};
        try {
            if (!table_) {
                run_pass(0, std::vector<std::int64_t>(wanted.begin(), wanted.end()), sink);
            } else if constexpr (std::is_same_v<Seek, keyframe_seek>) {
                for (const auto k : wanted) fetch_keyframe(k, sink);
            } else {
                for (auto& run : plan_decode(*table_, wanted)) run_pass(run.start_packet, std::move(run.frames), sink);
            }
        } catch (const timestamps_disagree&) {
            // Identify frames by counting from now on; the frames converted so far are converted again.
            table_.reset();
            drain_after_ = -1;
            positioned_ = false;
            run_pass(0, std::vector<std::int64_t>(wanted.begin(), wanted.end()), sink);
        }
    }

    // A keyframe alone: its packet, then a drain, so that the decoder returns its picture without decoding the
    // pictures after it. Falls back to an exact pass for a stream whose first frame is not a keyframe.
    template <class Sink>
    void fetch_keyframe(std::int64_t k, Sink& sink) {
        const std::int32_t packet = table_->packet(k);
        if (table_->start_packet(k) == packet) {
            seek_to(packet);
            decoder_->skip_frame = AVDISCARD_DEFAULT;
            const int sent = avcodec_send_packet(decoder_.get(), packet_.get());
            av_packet_unref(packet_.get());
            have_packet_ = false;
            ++next_packet_;
            ++stats_.packets_sent;
            if (sent >= 0) {
                avcodec_send_packet(decoder_.get(), nullptr);
                draining_ = true;
                bool delivered = false;
                decode_forward([&](const AVFrame& f, std::int64_t index) {
                    if (index != k) return false;
                    sink(index, f);
                    delivered = true;
                    return true;
                });
                positioned_ = false;
                if (delivered) return;
            }
            positioned_ = false;
        }
        run_pass(table_->start_packet(k), {k}, sink);
    }

    // Keyframe policy without time stamps: each distinct frame of `wanted` gets, in its first slot, the pixels of
    // the last keyframe at or before it. Returns the frame each slot of `targets` holds.
    template <class Slot>
    std::vector<std::int64_t> read_keyframes_by_counting(std::span<const std::int64_t> wanted, std::span<const std::int64_t> targets,
                                                         clip& out, Slot&& slot_of) {
        scratch_.resize(height_ * width_ * 3 + 64);  // slack, should a converter write a block past the frame
        std::vector<std::int64_t> source(wanted.size(), -1);
        std::int64_t last_key = -1;
        if (!can_continue(0, wanted)) seek_to(0);
        std::size_t k = 0;
        decode_forward([&](const AVFrame& f, std::int64_t index) {
            last_output_ = index;
            if (f.key_frame != 0 || last_key < 0) {
                convert(f, index, scratch_.data());
                last_key = index;
            }
            if (k < wanted.size() && wanted[k] == index) {
                std::memcpy(out.frame_pixels(slot_of(index)).data(), scratch_.data(), out.frame_size());
                source[k++] = last_key;
            }
            return k == wanted.size();
        });
        if (k < wanted.size()) fail(wanted[k], "the decoder returned no picture for it: the file is damaged or truncated here");
        std::vector<std::int64_t> sources(targets.size());
        for (std::size_t s = 0; s < targets.size(); ++s)
            sources[s] = source[static_cast<std::size_t>(std::lower_bound(wanted.begin(), wanted.end(), targets[s]) - wanted.begin())];
        return sources;
    }

    void convert(const AVFrame& f, std::int64_t index, std::uint8_t* out) {
        if (static_cast<std::size_t>(f.width) != width_ || static_cast<std::size_t>(f.height) != height_)
            fail(index, "the picture is " + std::to_string(f.width) + "x" + std::to_string(f.height) + ", the video's frames are " +
                            std::to_string(width_) + "x" + std::to_string(height_) + " (a change of frame size mid-stream)");
        try {
            converter_.convert(f, out);
        } catch (const std::runtime_error& e) {
            fail(index, e.what());
        }
        ++stats_.frames_converted;
    }

    std::filesystem::path path_;
    video_options options_;
    format_context_ptr format_;
    ffmpeg::detail::codec_context_ptr decoder_;
    ffmpeg::detail::packet_ptr packet_;
    ffmpeg::detail::frame_ptr frame_;
    ffmpeg::detail::rgb_converter converter_;
    int stream_ = -1;
    std::size_t width_ = 0;
    std::size_t height_ = 0;
    std::int64_t frame_count_ = 0;
    std::int64_t container_frame_count_ = -1;
    std::optional<double> fps_;
    std::optional<double> duration_;

    // The demux index: per decode position, the packet's time stamps; (byte position, decode position) sorted by
    // byte position, to recognise where a seek landed; the keyframes' decode positions.
    std::optional<frame_table> table_;
    std::vector<std::int64_t> dts_;
    std::vector<std::int64_t> pts_;
    std::vector<std::pair<std::int64_t, std::int32_t>> positions_;
    std::vector<std::int32_t> keyframes_;
    int reorder_depth_ = 0;
    bool probe_ = false;  // avformat_find_stream_info ran (see header_suffices)

    // The packets of the demux pass, when they were kept (cached_): read_video_packet then serves packets_[cursor_].
    std::vector<ffmpeg::detail::packet_ptr> packets_;
    bool cached_ = false;
    std::size_t cursor_ = 0;

    // Where decoding stands: positioned_ while the decoder holds a continuous pass from pass_start_; next_packet_
    // is the decode position of the next packet to send (in packet_ when have_packet_); last_output_ the index of
    // the last picture the pass returned; output_count_ the same when frames are identified by counting.
    bool positioned_ = false;
    bool have_packet_ = false;
    bool draining_ = false;
    std::int32_t pass_start_ = 0;
    std::int32_t next_packet_ = 0;
    std::int64_t last_output_ = -1;
    std::int64_t output_count_ = -1;

    std::span<const std::int64_t>* wanted_ = nullptr;  // during fetch: every frame it decodes (ascending)
    std::int32_t drain_after_ = -1;                      // during a final fetch: the last packet it needs sent
    std::vector<std::int64_t> skipped_;                // frames sent since the last seek with non-reference pictures skipped
    std::string scan_error_;
    std::string read_error_;
    std::string decode_error_;
    std::vector<std::int64_t> returned_;
    std::vector<std::uint8_t> scratch_;
    decode_stats stats_;
};

/// The default reader: frame-exact random access.
using video_reader = basic_video_reader<exact_seek>;
/// The approximate reader (keyframes only), as decord's and PyAV's "efficient" modes.
using keyframe_video_reader = basic_video_reader<keyframe_seek>;

static_assert(frame_source<video_reader>);
static_assert(frame_source<keyframe_video_reader>);

}  // namespace vidata
