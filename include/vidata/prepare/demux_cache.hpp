// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::detail::demux_cache: the demux passes of the last few sources a trim run cut, shared by the cuts of
// one source instead of one pass each.
#pragma once

#include <vidata/prepare/cut_video.hpp>

#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace vidata::prepare::detail {

/// Holds demux_video's result for the last `capacity` sources it made a pass of. A trim plan cuts many clips from
/// one video (OmniSource's 10-second parts, ActivityNet's and FineGYM's segments), and its cuts, sorted by clip name,
/// come together: the first cut of a source makes the pass, the others (on any worker) wait for it or find it done. A
/// pass that failed is kept as its exception, so each cut of an unreadable source fails with the same reason
/// without reading it again. Entries still in use outlive their eviction (shared ownership).
class demux_cache {
public:
    explicit demux_cache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

    /// The demux pass of `source`, made by this call or an earlier one; rethrows the pass's error.
    [[nodiscard]] std::shared_ptr<const demuxed_video> get(const std::filesystem::path& source) {
        std::shared_future<std::shared_ptr<const demuxed_video>> pass;
        std::promise<std::shared_ptr<const demuxed_video>> mine;
        bool make = false;
        {
            const std::lock_guard lock(mutex_);
            if (const auto it = passes_.find(source); it != passes_.end()) {
                pass = it->second;
            } else {
                pass = mine.get_future().share();
                passes_.emplace(source, pass);
                order_.push_back(source);
                if (order_.size() > capacity_) {
                    passes_.erase(order_.front());
                    order_.pop_front();
                }
                make = true;
            }
        }
        if (make) {  // outside the lock: other sources' cuts go on meanwhile
            try {
                mine.set_value(std::make_shared<const demuxed_video>(demux_video(source)));
            } catch (...) {
                mine.set_exception(std::current_exception());
            }
        }
        return pass.get();
    }

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::map<std::filesystem::path, std::shared_future<std::shared_ptr<const demuxed_video>>> passes_;
    std::deque<std::filesystem::path> order_;  // the sources in passes_, oldest first
};

}  // namespace vidata::prepare::detail
