// SPDX-License-Identifier: Apache-2.0
// Benchmark: Normalize + FormatShape (uint8 frames to a model's float tensor) and ColorJitter, against MMAction2
// 0.x's numpy + OpenCV code in the same run.
//
//   vidata_bench_photometric [--dir DIR] [--reps N] [--no-peer]
//
// Two jobs of MMAction2's configs, on frames with a fixed seed: the TSN test sample (25 clips × TenCrop = 250
// frames of 224 × 224 → NCHW) and the I3D train sample (one clip of 32 frames of 224 × 224 → NCTHW). For each,
// vidata's normalize then format_shape (best of N) against benchmarks/python/photometric_peer.py (Normalize via
// mmcv.imnormalize_'s cv2 calls, then FormatShape's reshape/transpose and the contiguous copy a model's tensor
// needs). Then ColorJitter on 8 frames with given factors. Both sides print checksums of their outputs, which
// must be equal (the arrays are bit-identical). vidata's one-pass normalize_format is timed beside the two stages.
#include <vidata/transforms/color_jitter.hpp>
#include <vidata/transforms/format_shape.hpp>
#include <vidata/transforms/normalize.hpp>
#include <vidata/transforms/normalize_format.hpp>

#include "support.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace vidata::bench;
namespace vt = vidata::transforms;
namespace layouts = vidata::layouts;

// Order-independent and exact: the sum and an index-weighted sum of the elements' bit patterns, modulo 2^64
// (numpy computes the same with uint64 arithmetic, so equal checksums mean equal bits, whatever the order).
template <class T>
std::array<std::uint64_t, 2> checksum(std::span<const T> v) {
    std::uint64_t sum = 0, weighted = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::uint64_t bits = 0;
        if constexpr (sizeof(T) == 4) {
            std::uint32_t b;
            std::memcpy(&b, &v[i], 4);
            bits = b;
        } else {
            bits = static_cast<std::uint64_t>(v[i]);
        }
        sum += bits;
        weighted += bits * (i % 251 + 1);
    }
    return {sum, weighted};
}

// Smooth frames (a gradient plus noise), closer to video than uniform noise for the jitter's clipping.
vidata::clip make_frames(std::size_t t, std::size_t h, std::size_t w, std::uint32_t seed) {
    vidata::clip c(t, h, w, 3);
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> noise(-20, 20);
    for (std::size_t f = 0; f < t; ++f)
        for (std::size_t y = 0; y < h; ++y)
            for (std::size_t x = 0; x < w; ++x)
                for (std::size_t k = 0; k < 3; ++k) {
                    const int v = static_cast<int>((x * (k + 1) + y * 2 + f * 7) % 256) + noise(gen);
                    c(f, y, x, k) = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
                }
    return c;
}

bool same(const std::array<std::uint64_t, 2>& a, const nlohmann::json& b) {
    return a[0] == b[0].get<std::uint64_t>() && a[1] == b[1].get<std::uint64_t>();
}

