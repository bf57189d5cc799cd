// SPDX-License-Identifier: Apache-2.0
// top_k_accuracy: the fraction of samples whose label is among their k highest-scoring classes (MMAction2 0.x).
#pragma once

#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/detail/checks.hpp>
#include <vidata/metrics/detail/numpy_argsort.hpp>
#include <vidata/metrics/detail/row_kernels.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace vidata {

namespace detail {

// Counting, not sorting: a sample is decided by how many scores of its row rank above its label's score
// and how many tie with it (rank_counts, one SIMD pass), for every k at once. Under numpy_quicksort only
// a label whose tie group straddles the k-th place is undecided; that row, and only it, is argsorted with
// numpy's own algorithm, which decides which of the tied classes numpy would have kept (and only the
// partitions that reach the last k places are sorted: the others cannot change what lands there).
template <metric_policy Policy, score_scalar T>
class top_k_counter {
public:
    /// Counts hits for each k of `ks` into `out` (zeroed here). Only the last max(ks) places of numpy's order are
    /// ever read, so a tied row is sorted only that far.
    top_k_counter(std::int64_t cols, std::span<const int> ks, std::span<double> out) : cols_(cols), ks_(ks), out_(out) {
        std::int64_t k_max = 0;
        for (const int k : ks) k_max = std::max<std::int64_t>(k_max, k);
        keep_begin_ = std::max<std::int64_t>(cols - k_max, 0);
        // Hit counts are whole numbers far below 2^53, so counting in the output's doubles is exact.
        for (double& o : out_) o = 0.0;
    }

    /// One sample: its row, its label and where the label's score ranks in the row.
    void add(const T* row, std::int64_t label, const rank_counts& r) {
        bool sorted = false;
        for (std::size_t q = 0; q < ks_.size(); ++q) {
            const std::int64_t k = ks_[q];
            bool hit = false;
            if constexpr (Policy::ties == tie_order::lower_index_first) {
                hit = r.greater + r.equal_before < k;
            } else if (r.greater + r.equal <= k) {
                hit = true;  // the whole tie group fits in the top k, whatever its order (k >= C included)
            } else if (r.greater >= k) {
                hit = false;  // k classes outrank the label
            } else {
                if (!sorted) {
                    order_.resize(static_cast<std::size_t>(cols_));
                    numpy_argsort_into(std::span<const T>(row, static_cast<std::size_t>(cols_)), std::span<std::int64_t>(order_),
                                       nullptr, keep_begin_, cols_);
                    sorted = true;
                }
                // MMAction2 keeps argsort(scores)[-k:]; the label hits if it sits in those last k places.
                for (std::int64_t p = cols_ - k; p < cols_; ++p) hit = hit || order_[static_cast<std::size_t>(p)] == label;
            }
            out_[q] += hit ? 1.0 : 0.0;
        }
    }

    /// Turns the counts into fractions of `rows`: hits / N in double, as numpy's int64 / int64 true division (the
    /// same correctly rounded quotient).
    void finish(std::int64_t rows) {
        for (double& o : out_) o /= static_cast<double>(rows);
    }

private:
    std::int64_t cols_;
    std::span<const int> ks_;
    std::span<double> out_;
    std::int64_t keep_begin_ = 0;
    std::vector<std::int64_t> order_;  // allocated only if a tie straddles the k-th place under numpy_quicksort
};

template <metric_policy Policy, score_scalar T>
void top_k_accuracy_into(score_matrix_ref<T> scores, std::span<const std::int64_t> labels, std::span<const int> ks,
                         std::span<double> out) {
    constexpr const char* function = "vidata::top_k_accuracy";
    const std::int64_t rows = scores.rows();
    const std::int64_t cols = scores.cols();
    require_scores(function, rows, cols);
    require_labels(function, labels, rows, cols);
    for (const int k : ks) require_k(function, k);
    require_output(function, out.size(), ks.size(), "values of k");
    top_k_counter<Policy, T> counter(cols, ks, out);
    for (std::int64_t i = 0; i < rows; ++i) {
        const T* row = scores.data() + i * scores.outerStride();
        const std::int64_t label = labels[static_cast<std::size_t>(i)];
        counter.add(row, label, row_rank_counts(row, cols, label));
    }
    counter.finish(rows);
}

}  // namespace detail

/// Top-k accuracy for each k in `ks`, into `out` (one value per k): the fraction of samples whose label is
/// among the k classes with the highest scores. MMAction2 0.x `top_k_accuracy(scores, labels, topk)`.
///
/// `scores`: N × C float or double (any Eigen matrix, see score_matrix); `labels`: N class indices in [0, C).
/// Ties are ordered by `Policy::ties`: the default ranks equal scores by lower class index (top-1 is then the
/// argmax prediction); mmaction2_metrics_policy reproduces numpy 1.24's quicksort order exactly. NaN scores
/// rank above every number under both, as in numpy's sort. A k larger than C counts every sample as a hit.
///
/// Throws vidata::invalid_argument for empty scores, a label count other than N, a label outside [0, C),
/// a k below 1, or an `out` whose size differs from ks.size(). O(N·C) and, under the default policy, no
/// allocation; under numpy_quicksort a row whose tie group straddles the k-th place is argsorted (O(C log C),
/// one O(C) buffer). Thread-safe: it reads its inputs and writes only `out`.
///   std::array<double, 2> acc; vidata::top_k_accuracy(scores, labels, std::array{1, 5}, acc);
template <metric_policy Policy = official_metrics_policy, score_matrix M>
void top_k_accuracy(const M& scores, std::span<const std::int64_t> labels, std::span<const int> ks,
                    std::span<double> out, Policy = {}) {
    detail::top_k_accuracy_into<Policy>(score_matrix_ref_for<M>(scores), labels, ks, out);
}

/// Top-k accuracy for each k in `ks`, as a new vector. See the overload with `out`.
///   auto acc = vidata::top_k_accuracy(scores, labels, {1, 5});                         // vidata's tie rule
///   auto mm  = vidata::top_k_accuracy(scores, labels, {1, 5}, vidata::mmaction2_metrics);  // numpy's order
template <metric_policy Policy = official_metrics_policy, score_matrix M>
[[nodiscard]] std::vector<double> top_k_accuracy(const M& scores, std::span<const std::int64_t> labels,
                                                 std::span<const int> ks, Policy = {}) {
    std::vector<double> out(ks.size());
    detail::top_k_accuracy_into<Policy>(score_matrix_ref_for<M>(scores), labels, ks, std::span<double>(out));
    return out;
}

/// Top-k accuracy for a braced list of k: `top_k_accuracy(scores, labels, {1, 5})`.
template <metric_policy Policy = official_metrics_policy, score_matrix M>
[[nodiscard]] std::vector<double> top_k_accuracy(const M& scores, std::span<const std::int64_t> labels,
                                                 std::initializer_list<int> ks, Policy = {}) {
    return top_k_accuracy<Policy>(scores, labels, std::span<const int>(ks.begin(), ks.size()));
}

/// Top-k accuracy for a single k.
template <metric_policy Policy = official_metrics_policy, score_matrix M>
[[nodiscard]] double top_k_accuracy(const M& scores, std::span<const std::int64_t> labels, int k, Policy = {}) {
    double out = 0.0;
    detail::top_k_accuracy_into<Policy>(score_matrix_ref_for<M>(scores), labels, std::span<const int>(&k, 1),
                                        std::span<double>(&out, 1));
    return out;
}

}  // namespace vidata
