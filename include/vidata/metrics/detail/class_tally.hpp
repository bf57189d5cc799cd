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

/// Adds one sample to `t`, given where its label's score ranks in its row (rank_counts). np.argmax of the row is
/// the label exactly when nothing ranks above the label's score and no equivalent score comes before it (NaN
/// ranks above every number and the first NaN is argmax's answer, as in rank_counts), so the hit needs no second
/// look at the row; which class was predicted instead is only needed for the union class set, and only then is
/// the row's argmax taken (from L1: the rank pass just read it).
template <class_set Set, score_scalar T>
void tally_row(class_tally& t, const T* row, std::int64_t cols, std::size_t label, const rank_counts& r) {
    ++t.true_count[label];
    const bool hit = r.greater == 0 && r.equal_before == 0;
    t.hits[label] += hit;
    if constexpr (Set == class_set::predicted_or_true)
        t.predicted[hit ? label : static_cast<std::size_t>(row_argmax(row, cols))] = true;
}

/// The mean of the per-class ratios over `set`, summed in increasing label order (the order of MMAction2's sorted
/// label set). The set is never empty when there is a sample: every label is a class of it.
[[nodiscard]] inline double mean_of_class_ratios(const class_tally& t, class_set set) noexcept {
    double sum = 0.0;
    std::int64_t classes = 0;
    for (std::size_t c = 0; c < t.true_count.size(); ++c) {
        if (!t.in(set, c)) continue;
        sum += t.ratio(c);
        ++classes;
    }
    return sum / static_cast<double>(classes);
}

[[nodiscard]] inline class_tally empty_tally(std::int64_t cols) {
    return {std::vector<std::int64_t>(static_cast<std::size_t>(cols)), std::vector<std::int64_t>(static_cast<std::size_t>(cols)),
            std::vector<bool>(static_cast<std::size_t>(cols))};
}

/// Tallies np.argmax(scores, axis=1) (first maximum, first NaN) against the labels: one rank pass per row, and an
/// argmax pass for the rows it misses when `Set` needs the predicted classes. O(N·C), O(C) memory.
template <class_set Set, score_scalar T>
[[nodiscard]] class_tally tally_argmax(const char* function, score_matrix_ref<T> scores, std::span<const std::int64_t> labels) {
    const std::int64_t rows = scores.rows();
    const std::int64_t cols = scores.cols();
    require_scores(function, rows, cols);
    require_labels(function, labels, rows, cols);
    class_tally t = empty_tally(cols);
    for (std::int64_t i = 0; i < rows; ++i) {
        const T* row = scores.data() + i * scores.outerStride();
        const std::int64_t label = labels[static_cast<std::size_t>(i)];
        tally_row<Set>(t, row, cols, static_cast<std::size_t>(label), row_rank_counts(row, cols, label));
    }
    return t;
}

}  // namespace vidata::detail
