// SPDX-License-Identifier: Apache-2.0
// Benchmark: mean average precision over HVU-sized multi-label scores (20,000 × 739 float32, multi-hot labels),
// against MMAction2's numpy formula and scikit-learn's average_precision_score (macro).
//
//   vidata_bench_map [--dir DIR] [--reps N]
//
// Writes DIR/scores.npy and DIR/labels.npy (fixed seed), times vidata's mean_average_precision (best of N),
// then runs benchmarks/python/map_peer.py on the same files in the same run and prints every time, the
// ratios, and the values each side computed (which must agree).
#include <vidata/core/rng.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/metrics/average_precision.hpp>

#include <Eigen/Core>
#include "support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>

namespace {

constexpr Eigen::Index samples = 20000;
constexpr Eigen::Index classes = 739;  // HVU's tag vocabulary
constexpr std::uint64_t seed = 20240612;

using namespace vidata::bench;

}  // namespace

int main(int argc, char** argv) {
    const auto parsed = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-map", 5});
    if (!parsed) return 2;
    const std::filesystem::path& dir = parsed->dir;
    const int reps = parsed->reps;
    const bool peer = parsed->peer;

    // Each class is positive in 1% of the samples (a long tail would change little: every column is sorted
    // whatever its positives); a positive scores 0.5 higher on average, so APs are far from the prevalence.
    // Scores are float32 multiples of 2^-24 in [0, 1.5), as a sigmoid output would be; one rng stream per row.
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> scores(samples, classes);
    Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> labels(samples, classes);
    for (Eigen::Index i = 0; i < samples; ++i) {
        vidata::rng g = vidata::rng::for_item(seed, 0, static_cast<std::uint64_t>(i));
        for (Eigen::Index j = 0; j < classes; ++j) {
            const bool positive = g.uniform_int<int>(0, 99) == 0;
            labels(i, j) = positive ? 1 : 0;
            scores(i, j) = static_cast<float>(g() >> 8) * 0x1.0p-24f + (positive ? 0.5f : 0.0f);
        }
    }
    for (Eigen::Index j = 0; j < classes; ++j)  // every class has a positive, so sklearn and MMAction2 agree
        if (labels.col(j).maxCoeff() == 0) labels(j, j) = 1;
    vidata::save_npy(dir / "scores.npy", vidata::ndarray::from_eigen(scores));
    vidata::save_npy(dir / "labels.npy", vidata::ndarray::from_eigen(labels));
    std::printf("map: %ld x %ld float32 scores (%.1f MB), multi-hot uint8 labels (%ld positives), seed %llu, best of %d\n",
                static_cast<long>(samples), static_cast<long>(classes), static_cast<double>(scores.size()) * 4 / 1e6,
                static_cast<long>(labels.cast<long>().sum()), static_cast<unsigned long long>(seed), reps);
    std::printf("  files: %s, %s\n", (dir / "scores.npy").c_str(), (dir / "labels.npy").c_str());

    double map = 0;
    const double t_vidata = best_of(reps, [&] { map = vidata::mean_average_precision(scores, labels); });
    std::printf("vidata\n");
    print_time("mean_average_precision", t_vidata);
    std::printf("  value: %.12f\n", map);

    const int peer_reps = std::max(1, std::min(reps, 3));
    if (!peer) return 0;
    const auto ran = run_peer("map_peer.py", {(dir / "scores.npy").string(), (dir / "labels.npy").string(), std::to_string(peer_reps)});
    if (!ran) return 1;
    const nlohmann::json& peers = *ran;
    std::printf("peers (same files, same run, best of %d)\n", peer_reps);
    const auto& np = peers["numpy"];
    const double t_numpy = np["seconds"].get<double>();
    print_time("numpy: MMAction2 0.x mean_average_precision", t_numpy);
    std::printf("  %-66s %10.1f x\n", "numpy / vidata", t_numpy / t_vidata);
    const bool same = std::abs(np["value"].get<double>() - map) <= 1e-12 * std::abs(map);
    std::printf("  numpy value: %.12f (%s vidata's)\n", np["value"].get<double>(), same ? "equal to" : "DIFFERENT FROM");
    if (peers["sklearn"].is_null()) {
        std::printf("  scikit-learn: not installed (Debian: python3-sklearn), skipped\n");
    } else {
        const auto& sk = peers["sklearn"];
        const double t_sklearn = sk["seconds"].get<double>();
        print_time("sklearn: average_precision_score(average='macro')", t_sklearn);
        std::printf("  %-66s %10.1f x\n", "sklearn / vidata", t_sklearn / t_vidata);
        std::printf("  sklearn %s value: %.12f\n", sk["version"].get<std::string>().c_str(), sk["value"].get<double>());
    }
    return same ? 0 : 1;
}
