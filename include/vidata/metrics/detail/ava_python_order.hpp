// SPDX-License-Identifier: Apache-2.0
// The order in which AVA's Python readers leave a frame's rows: heapq's array order and CPython's list.sort.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace vidata::detail {

// The reference readers keep, per frame, tuples (score, action_id, y1, x1, y2, x2) and sort them with
// `sorted(entries, key=lambda t: -t[0])`. Among equal scores the order they end in decides which ground
// truth a detection claims and where it lands among tied scores of its class, so vidata reproduces it:
// the heap's array order when the rows went through heapq (official), then CPython's sort.
// `Row` has members `score` (double), `action_id` (integer) and `box` with x1, y1, x2, y2 (doubles).

/// Python's `a < b` on the tuples (score, action_id, y1, x1, y2, x2): the first unequal item decides with
/// its own `<`. A NaN item is unequal to everything (even another NaN), and `<` with it is false.
template <class Row>
[[nodiscard]] constexpr bool python_tuple_less(const Row& a, const Row& b) noexcept {
    if (!(a.score == b.score)) return a.score < b.score;
    if (a.action_id != b.action_id) return a.action_id < b.action_id;
    if (!(a.box.y1 == b.box.y1)) return a.box.y1 < b.box.y1;
    if (!(a.box.x1 == b.box.x1)) return a.box.x1 < b.box.x1;
    if (!(a.box.y2 == b.box.y2)) return a.box.y2 < b.box.y2;
    if (!(a.box.x2 == b.box.x2)) return a.box.x2 < b.box.x2;
    return false;
}

/// CPython's _heapq siftdown: moves heap[pos] up towards startpos while it is less than its parent.
template <class Row>
constexpr void heapq_siftdown(std::vector<Row>& heap, std::size_t startpos, std::size_t pos) noexcept {
    Row item = heap[pos];
    while (pos > startpos) {
        const std::size_t parent = (pos - 1) >> 1;
        if (!python_tuple_less(item, heap[parent])) break;
        heap[pos] = heap[parent];
        pos = parent;
    }
    heap[pos] = item;
}

/// CPython's _heapq siftup: walks the smaller child up to a leaf (the right child when the left is not
/// less than it), then sifts the item down from there.
template <class Row>
constexpr void heapq_siftup(std::vector<Row>& heap, std::size_t pos) noexcept {
    const std::size_t end = heap.size();
    const std::size_t start = pos;
    const std::size_t limit = end >> 1;
    while (pos < limit) {
        std::size_t child = 2 * pos + 1;
        if (child + 1 < end && !python_tuple_less(heap[child], heap[child + 1])) ++child;
        std::swap(heap[child], heap[pos]);
        pos = child;
    }
    heapq_siftdown(heap, start, pos);
}

/// `heapq.heappush(heap, row)`.
template <class Row>
constexpr void heapq_push(std::vector<Row>& heap, const Row& row) {
    heap.push_back(row);
    heapq_siftdown(heap, 0, heap.size() - 1);
}

/// `heapq.heapreplace(heap, row)` (the popped minimum is discarded).
template <class Row>
constexpr void heapq_replace(std::vector<Row>& heap, const Row& row) noexcept {
    heap[0] = row;
    heapq_siftup(heap, 0);
}

/// The official reader's per-frame loop: push while the heap holds fewer than `capacity` rows (0: no
/// limit), then replace the minimum when a row's score is larger than the minimum's score. `heap` must be
/// empty on entry; the rows are taken in file order.
template <class Row>
void python_heap_of(std::span<const Row> rows, std::size_t capacity, std::vector<Row>& heap) {
    heap.clear();
    for (const Row& r : rows) {
        if (capacity == 0 || heap.size() < capacity) heapq_push(heap, r);
        else if (r.score > heap.front().score) heapq_replace(heap, r);
    }
}

/// `sorted(rows, key=lambda t: -t[0])` exactly as CPython 3.11 orders it. Without NaN scores any stable
/// sort by decreasing score gives that order. With a NaN (whose comparisons are all false), the order is an
/// artefact of the algorithm: for fewer than 64 rows CPython's timsort is one count_run plus a binary
/// insertion sort, reproduced here step for step. Returns false, leaving the rows unsorted, for 64 rows or
/// more with a NaN score (timsort's merges are not reproduced); the caller reports that as an error.
template <class Row>
[[nodiscard]] bool python_sort_by_decreasing_score(std::span<Row> rows) {
    const std::size_t n = rows.size();
    if (n < 2) return true;
    bool nan = false;
    for (const Row& r : rows) nan = nan || std::isnan(r.score);
    // CPython compares the keys -score with C's `<` (unsafe_float_compare: every key is a float).
    auto lt = [](const Row& a, const Row& b) noexcept { return -a.score < -b.score; };
    if (n >= 64) {
        if (nan) return false;
        std::stable_sort(rows.begin(), rows.end(), lt);
        return true;
    }
    // count_run (3.11): a strictly descending run is reversed; otherwise the longest non-descending prefix.
    std::size_t run = 2;
    if (lt(rows[1], rows[0])) {
        while (run < n && lt(rows[run], rows[run - 1])) ++run;
        std::reverse(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(run));
    } else {
        while (run < n && !lt(rows[run], rows[run - 1])) ++run;
    }
    // binarysort(lo, hi, start=run): insert each further row after the last place it is not less than.
    for (std::size_t start = run; start < n; ++start) {
        const Row pivot = rows[start];
        std::size_t l = 0;
        std::size_t r = start;
        do {
            const std::size_t p = l + ((r - l) >> 1);
            if (lt(pivot, rows[p])) r = p;
            else l = p + 1;
        } while (l < r);
        for (std::size_t p = start; p > l; --p) rows[p] = rows[p - 1];
        rows[l] = pivot;
    }
    return true;
}

}  // namespace vidata::detail
