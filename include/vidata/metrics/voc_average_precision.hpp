// SPDX-License-Identifier: Apache-2.0
// vidata::voc_average_precision: PASCAL VOC all-points average precision from a precision-recall curve.
#pragma once

#include <vidata/core/error.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace vidata {

namespace detail {

/// np.add.reduce over a contiguous float64 array, as numpy 1.24 computes it: pairwise summation with an
/// 8-way unrolled base case of at most 128 elements (numpy's `pairwise_sum_DOUBLE`). Added to the identity
/// 0.0 as numpy's reduction does, so an empty input gives 0.0 and -0.0 sums give 0.0.
[[nodiscard]] constexpr double numpy_pairwise_sum_block(const double* a, std::size_t n) noexcept {
    if (n < 8) {
        double res = 0.0;
        for (std::size_t i = 0; i < n; ++i) res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8] = {a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]};
        std::size_t i = 8;
        for (; i < n - (n % 8); i += 8)
            for (std::size_t j = 0; j < 8; ++j) r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += a[i];
        return res;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return numpy_pairwise_sum_block(a, n2) + numpy_pairwise_sum_block(a + n2, n - n2);
}

[[nodiscard]] constexpr double numpy_sum(std::span<const double> values) noexcept {
    return 0.0 + numpy_pairwise_sum_block(values.data(), values.size());
}

/// The VOC all-points sum without validation, for callers whose curve is valid by construction.
/// `terms` is scratch space (reused, so that repeated calls allocate nothing once it has grown).
/// Steps, as `compute_average_precision` (TF object detection API, AVA) and `pr_to_ap_voc` (MultiSports):
/// pad recall with 0 and 1 and precision with 0 and 0; make precision non-increasing from the right
/// (p[i] = max(p[i], p[i+1])); sum (r[i] - r[i-1]) * p[i] over the i where recall changes.
[[nodiscard]] inline double voc_average_precision_unchecked(std::span<const double> precision,
                                                            std::span<const double> recall,
                                                            std::vector<double>& terms) {
    const std::size_t n = precision.size();
    terms.clear();
    // Walk from the right carrying the running maximum, emit the terms in reverse, then flip them: the
    // pairwise sum's grouping depends on the terms' order, which must be numpy's (left to right).
    double running = 0.0;  // the appended precision 0
    double next_recall = 1.0;  // the appended recall 1
    for (std::size_t k = n + 1; k-- > 0;) {
        // k indexes the padded arrays: padded[k] is the original [k - 1]; padded[0] is the prepended 0.
        const double r = k == 0 ? 0.0 : recall[k - 1];
        if (next_recall != r) terms.push_back((next_recall - r) * running);
        if (k == 0) break;
        const double p = precision[k - 1];
        running = (p >= running || p != p) ? p : running;  // np.maximum(p[i], p[i+1]): NaN propagates
        next_recall = r;
    }
    // The loop above compared padded[k+1] with padded[k] and multiplied by the max over padded[k+1..];
    // that is numpy's (recall[i] - recall[i-1]) * precision[i] at i = k + 1.
    for (std::size_t i = 0, j = terms.size(); i + 1 < j; ++i, --j) std::swap(terms[i], terms[j - 1]);
    return numpy_sum(terms);
}

}  // namespace detail

/// Average precision as PASCAL VOC (2010+) defines it and the TF object detection API / AVA evaluation
/// (`metrics.compute_average_precision`) and MultiSports / ACT (`pr_to_ap_voc`) compute it: the area under
/// the precision-recall curve after precision is made monotone, summed over every point where recall changes
/// (all points, not 11-point interpolation). `precision[i]` and `recall[i]` are the values after the i-th
/// ranked detection.
///
/// Returns 0.0 for an empty curve, as the reference does. Throws vidata::invalid_argument, with the
/// reference's reason, when the spans differ in length, a precision or recall lies outside [0, 1], or
/// recall decreases. The result equals numpy's to the last bit: the sum is numpy's pairwise summation.
/// O(n); allocates one buffer of up to n + 1 doubles (use the workspace overload in a loop).
///   std::array p{1.0, 0.5, 2.0 / 3}, r{0.5, 0.5, 1.0};
///   vidata::voc_average_precision(p, r);  // 0.5 * 1 + 0.5 * 2/3
[[nodiscard]] inline double voc_average_precision(std::span<const double> precision, std::span<const double> recall,
                                                  std::vector<double>& workspace) {
    const char* fn = "vidata::voc_average_precision: ";
    if (precision.size() != recall.size())
        throw invalid_argument(std::string(fn) + "precision has " + std::to_string(precision.size()) +
                               " values and recall " + std::to_string(recall.size()) +
                               "; pass one of each per ranked detection");
    if (precision.empty()) return 0.0;
    for (std::size_t i = 0; i < precision.size(); ++i) {
        // np.amin/np.amax propagate NaN and NaN < 0 is false: a NaN passes the reference's range checks.
        if (precision[i] < 0.0 || precision[i] > 1.0)
            throw invalid_argument(std::string(fn) + "precision[" + std::to_string(i) + "] = " +
                                   std::to_string(precision[i]) + " is outside [0, 1]");
        if (recall[i] < 0.0 || recall[i] > 1.0)
            throw invalid_argument(std::string(fn) + "recall[" + std::to_string(i) + "] = " +
                                   std::to_string(recall[i]) + " is outside [0, 1]");
        if (i > 0 && !(recall[i - 1] <= recall[i]))
            throw invalid_argument(std::string(fn) + "recall must be non-decreasing, but recall[" +
                                   std::to_string(i - 1) + "] = " + std::to_string(recall[i - 1]) + " > recall[" +
                                   std::to_string(i) + "] = " + std::to_string(recall[i]));
    }
    return detail::voc_average_precision_unchecked(precision, recall, workspace);
}

/// As above, with its own scratch buffer.
[[nodiscard]] inline double voc_average_precision(std::span<const double> precision, std::span<const double> recall) {
    std::vector<double> workspace;
    return voc_average_precision(precision, recall, workspace);
}

}  // namespace vidata
