// SPDX-License-Identifier: Apache-2.0
// vidata::numpy_random_state: numpy's legacy np.random.RandomState (MT19937 and its draw algorithms), bit for bit.
#pragma once

#include <vidata/core/assert.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

namespace vidata {

namespace detail {

// a * b rounded to double before anything is added to it. numpy's C code computes `i * avg + avg / 2` and
// `low + range * u` as separate roundings; a compiler allowed to contract (GCC's default -ffp-contract=fast
// with -mfma, or any aarch64 build) would fuse the multiply into the add and round once, which moves a
// truncated frame index whenever the exact value sits next to an integer. The volatile store forbids the
// fusion; constant evaluation never fuses.
[[nodiscard]] constexpr double rounded_product(double a, double b) noexcept {
    if (std::is_constant_evaluated()) return a * b;
    volatile double product = a * b;
    return product;
}

}  // namespace detail

/// A random generator that reproduces numpy's legacy global generator (`np.random.seed`, `np.random.randint`,
/// `np.random.uniform`, `np.random.choice`, `np.random.permutation`, `np.random.shuffle`) bit for bit, so that
/// a C++ program draws exactly the numbers MMAction2's pipelines draw after `np.random.seed(S)`:
///
///   numpy_random_state g(42);          // np.random.seed(42)
///   g.randint(0, 10);                  // np.random.randint(0, 10)
///   g.uniform(0.0, 2.5);               // np.random.uniform(0, 2.5)
///   g.choice_without_replacement(9, 4) // np.random.choice(9, 4, replace=False)
///
/// What it reproduces (numpy 1.17 and later, where RandomState became a wrapper over the MT19937 bit
/// generator and kept the legacy algorithms; checked against numpy 1.24 by tests/core/numpy_random_test.cpp):
/// - seeding: an integer seed runs Matsumoto and Nishimura's `init_genrand` (Knuth's multiplier 1812433253),
///   an array seed their `init_by_array`, and the next draw regenerates the whole 624-word state;
/// - 32-bit words: the MT19937 twist and tempering; 64-bit words: two words, the first in the high half;
/// - `randint` (RandomState's, with its default int64 dtype): the span `high - 1 - low` is masked with the
///   smallest all-ones mask that covers it and words are drawn until one falls in range — 32-bit words for
///   spans below 2^32 − 1, 64-bit words for wider spans, and no draw at all for a span of zero
///   (`randint(1)` returns 0 and leaves the stream where it was);
/// - `random_sample`: a 53-bit double from two words, `(a >> 5) · 2^26 + (b >> 6)` over 2^53;
///   `uniform(low, high)` is `low + (high − low) · random_sample()`;
/// - `permutation` / `shuffle`: Fisher–Yates from the last element down, position i swapped with a draw in
///   [0, i] by the same masked rejection; `choice(n, k, replace=False)` is the first k of `permutation(n)`
///   (so it always consumes n − 1 draws, even for k = 0).
/// It does not produce numpy's normal or other distributions, which no sampler uses.
///
/// Not thread-safe (it is one stream with a position, as numpy's global state is); a loader that wants
/// reproducibility across threads uses vidata::rng. The state is 2.5 KB; copying it forks the stream.
class numpy_random_state {
public:
    static constexpr std::size_t state_words = 624;
    using result_type = std::uint32_t;

    /// `np.random.seed(seed)` for an integer seed in [0, 2^32).
    constexpr explicit numpy_random_state(std::uint32_t seed = 0) noexcept { this->seed(seed); }

    /// `np.random.seed(seed)` for an integer seed: numpy's init_genrand.
    constexpr void seed(std::uint32_t seed) noexcept {
        std::uint32_t value = seed;
        for (std::size_t i = 0; i < state_words; ++i) {
            key_[i] = value;
            value = 1812433253u * (value ^ (value >> 30)) + static_cast<std::uint32_t>(i) + 1u;
        }
        position_ = state_words;
    }

    /// `np.random.seed([k0, k1, ...])` for an array seed of values in [0, 2^32): init_by_array.
    /// Precondition: `keys` is not empty (numpy raises ValueError for an empty seed).
    constexpr void seed(std::span<const std::uint32_t> keys) noexcept {
        VIDATA_ASSERT(!keys.empty(), "vidata::numpy_random_state::seed: an array seed must not be empty");
        seed(19650218u);
        std::size_t i = 1, j = 0;
        for (std::size_t k = state_words > keys.size() ? state_words : keys.size(); k > 0; --k) {
            key_[i] = (key_[i] ^ ((key_[i - 1] ^ (key_[i - 1] >> 30)) * 1664525u)) + keys[j] +
                      static_cast<std::uint32_t>(j);
            ++i;
            ++j;
            if (i >= state_words) {
                key_[0] = key_[state_words - 1];
                i = 1;
            }
            if (j >= keys.size()) j = 0;
        }
        for (std::size_t k = state_words - 1; k > 0; --k) {
            key_[i] = (key_[i] ^ ((key_[i - 1] ^ (key_[i - 1] >> 30)) * 1566083941u)) - static_cast<std::uint32_t>(i);
            ++i;
            if (i >= state_words) {
                key_[0] = key_[state_words - 1];
                i = 1;
            }
        }
        key_[0] = 0x80000000u;  // the reference's "MSB is 1, assuring a non-zero initial array"
        position_ = state_words;
    }

    [[nodiscard]] static constexpr result_type min() noexcept { return 0; }
    [[nodiscard]] static constexpr result_type max() noexcept { return 0xffffffffu; }

