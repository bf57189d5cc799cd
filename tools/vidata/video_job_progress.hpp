// SPDX-License-Identifier: Apache-2.0
// The progress display and summary of the subcommands that write one video per input (resize-videos, build-videos).
#pragma once

#include <vidata/prepare/video_jobs.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <utility>

#include <unistd.h>

namespace vidata::cli::video_jobs {

inline std::string eta_text(double seconds) {
    if (!(seconds >= 0.0) || seconds > 1e7) return "?";
    const auto s = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return buffer;
}

/// A bar redrawn in place on a terminal (at most 10 times a second); a plain line every second otherwise (logs, job
/// schedulers), and always after the last video.
class progress_printer {
public:
    explicit progress_printer(std::string command) : command_(std::move(command)), tty_(::isatty(STDERR_FILENO) != 0) {}

    void operator()(const prepare::video_job_progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool last = p.videos_done == p.videos_total;
        if (!last && now - printed_ < (tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000))) return;
        printed_ = now;
        const double rate = p.seconds > 0 ? static_cast<double>(p.videos_done) / p.seconds : 0.0;
        const double frame_rate = p.seconds > 0 ? static_cast<double>(p.frames) / p.seconds : 0.0;
        const double eta = rate > 0 ? static_cast<double>(p.videos_total - p.videos_done) / rate : -1.0;
        char line[256];
        if (tty_) {
            constexpr int width = 30;
            const int filled = p.videos_total == 0 ? width : static_cast<int>(width * p.videos_done / p.videos_total);
            const std::string bar = std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
            std::snprintf(line, sizeof line, "\r[%s] %zu/%zu videos  %.1f frames/s  ETA %s  failed %zu ", bar.c_str(), p.videos_done,
                          p.videos_total, frame_rate, eta_text(eta).c_str(), p.failed);
            std::cerr << line << (last ? "\n" : "") << std::flush;
        } else {
            std::snprintf(line, sizeof line, "%s: %zu/%zu videos, %llu frames, %.2f videos/s, %.1f frames/s, ETA %s, failed %zu",
                          command_.c_str(), p.videos_done, p.videos_total, static_cast<unsigned long long>(p.frames), rate, frame_rate,
                          eta_text(eta).c_str(), p.failed);
            std::cerr << line << '\n' << std::flush;
        }
    }

private:
    std::string command_;
    bool tty_;
    std::chrono::steady_clock::time_point printed_{};
};

/// Prints the failures (stderr) and the summary (stdout, or one JSON object); returns the exit status: 1 when
/// `strict` and a video failed, else 0.
inline int report(const std::string& command, const prepare::video_job_summary& s, bool json, bool strict) {
    const auto& t = s.totals;
    for (const auto& f : s.failures) std::cerr << command << ": failed: " << f.input.generic_string() << ": " << f.reason << '\n';
    if (json) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : s.failures) failures.push_back({{"input", f.input.generic_string()}, {"reason", f.reason}});
        const nlohmann::json j{{"videos", t.videos_total}, {"written", t.written}, {"skipped", t.skipped},
                               {"failed", t.failed},       {"frames", t.frames},   {"bytes", t.bytes},
                               {"seconds", t.seconds},     {"codec", s.codec},     {"failed_file", s.failed_file.string()},
                               {"failures", failures}};
        std::cout << j.dump() << '\n';
    } else {
        char line[256];
        std::snprintf(line, sizeof line, "%zu videos (%zu written, %zu skipped, %zu failed), %llu frames, %.2f MB, %.2f s%s%s", t.videos_total,
                      t.written, t.skipped, t.failed, static_cast<unsigned long long>(t.frames), static_cast<double>(t.bytes) / 1e6, t.seconds,
                      s.codec.empty() ? "" : ", codec ", s.codec.c_str());
        std::cout << line << '\n' << "failures: " << s.failed_file.string() << '\n';
    }
    return strict && t.failed > 0 ? 1 : 0;
}

}  // namespace vidata::cli::video_jobs
