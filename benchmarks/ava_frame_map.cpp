// SPDX-License-Identifier: Apache-2.0
// Benchmark: AVA frame-mAP@0.5IoU, CSV to number, on an AVA-validation-sized synthetic case (~55k ground-truth
// rows, ~300k detection rows, the 60-class evaluation list), against the official algorithm on numpy.
//
//   vidata_bench_ava_frame_map [--dir DIR] [--reps N] [--no-peer]
//
// Writes DIR/labelmap.pbtxt, DIR/gt.csv and DIR/detections.csv (fixed seed; 64 videos x 300 keyframes, AVA's
// CSV layout, MMAction2's '%.3f' numbers, so scores tie), times vidata's ava_frame_map from the files (best of
// N, both policies, and the parse / evaluate split), then runs benchmarks/python/ava_peer.py on the same files
// in the same run (and the real toolkit too when ACTIVITYNET_TOOLKIT names a checkout of
// activitynet/ActivityNet) and prints every time, the ratio, and both values, which must agree.
#include <vidata/core/rng.hpp>
#include <vidata/metrics/ava_frame_map.hpp>

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace {

constexpr std::uint64_t seed = 20240613;
constexpr int videos = 64;
constexpr int keyframes = 300;  // per video, timestamps 0902..1201

using namespace vidata::bench;

struct counts {
    std::size_t gt_rows = 0;
    std::size_t detection_rows = 0;
};

// The 60 evaluated classes: ids 1..80 without those ≡ 2 (mod 4), the first 14 "pose" classes among them.
bool evaluated(int id) { return id % 4 != 2; }

counts write_case(const std::filesystem::path& dir) {
    counts n;
    {
        std::ofstream map(dir / "labelmap.pbtxt");
        for (int id = 1; id <= 80; ++id)
            if (evaluated(id)) map << "item {\n  name: \"action " << id << "\"\n  id: " << id << "\n}\n";
    }
    std::ofstream gt(dir / "gt.csv");
    std::ofstream det(dir / "detections.csv");
    char line[160];
    auto fmt = [&](const char* video, int ts, double x1, double y1, double x2, double y2, int action, double last, bool score) {
        const int len = score ? std::snprintf(line, sizeof line, "%s,%04d,%.3f,%.3f,%.3f,%.3f,%d,%.3f\n", video, ts, x1, y1, x2, y2,
                                              action, last)
                              : std::snprintf(line, sizeof line, "%s,%04d,%.3f,%.3f,%.3f,%.3f,%d,%d\n", video, ts, x1, y1, x2, y2,
                                              action, static_cast<int>(last));
        return std::string(line, static_cast<std::size_t>(len));
    };
    const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int v = 0; v < videos; ++v) {
        vidata::rng name_rng = vidata::rng::for_item(seed, 1, static_cast<std::uint64_t>(v));
        char video[12];
        for (int i = 0; i < 11; ++i) video[i] = alphabet[name_rng.uniform_int<int>(0, 63)];
        video[11] = '\0';
        for (int k = 0; k < keyframes; ++k) {
            const int ts = 902 + k;
            vidata::rng g = vidata::rng::for_item(seed, 0, static_cast<std::uint64_t>(v * keyframes + k));
            const int draw = g.uniform_int<int>(0, 99);
            const int people = draw < 15 ? 0 : draw < 55 ? 1 : draw < 85 ? 2 : 3;
            struct person {
                double x1, y1, x2, y2;
                std::vector<int> actions;
            };
            std::vector<person> frame;
            for (int p = 0; p < people; ++p) {
                person q;
                q.x1 = g.uniform_real(0.0, 0.6);
                q.y1 = g.uniform_real(0.0, 0.4);
                q.x2 = std::min(1.0, q.x1 + g.uniform_real(0.1, 0.4));
                q.y2 = std::min(1.0, q.y1 + g.uniform_real(0.3, 0.6));
                // One pose class, and zero to two others (AVA: about two labels per person).
                int pose = g.uniform_int<int>(1, 18);
                while (!evaluated(pose)) pose = g.uniform_int<int>(1, 18);
                q.actions.push_back(pose);
                const int others = g.uniform_int<int>(0, 2);
                for (int o = 0; o < others; ++o) {
                    int a = g.uniform_int<int>(19, 80);
                    while (!evaluated(a)) a = g.uniform_int<int>(19, 80);
                    q.actions.push_back(a);
                }
                for (const int a : q.actions) {
                    gt << fmt(video, ts, q.x1, q.y1, q.x2, q.y2, a, p, false);
                    ++n.gt_rows;
                }
                frame.push_back(std::move(q));
            }
            // Detections: a jittered box per person and, half of the time, a spurious one; eight class rows per
            // box (the person's actions scoring higher), some of a class outside the 60, scores to 3 decimals.
            std::vector<person> boxes = frame;
            if (g.uniform_int<int>(0, 1) == 0)
                boxes.push_back({g.uniform_real(0.0, 0.6), g.uniform_real(0.0, 0.4), 0.0, 0.0, {}});
            for (std::size_t b = 0; b < boxes.size(); ++b) {
                person d = boxes[b];
                if (b >= frame.size()) {
                    d.x2 = std::min(1.0, d.x1 + g.uniform_real(0.1, 0.4));
                    d.y2 = std::min(1.0, d.y1 + g.uniform_real(0.3, 0.6));
                }
                const double j = g.uniform_real(-0.05, 0.05);
                d.x1 = std::clamp(d.x1 + j, 0.0, 1.0);
                d.x2 = std::clamp(d.x2 + j, 0.0, 1.0);
                for (int r = 0; r < 8; ++r) {
                    int action = 0;
                    double score = 0.0;
                    if (r < static_cast<int>(d.actions.size())) {
                        action = d.actions[static_cast<std::size_t>(r)];
                        score = g.uniform_real(0.3, 1.0);
                    } else {
                        action = g.uniform_int<int>(1, 80);
                        score = g.uniform_real(0.0, 0.6);
                    }
                    det << fmt(video, ts, d.x1, d.y1, d.x2, d.y2, action, score, true);
                    ++n.detection_rows;
                }
            }
        }
    }
    return n;
}

