// SPDX-License-Identifier: Apache-2.0
// `vidata build-videos SRC OUT [...]`: MMAction2's tools/data/build_videos.py, thin over
// vidata::prepare::build_videos; this file only parses options and shows progress.
#include "commands.hpp"

#include <vidata/core/error.hpp>

#if VIDATA_CLI_WITH_PREPARE
#include "batch_progress.hpp"

#include <vidata/prepare/build_videos.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#endif

namespace vidata::cli {

#if VIDATA_CLI_WITH_PREPARE
namespace build_videos_command {

struct options {
    std::string src;
    std::string out;
    prepare::build_videos_options library;
    batch_output::run_flags run;
};

int run(options o) {
    av_log_set_level(AV_LOG_ERROR);  // the encoders' statistics would bury the progress lines; errors still show
    const batch_output::words words{"build-videos", "videos", "frames", true};
    batch_output::apply(o.run, words, o.library);
    const auto s = prepare::build_videos(o.src, o.out, o.library);
    return batch_output::report(words, s, o.run.json, o.run.strict, s.codec);
}

}  // namespace build_videos_command

void register_build_videos(CLI::App& app) {
    auto o = std::make_shared<build_videos_command::options>();
    auto& l = o->library;
    auto* cmd = app.add_subcommand("build-videos", "Encode every frame directory as a video (MMAction2's tools/data/build_videos.py)");
    cmd->add_option("SRC", o->src, "Directory of the frame directories (level 2: SRC/<class>/<video>/img_00001.jpg)")->required();
    cmd->add_option("OUT", o->out, "Directory of the videos (OUT/<class>/<video>.<out-format>)")->required();
    cmd->add_option("--fps", l.fps, "The videos' frame rate (default 30)")->check(CLI::Range(0.001, 1000.0));
    cmd->add_option("--level", l.level, "1: SRC/*/; 2: SRC/*/*/ (default 2)")->check(CLI::IsMember({1, 2}));
    cmd->add_option("--start-idx", l.start_idx, "The first frame index to look for, as ffmpeg's -start_number (default 0)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--filename-tmpl", l.filename_tmpl, "The frames' names without extension, printf-like (default img_%05d)");
    cmd->add_option("--in-format", l.in_format, "The frames' extension (default jpg)");
    cmd->add_option("--vcodec", l.vcodec, "The encoder (default mpeg4, at --qscale)");
    cmd->add_option("--qscale", l.qscale, "mpeg4's quantiser, 1 (best) to 31 (default 3)")->check(CLI::Range(1, 31));
    cmd->add_option("--out-format", l.out_format, "The videos' extension: the container (default mp4)");
    batch_output::add_run_flags(cmd, o->run, "frame directory", "frame directories");
    cmd->callback([o] {
        const int status = build_videos_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}
#else
// A build without FFmpeg or vidata::image cannot decode frames and encode videos: the subcommand says so.
void register_build_videos(CLI::App& app) {
    auto* cmd = app.add_subcommand("build-videos", "Encode every frame directory as a video (needs vidata::ffmpeg and vidata::image)");
    cmd->allow_extras();
    cmd->callback([] {
        throw invalid_argument("build-videos: this vidata was built without vidata::image or vidata::ffmpeg "
                               "(VIDATA_WITH_IMAGE=ON, VIDATA_WITH_FFMPEG=ON)");
    });
}
#endif

}  // namespace vidata::cli
