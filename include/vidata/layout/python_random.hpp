// SPDX-License-Identifier: Apache-2.0
// vidata::layouts::python_random: Python's `random` module (seed(int), getrandbits, shuffle), bit for bit.
#pragma once

#include <vidata/core/numpy_random.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace vidata::layouts {

/// The generator of Python's `random` module, as far as MMAction2's `build_file_list.py --shuffle` uses it:
///
///   python_random g(123);   // random.seed(123)
///   g.shuffle(lines);       // random.shuffle(lines)
///
/// Why not numpy_random_state's own seeding: Python seeds an int differently from numpy. `random.seed(n)`
/// takes abs(n), splits it into 32-bit words, least significant first (one word 0 for n == 0), and runs
/// init_by_array over them, where numpy runs init_genrand over the int. The MT19937 stream after seeding is
/// the same, so the words come from numpy_random_state.
///
/// Draws (CPython 3.2 and later, `_randbelow_with_getrandbits`): below(n) takes k = n.bit_length() and draws
/// getrandbits(k) until the value is below n; getrandbits(k) for k <= 32 is the next word shifted right by
/// 32 - k, for wider k the words fill the value from the least significant end and the last one is shifted.
/// shuffle walks i from len-1 down to 1 and swaps x[i] with x[below(i + 1)]. Checked against python3 by
/// tests/layout/python_random_test.cpp.
class python_random {
public:
    /// `random.seed(seed)` for an int seed.
    explicit python_random(std::int64_t seed) {
        // abs() of INT64_MIN does not fit an int64; its magnitude does fit a uint64.
        const std::uint64_t magnitude =
            seed < 0 ? static_cast<std::uint64_t>(-(seed + 1)) + 1u : static_cast<std::uint64_t>(seed);
        std::vector<std::uint32_t> words{static_cast<std::uint32_t>(magnitude & 0xffffffffu)};
        if ((magnitude >> 32) != 0) words.push_back(static_cast<std::uint32_t>(magnitude >> 32));
        mt_.seed(words);
    }

    /// `random.getrandbits(k)` for 1 <= k <= 64.
    [[nodiscard]] std::uint64_t getrandbits(int k) {
        if (k <= 32) return static_cast<std::uint64_t>(mt_() >> (32 - k));
        const std::uint64_t low = mt_();
        const std::uint64_t high = mt_() >> (64 - k);
        return high << 32 | low;
    }

    /// `random._randbelow(n)`: a uniform value in [0, n). Precondition: n >= 1.
    [[nodiscard]] std::uint64_t below(std::uint64_t n) {
        int k = 0;
        for (std::uint64_t v = n; v != 0; v >>= 1) ++k;
        std::uint64_t r = getrandbits(k);
        while (r >= n) r = getrandbits(k);
        return r;
    }

    /// `random.shuffle(items)`.
    template <class T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i-- > 1;) {
            const auto j = static_cast<std::size_t>(below(static_cast<std::uint64_t>(i) + 1u));
            std::swap(items[i], items[j]);
        }
    }

private:
    numpy_random_state mt_;
};

}  // namespace vidata::layouts
