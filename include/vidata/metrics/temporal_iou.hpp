// SPDX-License-Identifier: Apache-2.0
// Temporal IoU: of two segments, pairwise between sets (MMAction2's pairwise_temporal_iou), and numpy's tIoU thresholds.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/policy.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <string>
#include <type_traits>
#include <vector>

namespace vidata {

/// Anything with numeric `start` and `end` members (seconds, or frames): vidata::segment, scored_segment,
/// time_interval. Semantics: `start <= end`; the metrics check it, pairwise_temporal_iou does not.
template <class T>
concept time_interval_like = requires(const T& t) {
    { t.start } -> std::convertible_to<double>;
    { t.end } -> std::convertible_to<double>;
};

/// A sized random-access range of time_interval_like values.
template <class R>
concept time_interval_range = std::ranges::random_access_range<R> && std::ranges::sized_range<R> &&
                              time_interval_like<std::ranges::range_value_t<R>>;

/// A bare interval `[start, end]`.
struct time_interval {
    double start = 0.0;
    double end = 0.0;

    friend bool operator==(const time_interval&, const time_interval&) = default;
};

/// A policy for the temporal metrics names one choice per disagreement between the official ActivityNet
/// toolkit and MMAction2 0.x, as constants (policy.hpp): P::temporal_ties (temporal_tie_order),
/// P::videos_without_proposals (missing_proposals), P::proposal_count (proposal_count_base) and
/// P::tiou_precision (tiou_arithmetic). official_metrics_policy and mmaction2_metrics_policy model it.
template <class P>
concept temporal_metric_policy = requires {
    requires std::same_as<std::remove_cv_t<decltype(P::temporal_ties)>, temporal_tie_order>;
    requires std::same_as<std::remove_cv_t<decltype(P::videos_without_proposals)>, missing_proposals>;
    requires std::same_as<std::remove_cv_t<decltype(P::proposal_count)>, proposal_count_base>;
    requires std::same_as<std::remove_cv_t<decltype(P::tiou_precision)>, tiou_arithmetic>;
};

static_assert(temporal_metric_policy<official_metrics_policy> && temporal_metric_policy<mmaction2_metrics_policy>);

/// A matrix of temporal IoUs, one row per target (ground truth) and one column per candidate (proposal).
using tiou_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// `np.linspace(start, stop, num)` to the last bit, as numpy 1.24 computes it: `i * step + start` with
/// `step = (stop - start) / (num - 1)` (or `i / (num - 1) * (stop - start)` when the step underflows to 0),
/// the last value set to `stop` exactly. The tIoU thresholds are compared with IoUs that often sit exactly on
/// them, so they must be numpy's doubles, not the decimal values they print as.
///   vidata::numpy_linspace(0.5, 0.95, 10);  // 0.5, 0.55, ..., 0.95: ActivityNet's thresholds
[[nodiscard]] inline std::vector<double> numpy_linspace(double start, double stop, std::size_t num) {
    std::vector<double> y(num);
    if (num == 0) return y;
    const double div = static_cast<double>(num - 1);
    const double delta = stop - start;
    const double step = delta / div;
    for (std::size_t i = 0; i < num; ++i) {
        const double fi = static_cast<double>(i);
        double v = 0.0;
        if (num == 1) v = fi * delta;  // numpy: div = 0, the step is undefined and y = arange * delta
        else if (step == 0.0) v = (fi / div) * delta;
        else v = fi * step;
        y[i] = v + start;
    }
    if (num > 1) y[num - 1] = stop;
    return y;
}

/// ActivityNet's tIoU thresholds, `np.linspace(0.5, 0.95, 10)`: the default of both references.
[[nodiscard]] inline std::vector<double> activitynet_tiou_thresholds() { return numpy_linspace(0.5, 0.95, 10); }

namespace detail {

/// The intersection and union of a target [t0, t1] and a candidate [c0, c1] in S (float or double), as numpy
/// evaluates them: `clip(min(t1, c1) - max(t0, c0), 0)` and `(t1 - t0) + (c1 - c0) - intersection`.
template <class S>
struct interval_overlap {
    S intersection;
    S union_length;
};

template <class S>
[[nodiscard]] constexpr interval_overlap<S> overlap_of(S t0, S t1, S c0, S c1) noexcept {
    const S tt1 = std::max(c0, t0);
    const S tt2 = std::min(c1, t1);
    S inter = tt2 - tt1;
    if (inter < S(0)) inter = S(0);
    const S uni = (t1 - t0) + (c1 - c0) - inter;
    return {inter, uni};
}

/// tIoU of a target (ground truth) and a candidate under arithmetic A, as a double:
/// - float64: both lengths and the quotient in double (the official toolkit; NaN when the union is 0).
/// - mmaction2_float32 with `float32_segments` (AR@AN): the bounds first rounded to float32 and the
///   intersection and union computed in float32; else in double. Either way the quotient is taken in
///   double (`intersection.astype(float) / union`) and stored as float32, MMAction2's output dtype.
template <tiou_arithmetic A, bool float32_segments = false>
[[nodiscard]] constexpr double tiou_of(double t0, double t1, double c0, double c1) noexcept {
    if constexpr (A == tiou_arithmetic::float64) {
        const auto o = overlap_of(t0, t1, c0, c1);
        return o.intersection / o.union_length;
    } else if constexpr (float32_segments) {
        const auto o = overlap_of(static_cast<float>(t0), static_cast<float>(t1), static_cast<float>(c0),
                                  static_cast<float>(c1));
        return static_cast<float>(static_cast<double>(o.intersection) / static_cast<double>(o.union_length));
    } else {
        const auto o = overlap_of(t0, t1, c0, c1);
        return static_cast<float>(o.intersection / o.union_length);
    }
}

/// overlap_self (intersection / candidate length) under arithmetic A, as MMAction2's calculate_overlap_self.
template <tiou_arithmetic A>
[[nodiscard]] constexpr double overlap_self_of(double t0, double t1, double c0, double c1) noexcept {
    const auto o = overlap_of(t0, t1, c0, c1);
    const double v = o.intersection / (c1 - c0);
    if constexpr (A == tiou_arithmetic::float64) return v;
    else return static_cast<float>(v);
}

}  // namespace detail

/// The temporal IoU of a target (ground-truth) segment and a candidate: |a ∩ b| / |a ∪ b|, computed as both
/// references compute it (policy P::tiou_precision: double, or MMAction2's float32 result). No guard: two
/// zero-length segments give 0/0 = NaN, as numpy does; a reversed or non-finite interval gives whatever the
/// formula gives. constexpr, noexcept.
///   vidata::temporal_iou(vidata::time_interval{0, 10}, vidata::time_interval{0, 7});  // 0.7
template <time_interval_like T, time_interval_like C, temporal_metric_policy P = official_metrics_policy>
[[nodiscard]] constexpr double temporal_iou(const T& target, const C& candidate, P = {}) noexcept {
    return detail::tiou_of<P::tiou_precision>(static_cast<double>(target.start), static_cast<double>(target.end),
                                              static_cast<double>(candidate.start), static_cast<double>(candidate.end));
}

/// The tIoU of every target with every candidate: an n × m matrix (targets × candidates), as MMAction2 0.x
/// `pairwise_temporal_iou(candidate_segments, target_segments)` and the toolkit's `wrapper_segment_iou` return
/// it. Under mmaction2_metrics_policy each value is MMAction2's float32 result (held in a double). No input
/// checks, as the references: see temporal_iou for zero-length and reversed segments. O(n·m), thread-safe.
///   std::vector<vidata::time_interval> targets{{1, 2}, {2, 3}}, candidates{{2, 3}, {2.5, 3}};
///   vidata::pairwise_temporal_iou(candidates, targets);  // [[0, 1], [0, 0.5]]
template <time_interval_range Candidates, time_interval_range Targets, temporal_metric_policy P = official_metrics_policy>
[[nodiscard]] tiou_matrix pairwise_temporal_iou(const Candidates& candidates, const Targets& targets, P policy = {}) {
    const auto n = static_cast<Eigen::Index>(std::ranges::size(targets));
    const auto m = static_cast<Eigen::Index>(std::ranges::size(candidates));
    tiou_matrix out(n, m);
    auto t = std::ranges::begin(targets);
    for (Eigen::Index i = 0; i < n; ++i, ++t) {
        auto c = std::ranges::begin(candidates);
        for (Eigen::Index j = 0; j < m; ++j, ++c) out(i, j) = temporal_iou(*t, *c, policy);
    }
    return out;
}

/// The tIoU matrix and MMAction2's overlap_self matrix (intersection / candidate length; NaN for a
/// zero-length candidate), as `pairwise_temporal_iou(..., calculate_overlap_self=True)` returns them.
struct temporal_overlaps {
    tiou_matrix iou;
    tiou_matrix overlap_self;
};

/// pairwise_temporal_iou with `calculate_overlap_self=True`: both n × m matrices (targets × candidates).
template <time_interval_range Candidates, time_interval_range Targets, temporal_metric_policy P = official_metrics_policy>
[[nodiscard]] temporal_overlaps pairwise_temporal_overlaps(const Candidates& candidates, const Targets& targets, P = {}) {
    const auto n = static_cast<Eigen::Index>(std::ranges::size(targets));
    const auto m = static_cast<Eigen::Index>(std::ranges::size(candidates));
    temporal_overlaps out{tiou_matrix(n, m), tiou_matrix(n, m)};
    auto t = std::ranges::begin(targets);
    for (Eigen::Index i = 0; i < n; ++i, ++t) {
        const auto t0 = static_cast<double>(t->start), t1 = static_cast<double>(t->end);
        auto c = std::ranges::begin(candidates);
        for (Eigen::Index j = 0; j < m; ++j, ++c) {
            const auto c0 = static_cast<double>(c->start), c1 = static_cast<double>(c->end);
            out.iou(i, j) = detail::tiou_of<P::tiou_precision>(t0, t1, c0, c1);
            out.overlap_self(i, j) = detail::overlap_self_of<P::tiou_precision>(t0, t1, c0, c1);
        }
    }
    return out;
}

}  // namespace vidata
