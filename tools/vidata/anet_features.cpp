// SPDX-License-Identifier: Apache-2.0
// `vidata anet-features RGB_DIR FLOW_DIR OUT_DIR`: MMAction2's tools/data/activitynet/activitynet_feature_postprocessing.py,
// thin over vidata::prepare::postprocess_activitynet_features; this file only parses options and shows progress.
#include "commands.hpp"

#include <vidata/prepare/activitynet_features.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <unistd.h>

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

// A line redrawn in place on a terminal (at most 10 times a second), a plain line every second otherwise, and
// always after the last video.
class progress_line {
public:
    progress_line() : tty_(::isatty(STDERR_FILENO) != 0) {}

    void operator()(const prepare::anet_features_progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool last = p.videos_done == p.videos_total;
        if (!last && now - printed_ < (tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000))) return;
        printed_ = now;
        const double rate = p.seconds > 0 ? static_cast<double>(p.videos_done) / p.seconds : 0.0;
        const double eta = rate > 0 ? static_cast<double>(p.videos_total - p.videos_done) / rate : -1.0;
        char line[200];
        std::snprintf(line, sizeof line, "anet-features: %zu/%zu videos, %.1f videos/s, ETA %.0f s, failed %zu", p.videos_done, p.videos_total,
                      rate, eta < 0 ? 0.0 : eta, p.failed);
        if (tty_) std::cerr << '\r' << line << (last ? "\n" : "") << std::flush;
        else std::cerr << line << '\n' << std::flush;
    }

private:
    bool tty_;
    std::chrono::steady_clock::time_point printed_{};
};

int run(const options& o) {
    prepare::anet_features_options a;
    a.num_worker = o.num_worker;
    a.resume = o.resume;
    if (!o.shard.empty()) a.part = prepare::parse_shard(o.shard);
    a.on_progress = progress_line{};
    const auto s = prepare::postprocess_activitynet_features(o.rgb, o.flow, o.dest, a);
    const auto& t = s.totals;
    for (const auto& f : s.failures) std::cerr << "anet-features: failed: " << f.name << ": " << f.reason << '\n';
    if (o.json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : s.failures) failures.push_back({{"name", f.name}, {"reason", f.reason}});
        const nlohmann::json j{{"videos", t.videos_total}, {"written", t.written}, {"skipped", t.skipped},
                               {"failed", t.failed},       {"bytes", t.bytes},     {"seconds", t.seconds},
                               {"failed_file", s.failed_file.string()}, {"failures", failures}};
        std::cout << j.dump() << '\n';
    } else {
        char line[200];
        std::snprintf(line, sizeof line, "%zu videos (%zu written, %zu skipped, %zu failed), %.1f MB, %.2f s", t.videos_total, t.written,
                      t.skipped, t.failed, static_cast<double>(t.bytes) / 1e6, t.seconds);
        std::cout << line << "\nfailures: " << s.failed_file.string() << '\n';
    }
    return o.strict && t.failed > 0 ? 1 : 0;
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
