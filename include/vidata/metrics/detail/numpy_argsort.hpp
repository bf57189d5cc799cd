// SPDX-License-Identifier: Apache-2.0
// numpy 1.24's argsort(kind='quicksort') re-implemented step for step, so that tied scores come out in numpy's order.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>

namespace vidata::detail {

/// numpy's sort order: NaN after every number and equivalent to every other NaN; -0.0 and 0.0 are
/// equivalent. It is the comparison numpy's float sorts use, so every branch below tests exactly it.
template <typename T>
[[nodiscard]] constexpr bool numpy_less(T a, T b) noexcept {
    if constexpr (std::is_floating_point_v<T>) {
        // Written as numpy writes it: a NaN `b` is never less than anything and greater than every number.
        return a < b || (b != b && a == a);  // NOLINT(misc-redundant-expression): b != b is the NaN test
    } else {
        return a < b;
    }
}

/// What one argsort did: counts, for tests that must prove a path (the heapsort fallback) was taken.
struct introsort_trace {
    std::int64_t partitions = 0;
    std::int64_t insertion_sorts = 0;
    std::int64_t heapsorts = 0;
};

/// floor(log2(n)) for n > 0 and 0 for n == 0, as numpy's npy_get_msb.
[[nodiscard]] constexpr int numpy_msb(std::uint64_t n) noexcept {
    int depth = 0;
    while ((n >>= 1) != 0) ++depth;
    return depth;
}

/// numpy's aheapsort on `order[first .. first+n)`: a 1-based binary heap of indices. `less(i, j)` compares the
/// values at indices i and j. The sift-down loops mirror numpy's so that equivalent values land in the same places.
template <typename Less>
constexpr void numpy_aheapsort(std::span<std::int64_t> order, std::int64_t first, std::int64_t n, Less& less) {
    // a(k) is the k-th heap slot, 1-based; numpy offsets the pointer by one, we offset the index instead
    // (a pointer one before the array would be undefined behaviour).
    auto a = [&](std::int64_t k) -> std::int64_t& { return order[static_cast<std::size_t>(first + k - 1)]; };
    for (std::int64_t l = n >> 1; l > 0; --l) {
        const std::int64_t tmp = a(l);
        std::int64_t i = l;
        for (std::int64_t j = l << 1; j <= n;) {
            if (j < n && less(a(j), a(j + 1))) j += 1;
            if (!less(tmp, a(j))) break;
            a(i) = a(j);
            i = j;
            j += j;
        }
        a(i) = tmp;
    }
    for (; n > 1;) {
        const std::int64_t tmp = a(n);
        a(n) = a(1);
        n -= 1;
        std::int64_t i = 1;
        for (std::int64_t j = 2; j <= n;) {
            if (j < n && less(a(j), a(j + 1))) j++;
            if (!less(tmp, a(j))) break;
            a(i) = a(j);
            i = j;
            j += j;
        }
        a(i) = tmp;
    }
}

/// Sorts the indices in `order` the way numpy 1.24's aquicksort does: introsort with a median-of-3 pivot,
/// insertion sort once a partition holds 16 elements or fewer, and heapsort for a partition popped from the
/// stack once 2*floor(log2 n) partitionings have been spent. The larger side is pushed, the smaller side
/// continues without a depth check, as in numpy. `less(i, j)` compares the values at indices i and j; it
/// must be a strict weak order. Ties come out in numpy's order only because every comparison and swap is
/// made in numpy's sequence; do not "simplify" any of them.
///
///
/// With a `keep` range [keep_begin, keep_end) smaller than the whole, partitions that lie entirely outside it
/// are left unsorted: positions inside it still receive exactly what the full sort puts there, because
/// elements never cross a pivot once it is placed, and whether a partition is heapsorted depends only on the
/// partitions above it (its depth travels with it on the stack), not on the order in which they are visited.
/// A top-k read of the last k positions then costs O(n) on average instead of O(n log n).
///
/// Complexity: O(n log n) comparisons, worst case included. No allocation. Thread-safe for distinct `order`.
template <typename Less>
constexpr void numpy_aquicksort(std::span<std::int64_t> order, Less less, introsort_trace* trace = nullptr,
                                std::int64_t keep_begin = 0, std::int64_t keep_end = INT64_MAX) {
    constexpr std::int64_t small_quicksort = 15;  // numpy's SMALL_QUICKSORT: partitions of > 16 elements
    // The larger partition is pushed, so the stack holds at most log2(n) pairs; numpy sizes it 2*64.
    constexpr std::size_t stack_size = 128;
    auto x = [&](std::int64_t k) -> std::int64_t& { return order[static_cast<std::size_t>(k)]; };
    auto swap_at = [&](std::int64_t p, std::int64_t q) { std::swap(x(p), x(q)); };

    const auto num = static_cast<std::int64_t>(order.size());
    std::int64_t pl = 0;
    std::int64_t pr = num - 1;
    std::array<std::int64_t, stack_size> stack{};
    std::size_t sptr = 0;
    std::array<int, stack_size> depth{};
    std::size_t psdepth = 0;
    int cdepth = numpy_msb(static_cast<std::uint64_t>(num)) * 2;

    for (;;) {
        if (cdepth < 0) [[unlikely]] {
            if (trace != nullptr) ++trace->heapsorts;
            numpy_aheapsort(order, pl, pr - pl + 1, less);
        } else {
            while ((pr - pl) > small_quicksort) {
                if (trace != nullptr) ++trace->partitions;
                const std::int64_t pm = pl + ((pr - pl) >> 1);
                if (less(x(pm), x(pl))) swap_at(pm, pl);
                if (less(x(pr), x(pm))) swap_at(pr, pm);
                if (less(x(pm), x(pl))) swap_at(pm, pl);
                // The pivot is held by index; its value never changes, so this compares what numpy's copy compares.
                const std::int64_t vp = x(pm);
                std::int64_t pi = pl;
                std::int64_t pj = pr - 1;
                swap_at(pm, pj);
                for (;;) {
                    do {
                        ++pi;
                    } while (less(x(pi), vp));
                    do {
                        --pj;
                    } while (less(vp, x(pj)));
                    if (pi >= pj) break;
                    swap_at(pi, pj);
                }
                swap_at(pi, pr - 1);
                --cdepth;
                // numpy pushes the larger side and continues with the smaller. A side outside the kept
                // range is dropped instead: not pushed, or, if it is the one to continue, emptied so that
                // the loop falls through to the next pop.
                auto keep = [&](std::int64_t lo, std::int64_t hi) { return lo < keep_end && hi >= keep_begin; };
                if (pi - pl < pr - pi) {
                    if (keep(pi + 1, pr)) {
                        stack[sptr++] = pi + 1;
                        stack[sptr++] = pr;
                        depth[psdepth++] = cdepth;
                    }
                    pr = pi - 1;
                } else {
                    if (keep(pl, pi - 1)) {
                        stack[sptr++] = pl;
                        stack[sptr++] = pi - 1;
                        depth[psdepth++] = cdepth;
                    }
                    pl = pi + 1;
                }
                if (!keep(pl, pr)) pr = pl - 1;
            }
            if (trace != nullptr) ++trace->insertion_sorts;
            for (std::int64_t pi = pl + 1; pi <= pr; ++pi) {
                const std::int64_t vi = x(pi);
                std::int64_t pj = pi;
                std::int64_t pk = pi - 1;
                while (pj > pl && less(vi, x(pk))) x(pj--) = x(pk--);
                x(pj) = vi;
            }
        }
        if (sptr == 0) break;
        pr = stack[--sptr];
        pl = stack[--sptr];
        cdepth = depth[--psdepth];
    }
}

/// Fills `order` with 0..n-1 and sorts it by `values` as np.argsort(values) (kind='quicksort') does in numpy 1.24,
/// or, with a keep range, only as far as positions [keep_begin, keep_end) need (see numpy_aquicksort).
/// Precondition: order.size() == values.size().
template <typename T>
constexpr void numpy_argsort_into(std::span<const T> values, std::span<std::int64_t> order,
                                  introsort_trace* trace = nullptr, std::int64_t keep_begin = 0,
                                  std::int64_t keep_end = INT64_MAX) {
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int64_t>(i);
    const T* v = values.data();
    numpy_aquicksort(
        order, [v](std::int64_t i, std::int64_t j) { return numpy_less(v[i], v[j]); }, trace, keep_begin, keep_end);
}

}  // namespace vidata::detail
