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

    struct side {
        const char* name;
        vidata::image_backend backend;
        double seconds = 0;
        std::uint64_t checksum = 0;
    };
    std::vector<side> sides{{"vidata rawframe_source, stb_image", vidata::image_backend::stb}};
    if (vidata::turbojpeg_available) sides.push_back({"vidata rawframe_source, libjpeg-turbo", vidata::image_backend::turbojpeg});
    for (side& s : sides) {
        vidata::rawframe_source src(dir, vidata::rawframe_options{.backend = s.backend});
        s.checksum = decode_all(src, frames, clip_len, true);  // also warms the page cache
        s.seconds = std::numeric_limits<double>::infinity();
    }
    if (!vidata::turbojpeg_available) std::printf("(this build has no libjpeg-turbo: configure with libturbojpeg0-dev installed)\n");

    // Rounds of (each vidata backend, best of reps; then the peer, best of reps), each side's best kept over the rounds:
    // on a shared machine the load drifts over seconds, and interleaving gives every side the same chances.
    double mm = std::numeric_limits<double>::infinity(), imdecode = mm;
    std::string cv = "?";
    std::uint64_t peer_sum = 0;
    for (int round = 0; round < rounds; ++round) {
        for (side& s : sides) {
            vidata::rawframe_source src(dir, vidata::rawframe_options{.backend = s.backend});
            volatile std::uint64_t sink = 0;
            s.seconds = std::min(s.seconds, best_of(o.reps, [&] { sink = sink + decode_all(src, frames, clip_len, false); }));
        }
        if (!o.peer) continue;
        const auto peer = run_peer("rawframes_peer.py", {"decode", dir.string(), std::to_string(frames), std::to_string(o.reps)});
        if (!peer) return 1;
        mm = std::min(mm, (*peer)["seconds_mmaction2"].get<double>());
        imdecode = std::min(imdecode, (*peer)["seconds_imdecode"].get<double>());
        cv = (*peer)["opencv"].get<std::string>();
        peer_sum = (*peer)["checksum"].get<std::uint64_t>();
    }

    std::printf("\n  %-66s %10s %12s\n", "what", "time", "frames/s");
    const auto row = [&](const std::string& what, double seconds) {
        std::printf("  %-66s %7.1f ms %12.0f\n", what.c_str(), seconds * 1e3, frames / seconds);
    };
    for (const side& s : sides) row(std::string(s.name) + ", clips of " + std::to_string(clip_len), s.seconds);

    if (!o.peer) return 0;
    row("OpenCV " + cv + ": MMAction2's RawFrameDecode (read, imdecode, BGR->RGB)", mm);
    row("OpenCV " + cv + ": cv2.imdecode alone, bytes in memory (BGR)", imdecode);
    std::printf("\n");
    for (const side& s : sides) {
        const std::string b(vidata::to_string_view(s.backend));
        print_ratio(("frames/s: vidata " + b + " / MMAction2's cv2 path (goal: >= 1)").c_str(), mm / s.seconds);
        print_ratio(("frames/s: vidata " + b + " / cv2.imdecode alone").c_str(), imdecode / s.seconds);
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