template <class L>
int run_job(const options& o, const char* name, std::size_t t, std::size_t clip_len, std::size_t num_clips, const char* format) {
    const std::size_t h = 224, w = 224;
    const vidata::clip frames = make_frames(t, h, w, 7);
    const std::filesystem::path raw = o.dir / (std::string(name) + ".raw");
    std::ofstream(raw, std::ios::binary).write(reinterpret_cast<const char*>(frames.data()), static_cast<std::streamsize>(frames.size()));

    const vt::normalize norm{{123.675f, 116.28f, 103.53f}, {58.395f, 57.12f, 57.375f}};
    const vt::format_shape<L> shape{.clip_len = clip_len, .num_clips = num_clips};
    vidata::rng g;
    // Every stage's result is kept in a variable until the next run replaces it, as a pipeline hands it on, so
    // that each run writes fresh memory (as a loader's next sample does) rather than the block just freed.
    vidata::layout_tensor<layouts::nhwc> normalized;
    vidata::layout_tensor<L> out;
    const double t_norm = best_of(o.reps, [&] { normalized = norm(frames, g); });
    const double t_both = best_of(o.reps, [&] { out = shape(norm(frames, g), g); });
    const auto sum = checksum(std::span<const float>(out.values()));
    const vt::normalize_format<L> fused{norm, shape};
    vidata::layout_tensor<L> fused_out;
    const double t_fused = best_of(o.reps, [&] { fused_out = fused(frames, g); });
    const bool fused_same = fused_out == out;

    const vt::color_jitter_factors factors{1.2, 0.8, 1.3, 0.05,
                                           {vt::jitter_step::saturation, vt::jitter_step::brightness, vt::jitter_step::hue,
                                            vt::jitter_step::contrast}};
    const std::size_t jitter_frames = 8;
    vidata::clip jittered;
    const double t_jitter = best_of(o.reps, [&] { jittered = vt::color_jitter::apply(vidata::clip(frames.subclip(0, jitter_frames)), factors); });
    const auto jitter_sum = checksum(std::span<const std::uint8_t>(jittered.pixels()));

    std::printf("%s: %zu frames of %zu x %zu x 3 -> %s", name, t, h, w, format);
    for (std::size_t d : out.shape()) std::printf(" %zu", d);
    std::printf(" (%.1f MB of float32)\n", static_cast<double>(out.size()) * 4 / 1e6);
    print_time("vidata normalize", t_norm);
    print_time("vidata normalize + format_shape", t_both);
    print_time(fused_same ? "vidata normalize_format (one pass; bit-identical to the two)" : "vidata normalize_format: DIFFERENT OUTPUT", t_fused);
    print_time("vidata color_jitter, 8 frames (all four steps)", t_jitter);
    if (!o.peer) return fused_same ? 0 : 1;
    const auto peer = run_peer("photometric_peer.py",
                               {raw.string(), std::to_string(t), std::to_string(h), std::to_string(w), std::to_string(o.reps),
                                std::to_string(clip_len), std::to_string(num_clips), format, std::to_string(jitter_frames), "1.2",
                                "0.8", "1.3", "0.05", "2", "0", "3", "1"});
    if (!peer) return 1;
    const double p_norm = (*peer)["normalize"]["seconds"], p_view = (*peer)["normalize_format_shape_view"]["seconds"],
                 p_both = (*peer)["normalize_format_shape"]["seconds"], p_jitter = (*peer)["color_jitter"]["seconds"];
    print_time("MMAction2 Normalize (numpy + cv2)", p_norm);
    print_time("MMAction2 Normalize + FormatShape (a strided view)", p_view);
    print_time("MMAction2 Normalize + FormatShape + contiguous copy", p_both);
    print_time("MMAction2 ColorJitter, 8 frames", p_jitter);
    print_ratio("Normalize: MMAction2 / vidata", p_norm / t_norm);
    print_ratio("Normalize + FormatShape (contiguous): MMAction2 / vidata", p_both / t_both);
    print_ratio("Normalize + FormatShape (contiguous): MMAction2 / vidata normalize_format", p_both / t_fused);
    print_ratio("ColorJitter: MMAction2 / vidata", p_jitter / t_jitter);
    const bool tensor_same = same(sum, (*peer)["normalize_format_shape"]["checksum"]);
    const bool jitter_same = same(jitter_sum, (*peer)["color_jitter"]["checksum"]);
    std::printf("  checksums of the bits: tensor %llu %llu (%s), jitter %llu %llu (%s)\n", static_cast<unsigned long long>(sum[0]),
                static_cast<unsigned long long>(sum[1]), tensor_same ? "equal" : "DIFFERENT", static_cast<unsigned long long>(jitter_sum[0]),
                static_cast<unsigned long long>(jitter_sum[1]), jitter_same ? "equal" : "DIFFERENT");
    return tensor_same && jitter_same && fused_same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const auto o = parse_options(argc, argv, {std::filesystem::temp_directory_path() / "vidata-bench-photometric", 5, true});
    if (!o) return 2;
    int status = run_job<layouts::nchw>(*o, "tsn_test_tencrop", 250, 1, 25, "NCHW");
    status |= run_job<layouts::ncthw>(*o, "i3d_train", 32, 32, 1, "NCTHW");
    return status;
}
