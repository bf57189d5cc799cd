// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::build_videos: MMAction2's tools/data/build_videos.py (frame directories -> videos), in process,
// parallel, resumable, atomic.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/image/image_decoder.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/io/video/video_writer.hpp>
#include <vidata/prepare/shard.hpp>
#include <vidata/prepare/video_jobs.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

// What MMAction2's tool does (reference-behaviour.md §1.10): for each frame directory `src/*` (level 1) or
// `src/*/*` (level 2), `ffmpeg -start_number S -r FPS -i '<dir>/<filename_tmpl>.<in_format>' -vcodec V
// out/<dir>.<out_format>`. How vidata does it:
// - Frames: ffmpeg's image2 reader: the first index in [start_idx, start_idx + 5) whose file exists (its
//   start_number_range), then every following index while the file exists. So the default start 0 also takes
//   build_rawframes' 1-based img_00001.jpg... The template is printf-like as ffmpeg's: one `%d` (`%0Nd`, `%Nd`: zero
//   padded to N digits either way), `%%` a percent sign.
// - Frame i of the directory is frame i of the video at time i / fps; every frame must have the first one's size,
//   which must be even (yuv420p; ffmpeg would scale or pad instead), else the directory fails.
// - Codec: vcodec (mpeg4 by default) in yuv420p, BT.601 limited range; mpeg4 at the fixed quantiser `qscale` (3 by
//   default) where ffmpeg's default is a 200 kb/s rate that blurs anything larger than a thumbnail; encoders with a
//   crf (libx264) at crf 23. The container from out_format.
// - Differences: the frame directories are taken in sorted order; a directory whose frames cannot be read is
//   skipped and listed in out/failed.txt; each video is written atomically; resume skips the videos that exist.

namespace vidata::prepare {

/// The options of `build_videos.py`, plus sharding.
struct build_videos_options {
    int level = 2;                          ///< 1: src/<frames>/; 2: src/<class>/<frames>/
    double fps = 30.0;                      ///< the videos' frame rate (the input rate `-r`)
    int start_idx = 0;                      ///< the first frame index to look for (`-start_number`)
    std::string filename_tmpl = "img_%05d"; ///< the frames' names without extension, printf-like
    std::string in_format = "jpg";          ///< the frames' extension
    std::string vcodec = "mpeg4";           ///< a libavcodec encoder name
    std::string out_format = "mp4";         ///< the videos' extension (container)
    int qscale = 3;                         ///< mpeg4's quantiser, 1 (best) to 31
    unsigned num_worker = 1;                ///< threads, each encoding one video at a time
    bool resume = false;                    ///< skip directories whose video exists
    shard part{};
    /// Called after each directory with the run's totals; serialised (never two calls at once).
    std::function<void(const batch_progress&)> on_progress;
};

namespace detail {

// A printf-like template with one integer conversion, as ffmpeg's av_get_frame_filename reads it.
struct frame_name_template {
    std::string before, after;
    int digits = 0;

    static frame_name_template parse(std::string_view t) {
        frame_name_template out;
        bool found = false;
        std::string* part = &out.before;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] != '%') {
                *part += t[i];
                continue;
            }
            std::size_t j = i + 1;
            int digits = 0;
            while (j < t.size() && t[j] >= '0' && t[j] <= '9' && digits < 100) digits = digits * 10 + (t[j++] - '0');
            if (j < t.size() && t[j] == '%' && j == i + 1) {
                *part += '%';
                i = j;
            } else if (j < t.size() && t[j] == 'd' && !found) {
                found = true;
                out.digits = digits;
                part = &out.after;
                i = j;
            } else {
                throw invalid_argument("build-videos: --filename-tmpl '" + std::string(t) +
                                       "' must hold exactly one %d (or %05d...); a literal % is %%");
            }
        }
        if (!found) throw invalid_argument("build-videos: --filename-tmpl '" + std::string(t) + "' holds no %d (or %05d...)");
        return out;
    }

    [[nodiscard]] std::string name(long long index) const {
        char buffer[128];
        std::snprintf(buffer, sizeof buffer, "%0*lld", digits, index);
        return before + buffer + after;
    }
};

