// SPDX-License-Identifier: Apache-2.0
// Per-row scans that the classification metrics run over every sample: rank counts and numpy's argmax.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

// SSE2 is part of every x86-64 target, so it needs no flag and no run-time dispatch. Elsewhere, or with
// VIDATA_NO_SIMD defined, the scalar loops run; both give identical results (tests/metrics/row_kernels_test.cpp).
#if defined(__SSE2__) && !defined(VIDATA_NO_SIMD)
#include <emmintrin.h>
#define VIDATA_METRICS_SSE2 1
#endif

namespace vidata::detail {

/// Where one score stands in its row under numpy's order (NaN above every number, NaNs equivalent):
/// how many scores rank strictly above it, and how many are equivalent to it before and after it.
struct rank_counts {
    std::int64_t greater = 0;
    std::int64_t equal_before = 0;  ///< equivalent scores at indices below the one asked about
    std::int64_t equal = 0;         ///< equivalent scores in the whole row, the one asked about included
};

/// rank_counts of p[at] among p[0 .. c): the portable loop, also the reference for the SIMD version.
template <typename T>
[[nodiscard]] constexpr rank_counts row_rank_counts_scalar(const T* p, std::int64_t c, std::int64_t at) noexcept {
    const T x = p[at];
    rank_counts r;
    if (x != x) {  // a NaN: nothing ranks above it, every NaN is its equal
        for (std::int64_t j = 0; j < c; ++j) {
            const bool nan = p[j] != p[j];
            r.equal += nan;
            if (j < at) r.equal_before += nan;
        }
        return r;
    }
    for (std::int64_t j = 0; j < c; ++j) {
        // !(v <= x) is "v > x or v is NaN": exactly numpy_less(x, v) for a number x.
        r.greater += !(p[j] <= x);
        const bool eq = p[j] == x;
        r.equal += eq;
        if (j < at) r.equal_before += eq;
    }
    return r;
}

#ifdef VIDATA_METRICS_SSE2
// Counts lanes with !(v <= x) and v == x in p[b .. e).
// The comparisons are the scalar ones, lane by lane: results are identical, not approximately equal.
inline void sse2_count(const float* p, std::int64_t b, std::int64_t e, float x, std::int64_t& greater,
                       std::int64_t& equal) noexcept {
    const __m128 xv = _mm_set1_ps(x);
    __m128i g = _mm_setzero_si128();
    __m128i q = _mm_setzero_si128();
    std::int64_t j = b;
    for (; j + 4 <= e; j += 4) {
        const __m128 v = _mm_loadu_ps(p + j);
        // A true lane is all ones (-1), so subtracting it counts it.
        g = _mm_sub_epi32(g, _mm_castps_si128(_mm_cmpnle_ps(v, xv)));
        q = _mm_sub_epi32(q, _mm_castps_si128(_mm_cmpeq_ps(v, xv)));
    }
    alignas(16) std::int32_t lanes_g[4];
    alignas(16) std::int32_t lanes_q[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes_g), g);
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes_q), q);
    greater += std::int64_t{lanes_g[0]} + lanes_g[1] + lanes_g[2] + lanes_g[3];
    equal += std::int64_t{lanes_q[0]} + lanes_q[1] + lanes_q[2] + lanes_q[3];
    for (; j < e; ++j) {
        greater += !(p[j] <= x);
        equal += p[j] == x;
    }
}

inline void sse2_count(const double* p, std::int64_t b, std::int64_t e, double x, std::int64_t& greater,
                       std::int64_t& equal) noexcept {
    const __m128d xv = _mm_set1_pd(x);
    __m128i g = _mm_setzero_si128();
    __m128i q = _mm_setzero_si128();
    std::int64_t j = b;
    for (; j + 2 <= e; j += 2) {
        const __m128d v = _mm_loadu_pd(p + j);
        g = _mm_sub_epi64(g, _mm_castpd_si128(_mm_cmpnle_pd(v, xv)));
        q = _mm_sub_epi64(q, _mm_castpd_si128(_mm_cmpeq_pd(v, xv)));
    }
    alignas(16) std::int64_t lanes_g[2];
    alignas(16) std::int64_t lanes_q[2];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes_g), g);
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes_q), q);
    greater += lanes_g[0] + lanes_g[1];
    equal += lanes_q[0] + lanes_q[1];
    for (; j < e; ++j) {
        greater += !(p[j] <= x);
        equal += p[j] == x;
    }
}
#endif

/// rank_counts of p[at] among p[0 .. c). O(c), no allocation.
template <typename T>
[[nodiscard]] inline rank_counts row_rank_counts(const T* p, std::int64_t c, std::int64_t at) noexcept {
#ifdef VIDATA_METRICS_SSE2
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        const T x = p[at];
        if (x == x) {
            rank_counts r;
            sse2_count(p, 0, at, x, r.greater, r.equal_before);
            r.equal = r.equal_before;
            sse2_count(p, at, c, x, r.greater, r.equal);
            return r;
        }
    }
#endif
    return row_rank_counts_scalar(p, c, at);
}

