// SPDX-License-Identifier: Apache-2.0
// Re-encoding to short side 256: vidata::prepare::resize_videos against the command MMAction2's resize_videos.py runs,
// `ffmpeg -i X -vf scale=-2:256 -c:v libx264 -an [-g 16] out.mp4`, in the same run.
//
//   vidata_bench_resize_videos [--reps 3] [--seconds 10]
//
// Makes its videos with the ffmpeg CLI (10 s H.264 test patterns at 25 fps, 640x360 and 340x256). Both sides run
// libx264 at the ffmpeg CLI's defaults (preset medium, crf 23, threads auto) and decode with threads auto, one video
// at a time (vidata with num_worker 1): the same work, so the ratio compares the pipelines around the encoder
// (demuxing, decoding, scaling, muxing, threading). Repetitions alternate vidata and ffmpeg, so that a change in the
// machine's load falls on both; the figures are the best wall time of --reps and the CPU time (user + system) of that
// repetition. Ratio: vidata's time / ffmpeg's (the goal: at most 1.10).
#include "support.hpp"

#include <vidata/prepare/resize_videos.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

namespace fs = std::filesystem;

namespace {

struct video_spec {
    std::string name;
    int width, height;
};

double cpu_seconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double load_average() {
    std::ifstream in("/proc/loadavg");
    double one = -1.0;
    in >> one;
    return one;
}

struct timing {
    double wall = 1e300;
    double cpu = 0.0;
    void keep(double w, double c) {
        if (w < wall) {
            wall = w;
            cpu = c;
        }
    }
};

}  // namespace

int main(int argc, char** argv) {
    int reps = 3;
    int seconds = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--reps") reps = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--seconds") seconds = std::max(1, std::atoi(argv[i + 1]));
    }
    std::random_device rd;
    const fs::path root = fs::temp_directory_path() / ("vidata-bench-resize-" + std::to_string(rd()));
    fs::create_directories(root);
    const std::vector<video_spec> specs{{"v640x360", 640, 360}, {"v340x256", 340, 256}};
    for (const auto& v : specs) {
        fs::create_directories(root / v.name);
        const std::string cmd = "ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=size=" + std::to_string(v.width) + "x" +
                                std::to_string(v.height) + ":rate=25 -t " + std::to_string(seconds) + " -c:v libx264 -pix_fmt yuv420p " +
                                vidata::bench::shell_quote((root / v.name / (v.name + ".mp4")).string());
        if (std::system(cmd.c_str()) != 0) {
            std::cerr << "ffmpeg could not make the test video\n";
            return 1;
        }
    }
    av_log_set_level(AV_LOG_ERROR);
    std::printf("resize to short side 256, libx264 preset medium crf 23 threads auto on both sides; %d s at 25 fps; best of %d; "
                "load average at start %.2f\n",
                seconds, reps, load_average());

    for (const bool dense : {false, true}) {
        for (const auto& v : specs) {
            const fs::path src = root / v.name;
            const fs::path out_vidata = root / "out-vidata";
            const fs::path out_ffmpeg = root / "out-ffmpeg.mp4";
            vidata::prepare::resize_options o;
            o.level = 1;
            o.num_worker = 1;
            o.dense = dense;
            const std::string ffmpeg = "ffmpeg -nostdin -y -v error -i " + vidata::bench::shell_quote((src / (v.name + ".mp4")).string()) +
                                       " -vf scale=-2:256 -c:v libx264 -an " + (dense ? "-g 16 " : "") +
                                       vidata::bench::shell_quote(out_ffmpeg.string());
            timing ours, theirs;
            std::uint64_t frames = 0;
            for (int r = 0; r < reps; ++r) {
                fs::remove_all(out_vidata);
                double c0 = cpu_seconds(RUSAGE_SELF);
                auto t0 = vidata::bench::clock_type::now();
                frames = vidata::prepare::resize_videos(src, out_vidata, o).totals.frames;
                ours.keep(vidata::bench::seconds_since(t0), cpu_seconds(RUSAGE_SELF) - c0);

                c0 = cpu_seconds(RUSAGE_CHILDREN);
                t0 = vidata::bench::clock_type::now();
                if (std::system(ffmpeg.c_str()) != 0) std::cerr << "ffmpeg failed\n";
                theirs.keep(vidata::bench::seconds_since(t0), cpu_seconds(RUSAGE_CHILDREN) - c0);
            }
            std::printf("%-6s %-9s %llu frames | vidata %6.3f s (%6.1f frames/s, cpu %6.3f s) | ffmpeg %6.3f s (%6.1f frames/s, cpu %6.3f s) | "
                        "ratio wall %.2f, cpu %.2f\n",
                        dense ? "dense" : "plain", v.name.c_str(), static_cast<unsigned long long>(frames), ours.wall,
                        static_cast<double>(frames) / ours.wall, ours.cpu, theirs.wall, static_cast<double>(frames) / theirs.wall, theirs.cpu,
                        ours.wall / theirs.wall, ours.cpu / theirs.cpu);
        }
    }
    std::printf("load average at end %.2f\n", load_average());
    fs::remove_all(root);
    return 0;
}
