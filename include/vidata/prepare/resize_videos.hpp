// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::resize_videos: MMAction2's tools/data/resize_videos.py (the `*_256p_dense_cache` re-encode), in
// process, parallel, resumable, atomic.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/io/video/video_reader.hpp>
#include <vidata/io/video/video_writer.hpp>
#include <vidata/prepare/build_rawframes.hpp>
#include <vidata/prepare/shard.hpp>
#include <vidata/prepare/video_jobs.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

// What MMAction2's tool does (reference-behaviour.md §1.10), and how vidata does it:
// - Inputs are `src/*.ext` (level 1) or `src/*/*.ext` (level 2), taken in sorted order (list_videos, as
//   build_rawframes). Each is re-encoded to DST/<the same relative path>; with to_mp4 the extension becomes .mp4.
// - Size: for a landscape video (w > h) ffmpeg's `scale=-2:S`, otherwise `scale=S:-2`: the short side (the height
//   of a square) becomes S and the other side round(other · S / side / 2) · 2, rounded half away from zero as
//   av_rescale does, so even (resized_video_size).
// - Scaling: swscale, bicubic (the ffmpeg CLI's default flags for its filters), straight from the decoder's YUV
//   pictures to yuv420p (video_writer::write(const AVFrame&)), as ffmpeg's scale filter does: no RGB round trip. The
//   source's colour description (BT.709, ...) is carried on, as the ffmpeg CLI does.
// - Encoding: `-c:v libx264 -an`: libx264 at its defaults as the ffmpeg CLI leaves them (preset medium, crf 23,
//   keyint 250 with scene-cut keyframes, threads auto at one worker), no audio. dense adds `-g 16`: a keyframe every
//   16 frames at most (x264 may add one at a scene cut, as it does under ffmpeg). Where libavcodec has no libx264,
//   mpeg4 at quantiser 3, and the summary's codec says so.
// - Frames and time: every decoded frame is encoded once (the count equals the source's), frame i at i / fps with
//   fps the source's average frame rate: the ffmpeg CLI's constant-frame-rate output (mp4 is not a variable-rate
//   muxer to it) for a constant-rate source. A variable-rate source is not resampled (ffmpeg would duplicate or
//   drop frames to hold the rate). MMAction2's --remove-dup (mpdecimate, -vsync vfr) is not offered.
// - Differences: MMAction2 runs ffmpeg through os.popen and never checks it; here a video that cannot be read is
//   skipped and listed in DST/failed.txt (path, tab, reason), and the output is written atomically (a temporary
//   beside it, renamed when complete), so a killed run leaves no partial video; resume skips the outputs that exist.
//   A failure to write the output stops the run (io_error).

