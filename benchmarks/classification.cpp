// SPDX-License-Identifier: Apache-2.0
// Benchmark: top-1/top-5 accuracy + mean class accuracy over Kinetics-400 val-sized scores (19,796 × 400
// float32), against one pass over the scores at memory bandwidth, MMAction2's numpy formulas and scikit-learn.
//
//   vidata_bench_classification [--dir DIR] [--reps N]
//
// Writes DIR/scores.npy and DIR/labels.npy (fixed seed), times vidata (best of N, caches warm and caches
// evicted), times a plain sum of every score (the memory-bandwidth floor), then runs
// benchmarks/python/classification_peer.py on the same files in the same run and prints every time and
// the ratios. The numbers each side computed are printed too, and must agree.
#include <vidata/core/rng.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/metrics/classification_accuracy.hpp>
#include <vidata/metrics/mean_class_accuracy.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>

#include <Eigen/Core>
#include "support.hpp"

#include <nlohmann/json.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace {

constexpr Eigen::Index samples = 19796;  // Kinetics-400 validation videos, as MMAction2's val list has them
constexpr Eigen::Index classes = 400;
constexpr std::uint64_t seed = 20240611;

using namespace vidata::bench;
using scores_t = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Writing a buffer several times the size of the last-level cache evicts the scores from every cache.
struct cache_evictor {
    std::vector<unsigned char> buffer = std::vector<unsigned char>(std::size_t{256} << 20);
    void operator()() {
        for (std::size_t i = 0; i < buffer.size(); i += 64) ++buffer[i];
    }
};

/// One pass over the scores: the sum of every float, four SSE accumulators (the loads, not the adds, limit it).
float sum_all(const float* p, std::size_t n) {
#if defined(__SSE2__)
    __m128 a = _mm_setzero_ps(), b = a, c = a, d = a;
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        a = _mm_add_ps(a, _mm_loadu_ps(p + i));
        b = _mm_add_ps(b, _mm_loadu_ps(p + i + 4));
        c = _mm_add_ps(c, _mm_loadu_ps(p + i + 8));
        d = _mm_add_ps(d, _mm_loadu_ps(p + i + 12));
    }
    alignas(16) float lanes[4];
    _mm_store_ps(lanes, _mm_add_ps(_mm_add_ps(a, b), _mm_add_ps(c, d)));
    float s = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (; i < n; ++i) s += p[i];
    return s;
#else
    std::array<float, 16> acc{};
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (std::size_t j = 0; j < 16; ++j) acc[j] += p[i + j];
    float s = 0;
    for (const float v : acc) s += v;
    for (; i < n; ++i) s += p[i];
    return s;
#endif
}

}  // namespace

