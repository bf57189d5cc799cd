// SPDX-License-Identifier: Apache-2.0
// numpy's float32 summation order (pairwise, in buffers), so that a mean computed here equals np.mean bit for bit.
#pragma once

#include <cstddef>

namespace vidata::transforms::detail {

// numpy sums a contiguous float32 run pairwise: under 8 values one by one; up to 128 values in eight
// interleaved accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), the remainder added after;
// longer runs split in two halves (the first a multiple of 8) summed recursively. Each float addition
// rounds, so the order is what makes the result equal.
[[nodiscard]] inline float numpy_pairwise_sum(const float* a, std::size_t n) noexcept {
    if (n < 8) {
        float s = 0.f;
        for (std::size_t i = 0; i < n; ++i) s += a[i];
        return s;
    }
    if (n <= 128) {
        float r[8];
        for (std::size_t j = 0; j < 8; ++j) r[j] = a[j];
        std::size_t i = 8;
        for (; i < n - n % 8; i += 8)
            for (std::size_t j = 0; j < 8; ++j) r[j] += a[i + j];
        float s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) s += a[i];
        return s;
    }
    std::size_t half = n / 2;
    half -= half % 8;
    return numpy_pairwise_sum(a, half) + numpy_pairwise_sum(a + half, n - half);
}

// np.sum over a whole contiguous float32 array: its reduction loop sees the data in buffers of
// np.getbufsize() = 8192 elements and adds each buffer's pairwise sum to the running total in order.
[[nodiscard]] inline float numpy_sum(const float* a, std::size_t n) noexcept {
    constexpr std::size_t buffer = 8192;
    float total = 0.f;
    for (std::size_t i = 0; i < n; i += buffer) total += numpy_pairwise_sum(a + i, n - i < buffer ? n - i : buffer);
    return total;
}

// np.mean of a float32 array: the float32 sum divided by the count in double, rounded back to float32.
[[nodiscard]] inline float numpy_mean(const float* a, std::size_t n) noexcept {
    return static_cast<float>(static_cast<double>(numpy_sum(a, n)) / static_cast<double>(n));
}

}  // namespace vidata::transforms::detail