    /// The next 32-bit word of the MT19937 stream.
    constexpr result_type operator()() noexcept {
        if (position_ == state_words) twist();
        std::uint32_t y = key_[position_++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// The next 64-bit word: numpy's mt19937_next64, the first word in the high half.
    [[nodiscard]] constexpr std::uint64_t next_u64() noexcept {
        const std::uint64_t high = (*this)();
        const std::uint64_t low = (*this)();
        return high << 32 | low;
    }

    /// `np.random.random_sample()`: a double in [0, 1) with 53 random bits.
    [[nodiscard]] constexpr double random_sample() noexcept {
        const std::uint32_t a = (*this)() >> 5;
        const std::uint32_t b = (*this)() >> 6;
        return (static_cast<double>(a) * 67108864.0 + static_cast<double>(b)) / 9007199254740992.0;
    }

    /// `np.random.uniform(low, high)`: `low + (high − low) · random_sample()`.
    [[nodiscard]] constexpr double uniform(double low, double high) noexcept {
        return low + detail::rounded_product(high - low, random_sample());
    }

    /// `np.random.randint(low, high)` (int64): an integer in [low, high). Precondition: `low < high`
    /// (numpy raises ValueError "high <= low").
    [[nodiscard]] constexpr std::int64_t randint(std::int64_t low, std::int64_t high) noexcept {
        VIDATA_ASSERT(low < high, "vidata::numpy_random_state::randint: high must exceed low");
        // The span is high - 1 - low, computed modulo 2^64 so that the full int64 range does not overflow.
        const std::uint64_t span = static_cast<std::uint64_t>(high) - 1u - static_cast<std::uint64_t>(low);
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + bounded(span));
    }

    /// `np.random.randint(high)`: an integer in [0, high). Precondition: `high > 0`.
    [[nodiscard]] constexpr std::int64_t randint(std::int64_t high) noexcept { return randint(0, high); }

    /// numpy's random_interval(max): an integer in [0, max] by masked rejection (what shuffle draws).
    [[nodiscard]] constexpr std::uint64_t random_interval(std::uint64_t max_value) noexcept {
        if (max_value == 0) return 0;
        const std::uint64_t mask = covering_mask(max_value);
        std::uint64_t value = 0;
        if (max_value <= 0xffffffffu) {
            do value = (*this)() & mask;
            while (value > max_value);
        } else {
            do value = next_u64() & mask;
            while (value > max_value);
        }
        return value;
    }

    /// `np.random.shuffle(values)` for a 1-D array: in place, last position first.
    template <class T>
    constexpr void shuffle(std::span<T> values) noexcept {
        for (std::size_t i = values.size(); i-- > 1;) {
            const auto j = static_cast<std::size_t>(random_interval(i));
            T held = values[i];
            values[i] = values[j];
            values[j] = held;
        }
    }

    /// `np.random.permutation(n)`: 0, ..., n − 1 shuffled.
    [[nodiscard]] constexpr std::vector<std::int64_t> permutation(std::size_t n) {
        std::vector<std::int64_t> values(n);
        for (std::size_t i = 0; i < n; ++i) values[i] = static_cast<std::int64_t>(i);
        shuffle(std::span<std::int64_t>(values));
        return values;
    }

    /// `np.random.choice(n, k, replace=False)`: k distinct integers of [0, n), the first k of a permutation.
    /// Precondition: `k <= n` (numpy raises ValueError otherwise).
    [[nodiscard]] constexpr std::vector<std::int64_t> choice_without_replacement(std::size_t n, std::size_t k) {
        VIDATA_ASSERT(k <= n, "vidata::numpy_random_state::choice_without_replacement: k must not exceed n");
        auto values = permutation(n);
        values.resize(k);
        return values;
    }

    /// The 624 state words and the position, as `np.random.get_state()` reports them (`[1]` and `[2]`).
    [[nodiscard]] constexpr const std::array<std::uint32_t, state_words>& key() const noexcept { return key_; }
    [[nodiscard]] constexpr std::size_t position() const noexcept { return position_; }

    friend constexpr bool operator==(const numpy_random_state&, const numpy_random_state&) = default;

private:
    // The smallest 2^k − 1 that is >= value (numpy's gen_mask).
    [[nodiscard]] static constexpr std::uint64_t covering_mask(std::uint64_t value) noexcept {
        std::uint64_t mask = value;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        return mask;
    }

    // numpy's random_bounded_uint64 with use_masked=true: an integer in [0, span].
    [[nodiscard]] constexpr std::uint64_t bounded(std::uint64_t span) noexcept {
        if (span == 0) return 0;
        if (span == 0xffffffffu) return (*this)();
        if (span == ~std::uint64_t{0}) return next_u64();
        const std::uint64_t mask = covering_mask(span);
        std::uint64_t value = 0;
        if (span < 0xffffffffu) {
            do value = (*this)() & mask;
            while (value > span);
        } else {
            do value = next_u64() & mask;
            while (value > span);
        }
        return value;
    }

    constexpr void twist() noexcept {
        constexpr std::size_t shift = 397;
        constexpr std::uint32_t matrix_a = 0x9908b0dfu, upper = 0x80000000u, lower = 0x7fffffffu;
        for (std::size_t i = 0; i < state_words; ++i) {
            const std::uint32_t y = (key_[i] & upper) | (key_[(i + 1) % state_words] & lower);
            key_[i] = key_[(i + shift) % state_words] ^ (y >> 1) ^ ((y & 1u) != 0 ? matrix_a : 0u);
        }
        position_ = 0;
    }

    std::array<std::uint32_t, state_words> key_{};
    std::size_t position_ = state_words;
};

// The MT19937 reference: seed 5489 gives 3499211612 first (the same stream as std::mt19937's default).
static_assert([] {
    numpy_random_state g(5489);
    return g() == 3499211612u;
}());

}  // namespace vidata
