// SPDX-License-Identifier: Apache-2.0
// `vidata decode VIDEO|FRAME_DIR --frames 0,5,17|all [--md5] [--json] [--threads N] [--seek exact|keyframe]`: decode frames, print their MD5s or the speed.
#include "commands.hpp"

#include <vidata/core/error.hpp>
#if VIDATA_CLI_WITH_FFMPEG
#include <vidata/io/ffmpeg/md5.hpp>
#include <vidata/io/video/video_reader.hpp>
#endif
#if __has_include(<vidata/io/image/rawframe_source.hpp>)
#include <vidata/io/image/rawframe_source.hpp>
#define VIDATA_CLI_HAS_RAWFRAMES 1
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata::cli {
namespace {

struct decode_options {
    std::string input;
    std::string frames;
    bool md5 = false;
    bool json = false;
    int threads = 1;
    std::string seek = "exact";
    std::string filename_tmpl = "img_{:05d}.jpg";
    std::int64_t start_index = 1;
};

// "all" (nullopt) or comma-separated non-negative integers.
std::optional<std::vector<std::int64_t>> parse_frames(std::string_view spec) {
    if (spec == "all") return std::nullopt;
    std::vector<std::int64_t> out;
    std::size_t pos = 0;
    while (pos <= spec.size()) {
        const std::size_t comma = std::min(spec.find(',', pos), spec.size());
        const std::string_view field = spec.substr(pos, comma - pos);
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
        if (field.empty() || ec != std::errc() || end != field.data() + field.size())
            throw invalid_argument("--frames: expected 'all' or comma-separated frame indices such as 0,5,17, got '" +
                                   std::string(spec) + "'");
        out.push_back(value);
        pos = comma + 1;
    }
    return out;
}

using clock_type = std::chrono::steady_clock;

// What a decode gathered: each frame's index, the frame it holds, and its MD5 (when asked).
struct decoded_frame {
    std::int64_t index = 0;
    std::int64_t source = 0;
    std::string md5;
};

struct decode_result {
    std::vector<decoded_frame> frames;
    std::size_t decoded = 0;
    std::int64_t frame_count = 0;
    std::size_t width = 0;
    std::size_t height = 0;
};

// The MD5 of a frame's pixels (libavutil's, as the ffmpeg CLI's framemd5), or "" when not asked for.
[[nodiscard]] std::string frame_md5([[maybe_unused]] const decode_options& o, [[maybe_unused]] std::span<const std::uint8_t> pixels) {
#if VIDATA_CLI_WITH_FFMPEG
    if (o.md5) return ffmpeg::md5_hex(pixels);
#endif
    return {};
}

#if VIDATA_CLI_WITH_FFMPEG
template <class Reader>
decode_result decode_video(const decode_options& o, const std::optional<std::vector<std::int64_t>>& wanted) {
    Reader reader(o.input, video_options{o.threads});
    decode_result r;
    r.frame_count = reader.frame_count();
    r.width = reader.width();
    r.height = reader.height();
    if (!wanted) {
        // The whole video, one reused frame buffer: no clip of every frame in memory.
        reader.for_each_frame([&](std::int64_t index, clip_view frame) {
            r.frames.push_back({index, index, frame_md5(o, frame.pixels())});
        });
        r.decoded = r.frames.size();
        return r;
    }
    // One read and no other: the final-read overload (the reader stays valid for returned_indices()).
    const clip c = std::move(reader).read(*wanted);
    for (std::size_t s = 0; s < wanted->size(); ++s)
        r.frames.push_back({(*wanted)[s], reader.returned_indices()[s], frame_md5(o, c.frame_pixels(s))});  // NOLINT(bugprone-use-after-move)
    r.decoded = wanted->size();
    return r;
}
#endif

#ifdef VIDATA_CLI_HAS_RAWFRAMES
decode_result decode_frame_dir(const decode_options& o, const std::optional<std::vector<std::int64_t>>& wanted) {
    rawframe_source source(o.input, rawframe_options{.filename_template = o.filename_tmpl, .start_index = o.start_index});
    decode_result r;
    r.frame_count = source.frame_count();
    std::vector<std::int64_t> indices;
    if (wanted) {
        indices = *wanted;
    } else {
        for (std::int64_t i = 0; i < r.frame_count; ++i) indices.push_back(o.start_index + i);
    }
    // In batches, so that `--frames all` on a long video's frames never holds them all.
    constexpr std::size_t batch = 64;
    for (std::size_t first = 0; first < indices.size(); first += batch) {
        const std::vector<std::int64_t> part(indices.begin() + static_cast<std::ptrdiff_t>(first),
                                             indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), first + batch)));
        const clip c = source.read(part);
        r.width = c.width();
        r.height = c.height();
        for (std::size_t s = 0; s < part.size(); ++s)
            r.frames.push_back({part[s], part[s], frame_md5(o, c.frame_pixels(s))});
    }
    r.decoded = indices.size();
    return r;
}
#endif

