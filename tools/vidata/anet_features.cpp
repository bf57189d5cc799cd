// SPDX-License-Identifier: Apache-2.0
// `vidata anet-features RGB_DIR FLOW_DIR OUT_DIR`: MMAction2's tools/data/activitynet/activitynet_feature_postprocessing.py,
// thin over vidata::prepare::postprocess_activitynet_features; this file only parses options and shows progress.
#include "batch_progress.hpp"
#include "commands.hpp"

#include <vidata/prepare/activitynet_features.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace vidata::cli {

namespace anet_features_command {

struct options {
    std::string rgb;
    std::string flow;
    std::string dest;
    batch_output::run_flags run;
};

int run(const options& o) {
    prepare::anet_features_options a;
    const batch_output::words words{"anet-features", "videos", "", false, "name"};
    batch_output::apply(o.run, words, a);
    return batch_output::report(words, prepare::postprocess_activitynet_features(o.rgb, o.flow, o.dest, a), o.run.json, o.run.strict);
}

}  // namespace anet_features_command

void register_anet_features(CLI::App& app) {
    auto o = std::make_shared<anet_features_command::options>();
    auto* cmd = app.add_subcommand("anet-features",
                                   "ActivityNet RGB and flow snippet features pooled to 100 steps and concatenated into csv_mean_100 "
                                   "(MMAction2's tools/data/activitynet/activitynet_feature_postprocessing.py)");
    cmd->add_option("RGB_DIR,--rgb", o->rgb, "Directory of the RGB feature pickles (<video>.pkl)")->required();
    cmd->add_option("FLOW_DIR,--flow", o->flow, "Directory of the flow feature pickles (same names)")->required();
    cmd->add_option("OUT_DIR,--dest", o->dest, "Directory of the CSVs (<video>.csv)")->required();
    batch_output::add_run_flags(cmd, o->run, "video", "videos");
    cmd->callback([o] {
        const int status = anet_features_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}

}  // namespace vidata::cli
