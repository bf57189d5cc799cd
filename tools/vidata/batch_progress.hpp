// SPDX-License-Identifier: Apache-2.0
// The shared options, progress display and summary of the subcommands that write one output per input over vidata::prepare::run_batch
// (extract-audio, build-audio-features, resize-videos, build-videos, anet-features, trim).
#pragma once

#include <vidata/prepare/batch.hpp>
#include <vidata/prepare/shard.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

namespace vidata::cli::batch_output {

/// The words a subcommand's progress and summary are written in.
struct words {
    std::string command;                ///< "resize-videos": labels the plain progress lines and the failures
    std::string inputs;                 ///< what an input is, plural: "videos", "files"
    std::string unit;                   ///< what batch_progress::units counts ("frames", "samples"); empty: nothing counted
    bool unit_rate = false;             ///< show units per second (frames/s) beside the inputs' rate, and on the bar
    std::string failure_key = "input";  ///< the key of a failure's input in --json
};

/// The options every such subcommand takes: --num-worker, --resume, --shard, --strict, --json.
struct run_flags {
    unsigned num_worker = 8;
    bool resume = false;
    std::string shard;
    bool strict = false;
    bool json = false;
};

/// Adds the run_flags to `cmd`; `input` and `inputs` name what one output is made from ("video", "videos").
inline void add_run_flags(CLI::App* cmd, run_flags& f, const std::string& input, const std::string& inputs) {
    cmd->add_option("--num-worker", f.num_worker, "Threads, one " + input + " each (default 8)")->check(CLI::Range(1u, 1024u));
    cmd->add_flag("--resume", f.resume, "Skip " + inputs + " whose output exists (outputs are complete or absent)");
    cmd->add_option("--shard", f.shard, "K/N: only the K-th (0-based) of N slices of the sorted " + inputs + " (Slurm job arrays, MPI ranks)");
    cmd->add_flag("--strict", f.strict, "Exit with status 1 when a " + input + " failed (they are listed in failed.txt either way)");
    cmd->add_flag("--json", f.json, "Print the summary as one JSON object");
}

inline std::string eta_text(double seconds) {
    if (!(seconds >= 0.0) || seconds > 1e7) return "?";
    const auto s = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return buffer;
}

/// A bar redrawn in place on a terminal (at most 10 times a second); a plain line every second otherwise (logs, job
/// schedulers), and always after the last input.
class progress_printer {
public:
    explicit progress_printer(words w) : words_(std::move(w)), tty_(::isatty(STDERR_FILENO) != 0) {}

    void operator()(const prepare::batch_progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool last = p.inputs_done == p.inputs_total;
        if (!last && now - printed_ < (tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000))) return;
        printed_ = now;
        const double rate = p.seconds > 0 ? static_cast<double>(p.inputs_done) / p.seconds : 0.0;
        const double unit_rate = p.seconds > 0 ? static_cast<double>(p.units) / p.seconds : 0.0;
        const double eta = rate > 0 ? static_cast<double>(p.inputs_total - p.inputs_done) / rate : -1.0;
        const char* inputs = words_.inputs.c_str();
        const char* unit = words_.unit.c_str();
        char line[320];
        if (tty_) {
            constexpr int width = 30;
            const int filled = p.inputs_total == 0 ? width : static_cast<int>(width * p.inputs_done / p.inputs_total);
            const std::string bar = std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
            std::snprintf(line, sizeof line, "\r[%s] %zu/%zu %s  %.1f %s/s  ETA %s  failed %zu ", bar.c_str(), p.inputs_done, p.inputs_total,
                          inputs, words_.unit_rate ? unit_rate : rate, words_.unit_rate ? unit : inputs, eta_text(eta).c_str(), p.failed);
            std::cerr << line << (last ? "\n" : "") << std::flush;
        } else {
            std::string text = words_.command + ": " + std::to_string(p.inputs_done) + "/" + std::to_string(p.inputs_total) + " " + words_.inputs;
            if (!words_.unit.empty()) text += ", " + std::to_string(p.units) + " " + words_.unit;
            std::snprintf(line, sizeof line, ", %.2f %s/s", rate, inputs);
            text += line;
            if (words_.unit_rate) {
                std::snprintf(line, sizeof line, ", %.1f %s/s", unit_rate, unit);
                text += line;
            }
            text += ", ETA " + eta_text(eta) + ", failed " + std::to_string(p.failed);
            std::cerr << text << '\n' << std::flush;
        }
    }

private:
    words words_;
    bool tty_;
    std::chrono::steady_clock::time_point printed_{};
};

/// Sets the batch options of a library operation (num_worker, resume, part, on_progress) from the flags, the progress
/// shown in the words `w`.
template <class Options>
void apply(const run_flags& f, const words& w, Options& o) {
    o.num_worker = f.num_worker;
    o.resume = f.resume;
    if (!f.shard.empty()) o.part = prepare::parse_shard(f.shard);
    o.on_progress = progress_printer(w);
}

/// A kind of written output counted apart (trim: clips stream-copied, clips re-encoded).
struct written_kind {
    std::string key;   ///< its key in --json: "reencoded"
    std::string text;  ///< its words in the summary line: "re-encoded"
    std::size_t count = 0;
};

/// Prints the failures (stderr) and the summary (stdout, or one JSON object), with the encoder when `codec` is given
/// and the written outputs by kind when `written_as` is not empty (in the line instead of "N written"); returns the
/// exit status: 1 when `strict` and an input failed, else 0.
inline int report(const words& w, const prepare::batch_summary& s, bool json, bool strict, const std::optional<std::string>& codec = {},
                  const std::vector<written_kind>& written_as = {}) {
    const auto& t = s.totals;
    for (const auto& f : s.failures) {
        std::cerr << w.command << ": failed: " << f.input.generic_string();
        if (!f.source.empty()) std::cerr << " (from " << f.source.generic_string() << ")";
        std::cerr << ": " << f.reason << '\n';
    }
    if (json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : s.failures) {
            nlohmann::json failure{{w.failure_key, f.input.generic_string()}, {"reason", f.reason}};
            if (!f.source.empty()) failure["source"] = f.source.generic_string();
            failures.push_back(std::move(failure));
        }
        nlohmann::json j{{w.inputs, t.inputs_total}, {"written", t.written}, {"skipped", t.skipped}, {"failed", t.failed}, {"bytes", t.bytes},
                         {"seconds", t.seconds},     {"failed_file", s.failed_file.string()},      {"failures", failures}};
        if (!w.unit.empty()) j[w.unit] = t.units;
        if (codec) j["codec"] = *codec;
        for (const auto& k : written_as) j[k.key] = k.count;
        std::cout << j.dump() << '\n';
    } else {
        std::string text = std::to_string(t.inputs_total) + " " + w.inputs + " (";
        if (written_as.empty()) text += std::to_string(t.written) + " written, ";
        for (const auto& k : written_as) text += std::to_string(k.count) + " " + k.text + ", ";
        text += std::to_string(t.skipped) + " skipped, " + std::to_string(t.failed) + " failed)";
        if (!w.unit.empty()) text += ", " + std::to_string(t.units) + " " + w.unit;
        char line[64];
        std::snprintf(line, sizeof line, ", %.2f MB, %.2f s", static_cast<double>(t.bytes) / 1e6, t.seconds);
        text += line;
        if (codec && !codec->empty()) text += ", codec " + *codec;
        std::cout << text << '\n' << "failures: " << s.failed_file.string() << '\n';
    }
    return strict && t.failed > 0 ? 1 : 0;
}

}  // namespace vidata::cli::batch_output
