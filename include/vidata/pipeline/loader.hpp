// SPDX-License-Identifier: Apache-2.0
// vidata::loader: runs a pipeline over a list of records on N threads and hands out batches in a deterministic order.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/pipeline/pipeline_error.hpp>
#include <vidata/pipeline/value_bytes.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iterator>
#include <mutex>
#include <numeric>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace vidata {

/// How a loader runs. The defaults give one batch of one item at a time in list order.
struct loader_options {
    /// Items per batch; the last batch of an epoch may be smaller (see drop_last).
    std::size_t batch_size = 1;
    /// Worker threads. 0 runs the pipeline on the consumer's thread, inside next_batch().
    std::size_t threads = 1;
    /// How many batches the workers may prepare ahead of the consumer: at most
    /// `prefetch_batches * batch_size` items are in flight (claimed by a worker and not yet handed out),
    /// which bounds the loader's memory. At least 1.
    std::size_t prefetch_batches = 2;
    /// The seed of every random draw: item i of epoch e draws from `rng::for_item(seed, epoch, i)`.
    std::uint64_t seed = 0;
    std::uint64_t epoch = 0;
    /// Visit the records in a permutation drawn from `rng(seed, epoch)` instead of list order.
    bool shuffle = false;
    /// Leave out a last batch smaller than batch_size.
    bool drop_last = false;
};

/// One batch: the values of `size()` records, in the order the epoch visits them.
template <class V>
struct batch {
    /// The batch's position in the epoch, from 0.
    std::size_t number = 0;
    std::vector<V> values;
    /// For each value, the index of its record in the loader's list.
    std::vector<std::size_t> record_indices;

    [[nodiscard]] std::size_t size() const noexcept { return values.size(); }
    [[nodiscard]] bool empty() const noexcept { return values.empty(); }
};

/// What a loader measured about its own memory, for reporting (value_bytes() of the values it held).
struct loader_stats {
    /// The bound on items in flight (prefetch_batches * batch_size).
    std::size_t max_in_flight = 0;
    /// The most items that were in flight at once (never above max_in_flight).
    std::size_t peak_in_flight = 0;
    /// The most bytes the in-flight items held at once, each counted by its latest value between stages.
    std::size_t peak_in_flight_bytes = 0;
    /// The largest value one item held between two stages (the largest clip or tensor of the chain).
    std::size_t peak_item_bytes = 0;
    /// Items handed to the consumer.
    std::size_t delivered = 0;
};

/// The order in which an epoch visits `count` records: list order, or a Fisher–Yates shuffle drawing
/// `uniform_int(0, i)` for i = count-1 down to 1 from `rng(seed, epoch)`.
[[nodiscard]] inline std::vector<std::size_t> epoch_order(std::size_t count, std::uint64_t seed, std::uint64_t epoch, bool shuffle) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (shuffle && count > 1) {
        rng g(seed, epoch);
        for (std::size_t i = count - 1; i > 0; --i) std::swap(order[i], order[g.uniform_int<std::size_t>(0, i)]);
    }
    return order;
}

namespace detail {

// How an error names a record: its path (video lists) or its frame_dir (skeleton records).
template <class R>
std::string record_name(const R& record) {
    if constexpr (requires { std::string(record.path); }) {
        return std::string(record.path);
    } else if constexpr (requires { std::string(record.frame_dir); }) {
        return std::string(record.frame_dir);
    } else {
        return std::string("<record>");
    }
}

}  // namespace detail

/// Runs `pipeline` over `records` on `options.threads` threads and hands out batches:
///
///   loader load(tsn_train, records, {.batch_size = 32, .threads = 8, .seed = 42, .epoch = e, .shuffle = true});
///   for (auto& b : load) train_step(b.values, b.record_indices);
///   while (auto b = load.next_batch()) ...      // the same, without the range
///
/// Determinism: batches come in the epoch's order (list order, or a permutation drawn from
/// `rng(seed, epoch)`), and the item of record i draws from `rng::for_item(seed, epoch, i)`, so the
/// batches are the same whatever the thread count and scheduling.
///
/// Memory: workers claim items in order and stop when `prefetch_batches * batch_size` items are claimed
/// and not yet handed out; stats() reports the peak items and bytes in flight.
///
/// Errors: when a stage throws on a record, next_batch() throws a vidata::pipeline_error naming the
/// record's index and path (holding the original exception) when the consumer reaches that record,
/// so the failure is reported in order; the loader then stops, and later calls return no batch.
///
/// Lifetime: `records` must outlive the loader (it is read, not copied). Stopping early is fine: the
/// destructor stops the workers (each finishes the item in its hands) and joins them.
///
/// Thread-safety: one consumer thread calls next_batch(); the pipeline is shared by the workers.
template <class Pipeline>
    requires is_pipeline<Pipeline>
