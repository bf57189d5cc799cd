// SPDX-License-Identifier: Apache-2.0
// Cutting a long video into 10-second parts (OmniSource's and Kinetics-raw's trimming) by stream copy:
// vidata::prepare::trim against the ffmpeg CLI run once per part, as the guides' scripts run it.
//
//   vidata_bench_trim [--reps 3] [--dir D]
//
// Makes a 120 s 1280x720 H.264 video with a keyframe every 10 s (so that every part can be stream-copied) and cuts
// it into the 12 parts [10 i, 10 i + 10):
// - vidata trim, one worker: the cuts of the source share one demux pass (detail::demux_cache);
// - vidata cut_video per part: one demux pass per cut (what trim did before the cache), for the cache's effect;
// - ffmpeg: `ffmpeg -ss S -i X -t 10 -c copy -avoid_negative_ts 1 part.mp4` per part, one process each.
// Best of --reps by wall time, the sides alternating; each run writes into a directory of its own.
#include "support.hpp"

#include <vidata/prepare/trim.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    int reps = 3;
    fs::path dir = fs::temp_directory_path();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--reps") reps = std::atoi(argv[i + 1]);
        else if (a == "--dir") dir = argv[i + 1];
    }
    std::random_device rd;
    const fs::path root = dir / ("vidata-bench-trim-" + std::to_string(rd()));
    fs::create_directories(root / "src");
    const fs::path video = root / "src" / "long.mp4";
    int status = 0;
    const std::string made = vidata::bench::run("ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=size=1280x720:rate=25,noise=alls=8:allf=t -t 120 "
                                                "-c:v libx264 -preset ultrafast -g 250 -sc_threshold 0 -pix_fmt yuv420p " +
                                                    vidata::bench::shell_quote(video.string()) + " 2>&1",
                                                status);
    if (status != 0) {
        std::printf("ffmpeg could not make the test video: %s\n", made.c_str());
        return 1;
    }
    constexpr int parts = 12;
    std::vector<vidata::prepare::trim_cut> cuts;
    for (int i = 0; i < parts; ++i) {
        vidata::prepare::trim_cut c;
        c.source = "long.mp4";
        c.start = 10.0 * i;
        c.end = c.start + 10.0;
        c.output = "long_" + std::to_string(i) + ".mp4";
        cuts.push_back(c);
    }

    int outputs = 0;
    const auto fresh = [&] {
        const fs::path out = root / ("out-" + std::to_string(outputs++));
        fs::create_directories(out);
        return out;
    };
    std::size_t copied = 0;
    const auto vidata_trim = [&] {
        const auto s = vidata::prepare::trim(cuts, root / "src", fresh(), {});
        copied = s.copied;
    };
    const auto vidata_per_cut = [&] {
        const fs::path out = fresh();
        for (const auto& c : cuts) (void)vidata::prepare::cut_video(root / "src" / c.source, c.start, c.end, out / c.output);
    };
    const auto ffmpeg_per_part = [&] {
        const fs::path out = fresh();
        for (const auto& c : cuts) {
            int s = 0;
            (void)vidata::bench::run("ffmpeg -nostdin -y -v error -ss " + std::to_string(c.start) + " -i " + vidata::bench::shell_quote(video.string()) +
                                         " -t 10 -c copy -avoid_negative_ts 1 " + vidata::bench::shell_quote((out / c.output).string()) + " 2>&1",
                                     s);
            if (s != 0) std::printf("ffmpeg failed on %s\n", c.output.c_str());
        }
    };
    double best[3] = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    for (int r = 0; r < reps; ++r)
        for (int k = 0; k < 3; ++k) {
            const int side = (k + r) % 3;
            const auto t0 = vidata::bench::clock_type::now();
            if (side == 0) vidata_trim();
            else if (side == 1) vidata_per_cut();
            else ffmpeg_per_part();
            best[side] = std::min(best[side], vidata::bench::seconds_since(t0));
        }
    std::printf("12 x 10 s parts of a 120 s 1280x720 H.264 video (%zu stream-copied by vidata), best of %d:\n", copied, reps);
    std::printf("  vidata trim (one demux pass for the source)   %8.1f ms\n", best[0] * 1e3);
    std::printf("  vidata cut_video per part (one pass each)     %8.1f ms\n", best[1] * 1e3);
    std::printf("  ffmpeg -ss -i -t -c copy, one process a part  %8.1f ms\n", best[2] * 1e3);
    std::printf("  ratio: ffmpeg / vidata trim %.2fx, per-cut passes / shared pass %.2fx\n", best[2] / best[0], best[1] / best[0]);
    fs::remove_all(root);
    return 0;
}
