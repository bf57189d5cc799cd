// SPDX-License-Identifier: Apache-2.0
// JPEG rawframe decode, frames per second: vidata::rawframe_source through stb_image and through libjpeg-turbo, against
// what MMAction2's RawFrameDecode does with its default cv2 backend (cv2.imdecode + BGR->RGB), in the same run.
//
// The frames: N files img_00001.jpg ... of 340x256 written by cv2.imwrite at quality 95 (4:2:0), as MMAction2's frame
// extraction writes them (benchmarks/python/rawframes_peer.py make). Each side decodes every frame to RGB from files in
// the page cache (read once beforehand), single-threaded; the best of --reps runs in each of --rounds rounds is reported.
#include <vidata/io/image/rawframe_source.hpp>

#include "support.hpp"

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace {

using namespace vidata::bench;

// Reads frames 1..count in clips of `clip_len` (a TSN-like read pattern: each read one clip). With `checksum`, returns
// the sum of every byte decoded (untimed: summing 78 MB would cost a tenth of the decode); otherwise one byte of each
// clip, so that the reads cannot be optimised away.
std::uint64_t decode_all(vidata::rawframe_source& src, int count, int clip_len, bool checksum) {
    std::uint64_t sum = 0;
    std::vector<std::int64_t> indices;
    for (int first = 1; first <= count; first += clip_len) {
        indices.clear();
        for (int i = first; i < first + clip_len && i <= count; ++i) indices.push_back(i);
        const vidata::clip c = src.read(indices);
        if (checksum)
            for (const std::uint8_t b : c.pixels()) sum += b;
        else
            sum += c.pixels()[c.size() / 2];
    }
    return sum;
}

// CPU time this process has used, in seconds (every thread; libjpeg-turbo and stb use one).
double cpu_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 300;
    int clip_len = 8;
    int rounds = 3;
    const auto parsed = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-rawframes", 5},
                                      {{"--frames", &frames}, {"--clip-len", &clip_len}, {"--rounds", &rounds}});
    if (!parsed) return 2;
    const options& o = *parsed;
    const std::filesystem::path dir = o.dir / "frames";

    const auto made = run_peer("rawframes_peer.py", {"make", dir.string(), std::to_string(frames)});
    if (!made) return 1;
    const double bytes = (*made)["bytes"].get<double>();
    std::printf("rawframes: %d JPEG frames, 340x256, cv2.imwrite quality 95 (4:2:0), %.1f kB a frame on average, in %s\n",
                frames, bytes / frames / 1e3, dir.string().c_str());
    std::printf("each side: every frame to RGB, single-threaded, files in the page cache, best of %d runs in each of %d rounds\n",
                o.reps, rounds);

    // Each time is kept twice: wall clock and the process's CPU time. On a machine shared with other jobs the wall
    // clock of a run includes the time it waited for a CPU; its CPU time does not, so the CPU-time ratio is the
    // steadier comparison there (both are printed; they agree on a quiet machine).
    struct timing {
        double wall = std::numeric_limits<double>::infinity();
        double cpu = std::numeric_limits<double>::infinity();
        void keep(double w, double c) {
            wall = std::min(wall, w);
            cpu = std::min(cpu, c);
        }
    };
    struct side {
        const char* name;
        vidata::image_backend backend;
        timing t{};
        std::uint64_t checksum = 0;
    };
    std::vector<side> sides{{"vidata rawframe_source, stb_image", vidata::image_backend::stb}};
    if (vidata::turbojpeg_available) sides.push_back({"vidata rawframe_source, libjpeg-turbo", vidata::image_backend::turbojpeg});
    for (side& s : sides) {
        vidata::rawframe_source src(dir, vidata::rawframe_options{.backend = s.backend});
        s.checksum = decode_all(src, frames, clip_len, true);  // also warms the page cache
    }
    if (!vidata::turbojpeg_available) std::printf("(this build has no libjpeg-turbo: configure with libturbojpeg0-dev installed)\n");

    // Rounds of (each vidata backend, reps runs; then the peer, reps runs), each side's best kept over the rounds:
    // on a shared machine the load drifts over seconds, and interleaving gives every side the same chances.
    timing mm, imdecode;
    std::string cv = "?";
    std::uint64_t peer_sum = 0;
    for (int round = 0; round < rounds; ++round) {
        for (side& s : sides) {
            vidata::rawframe_source src(dir, vidata::rawframe_options{.backend = s.backend});
            volatile std::uint64_t sink = 0;
            for (int r = 0; r < o.reps; ++r) {
                const double cpu0 = cpu_seconds();
                const auto t0 = clock_type::now();
                sink = sink + decode_all(src, frames, clip_len, false);
                s.t.keep(seconds_since(t0), cpu_seconds() - cpu0);
            }
        }
        if (!o.peer) continue;
        const auto peer = run_peer("rawframes_peer.py", {"decode", dir.string(), std::to_string(frames), std::to_string(o.reps)});
        if (!peer) return 1;
        mm.keep((*peer)["seconds_mmaction2"].get<double>(), (*peer)["cpu_seconds_mmaction2"].get<double>());
        imdecode.keep((*peer)["seconds_imdecode"].get<double>(), (*peer)["cpu_seconds_imdecode"].get<double>());
        cv = (*peer)["opencv"].get<std::string>();
        peer_sum = (*peer)["checksum"].get<std::uint64_t>();
    }

    std::printf("\n  %-66s %10s %10s %12s %12s\n", "what (300 frames: best wall time, best CPU time)", "wall", "CPU", "frames/s",
                "frames/CPU-s");
    const auto row = [&](const std::string& what, const timing& t) {
        std::printf("  %-66s %7.1f ms %7.1f ms %12.0f %12.0f\n", what.c_str(), t.wall * 1e3, t.cpu * 1e3, frames / t.wall, frames / t.cpu);
    };
    for (const side& s : sides) row(std::string(s.name) + ", clips of " + std::to_string(clip_len), s.t);

    if (!o.peer) return 0;
    row("OpenCV " + cv + ": MMAction2's RawFrameDecode (read, imdecode, BGR->RGB)", mm);
    row("OpenCV " + cv + ": cv2.imdecode alone, bytes in memory (BGR)", imdecode);
    std::printf("\n  %-66s %10s %10s\n", "ratio of frames/s (goal: >= 1 against MMAction2's path)", "wall", "CPU");
    for (const side& s : sides) {
        const std::string b(vidata::to_string_view(s.backend));
        std::printf("  %-66s %8.2f x %8.2f x\n", ("vidata " + b + " / MMAction2's cv2 path").c_str(), mm.wall / s.t.wall, mm.cpu / s.t.cpu);
        std::printf("  %-66s %8.2f x %8.2f x\n", ("vidata " + b + " / cv2.imdecode alone").c_str(), imdecode.wall / s.t.wall,
                    imdecode.cpu / s.t.cpu);
    }
    std::printf("\nchecksums (sum of every RGB byte): OpenCV %llu", static_cast<unsigned long long>(peer_sum));
    for (const side& s : sides) std::printf(", %s %llu", vidata::to_string_view(s.backend).data(), static_cast<unsigned long long>(s.checksum));
    std::printf("\n");
    if (vidata::turbojpeg_available && sides.back().checksum != peer_sum) {
        std::printf("libjpeg-turbo's pixels differ from OpenCV's: they should be the same decoder with the same settings\n");
        return 1;
    }
    return 0;
}