class loader {
public:
    using value_type = typename Pipeline::value_type;
    using record_type = typename Pipeline::record_type;
    using batch_type = batch<value_type>;

    loader(Pipeline pipeline, std::span<const record_type> records, loader_options options = {})
        : pipeline_(std::move(pipeline)), records_(records), options_(options),
          order_(epoch_order(records.size(), options.seed, options.epoch, options.shuffle)),
          bound_(options.prefetch_batches * options.batch_size), ring_(bound_) {
        if (options.batch_size == 0) throw invalid_argument("vidata::loader: batch_size must be at least 1");
        if (options.prefetch_batches == 0) throw invalid_argument("vidata::loader: prefetch_batches must be at least 1");
        VIDATA_ASSERT(options.epoch < rng::reserved_epoch, "vidata::loader: epoch must be below 2^32 - 1");
        stats_.max_in_flight = bound_;
        end_ = order_.size();
        if (options.drop_last) end_ -= end_ % options.batch_size;
        workers_.reserve(options.threads);
        for (std::size_t t = 0; t < options.threads; ++t)
            workers_.emplace_back([this](std::stop_token stop) { work(stop); });
    }

    /// A temporary list would be gone before the workers read it (the loader keeps a span): keep the list in a
    /// variable that outlives the loader.
    loader(Pipeline pipeline, std::vector<record_type>&& records, loader_options options = {}) = delete;

    loader(const loader&) = delete;
    loader& operator=(const loader&) = delete;

    ~loader() {
        // Ask every worker first, so that they wind down together rather than one join at a time.
        for (auto& worker : workers_) worker.request_stop();
        work_ready_.notify_all();
    }

    /// The next batch, or nullopt when the epoch is done (or after an error was thrown).
    /// Throws vidata::pipeline_error when a stage failed on a record of this batch.
    [[nodiscard]] std::optional<batch_type> next_batch() {
        if (finished_ || next_deliver_ >= end_) return std::nullopt;
        batch_type out;
        out.number = next_deliver_ / options_.batch_size;
        const std::size_t count = std::min(options_.batch_size, end_ - next_deliver_);
        out.values.reserve(count);
        out.record_indices.reserve(count);
        for (std::size_t k = 0; k < count; ++k) {
            if (workers_.empty()) run_inline();
            out.values.push_back(take_next());
            out.record_indices.push_back(order_[next_deliver_ - 1]);
        }
        return out;
    }

    /// An input iterator over the remaining batches (each step calls next_batch()).
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = batch_type;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        explicit iterator(loader* owner) : owner_(owner) { ++*this; }

        batch_type& operator*() const { return *current_; }
        batch_type* operator->() const { return &*current_; }
        iterator& operator++() {
            current_ = owner_->next_batch();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept { return !it.current_.has_value(); }

    private:
        loader* owner_ = nullptr;
        // mutable: operator* is const, as std::input_iterator requires, and hands out the batch to move from.
        mutable std::optional<batch_type> current_;
    };

    [[nodiscard]] iterator begin() { return iterator(this); }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

    /// The number of batches this epoch hands out.
    [[nodiscard]] std::size_t size() const noexcept { return (end_ + options_.batch_size - 1) / options_.batch_size; }

    /// A snapshot of the memory figures.
    [[nodiscard]] loader_stats stats() const {
        std::scoped_lock lock(mutex_);
        return stats_;
    }

    [[nodiscard]] const loader_options& options() const noexcept { return options_; }
    /// Record indices in the order this epoch visits them.
    [[nodiscard]] std::span<const std::size_t> order() const noexcept { return order_; }

private:
    struct slot {
        std::optional<value_type> value;
        std::exception_ptr error;
        std::size_t bytes = 0;
    };

