// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::cut_video: the frames of a video whose time lies in [start, end) written as a clip, by stream copy
// where the keyframes allow it exactly and by re-encoding (libx264) otherwise; atomically.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/ffmpeg/detail/libav.hpp>
#include <vidata/io/video/frame_table.hpp>
#include <vidata/io/video/video_reader.hpp>
#include <vidata/io/video/video_writer.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <new>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

// Which frames a clip holds (the contract the tests check):
// - A source frame's time is its presentation time stamp minus the first frame's, in seconds, computed as one correctly
//   rounded division of exact integers ((pts - pts0) * tb.num / tb.den), so frame 50 of a 25 fps file is at 2.0
//   exactly. The clip [start, end) holds the source frames whose time t satisfies start <= t < end, in order.
//   (ffmpeg's `-ss S -t D` measures from the container's start time, which is the first frame's for the videos these
//   scripts cut; where an audio stream starts earlier, ffmpeg's times shift by the difference and these do not.)
// - Stream copy: when those frames' packets are, in decode order, one run that starts at a keyframe, that decoding
//   starts from (closed GOP at the cut), and that holds no packet of a frame outside the range, the packets are copied
//   unchanged (time stamps shifted so that the clip starts at 0): the clip decodes to the same pictures, bit for bit.
//   Otherwise (a start inside a GOP, a B-frame at the end that references a dropped frame, an open GOP) the frames are
//   decoded and re-encoded, as the scripts' `-c:v libx264` always does. reencode_policy::always forces that.
// - A constant output rate (`fps > 0`, AVA's `-r 30`): output frame k (from 0) is at time start + k / fps, for every k
//   with that time before min(end, the end of the source's last frame); it shows the source frame on screen then, the
//   latest of the range's frames whose time is at most start + k / fps (times within a microsecond count as equal),
//   or the range's first frame before that one appears. ffmpeg's fps filter picks the frame nearest in time instead
//   (round=near), so at a rate change it may show a frame one step later.
// - Audio, as the scripts' `-c:a copy`: the packets of the source's best audio stream whose time (on the video's clock)
//   lies in [the clip's time 0, end) are copied unchanged beside the video, shifted as it is. The clip's time 0 is its
//   first frame's time, or `start` at a constant output rate. Packets are whole (an AAC packet is ~21 ms), so the
//   audio starts within a packet of the video. A container that cannot hold the audio's codec gets the video alone.
// - A range holding no frame is a decode_error naming the file and the range.

namespace vidata::prepare {

/// When cut_video re-encodes.
enum class reencode_policy : unsigned char {
    when_needed,  ///< stream copy where that is exact (see the notes in this header), re-encode otherwise
    always,       ///< always re-encode (the scripts' behaviour)
};

/// How cut_video writes a clip.
struct cut_options {
    reencode_policy reencode = reencode_policy::when_needed;
    /// > 0: re-encode at this constant frame rate (AVA's and AVA-Kinetics' `-r 30`); 0 keeps the source's frames.
    double fps = 0.0;
    /// The re-encoder: libx264 where available, with the ffmpeg CLI's defaults (crf 23, preset medium, x264's own GOP).
    video_writer_options encoder{.codec = {}, .gop_size = -1};
};

/// What cut_video wrote.
struct cut_result {
    bool stream_copied = false;
    std::int64_t frames = 0;       ///< frames in the clip
    std::int64_t first_frame = 0;  ///< the source's index of the first frame in [start, end)
    std::int64_t last_frame = 0;   ///< the source's index of the last frame in [start, end)
    std::uint64_t bytes = 0;       ///< the clip's size
};

/// A failure to write the output (not the source's fault): a run stops on it instead of listing the clip as failed.
struct cut_output_error {
    std::exception_ptr error;
};

namespace detail {

// One demux pass over the video stream: what a cut needs to know without decoding.
struct demuxed_video {
    AVRational time_base{0, 1};
    AVRational frame_rate{0, 1};
    AVCodecID codec = AV_CODEC_ID_NONE;
    std::vector<packet_info> packets;  // decode order
    std::vector<std::int64_t> positions;  // each packet's byte position in the file, decode order (-1: unknown)
    std::vector<std::int64_t> seek_times; // what a seek to each packet asks for: min(dts, pts), in the time base
    std::optional<frame_table> table;

