// SPDX-License-Identifier: Apache-2.0
// vidata::loader: batch order, determinism across thread counts, the in-flight bound, early stop, errors.
#include "synthetic_stages.hpp"

#include <vidata/pipeline/loader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace loader_test {

namespace st = vidata::test::stages;
using vidata::float_tensor;
using vidata::loader;
using vidata::loader_options;
using vidata::rng;
using vidata::video_record;

// Records "0" ... "n-1": video i has 10 + i frames.
std::vector<video_record> numbered_records(std::size_t n) {
    std::vector<video_record> records(n);
    for (std::size_t i = 0; i < n; ++i) {
        records[i].path = std::to_string(i);
        records[i].total_frames = static_cast<std::int64_t>(10 + i);
        records[i].labels = {static_cast<int>(i % 3)};
    }
    return records;
}

auto random_pipeline() {
    return vidata::pipeline(st::random_start_sampler{2}, vidata::open_at<st::synthetic_source>(""), st::to_float{}, st::add_random{});
}

template <class P>
std::vector<vidata::batch<typename P::value_type>> all_batches(const P& p, const std::vector<video_record>& records, loader_options o) {
    loader load(p, records, o);
    std::vector<vidata::batch<typename P::value_type>> out;
    while (auto b = load.next_batch()) out.push_back(std::move(*b));
    return out;
}

// A value that counts how many of its kind hold a payload at once, wherever they are (worker, ring, batch).
inline std::atomic<int> live{0};
inline std::atomic<int> peak_live{0};

struct tracked {
    bool holds = false;
    tracked() = default;
    explicit tracked(bool) : holds(true) {
        const int now = ++live;
        int seen = peak_live.load();
        while (now > seen && !peak_live.compare_exchange_weak(seen, now)) {
        }
    }
    tracked(tracked&& o) noexcept : holds(std::exchange(o.holds, false)) {}
    tracked& operator=(tracked&& o) noexcept {
        if (this != &o) {
            if (holds) --live;
            holds = std::exchange(o.holds, false);
        }
        return *this;
    }
    tracked(const tracked&) = delete;
    tracked& operator=(const tracked&) = delete;
    ~tracked() {
        if (holds) --live;
    }
};

struct to_tracked {
    [[nodiscard]] tracked operator()(const vidata::clip&, rng&) const { return tracked(true); }
};

TEST_CASE("a loader hands out batches in list order, each item drawn from its own stream", "[pipeline][loader]") {
    const auto records = numbered_records(10);
    const auto p = random_pipeline();
    const auto batches = all_batches(p, records, {.batch_size = 4, .threads = 2, .seed = 11, .epoch = 3});
    REQUIRE(batches.size() == 3);
    CHECK(batches[0].size() == 4);
    CHECK(batches[2].size() == 2);
    for (std::size_t b = 0; b < batches.size(); ++b) {
        CHECK(batches[b].number == b);
        for (std::size_t k = 0; k < batches[b].size(); ++k) {
            const std::size_t i = b * 4 + k;
            CHECK(batches[b].record_indices[k] == i);
            // The second implementation: the pipeline run directly on the record with rng::for_item.
            auto g = rng::for_item(11, 3, i);
            CHECK(batches[b].values[k] == p(records[i], g));
        }
    }
    CHECK(all_batches(p, records, {.batch_size = 4, .threads = 2, .seed = 11, .drop_last = true}).size() == 2);
}

TEST_CASE("a loader's batches are the same with 0, 1 and 2 threads", "[pipeline][loader]") {
    const auto records = numbered_records(23);
    const auto p = random_pipeline();
    const loader_options base{.batch_size = 3, .threads = 0, .prefetch_batches = 2, .seed = 5, .epoch = 1, .shuffle = true};
    const auto inline_batches = all_batches(p, records, base);
    for (const std::size_t threads : {1u, 2u, 3u}) {
        auto o = base;
        o.threads = threads;
        const auto threaded = all_batches(p, records, o);
        REQUIRE(threaded.size() == inline_batches.size());
        for (std::size_t b = 0; b < threaded.size(); ++b) {
            CHECK(threaded[b].record_indices == inline_batches[b].record_indices);
            CHECK(threaded[b].values == inline_batches[b].values);
        }
    }
}

