// SPDX-License-Identifier: Apache-2.0
// `vidata build-rawframes SRC OUT [...]`: MMAction2's tools/data/build_rawframes.py (RGB frames), thin over
// vidata::prepare::build_rawframes; this file only parses options and shows progress. Under mpirun (in a build with
// vidata::mpi) the ranks split the videos and rank 0 alone prints and writes the job's reports.
#include "commands.hpp"

#include <vidata/core/error.hpp>

#if VIDATA_CLI_WITH_PREPARE
#include "batch_progress.hpp"

#include <vidata/prepare/build_rawframes.hpp>
#if VIDATA_CLI_WITH_MPI
#include <vidata/prepare/mpi_shard.hpp>
#endif

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#endif

namespace vidata::cli {

#if VIDATA_CLI_WITH_PREPARE
namespace build_rawframes_command {

struct options {
    std::string src;
    std::string out;
    std::string task = "rgb";
    int level = 2;
    unsigned num_worker = 8;
    std::string out_format = "jpg";
    std::string ext = "avi";
    int new_width = 0;
    int new_height = 0;
    int new_short = 0;
    bool resume = false;
    bool mixed_ext = false;
    std::string shard;
    bool strict = false;
    bool json = false;
    std::string flow_type = "tvl1";
    int bound = 20;
};

// The shared printer of the one-output-per-input subcommands (the same bar and lines as resize-videos) over
// build_rawframes' totals. `who` names the process in the plain lines, e.g. " (rank 0 of 4)" in an MPI job.
std::function<void(const prepare::rawframes_progress&)> progress_printer(const std::string& who = {}) {
    batch_output::progress_printer print(batch_output::words{"build-rawframes" + who, "videos", "frames", true});
    return [print](const prepare::rawframes_progress& p) mutable { print(prepare::to_batch_progress(p)); };
}

prepare::rawframes_options library_options(const options& o) {
    prepare::rawframes_options r;
    r.task = o.task == "rgb" ? prepare::rawframes_task::rgb : o.task == "flow" ? prepare::rawframes_task::flow : prepare::rawframes_task::both;
    r.level = o.level;
    r.num_worker = o.num_worker;
    r.out_format = o.out_format == "png" ? prepare::frame_format::png : prepare::frame_format::jpg;
    r.ext = o.ext;
    r.mixed_ext = o.mixed_ext;
    r.new_width = o.new_width;
    r.new_height = o.new_height;
    r.new_short = o.new_short;
    r.resume = o.resume;
    r.flow = prepare::parse_flow_algorithm(o.flow_type);
    r.bound = o.bound;
    if (!o.shard.empty()) r.part = prepare::parse_shard(o.shard);
    return r;
}

// What one rank of an MPI job did, for the summary (empty for a single process).
struct rank_line {
    int rank = 0;
    prepare::rawframes_progress totals;
};

int print_summary(const options& o, const prepare::rawframes_summary& s, const std::vector<rank_line>& ranks) {
    const auto& t = s.totals;
    for (const auto& f : s.failures) std::cerr << "build-rawframes: failed: " << f.video.generic_string() << ": " << f.reason << '\n';
    if (o.json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : s.failures) failures.push_back({{"video", f.video.generic_string()}, {"reason", f.reason}});
        nlohmann::json j{{"videos", t.videos_total}, {"extracted", t.extracted},   {"skipped", t.skipped},
                               {"failed", t.failed},       {"frames", t.frames},         {"bytes", t.bytes},
                               {"seconds", t.seconds},     {"report_file", s.report_file.string()},
                               {"failed_file", s.failed_file.string()}, {"failures", failures}};
        if (o.task != "rgb") j["flows"] = t.flows;  // flow pairs: a flow_x and a flow_y file each
        if (!ranks.empty()) {
            nlohmann::json per_rank = nlohmann::json::array();
            for (const auto& r : ranks)
                per_rank.push_back({{"rank", r.rank},     {"videos", r.totals.videos_total}, {"extracted", r.totals.extracted},
                                    {"skipped", r.totals.skipped}, {"failed", r.totals.failed},  {"frames", r.totals.frames},
                                    {"seconds", r.totals.seconds}});
            j["ranks"] = per_rank;
        }
        std::cout << j.dump() << '\n';
    } else {
        char line[256];
        std::snprintf(line, sizeof line, "%zu videos (%zu extracted, %zu skipped, %zu failed), %llu frames, %.1f MB, %.2f s", t.videos_total,
                      t.extracted, t.skipped, t.failed, static_cast<unsigned long long>(t.frames), static_cast<double>(t.bytes) / 1e6,
                      t.seconds);
        std::cout << line << '\n';
        if (o.task != "rgb") std::cout << t.flows << " flow pairs (flow_x_ + flow_y_)\n";
        std::cout << "report: " << s.report_file.string() << "\nfailures: " << s.failed_file.string() << '\n';
        if (!ranks.empty()) {
            std::cout << ranks.size() << " MPI ranks, videos per rank:";
            for (const auto& r : ranks) std::cout << ' ' << r.totals.videos_total;
            std::cout << '\n';
        }
    }
    return o.strict && t.failed > 0 ? 1 : 0;
}

#if VIDATA_CLI_WITH_MPI
// One rank of `mpirun -np N vidata build-rawframes ...`: rank r extracts shard r/N; rank 0 shows its own progress
// (the shards are interleaved slices of one sorted list, so it stands for the job's), then the job's summary.
int run_mpi(const options& o, const prepare::mpi::session& mpi) {
    try {
        auto r = library_options(o);
        if (mpi.root()) r.on_progress = progress_printer(" (rank 0 of " + std::to_string(mpi.size()) + ")");
        const auto job = prepare::mpi::build_rawframes(mpi, o.src, o.out, r);
        if (!mpi.root()) return o.strict && job.merged.totals.failed > 0 ? 1 : 0;
        std::vector<rank_line> ranks;
        for (const auto& outcome : job.ranks) ranks.push_back({outcome.rank, outcome.totals});
        return print_summary(o, job.merged, ranks);
    } catch (const vidata::error&) {
        if (mpi.root()) throw;  // main prints it, once for the job: every rank threw the same
        return 1;
    }
}
#endif

#if !VIDATA_CLI_WITH_MPI
// How many processes an MPI launcher started (from the environment Open MPI's mpirun, MPICH's and srun's PMI set;
// 0 when none did). A build without vidata::mpi cannot split the videos between them by itself.
long launched_processes() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return std::strtol(value, nullptr, 10);
    return 0;
}
#endif

