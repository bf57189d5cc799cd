// SPDX-License-Identifier: Apache-2.0
// Multi-label metrics: the binary precision-recall curve, its average precision, and the two mAP flavours.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/detail/ap_counting.hpp>
#include <vidata/metrics/detail/numpy_argsort.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace vidata {

/// A precision-recall curve as MMAction2's (sklearn-style) `binary_precision_recall_curve` returns it:
/// recall decreasing, precision ending in 1 and recall in 0, thresholds decreasing (one fewer entry).
struct precision_recall_curve {
    std::vector<double> precision;
    std::vector<double> recall;      ///< NaN everywhere but the final 0 when there is no positive
    std::vector<double> thresholds;  ///< the distinct scores, from the one reaching full recall upwards
};

namespace detail {

/// Buffers reused across the columns (or rows) of a mean average precision, so that each AP allocates nothing.
template <score_scalar T>
struct ap_workspace {
    std::vector<std::int64_t> order;
    std::vector<T> score;  // scores in decreasing order, as MMAction2's y_score[desc_score_indices]
    std::vector<std::int64_t> tps;
    std::vector<std::int64_t> idx;
    std::vector<T> gather;  // one column of a row-major matrix
    std::vector<bool> truth;
};

/// Steps 1-3 of MMAction2's binary_precision_recall_curve: sort, distinct thresholds, cumulative true
/// positives. Leaves in `w.idx` the threshold indices and in `w.tps` the true positives at each.
template <score_scalar T, typename L>
void threshold_counts(std::span<const T> score, const L* truth, std::ptrdiff_t truth_stride, ap_workspace<T>& w) {
    const std::size_t n = score.size();
    // np.argsort(y_score, kind='mergesort')[::-1]: a stable ascending sort (NaN last), reversed, so that
    // NaNs come first and, among equal scores, the later index first. Any stable sort yields this order.
    w.order.resize(n);
    for (std::size_t i = 0; i < n; ++i) w.order[i] = static_cast<std::int64_t>(i);
    const T* s = score.data();
    std::stable_sort(w.order.begin(), w.order.end(),
                     [s](std::int64_t a, std::int64_t b) { return numpy_less(s[a], s[b]); });
    std::reverse(w.order.begin(), w.order.end());
    w.score.resize(n);
    w.truth.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto o = static_cast<std::ptrdiff_t>(w.order[i]);
        w.score[i] = s[o];
        w.truth[i] = truth[o * truth_stride] == L(1);  // `y_true == 1`: 2 or 0.5 are negatives
    }
    // np.where(np.diff(y_score)): the difference is taken in T and tested against 0, so a NaN difference
    // (NaN scores, and also inf - inf between two equal infinities) separates thresholds like any other.
    w.idx.clear();
    w.tps.clear();
    std::int64_t cum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        cum += w.truth[i];
        const bool last = i + 1 == n;
        if (last || static_cast<T>(w.score[i + 1] - w.score[i]) != T(0)) {
            w.idx.push_back(static_cast<std::int64_t>(i));
            w.tps.push_back(cum);
        }
    }
}

/// Index of the first threshold reaching full recall: tps.searchsorted(tps[-1]) (side='left').
[[nodiscard]] inline std::size_t full_recall_index(const std::vector<std::int64_t>& tps) noexcept {
    return static_cast<std::size_t>(std::lower_bound(tps.begin(), tps.end(), tps.back()) - tps.begin());
}

/// -Σ diff(recall) · precision[:-1] over the curve, without materialising it: the curve runs from the
/// full-recall threshold back to the first, then the appended (precision 1, recall 0).
template <score_scalar T>
[[nodiscard]] double average_precision_from(const ap_workspace<T>& w) {
    const double positives = static_cast<double>(w.tps.back());
    const std::size_t last = full_recall_index(w.tps);
    auto precision = [&](std::size_t t) {
        return static_cast<double>(w.tps[t]) / static_cast<double>(w.idx[t] + 1);  // tps / (tps + fps)
    };
    auto recall = [&](std::size_t t) { return static_cast<double>(w.tps[t]) / positives; };  // 0/0 = NaN
    double sum = 0.0;
    for (std::size_t q = 0; q <= last; ++q) {
        const std::size_t t = last - q;  // the q-th curve point
        const double next_recall = t == 0 ? 0.0 : recall(t - 1);
        sum += (next_recall - recall(t)) * precision(t);
    }
    return -sum;
}

