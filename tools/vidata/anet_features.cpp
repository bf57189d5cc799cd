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
    unsigned num_worker = 8;
    bool resume = false;
    std::string shard;
    bool strict = false;
    bool json = false;
};

int run(const options& o) {
    prepare::anet_features_options a;
    a.num_worker = o.num_worker;
    a.resume = o.resume;
    if (!o.shard.empty()) a.part = prepare::parse_shard(o.shard);
    const batch_output::words words{"anet-features", "videos", "", false, "name"};
    a.on_progress = batch_output::progress_printer(words);
    return batch_output::report(words, prepare::postprocess_activitynet_features(o.rgb, o.flow, o.dest, a), o.json, o.strict);
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
    cmd->add_option("--num-worker", o->num_worker, "Threads, one video each (default 8)")->check(CLI::Range(1u, 1024u));
    cmd->add_flag("--resume", o->resume, "Skip videos whose CSV exists");
    cmd->add_option("--shard", o->shard, "K/N: only the K-th (0-based) of N slices of the sorted names");
    cmd->add_flag("--strict", o->strict, "Exit with status 1 when a video failed (they are listed in failed.txt either way)");
    cmd->add_flag("--json", o->json, "Print the summary as one JSON object");
    cmd->callback([o] {
        const int status = anet_features_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}

}  // namespace vidata::cli
