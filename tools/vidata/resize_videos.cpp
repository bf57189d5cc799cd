// SPDX-License-Identifier: Apache-2.0
// `vidata resize-videos SRC DST [...]`: MMAction2's tools/data/resize_videos.py, thin over
// vidata::prepare::resize_videos; this file only parses options and shows progress.
#include "commands.hpp"

#include <vidata/core/error.hpp>

#if VIDATA_CLI_WITH_PREPARE
#include "batch_progress.hpp"

#include <vidata/prepare/resize_videos.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>
#endif

namespace vidata::cli {

#if VIDATA_CLI_WITH_PREPARE
namespace resize_videos_command {

struct options {
    std::string src;
    std::string dst;
    bool dense = false;
    int level = 2;
    int scale = 256;
    std::string ext = "mp4";
    bool to_mp4 = false;
    batch_output::run_flags run;
};

int run(const options& o) {
    prepare::resize_options r;
    r.level = o.level;
    r.scale = o.scale;
    r.ext = o.ext;
    r.dense = o.dense;
    r.to_mp4 = o.to_mp4;
    if (avcodec_find_encoder_by_name("libx264") == nullptr)
        std::cerr << "resize-videos: this FFmpeg has no libx264 encoder: the videos are encoded as MPEG-4 part 2 (mpeg4) instead of H.264\n";
    // x264's per-video statistics would bury the progress lines; errors still show (MMAction2 runs ffmpeg -loglevel error).
    av_log_set_level(AV_LOG_ERROR);
    const batch_output::words words{"resize-videos", "videos", "frames", true};
    batch_output::apply(o.run, words, r);
    const auto s = prepare::resize_videos(o.src, o.dst, r);
    return batch_output::report(words, s, o.run.json, o.run.strict, s.codec);
}

}  // namespace resize_videos_command

void register_resize_videos(CLI::App& app) {
    auto o = std::make_shared<resize_videos_command::options>();
    auto* cmd = app.add_subcommand("resize-videos",
                                   "Re-encode every video with its short side --scale, H.264 (MMAction2's tools/data/resize_videos.py)");
    cmd->add_option("SRC", o->src, "Directory of the videos (level 2: SRC/<class>/<video>.<ext>)")->required();
    cmd->add_option("DST", o->dst, "Directory of the resized videos (the same relative paths)")->required();
    cmd->add_flag("--dense", o->dense, "A keyframe every 16 frames (ffmpeg's -g 16): the dense-encoded cache");
    cmd->add_option("--level", o->level, "1: SRC/*.ext; 2: SRC/*/*.ext (default 2)")->check(CLI::IsMember({1, 2}));
    cmd->add_option("--scale", o->scale, "The short side after resizing, even (default 256)")->check(CLI::Range(2, 16384));
    cmd->add_option("--ext", o->ext, "The videos' extension (default mp4)");
    cmd->add_flag("--to-mp4", o->to_mp4, "Write DST/<path>.mp4 whatever the input's extension");
    batch_output::add_run_flags(cmd, o->run, "video", "videos");
    cmd->callback([o] {
        const int status = resize_videos_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}
#else
// A build without FFmpeg cannot encode videos: the subcommand says so instead of vanishing.
void register_resize_videos(CLI::App& app) {
    auto* cmd = app.add_subcommand("resize-videos", "Re-encode every video with its short side --scale (needs vidata::ffmpeg and vidata::image)");
    cmd->allow_extras();
    cmd->callback([] {
        throw invalid_argument("resize-videos: this vidata was built without vidata::image or vidata::ffmpeg "
                               "(VIDATA_WITH_IMAGE=ON, VIDATA_WITH_FFMPEG=ON)");
    });
}
#endif

}  // namespace vidata::cli
