// SPDX-License-Identifier: Apache-2.0
// top_k_classes: the k classes recognised best (or worst) by the argmax predictions, with their accuracy.
#pragma once

#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/detail/checks.hpp>
#include <vidata/metrics/detail/class_tally.hpp>
#include <vidata/metrics/detail/numpy_argsort.hpp>
#include <vidata/metrics/policy.hpp>
#include <vidata/metrics/score_matrix_ref.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace vidata {

/// Which end of the per-class accuracy ranking top_k_classes returns.
enum class top_k_classes_mode {
    accurate,    ///< the k highest accuracies, highest first
    inaccurate,  ///< the k lowest accuracies, lowest first
};

/// One class of a top_k_classes answer.
struct class_accuracy {
    std::int64_t id = 0;    ///< the label, or its position in the class set (Policy::ids)
    double accuracy = 0.0;  ///< hits / samples of the class; 0 for a predicted-only class

    friend bool operator==(const class_accuracy&, const class_accuracy&) = default;
};

/// The k classes with the highest (`accurate`) or lowest (`inaccurate`) per-class accuracy of the argmax
/// predictions, each with that accuracy. MMAction2 0.x `top_k_classes(scores, labels, k, mode)`. Fewer than k
/// are returned when the class set is smaller.
///
/// Under the default policy the classes are those present in `labels`, equal accuracies are ordered by lower
/// label first in both modes, and ids are labels. Under mmaction2_metrics_policy the classes are the union of
/// predicted and true ones (predicted-only classes appear with accuracy 0, typically at the top of the
/// `inaccurate` list), the order among equal accuracies is numpy 1.24's quicksort order of `argsort(hit_ratio)`,
/// and ids are positions in the sorted class set, as MMAction2 returns them (they equal labels only when every
/// class 0..K-1 occurs among predictions or labels).
///
/// Throws vidata::invalid_argument for empty scores, a label count other than N, a label outside [0, C), or
/// k < 1 (MMAction2's `[-0:]` would return every class). O(N·C + C log C). Thread-safe.
///   for (auto [id, acc] : vidata::top_k_classes(scores, labels, 5, vidata::top_k_classes_mode::inaccurate)) ...
template <metric_policy Policy = official_metrics_policy, score_matrix M>
[[nodiscard]] std::vector<class_accuracy> top_k_classes(const M& scores, std::span<const std::int64_t> labels,
                                                        std::int64_t k = 10,
                                                        top_k_classes_mode mode = top_k_classes_mode::accurate,
                                                        Policy = {}) {
    constexpr const char* function = "vidata::top_k_classes";
    detail::require_k(function, k);
    const auto tally = detail::tally_argmax<Policy::classes>(function, score_matrix_ref_for<M>(scores), labels);

    std::vector<std::int64_t> members;  // the class set, in increasing label order
    std::vector<double> ratios;         // hit_ratio, aligned with members
    for (std::size_t c = 0; c < tally.true_count.size(); ++c) {
        if (!tally.in(Policy::classes, c)) continue;
        members.push_back(static_cast<std::int64_t>(c));
        ratios.push_back(tally.ratio(c));
    }
    const auto n = static_cast<std::int64_t>(ratios.size());
    const std::int64_t take = std::min(k, n);

    // `order` lists positions in the class set by increasing accuracy, as argsort(hit_ratio) does.
    std::vector<std::int64_t> order(ratios.size());
    if constexpr (Policy::ties == tie_order::numpy_quicksort) {
        detail::numpy_argsort_into(std::span<const double>(ratios), std::span<std::int64_t>(order));
    } else {
        for (std::size_t p = 0; p < order.size(); ++p) order[p] = static_cast<std::int64_t>(p);
        // Lower label first among equals in both modes, so the `accurate` pass sorts descending itself
        // rather than reversing an ascending order (which would put higher labels first).
        if (mode == top_k_classes_mode::accurate)
            std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
                return ratios[static_cast<std::size_t>(a)] > ratios[static_cast<std::size_t>(b)];
            });
        else
            std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
                return ratios[static_cast<std::size_t>(a)] < ratios[static_cast<std::size_t>(b)];
            });
    }

    std::vector<class_accuracy> out;
    out.reserve(static_cast<std::size_t>(take));
    for (std::int64_t q = 0; q < take; ++q) {
        std::int64_t position = 0;
        if constexpr (Policy::ties == tie_order::numpy_quicksort)
            // MMAction2: argsort(hit_ratio)[-k:][::-1] for `accurate`, argsort(hit_ratio)[:k] for `inaccurate`.
            position = order[static_cast<std::size_t>(mode == top_k_classes_mode::accurate ? n - 1 - q : q)];
        else
            position = order[static_cast<std::size_t>(q)];
        const auto p = static_cast<std::size_t>(position);
        const std::int64_t id = Policy::ids == class_id::label ? members[p] : position;
        out.push_back(class_accuracy{id, ratios[p]});
    }
    return out;
}

}  // namespace vidata
