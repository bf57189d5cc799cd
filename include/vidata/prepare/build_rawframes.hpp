// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::build_rawframes: MMAction2's tools/data/build_rawframes.py (RGB frames, and optical flow where the
// OpenCV backend is built), parallel, resumable, safe to kill.
#pragma once

#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/io/video/video_reader.hpp>
#include <vidata/prepare/batch.hpp>
#include <vidata/prepare/frame_encoder.hpp>
#include <vidata/prepare/frame_handoff.hpp>
#include <vidata/prepare/optical_flow.hpp>
#include <vidata/prepare/output_files.hpp>
#include <vidata/prepare/shard.hpp>
#include <vidata/transforms/resample.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cerrno>
#include <span>
#include <exception>
#include <filesystem>
#include <functional>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

// What MMAction2's tool does, and where this differs (reference-behaviour.md §1.10):
// - Inputs are the files `src/*.ext` (level 1) or `src/*/*.ext` (level 2), any extension with mixed_ext; they are
//   processed in sorted order (Python's glob order is the file system's). A video `src/<class>/<name>.<ext>` gives
//   the frame directory `out/<class>/<name>/` holding img_00001.jpg, img_00002.jpg, ... (1-based), one per frame.
// - new_short S: the short side becomes S and the long side int(long · S / short); new_width/new_height: both set,
//   that size. Resizing is cv2.resize's INTER_LINEAR, bit for bit (vidata/transforms/resample.hpp), as MMAction2's
//   OpenCV path (mmcv.imresize) does. JPEG quality 95, cv2.imwrite's default.
// - A frame directory is complete or absent: frames are written into the hidden sibling `.<name>.partial-<pid>` and
//   the directory is renamed into place when the video is done. A partial directory left by a killed run (another
//   pid) is removed when the next run reaches that video's shard.
// - resume skips a video whose frame directory exists (MMAction2 skips the videos its report file lists); the
//   report file `build_report.txt` lists, sorted, the videos whose directory exists, and is rewritten atomically.
// - A video that cannot be opened or decoded is skipped and listed in `failed.txt` (path, tab, reason); MMAction2
//   keeps the frames decoded before the first bad one. A failure to write the output stops the run (io_error).
// - shard {K, N}: the K-th (0-based) of N disjoint slices, every N-th video of the sorted list, so that N
//   processes (a Slurm job array, MPI ranks) cover every video once; reports are then named
//   build_report.shard-K-of-N.txt and failed.shard-K-of-N.txt.
// - task flow|both (MMAction2 runs denseflow for them): the flow of frame i to frame i+1 is written as
//   flow_x_{i+1:05d}.jpg / flow_y_{i+1:05d}.jpg beside the img_ files (both) or alone (flow), n-1 pairs for n frames,
//   at the size the frames are extracted at; vidata/prepare/optical_flow.hpp says how it is computed and quantised.
//   It needs the OpenCV backend (vidata::flow, VIDATA_WITH_FLOW): without it, asking for flow fails at once.

