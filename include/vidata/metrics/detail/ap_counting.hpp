// SPDX-License-Identifier: Apache-2.0
// Average precision by counting instead of sorting: only the positives' scores are sorted, and each negative is
// binary-searched among them. Bit-identical to the sorting path (average_precision.hpp) for finite scores.
#pragma once

#include <vidata/metrics/concepts.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace vidata::detail {

/// Buffers of the counting path, reused across the columns (or rows) of one mean average precision.
template <score_scalar T>
struct ap_counting_workspace {
    std::vector<T> values;             // the positives' scores, ascending, then their distinct values
    std::vector<T> candidates;         // the negatives' scores at or above the lowest positive one
    std::vector<std::int64_t> count;   // positives at each distinct value
    std::vector<std::int64_t> at;      // at[b]: negatives with exactly b distinct positive values <= their score
};

/// True if no score is NaN or ±infinity (an exponent field of all ones). Branch-free, on the bit patterns.
template <score_scalar T>
[[nodiscard]] bool all_finite(const T* s, std::size_t n) noexcept {
    using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    constexpr U exponent = sizeof(T) == 4 ? U(0x7f800000u) : U(0x7ff0000000000000ull);
    U bad = 0;
    for (std::size_t i = 0; i < n; ++i) bad |= static_cast<U>((std::bit_cast<U>(s[i]) & exponent) == exponent);
    return bad == 0;
}

/// The AP of one binary problem with contiguous scores `s` and 0/1 flags `positive` (1 = `y_true == 1`), n > 0.
/// Returns false, leaving `ap` alone, if a score is NaN or infinite or there is no positive: those take the
/// sorting path, whose NaN thresholds (and inf - inf) this path does not model.
///
/// Why it is exact. On the sorted curve only thresholds holding a positive change the recall; every other
/// point of -Σ (recall[t-1] - recall[t]) · precision[t] adds (r - r) · p = +0.0 to a sum that is already
/// negative and non-zero (its first term, at full recall, is), which leaves it unchanged bit for bit. At the
/// threshold of a distinct positive score v the sorting path divides the same integers this path counts:
/// tps = positives >= v, tps + fps = positives and negatives >= v (equal scores, -0.0 and 0.0 included, fall
/// in one threshold, as np.diff == 0 makes them). The terms are added in the same order, from full recall
/// (the lowest positive score) upwards, with the same expressions, so every rounding is the same.
template <score_scalar T>
[[nodiscard]] bool counting_average_precision(const T* s, const std::uint8_t* positive, std::size_t n,
                                              ap_counting_workspace<T>& w, double& ap) {
    if (!all_finite(s, n)) return false;
    // The buffers only grow (to the longest column seen), so that no column pays for initialising them.
    if (w.values.size() < n) w.values.resize(n);
    if (w.candidates.size() < n) w.candidates.resize(n);
    T* values = w.values.data();
    std::size_t positives = 0;
    // Branch-free compaction of the positives' scores, skipping eight flags at a time where all are 0: classes
    // are mostly rare (1 % positives in HVU), and the branch-free store chain costs ~3 cycles per score.
    std::size_t octet = 0;
    for (; octet + 8 <= n; octet += 8) {
        std::uint64_t word;
        std::memcpy(&word, positive + octet, sizeof word);
        if (word == 0) continue;
        for (std::size_t l = octet; l < octet + 8; ++l) {
            values[positives] = s[l];
            positives += static_cast<std::size_t>(positive[l] != 0);
        }
    }
    for (; octet < n; ++octet) {
        values[positives] = s[octet];
        positives += static_cast<std::size_t>(positive[octet] != 0);
    }
    if (positives == 0) return false;
    std::sort(values, values + positives);
    // Distinct values (== merges -0.0 and 0.0, as np.diff does) and the positives at each.
    w.count.clear();
    std::size_t m = 0;
    for (std::size_t i = 0; i < positives; ++i) {
        if (m == 0 || values[i] != values[m - 1]) {
            values[m++] = values[i];
            w.count.push_back(0);
        }
        ++w.count[m - 1];
    }
    w.at.assign(m + 1, 0);
    const std::size_t negatives = n - positives;
    if (negatives > 0) {
        // Negatives below the lowest positive score count at no threshold: set them aside without a search
        // (branch-free), and keep the others, the candidates, contiguous.
        const T lowest = values[0];
        T* candidates = w.candidates.data();
        std::size_t k = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const T x = s[i];
            candidates[k] = x;
            k += static_cast<std::size_t>((positive[i] == 0) & (x >= lowest));
        }
        std::int64_t* at = w.at.data();
        at[0] = static_cast<std::int64_t>(negatives - k);
        // b = number of distinct values <= x (1 to m here), by a branch-free upper bound, 8 candidates interleaved.
        const T* v = values;
        constexpr std::size_t lanes = 8;
        std::size_t i = 0;
        for (; i + lanes <= k; i += lanes) {
            std::size_t base[lanes] = {};
            T x[lanes];
            for (std::size_t l = 0; l < lanes; ++l) x[l] = candidates[i + l];
            for (std::size_t len = m; len > 1;) {
                const std::size_t half = len / 2;
                for (std::size_t l = 0; l < lanes; ++l) base[l] = v[base[l] + half] <= x[l] ? base[l] + half : base[l];
                len -= half;
            }
            for (std::size_t l = 0; l < lanes; ++l) ++at[base[l] + static_cast<std::size_t>(v[base[l]] <= x[l])];
        }
        for (; i < k; ++i) {
            const T x = candidates[i];
            std::size_t base = 0;
            for (std::size_t len = m; len > 1;) {
                const std::size_t half = len / 2;
                base = v[base + half] <= x ? base + half : base;
                len -= half;
            }
            ++at[base + static_cast<std::size_t>(v[base] <= x)];
        }
    }
    // From the lowest distinct positive score (full recall) upwards, as average_precision_from walks the curve.
    const double total = static_cast<double>(positives);
    auto tp = static_cast<std::int64_t>(positives);                     // positives >= values[k]
    std::int64_t fp = static_cast<std::int64_t>(negatives) - w.at[0];  // negatives >= values[k]
    double sum = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
        const std::int64_t tp_above = tp - w.count[k];  // positives > values[k]: recall of the next point
        const double next_recall = static_cast<double>(tp_above) / total;
        const double recall = static_cast<double>(tp) / total;
        const double precision = static_cast<double>(tp) / static_cast<double>(tp + fp);
        sum += (next_recall - recall) * precision;
        tp = tp_above;
        fp -= w.at[k + 1];
    }
    ap = -sum;
    return true;
}

}  // namespace vidata::detail
