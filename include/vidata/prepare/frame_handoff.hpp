// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::detail::frame_handoff: frames handed by a decoding thread to helper threads that finish them
// (convert, resize, encode, write), so that one worker's decoding overlaps the rest of its work.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace vidata::prepare::detail {

/// A fixed set of slots (two per helper) between one producer and `helpers` threads. The producer fills a free slot
/// with a frame (`submit`), waiting while none is free; a helper takes the next filled slot and calls its finisher on
/// it. Memory is therefore a few frames whatever the video's length, and a Slot that keeps its storage (a buffer, a
/// reference to a decoder's picture) allocates nothing per frame.
///
/// `MakeFinisher` is called once on each helper thread and returns that thread's finisher: a callable
/// `(std::int64_t index, Slot& frame) -> std::uint64_t` (the bytes it wrote), holding the thread's own converter,
/// encoder and buffers. The first exception a finisher throws stops the handoff: `submit` and `finish` rethrow it
/// (the same object, so its type still says whether the output or the input failed), and the slots left are dropped.
/// Destroying a handoff that was not finished (the producer threw) stops and joins the helpers.
template <class Slot, class MakeFinisher>
class frame_handoff {
public:
    frame_handoff(unsigned helpers, MakeFinisher make) : make_(std::move(make)) {
        if (helpers == 0) helpers = 1;
        slots_.resize(2 * static_cast<std::size_t>(helpers));
        for (std::size_t s = 0; s < slots_.size(); ++s) free_.push_back(s);
        threads_.reserve(helpers);
        try {
            for (unsigned h = 0; h < helpers; ++h) threads_.emplace_back([this] { run(); });
        } catch (...) {  // no thread could be started: stop the ones that were, since no destructor will
            stop_and_join();
            throw;
        }
    }

    frame_handoff(const frame_handoff&) = delete;
    frame_handoff& operator=(const frame_handoff&) = delete;

    ~frame_handoff() { stop_and_join(); }

    /// Calls fill(Slot&) on a free slot and hands it to a helper as frame `index`; rethrows a helper's error.
    template <class Fill>
    void submit(std::int64_t index, Fill&& fill) {
        std::size_t slot = 0;
        {
            std::unique_lock lock(mutex_);
            free_cv_.wait(lock, [&] { return !free_.empty() || error_; });
            if (error_) std::rethrow_exception(error_);
            slot = free_.back();
            free_.pop_back();
        }
        fill(slots_[slot]);
        {
            const std::lock_guard lock(mutex_);
            filled_.emplace_back(index, slot);
        }
        filled_cv_.notify_one();
    }

    struct totals {
        std::uint64_t frames = 0;
        std::uint64_t bytes = 0;
    };

    /// Waits until every submitted frame is finished and the helpers have stopped; rethrows a helper's error.
    totals finish() {
        {
            const std::lock_guard lock(mutex_);
            closing_ = true;
        }
        filled_cv_.notify_all();
        for (auto& t : threads_)
            if (t.joinable()) t.join();
        if (error_) std::rethrow_exception(error_);
        return totals_;
    }

private:
    void stop_and_join() noexcept {
        {
            const std::lock_guard lock(mutex_);
            abandoned_ = true;
        }
        filled_cv_.notify_all();
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }

    void run() {
        try {
            auto finisher = make_();
            for (;;) {
                std::int64_t index = 0;
                std::size_t slot = 0;
                {
                    std::unique_lock lock(mutex_);
                    filled_cv_.wait(lock, [&] { return !filled_.empty() || closing_ || abandoned_ || error_; });
                    if (abandoned_ || error_ || filled_.empty()) return;
                    std::tie(index, slot) = filled_.front();
                    filled_.pop_front();
                }
                const std::uint64_t bytes = finisher(index, slots_[slot]);
                {
                    const std::lock_guard lock(mutex_);
                    ++totals_.frames;
                    totals_.bytes += bytes;
                    free_.push_back(slot);
                }
                free_cv_.notify_one();
            }
        } catch (...) {
            {
                const std::lock_guard lock(mutex_);
                if (!error_) error_ = std::current_exception();
            }
            free_cv_.notify_all();
            filled_cv_.notify_all();
        }
    }

    MakeFinisher make_;
    std::vector<Slot> slots_;
    std::mutex mutex_;
    std::condition_variable free_cv_;    // a slot became free, or a helper failed
    std::condition_variable filled_cv_;  // a slot was filled, or the producer is done or gone
    std::vector<std::size_t> free_;
    std::deque<std::pair<std::int64_t, std::size_t>> filled_;
    bool closing_ = false;    // no more frames: finish what is filled, then stop
    bool abandoned_ = false;  // the producer is gone: stop now
    std::exception_ptr error_;
    totals totals_;
    std::vector<std::thread> threads_;  // last: started once everything above exists
};

}  // namespace vidata::prepare::detail