    // True when the byte positions identify packets: known and increasing (one stream's packets in file order).
    [[nodiscard]] bool positions_identify_packets() const {
        for (std::size_t i = 0; i < positions.size(); ++i)
            if (positions[i] < 0 || (i > 0 && positions[i] <= positions[i - 1])) return false;
        return true;
    }

    // Frame i's time in seconds from the first frame: one correctly rounded division of exact integers.
    [[nodiscard]] double time_of(std::int64_t i) const {
        const auto ticks = static_cast<long double>(table->pts(i) - table->pts(0)) * time_base.num;
        return static_cast<double>(ticks / time_base.den);
    }
};

// Opens `path` with its best video stream in `stream`; with `audio`, its best audio stream there (-1: none) is read
// too, every other stream is discarded by the demuxer.
[[nodiscard]] inline ffmpeg::detail::format_context_ptr open_input(const std::filesystem::path& path, int& stream, int* audio = nullptr) {
    AVFormatContext* raw = nullptr;
    if (const int r = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); r < 0) {
        std::error_code ec;
        if (r == AVERROR(ENOENT) || r == AVERROR(EACCES) || !std::filesystem::is_regular_file(path, ec))
            throw io_error(path.string(), "cannot open the video: " + ffmpeg::detail::error_string(r));
        throw decode_error(path.string(), -1, "FFmpeg cannot open it as a video: " + ffmpeg::detail::error_string(r));
    }
    ffmpeg::detail::format_context_ptr format(raw);
    if (const int r = avformat_find_stream_info(format.get(), nullptr); r < 0)
        throw decode_error(path.string(), -1, "FFmpeg cannot read its stream parameters: " + ffmpeg::detail::error_string(r));
    stream = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream < 0) throw decode_error(path.string(), -1, "it has no video stream");
    if (audio != nullptr) {
        *audio = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, stream, nullptr, 0);
        if (*audio < 0) *audio = -1;
    }
    for (unsigned s = 0; s < format->nb_streams; ++s)
        if (static_cast<int>(s) != stream && (audio == nullptr || static_cast<int>(s) != *audio)) format->streams[s]->discard = AVDISCARD_ALL;
    return format;
}

[[nodiscard]] inline demuxed_video demux_video(const std::filesystem::path& path) {
    int stream = -1;
    auto format = open_input(path, stream);
    demuxed_video out;
    const AVStream* st = format->streams[stream];
    out.time_base = st->time_base;
    out.codec = st->codecpar->codec_id;
    out.frame_rate = st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0 ? st->avg_frame_rate : st->r_frame_rate;
    ffmpeg::detail::packet_ptr packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    for (;;) {
        const int r = av_read_frame(format.get(), packet.get());
        if (r == AVERROR_EOF) break;
        if (r < 0) throw decode_error(path.string(), -1, "cannot read its packets: " + ffmpeg::detail::error_string(r));
        if (packet->stream_index == stream) {
            out.packets.push_back({packet->pts == AV_NOPTS_VALUE ? packet_info::no_pts : packet->pts, (packet->flags & AV_PKT_FLAG_KEY) != 0,
                                   (packet->flags & AV_PKT_FLAG_DISCARD) != 0});
            out.positions.push_back(packet->pos);
            out.seek_times.push_back(packet->dts != AV_NOPTS_VALUE && packet->pts != AV_NOPTS_VALUE ? std::min(packet->dts, packet->pts)
                                     : packet->dts != AV_NOPTS_VALUE                                ? packet->dts
                                                                                                    : packet->pts);
        }
        av_packet_unref(packet.get());
    }
    out.table = frame_table::build(out.packets);
    if (out.time_base.num <= 0 || out.time_base.den <= 0) throw decode_error(path.string(), -1, "its video stream has no time base");
    if (!out.table)
        throw decode_error(path.string(), -1, "its video packets carry no usable time stamps (frames cannot be located in time to cut)");
    if (out.table->frame_count() == 0) throw decode_error(path.string(), -1, "the video holds no frame");
    return out;
}

