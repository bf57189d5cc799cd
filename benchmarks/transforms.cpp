// SPDX-License-Identifier: Apache-2.0
// Benchmark: the geometric transforms on a 32-frame 340x256 clip, eager chain against lazy + fuse, and the resize
// kernels against OpenCV's cv2.resize (what mmcv.imresize calls) in the same run.
//
//   vidata_bench_transforms [--dir DIR] [--reps N] [--no-peer]
//
// Writes DIR/frames.raw (fixed seed), times (best of N, single thread) vidata's TSN train chain eagerly
// (resize (-1, 256) -> multi_scale_crop -> resize 224 -> flip) and lazily (lazy -> the same -> fuse), and
// resize_frames to 298x224 with each kernel (and resample_into a preallocated clip, the kernel alone); then runs benchmarks/python/transforms_peer.py on the same frames,
// with the same crop box and flip, and prints every time, the ratios, and checksums of the outputs (which must
// agree: the kernels are cv2's, bit for bit for bilinear and nearest).
#include <vidata/core/clip.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/flip.hpp>
#include <vidata/transforms/fuse.hpp>
#include <vidata/transforms/lazy.hpp>
#include <vidata/transforms/multi_scale_crop.hpp>
#include <vidata/transforms/resample.hpp>
#include <vidata/transforms/resize.hpp>

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <malloc.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <fstream>
#include <optional>
#include <string>
#include <utility>

namespace {

using namespace vidata::bench;
namespace vt = vidata::transforms;

constexpr std::size_t frames = 32, height = 256, width = 340;
constexpr std::uint64_t seed = 20261207;

const vt::multi_scale_crop tsn_crop{{224, 224}, {1, 0.875, 0.75, 0.66}};

template <class V>
V tsn_chain(V v, vidata::rng& g) {
    v = vt::resize({-1, 256})(std::move(v), g);
    v = tsn_crop(std::move(v), g);
    v = vt::resize({224, 224}, false)(std::move(v), g);
    return vt::flip{0.5}(std::move(v), g);
}

/// Sum and position-weighted sum of the bytes, as the peer computes them.
std::array<long long, 2> checksum(const vidata::clip& c) {
    long long sum = 0, weighted = 0;
    const auto px = c.pixels();
    for (std::size_t i = 0; i < px.size(); ++i) {
        sum += px[i];
        weighted += static_cast<long long>(px[i]) * static_cast<long long>(i % 251 + 1);
    }
    return {sum, weighted};
}

void print_checksum(const char* what, const std::array<long long, 2>& mine, const nlohmann::json* peer) {
    std::printf("  %-40s vidata %lld/%lld", what, mine[0], mine[1]);
    if (peer != nullptr) {
        const auto theirs = (*peer)["checksum"];
        const bool same = theirs[0].get<long long>() == mine[0] && theirs[1].get<long long>() == mine[1];
        std::printf("  cv2 %lld/%lld  %s", theirs[0].get<long long>(), theirs[1].get<long long>(), same ? "equal" : "DIFFERENT");
    }
    std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
    const auto parsed = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-transforms", 10});
    if (!parsed) return 2;
    const auto& dir = parsed->dir;
    const int reps = parsed->reps;
    // Freed clips stay with the allocator, so repetitions measure the transforms, not the kernel's first touches of
    // fresh pages (12-18 us a page on this project's VM: a 4.8 MB clip would cost ~20 ms of faults). The peer's
    // per-frame arrays are small enough to be recycled by glibc and Python anyway.
    ::mallopt(M_MMAP_MAX, 0);
    ::mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());