int main(int argc, char** argv) {
    const auto parsed = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-classification", 30});
    if (!parsed) return 2;
    const std::filesystem::path& dir = parsed->dir;
    const int reps = parsed->reps;
    const bool peer = parsed->peer;

    // What costs is reading N × C floats, whatever they hold; the scores are made so that the accuracies look
    // like a Kinetics-400 model's (top-1 about 0.7): uniform floats in [0, 1) with 24 random bits each, plus
    // 0.7 on the true class. Labels are uniform over the classes; one rng stream per row.
    scores_t scores(samples, classes);
    std::vector<std::int64_t> labels(static_cast<std::size_t>(samples));
    for (Eigen::Index i = 0; i < samples; ++i) {
        vidata::rng g = vidata::rng::for_item(seed, 0, static_cast<std::uint64_t>(i));
        for (Eigen::Index j = 0; j < classes; ++j) scores(i, j) = static_cast<float>(g() >> 8) * 0x1.0p-24f;
        const auto label = g.uniform_int<std::int64_t>(0, classes - 1);
        labels[static_cast<std::size_t>(i)] = label;
        scores(i, label) += 0.7f;
    }
    vidata::save_npy(dir / "scores.npy", vidata::ndarray::from_eigen(scores));
    vidata::save_npy(dir / "labels.npy", vidata::ndarray::from_values<std::int64_t>({samples}, labels));
    const double megabytes = static_cast<double>(scores.size()) * sizeof(float) / 1e6;
    std::printf("classification: %ld x %ld float32 scores (%.1f MB), labels in [0, %ld), seed %llu, best of %d\n",
                static_cast<long>(samples), static_cast<long>(classes), megabytes, static_cast<long>(classes),
                static_cast<unsigned long long>(seed), reps);
    std::printf("  files: %s, %s\n", (dir / "scores.npy").c_str(), (dir / "labels.npy").c_str());

    const std::array<int, 2> ks{1, 5};
    std::vector<double> official(2), mm(2);
    double mca_official = 0, mca_mm = 0;
    // What `vidata eval accuracy` runs: both metrics from one rank pass per row.
    const auto vidata_official = [&] {
        const auto r = vidata::classification_accuracy(scores, labels, ks, vidata::official_metrics);
        official = r.top_k;
        mca_official = r.mean_class_accuracy;
    };
    const auto vidata_mmaction2 = [&] {
        const auto r = vidata::classification_accuracy(scores, labels, ks, vidata::mmaction2_metrics);
        mm = r.top_k;
        mca_mm = r.mean_class_accuracy;
    };
    // The two metrics called one after the other (two passes), for comparison.
    const auto vidata_separately = [&] {
        vidata::top_k_accuracy(scores, labels, ks, std::span<double>(official), vidata::official_metrics);
        mca_official = vidata::mean_class_accuracy(scores, labels, vidata::official_metrics);
    };
    volatile float sink = 0;
    const auto one_pass = [&] { sink = sum_all(scores.data(), static_cast<std::size_t>(scores.size())); };

    cache_evictor evict;
    const auto nothing = [] {};
    const double t_official = best_of(reps, vidata_official, nothing);
    const double t_mm = best_of(reps, vidata_mmaction2, nothing);
    const double t_separately = best_of(reps, vidata_separately, nothing);
    const double t_pass = best_of(reps, one_pass, nothing);
    const double t_topk =
        best_of(reps, [&] { vidata::top_k_accuracy(scores, labels, ks, std::span<double>(official), vidata::official_metrics); }, nothing);
    const double t_mca = best_of(reps, [&] { mca_official = vidata::mean_class_accuracy(scores, labels, vidata::official_metrics); }, nothing);
    const double t_official_cold = best_of(reps, vidata_official, evict);
    const double t_pass_cold = best_of(reps, one_pass, evict);
    (void)sink;

    std::printf("vidata (caches warm: the scores were just read)\n");
    print_time("classification_accuracy {1, 5} + MCA, one pass (official policy)", t_official);
    print_time("classification_accuracy {1, 5} + MCA, one pass (mmaction2 policy)", t_mm);
    print_time("  for comparison: top_k_accuracy then mean_class_accuracy", t_separately);
    print_time("    top_k_accuracy {1, 5} alone", t_topk);
    print_time("    mean_class_accuracy alone", t_mca);
    print_time("one pass over the scores (sum of all floats)", t_pass);
    std::printf("  %-66s %10.2f x\n", "vidata / one pass", t_official / t_pass);
    std::printf("vidata (caches evicted before each run: the scores come from DRAM)\n");
    print_time("top-1, top-5, mean class accuracy (official policy)", t_official_cold);
    print_time("one pass over the scores (sum of all floats)", t_pass_cold);
    std::printf("  %-66s %10.1f GB/s\n", "memory bandwidth of the pass", megabytes / 1e3 / t_pass_cold);
    std::printf("  %-66s %10.2f x\n", "vidata / one pass", t_official_cold / t_pass_cold);
    std::printf("  values: official top1 %.6f top5 %.6f mca %.6f | mmaction2 top1 %.6f top5 %.6f mca %.6f\n", official[0],
                official[1], mca_official, mm[0], mm[1], mca_mm);

    const int peer_reps = std::max(1, std::min(reps, 5));
    if (!peer) return 0;
    const auto ran = run_peer("classification_peer.py", {(dir / "scores.npy").string(), (dir / "labels.npy").string(), std::to_string(peer_reps)});
    if (!ran) return 1;
    const nlohmann::json& peers = *ran;
    std::printf("peers (same files, same run, best of %d, caches warm)\n", peer_reps);
    const auto& np = peers["numpy"];
    const double t_numpy = np["seconds"].get<double>();
    print_time("numpy: MMAction2 0.x top_k_accuracy((1, 5)) + mean_class_accuracy", t_numpy);
    std::printf("  %-66s %10.1f x\n", "numpy / vidata (mmaction2 policy, the same definition)", t_numpy / t_mm);
    std::printf("  %-66s %10.1f x\n", "numpy / vidata (official policy)", t_numpy / t_official);
    const bool same = np["top1_acc"].get<double>() == mm[0] && np["top5_acc"].get<double>() == mm[1] &&
                      std::abs(np["mean_class_accuracy"].get<double>() - mca_mm) <= 1e-12;
    std::printf("  numpy values: top1 %.6f top5 %.6f mca %.6f (%s vidata's mmaction2 policy)\n", np["top1_acc"].get<double>(),
                np["top5_acc"].get<double>(), np["mean_class_accuracy"].get<double>(), same ? "equal to" : "DIFFERENT FROM");
    if (peers["sklearn"].is_null()) {
        std::printf("  scikit-learn: not installed (Debian: python3-sklearn), skipped\n");
    } else {
        const auto& sk = peers["sklearn"];
        const double t_sklearn = sk["seconds"].get<double>();
        print_time("sklearn: top_k_accuracy_score k=1, k=5 + balanced_accuracy_score", t_sklearn);
        std::printf("  %-66s %10.1f x\n", "sklearn / vidata (official policy, the same definition)", t_sklearn / t_official);
        std::printf("  sklearn %s values: top1 %.6f top5 %.6f balanced accuracy %.6f\n", sk["version"].get<std::string>().c_str(),
                    sk["top1_acc"].get<double>(), sk["top5_acc"].get<double>(), sk["balanced_accuracy"].get<double>());
    }
    return same ? 0 : 1;
}
