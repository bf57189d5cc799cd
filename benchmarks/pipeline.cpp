// SPDX-License-Identifier: Apache-2.0
// Benchmark: the named MMAction2 pipelines end to end through vidata::loader, items per second on 1 and 2 threads,
// eager against lazy + fuse, with the loader's memory figures.
//
//   vidata_bench_pipeline [--dir DIR] [--reps N] [--tsn-items N] [--i3d-items N] [--video FILE]
//
// Without --video, the source is in memory: 300 frames of 256 x 340 RGB (a 10 s, 30 fps video of the size MMAction2's Kinetics
// videos are resized to), made once with a fixed seed and copied out on each read, so the figures are the
// pipeline's own cost (sampling, copying frames in, resizing, cropping, normalising, formatting) without a
// decoder's (the decoder benchmarks time those). Each configuration runs a
// loader over N records (batch size 1 for TSN test, 4 for I3D train, two batches prefetched) and reports the
// best of --reps passes. With --video FILE (a build with vidata::ffmpeg), every record is FILE, opened and decoded
// by vidata::video_reader (exact seeking), so the figures include decoding. There is no peer in this run (MMAction2's pipelines need PyTorch, which is not installed).
#include <vidata/core/clip.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/pipeline/loader.hpp>
#include <vidata/pipeline/mmaction.hpp>
#include <vidata/transforms/fuse.hpp>

#if defined(VIDATA_BENCH_WITH_FFMPEG)
#include <vidata/io/video/video_reader.hpp>
#endif

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace vidata::bench;

constexpr std::size_t bank_frames = 300, height = 256, width = 340;

// Smooth content with some texture, so that resampling does real work and no branch is trivially skipped.
const std::vector<std::uint8_t>& frame_bank() {
    static const std::vector<std::uint8_t> bank = [] {
        std::vector<std::uint8_t> b(bank_frames * height * width * 3);
        vidata::rng g(20261207);
        std::size_t i = 0;
        for (std::size_t t = 0; t < bank_frames; ++t)
            for (std::size_t y = 0; y < height; ++y)
                for (std::size_t x = 0; x < width; ++x)
                    for (std::size_t c = 0; c < 3; ++c, ++i) {
                        const double v = 128.0 + 90.0 * std::sin(0.031 * double(x) + 0.07 * double(t) + double(c)) *
                                                     std::cos(0.023 * double(y)) +
                                         double(g() % 16);
                        b[i] = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
                    }
        return b;
    }();
    return bank;
}

// A frame_source over the bank: every path is the same 300-frame video.
class bank_source {
public:
    explicit bank_source(const std::filesystem::path& /*path*/) {}
    [[nodiscard]] std::int64_t frame_count() const noexcept { return bank_frames; }
    [[nodiscard]] vidata::clip read(const vidata::frame_indices& indices) const {
        const std::size_t frame_bytes = height * width * 3;
        vidata::clip out(indices.size(), height, width, 3);
        for (std::size_t t = 0; t < indices.size(); ++t)
            std::memcpy(out.frame_pixels(t).data(), frame_bank().data() + static_cast<std::size_t>(indices[t]) * frame_bytes, frame_bytes);
        return out;
    }
};

struct result {
    double items_per_second = 0.0;
    vidata::loader_stats stats;
};

template <class Pipeline>
result run(const Pipeline& p, const std::vector<vidata::video_record>& records, std::size_t batch_size, std::size_t threads, int reps) {
    result r;
    const double best = best_of(reps, [&] {
        vidata::loader load(p, records, {.batch_size = batch_size, .threads = threads, .prefetch_batches = 2, .seed = 1, .shuffle = true});
        std::size_t items = 0;
        for (auto& b : load) items += b.size();
        r.stats = load.stats();
        if (items != records.size()) std::fprintf(stderr, "lost items: %zu of %zu\n", items, records.size());
    });
    r.items_per_second = double(records.size()) / best;
    return r;
}

void report(const char* name, const char* mode, std::size_t threads, const result& r) {
    std::printf("%-22s %-6s threads %zu: %8.2f items/s  peak in flight %zu items, %7.1f MiB; largest value of an item %6.1f MiB\n", name, mode,
                threads, r.items_per_second, r.stats.peak_in_flight, double(r.stats.peak_in_flight_bytes) / (1 << 20),
                double(r.stats.peak_item_bytes) / (1 << 20));
}

}  // namespace

template <class Source>
void run_all(const Source& source, const std::vector<vidata::video_record>& tsn_records, const std::vector<vidata::video_record>& i3d_records,
             int reps) {
    const auto tsn_test = vidata::mmaction::tsn_test(source);
    const auto i3d_train = vidata::mmaction::i3d_train(source);
    const vidata::transforms::fuse fuse{};
    for (const std::size_t threads : {1u, 2u}) {
        report("TSN test (25x10 crops)", "eager", threads, run(tsn_test, tsn_records, 1, threads, reps));
        report("TSN test (25x10 crops)", "lazy", threads, run(tsn_test.lazy(fuse), tsn_records, 1, threads, reps));
        report("I3D train (32x2x1)", "eager", threads, run(i3d_train, i3d_records, 4, threads, reps));
        report("I3D train (32x2x1)", "lazy", threads, run(i3d_train.lazy(fuse), i3d_records, 4, threads, reps));
    }
}

int main(int argc, char** argv) {
    // --video FILE is this benchmark's own flag; the rest are the shared ones.
    std::filesystem::path video;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--video" && i + 1 < argc) video = argv[++i];
        else args.push_back(argv[i]);
    }
    int tsn_items = 8, i3d_items = 16;
    const auto o = parse_options(static_cast<int>(args.size()), args.data(),
                                 {std::filesystem::temp_directory_path() / "vidata-bench-pipeline", 3, false},
                                 {{"--tsn-items", &tsn_items}, {"--i3d-items", &i3d_items}});
    if (!o) return 2;

    const auto records_of = [&](int n) {
        std::vector<vidata::video_record> records(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            auto& r = records[static_cast<std::size_t>(i)];
            r.path = video.empty() ? "video_" + std::to_string(i) + ".mp4" : video.filename().string();
            r.total_frames = video.empty() ? static_cast<std::int64_t>(bank_frames) : -1;  // a video list: the reader counts
        }
        return records;
    };
    const auto tsn_records = records_of(tsn_items);
    const auto i3d_records = records_of(i3d_items);

    if (video.empty()) {
        (void)frame_bank();
        std::printf("vidata::loader over in-memory 256x340 frames, best of %d passes (hardware threads: %u)\n", o->reps,
                    std::thread::hardware_concurrency());
        run_all(vidata::open_at<bank_source>(""), tsn_records, i3d_records, o->reps);
    } else {
#if defined(VIDATA_BENCH_WITH_FFMPEG)
        std::printf("vidata::loader over %s decoded by vidata::video_reader, best of %d passes (hardware threads: %u)\n",
                    video.string().c_str(), o->reps, std::thread::hardware_concurrency());
        run_all(vidata::open_at<vidata::video_reader>(video.parent_path()), tsn_records, i3d_records, o->reps);
#else
        std::fprintf(stderr, "--video needs a build with vidata::ffmpeg\n");
        return 2;
#endif
    }
    std::printf("peak RSS %.1f MiB\n", double(peak_rss_bytes()) / (1 << 20));
    return 0;
}