    // Smooth gradients plus noise: content does not change the cost of these kernels, only that it is not constant.
    vidata::clip source(frames, height, width, 3);
    {
        vidata::rng g(seed);
        for (std::size_t t = 0; t < frames; ++t)
            for (std::size_t y = 0; y < height; ++y)
                for (std::size_t x = 0; x < width; ++x)
                    for (std::size_t c = 0; c < 3; ++c)
                        source(t, y, x, c) = static_cast<std::uint8_t>((x + 2 * y + 40 * c + 3 * t) % 200 + g.uniform_int(0, 55));
    }
    std::ofstream(dir / "frames.raw", std::ios::binary)
        .write(reinterpret_cast<const char*>(source.data()), static_cast<std::streamsize>(source.size()));

    // An item whose draws flip, so that the flip is part of what is timed; its box is handed to the peer.
    std::uint64_t item = 0;
    vt::crop_box box;
    for (;; ++item) {
        auto g = vidata::rng::for_item(seed, 0, item);
        box = tsn_crop.choose({256, 340}, g);
        if (vt::flip{0.5}.choose(g)) break;
    }
    std::printf("clip: %zu frames of %zux%zu RGB; TSN chain item %llu: box x=%d y=%d w=%d h=%d, flipped\n", frames, width, height,
                static_cast<unsigned long long>(item), box.x, box.y, box.width, box.height);

    vidata::clip input;
    const auto refill = [&] { input = source; };
    vidata::clip eager_out, lazy_out, exact_out;
    const double eager = best_of(reps, [&] {
        auto g = vidata::rng::for_item(seed, 0, item);
        eager_out = tsn_chain(std::move(input), g);
    }, refill);
    const double lazy = best_of(reps, [&] {
        auto g = vidata::rng::for_item(seed, 0, item);
        lazy_out = vt::fuse{}(tsn_chain(vt::lazy{}(std::move(input), g), g), g);
    }, refill);
    const double exact = best_of(reps, [&] {
        auto g = vidata::rng::for_item(seed, 0, item);
        exact_out = vt::fuse{vt::region_mode::exact}(tsn_chain(vt::lazy{}(std::move(input), g), g), g);
    }, refill);

    // The same chain on 320x240 frames (Kinetics' common size), where the first resize does work (to 341x256): the
    // case lazy mode is for. vidata only (the peer's chain is written for 340x256).
    vidata::clip small(frames, 240, 320, 3);
    for (std::size_t t = 0; t < frames; ++t)
        for (std::size_t y = 0; y < 240; ++y)
            for (std::size_t x = 0; x < 320; ++x)
                for (std::size_t c = 0; c < 3; ++c) small(t, y, x, c) = source(t, y, x, c);
    const auto refill_small = [&] { input = small; };
    vidata::clip small_out;
    const double eager_small = best_of(reps, [&] {
        auto g = vidata::rng::for_item(seed, 0, item);
        small_out = tsn_chain(std::move(input), g);
    }, refill_small);
    const double lazy_small = best_of(reps, [&] {
        auto g = vidata::rng::for_item(seed, 0, item);
        small_out = vt::fuse{}(tsn_chain(vt::lazy{}(std::move(input), g), g), g);
    }, refill_small);

    std::array<double, 3> kernel{};
    std::array<vidata::clip, 3> kernel_out;
    const std::array<vt::interpolation, 3> kernels{vt::interpolation::bilinear, vt::interpolation::nearest, vt::interpolation::bicubic};
    std::array<double, 3> kernel_into{};
    auto plan = vidata::crop_plan::identity({static_cast<int>(height), static_cast<int>(width)});
    plan.resize({224, 298});
    vidata::clip preallocated(frames, 224, 298, 3);
    for (std::size_t k = 0; k < 3; ++k) {
        kernel[k] = best_of(reps, [&] { kernel_out[k] = vt::resize_frames(source, {224, 298}, kernels[k]); });
        kernel_into[k] = best_of(reps, [&] { vt::resample_into(source, plan, kernels[k], vt::region_mode::rounded, preallocated.pixels()); });
        if (!(preallocated == kernel_out[k])) std::printf("resample_into and resize_frames differ for kernel %zu\n", k);
    }