namespace vidata::prepare {

/// Which frames to extract: RGB frames, optical flow (needs the OpenCV backend, vidata::flow) or both.
enum class rawframes_task : unsigned char { rgb, flow, both };

/// Where a run is, passed to `rawframes_options::on_progress` after each video (calls are serialised).
struct rawframes_progress {
    std::size_t videos_total = 0;   ///< videos of this shard
    std::size_t videos_done = 0;    ///< extracted + skipped + failed
    std::size_t extracted = 0;      ///< videos whose frames this run wrote
    std::size_t skipped = 0;        ///< videos resume found done
    std::size_t failed = 0;         ///< videos that could not be read
    std::uint64_t frames = 0;       ///< frames written
    std::uint64_t flows = 0;        ///< flow pairs written (a flow_x and a flow_y file each)
    std::uint64_t bytes = 0;        ///< bytes of the frames written
    double seconds = 0.0;           ///< since the run started
};

/// The same totals in run_batch's terms (videos are its inputs, frames its units; flow pairs have no counterpart),
/// for what shows the other preparation commands' progress.
[[nodiscard]] inline batch_progress to_batch_progress(const rawframes_progress& p) {
    batch_progress b;
    b.inputs_total = p.videos_total;
    b.inputs_done = p.videos_done;
    b.written = p.extracted;
    b.skipped = p.skipped;
    b.failed = p.failed;
    b.units = p.frames;
    b.bytes = p.bytes;
    b.seconds = p.seconds;
    return b;
}

/// A video that could not be extracted.
struct rawframes_failure {
    std::filesystem::path video;  ///< relative to the source directory
    std::string reason;
};

/// What a run did.
struct rawframes_summary {
    rawframes_progress totals;
    std::vector<rawframes_failure> failures;  ///< sorted by path
    std::filesystem::path report_file;
    std::filesystem::path failed_file;
};

/// The options of `build_rawframes.py`, plus sharding and strictness.
struct rawframes_options {
    rawframes_task task = rawframes_task::rgb;
    int level = 2;                              ///< 1: src/*.ext; 2: src/<class>/*.ext
    unsigned num_worker = 1;                    ///< threads, each decoding and encoding one video at a time
    /// FFmpeg's decoder threads per worker; 0: several workers one each (they already fill the cores), one worker
    /// alone the cores its encoder threads leave (at least one).
    unsigned decoder_threads = 0;
    /// Threads per worker that convert, resize, encode and write the RGB frames while the worker decodes the next
    /// ones (the decoder's pictures are handed over by reference, two per thread in flight); 0: the worker does it
    /// all itself. Unset: several workers none, one worker alone half the cores (at most 8, none on one core), as
    /// encoding a frame costs about what decoding it does. Task rgb only: flow is computed in frame order on the
    /// decoding thread.
    std::optional<unsigned> encoder_threads;
    frame_format out_format = frame_format::jpg;
    std::string ext = "avi";                    ///< the videos' extension (ignored with mixed_ext)
    bool mixed_ext = false;                     ///< take every file, whatever its extension
    int new_width = 0;                          ///< with new_height: resize every frame to that size (0: keep)
    int new_height = 0;
    int new_short = 0;                          ///< short side to S, long side int(long · S / short) (0: keep)
    bool resume = false;                        ///< skip videos whose frame directory exists
    flow_algorithm flow = flow_algorithm::tvl1; ///< task flow|both: denseflow's -a (MMAction2's --flow-type)
    int bound = 20;                             ///< task flow|both: flow in [-bound, bound] pixels maps to [0, 255]
    shard part{};
    /// Called after each video with the run's totals; serialised (never two calls at once).
    std::function<void(const rawframes_progress&)> on_progress;
};

/// The frame size a video of size `in` is extracted at, as MMAction2 computes it.
[[nodiscard]] inline image_size rawframe_size(image_size in, const rawframes_options& o) {
    if (o.new_short > 0) {
        const bool height_is_short = in.height <= in.width;
        const int short_side = height_is_short ? in.height : in.width;
        const int long_side = height_is_short ? in.width : in.height;
        // Python's int(long * S / short): an exact product, one correctly rounded division, truncation.
        const int scaled = static_cast<int>(static_cast<double>(static_cast<std::int64_t>(long_side) * o.new_short) / short_side);
        return height_is_short ? image_size{o.new_short, scaled} : image_size{scaled, o.new_short};
    }
    if (o.new_width > 0 && o.new_height > 0) return {o.new_height, o.new_width};
    return in;
}

/// The videos `build_rawframes` would take from `src`, relative to it, sorted.
[[nodiscard]] inline std::vector<std::filesystem::path> list_videos(const std::filesystem::path& src, int level, std::string_view ext,
                                                                    bool mixed_ext) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(src, ec)) throw io_error(src.string(), "not a directory (the source of the videos)");
    std::vector<fs::path> out;
    const auto take = [&](const fs::directory_entry& e, const fs::path& relative) {
        if (!e.is_regular_file(ec)) return;
        const std::string name = e.path().filename().string();
        if (name.empty() || name.front() == '.') return;  // glob's '*' skips hidden files
        if (!mixed_ext && e.path().extension().string() != "." + std::string(ext)) return;
        out.push_back(relative / e.path().filename());
    };
    for (const auto& e : fs::directory_iterator(src)) {
        const std::string name = e.path().filename().string();
        if (level == 1) take(e, {});
        else if (e.is_directory(ec) && !name.empty() && name.front() != '.')
            for (const auto& inner : fs::directory_iterator(e.path())) take(inner, e.path().filename());
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace detail {

// The frame directory of a video, relative to the output: its path with the extension dropped.
[[nodiscard]] inline std::filesystem::path frame_dir_of(const std::filesystem::path& video) {
    return video.parent_path() / video.stem();
}

// "img_00001.jpg": MMAction2's f'img_{i + 1:05d}.jpg'.
[[nodiscard]] inline std::string frame_name(std::int64_t index, frame_format f) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "img_%05lld.", static_cast<long long>(index + 1));
    return std::string(buffer) + std::string(extension_of(f));
}

