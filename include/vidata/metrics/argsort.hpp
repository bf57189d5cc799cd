// SPDX-License-Identifier: Apache-2.0
// numpy-compatible argsorts: numpy 1.24's default (introsort) tie order, and the stable order of kind='mergesort'.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/detail/numpy_argsort.hpp>

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace vidata {

namespace detail {
template <numpy_sortable_range R>
[[nodiscard]] constexpr auto as_const_span(const R& values) noexcept {
    return std::span<const std::ranges::range_value_t<R>>(std::ranges::data(values), std::ranges::size(values));
}
}  // namespace detail

/// Writes into `order` the permutation np.argsort(values) returns in numpy 1.24 (kind='quicksort', the
/// default): an introsort whose order among equal values is an artefact of its pivots and swaps, reproduced
/// here bit for bit. NaNs sort after every number (+inf included); -0.0 and 0.0 are equal. MMAction2's
/// top_k_accuracy and top_k_classes read their results from this order, so published numbers depend on it.
///
/// Throws vidata::invalid_argument when order.size() != values.size(). O(n log n) worst case, no allocation,
/// usable in constant expressions.
///   std::array<float, 4> v{1, 0, 1, 0}; std::array<std::int64_t, 4> o; vidata::numpy_argsort(v, o);
template <numpy_sortable_range R>
constexpr void numpy_argsort(const R& values, std::span<std::int64_t> order) {
    if (order.size() != std::ranges::size(values))
        throw invalid_argument(std::string("vidata::numpy_argsort: the output holds ") + std::to_string(order.size()) +
                               " indices for " + std::to_string(std::ranges::size(values)) +
                               " values; pass an output span of the same length as the values");
    detail::numpy_argsort_into(detail::as_const_span(values), order);
}

/// np.argsort(values) in numpy 1.24 (kind='quicksort'), as a new vector. See the non-allocating overload.
template <numpy_sortable_range R>
[[nodiscard]] constexpr std::vector<std::int64_t> numpy_argsort(const R& values) {
    std::vector<std::int64_t> order(std::ranges::size(values));
    detail::numpy_argsort_into(detail::as_const_span(values), std::span<std::int64_t>(order));
    return order;
}

/// Writes into `order` the permutation np.argsort(values, kind='mergesort') (or kind='stable') returns:
/// ascending in numpy's order (NaN last), equal values in index order. Any stable sort gives this same
/// permutation, so unlike numpy_argsort it does not depend on numpy's algorithm.
///
/// Throws vidata::invalid_argument when order.size() != values.size(). O(n log n); std::stable_sort may
/// allocate a buffer (and falls back to an in-place merge if it cannot).
template <numpy_sortable_range R>
void stable_argsort(const R& range, std::span<std::int64_t> order) {
    const auto values = detail::as_const_span(range);
    if (order.size() != std::ranges::size(values))
        throw invalid_argument(std::string("vidata::stable_argsort: the output holds ") + std::to_string(order.size()) +
                               " indices for " + std::to_string(std::ranges::size(values)) +
                               " values; pass an output span of the same length as the values");
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int64_t>(i);
    const auto* v = values.data();
    std::stable_sort(order.begin(), order.end(),
                     [v](std::int64_t i, std::int64_t j) { return detail::numpy_less(v[i], v[j]); });
}

/// np.argsort(values, kind='mergesort') as a new vector. See the non-allocating overload.
template <numpy_sortable_range R>
[[nodiscard]] std::vector<std::int64_t> stable_argsort(const R& values) {
    std::vector<std::int64_t> order(std::ranges::size(values));
    stable_argsort(values, std::span<std::int64_t>(order));
    return order;
}

}  // namespace vidata