void run_decode(const decode_options& o) {
#if VIDATA_CLI_WITH_FFMPEG
    // Our errors name the file and the frame in one line; the decoders' own complaints about damaged data would bury it.
    av_log_set_level(AV_LOG_QUIET);
#else
    if (o.md5) throw invalid_argument("--md5 takes the MD5 through FFmpeg's libavutil, and this build of vidata has no FFmpeg (VIDATA_WITH_FFMPEG=OFF)");
#endif
    const auto wanted = parse_frames(o.frames);
    if (o.threads < 0) throw invalid_argument("--threads: expected 0 (FFmpeg's choice) or a positive count, got " + std::to_string(o.threads));
    const auto t0 = clock_type::now();
    decode_result r;
    if (std::filesystem::is_directory(o.input)) {
#ifdef VIDATA_CLI_HAS_RAWFRAMES
        if (o.seek != "exact") throw invalid_argument("--seek applies to videos; " + o.input + " is a frame directory");
        r = decode_frame_dir(o, wanted);
#else
        throw invalid_argument(o.input + " is a directory, and this build of vidata reads no frame directories (rawframe_source is missing)");
#endif
    } else {
#if VIDATA_CLI_WITH_FFMPEG
        r = o.seek == "keyframe" ? decode_video<keyframe_video_reader>(o, wanted) : decode_video<video_reader>(o, wanted);
#else
        throw invalid_argument(o.input + ": this build of vidata decodes no videos: it was configured with VIDATA_WITH_FFMPEG=OFF "
                               "(FFmpeg's libavformat, libavcodec and libswscale are needed; Debian: libavformat-dev libavcodec-dev "
                               "libswscale-dev)");
#endif
    }
    const double seconds = std::chrono::duration<double>(clock_type::now() - t0).count();
    const double rate = seconds > 0 ? static_cast<double>(r.decoded) / seconds : 0.0;

    if (o.md5) {
        if (o.json) {
            nlohmann::ordered_json frames = nlohmann::ordered_json::array();
            for (const auto& f : r.frames) {
                nlohmann::ordered_json entry{{"index", f.index}, {"md5", f.md5}};
                if (o.seek == "keyframe") entry["decoded_index"] = f.source;
                frames.push_back(std::move(entry));
            }
            std::cout << nlohmann::ordered_json{{"frames", std::move(frames)}, {"frame_count", r.frame_count}}.dump() << '\n';
        } else {
            for (const auto& f : r.frames) std::cout << f.index << ' ' << f.md5 << '\n';
        }
        return;
    }
    if (o.json) {
        std::cout << nlohmann::ordered_json{{"frames", r.decoded},         {"seconds", seconds}, {"frames_per_second", rate},
                                            {"frame_count", r.frame_count}, {"width", r.width},   {"height", r.height}}
                         .dump()
                  << '\n';
    } else {
        std::printf("%zu frames (%zux%zu, of %lld) in %.3f s: %.1f frames/s\n", r.decoded, r.width, r.height,
                    static_cast<long long>(r.frame_count), seconds, rate);
    }
}

}  // namespace

void register_decode(CLI::App& app) {
    auto options = std::make_shared<decode_options>();
    auto* cmd = app.add_subcommand("decode", "decode frames of a video (FFmpeg) or a frame directory to RGB24; print their MD5s or the speed");
    cmd->add_option("INPUT", options->input, "a video file, or a directory of extracted frames")->required()->check(CLI::ExistingPath);
    cmd->add_option("--frames", options->frames,
                    "'all', or comma-separated indices: for a video, frame i is the i-th in presentation order (from 0); for a "
                    "frame directory, the number in the file name (start index included)")
        ->required();
    cmd->add_flag("--md5", options->md5,
                  "print each frame's MD5 of its RGB24 pixels at native size (for a video, what `ffmpeg -i VIDEO -map 0:v:0 "
                  "-fps_mode passthrough -pix_fmt rgb24 -f framemd5 -` prints for it)");
    cmd->add_flag("--json", options->json, "print one JSON object");
    cmd->add_option("--threads", options->threads, "video decoder threads (0: FFmpeg's choice)")->capture_default_str();
    cmd->add_option("--seek", options->seek, "video random access: exact (the frames asked for) or keyframe (the keyframe before each)")
        ->check(CLI::IsMember({"exact", "keyframe"}))
        ->capture_default_str();
    cmd->add_option("--filename-tmpl", options->filename_tmpl, "frame directory: the frames' file name template")->capture_default_str();
    cmd->add_option("--start-index", options->start_index, "frame directory: the number of its first frame")->capture_default_str();
    cmd->callback([options] { run_decode(*options); });
}

}  // namespace vidata::cli