// The source frames [first, last) whose time lies in [start, end).
[[nodiscard]] inline std::pair<std::int64_t, std::int64_t> frames_in(const demuxed_video& v, double start, double end) {
    const std::int64_t n = v.table->frame_count();
    std::int64_t first = 0;
    while (first < n && v.time_of(first) < start) ++first;  // linear, but a demux pass over the file came before
    std::int64_t last = first;
    while (last < n && v.time_of(last) < end) ++last;
    return {first, last};
}

// True when the frames [first, last) are exactly the packets of one decode-order run that starts at a keyframe decoding
// starts from: then copying those packets reproduces those pictures and nothing else.
[[nodiscard]] inline bool copyable(const demuxed_video& v, std::int64_t first, std::int64_t last) {
    const frame_table& t = *v.table;
    const std::int32_t p0 = t.packet(first);
    if (!v.packets[static_cast<std::size_t>(p0)].keyframe || t.start_packet(first) != p0) return false;
    std::int32_t lowest = p0, highest = p0;
    for (std::int64_t i = first; i < last; ++i) {
        lowest = std::min(lowest, t.packet(i));
        highest = std::max(highest, t.packet(i));
    }
    // n distinct positions spanning exactly n slots: a gap-free run (a discarded packet inside would leave a gap).
    return lowest == p0 && static_cast<std::int64_t>(highest - lowest) + 1 == last - first;
}

// Which audio packets a clip takes: those whose time (on the video's clock: seconds from its first frame) lies in
// [origin, end), where `origin` is the clip's time 0; and the shift, in the audio's time base, that moves `origin` to 0.
struct audio_window {
    AVRational time_base{0, 1};
    double first_video_seconds = 0.0;  // the video's first frame's time stamp, in seconds
    double origin = 0.0;
    double end = 0.0;

    [[nodiscard]] bool takes(const AVPacket& p) const {
        return p.pts != AV_NOPTS_VALUE && time_of(p.pts) >= origin - 1e-9 && time_of(p.pts) < end;
    }
    [[nodiscard]] bool past(const AVPacket& p) const { return p.pts != AV_NOPTS_VALUE && time_of(p.pts) >= end; }
    [[nodiscard]] double time_of(std::int64_t pts) const { return static_cast<double>(pts) * av_q2d(time_base) - first_video_seconds; }
    [[nodiscard]] std::int64_t shift() const { return std::llround((origin + first_video_seconds) / av_q2d(time_base)); }
    void move_to_clip(AVPacket& p) const {
        const std::int64_t by = shift();
        if (p.pts != AV_NOPTS_VALUE) p.pts -= by;
        if (p.dts != AV_NOPTS_VALUE) p.dts -= by;
    }
};

[[nodiscard]] inline audio_window make_audio_window(const AVFormatContext& input, int video, int audio, std::int64_t first_video_pts, double origin,
                                                    double end) {
    audio_window w;
    w.time_base = input.streams[audio]->time_base;
    w.first_video_seconds = static_cast<double>(first_video_pts) * av_q2d(input.streams[video]->time_base);
    w.origin = origin;
    w.end = end;
    return w;
}

// The audio stream a clip of `muxer` copies, or -1: none in the source, or a codec the container cannot hold.
[[nodiscard]] inline int copyable_audio(const AVFormatContext& input, int audio, const AVOutputFormat* muxer) {
    if (audio < 0) return -1;
    const AVCodecParameters* p = input.streams[audio]->codecpar;
    if (p->codec_id == AV_CODEC_ID_NONE || avformat_query_codec(muxer, p->codec_id, FF_COMPLIANCE_NORMAL) != 1) return -1;
    return input.streams[audio]->time_base.num > 0 ? audio : -1;
}

