// SPDX-License-Identifier: Apache-2.0
// RGB frame extraction to short-side-256 JPEGs: vidata::prepare::build_rawframes against
// `ffmpeg -i X -vf scale=-2:256 -q:v 2 out/img_%05d.jpg`, in the same run, at one worker and at N workers.
//
//   vidata_bench_build_rawframes [--reps 3] [--workers 2] [--copies 4] [--dir D]
//
// Makes its videos with the ffmpeg CLI (a 10 s 340x256 and a 30 s 640x360 H.264 test pattern at 25 fps). One
// worker: each video alone, vidata with num_worker 1 against one ffmpeg process (ffmpeg's default threading, as the
// command is typed). N workers: `--copies` copies of both videos, vidata with num_worker N against N ffmpeg
// processes at once (xargs -P N). Frames per second (best of --reps) and the ratio vidata / ffmpeg, by wall time and
// by CPU time (user + system of every thread: vidata's process, ffmpeg's child processes), which a loaded machine
// distorts least. The two sides alternate rep by rep. With one worker, vidata decodes on FFmpeg's threads and
// hands the pictures to encoder threads (rawframes_options' defaults); `--decoder-threads N` and
// `--encoder-threads N` set them (0 encoder threads: the worker encodes what it decodes); `--one-worker-only 1`
// stops after the one-worker rows. `--dir` is where the videos and frames go (default: the temporary directory);
// the frames of every run are kept until the end (about 1.2 GB with the defaults).
#include "support.hpp"

#include <vidata/prepare/build_rawframes.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <optional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

namespace fs = std::filesystem;