namespace vidata::prepare {

/// The options of `resize_videos.py`, plus sharding.
struct resize_options {
    int level = 2;                  ///< 1: src/*.ext; 2: src/<class>/*.ext
    int scale = 256;                ///< the short side after resizing; even (yuv420p)
    std::string ext = "mp4";        ///< the videos' extension
    bool dense = false;             ///< a keyframe every 16 frames (`-g 16`)
    bool to_mp4 = false;            ///< write DST/<path>.mp4 whatever the input's extension
    unsigned num_worker = 1;        ///< threads, each re-encoding one video at a time
    bool resume = false;            ///< skip inputs whose output exists
    shard part{};
    /// The encoder; empty: libx264 where libavcodec has it, else mpeg4 (video_writer's choice).
    std::string codec;
    int crf = 23;                   ///< libx264's rate factor (x264's default, as the ffmpeg CLI leaves it)
    std::string preset = "medium";  ///< libx264's preset (x264's default)
    /// Called after each video with the run's totals; serialised (never two calls at once).
    std::function<void(const batch_progress&)> on_progress;
};

/// The size `ffmpeg -vf scale=-2:S` (landscape, w > h) or `scale=S:-2` (portrait or square) gives a video of size
/// `in`: the side scaled to S, the other av_rescale(S, other, side · 2) · 2 (rounded to nearest, half away from zero).
[[nodiscard]] inline image_size resized_video_size(image_size in, int scale) {
    const auto rescale_even = [](std::int64_t s, std::int64_t other, std::int64_t side) {
        const std::int64_t divisor = side * 2;
        return static_cast<int>((s * other + divisor / 2) / divisor * 2);
    };
    if (in.width > in.height) return {scale, rescale_even(scale, in.width, in.height)};
    return {rescale_even(scale, in.height, in.width), scale};
}

/// The output of the input `relative`: the same path under DST, with .mp4 under to_mp4.
[[nodiscard]] inline std::filesystem::path resized_output_path(const std::filesystem::path& relative, const resize_options& o) {
    if (!o.to_mp4) return relative;
    std::filesystem::path p = relative;
    return p.replace_extension(".mp4");
}

namespace detail {

// Re-encodes `input` to `output`: decode (YUV pictures), scale and encode in one pass, one picture in memory at a time.
inline video_job_result resize_one(const std::filesystem::path& input, const std::filesystem::path& output, const resize_options& o,
                                   unsigned workers) {
    // One worker alone lets FFmpeg decode and x264 encode on every core (threads auto, as the ffmpeg CLI); several
    // workers already fill the cores, one thread each.
    video_options decoding;
    decoding.threads = workers <= 1 ? 0 : 1;
    video_reader reader(input, decoding);
    if (reader.frame_count() <= 0) throw decode_error(input.string(), -1, "the video holds no frame");
    const auto fps = reader.fps();
    if (!fps || !(*fps > 0.0)) throw decode_error(input.string(), -1, "the video stream has no frame rate");
    const image_size in{static_cast<int>(reader.height()), static_cast<int>(reader.width())};
    const image_size size = resized_video_size(in, o.scale);
    if (size.width < 2 || size.height < 2)
        throw decode_error(input.string(), -1,
                           "a " + std::to_string(in.width) + "x" + std::to_string(in.height) + " video would be resized to an empty size");

    video_writer_options encoding;
    encoding.codec = o.codec;
    encoding.gop_size = o.dense ? 16 : -1;
    encoding.max_b_frames = -1;
    encoding.crf = o.crf;
    encoding.preset = o.preset;
    encoding.threads = workers <= 1 ? 0 : 1;
    encoding.durable = false;  // as ffmpeg: the rename alone keeps a killed run from leaving a partial video
    video_writer writer;
    reader.for_each_picture([&](std::int64_t index, const AVFrame& picture) {
        writing([&] {
            // Opened at the first picture, to carry its colour description on (BT.709 stays BT.709), as ffmpeg does.
            if (index == 0) {
                encoding.colour = video_colour::of(picture);
                writer.open(output, static_cast<std::size_t>(size.width), static_cast<std::size_t>(size.height), *fps, encoding);
            }
            writer.write(picture);
        });
    });
    if (writer.frames_written() != reader.frame_count())
        throw decode_error(input.string(), writer.frames_written(),
                           "the decoder returned " + std::to_string(writer.frames_written()) + " of its " +
                               std::to_string(reader.frame_count()) + " frames");
    return finish_video(writer, output);
}

}  // namespace detail

/// Re-encodes every video of `src` (this shard's) into `dst` with its short side `o.scale`, as MMAction2's
/// resize_videos.py does (see the notes at the top of this header). Returns the totals, the failures and the codec;
/// throws invalid_argument for bad options, io_error when the source cannot be listed or the output cannot be written.
///
/// Memory: per worker the decoder's and the encoder's buffers (x264's lookahead: a few dozen frames at the output
/// size) and the reader's frame index (a few bytes per frame), whatever the videos' length.
inline video_job_summary resize_videos(const std::filesystem::path& src, const std::filesystem::path& dst, const resize_options& o) {
    if (o.level != 1 && o.level != 2) throw invalid_argument("resize-videos: --level must be 1 or 2, got " + std::to_string(o.level));
    if (o.scale < 2 || o.scale % 2 != 0 || o.scale > 16384)
        throw invalid_argument("resize-videos: --scale must be even (libx264's yuv420p needs even sizes) and in [2, 16384], got " +
                               std::to_string(o.scale));
    if (o.part.count == 0 || o.part.index >= o.part.count) throw invalid_argument("resize-videos: the shard must be K/N with K < N");
    if (o.ext.empty()) throw invalid_argument("resize-videos: --ext must not be empty");
    if (!o.codec.empty() && avcodec_find_encoder_by_name(o.codec.c_str()) == nullptr)
        throw invalid_argument("resize-videos: FFmpeg has no encoder named '" + o.codec + "'");
    std::error_code ec;
    if (std::filesystem::equivalent(src, dst, ec))
        throw invalid_argument("resize-videos: the destination is the source directory (" + src.string() + "): the outputs would replace the inputs");

    const auto videos = list_videos(src, o.level, o.ext, false);
    std::vector<std::filesystem::path> outputs;
    for (const auto& v : videos) outputs.push_back(resized_output_path(v, o));
    return detail::run_video_jobs(dst, videos, outputs, batch_options_of(o),
                                  [&](const batch_job& job) { return detail::resize_one(src / job.input, job.output, o, job.workers); });
}

}  // namespace vidata::prepare
