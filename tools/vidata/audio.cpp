// SPDX-License-Identifier: Apache-2.0
// `vidata extract-audio SRC OUT [...]` and `vidata build-audio-features SRC OUT [...]`: MMAction2's
// tools/data/extract_audio.py and build_audio_features.py, thin over vidata::prepare::extract_audio and
// build_audio_features; this file only parses options and shows progress.
#include "commands.hpp"

#include <vidata/core/error.hpp>

#if VIDATA_CLI_WITH_PREPARE
#include <vidata/prepare/audio_features.hpp>
#include <vidata/prepare/extract_audio.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <unistd.h>
#endif

namespace vidata::cli {

#if VIDATA_CLI_WITH_PREPARE
namespace audio_commands {

// The options both subcommands share.
struct common_options {
    std::string src;
    std::string out;
    int level = 2;
    std::string ext;
    unsigned num_worker = 8;
    bool resume = false;
    std::string shard;
    bool strict = false;
    bool json = false;
};

std::string audio_eta_text(double seconds) {
    if (!(seconds >= 0.0) || seconds > 1e7) return "?";
    const auto s = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return buffer;
}

// A bar redrawn in place on a terminal (at most 10 times a second); a plain line every second otherwise, and always
// after the last file. `unit` names what batch_progress::units counts.
class audio_progress_printer {
public:
    audio_progress_printer(std::string command, std::string unit) : command_(std::move(command)), unit_(std::move(unit)), tty_(::isatty(STDERR_FILENO) != 0) {}

    void operator()(const prepare::batch_progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool last = p.inputs_done == p.inputs_total;
        if (!last && now - printed_ < (tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000))) return;
        printed_ = now;
        const double rate = p.seconds > 0 ? static_cast<double>(p.inputs_done) / p.seconds : 0.0;
        const double eta = rate > 0 ? static_cast<double>(p.inputs_total - p.inputs_done) / rate : -1.0;
        char line[320];
        if (tty_) {
            constexpr int width = 30;
            const int filled = p.inputs_total == 0 ? width : static_cast<int>(width * p.inputs_done / p.inputs_total);
            const std::string bar = std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
            std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files  %.1f files/s  ETA %s  failed %zu ", bar.c_str(), p.inputs_done, p.inputs_total,
                          rate, audio_eta_text(eta).c_str(), p.failed);
            std::cerr << line << (last ? "\n" : "") << std::flush;
        } else {
            std::snprintf(line, sizeof line, "%s: %zu/%zu files, %llu %s, %.2f files/s, ETA %s, failed %zu", command_.c_str(), p.inputs_done,
                          p.inputs_total, static_cast<unsigned long long>(p.units), unit_.c_str(), rate, audio_eta_text(eta).c_str(), p.failed);
            std::cerr << line << '\n' << std::flush;
        }
    }

private:
    std::string command_;
    std::string unit_;
    bool tty_;
    std::chrono::steady_clock::time_point printed_{};
};

// The failures on stderr, the summary on stdout (one line, or one JSON object); the status: 1 for a failure with --strict.
int report(const std::string& command, const std::string& unit, const prepare::batch_summary& s, const common_options& o) {
    const auto& t = s.totals;
    for (const auto& f : s.failures) std::cerr << command << ": failed: " << f.input.generic_string() << ": " << f.reason << '\n';
    if (o.json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : s.failures) failures.push_back({{"input", f.input.generic_string()}, {"reason", f.reason}});
        const nlohmann::json j{{"files", t.inputs_total}, {"written", t.written}, {"skipped", t.skipped}, {"failed", t.failed},
                               {unit, t.units},           {"bytes", t.bytes},     {"seconds", t.seconds}, {"failed_file", s.failed_file.string()},
                               {"failures", failures}};
        std::cout << j.dump() << '\n';
    } else {
        char line[320];
        std::snprintf(line, sizeof line, "%zu files (%zu written, %zu skipped, %zu failed), %llu %s, %.1f MB, %.2f s", t.inputs_total, t.written,
                      t.skipped, t.failed, static_cast<unsigned long long>(t.units), unit.c_str(), static_cast<double>(t.bytes) / 1e6, t.seconds);
        std::cout << line << "\nfailures: " << s.failed_file.string() << '\n';
    }
    return o.strict && t.failed > 0 ? 1 : 0;
}

