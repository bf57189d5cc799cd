// SPDX-License-Identifier: Apache-2.0
// classification_accuracy: top-k accuracies and mean class accuracy from one pass over the scores.
#pragma once

#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/detail/checks.hpp>
#include <vidata/metrics/detail/class_tally.hpp>
#include <vidata/metrics/detail/row_kernels.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>

#include <cstdint>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <vector>

namespace vidata {

/// What `vidata eval accuracy` reports: top-k accuracy for each k asked for, and the mean class accuracy.
struct classification_accuracy_result {
    std::vector<int> ks;
    std::vector<double> top_k;  ///< top_k[i] is the top-ks[i] accuracy
    double mean_class_accuracy = 0.0;

    friend bool operator==(const classification_accuracy_result&, const classification_accuracy_result&) = default;
};

/// top_k_accuracy(scores, labels, ks) and mean_class_accuracy(scores, labels) together, with the same values bit
/// for bit, from one rank pass over each row instead of one per metric: both are decided by where the label's
/// score ranks in its row (see detail::tally_row), which is what makes the pair cost about one read of the
/// scores. Under the mmaction2 policy a row whose argmax misses its label is scanned again (from L1) for the
/// predicted class, which MMAction2's class set needs.
///
/// Throws vidata::invalid_argument as the two functions do. O(N·C), O(C) memory. Thread-safe.
///   auto acc = vidata::classification_accuracy(scores, labels, {1, 5});  // acc.top_k[0], acc.mean_class_accuracy
template <metric_policy Policy = official_metrics_policy, score_matrix M>
[[nodiscard]] classification_accuracy_result classification_accuracy(const M& scores, std::span<const std::int64_t> labels,
                                                                     std::span<const int> ks, Policy = {}) {
    constexpr const char* function = "vidata::classification_accuracy";
    using T = typename std::remove_cvref_t<M>::Scalar;
    const score_matrix_ref<T> s(scores);
    const std::int64_t rows = s.rows();
    const std::int64_t cols = s.cols();
    detail::require_scores(function, rows, cols);
    detail::require_labels(function, labels, rows, cols);
    for (const int k : ks) detail::require_k(function, k);

    classification_accuracy_result result{std::vector<int>(ks.begin(), ks.end()), std::vector<double>(ks.size()), 0.0};
    detail::top_k_counter<Policy, T> top_k(cols, ks, result.top_k);
    detail::class_tally tally = detail::empty_tally(cols);
    for (std::int64_t i = 0; i < rows; ++i) {
        const T* row = s.data() + i * s.outerStride();
        const std::int64_t label = labels[static_cast<std::size_t>(i)];
        const detail::rank_counts r = detail::row_rank_counts(row, cols, label);
        top_k.add(row, label, r);
        detail::tally_row<Policy::classes>(tally, row, cols, static_cast<std::size_t>(label), r);
    }
    top_k.finish(rows);
    result.mean_class_accuracy = detail::mean_of_class_ratios(tally, Policy::classes);
    return result;
}

/// The same for a braced list of k: `classification_accuracy(scores, labels, {1, 5})`.
template <metric_policy Policy = official_metrics_policy, score_matrix M>
[[nodiscard]] classification_accuracy_result classification_accuracy(const M& scores, std::span<const std::int64_t> labels,
                                                                     std::initializer_list<int> ks, Policy policy = {}) {
    return classification_accuracy(scores, labels, std::span<const int>(ks.begin(), ks.size()), policy);
}

}  // namespace vidata