// Writes the packets at decode positions [from, from + count) of `source`'s video stream to `target` through an
// atomic temporary, time stamps shifted by -pts_offset. Output errors come out as cut_output_error.
// With the source's audio, the audio packets of [time of the first copied frame, end) go along.
// Reading starts at the keyframe before the cut's (a GOP of slack for audio muxed a little ahead of its video), found
// by a seek and the packets' byte positions, not at the file's start: a cut late in a long video reads its own part.
inline void copy_packets(const std::filesystem::path& source, const std::filesystem::path& target, const demuxed_video& v, std::int32_t from,
                         std::int64_t count, std::int64_t pts_offset, std::int64_t first_video_pts, double end, bool durable) {
    int stream = -1, audio = -1;
    auto input = open_input(source, stream, &audio);
    const AVStream* in = input->streams[stream];
    const AVRational in_time_base = in->time_base;  // `input` may be reopened below
    const AVOutputFormat* muxer = av_guess_format(nullptr, target.filename().c_str(), nullptr);
    if (muxer == nullptr)
        throw invalid_argument(target.string() + ": FFmpeg has no container for the extension '" + target.extension().string() + "'");
    audio = copyable_audio(*input, audio, muxer);
    const double origin = static_cast<double>(pts_offset - first_video_pts) * av_q2d(in->time_base);
    const audio_window window = audio >= 0 ? make_audio_window(*input, stream, audio, first_video_pts, origin, end) : audio_window{};
    std::optional<atomic_file> file;
    try {
        file.emplace(target, atomic_file_options{.durable = durable});
    } catch (const io_error&) {
        throw cut_output_error{std::current_exception()};
    }
    const std::string temp = file->temp_path().string();
    const auto fail = [&](const std::string& what, int code) {
        throw cut_output_error{std::make_exception_ptr(decode_error(target.string(), -1, what + ": " + ffmpeg::detail::error_string(code)))};
    };
    AVFormatContext* raw = nullptr;
    if (const int r = avformat_alloc_output_context2(&raw, muxer, nullptr, temp.c_str()); r < 0 || raw == nullptr)
        fail("cannot set up the muxer", r);
    vidata::detail::output_format_ptr output(raw);
    AVStream* out = avformat_new_stream(output.get(), nullptr);
    if (out == nullptr) throw std::bad_alloc();
    if (const int r = avcodec_parameters_copy(out->codecpar, in->codecpar); r < 0) fail("cannot describe the stream", r);
    out->codecpar->codec_tag = 0;  // the source container's tag may mean nothing in the target's
    out->time_base = in->time_base;
    out->avg_frame_rate = in->avg_frame_rate;
    out->r_frame_rate = in->r_frame_rate;
    out->sample_aspect_ratio = in->sample_aspect_ratio;
    AVStream* sound = nullptr;
    if (audio >= 0) {
        sound = avformat_new_stream(output.get(), nullptr);
        if (sound == nullptr) throw std::bad_alloc();
        if (const int r = avcodec_parameters_copy(sound->codecpar, input->streams[audio]->codecpar); r < 0) fail("cannot describe the audio", r);
        sound->codecpar->codec_tag = 0;
        sound->time_base = input->streams[audio]->time_base;
    }
    if ((muxer->flags & AVFMT_NOFILE) == 0) {
        if (const int r = avio_open(&output->pb, temp.c_str(), AVIO_FLAG_WRITE); r < 0)
            throw cut_output_error{std::make_exception_ptr(io_error(target.string(), "cannot open " + temp + ": " + ffmpeg::detail::error_string(r)))};
    }
    if (const int r = avformat_write_header(output.get(), nullptr); r < 0) fail("cannot write the container's header", r);
    ffmpeg::detail::packet_ptr packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    std::int64_t position = -1, copied = 0;
    bool audio_done = audio < 0;
    bool located = true;  // the decode position of the next video packet is position + 1
    std::int32_t anchor = from - 1;
    while (anchor > 0 && !v.packets[static_cast<std::size_t>(anchor)].keyframe) --anchor;
    if (anchor > 0 && v.positions_identify_packets() && v.seek_times[static_cast<std::size_t>(anchor)] != AV_NOPTS_VALUE &&
        av_seek_frame(input.get(), stream, v.seek_times[static_cast<std::size_t>(anchor)], AVSEEK_FLAG_BACKWARD) >= 0)
        located = false;
    while (copied < count || !audio_done) {
        const int r = av_read_frame(input.get(), packet.get());
        if (r < 0 && copied == count) break;  // the audio ends before the clip does
        if (r < 0) throw decode_error(source.string(), -1, "its packets ended before the clip's last one: " + ffmpeg::detail::error_string(r));
        if (!located) {  // after the seek: nothing is written until the first video packet says where reading is
            if (packet->stream_index != stream) {
                av_packet_unref(packet.get());
                continue;
            }
            const auto at = std::lower_bound(v.positions.begin(), v.positions.end(), packet->pos);
            located = true;
            if (packet->pos >= 0 && at != v.positions.end() && *at == packet->pos && at - v.positions.begin() <= from) {
                position = (at - v.positions.begin()) - 1;
            } else {  // the demuxer landed somewhere unknown or past the cut: read from the start instead
                av_packet_unref(packet.get());
                int again = -1;
                input = open_input(source, stream, &again);
                position = -1;
                continue;
            }
        }
        if (packet->stream_index == audio) {
            if (window.past(*packet)) audio_done = true;
            else if (window.takes(*packet)) {
                window.move_to_clip(*packet);
                av_packet_rescale_ts(packet.get(), window.time_base, sound->time_base);
                packet->stream_index = sound->index;
                packet->pos = -1;
                if (const int w = av_interleaved_write_frame(output.get(), packet.get()); w < 0) fail("cannot write an audio packet", w);
            }
            av_packet_unref(packet.get());
            continue;
        }
        if (packet->stream_index != stream || copied == count) {
            av_packet_unref(packet.get());
            continue;
        }
        ++position;
        if (position < from) {
            av_packet_unref(packet.get());
            continue;
        }
        if (packet->pts != AV_NOPTS_VALUE) packet->pts -= pts_offset;
        if (packet->dts != AV_NOPTS_VALUE) packet->dts -= pts_offset;
        av_packet_rescale_ts(packet.get(), in_time_base, out->time_base);
        packet->stream_index = out->index;
        packet->pos = -1;
        if (const int w = av_interleaved_write_frame(output.get(), packet.get()); w < 0) fail("cannot write a packet", w);
        ++copied;
    }
    if (const int r = av_write_trailer(output.get()); r < 0) fail("cannot write the container's trailer", r);
    if (output->pb != nullptr && (muxer->flags & AVFMT_NOFILE) == 0) {
        if (const int r = avio_closep(&output->pb); r < 0)
            throw cut_output_error{std::make_exception_ptr(io_error(target.string(), "cannot write " + temp + ": " + ffmpeg::detail::error_string(r)))};
    }
    output.reset();
    try {
        file->commit();  // the bytes went through FFmpeg's own descriptor of the same file; commit syncs and renames
    } catch (const io_error&) {
        throw cut_output_error{std::current_exception()};
    }
}

