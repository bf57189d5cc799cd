// SPDX-License-Identifier: Apache-2.0
// What every benchmark program needs: best-of timing, running a peer, and the memory of one run in a fresh process.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <sys/resource.h>
#include <time.h>

namespace vidata::bench {

using clock_type = std::chrono::steady_clock;

/// Seconds since `t0`.
[[nodiscard]] inline double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

/// Best (smallest) wall time of `reps` runs of f, in seconds; `before` runs untimed before each (cache eviction).
template <class F, class Before>
double best_of(int reps, F&& f, Before&& before) {
    double best = std::numeric_limits<double>::infinity();
    for (int r = 0; r < reps; ++r) {
        before();
        const auto t0 = clock_type::now();
        f();
        best = std::min(best, seconds_since(t0));
    }
    return best;
}

template <class F>
double best_of(int reps, F&& f) {
    return best_of(reps, f, [] {});
}

/// Best CPU time of the calling thread over `reps` runs of f, in seconds (user + system, page faults included). On a
/// shared machine a wall clock also counts the other processes' turns; this is what their load inflates least.
template <class F, class Before>
double best_cpu_of(int reps, F&& f, Before&& before) {
    const auto now = [] {
        timespec ts{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    double best = std::numeric_limits<double>::infinity();
    for (int r = 0; r < reps; ++r) {
        before();
        const double t0 = now();
        f();
        best = std::min(best, now() - t0);
    }
    return best;
}

[[nodiscard]] inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// Runs a shell command and returns its standard output; `status` gets pclose's status.
[[nodiscard]] inline std::string run(const std::string& command, int& status) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        status = -1;
        return out;
    }
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    status = ::pclose(pipe);
    return out;
}

/// The flags every benchmark takes: where its files go, how many repetitions, whether the peers run.
struct options {
    std::filesystem::path dir;
    int reps = 5;
    bool peer = true;
};

/// Parses `--dir DIR`, `--reps N`, `--no-peer` and the integer flags in `extra` (name, where to store; at least 1)
/// over `defaults`. Prints the usage and returns nullopt on anything else.
[[nodiscard]] inline std::optional<options> parse_options(int argc, char** argv, options defaults,
                                                          std::initializer_list<std::pair<std::string_view, int*>> extra = {}) {
    options o = std::move(defaults);
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        const bool has_value = i + 1 < argc;
        if (flag == "--no-peer") {
            o.peer = false;
        } else if (flag == "--dir" && has_value) {
            o.dir = argv[++i];
        } else if (flag == "--reps" && has_value) {
            o.reps = std::max(1, std::atoi(argv[++i]));
        } else {
            bool known = false;
            for (const auto& [name, value] : extra)
                if (flag == name && has_value) {
                    *value = std::max(1, std::atoi(argv[++i]));
                    known = true;
                }
            if (!known) {
                std::string usage = "usage: " + std::string(argv[0]) + " [--dir DIR] [--reps N]";
                for (const auto& [name, value] : extra) usage += " [" + std::string(name) + " N]";
                std::fprintf(stderr, "%s [--no-peer]\n", usage.c_str());
                return std::nullopt;
            }
        }
    }
    std::filesystem::create_directories(o.dir);
    return o;
}

/// Runs benchmarks/python/`script` with `args` under the peers' python3 and returns the JSON object it prints, or
/// nullopt after saying why it failed.
[[nodiscard]] inline std::optional<nlohmann::json> run_peer(const std::string& script, std::initializer_list<std::string> args) {
    std::string command = shell_quote(VIDATA_BENCH_PYTHON3) + " " + shell_quote(std::string(VIDATA_BENCH_PYTHON_DIR) + "/" + script);
    for (const std::string& a : args) command += " " + shell_quote(a);
    int status = 0;
    const std::string output = run(command, status);
    if (status != 0) {
        std::printf("peers: %s failed (status %d); is python3-numpy installed?\n%s\n", command.c_str(), status, output.c_str());
        return std::nullopt;
    }
    return nlohmann::json::parse(output);
}

inline void print_time(const char* what, double seconds) { std::printf("  %-66s %10.3f ms\n", what, seconds * 1e3); }
inline void print_ratio(const char* what, double ratio) { std::printf("  %-66s %10.1f x\n", what, ratio); }

/// Peak resident set of this process so far, in bytes (Linux reports ru_maxrss in KiB).
[[nodiscard]] inline long long peak_rss_bytes() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<long long>(usage.ru_maxrss) * 1024;
}

/// Current resident set, in bytes (VmRSS of /proc/self/status); -1 where there is none.
[[nodiscard]] inline long long current_rss_bytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;
    return -1;
}

/// Minor page faults this process has taken (first touches of fresh memory or of mapped file pages).
[[nodiscard]] inline long long minor_faults() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<long long>(usage.ru_minflt);
}

/// The child's half of a memory measurement: runs `job` once (it returns the value it computed) and prints one JSON
/// line with the RSS before, the peak after, the time, the minor faults and the value.
template <class Job>
int measure_once(Job&& job) {
    const long long before = current_rss_bytes();
    const long long faults_before = minor_faults();
    const auto t0 = clock_type::now();
    const double value = job();
    const double seconds = seconds_since(t0);
    std::printf("{\"rss_before\": %lld, \"peak\": %lld, \"seconds\": %.9f, \"minor_faults\": %lld, \"value\": %.17g}\n", before,
                peak_rss_bytes(), seconds, minor_faults() - faults_before, value);
    return 0;
}

/// The parent's half: runs this program again as `self ARGS` (which calls measure_once), checks it computed `expected`,
/// and prints its time, faults and peak RSS against the inputs' size. Returns false (after saying why) on a failure.
inline bool report_fresh_process(const std::string& args, double expected, double input_bytes, const char* job_name) {
    int status = 0;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string out = run(shell_quote(self) + " " + args, status);
    if (status != 0) {
        std::printf("memory: the fresh process failed (status %d): %s\n", status, out.c_str());
        return false;
    }
    const auto m = nlohmann::json::parse(out);
    if (m["value"].get<double>() != expected) {
        std::printf("memory: the fresh process computed a different value (%.17g, not %.17g)\n", m["value"].get<double>(), expected);
        return false;
    }
    const double peak = m["peak"].get<double>(), before = m["rss_before"].get<double>();
    std::printf("a fresh process (what the `vidata eval` command pays): %s once\n", job_name);
    print_time("files to number, once, in a new process", m["seconds"].get<double>());
    std::printf("  %-66s %10lld\n", "minor page faults taken meanwhile", m["minor_faults"].get<long long>());
    std::printf("memory (that process; getrusage ru_maxrss)\n");
    std::printf("  %-66s %10.1f MB\n", "inputs (the files read)", input_bytes / 1e6);
    std::printf("  %-66s %10.1f MB\n", "peak RSS of the process", peak / 1e6);
    std::printf("  %-66s %10.1f MB\n", "  of which the process before reading (binary, libc, libstdc++)", before / 1e6);
    std::printf("  %-66s %10.2f x\n", "peak RSS / inputs (goal: <= 2)", peak / input_bytes);
    std::printf("  %-66s %10.2f x\n", "(peak RSS - RSS before reading) / inputs", (peak - before) / input_bytes);
    return true;
}

}  // namespace vidata::bench