    std::optional<nlohmann::json> peer;
    if (parsed->peer)
        peer = run_peer("transforms_peer.py", {(dir / "frames.raw").string(), std::to_string(frames), std::to_string(height), std::to_string(width),
                                               std::to_string(reps), std::to_string(box.x), std::to_string(box.y), std::to_string(box.width),
                                               std::to_string(box.height), "1"});

    std::printf("TSN train chain, 32 frames, single thread (best of %d)\n", reps);
    print_time("vidata eager: resize -> multi_scale_crop -> resize 224 -> flip", eager);
    print_time("vidata lazy + fuse (rounded, MMAction2's Fuse)", lazy);
    print_time("vidata lazy + fuse (exact region)", exact);
    print_ratio("eager / lazy + fuse", eager / lazy);
    if (peer) {
        const double pe = (*peer)["chain_eager"]["seconds"].get<double>(), pl = (*peer)["chain_lazy_fuse"]["seconds"].get<double>();
        print_time("MMAction2's chain on cv2 + numpy, eager (cv2 1 thread)", pe);
        print_time("MMAction2's chain on cv2 + numpy, lazy + Fuse (cv2 1 thread)", pl);
        print_ratio("peer eager / vidata eager", pe / eager);
        print_ratio("peer lazy + Fuse / vidata lazy + fuse", pl / lazy);
    }
    std::printf("TSN train chain on 32 frames of 320x240 (the first resize makes them 341x256), single thread (best of %d)\n", reps);
    print_time("vidata eager", eager_small);
    print_time("vidata lazy + fuse (rounded)", lazy_small);
    print_ratio("eager / lazy + fuse", eager_small / lazy_small);
    std::printf("resize_frames 32 x 340x256 -> 298x224 (best of %d)\n", reps);
    const std::array<const char*, 3> names{"bilinear", "nearest", "bicubic"};
    for (std::size_t k = 0; k < 3; ++k) {
        const std::string label = std::string("vidata resize_frames ") + names[k] + " (one thread)";
        print_time(label.c_str(), kernel[k]);
        print_time((std::string("vidata resample_into ") + names[k] + ", output preallocated").c_str(), kernel_into[k]);
        if (peer) {
            const double one = (*peer)[std::string("resize_") + names[k] + "_one_thread"]["seconds"].get<double>();
            const double many = (*peer)[std::string("resize_") + names[k] + "_default_threads"]["seconds"].get<double>();
            print_time((std::string("cv2.resize ") + names[k] + ", cv2.setNumThreads(1)").c_str(), one);
            print_time((std::string("cv2.resize ") + names[k] + ", default threads").c_str(), many);
            print_ratio("cv2 (1 thread) / vidata resize_frames", one / kernel[k]);
            print_ratio("cv2 (1 thread) / vidata resample_into", one / kernel_into[k]);
        }
    }
    std::printf("outputs (sum / weighted sum of bytes)%s\n",
                peer ? (" against OpenCV " + (*peer)["opencv"].get<std::string>() + ", default threads " +
                        std::to_string((*peer)["default_threads"].get<int>())).c_str()
                     : "");
    const nlohmann::json* pe = peer ? &(*peer)["chain_eager"] : nullptr;
    const nlohmann::json* pl = peer ? &(*peer)["chain_lazy_fuse"] : nullptr;
    print_checksum("TSN chain eager", checksum(eager_out), pe);
    print_checksum("TSN chain lazy + fuse (rounded)", checksum(lazy_out), pl);
    print_checksum("TSN chain lazy + fuse (exact)", checksum(exact_out), pl);
    for (std::size_t k = 0; k < 3; ++k) {
        const nlohmann::json* pk = peer ? &(*peer)[std::string("resize_") + names[k] + "_one_thread"] : nullptr;
        print_checksum((std::string("resize ") + names[k]).c_str(), checksum(kernel_out[k]), pk);
    }
    return 0;
}
