// SPDX-License-Identifier: Apache-2.0
// The named MMAction2 pipelines: their shapes end to end on a synthetic source, determinism across thread counts,
// and lazy + fuse against the eager chain.
#include "synthetic_stages.hpp"

#include <vidata/pipeline/loader.hpp>
#include <vidata/pipeline/mmaction.hpp>
#include <vidata/transforms/fuse.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace mmaction_test {

namespace st = vidata::test::stages;
using vidata::rng;
using vidata::video_record;

std::vector<video_record> smooth_records(std::size_t n, std::int64_t total_frames) {
    std::vector<video_record> records(n);
    for (std::size_t i = 0; i < n; ++i) {
        records[i].path = "k400/" + std::to_string(i);
        records[i].total_frames = total_frames;
        records[i].labels = {static_cast<int>(i)};
    }
    return records;
}

template <class T>
std::vector<std::size_t> shape_of(const T& t) {
    return {t.shape().begin(), t.shape().end()};
}

auto source() { return vidata::open_at<st::smooth_source>("data"); }

TEST_CASE("the TSN pipelines make NCHW tensors of the configs' sizes", "[pipeline][mmaction]") {
    const auto records = smooth_records(1, 90);
    rng g = rng::for_item(0, 0, 0);
    const auto train = vidata::mmaction::tsn_train(source())(records[0], g);
    static_assert(std::same_as<std::remove_cvref_t<decltype(train)>, vidata::layout_tensor<vidata::layouts::nchw>>);
    CHECK(shape_of(train) == std::vector<std::size_t>{3, 3, 224, 224});
    CHECK(shape_of(vidata::mmaction::tsn_val(source())(records[0], g)) == std::vector<std::size_t>{3, 3, 224, 224});
    // 25 segments × 10 crops.
    CHECK(shape_of(vidata::mmaction::tsn_test(source())(records[0], g)) == std::vector<std::size_t>{250, 3, 224, 224});
}

TEST_CASE("the I3D and SlowFast pipelines make NCTHW tensors of the configs' sizes", "[pipeline][mmaction]") {
    const auto records = smooth_records(1, 90);
    rng g = rng::for_item(0, 0, 0);
    const auto train = vidata::mmaction::i3d_train(source())(records[0], g);
    static_assert(std::same_as<std::remove_cvref_t<decltype(train)>, vidata::layout_tensor<vidata::layouts::ncthw>>);
    CHECK(shape_of(train) == std::vector<std::size_t>{1, 3, 32, 224, 224});
    CHECK(shape_of(vidata::mmaction::i3d_val(source())(records[0], g)) == std::vector<std::size_t>{1, 3, 32, 224, 224});
    CHECK(shape_of(vidata::mmaction::slowfast_train(source())(records[0], g)) == std::vector<std::size_t>{1, 3, 32, 224, 224});
    // The test pipeline (30 × 3 × 32 × 256 × 256 floats, 755 MB) is typed here; benchmarks/pipeline.cpp runs it.
    using i3d_test_value = decltype(vidata::mmaction::i3d_test(source()))::value_type;
    static_assert(std::same_as<i3d_test_value, vidata::layout_tensor<vidata::layouts::ncthw>>);
}

TEST_CASE("the val pipelines sample in test mode: the frames the config's formula names", "[pipeline][mmaction]") {
    // TSN val on 90 frames: avg = (90 - 1 + 1) / 3 = 30, offsets int(30 i + 15) = 15, 45, 75. The ramp's frame
    // term is frame mod 32 = 15, 13, 11, a constant over the frame, which resizing and cropping keep exactly.
    const auto records = smooth_records(1, 90);
    rng g;
    const auto v = vidata::mmaction::tsn_val(source())(records[0], g);
    const float std_r = 58.395f;
    // Same pixel, channel R, clips 0, 1, 2: differences of -2 grey levels over std each time.
    CHECK(v(1, 0, 100, 100) - v(0, 0, 100, 100) == Approx(-2.f / std_r).margin(1e-4));
    CHECK(v(2, 0, 7, 200) - v(1, 0, 7, 200) == Approx(-2.f / std_r).margin(1e-4));
}

TEST_CASE("named pipelines give the same batches on 1 and 2 threads", "[pipeline][mmaction][loader]") {
    const auto records = smooth_records(4, 90);
    const auto run = [&](const auto& p, std::size_t threads) {
        vidata::loader load(p, records, {.batch_size = 2, .threads = threads, .prefetch_batches = 1, .seed = 17, .shuffle = true});
        std::vector<std::remove_cvref_t<decltype(p(records[0], std::declval<rng&>()))>> values;
        std::vector<std::size_t> order;
        for (auto& b : load)
            for (std::size_t k = 0; k < b.size(); ++k) {
                values.push_back(std::move(b.values[k]));
                order.push_back(b.record_indices[k]);
            }
        return std::pair(values, order);
    };
    const auto tsn = vidata::mmaction::tsn_train(source());
    CHECK(run(tsn, 1) == run(tsn, 2));
    const auto i3d = vidata::mmaction::i3d_train(source());
    CHECK(run(i3d, 1) == run(i3d, 2));
}

TEST_CASE("lazy + fuse agrees with the eager TSN train chain within interpolation error", "[pipeline][mmaction][lazy]") {
    const auto records = smooth_records(1, 90);
    const auto eager = vidata::mmaction::tsn_train(source());
    for (const auto mode : {vidata::transforms::region_mode::exact, vidata::transforms::region_mode::rounded}) {
        const auto lazy = eager.lazy(vidata::transforms::fuse{.mode = mode});
        for (std::uint64_t item = 0; item < 4; ++item) {
            auto ge = rng::for_item(2, 0, item);
            auto gl = rng::for_item(2, 0, item);
            const auto a = eager(records[0], ge);
            const auto b = lazy(records[0], gl);
            REQUIRE(shape_of(a) == shape_of(b));
            double sum = 0.0;
            for (std::size_t i = 0; i < a.size(); ++i) sum += std::abs(double(a.values()[i]) - double(b.values()[i]));
            // In grey levels (std is about 57.5): fuse.hpp's bounds, mean 0.5 exact, 1 rounded.
            const double mean_grey = sum / double(a.size()) * 57.5;
            CHECK(mean_grey <= (mode == vidata::transforms::region_mode::exact ? 0.5 : 1.0));
            // The same draws in both modes: the same crop and flip, so the two stay this close.
            CHECK(ge == gl);
        }
    }
}

}  // namespace mmaction_test