void add_common(CLI::App* cmd, common_options& o, const std::string& src_help, const std::string& out_help, const std::string& ext_help) {
    cmd->add_option("SRC", o.src, src_help)->required();
    cmd->add_option("OUT", o.out, out_help)->required();
    cmd->add_option("--level", o.level, "1: SRC/*.ext; 2: SRC/*/*.ext (default 2)")->check(CLI::IsMember({1, 2}));
    cmd->add_option("--ext", o.ext, ext_help);
    cmd->add_option("--num-worker", o.num_worker, "Threads, one file each (default 8)")->check(CLI::Range(1u, 1024u));
    cmd->add_flag("--resume", o.resume, "Skip files whose output exists (outputs are complete or absent)");
    cmd->add_option("--shard", o.shard, "K/N: only the K-th (0-based) of N slices of the sorted files (Slurm job arrays, MPI ranks)");
    cmd->add_flag("--strict", o.strict, "Exit with status 1 when a file failed (they are listed in failed.txt either way)");
    cmd->add_flag("--json", o.json, "Print the summary as one JSON object");
}

}  // namespace audio_commands

void register_extract_audio(CLI::App& app) {
    auto o = std::make_shared<audio_commands::common_options>();
    o->ext = "mp4";
    auto* cmd = app.add_subcommand("extract-audio", "Write every video's audio as a 16-bit WAV (MMAction2's tools/data/extract_audio.py)");
    audio_commands::add_common(cmd, *o, "Directory of the videos (level 2: SRC/<class>/<video>.<ext>)",
                               "Directory of the WAV files (OUT/<class>/<video>.wav)", "The videos' extension (default mp4)");
    cmd->callback([o] {
        prepare::extract_audio_options e;
        e.level = o->level;
        e.ext = o->ext;
        e.num_worker = o->num_worker;
        e.resume = o->resume;
        if (!o->shard.empty()) e.part = prepare::parse_shard(o->shard);
        e.on_progress = audio_commands::audio_progress_printer("extract-audio", "samples");
        const int status = audio_commands::report("extract-audio", "samples", prepare::extract_audio(o->src, o->out, e), *o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}

void register_build_audio_features(CLI::App& app) {
    auto o = std::make_shared<audio_commands::common_options>();
    o->ext = "wav";
    auto f = std::make_shared<prepare::audio_feature_options>();
    auto* cmd = app.add_subcommand("build-audio-features",
                                   "Write every audio file's log-mel spectrogram as OUT/<name>.npy, float32 frames x mels "
                                   "(MMAction2's tools/data/build_audio_features.py)");
    audio_commands::add_common(cmd, *o, "Directory of the audio files (level 2: SRC/<dir>/<name>.<ext>; the script's --level 1)",
                               "Directory of the .npy files (flat: OUT/<name>.npy, as the script writes them)",
                               "The audio files' extension (default wav; any format FFmpeg reads)");
    cmd->add_option("--fft-size", f->fft_size, "FFT and window size in samples (default 512, the script's; AudioTools' own default is 1280)")
        ->check(CLI::Range(2, 1 << 16));
    cmd->add_option("--hop-size", f->hop_size, "Hop in samples (default 256, the script's; AudioTools' own default is 320)")->check(CLI::Range(1, 1 << 16));
    cmd->add_option("--num-mels", f->num_mels, "Mel bands (default 80)")->check(CLI::Range(1, 1024));
    cmd->callback([o, f] {
        prepare::build_audio_features_options b;
        b.level = o->level;
        b.ext = o->ext;
        b.num_worker = o->num_worker;
        b.resume = o->resume;
        b.features = *f;
        if (!o->shard.empty()) b.part = prepare::parse_shard(o->shard);
        b.on_progress = audio_commands::audio_progress_printer("build-audio-features", "frames");
        const int status = audio_commands::report("build-audio-features", "frames", prepare::build_audio_features(o->src, o->out, b), *o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}
#else
// A build without vidata::prepare cannot decode audio: the subcommands say so instead of vanishing.
void register_extract_audio(CLI::App& app) {
    auto* cmd = app.add_subcommand("extract-audio", "Write every video's audio as a WAV (needs vidata::prepare)");
    cmd->allow_extras();
    cmd->callback([] { throw invalid_argument("extract-audio: this vidata was built without vidata::prepare (VIDATA_WITH_FFMPEG=ON, VIDATA_WITH_IMAGE=ON)"); });
}
void register_build_audio_features(CLI::App& app) {
    auto* cmd = app.add_subcommand("build-audio-features", "Write every audio file's log-mel spectrogram (needs vidata::prepare)");
    cmd->allow_extras();
    cmd->callback([] {
        throw invalid_argument("build-audio-features: this vidata was built without vidata::prepare (VIDATA_WITH_FFMPEG=ON, VIDATA_WITH_IMAGE=ON)");
    });
}
#endif

}  // namespace vidata::cli
