// SPDX-License-Identifier: Apache-2.0
// Benchmark: ActivityNet AR@AN (average recall against the average number of proposals, AR@1/5/10/100 and the
// AUC), JSON files to numbers, on an ActivityNet-val-sized synthetic case (4,700 videos x 100 proposals),
// against the official toolkit's algorithm on numpy.
//
//   vidata_bench_average_recall [--dir DIR] [--reps N] [--videos N] [--no-peer]
//
// Writes DIR/gt.json (the official form: {"version", "taxonomy", "database": {video: {"subset": "validation",
// "duration", "annotations": [{"segment": [s, e], "label"}]}}}) and DIR/proposals.json ({"version", "results":
// {video: [{"score", "segment": [s, e]}]}, "external_data"}) from a fixed seed: durations 30-240 s, 1-4
// ground-truth segments per video, 100 proposals per video (a third of them near a ground-truth segment),
// scores to 3 decimals so that they tie. Times vidata reading both files and computing AR@AN (best of N, and
// the read / parse / compute split), measures the peak RSS of a fresh process doing it once (getrusage)
// against the size of the inputs, then runs benchmarks/python/average_recall_peer.py on the same files in the
// same run (and the real toolkit too when ACTIVITYNET_TOOLKIT names a checkout of activitynet/ActivityNet),
// prints every time, the ratio, and the values of each side, which must agree to 1e-9 relative.
#include <vidata/core/rng.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/metrics/average_recall.hpp>

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace {

constexpr std::uint64_t seed = 20240614;
constexpr int default_videos = 4700;  // ActivityNet v1.3 validation: 4,926 videos, about 4,700 still online
constexpr int proposals_per_video = 100;
constexpr int classes = 200;
constexpr std::array<int, 4> reported{1, 5, 10, 100};

using namespace vidata::bench;

struct counts {
    int videos = 0;
    std::size_t gt_segments = 0;
    std::size_t proposals = 0;
    std::size_t tied = 0;  // proposals whose score equals another's in the same video
};

std::string video_name(vidata::rng& g) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string id(11, ' ');
    for (char& c : id) c = alphabet[g.uniform_int<int>(0, 63)];
    return id;
}

counts write_case(const std::filesystem::path& dir, int videos) {
    counts n;
    n.videos = videos;
    std::ofstream gt(dir / "gt.json");
    std::ofstream pr(dir / "proposals.json");
    gt << R"({"version": "VERSION 1.3", "taxonomy": [], "database": {)";
    pr << R"({"version": "VERSION 1.3", "results": {)";
    std::unordered_set<std::string> names;
    char buf[160];
    struct span {
        double s, e;
    };
    std::vector<span> truth;
    std::vector<int> milli_scores;
    for (int v = 0; v < videos; ++v) {
        vidata::rng name_rng = vidata::rng::for_item(seed, 1, static_cast<std::uint64_t>(v));
        std::string id = video_name(name_rng);
        while (!names.insert(id).second) id = video_name(name_rng);
        vidata::rng g = vidata::rng::for_item(seed, 0, static_cast<std::uint64_t>(v));

        const double duration = std::round(g.uniform_real(30.0, 240.0) * 100.0) / 100.0;
        const int segments = g.uniform_int<int>(1, 4);
        truth.clear();
        gt << (v ? ", " : "") << '"' << id << R"(": {"subset": "validation", )";
        std::snprintf(buf, sizeof buf, "%.2f", duration);
        gt << R"("duration": )" << buf << R"(, "annotations": [)";
        for (int k = 0; k < segments; ++k) {
            const double len = g.uniform_real(0.05, 0.5) * duration;
            const double s = g.uniform_real(0.0, duration - len);
            std::snprintf(buf, sizeof buf, R"(%s{"segment": [%.2f, %.2f], "label": "Activity %03d"})", k ? ", " : "", s, s + len,
                          g.uniform_int<int>(0, classes - 1));
            gt << buf;
            truth.push_back({s, s + len});
        }
        gt << "]}";
        n.gt_segments += static_cast<std::size_t>(segments);

        // Proposals: a third near a ground-truth segment (boundaries jittered by up to a quarter of its
        // length, higher scores), the rest anywhere in the video (lower scores); scores to 3 decimals.
        pr << (v ? ", " : "") << '"' << id << R"(": [)";
        milli_scores.clear();
        for (int p = 0; p < proposals_per_video; ++p) {
            double s = 0.0, e = 0.0, score = 0.0;
            if (g.uniform_int<int>(0, 2) == 0) {
                const span& t = truth[static_cast<std::size_t>(g.uniform_int<int>(0, segments - 1))];
                const double jitter = 0.25 * (t.e - t.s);
                s = std::clamp(t.s + g.uniform_real(-jitter, jitter), 0.0, duration);
                e = std::clamp(t.e + g.uniform_real(-jitter, jitter), 0.0, duration);
                if (s > e) std::swap(s, e);
                score = g.uniform_real(0.2, 1.0);
            } else {
                const double len = g.uniform_real(0.02, 0.8) * duration;
                s = g.uniform_real(0.0, duration - len);
                e = s + len;
                score = g.uniform_real(0.0, 0.8);
            }
            const int milli = static_cast<int>(std::lround(score * 1000.0));
            milli_scores.push_back(milli);
            std::snprintf(buf, sizeof buf, R"(%s{"score": %d.%03d, "segment": [%.3f, %.3f]})", p ? ", " : "", milli / 1000,
                          milli % 1000, s, e);
            pr << buf;
        }
        pr << "]";
        n.proposals += proposals_per_video;
        std::sort(milli_scores.begin(), milli_scores.end());
        for (std::size_t i = 0; i < milli_scores.size(); ++i)
            if ((i > 0 && milli_scores[i] == milli_scores[i - 1]) || (i + 1 < milli_scores.size() && milli_scores[i] == milli_scores[i + 1]))
                ++n.tied;
    }
    gt << "}}\n";
    pr << R"(}, "external_data": {}})" << '\n';
    return n;
}

