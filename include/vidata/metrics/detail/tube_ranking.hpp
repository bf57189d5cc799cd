// SPDX-License-Identifier: Apache-2.0
// What frame_mean_ap and video_mean_ap share: the evaluated video list, the order detections are taken in, and AP from matches.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/metrics/detail/numpy_argsort.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/voc_average_precision.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vidata {

/// The videos a split evaluates: `gt.test_videos[split]` (split 0-based; the CLI's `--split 1` is 0).
/// Detections name videos by their index in this list. Throws invalid_argument when the split does not exist.
[[nodiscard]] inline const std::vector<std::string>& evaluated_videos(const tube_ground_truth& gt, std::size_t split) {
    if (split >= gt.test_videos.size())
        throw invalid_argument("vidata: split index " + std::to_string(split) + " (0-based) does not exist: the ground truth has " +
                               std::to_string(gt.test_videos.size()) + " test split(s)");
    return gt.test_videos[split];
}

namespace detail {

/// True when score `a` is taken before score `b`: higher first, NaN after every number (np.argsort(-s) puts NaN last).
[[nodiscard]] inline bool score_before(double a, double b) noexcept {
    if (std::isnan(a)) return false;
    return std::isnan(b) || a > b;
}

/// The positions 0..scores.size()-1 in the order the greedy matching takes them: decreasing score, and for
/// equal scores either `tie_less` (canonical) or numpy's argsort of the negated scores (numpy_quicksort).
template <detection_ties Ties, class TieLess>
[[nodiscard]] std::vector<std::size_t> ranking(const std::vector<double>& scores, TieLess tie_less) {
    std::vector<std::size_t> order(scores.size());
    if constexpr (Ties == detection_ties::numpy_quicksort) {
        std::vector<double> negated(scores.size());
        for (std::size_t i = 0; i < scores.size(); ++i) negated[i] = -scores[i];
        std::vector<std::int64_t> sorted(scores.size());
        numpy_argsort_into(std::span<const double>(negated), std::span<std::int64_t>(sorted));
        for (std::size_t i = 0; i < sorted.size(); ++i) order[i] = static_cast<std::size_t>(sorted[i]);
    } else {
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
            if (score_before(scores[i], scores[j])) return true;
            if (score_before(scores[j], scores[i])) return false;
            return tie_less(i, j);
        });
    }
    return order;
}

/// The AP of a ranked list of detections, `is_tp[i]` telling whether the i-th is a true positive, against
/// `num_gt` > 0 ground-truth instances. Precision p_i = tp_i / i, recall r_i = tp_i / num_gt after the i-th.
///   trapezoid:      Σ_i (r_i − r_{i−1}) · (p_i + p_{i−1}) / 2, with (r_0, p_0) = (0, 1)       (ACT / MOC pr_to_ap)
///   voc_all_points: Σ over recall steps (r_i − r_{i−1}) · max_{j ≥ i} p_j, the curve padded with
///                   (0, 0) before and (1, 0) after                                          (MultiSports pr_to_ap_voc)
/// Both sum their terms as numpy's np.sum does (pairwise), so that a curve of the same float64 values gives
/// the reference's AP to the last bit. No detection gives 0. O(n).
template <pr_integration I>
[[nodiscard]] double average_precision_of_matches(const std::vector<unsigned char>& is_tp, std::int64_t num_gt) {
    const auto gt = static_cast<double>(num_gt);
    const std::size_t n = is_tp.size();
    std::vector<double> precision(n), recall(n);
    std::int64_t tp = 0;
    for (std::size_t i = 0; i < n; ++i) {
        tp += is_tp[i] != 0;
        precision[i] = static_cast<double>(tp) / static_cast<double>(i + 1);  // tp / (tp + fp)
        recall[i] = static_cast<double>(tp) / gt;
    }
    if constexpr (I == pr_integration::trapezoid) {
        std::vector<double> terms(n);
        double previous_p = 1.0, previous_r = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            terms[i] = (recall[i] - previous_r) * (precision[i] + previous_p) * 0.5;  // prdif * prsum * 0.5
            previous_p = precision[i];
            previous_r = recall[i];
        }
        return numpy_sum(terms);
    } else {
        return voc_average_precision(precision, recall);
    }
}

/// The mean of the APs that exist (classes with ground truth). Throws when there is none: a split
/// without any ground truth has nothing to average, and is almost always the wrong split or file.
[[nodiscard]] inline double mean_of_present(const std::vector<std::optional<double>>& ap, const char* function) {
    double sum = 0.0;
    std::size_t count = 0;
    for (const auto& a : ap)
        if (a) {
            sum += *a;
            ++count;
        }
    if (count == 0)
        throw invalid_argument(std::string(function) +
                               ": no class has ground truth in the evaluated videos, so there is no mean AP; check the split and the ground-truth file");
    return sum / static_cast<double>(count);
}

}  // namespace detail
}  // namespace vidata