template <score_scalar T, typename L>
[[nodiscard]] double average_precision_of(std::span<const T> score, const L* truth, std::ptrdiff_t truth_stride,
                                          ap_workspace<T>& w) {
    threshold_counts(score, truth, truth_stride, w);
    return average_precision_from(w);
}

inline void require_same_length(const char* function, std::size_t scores, std::size_t truth) {
    if (scores == truth && scores > 0) return;
    throw invalid_argument(std::string(function) + ": got " + std::to_string(scores) + " scores and " +
                           std::to_string(truth) + " ground-truth entries; pass one 0/1 entry per score, at least one");
}

template <score_scalar T, typename L>
void require_same_shape(const char* function, const score_matrix_ref<T>& scores, const label_matrix_ref<L>& labels) {
    if (scores.rows() == labels.rows() && scores.cols() == labels.cols() && scores.rows() > 0 && scores.cols() > 0)
        return;
    throw invalid_argument(std::string(function) + ": scores are " + std::to_string(scores.rows()) + " x " +
                           std::to_string(scores.cols()) + " but labels are " + std::to_string(labels.rows()) + " x " +
                           std::to_string(labels.cols()) +
                           "; pass a multi-hot label matrix of the scores' shape (samples x classes), not empty");
}

}  // namespace detail

/// The precision-recall curve of one binary problem. MMAction2 0.x `binary_precision_recall_curve(y_score,
/// y_true)`, which follows sklearn's: scores sorted decreasingly (NaN first, equal scores later-index first),
/// one point per distinct score, cut at the first point of full recall, reversed, then (1, 0) appended.
/// An entry of `y_true` equal to 1 is a positive; anything else is a negative.
///
/// Throws vidata::invalid_argument if the lengths differ or are 0. O(n log n), allocates the curve.
template <score_range S, truth_range Y>
[[nodiscard]] precision_recall_curve binary_precision_recall_curve(const S& y_score, const Y& y_true) {
    using T = std::ranges::range_value_t<S>;
    detail::require_same_length("vidata::binary_precision_recall_curve", std::ranges::size(y_score),
                                std::ranges::size(y_true));
    detail::ap_workspace<T> w;
    detail::threshold_counts(std::span<const T>(std::ranges::data(y_score), std::ranges::size(y_score)),
                             std::ranges::data(y_true), 1, w);
    const std::size_t last = detail::full_recall_index(w.tps);
    const auto positives = static_cast<double>(w.tps.back());
    precision_recall_curve curve;
    for (std::size_t q = 0; q <= last; ++q) {
        const std::size_t t = last - q;
        curve.precision.push_back(static_cast<double>(w.tps[t]) / static_cast<double>(w.idx[t] + 1));
        curve.recall.push_back(static_cast<double>(w.tps[t]) / positives);
        curve.thresholds.push_back(static_cast<double>(w.score[static_cast<std::size_t>(w.idx[t])]));
    }
    curve.precision.push_back(1.0);
    curve.recall.push_back(0.0);
    return curve;
}

/// The average precision of one binary problem: `-Σ diff(recall) · precision[:-1]` over
/// binary_precision_recall_curve, a step integral without interpolation. It equals sklearn's
/// average_precision_score when there is a positive; with none, recall is 0/0 and the result is NaN
/// (sklearn returns 0 with a warning instead).
///
/// Throws vidata::invalid_argument if the lengths differ or are 0. O(n log n).
template <score_range S, truth_range Y>
[[nodiscard]] double average_precision(const S& y_score, const Y& y_true) {
    using T = std::ranges::range_value_t<S>;
    detail::require_same_length("vidata::average_precision", std::ranges::size(y_score), std::ranges::size(y_true));
    detail::ap_workspace<T> w;
    return detail::average_precision_of(std::span<const T>(std::ranges::data(y_score), std::ranges::size(y_score)),
                                        std::ranges::data(y_true), 1, w);
}

