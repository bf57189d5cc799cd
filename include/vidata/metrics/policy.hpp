// SPDX-License-Identifier: Apache-2.0
// The compile-time policies that choose between MMAction2 0.x's metric quirks and vidata's documented fixes.
#pragma once

namespace vidata {

/// How top_k_accuracy and top_k_classes order tied scores (and ratios).
enum class tie_order {
    /// Higher score first; among equal scores the lower class index first; NaN ranks above every number
    /// (as np.argmax, which returns the first NaN). Top-1 is therefore always the argmax prediction.
    lower_index_first,
    /// Whatever numpy 1.24's np.argsort(kind='quicksort') puts last, as MMAction2's
    /// `argsort(scores)[:, -k:][:, ::-1]` takes it. Reproduced bit-exactly (see numpy_argsort).
    numpy_quicksort,
};

/// Which classes mean_class_accuracy averages over and top_k_classes ranks.
enum class class_set {
    /// The classes that occur among the ground-truth labels: the textbook mean per-class recall.
    ground_truth,
    /// The union of predicted and ground-truth classes, as MMAction2 builds its confusion matrix:
    /// a class that is predicted but never true adds a 0 term (quirk 8 of the register).
    predicted_or_true,
};

/// What top_k_classes reports as the id of a class.
enum class class_id {
    /// The class label itself.
    label,
    /// The class's position in the sorted class set, as MMAction2 reports it (`argsort(hit_ratio)` indexes
    /// the union label set, not the labels). Equal to the label only when every class 0..K-1 occurs.
    position_in_class_set,
};

/// vidata's default: MMAction2's definitions with the ambiguities resolved and the accidental quirks fixed.
/// Derive from it to change a single choice: `struct mine : official_metrics_policy { static constexpr
/// class_set classes = class_set::predicted_or_true; };`
struct official_metrics_policy {
    static constexpr tie_order ties = tie_order::lower_index_first;
    static constexpr class_set classes = class_set::ground_truth;
    static constexpr class_id ids = class_id::label;
};

/// MMAction2 0.x (`mmaction/core/evaluation/accuracy.py`) exactly, numpy 1.24 tie order included, so that
/// numbers reproduce published logs.
struct mmaction2_metrics_policy {
    static constexpr tie_order ties = tie_order::numpy_quicksort;
    static constexpr class_set classes = class_set::predicted_or_true;
    static constexpr class_id ids = class_id::position_in_class_set;
};

/// Tags to pass as the last argument: `top_k_accuracy(scores, labels, {1, 5}, vidata::mmaction2_metrics)`.
inline constexpr official_metrics_policy official_metrics{};
inline constexpr mmaction2_metrics_policy mmaction2_metrics{};

}  // namespace vidata