// "flow_x_00001.jpg": denseflow's flow_x_%05d, the flow from frame `index` - 1 to frame `index` (0-based).
[[nodiscard]] inline std::string flow_name(char axis, std::int64_t index, frame_format f) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "flow_%c_%05lld.", axis, static_cast<long long>(index));
    return std::string(buffer) + std::string(extension_of(f));
}

inline void write_frame_file(const std::filesystem::path& path, std::span<const unsigned char> bytes) {
    vidata::detail::unique_fd fd = vidata::detail::open_fd(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (!fd) throw io_error(path.string(), std::string("cannot create the frame: ") + std::strerror(errno));
    if (const int err = vidata::detail::write_full(fd.get(), bytes.data(), bytes.size()); err != 0)
        throw io_error(path.string(), std::string("cannot write the frame: ") + std::strerror(err));
    if (const int err = fd.close(); err != 0) throw io_error(path.string(), std::string("cannot close the frame: ") + std::strerror(err));
}

struct extracted {
    std::uint64_t frames = 0;
    std::uint64_t flows = 0;
    std::uint64_t bytes = 0;
};

// One thread's means of turning a decoded picture into a frame file: its own converter, resampler, encoder and
// buffers (allocated once per video, reused for every frame).
class rgb_frame_writer {
public:
    rgb_frame_writer(const std::filesystem::path& video, const std::filesystem::path& partial, image_size in, image_size out,
                     const transforms::detail::resample_tables& tables, frame_format format)
        : video_(video), partial_(partial), in_(in), out_(out), resampler_(tables, 3), encoder_(format),
          // slack, should a converter write a block past the frame
          rgb_(static_cast<std::size_t>(in.height) * static_cast<std::size_t>(in.width) * 3 + 64),
          resized_(in == out ? 0 : static_cast<std::size_t>(out.height) * static_cast<std::size_t>(out.width) * 3) {}

    // The picture as RGB24 at the video's size, valid until the next call (decode_error when swscale refuses it).
    const std::uint8_t* to_rgb(std::int64_t index, const AVFrame& picture) {
        try {
            converter_.convert(picture, rgb_.data());
        } catch (const std::runtime_error& e) {
            throw decode_error(video_.string(), index, e.what());
        }
        return rgb_.data();
    }

    // Resizes, encodes and writes frame `index` (RGB24 at the video's size); returns the bytes written.
    std::uint64_t write(std::int64_t index, const std::uint8_t* pixels) {
        if (!resized_.empty()) {
            resampler_.frame(pixels, static_cast<std::size_t>(in_.width), resized_.data());
            pixels = resized_.data();
        }
        const auto bytes = encoder_.encode(pixels, out_.width, out_.height);
        try {
            write_frame_file(partial_ / frame_name(index, encoder_.format()), bytes);
        } catch (...) {
            throw output_failure{std::current_exception()};
        }
        return bytes.size();
    }

private:
    const std::filesystem::path& video_;
    const std::filesystem::path& partial_;
    image_size in_, out_;
    ffmpeg::detail::rgb_converter converter_;
    transforms::detail::resampler resampler_;
    frame_encoder encoder_;
    std::vector<std::uint8_t> rgb_, resized_;
};

// A decoder's picture, held by reference (no copy of its pixels) until a helper has written it.
struct picture_slot {
    ffmpeg::detail::frame_ptr picture{av_frame_alloc()};
};

// The cores this machine offers (at least one).
[[nodiscard]] inline unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// How many helper threads finish the RGB frames of one worker's video (0: the worker does it all).
[[nodiscard]] inline unsigned encoder_threads_of(const rawframes_options& o) {
    if (o.task != rawframes_task::rgb) return 0;  // the flow, far slower, is computed in order on the decoding thread
    if (o.encoder_threads) return *o.encoder_threads;
    return o.num_worker <= 1 ? std::min(cores() / 2, 8u) : 0u;
}

// FFmpeg's decoder threads for one worker's video.
[[nodiscard]] inline int decoder_threads_of(const rawframes_options& o) {
    if (o.decoder_threads > 0) return static_cast<int>(o.decoder_threads);
    if (o.num_worker > 1) return 1;
    const unsigned helpers = encoder_threads_of(o);
    return static_cast<int>(cores() > helpers ? cores() - helpers : 1u);
}

// Decodes `video` picture by picture, writes its frames into a partial directory, then renames that to
// `final_dir`. With encoder threads, the decoding thread only decodes and hands each picture (by reference) to
// them; a few pictures are in flight at a time. Reading errors propagate as vidata::error (the video fails);
// writing errors as output_failure.
inline extracted extract_video(const std::filesystem::path& video, const std::filesystem::path& final_dir, const rawframes_options& o) {
    namespace fs = std::filesystem;
    video_options decoding;
    decoding.threads = decoder_threads_of(o);
    video_reader reader(video, decoding);
    if (reader.frame_count() <= 0) throw decode_error(video.string(), -1, "the video holds no frame");
    const image_size in{static_cast<int>(reader.height()), static_cast<int>(reader.width())};
    const image_size out = rawframe_size(in, o);
    if (out.empty()) throw decode_error(video.string(), -1, "the frames would be resized to an empty size");
    auto plan = crop_plan::identity(in);
    if (out != in) plan.resize(out);
    const transforms::detail::resample_tables tables =
        transforms::detail::make_tables(plan, transforms::interpolation::bilinear, transforms::region_mode::rounded);

    const bool rgb = o.task != rawframes_task::flow;
    const unsigned helpers = encoder_threads_of(o);
#if VIDATA_HAS_FLOW
    // The flow of the frames as decoded, gray then resized as denseflow does: two gray frames held at a time.
    std::optional<flow_extractor> flow;
    if (o.task != rawframes_task::rgb) flow.emplace(o.flow, out, o.bound);
    std::vector<unsigned char> flow_bytes;
#endif

    const fs::path partial = partial_dir(final_dir);
    const auto make_finisher = [&] {
        return [writer = rgb_frame_writer(video, partial, in, out, tables, o.out_format)](std::int64_t index, picture_slot& slot) mutable {
            const std::uint64_t bytes = writer.write(index, writer.to_rgb(index, *slot.picture));
            av_frame_unref(slot.picture.get());  // the decoder may reuse the picture's buffer now
            return bytes;
        };
    };
    extracted result;
    try {
        std::error_code ec;
        fs::remove_all(partial, ec);
        fs::create_directories(partial, ec);
        if (ec) throw io_error(partial.string(), "cannot create the frame directory: " + ec.message());
        // Declared in the try block: leaving it (an error) stops and joins the helpers before the partial directory
        // is removed.
        std::optional<frame_handoff<picture_slot, decltype(make_finisher)>> handoff;
        std::optional<rgb_frame_writer> writer;
        if (helpers > 0) handoff.emplace(helpers, make_finisher);
        else writer.emplace(video, partial, in, out, tables, o.out_format);
        reader.for_each_picture([&](std::int64_t index, const AVFrame& picture) {
            if (handoff) {
                handoff->submit(index, [&](picture_slot& slot) {
                    if (!slot.picture || av_frame_ref(slot.picture.get(), &picture) < 0) throw std::bad_alloc();
                });
                return;
            }
            const std::uint8_t* pixels = writer->to_rgb(index, picture);
#if VIDATA_HAS_FLOW
            if (flow && flow->push(pixels, in)) {
                for (const char axis : {'x', 'y'}) {
                    const auto bytes = encode_flow_image(axis == 'x' ? flow->x() : flow->y(), out, extension_of(o.out_format), flow_bytes);
                    try {
                        write_frame_file(partial / flow_name(axis, index, o.out_format), bytes);
                    } catch (...) {
                        throw output_failure{std::current_exception()};
                    }
                    result.bytes += bytes.size();
                }
                ++result.flows;
            }
#endif
            if (!rgb) return;
            result.bytes += writer->write(index, pixels);
            ++result.frames;
        });
        if (handoff) {
            const auto done = handoff->finish();
            result.frames += done.frames;
            result.bytes += done.bytes;
        }
        // Replacing an earlier run's directory (no resume): absent for a moment, never mixed.
        if (fs::exists(final_dir, ec)) fs::remove_all(final_dir, ec);
        fs::rename(partial, final_dir, ec);
        if (ec) throw output_failure{std::make_exception_ptr(io_error(final_dir.string(), "cannot rename the frames into place: " + ec.message()))};
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(partial, ignored);
        throw;
    }
    return result;
}

}  // namespace detail