// The source frame each output frame shows at a constant rate `fps` (see the notes at the top of this header).
[[nodiscard]] inline std::vector<std::int64_t> resampled_frames(const demuxed_video& v, std::int64_t first, std::int64_t last, double start,
                                                                double end, double fps) {
    const std::int64_t n = v.table->frame_count();
    double stop = end;
    if (last == n) {  // the range reaches the source's end: its last frame lasts one source frame period
        const double period = v.frame_rate.num > 0 ? av_q2d(av_inv_q(v.frame_rate))
                                                   : (n > 1 ? (v.time_of(n - 1) - v.time_of(0)) / static_cast<double>(n - 1) : 1.0 / fps);
        stop = std::min(end, v.time_of(n - 1) + period);
    }
    constexpr double same_time = 1e-6;
    std::vector<std::int64_t> out;
    std::int64_t shown = first;
    for (std::int64_t k = 0;; ++k) {
        const double t = start + static_cast<double>(k) / fps;
        if (!(t < stop - same_time)) break;
        while (shown + 1 < last && v.time_of(shown + 1) <= t + same_time) ++shown;
        out.push_back(shown);
    }
    return out;
}

// Decodes the pictures `frames` names (source indices, non-decreasing, in output order: a picture repeats where a
// constant output rate shows it twice) and encodes them at `fps` into `target`, in YUV as the ffmpeg CLI does (no RGB
// round trip), the stream tagged with the source's colour description.
// With the source's audio, its packets of [origin, end) go along, `origin` (the first output frame's time) made 0.
inline void reencode(const std::filesystem::path& source, const std::filesystem::path& target, const std::vector<std::int64_t>& frames,
                     double fps, const video_writer_options& encoder, std::int64_t first_video_pts, double origin, double end) {
    // The audio first, whole (compressed, a few hundred kB a minute): then it interleaves with the video as it is encoded.
    int stream = -1, audio = -1;
    auto input = open_input(source, stream, &audio);
    const AVOutputFormat* muxer = av_guess_format(nullptr, target.filename().c_str(), nullptr);
    audio = muxer != nullptr ? copyable_audio(*input, audio, muxer) : -1;
    std::vector<ffmpeg::detail::packet_ptr> sound;
    audio_window window;
    if (audio >= 0) {
        window = make_audio_window(*input, stream, audio, first_video_pts, origin, end);
        ffmpeg::detail::packet_ptr packet(av_packet_alloc());
        if (!packet) throw std::bad_alloc();
        while (av_read_frame(input.get(), packet.get()) >= 0) {
            if (packet->stream_index == audio && window.takes(*packet)) {
                window.move_to_clip(*packet);
                sound.emplace_back(av_packet_alloc());
                if (!sound.back()) throw std::bad_alloc();
                av_packet_move_ref(sound.back().get(), packet.get());
            }
            av_packet_unref(packet.get());
        }
    }
    std::size_t sound_at = 0;
    const auto write_sound_until = [&](double seconds, video_writer& w) {
        for (; sound_at < sound.size() && static_cast<double>(sound[sound_at]->pts) * av_q2d(window.time_base) < seconds; ++sound_at)
            w.write_copied(0, *sound[sound_at]);
    };

    video_reader reader(source);
    video_writer writer;
    std::size_t at = 0;  // the next output frame
    reader.for_each_picture(frames.front(), frames.back() + 1, [&](std::int64_t index, const AVFrame& picture) {
        if (!writer.is_open()) {
            video_writer_options o = encoder;
            o.colour = video_colour::of(picture);
            if (audio >= 0) o.copied_streams.push_back({input->streams[audio]->codecpar, window.time_base});
            try {
                writer.open(target, reader.width(), reader.height(), fps, o);
            } catch (const io_error&) {
                throw cut_output_error{std::current_exception()};
            }
        }
        for (; at < frames.size() && frames[at] == index; ++at) {
            write_sound_until(static_cast<double>(at) / fps, writer);
            writer.write(picture);
        }
    });
    if (at != frames.size()) throw decode_error(source.string(), frames[at], "the decoder returned no picture for it");
    write_sound_until(end - origin, writer);
    try {
        writer.finish();
    } catch (const io_error&) {
        throw cut_output_error{std::current_exception()};
    }
}

