// SPDX-License-Identifier: Apache-2.0
// mean_class_accuracy: per-class recall of the argmax predictions, averaged over a policy-chosen class set.
#pragma once

#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/detail/class_tally.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>

#include <cstdint>
#include <span>

namespace vidata {

/// Mean class accuracy of the argmax predictions: for each class, the fraction of its samples predicted as
/// it, averaged over the classes `Policy::classes` names. MMAction2 0.x `mean_class_accuracy(scores, labels)`.
///
/// The prediction of a sample is np.argmax of its row: the first maximum, or the first NaN if the row holds
/// one. The default (class_set::ground_truth) averages over the classes present in `labels`;
/// mmaction2_metrics_policy averages over the union of predicted and true classes, where a class that is
/// predicted but never true adds a 0 term (quirk 8): with labels {0, 1, 1} and predictions {0, 1, 2} the
/// default gives (1/1 + 1/2) / 2 = 0.75 and MMAction2 gives (1/1 + 1/2 + 0) / 3 = 0.5.
///
/// Throws vidata::invalid_argument for empty scores, a label count other than N, or a label outside [0, C).
/// O(N·C) with SIMD row scans, O(C) memory. Thread-safe.
///   double mca = vidata::mean_class_accuracy(scores, labels);
template <metric_policy Policy = official_metrics_policy, score_matrix M>
[[nodiscard]] double mean_class_accuracy(const M& scores, std::span<const std::int64_t> labels, Policy = {}) {
    const auto tally = detail::tally_argmax<Policy::classes>("vidata::mean_class_accuracy", score_matrix_ref_for<M>(scores), labels);
    return detail::mean_of_class_ratios(tally, Policy::classes);
}

}  // namespace vidata
