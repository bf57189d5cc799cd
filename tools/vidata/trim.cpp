// SPDX-License-Identifier: Apache-2.0
// `vidata trim DATASET ANNOTATIONS SRC OUT [...]`: the guides' trimming scripts (Kinetics download.py's cut, FineGYM
// trim_event.py / trim_subaction.py, AVA cut_videos.sh, OmniSource trim_raw_video.py, AVA-Kinetics cut_kinetics.py,
// ActivityNet segments), thin over vidata::prepare::plan_trim and vidata::prepare::trim.
#include "commands.hpp"

#include <vidata/core/error.hpp>

#if VIDATA_CLI_WITH_PREPARE
#include <vidata/prepare/trim.hpp>
#include <vidata/prepare/trim_dataset.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

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
    unsigned num_worker = 8;
    bool resume = false;
    std::string shard;
    bool strict = false;
    bool json = false;
    std::string source_ext = "mp4";
    std::string kinetics_list;
    std::string preset = "medium";
};

std::string eta_text(double seconds) {
    if (!(seconds >= 0.0) || seconds > 1e7) return "?";
    const auto s = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return buffer;
}

// A bar redrawn in place on a terminal (at most 10 times a second); a plain line every second otherwise, and always
// after the last clip.
class progress_printer {
public:
    progress_printer() : tty_(::isatty(STDERR_FILENO) != 0) {}

    void operator()(const prepare::trim_progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool last = p.clips_done == p.clips_total;
        if (!last && now - printed_ < (tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000))) return;
        printed_ = now;
        const double rate = p.seconds > 0 ? static_cast<double>(p.clips_done) / p.seconds : 0.0;
        const double eta = rate > 0 ? static_cast<double>(p.clips_total - p.clips_done) / rate : -1.0;
        char line[256];
        if (tty_) {
            constexpr int width = 30;
            const int filled = p.clips_total == 0 ? width : static_cast<int>(width * p.clips_done / p.clips_total);
            const std::string bar = std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
            std::snprintf(line, sizeof line, "\r[%s] %zu/%zu clips  %.2f clips/s  ETA %s  failed %zu ", bar.c_str(), p.clips_done, p.clips_total,
                          rate, eta_text(eta).c_str(), p.failed);
            std::cerr << line << (last ? "\n" : "") << std::flush;
        } else {
            std::snprintf(line, sizeof line, "trim: %zu/%zu clips (%zu copied, %zu re-encoded, %zu skipped), %.2f clips/s, ETA %s, failed %zu",
                          p.clips_done, p.clips_total, p.copied, p.reencoded, p.skipped, rate, eta_text(eta).c_str(), p.failed);
            std::cerr << line << '\n' << std::flush;
        }
    }

private:
    bool tty_;
    std::chrono::steady_clock::time_point printed_{};
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
    t.num_worker = o.num_worker;
    t.resume = o.resume;
    t.encoder.preset = o.preset;
    if (!o.shard.empty()) t.part = prepare::parse_shard(o.shard);
    t.on_progress = progress_printer{};
    const auto s = prepare::trim(std::move(cuts), o.src, o.out, t);
    const auto& p = s.totals;
    for (const auto& f : s.failures)
        std::cerr << "trim: failed: " << f.output.generic_string() << " (from " << f.source.generic_string() << "): " << f.reason << '\n';
    if (o.json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : s.failures)
            failures.push_back({{"output", f.output.generic_string()}, {"source", f.source.generic_string()}, {"reason", f.reason}});
        const nlohmann::json j{{"clips", p.clips_total}, {"copied", p.copied}, {"reencoded", p.reencoded}, {"skipped", p.skipped},
                               {"failed", p.failed},     {"frames", p.frames}, {"bytes", p.bytes},         {"seconds", p.seconds},
                               {"failed_file", s.failed_file.string()},      {"failures", failures}};
        std::cout << j.dump() << '\n';
    } else {
        char line[256];
        std::snprintf(line, sizeof line, "%zu clips (%zu copied, %zu re-encoded, %zu skipped, %zu failed), %llu frames, %.1f MB, %.2f s",
                      p.clips_total, p.copied, p.reencoded, p.skipped, p.failed, static_cast<unsigned long long>(p.frames),
                      static_cast<double>(p.bytes) / 1e6, p.seconds);
        std::cout << line << "\nfailures: " << s.failed_file.string() << '\n';
    }
    return o.strict && p.failed > 0 ? 1 : 0;
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
    cmd->add_option("--num-worker", o->num_worker, "Threads, one clip each (default 8)")->check(CLI::Range(1u, 1024u));
    cmd->add_flag("--resume", o->resume, "Skip clips that exist");
    cmd->add_option("--shard", o->shard, "K/N: only the K-th (0-based) of N slices of the cuts sorted by output (Slurm job arrays)");
    cmd->add_flag("--strict", o->strict, "Exit with status 1 when a cut failed (they are listed in failed.txt either way)");
    cmd->add_flag("--json", o->json, "Print the summary as one JSON object");
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