TEST_CASE("shuffling visits a permutation drawn from rng(seed, epoch), another one each epoch", "[pipeline][loader]") {
    const auto records = numbered_records(20);
    const auto order0 = vidata::epoch_order(20, 9, 0, true);
    const auto order1 = vidata::epoch_order(20, 9, 1, true);
    auto sorted = order0;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == vidata::epoch_order(20, 9, 0, false));
    CHECK(order0 != order1);
    CHECK(order0 != sorted);

    // Fisher–Yates written out again: swap position i with a uniform position in [0, i], from the end.
    std::vector<std::size_t> expected(20);
    for (std::size_t i = 0; i < 20; ++i) expected[i] = i;
    rng g(9, 1);
    for (std::size_t i = 19; i > 0; --i) std::swap(expected[i], expected[g.uniform_int<std::size_t>(0, i)]);
    CHECK(order1 == expected);

    loader load(random_pipeline(), records, {.batch_size = 20, .threads = 2, .seed = 9, .epoch = 1, .shuffle = true});
    const auto b = load.next_batch();
    REQUIRE(b);
    CHECK(b->record_indices == expected);
}

TEST_CASE("a loader never holds more than its bound of items in flight", "[pipeline][loader]") {
    const auto records = numbered_records(40);
    const auto p = vidata::pipeline(st::strided_sampler{2, 1}, vidata::open_at<st::synthetic_source>(""), to_tracked{});
    live = 0;
    peak_live = 0;
    std::size_t batches = 0;
    {
        loader load(p, records, {.batch_size = 2, .threads = 3, .prefetch_batches = 2});
        for (auto& b : load) {
            CHECK(b.size() == 2);
            ++batches;
        }
        const auto stats = load.stats();
        CHECK(stats.max_in_flight == 4);
        CHECK(stats.peak_in_flight <= 4);
        CHECK(stats.delivered == 40);
    }
    CHECK(batches == 20);
    // 4 in flight, plus the batch of 2 the consumer holds while the next one is assembled.
    CHECK(peak_live <= 4 + 2 + 2);
    CHECK(live == 0);
}

TEST_CASE("a loader reports the bytes an item and its in-flight items hold", "[pipeline][loader]") {
    const auto records = numbered_records(12);
    const auto p = vidata::pipeline(st::strided_sampler{3, 1}, vidata::open_at<st::synthetic_source>(""), st::to_float{});
    loader load(p, records, {.batch_size = 2, .threads = 2, .prefetch_batches = 3});
    for (auto& b : load) CHECK(b.size() == 2);
    const auto stats = load.stats();
    // The largest value of an item: 3 frames of 4×6×3 as floats, 864 bytes, plus a 4-axis shape.
    const std::size_t item = 3 * 4 * 6 * 3 * sizeof(float) + 4 * sizeof(std::size_t);
    CHECK(stats.peak_item_bytes == item);
    CHECK(stats.peak_in_flight_bytes >= item);
    CHECK(stats.peak_in_flight_bytes <= 6 * item);
}

TEST_CASE("a consumer that stops early leaves no thread behind and bounds the work done", "[pipeline][loader]") {
    const auto records = numbered_records(200);
    st::opens = 0;
    {
        loader load(random_pipeline(), records, {.batch_size = 4, .threads = 2, .prefetch_batches = 2});
        const auto first = load.next_batch();
        REQUIRE(first);
        CHECK(first->size() == 4);
    }  // the destructor joins the workers: the test would hang or crash otherwise
    // The first batch and at most the 8 items the bound lets the workers claim after it.
    CHECK(st::opens <= 4 + 8);
}

TEST_CASE("a stage's error reaches the consumer in order, naming the record", "[pipeline][loader]") {
    auto records = numbered_records(10);
    records[5].path = "clips/broken";
    for (const std::size_t threads : {0u, 1u, 2u}) {
        loader load(random_pipeline(), records, {.batch_size = 4, .threads = threads});
        const auto first = load.next_batch();
        REQUIRE(first);
        CHECK(first->size() == 4);
        try {
            (void)load.next_batch();
            FAIL("the batch with record 5 did not throw");
        } catch (const vidata::pipeline_error& e) {
            CHECK(e.record_index() == 5);
            CHECK(e.record_path() == "clips/broken");
            const std::string what = e.what();
            CHECK(what.find("record 5 'clips/broken'") != std::string::npos);
            CHECK(what.find("no such synthetic video") != std::string::npos);
            CHECK_THROWS_AS(std::rethrow_exception(e.cause()), vidata::io_error);
        }
        CHECK_FALSE(load.next_batch());
    }
}

TEST_CASE("a loader rejects a batch size of zero", "[pipeline][loader]") {
    const auto records = numbered_records(2);
    CHECK_THROWS_AS(loader(random_pipeline(), records, {.batch_size = 0}), vidata::invalid_argument);
}

}  // namespace loader_test