/// Extracts the RGB frames (and/or the optical flow) of every video of `src` (this shard's) into `out`, as MMAction2's
/// build_rawframes.py does (see the notes at the top of this header). Returns the totals and the failures; throws
/// invalid_argument for bad options (and for task flow/both in a build without the OpenCV backend), io_error when
/// the source cannot be listed or the output cannot be written.
///
/// Memory: per worker the decoder's pictures, and per thread that writes frames (the worker, or its encoder
/// threads, which hold two pictures each) one RGB frame, one resized frame and one encoded frame, plus the reader's
/// frame index (a few bytes per frame), whatever the videos' length; with flow, two gray frames and one flow field
/// more.
inline rawframes_summary build_rawframes(const std::filesystem::path& src, const std::filesystem::path& out, const rawframes_options& o) {
    namespace fs = std::filesystem;
    if (o.task != rawframes_task::rgb && !has_flow_backend())
        throw invalid_argument("build-rawframes: optical flow (--task flow|both) needs the OpenCV backend, which this build does not have "
                               "(build vidata with the CMake option VIDATA_WITH_FLOW=ON, or AUTO, with OpenCV and its contrib optflow module "
                               "installed: Debian libopencv-contrib-dev or libopencv-dev; Conan/vcpkg: the feature flow; and link vidata::flow). "
                               "--task rgb works without it.");
    if (o.task != rawframes_task::rgb && o.bound <= 0)
        throw invalid_argument("build-rawframes: --bound must be positive, got " + std::to_string(o.bound));
    if (o.level != 1 && o.level != 2) throw invalid_argument("build-rawframes: --level must be 1 or 2, got " + std::to_string(o.level));
    if (o.new_short < 0 || o.new_width < 0 || o.new_height < 0) throw invalid_argument("build-rawframes: sizes must not be negative");
    if ((o.new_width > 0) != (o.new_height > 0))
        throw invalid_argument("build-rawframes: --new-width and --new-height go together (or use --new-short)");
    if (o.new_short > 0 && o.new_width > 0) throw invalid_argument("build-rawframes: --new-short excludes --new-width/--new-height");
    if (o.part.count == 0 || o.part.index >= o.part.count) throw invalid_argument("build-rawframes: the shard must be K/N with K < N");

    // Every video; run_batch takes this shard's (every part.count-th, from part.index).
    const auto all = list_videos(src, o.level, o.ext, o.mixed_ext);
    std::vector<fs::path> frame_dirs;
    for (const auto& v : all) frame_dirs.push_back(detail::frame_dir_of(v));

    rawframes_summary summary;
    summary.report_file = out / ("build_report" + detail::report_suffix(o.part));
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw io_error(out.string(), "cannot create the output directory: " + ec.message());
    // A run killed while rewriting its report leaves its temporaries: this shard's report has one writer, us.
    remove_stale_temp_files(summary.report_file);
    std::vector<char> done(all.size(), 0);  // this shard's videos whose frame directory exists (extracted now or earlier)
    const auto write_report = [&] {
        std::string text;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (done[i] != 0) text += all[i].generic_string() + '\n';
        write_file_atomically(summary.report_file, text);
    };
    auto last_report = std::chrono::steady_clock::now();
    std::atomic<std::uint64_t> flows{0};  // run_batch counts the frames (its units), this the flow pairs
    const auto progress_of = [&](const batch_progress& b) {
        rawframes_progress p;
        p.videos_total = b.inputs_total;
        p.videos_done = b.inputs_done;
        p.extracted = b.written;
        p.skipped = b.skipped;
        p.failed = b.failed;
        p.frames = b.units;
        p.flows = flows.load();
        p.bytes = b.bytes;
        p.seconds = b.seconds;
        return p;
    };

    batch_options run;
    run.num_worker = o.num_worker;
    run.resume = o.resume;
    run.part = o.part;
    run.outputs_are_directories = true;
    // A failed video keeps the directory an earlier run made, if any: the report lists what is on disk. It follows
    // the run every few seconds, so that a killed run leaves a recent one.
    run.after_each = [&](std::size_t i) {
        std::error_code exists_ec;
        done[i] = fs::is_directory(out / frame_dirs[i], exists_ec) ? 1 : 0;
        if (const auto now = std::chrono::steady_clock::now(); now - last_report > std::chrono::seconds(5)) {
            write_report();
            last_report = now;
        }
    };
    if (o.on_progress) run.on_progress = [&](const batch_progress& b) { o.on_progress(progress_of(b)); };
    const batch_summary batch = run_batch(out, all, frame_dirs, run, [&](const batch_job& job) {
        const detail::extracted got = detail::extract_video(src / job.input, job.output, o);
        flows += got.flows;
        return batch_item{got.frames, got.bytes};
    });
    summary.totals = progress_of(batch.totals);
    for (const auto& f : batch.failures) summary.failures.push_back({f.input, f.reason});
    summary.failed_file = batch.failed_file;
    write_report();
    return summary;
}

}  // namespace vidata::prepare