// What `vidata eval ar-an` does: the ground truth read, the proposals streamed through the evaluation a video
// at a time.
vidata::average_recall_result evaluate(const std::filesystem::path& gt_path, const std::filesystem::path& proposals_path) {
    const vidata::activitynet_ground_truth gt = vidata::read_activitynet_ground_truth(gt_path);
    vidata::average_recall_accumulator<> accumulator(gt.videos);
    (void)vidata::read_temporal_results_by_video(proposals_path, [&](std::string_view id, std::span<const vidata::scored_segment> p) {
        accumulator.add(id, p);
    });
    return accumulator.result();
}

// --measure-rss GT PROPOSALS: one evaluation in a fresh process, as `vidata eval ar-an` runs it.
int measure_rss(const std::filesystem::path& gt_path, const std::filesystem::path& proposals_path) {
    return measure_once([&] { return evaluate(gt_path, proposals_path).auc; });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--measure-rss") return measure_rss(argv[2], argv[3]);
    int videos = default_videos;
    const auto parsed = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-average-recall", 5}, {{"--videos", &videos}});
    if (!parsed) return 2;
    const std::filesystem::path& dir = parsed->dir;
    const int reps = parsed->reps;
    const bool peer = parsed->peer;
    const counts n = write_case(dir, videos);
    const std::filesystem::path gt_path = dir / "gt.json", proposals_path = dir / "proposals.json";
    const auto gt_bytes = static_cast<double>(std::filesystem::file_size(gt_path));
    const auto proposals_bytes = static_cast<double>(std::filesystem::file_size(proposals_path));
    std::printf("average_recall: %d videos, %zu ground-truth segments (%.2f MB), %zu proposals (%.2f MB; %zu of them tie with "
                "another score of their video), seed %llu, best of %d\n",
                n.videos, n.gt_segments, gt_bytes / 1e6, n.proposals, proposals_bytes / 1e6, n.tied,
                static_cast<unsigned long long>(seed), reps);
    std::printf("  files: %s, %s\n", gt_path.c_str(), proposals_path.c_str());

    // The whole job, files to numbers, and where its time goes.
    vidata::average_recall_result result;
    const double t_total = best_of(reps, [&] { result = evaluate(gt_path, proposals_path); });
    std::string gt_text, proposals_text;
    const double t_read_gt = best_of(reps, [&] { vidata::read_file(gt_path, gt_text); });
    const double t_read_proposals = best_of(reps, [&] { vidata::read_file(proposals_path, proposals_text); });
    vidata::activitynet_ground_truth gt;
    vidata::temporal_results proposals;
    const double t_parse_gt = best_of(reps, [&] { gt = vidata::parse_activitynet_ground_truth(gt_text, gt_path.string()); });
    const double t_parse_proposals =
        best_of(reps, [&] { proposals = vidata::parse_temporal_results(proposals_text, proposals_path.string()); });
    vidata::average_recall_result split;
    const double t_compute = best_of(reps, [&] { split = vidata::average_recall_at_avg_proposals(gt.videos, proposals); });
    gt_text = std::string();
    proposals_text = std::string();

    std::printf("vidata (one thread)\n");
    print_time("files to AR@AN: read gt, stream the proposals through the metric", t_total);
    std::printf("  the same work in separate steps (each reusing warm buffers):\n");
    print_time("  read gt.json (page cache)", t_read_gt);
    print_time("  parse gt.json (one streaming pass)", t_parse_gt);
    print_time("  read proposals.json (page cache)", t_read_proposals);
    print_time("  parse proposals.json into temporal_results (streaming, no DOM)", t_parse_proposals);
    print_time("  average_recall_at_avg_proposals (sort, tIoU, truncate, curve)", t_compute);
    std::printf("  values: AR@1 %.12f, AR@5 %.12f, AR@10 %.12f, AR@100 %.12f, AUC %.12f\n", result.ar_at(1), result.ar_at(5),
                result.ar_at(10), result.ar_at(100), result.auc);
    std::printf("  %lld videos, %lld ground-truth segments, %lld proposals counted, %lld kept\n",
                static_cast<long long>(result.videos), static_cast<long long>(result.ground_truth_segments),
                static_cast<long long>(result.counted_proposals), static_cast<long long>(result.retrieved_proposals));
    if (split.auc != result.auc) {
        std::printf("  split run computed a different AUC (%.17g vs %.17g)\n", split.auc, result.auc);
        return 1;
    }

    // Peak memory of one evaluation in a fresh process (this one has held the split's buffers).
    if (!report_fresh_process("--measure-rss " + shell_quote(gt_path.string()) + " " + shell_quote(proposals_path.string()),
                              result.auc, gt_bytes + proposals_bytes, "read both files + AR@AN"))
        return 1;

    if (!peer) return 0;
    const auto ran = run_peer("average_recall_peer.py", {gt_path.string(), proposals_path.string()});
    if (!ran) return 1;
    const nlohmann::json& peers = *ran;
    const auto& p = peers["peer"];
    std::printf("peers (same files, same run, one run each)\n");
    const double t_peer = p["seconds"].get<double>();
    std::printf("  eval_proposal.py's algorithm on %s\n", p["implementation"].get<std::string>().c_str());
    print_time("peer: json.load both files + AR@AN", t_peer);
    print_time("  json.load + the per-row lists (the toolkit's _import_*)", p["read_seconds"].get<double>());
    print_time("  average_recall_vs_avg_nr_proposals + AR@n + AUC", p["compute_seconds"].get<double>());
    std::printf("  %-66s %10.1f x\n", "peer / vidata (files to numbers; goal: >= 200)", t_peer / t_total);

    // Agreement: every reported number, relative 1e-9.
    auto agree = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); };
    bool same = true;
    std::printf("  %-8s %18s %18s\n", "value", "vidata", "peer");
    auto compare = [&](const std::string& key, double mine, const nlohmann::json& theirs) {
        const double other = theirs[key].get<double>();
        const bool ok = agree(mine, other);
        same = same && ok;
        std::printf("  %-8s %18.12f %18.12f %s\n", key.c_str(), mine, other, ok ? "" : "DIFFERENT");
    };
    for (const int k : reported) compare("AR@" + std::to_string(k), result.ar_at(static_cast<std::size_t>(k)), p);
    compare("auc", result.auc, p);
    std::printf("  agreement (relative 1e-9, AR@1/5/10/100 and AUC): %s\n", same ? "yes" : "NO");

    const auto& toolkit = peers["toolkit"];
    if (toolkit.is_null()) {
        std::printf("  official toolkit: ACTIVITYNET_TOOLKIT not set, skipped\n");
    } else if (toolkit.contains("error")) {
        std::printf("  official toolkit: failed (%s): %s\n", toolkit.value("python", std::string("?")).c_str(),
                    toolkit["error"].dump().c_str());
    } else {
        const double t_toolkit = toolkit["seconds"].get<double>();
        print_time("ActivityNet eval_proposal.py ANETproposal (read + evaluate)", t_toolkit);
        std::printf("  %-66s %10.1f x\n", "toolkit / vidata (goal: >= 200)", t_toolkit / t_total);
        bool toolkit_same = true;
        for (const int k : reported) toolkit_same = toolkit_same && agree(result.ar_at(static_cast<std::size_t>(k)),
                                                                          toolkit["AR@" + std::to_string(k)].get<double>());
        toolkit_same = toolkit_same && agree(result.auc, toolkit["auc"].get<double>());
        std::printf("  toolkit values: AR@100 %.12f, AUC %.12f (%s vidata's)\n", toolkit["AR@100"].get<double>(),
                    toolkit["auc"].get<double>(), toolkit_same ? "equal to" : "DIFFERENT FROM");
        same = same && toolkit_same;
    }
    return same ? 0 : 1;
}