    // Claims the next position, or returns false when there is none or the loader stops.
    bool claim(std::unique_lock<std::mutex>& lock, std::stop_token& stop, std::size_t& position) {
        work_ready_.wait(lock, stop, [&] { return stopping_ || next_claim_ >= end_ || next_claim_ - next_deliver_ < bound_; });
        if (stop.stop_requested() || stopping_ || next_claim_ >= end_) return false;
        position = next_claim_++;
        ++in_flight_;
        stats_.peak_in_flight = std::max(stats_.peak_in_flight, in_flight_);
        return true;
    }

    void work(std::stop_token stop) {
        for (;;) {
            std::size_t position = 0;
            {
                std::unique_lock lock(mutex_);
                if (!claim(lock, stop, position)) return;
            }
            produce(position);
            item_ready_.notify_all();
        }
    }

    // Runs the pipeline on the item at `position` and stores its value or its error in its ring slot.
    void produce(std::size_t position) {
        const std::size_t record = order_[position];
        rng g = rng::for_item(options_.seed, options_.epoch, record);
        std::size_t held = 0;  // the bytes this item counts in stats_ right now
        auto account = [&](std::size_t, const auto& value) {
            const std::size_t bytes = value_bytes(value);
            std::scoped_lock lock(mutex_);
            in_flight_bytes_ = in_flight_bytes_ - held + bytes;
            held = bytes;
            stats_.peak_in_flight_bytes = std::max(stats_.peak_in_flight_bytes, in_flight_bytes_);
            stats_.peak_item_bytes = std::max(stats_.peak_item_bytes, bytes);
        };
        std::optional<value_type> value;
        std::exception_ptr error;
        try {
            value.emplace(pipeline_.run(records_[record], g, account));
        } catch (...) {
            error = std::make_exception_ptr(pipeline_error(record, detail::record_name(records_[record]), std::current_exception()));
        }
        std::scoped_lock lock(mutex_);
        slot& s = ring_[position % bound_];
        s.value = std::move(value);
        s.error = std::move(error);
        s.bytes = held;
    }

    // With no workers, the consumer prepares the next item itself.
    void run_inline() {
        std::size_t position = 0;
        {
            std::scoped_lock lock(mutex_);
            position = next_claim_++;
            ++in_flight_;
            stats_.peak_in_flight = std::max(stats_.peak_in_flight, in_flight_);
        }
        produce(position);
    }

    // Waits for the item at next_deliver_ and hands it over, freeing its place for a worker.
    value_type take_next() {
        std::unique_lock lock(mutex_);
        slot& s = ring_[next_deliver_ % bound_];
        item_ready_.wait(lock, [&] { return s.value.has_value() || s.error != nullptr; });
        if (s.error) {
            std::exception_ptr error = std::move(s.error);
            s.error = nullptr;
            finished_ = true;
            stopping_ = true;
            lock.unlock();
            work_ready_.notify_all();
            std::rethrow_exception(error);
        }
        value_type value = std::move(*s.value);
        s.value.reset();
        in_flight_bytes_ -= s.bytes;
        --in_flight_;
        ++next_deliver_;
        ++stats_.delivered;
        lock.unlock();
        work_ready_.notify_one();
        return value;
    }

    const Pipeline pipeline_;
    std::span<const record_type> records_;
    loader_options options_;
    std::vector<std::size_t> order_;
    std::size_t bound_;
    std::size_t end_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable_any work_ready_;   // a worker may claim: room in flight, or stopping
    std::condition_variable_any item_ready_;   // an item (or its error) was stored
    std::vector<slot> ring_;                   // position p lives in ring_[p % bound_] while in flight
    std::size_t next_claim_ = 0;
    std::size_t next_deliver_ = 0;
    std::size_t in_flight_ = 0;
    std::size_t in_flight_bytes_ = 0;
    bool stopping_ = false;
    bool finished_ = false;  // touched by the consumer only
    loader_stats stats_;

    // Last, so that they are joined before the state above is destroyed.
    std::vector<std::jthread> workers_;
};

}  // namespace vidata