namespace {

int shell(const std::string& command) { return std::system(command.c_str()); }

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct video_spec {
    std::string name;
    int width, height, seconds;
};

struct cost {
    double wall = std::numeric_limits<double>::infinity();
    double cpu = std::numeric_limits<double>::infinity();
};

double cpu_seconds(int who) {
    rusage u{};
    ::getrusage(who, &u);
    const auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

// Best wall and best CPU time over `reps` runs of f; `who` is RUSAGE_SELF (in-process work) or RUSAGE_CHILDREN
// (work done by the commands f runs and waits for). `before` runs untimed before each.
template <class F, class Before>
cost best_cost(int reps, int who, F&& f, Before&& before) {
    cost best;
    for (int r = 0; r < reps; ++r) {
        before();
        const double c0 = cpu_seconds(who);
        const auto t0 = vidata::bench::clock_type::now();
        f();
        best.wall = std::min(best.wall, vidata::bench::seconds_since(t0));
        best.cpu = std::min(best.cpu, cpu_seconds(who) - c0);
    }
    return best;
}

void print_row(const std::string& what, std::uint64_t vf, cost v, std::size_t ff, cost f) {
    const auto rate = [](double frames, double s) { return frames / s; };
    std::printf("%s vidata %5llu frames %7.1f frames/s (%7.1f per CPU-s) | ffmpeg %5zu frames %7.1f frames/s (%7.1f per CPU-s) | ratio %.2fx wall, %.2fx CPU\n",
                what.c_str(), static_cast<unsigned long long>(vf), rate(static_cast<double>(vf), v.wall), rate(static_cast<double>(vf), v.cpu), ff,
                rate(static_cast<double>(ff), f.wall), rate(static_cast<double>(ff), f.cpu), (static_cast<double>(vf) / v.wall) / (static_cast<double>(ff) / f.wall),
                (static_cast<double>(vf) / v.cpu) / (static_cast<double>(ff) / f.cpu));
}

std::size_t count_files(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() && e.path().extension() == ".jpg";
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    int reps = 3;
    unsigned workers = 2;
    int copies = 4;
    unsigned decoder_threads = 0;
    bool one_worker_only = false;
    fs::path dir = fs::temp_directory_path();
    std::optional<unsigned> encoder_threads;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--reps") reps = std::atoi(argv[i + 1]);
        else if (a == "--workers") workers = static_cast<unsigned>(std::atoi(argv[i + 1]));
        else if (a == "--copies") copies = std::atoi(argv[i + 1]);
        else if (a == "--dir") dir = argv[i + 1];
        else if (a == "--one-worker-only") one_worker_only = std::atoi(argv[i + 1]) != 0;
        else if (a == "--decoder-threads") decoder_threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
        else if (a == "--encoder-threads") encoder_threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
    std::random_device rd;
    const fs::path root = dir / ("vidata-bench-rawframes-" + std::to_string(rd()));
    fs::create_directories(root);
    const std::vector<video_spec> specs{{"v340x256_10s", 340, 256, 10}, {"v640x360_30s", 640, 360, 30}};
    for (const auto& v : specs) {
        fs::create_directories(root / v.name / "src");
        const std::string cmd = "ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=size=" + std::to_string(v.width) + "x" + std::to_string(v.height) +
                                ":rate=25 -t " + std::to_string(v.seconds) + " -c:v libx264 -pix_fmt yuv420p " +
                                quote((root / v.name / "src" / (v.name + ".mp4")).string());
        if (shell(cmd) != 0) {
            std::cerr << "ffmpeg could not make the test video\n";
            return 1;
        }
    }
    std::printf("libjpeg-turbo: %s; reps %d (best of)\n", vidata::prepare::jpeg_encoder_is_turbojpeg() ? "yes" : "no (stb)", reps);

    vidata::prepare::rawframes_options o;
    o.level = 1;
    o.ext = "mp4";
    o.new_short = 256;
    o.decoder_threads = decoder_threads;
    o.encoder_threads = encoder_threads;
    // One timed run of each side per call; `best` keeps the lower wall and the lower CPU time across calls.
    const auto keep_best = [](cost& best, cost now) {
        best.wall = std::min(best.wall, now.wall);
        best.cpu = std::min(best.cpu, now.cpu);
    };
    // Every run writes into a directory of its own, and all are removed when the program ends: ext4 skips the
    // inodes of files deleted in the last minute when it allocates new ones, so removing a run's 750 frames
    // right before the next run made each file creation search past them (perf: 15-20 % of vidata's time in
    // the kernel's recently_deleted / find_inode_bit), a cost of the benchmark's loop, not of extracting a
    // dataset.
    int outputs = 0;
    const auto fresh_output = [&](const std::string& side) { return root / ("out-" + side + "-" + std::to_string(outputs++)); };
    const auto run_vidata = [&](const fs::path& src, unsigned n) {
        o.num_worker = n;
        const fs::path out = fresh_output("vidata");
        std::uint64_t frames = 0;
        const cost s = best_cost(1, RUSAGE_SELF, [&] { frames = vidata::prepare::build_rawframes(src, out, o).totals.frames; },
                                 [] {});
        return std::pair{s, frames};
    };
    const auto run_ffmpeg = [&](const std::vector<fs::path>& videos, unsigned n) {
        const fs::path out = fresh_output("ffmpeg");
        const fs::path list = root / "ffmpeg-list.txt";
        std::string lines;
        for (const auto& v : videos) lines += v.string() + "\n";
        {
            std::FILE* f = std::fopen(list.c_str(), "w");
            std::fputs(lines.c_str(), f);
            std::fclose(f);
        }
        // One directory per video, as build_rawframes makes.
        const std::string cmd = "xargs -P " + std::to_string(n) + " -I{} sh -c 'd=" + quote(out.string()) +
                                "/$(basename {} .mp4); mkdir -p $d && ffmpeg -nostdin -v error -i {} -vf scale=-2:256 -q:v 2 $d/img_%05d.jpg' < " +
                                quote(list.string());
        std::size_t frames = 0;
        const cost s = best_cost(
            1, RUSAGE_CHILDREN,
            [&] {
                if (shell(cmd) != 0) std::cerr << "ffmpeg failed\n";
                frames = count_files(out);
            },
            [] {});
        return std::pair{s, frames};
    };

    // The sides alternate, each rep starting with the other one, so that a slower or faster spell of a shared
    // machine falls on both.
    const auto compare = [&](const fs::path& src, const std::vector<fs::path>& videos, unsigned n, const std::string& what) {
        cost vs, fs_;
        std::uint64_t vf = 0;
        std::size_t ff = 0;
        for (int r = 0; r < reps; ++r)
            for (int side = 0; side < 2; ++side) {
                if ((side + r) % 2 == 0) {
                    const auto [c, frames] = run_vidata(src, n);
                    keep_best(vs, c);
                    vf = frames;
                } else {
                    const auto [c, frames] = run_ffmpeg(videos, n);
                    keep_best(fs_, c);
                    ff = frames;
                }
            }
        print_row(what, vf, vs, ff, fs_);
    };
    for (const auto& v : specs) compare(root / v.name / "src", {root / v.name / "src" / (v.name + ".mp4")}, 1, "1 worker  " + v.name + " ");

    if (one_worker_only) {
        fs::remove_all(root);
        return 0;
    }
    // N workers over several videos: copies of both.
    const fs::path many = root / "many";
    fs::create_directories(many);
    std::vector<fs::path> all;
    for (const auto& v : specs)
        for (int c = 0; c < copies; ++c) {
            const fs::path to = many / (v.name + "_" + std::to_string(c) + ".mp4");
            fs::copy_file(root / v.name / "src" / (v.name + ".mp4"), to);
            all.push_back(to);
        }
    for (unsigned n : {1u, workers}) compare(many, all, n, std::to_string(n) + " worker(s), " + std::to_string(all.size()) + " videos:");
    // Scaling: N workers of one decoder thread each against one such worker (the goal: at least 0.8 N times the
    // one-worker rate, on a machine with N free cores).
    o.decoder_threads = 1;
    o.encoder_threads = 0;
    cost one_s, n_s;
    std::uint64_t one_f = 0, n_f = 0;
    for (int r = 0; r < reps; ++r) {
        const auto [c1, f1] = run_vidata(many, 1);
        const auto [cn, fn] = run_vidata(many, workers);
        keep_best(one_s, c1);
        keep_best(n_s, cn);
        one_f = f1;
        n_f = fn;
    }
    std::printf("scaling, one decoder thread a worker: 1 worker %7.1f frames/s, %u workers %7.1f frames/s: %.2fx (%.2f of %u-fold)\n",
                static_cast<double>(one_f) / one_s.wall, workers, static_cast<double>(n_f) / n_s.wall,
                (static_cast<double>(n_f) / n_s.wall) / (static_cast<double>(one_f) / one_s.wall),
                (static_cast<double>(n_f) / n_s.wall) / (static_cast<double>(one_f) / one_s.wall) / workers, workers);
    fs::remove_all(root);
    return 0;
}