/// np.argmax of p[0 .. c), c >= 1: the first NaN if there is one, else the first maximum.
template <typename T>
[[nodiscard]] constexpr std::int64_t row_argmax_scalar(const T* p, std::int64_t c) noexcept {
    std::int64_t best = 0;
    for (std::int64_t j = 0; j < c; ++j) {
        if (p[j] != p[j]) return j;
        if (p[j] > p[best]) best = j;
    }
    return best;
}

#ifdef VIDATA_METRICS_SSE2
/// The handful of SSE2 operations row_argmax needs, for float (4 lanes) and double (2 lanes).
template <typename T>
struct sse2_ops;

template <>
struct sse2_ops<float> {
    using vec = __m128;
    static constexpr std::int64_t lanes = 4;
    static vec load(const float* q) noexcept { return _mm_loadu_ps(q); }
    static vec max(vec a, vec b) noexcept { return _mm_max_ps(a, b); }
    static vec nan_mask(vec a) noexcept { return _mm_cmpunord_ps(a, a); }
    static vec bit_or(vec a, vec b) noexcept { return _mm_or_ps(a, b); }
    static bool any(vec m) noexcept { return _mm_movemask_ps(m) != 0; }
    static void store(float* q, vec a) noexcept { _mm_store_ps(q, a); }
    static vec splat(float x) noexcept { return _mm_set1_ps(x); }
    static int equal_mask(vec a, vec b) noexcept { return _mm_movemask_ps(_mm_cmpeq_ps(a, b)); }
};

template <>
struct sse2_ops<double> {
    using vec = __m128d;
    static constexpr std::int64_t lanes = 2;
    static vec load(const double* q) noexcept { return _mm_loadu_pd(q); }
    static vec max(vec a, vec b) noexcept { return _mm_max_pd(a, b); }
    static vec nan_mask(vec a) noexcept { return _mm_cmpunord_pd(a, a); }
    static vec bit_or(vec a, vec b) noexcept { return _mm_or_pd(a, b); }
    static bool any(vec m) noexcept { return _mm_movemask_pd(m) != 0; }
    static void store(double* q, vec a) noexcept { _mm_store_pd(q, a); }
    static vec splat(double x) noexcept { return _mm_set1_pd(x); }
    static int equal_mask(vec a, vec b) noexcept { return _mm_movemask_pd(_mm_cmpeq_pd(a, b)); }
};
#endif

/// np.argmax of p[0 .. c), c >= 1: the first NaN if there is one, else the first maximum. Two SIMD passes over
/// the row (which stays in L1 between them): its maximum and whether it holds a NaN, then the first element
/// equal to that maximum, so ties keep their first occurrence. A NaN sends the row to the scalar loop, which
/// returns the first NaN as numpy does. O(c), no allocation.
template <typename T>
[[nodiscard]] inline std::int64_t row_argmax(const T* p, std::int64_t c) noexcept {
#ifdef VIDATA_METRICS_SSE2
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        using ops = sse2_ops<T>;
        constexpr std::int64_t step = 4 * ops::lanes;
        if (c < step) return row_argmax_scalar(p, c);
        auto m0 = ops::load(p);
        auto m1 = ops::load(p + ops::lanes);
        auto m2 = ops::load(p + 2 * ops::lanes);
        auto m3 = ops::load(p + 3 * ops::lanes);
        auto nan = ops::bit_or(ops::bit_or(ops::nan_mask(m0), ops::nan_mask(m1)),
                               ops::bit_or(ops::nan_mask(m2), ops::nan_mask(m3)));
        std::int64_t j = step;
        for (; j + step <= c; j += step) {
            const auto a = ops::load(p + j);
            const auto b = ops::load(p + j + ops::lanes);
            const auto d = ops::load(p + j + 2 * ops::lanes);
            const auto e = ops::load(p + j + 3 * ops::lanes);
            m0 = ops::max(m0, a);
            m1 = ops::max(m1, b);
            m2 = ops::max(m2, d);
            m3 = ops::max(m3, e);
            nan = ops::bit_or(nan, ops::bit_or(ops::bit_or(ops::nan_mask(a), ops::nan_mask(b)),
                                               ops::bit_or(ops::nan_mask(d), ops::nan_mask(e))));
        }
        if (ops::any(nan)) return row_argmax_scalar(p, c);
        alignas(16) T lane[ops::lanes];
        ops::store(lane, ops::max(ops::max(m0, m1), ops::max(m2, m3)));
        T best = lane[0];
        for (std::int64_t l = 1; l < ops::lanes; ++l) best = lane[l] > best ? lane[l] : best;
        for (; j < c; ++j) {
            if (p[j] != p[j]) return row_argmax_scalar(p, c);
            best = p[j] > best ? p[j] : best;
        }
        const auto target = ops::splat(best);
        std::int64_t k = 0;
        for (; k + ops::lanes <= c; k += ops::lanes) {
            const int hits = ops::equal_mask(ops::load(p + k), target);
            if (hits != 0) return k + std::countr_zero(static_cast<unsigned>(hits));
        }
        while (!(p[k] == best)) ++k;
        return k;
    }
#endif
    return row_argmax_scalar(p, c);
}

}  // namespace vidata::detail
