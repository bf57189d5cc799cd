// SPDX-License-Identifier: Apache-2.0
// The storage of a large transform output: a std::vector whose fresh pages may be transparent huge pages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace vidata::transforms::detail {

// A vector of n value-initialised elements whose memory, when large, is advised MADV_HUGEPAGE before its
// first touch. Why: a TSN test sample is 150 MB of float32 in fresh pages; at 4 KiB each first touch is a
// fault (tens of microseconds on a VM), and the faults cost more than the arithmetic (measured 3x slower
// than numpy, which advises huge pages for its own large arrays). glibc serves such a size with its own
// mapping, so the advice only concerns this buffer; the 2 MiB-aligned interior is what can get huge pages.
// Where the kernel's THP mode is "never" or the platform has no madvise, it is an ordinary vector.
template <class T>
[[nodiscard]] std::vector<T> large_buffer(std::size_t n) {
    std::vector<T> v;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t huge = std::size_t{2} << 20;
    if (n * sizeof(T) >= 2 * huge) {
        v.reserve(n);
        const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
        const std::uintptr_t first = (begin + huge - 1) / huge * huge, last = (begin + n * sizeof(T)) / huge * huge;
        if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
    }
#endif
    v.resize(n);
    return v;
}

}  // namespace vidata::transforms::detail
