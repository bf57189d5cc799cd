// SPDX-License-Identifier: Apache-2.0
// What average_recall and temporal_detection share: input checks with actionable messages, id lookups, numpy's ranking.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/metrics/detail/numpy_argsort.hpp>
#include <vidata/metrics/temporal_results.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::detail {

/// tIoU thresholds: at least one, none NaN (a NaN threshold compares false with everything, so the references
/// would silently count nothing at it).
inline void require_tiou_thresholds(const char* function, std::span<const double> thresholds) {
    if (thresholds.empty())
        throw invalid_argument(std::string(function) + ": no tIoU threshold; pass at least one (ActivityNet uses "
                                                       "np.linspace(0.5, 0.95, 10), vidata::activitynet_tiou_thresholds())");
    for (std::size_t i = 0; i < thresholds.size(); ++i)
        if (std::isnan(thresholds[i]))
            throw invalid_argument(std::string(function) + ": tIoU threshold " + std::to_string(i) + " is NaN; pass numbers");
}

/// A segment the metrics accept: finite bounds, start <= end. `what()` names it for the message
/// ("segment 3 of ground-truth video 'abc'"), built only on failure.
template <class What>
void require_segment(const char* function, double start, double end, What&& what) {
    if (std::isfinite(start) && std::isfinite(end) && start <= end) return;
    throw invalid_argument(std::string(function) + ": " + what() + " is [" + std::to_string(start) + ", " +
                           std::to_string(end) + "]; a segment needs finite bounds with start <= end");
}

/// Every ground-truth segment well formed, and no video id twice (the references key videos by id).
inline void require_ground_truth(const char* function, std::span<const temporal_record> ground_truth) {
    std::unordered_map<std::string_view, std::size_t> seen;
    seen.reserve(ground_truth.size());
    for (std::size_t v = 0; v < ground_truth.size(); ++v) {
        const temporal_record& r = ground_truth[v];
        if (!seen.emplace(r.id, v).second)
            throw invalid_argument(std::string(function) + ": ground-truth video '" + r.id + "' occurs twice (records " +
                                   std::to_string(seen[r.id]) + " and " + std::to_string(v) +
                                   "); pass each video once, with all its segments");
        for (std::size_t s = 0; s < r.annotations.size(); ++s)
            require_segment(function, r.annotations[s].start, r.annotations[s].end,
                            [&] { return "segment " + std::to_string(s) + " of ground-truth video '" + r.id + "'"; });
    }
}

/// Every result segment well formed and scored (NaN has no rank), and no video id twice. Returns the index
/// of each video by id.
[[nodiscard]] inline std::unordered_map<std::string_view, std::size_t> index_results(const char* function,
                                                                                    const temporal_results& results) {
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(results.videos.size());
    for (std::size_t v = 0; v < results.videos.size(); ++v) {
        const video_results& r = results.videos[v];
        if (!index.emplace(r.id, v).second)
            throw invalid_argument(std::string(function) + ": the results list video '" + r.id + "' twice (entries " +
                                   std::to_string(index[r.id]) + " and " + std::to_string(v) +
                                   "); pass each video once, with all its segments");
        for (std::size_t s = 0; s < r.segments.size(); ++s) {
            const scored_segment& g = r.segments[s];
            const auto what = [&] { return "result " + std::to_string(s) + " of video '" + r.id + "'"; };
            require_segment(function, g.start, g.end, what);
            if (std::isnan(g.score))
                throw invalid_argument(std::string(function) + ": " + what() +
                                       " has a NaN score, which has no rank; pass a number (±inf are ranked)");
        }
    }
    return index;
}

/// index_results for its checks alone.
inline void require_results(const char* function, const temporal_results& results) {
    (void)index_results(function, results);
}

/// `values.argsort()[::-1]` in numpy 1.24 (kind='quicksort'): numpy's introsort order, reversed, so that
/// equal values come out in the reverse of the order numpy leaves them in. `order` is resized.
inline void numpy_descending_order(std::span<const double> values, std::vector<std::int64_t>& order) {
    order.resize(values.size());
    numpy_argsort_into(values, std::span<std::int64_t>(order));
    std::reverse(order.begin(), order.end());
}

}  // namespace vidata::detail
