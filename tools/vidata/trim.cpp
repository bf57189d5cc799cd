// SPDX-License-Identifier: Apache-2.0
// `vidata trim DATASET ANNOTATIONS SRC OUT [...]`: the guides' trimming scripts (Kinetics download.py's cut, FineGYM
// trim_event.py / trim_subaction.py, AVA cut_videos.sh, OmniSource trim_raw_video.py, AVA-Kinetics cut_kinetics.py,
// ActivityNet segments), thin over vidata::prepare::plan_trim and vidata::prepare::trim.
#include "commands.hpp"

#include <vidata/core/error.hpp>

#if VIDATA_CLI_WITH_PREPARE
#include "batch_progress.hpp"

#include <vidata/prepare/trim.hpp>
#include <vidata/prepare/trim_dataset.hpp>

#include <CLI/CLI.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <memory>
#include <optional>
#include <string>
#include <vector>
#endif

namespace vidata::cli {

#if VIDATA_CLI_WITH_PREPARE
namespace trim_command {

struct options {
    std::string dataset;
    std::string annotations;
    std::string src;
    std::string out;
    std::string stage = "events";
    std::string reencode = "auto";
    batch_output::run_flags run;
    std::string source_ext = "mp4";
    std::string kinetics_list;
    std::string preset = "medium";
};

int run(const options& o) {
    // libx264 writes a paragraph per clip at FFmpeg's default level; errors still show.
    av_log_set_level(AV_LOG_ERROR);
    prepare::trim_plan_options plan_options;
    plan_options.stage = o.stage;
    plan_options.source_ext = o.source_ext;
    plan_options.kinetics_list = o.kinetics_list;
    auto cuts = prepare::plan_trim(o.dataset, o.annotations, o.src, plan_options);

    prepare::trim_options t;
    t.reencode = o.reencode == "always" ? prepare::reencode_policy::always : prepare::reencode_policy::when_needed;
    t.encoder.preset = o.preset;
    const batch_output::words words{"trim", "clips", "frames", false, "output"};
    batch_output::apply(o.run, words, t);
    const auto s = prepare::trim(std::move(cuts), o.src, o.out, t);
    return batch_output::report(words, s, o.run.json, o.run.strict, std::nullopt,
                                {{"copied", "copied", s.copied}, {"reencoded", "re-encoded", s.reencoded}});
}

}  // namespace trim_command

void register_trim(CLI::App& app) {
    auto o = std::make_shared<trim_command::options>();
    auto* cmd = app.add_subcommand("trim", "Cut the clips a dataset's guide cuts (Kinetics, ActivityNet, FineGYM, AVA, AVA-Kinetics, OmniSource), "
                                           "by stream copy where exact, else libx264");
    std::vector<std::string> datasets(prepare::trim_datasets.begin(), prepare::trim_datasets.end());
    cmd->add_option("DATASET", o->dataset, "kinetics400|kinetics600|kinetics700|activitynet|gym|ava|ava-kinetics|omnisource")
        ->required()
        ->check(CLI::IsMember(datasets));
    cmd->add_option("ANNOTATIONS", o->annotations,
                    "Kinetics CSV; ActivityNet json; FineGYM annotation json; AVA/OmniSource: a list of the videos or '-' for all of SRC; "
                    "AVA-Kinetics: kinetics_train_v1.0.csv")
        ->required();
    cmd->add_option("SRC", o->src, "Directory of the source videos (gym --stage subactions: the event clips)")->required();
    cmd->add_option("OUT", o->out, "Directory of the clips")->required();
    cmd->add_option("--stage", o->stage, "gym: events (trim_event.py, default) or subactions (trim_subaction.py)")
        ->check(CLI::IsMember({"events", "subactions"}));
    cmd->add_option("--reencode", o->reencode, "auto (default): stream copy where the cut is exact, else libx264; always: libx264 always")
        ->check(CLI::IsMember({"auto", "always"}));
    batch_output::add_run_flags(cmd, o->run, "cut", "cuts");  // a cut is one clip of one source
    cmd->add_option("--source-ext", o->source_ext, "kinetics*, activitynet: the downloaded videos' extension (default mp4)");
    cmd->add_option("--kinetics-list", o->kinetics_list, "ava-kinetics: the Kinetics-700 list of the downloaded clips (cut_kinetics.py's --kinetics_list)");
    cmd->add_option("--preset", o->preset, "libx264's preset for re-encoded clips (default medium, as ffmpeg)");
    cmd->callback([o] {
        const int status = trim_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}
#else
// A build without vidata::prepare cannot cut: the subcommand says so instead of vanishing.
void register_trim(CLI::App& app) {
    auto* cmd = app.add_subcommand("trim", "Cut the clips a dataset's guide cuts (needs vidata::ffmpeg and vidata::image)");
    cmd->allow_extras();
    cmd->callback([] {
        throw invalid_argument("trim: this vidata was built without vidata::prepare (VIDATA_WITH_IMAGE=ON, VIDATA_WITH_FFMPEG=ON)");
    });
}
#endif

}  // namespace vidata::cli