int run(const options& o) {
#if VIDATA_CLI_WITH_MPI
    // Started by mpirun (or srun with PMI): the ranks are the shards. A one-rank job is an ordinary run.
    if (prepare::mpi::launched_by_mpi()) {
        const prepare::mpi::session mpi;
        if (mpi.size() > 1) return run_mpi(o, mpi);
    }
#else
    // Every process would extract every video, racing for the same directories: refuse, unless each was given its slice.
    if (const long n = launched_processes(); n > 1 && o.shard.empty())
        throw invalid_argument("build-rawframes: started by an MPI launcher as one of " + std::to_string(n) +
                               " processes, but this vidata was built without MPI (vidata::mpi: CMake option VIDATA_WITH_MPI, "
                               "Debian's libopenmpi-dev), so every process would extract every video; rebuild it with MPI, "
                               "or give each process its own --shard K/" + std::to_string(n));
#endif
    auto r = library_options(o);
    r.on_progress = progress_printer();
    const auto s = prepare::build_rawframes(o.src, o.out, r);
    return print_summary(o, s, {});
}

}  // namespace build_rawframes_command

void register_build_rawframes(CLI::App& app) {
    auto o = std::make_shared<build_rawframes_command::options>();
    auto* cmd = app.add_subcommand("build-rawframes",
                                   "Extract every video's frames as img_00001.jpg... (MMAction2's tools/data/build_rawframes.py, RGB)");
    cmd->add_option("SRC", o->src, "Directory of the videos (level 2: SRC/<class>/<video>.<ext>)")->required();
    cmd->add_option("OUT", o->out, "Directory of the frame directories (OUT/<class>/<video>/img_00001.jpg)")->required();
    cmd->add_option("--task", o->task, "rgb (default here; MMAction2's default is flow), flow or both (need the OpenCV backend)")
        ->check(CLI::IsMember({"rgb", "flow", "both"}));
    cmd->add_option("--level", o->level, "1: SRC/*.ext; 2: SRC/*/*.ext (default 2)")->check(CLI::IsMember({1, 2}));
    cmd->add_option("--num-worker", o->num_worker, "Threads, one video each (default 8); with 1, that video is decoded and encoded on separate threads")->check(CLI::Range(1u, 1024u));
    cmd->add_option("--out-format", o->out_format, "jpg (default, quality 95) or png")->check(CLI::IsMember({"jpg", "png"}));
    cmd->add_option("--flow-type", o->flow_type, "Optical flow for --task flow|both: tvl1 (default, as denseflow) or farn (Farneback, faster)")
        ->check(CLI::IsMember({"tvl1", "farn"}));
    cmd->add_option("--bound", o->bound, "Flow in [-bound, bound] pixels maps to [0, 255] (default 20, denseflow's -b)")->check(CLI::Range(1, 1000));
    cmd->add_option("--ext", o->ext, "The videos' extension: avi (default), mp4 or webm")->check(CLI::IsMember({"avi", "mp4", "webm"}));
    auto* width = cmd->add_option("--new-width", o->new_width, "Resize every frame to this width (with --new-height)");
    auto* height = cmd->add_option("--new-height", o->new_height, "Resize every frame to this height (with --new-width)");
    auto* short_side = cmd->add_option("--new-short", o->new_short, "Resize so that the short side is S, the long side int(long*S/short)");
    short_side->excludes(width)->excludes(height);
    width->needs(height);
    height->needs(width);
    cmd->add_flag("--resume", o->resume, "Skip videos whose frame directory exists");
    cmd->add_flag("--mixed-ext", o->mixed_ext, "Take every file, whatever its extension");
    cmd->add_option("--shard", o->shard,
                    "K/N: only the K-th (0-based) of N slices of the sorted videos (Slurm job arrays); under mpirun -np N the ranks are "
                    "the shards, and --shard is refused");
    cmd->add_flag("--strict", o->strict, "Exit with status 1 when a video failed (they are listed in failed.txt either way)");
    cmd->add_flag("--json", o->json, "Print the summary as one JSON object");
    cmd->callback([o] {
        const int status = build_rawframes_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}
#else
// A build without vidata::image (or FFmpeg) cannot encode frames: the subcommand says so instead of vanishing.
void register_build_rawframes(CLI::App& app) {
    auto* cmd = app.add_subcommand("build-rawframes", "Extract every video's frames (needs vidata::ffmpeg and vidata::image)");
    cmd->allow_extras();
    cmd->callback([] {
        throw invalid_argument("build-rawframes: this vidata was built without vidata::image or vidata::ffmpeg "
                               "(VIDATA_WITH_IMAGE=ON, VIDATA_WITH_FFMPEG=ON)");
    });
}
#endif

}  // namespace vidata::cli