// invalid_argument unless [start, end) is a finite, non-empty cut and the output frame rate is valid.
inline void check_cut(double start, double end, const std::filesystem::path& target, const cut_options& options) {
    if (!(std::isfinite(start) && std::isfinite(end) && start < end))
        throw invalid_argument(target.string() + ": the cut [" + std::to_string(start) + ", " + std::to_string(end) + ") is empty or not finite");
    if (options.fps < 0.0 || !std::isfinite(options.fps)) throw invalid_argument(target.string() + ": the output frame rate must be >= 0");
}

// cut_video once the cut is checked and the source's demux pass made (`v`, demux_video(source)'s): several cuts of
// one source share that pass (trim's demux_cache).
inline cut_result cut_demuxed(const std::filesystem::path& source, const demuxed_video& v, double start, double end,
                              const std::filesystem::path& target, const cut_options& options) {
    const auto [first, last] = frames_in(v, start, end);
    if (first == last)
        throw decode_error(source.string(), -1,
                           "no frame lies in [" + std::to_string(start) + ", " + std::to_string(end) + ") s (its frames span 0 to " +
                               std::to_string(v.time_of(v.table->frame_count() - 1)) + " s)");
    cut_result result;
    result.first_frame = first;
    result.last_frame = last - 1;
    const AVOutputFormat* muxer = av_guess_format(nullptr, target.filename().c_str(), nullptr);
    if (muxer == nullptr)
        throw invalid_argument(target.string() + ": FFmpeg has no container for the extension '" + target.extension().string() + "'");

    const bool copy = options.reencode == reencode_policy::when_needed && options.fps == 0.0 && copyable(v, first, last) &&
                      avformat_query_codec(muxer, v.codec, FF_COMPLIANCE_NORMAL) == 1;
    if (copy) {
        copy_packets(source, target, v, v.table->packet(first), last - first, v.table->pts(first), v.table->pts(0), end,
                     options.encoder.durable);
        result.stream_copied = true;
        result.frames = last - first;
    } else {
        std::vector<std::int64_t> frames;
        double fps = options.fps;
        if (fps > 0.0) {
            frames = resampled_frames(v, first, last, start, end, fps);
        } else {
            for (std::int64_t i = first; i < last; ++i) frames.push_back(i);
            fps = v.frame_rate.num > 0 && v.frame_rate.den > 0 ? av_q2d(v.frame_rate) : 25.0;
        }
        video_writer_options encoder = options.encoder;
        // A container that cannot hold H.264 (WebM) gets its own default encoder, as the ffmpeg CLI would pick.
        if (encoder.codec.empty() && avformat_query_codec(muxer, AV_CODEC_ID_H264, FF_COMPLIANCE_NORMAL) != 1)
            if (const AVCodec* own = avcodec_find_encoder(muxer->video_codec)) encoder.codec = own->name;
        const double origin = options.fps > 0.0 ? start : v.time_of(first);
        reencode(source, target, frames, fps, encoder, v.table->pts(0), origin, end);
        result.frames = static_cast<std::int64_t>(frames.size());
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(target, ec);
    result.bytes = ec ? 0 : static_cast<std::uint64_t>(size);
    return result;
}

}  // namespace detail

