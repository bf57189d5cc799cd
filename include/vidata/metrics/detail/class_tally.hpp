// SPDX-License-Identifier: Apache-2.0
// Per-class counts of true labels and correct argmax predictions, from which the per-class metrics are read.
#pragma once

#include <vidata/metrics/detail/checks.hpp>
#include <vidata/metrics/detail/row_kernels.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace vidata::detail {

/// The diagonal and row sums of MMAction2's confusion matrix of argmax predictions, indexed by class label
/// (not remapped: labels and predictions both lie in [0, C)), plus which classes were ever predicted.
struct class_tally {
    std::vector<std::int64_t> true_count;  ///< samples whose label is c (a row sum of the confusion matrix)
    std::vector<std::int64_t> hits;        ///< samples of class c predicted as c (its diagonal)
    std::vector<bool> predicted;           ///< c is the argmax of some sample

    /// Whether class c belongs to the class set MMAction2 builds (the union) or vidata's (the true classes).
    [[nodiscard]] bool in(class_set set, std::size_t c) const noexcept {
        return true_count[c] > 0 || (set == class_set::predicted_or_true && predicted[c]);
    }
    /// hit / cnt, and 0 for a predicted-only class, as `hit / cnt if cnt else 0.0`.
    [[nodiscard]] double ratio(std::size_t c) const noexcept {
        return true_count[c] > 0 ? static_cast<double>(hits[c]) / static_cast<double>(true_count[c]) : 0.0;
    }
};

/// Tallies np.argmax(scores, axis=1) (first maximum, first NaN) against the labels. O(N·C), O(C) memory.
template <score_scalar T>
[[nodiscard]] class_tally tally_argmax(const char* function, score_matrix_ref<T> scores,
                                       std::span<const std::int64_t> labels) {
    const std::int64_t rows = scores.rows();
    const std::int64_t cols = scores.cols();
    require_scores(function, rows, cols);
    require_labels(function, labels, rows, cols);
    class_tally t{std::vector<std::int64_t>(static_cast<std::size_t>(cols)),
                  std::vector<std::int64_t>(static_cast<std::size_t>(cols)),
                  std::vector<bool>(static_cast<std::size_t>(cols))};
    for (std::int64_t i = 0; i < rows; ++i) {
        const auto pred = static_cast<std::size_t>(row_argmax(scores.data() + i * scores.outerStride(), cols));
        const auto label = static_cast<std::size_t>(labels[static_cast<std::size_t>(i)]);
        ++t.true_count[label];
        t.hits[label] += pred == label;
        t.predicted[pred] = true;
    }
    return t;
}

}  // namespace vidata::detail