// The frame directories of `src`, relative to it, sorted: its directories (level 1) or its directories' (level 2).
[[nodiscard]] inline std::vector<std::filesystem::path> list_frame_dirs(const std::filesystem::path& src, int level) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(src, ec)) throw io_error(src.string(), "not a directory (the source of the frame directories)");
    const auto visible_dir = [&](const fs::directory_entry& e) {
        const std::string name = e.path().filename().string();
        return !name.empty() && name.front() != '.' && e.is_directory(ec);
    };
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(src)) {
        if (!visible_dir(e)) continue;
        if (level == 1) out.push_back(e.path().filename());
        else
            for (const auto& inner : fs::directory_iterator(e.path()))
                if (visible_dir(inner)) out.push_back(e.path().filename() / inner.path().filename());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Encodes the frames of the directory `input` as the video `output`.
inline video_job_result build_one(const std::filesystem::path& input, const std::filesystem::path& output, const build_videos_options& o,
                                  const frame_name_template& tmpl, unsigned workers) {
    namespace fs = std::filesystem;
    const std::string extension = "." + o.in_format;
    const auto frame_path = [&](long long i) { return input / (tmpl.name(i) + extension); };
    std::error_code ec;
    long long first = o.start_idx;
    while (first < static_cast<long long>(o.start_idx) + 5 && !fs::is_regular_file(frame_path(first), ec)) ++first;
    if (first == static_cast<long long>(o.start_idx) + 5)
        throw io_error(input.string(), "no frame " + frame_path(o.start_idx).filename().string() + " (nor the 4 indices after it)");

    image_decoder decoder;
    std::vector<std::uint8_t> bytes, pixels;
    image_header size;
    video_writer_options encoding;
    encoding.codec = o.vcodec;
    encoding.gop_size = -1;  // the encoder's default, as the ffmpeg CLI
    encoding.qscale = o.qscale;
    encoding.threads = workers <= 1 ? 0 : 1;
    encoding.durable = false;
    video_writer writer;
    for (long long i = first; fs::is_regular_file(frame_path(i), ec); ++i) {
        const fs::path path = frame_path(i);
        read_file_bytes(path, bytes);
        const image_header h = decoder.header(bytes, path.string());
        if (i == first) {
            size = h;
            if (h.width % 2 != 0 || h.height % 2 != 0 || h.width == 0 || h.height == 0)
                throw decode_error(path.string(), -1,
                                   "the frames are " + std::to_string(h.width) + "x" + std::to_string(h.height) +
                                       ": the video (yuv420p) needs an even width and height");
            pixels.resize(h.size(image_channels::rgb));
            writing([&] { writer.open(output, h.width, h.height, o.fps, encoding); });
        } else if (h.width != size.width || h.height != size.height) {
            throw decode_error(path.string(), -1,
                               "the frame is " + std::to_string(h.width) + "x" + std::to_string(h.height) + ", the first frame " +
                                   std::to_string(size.width) + "x" + std::to_string(size.height));
        }
        decoder.decode_into(bytes, h, image_channels::rgb, pixels, path.string());
        writing([&] { writer.write(std::span<const std::uint8_t>(pixels)); });
    }
    return finish_video(writer, output);
}

}  // namespace detail

/// Encodes every frame directory of `src` (this shard's) as a video in `out`, as MMAction2's build_videos.py does
/// (see the notes at the top of this header). Returns the totals, the failures and the codec; throws
/// invalid_argument for bad options, io_error when the source cannot be listed or the output cannot be written.
/// Memory: per worker one frame's file, its pixels and the encoder's buffers.
inline video_job_summary build_videos(const std::filesystem::path& src, const std::filesystem::path& out, const build_videos_options& o) {
    if (o.level != 1 && o.level != 2) throw invalid_argument("build-videos: --level must be 1 or 2, got " + std::to_string(o.level));
    if (!(o.fps > 0.0) || o.fps > 1000.0) throw invalid_argument("build-videos: --fps must be in (0, 1000], got " + std::to_string(o.fps));
    if (o.start_idx < 0) throw invalid_argument("build-videos: --start-idx must not be negative");
    if (o.in_format.empty() || o.out_format.empty()) throw invalid_argument("build-videos: --in-format and --out-format must not be empty");
    if (o.part.count == 0 || o.part.index >= o.part.count) throw invalid_argument("build-videos: the shard must be K/N with K < N");
    if (avcodec_find_encoder_by_name(o.vcodec.c_str()) == nullptr)
        throw invalid_argument("build-videos: FFmpeg has no encoder named '" + o.vcodec + "'");
    if (av_guess_format(nullptr, ("x." + o.out_format).c_str(), nullptr) == nullptr)
        throw invalid_argument("build-videos: FFmpeg has no container for the extension '" + o.out_format + "'");
    const auto tmpl = detail::frame_name_template::parse(o.filename_tmpl);

    const auto dirs = detail::list_frame_dirs(src, o.level);
    std::vector<std::filesystem::path> outputs;
    for (const auto& dir : dirs) outputs.push_back(std::filesystem::path(dir) += "." + o.out_format);
    return detail::run_video_jobs(out, dirs, outputs, batch_options_of(o), [&](const batch_job& job) {
        return detail::build_one(src / job.input, job.output, o, tmpl, job.workers);
    });
}

}  // namespace vidata::prepare