/// Writes the frames of `source` whose time lies in [start, end) seconds to `target` (container from its extension),
/// by stream copy when that is exact and the policy allows it, else re-encoded (see the notes at the top of this header).
/// The target appears complete or not at all; its directory must exist.
///
///   auto r = vidata::prepare::cut_video("videos/abc.mp4", 13.0, 23.0, "out/abc_000013_000023.mp4");
///   r.stream_copied;  // true when the cut fell on keyframes
///
/// Errors: io_error naming the source when it cannot be opened; decode_error naming it when it is no video, has no
/// frame in the range, or fails to decode; invalid_argument for start >= end, a bad fps, an odd frame size (yuv420p)
/// or a target extension FFmpeg has no muxer for; cut_output_error wrapping the io_error or muxer error when the target
/// cannot be written.
inline cut_result cut_video(const std::filesystem::path& source, double start, double end, const std::filesystem::path& target,
                            const cut_options& options = {}) {
    detail::check_cut(start, end, target, options);
    return detail::cut_demuxed(source, detail::demux_video(source), start, end, target, options);
}

/// The container's duration of `video` as `ffprobe` prints it ("Duration: 00:00:10.03"): rounded to the nearest
/// hundredth of a second. What OmniSource's trim_raw_video.py reads to count a video's 10-second parts.
[[nodiscard]] inline double probe_duration(const std::filesystem::path& video) {
    int stream = -1;
    auto format = detail::open_input(video, stream);
    std::int64_t d = format->duration;
    if (d == AV_NOPTS_VALUE || d < 0) {
        const AVStream* st = format->streams[stream];
        if (st->duration == AV_NOPTS_VALUE || st->duration < 0) throw decode_error(video.string(), -1, "its duration is unknown");
        d = av_rescale_q(st->duration, st->time_base, AVRational{1, AV_TIME_BASE});
    }
    const std::int64_t centiseconds = (d + 5000) / 10000;  // av_dump_format's rounding
    return static_cast<double>(centiseconds) / 100.0;
}

}  // namespace vidata::prepare