/// Mean average precision over classes: the AP of each column of `scores` against the same column of the
/// multi-hot `labels`, averaged over the classes that have a positive (the others give NaN and are dropped).
/// NaN if no class has a positive. MMAction2 0.x `mean_average_precision(scores, labels)`.
///
/// Columns are gathered 16 at a time into contiguous buffers. A column of finite scores takes the counting
/// path (sort its positives' scores, binary-search each negative among them: O(N log P) for P positives); a
/// column holding a NaN or infinite score, or no positive, takes the sorting path. Both give the same bits.
///
/// Throws vidata::invalid_argument if the shapes differ or are empty. O(N·C log N) at worst, O(N) memory,
/// single-threaded. Thread-safe.
template <score_matrix M, label_matrix Y>
[[nodiscard]] double mean_average_precision(const M& scores, const Y& labels) {
    using T = typename std::remove_cvref_t<M>::Scalar;
    using L = typename std::remove_cvref_t<Y>::Scalar;
    const score_matrix_ref_for<M> s(scores);
    const label_matrix_ref_for<Y> y(labels);
    detail::require_same_shape("vidata::mean_average_precision", s, y);
    constexpr std::size_t tile = 16;
    const auto n = static_cast<std::size_t>(s.rows());
    const auto cols = static_cast<std::size_t>(s.cols());
    detail::ap_workspace<T> w;
    detail::ap_counting_workspace<T> cw;
    std::vector<T> block(n * std::min(tile, cols));               // column j of the tile at block[j * n]
    std::vector<std::uint8_t> flags(n * std::min(tile, cols));  // y == 1, laid out as block
    double sum = 0.0;
    std::int64_t counted = 0;
    for (std::size_t c0 = 0; c0 < cols; c0 += tile) {
        const std::size_t width = std::min(tile, cols - c0);
        auto gather = [&](auto columns) {  // a constant width for full tiles lets the compiler unroll the row
            for (std::size_t r = 0; r < n; ++r) {
                const T* sp = s.data() + static_cast<std::ptrdiff_t>(r) * s.outerStride() + static_cast<std::ptrdiff_t>(c0);
                const L* yp = y.data() + static_cast<std::ptrdiff_t>(r) * y.outerStride() + static_cast<std::ptrdiff_t>(c0);
                for (std::size_t j = 0; j < columns; ++j) {
                    block[j * n + r] = sp[j];
                    flags[j * n + r] = static_cast<std::uint8_t>(yp[j] == L(1));
                }
            }
        };
        if (width == tile) gather(std::integral_constant<std::size_t, tile>{});
        else gather(width);
        for (std::size_t j = 0; j < width; ++j) {
            double ap = 0.0;
            if (!detail::counting_average_precision(block.data() + j * n, flags.data() + j * n, n, cw, ap))
                ap = detail::average_precision_of(std::span<const T>(block.data() + j * n, n),
                                                  y.data() + static_cast<std::ptrdiff_t>(c0 + j), y.outerStride(), w);
            if (std::isnan(ap)) continue;
            sum += ap;
            ++counted;
        }
    }
    return counted == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(counted);
}

/// MMIT-style mean average precision: the AP of each sample (row) over classes, averaged over samples. A
/// sample without any positive label has AP NaN, and the mean is then NaN (MMAction2 drops nothing here).
/// MMAction2 0.x `mmit_mean_average_precision(scores, labels)`, the Multi-Moments in Time protocol.
///
/// Throws vidata::invalid_argument if the shapes differ or are empty. O(N·C log C), O(C) memory. Thread-safe.
template <score_matrix M, label_matrix Y>
[[nodiscard]] double mmit_mean_average_precision(const M& scores, const Y& labels) {
    using T = typename std::remove_cvref_t<M>::Scalar;
    using L = typename std::remove_cvref_t<Y>::Scalar;
    const score_matrix_ref_for<M> s(scores);
    const label_matrix_ref_for<Y> y(labels);
    detail::require_same_shape("vidata::mmit_mean_average_precision", s, y);
    const auto cols = static_cast<std::size_t>(s.cols());
    detail::ap_workspace<T> w;
    detail::ap_counting_workspace<T> cw;
    std::vector<std::uint8_t> flags(cols);
    double sum = 0.0;
    for (Eigen::Index r = 0; r < s.rows(); ++r) {
        // The counting path where it applies (finite scores, a positive), else the sorting path: same bits.
        const T* row = s.data() + r * s.outerStride();
        const L* truth = y.data() + r * y.outerStride();
        for (std::size_t j = 0; j < cols; ++j) flags[j] = static_cast<std::uint8_t>(truth[j] == L(1));
        double ap = 0.0;
        if (!detail::counting_average_precision(row, flags.data(), cols, cw, ap))
            ap = detail::average_precision_of(std::span<const T>(row, cols), truth, 1, w);
        sum += ap;
    }
    return sum / static_cast<double>(s.rows());
}

}  // namespace vidata