// --measure-rss DIR: one evaluation in a fresh process, as `vidata eval ava` runs it.
int measure_rss(const std::filesystem::path& dir) {
    const vidata::ava_files files{dir / "gt.csv", dir / "detections.csv", dir / "labelmap.pbtxt", std::nullopt};
    return measure_once([&] { return vidata::ava_frame_map(files).mean_ap; });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--measure-rss") return measure_rss(argv[2]);
    const auto parsed = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-ava", 5});
    if (!parsed) return 2;
    const std::filesystem::path& dir = parsed->dir;
    const int reps = parsed->reps;
    const bool peer = parsed->peer;
    const counts n = write_case(dir);
    const vidata::ava_files files{dir / "gt.csv", dir / "detections.csv", dir / "labelmap.pbtxt", std::nullopt};
    std::printf("ava_frame_map: %d videos x %d keyframes, %zu ground-truth rows (%.1f MB), %zu detection rows (%.1f MB), "
                "60 classes, seed %llu, best of %d\n",
                videos, keyframes, n.gt_rows, static_cast<double>(std::filesystem::file_size(files.ground_truth)) / 1e6,
                n.detection_rows, static_cast<double>(std::filesystem::file_size(files.detections)) / 1e6,
                static_cast<unsigned long long>(seed), reps);
    std::printf("  files: %s, %s, %s\n", files.label_map.c_str(), files.ground_truth.c_str(), files.detections.c_str());

    vidata::ava_frame_map_result official, mm;
    const double t_official = best_of(reps, [&] { official = vidata::ava_frame_map(files); });
    const double t_mm = best_of(reps, [&] { mm = vidata::ava_frame_map(files, vidata::mmaction2_metrics); });
    // Where the time goes, official policy.
    const auto labels = vidata::read_ava_label_map(files.label_map);
    vidata::ava_frames gt, det;
    const double t_gt = best_of(reps, [&] { gt = vidata::read_ava_csv(files.ground_truth, labels, vidata::ava_csv_kind::ground_truth); });
    const double t_det = best_of(reps, [&] { det = vidata::read_ava_csv(files.detections, labels, vidata::ava_csv_kind::detections); });
    const double t_eval = best_of(reps, [&] { official = vidata::ava_frame_map(gt, det, labels); });
    std::printf("vidata (one thread)\n");
    print_time("ava_frame_map, official policy, CSV to number", t_official);
    print_time("  read + parse ground truth", t_gt);
    print_time("  read + parse detections (heap, cap 50, sort)", t_det);
    print_time("  match + rank + AP", t_eval);
    print_time("ava_frame_map, mmaction2 policy, CSV to number", t_mm);
    std::printf("  value: %.12f (official), %.12f (mmaction2); %zu detection frames, %zu detections over the cap\n",
                official.mean_ap, mm.mean_ap, official.detection_frames, det.rows_over_cap());

    const double input_bytes = static_cast<double>(std::filesystem::file_size(files.ground_truth) +
                                                   std::filesystem::file_size(files.detections) +
                                                   std::filesystem::file_size(files.label_map));
    if (!report_fresh_process("--measure-rss " + shell_quote(dir.string()), official.mean_ap, input_bytes,
                              "read the label map and both CSVs + frame-mAP"))
        return 1;

    if (!peer) return 0;
    const auto ran = run_peer("ava_peer.py", {files.label_map.string(), files.ground_truth.string(), files.detections.string()});
    if (!ran) return 1;
    const nlohmann::json& peers = *ran;
    std::printf("peers (same files, same run, one run each)\n");
    const double t_numpy = peers["numpy"]["seconds"].get<double>();
    const double v_numpy = peers["numpy"]["value"].get<double>();
    print_time("numpy: the official algorithm, CSV to number", t_numpy);
    std::printf("  %-66s %10.1f x\n", "numpy / vidata (official policy)", t_numpy / t_official);
    const bool same = std::abs(v_numpy - official.mean_ap) <= 1e-9 * std::abs(official.mean_ap);
    std::printf("  numpy value: %.12f (%s vidata's)\n", v_numpy, same ? "equal to" : "DIFFERENT FROM");
    const auto& toolkit = peers["toolkit"];
    if (toolkit.is_null()) {
        std::printf("  official toolkit: ACTIVITYNET_TOOLKIT not set, skipped\n");
    } else if (toolkit.contains("error")) {
        std::printf("  official toolkit: failed: %s\n", toolkit["error"].dump().c_str());
    } else {
        const double t_toolkit = toolkit["seconds"].get<double>();
        print_time("ActivityNet get_ava_performance.py (process, CSV to number)", t_toolkit);
        std::printf("  %-66s %10.1f x\n", "toolkit / vidata (official policy)", t_toolkit / t_official);
        std::printf("  toolkit value: %.12f\n", toolkit["value"].get<double>());
    }
    return same ? 0 : 1;
}
