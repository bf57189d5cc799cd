// SPDX-License-Identifier: Apache-2.0
// vidata::rng: a counter-based Philox4x32-10 generator with one independent stream per (seed, epoch, item).
#pragma once

#include <vidata/core/assert.hpp>

#include <array>
#include <concepts>
#include <cstdint>
#include <limits>
#include <random>

namespace vidata {

/// A seedable, counter-based random generator: Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel
/// random numbers: as easy as 1, 2, 3", SC 2011), the generator of Random123, cuRAND and oneMKL.
///
/// Every random decision in vidata (which frames a sampler picks, where a crop lands, whether a clip
/// flips) draws from an rng the caller passes in. A loader gives each item its own stream:
///
///   rng g = rng::for_item(seed, epoch, index);   // the same numbers whichever thread, in whatever order
///   frame_indices fi = sampler(record, g);
///
/// Philox is a keyed bijection on 128-bit counters: the key is the seed, the counter holds
/// (block, epoch, index), so streams of different items or epochs are different counters under one key
/// and never overlap, and no state is shared between threads. Results depend on (seed, epoch, index)
/// only, never on thread count or scheduling.
///
/// Counter layout, word 0 first: {block, epoch, index low 32 bits, index high 32 bits}; key: {seed low,
/// seed high}. A stream holds 2^32 blocks of four words (16 GiB of output); running past that is a
/// precondition violation. Epoch 2^32 − 1 is reserved for the plain `rng(seed, stream)` streams, so those
/// never coincide with an item's stream.
///
/// It models std::uniform_random_bit_generator, so std distributions accept it; `uniform_int` and
/// `uniform_real` are specified exactly (unlike std distributions, whose algorithms differ between
/// standard libraries), so results are the same on every platform. Not cryptographically secure.
class rng {
public:
    using result_type = std::uint32_t;
    using counter_type = std::array<std::uint32_t, 4>;
    using key_type = std::array<std::uint32_t, 2>;

    /// The epoch reserved for `rng(seed, stream)`.
    static constexpr std::uint64_t reserved_epoch = 0xffffffffu;

    /// The Philox4x32-10 bijection: the block of four words for counter `ctr` under key `k`.
    [[nodiscard]] static constexpr counter_type philox4x32_10(counter_type ctr, key_type k) noexcept {
        // Multipliers and Weyl key increments of the reference (Random123's philox.h constants).
        constexpr std::uint64_t m0 = 0xD2511F53u;
        constexpr std::uint64_t m1 = 0xCD9E8D57u;
        constexpr std::uint32_t w0 = 0x9E3779B9u;
        constexpr std::uint32_t w1 = 0xBB67AE85u;
        for (int round = 0; round < 10; ++round) {
            if (round > 0) {
                k[0] += w0;
                k[1] += w1;
            }
            const std::uint64_t p0 = m0 * ctr[0];
            const std::uint64_t p1 = m1 * ctr[2];
            ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ k[0], static_cast<std::uint32_t>(p1),
                   static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ k[1], static_cast<std::uint32_t>(p0)};
        }
        return ctr;
    }

    /// Stream 0 of seed 0.
    constexpr rng() noexcept : rng(0) {}

    /// Stream `stream` of `seed`: for work that is not per item, such as shuffling a list once per epoch.
    constexpr explicit rng(std::uint64_t seed, std::uint64_t stream = 0) noexcept
        : rng(seed, reserved_epoch, stream, 0) {}

    /// The stream of item `index` in `epoch` under `seed`. Precondition: `epoch < reserved_epoch`.
    [[nodiscard]] static constexpr rng for_item(std::uint64_t seed, std::uint64_t epoch, std::uint64_t index) {
        VIDATA_ASSERT(epoch < reserved_epoch, "vidata::rng::for_item: epoch must be below 2^32 - 1");
        return rng(seed, epoch, index, 0);
    }

    [[nodiscard]] static constexpr result_type min() noexcept { return 0; }
    [[nodiscard]] static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    /// The next 32 random bits.
    constexpr result_type operator()() {
        if (position_ == 4) refill();
        return buffer_[position_++];
    }

    /// The next 64 random bits: two words, the first in the low half.
    [[nodiscard]] constexpr std::uint64_t next_u64() {
        const std::uint64_t lo = (*this)();
        const std::uint64_t hi = (*this)();
        return lo | hi << 32;
    }

    /// A uniformly distributed integer in [lo, hi], both ends included, without bias (Lemire, "Fast random
    /// integer generation in an interval", 2019). Spans below 2^32 − 1 use one word per draw (plus rare
    /// rejections), wider spans two. Precondition: `lo <= hi`.
    template <std::integral I>
    [[nodiscard]] constexpr I uniform_int(I lo, I hi) {
        VIDATA_ASSERT(lo <= hi, "vidata::rng::uniform_int: lo must not exceed hi");
        // Unsigned arithmetic modulo 2^64 gives the span for signed and unsigned I alike.
        const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
        std::uint64_t offset = 0;
        if (span < 0xffffffffu) {
            const std::uint32_t s = static_cast<std::uint32_t>(span) + 1u;
            std::uint64_t m = static_cast<std::uint64_t>((*this)()) * s;
            if (static_cast<std::uint32_t>(m) < s) {
                const std::uint32_t threshold = static_cast<std::uint32_t>(-s) % s;
                while (static_cast<std::uint32_t>(m) < threshold) m = static_cast<std::uint64_t>((*this)()) * s;
            }
            offset = m >> 32;
        } else if (span == std::numeric_limits<std::uint64_t>::max()) {
            offset = next_u64();
        } else {
            const std::uint64_t s = span + 1;
            u128 m = mul_64x64(next_u64(), s);
            if (m.low < s) {
                const std::uint64_t threshold = (0 - s) % s;
                while (m.low < threshold) m = mul_64x64(next_u64(), s);
            }
            offset = m.high;
        }
        return static_cast<I>(static_cast<std::uint64_t>(lo) + offset);
    }

    /// A uniformly distributed double in [0, 1) with 53 random bits: (next_u64() >> 11) · 2^−53.
    [[nodiscard]] constexpr double uniform_real() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    /// A uniformly distributed double in [lo, hi). Precondition: `lo < hi`.
    [[nodiscard]] constexpr double uniform_real(double lo, double hi) {
        VIDATA_ASSERT(lo < hi, "vidata::rng::uniform_real: lo must be below hi");
        const double x = lo + (hi - lo) * uniform_real();
        // Rounding can land exactly on hi; keep the interval half-open.
        return x < hi ? x : lo;
    }

    [[nodiscard]] constexpr key_type key() const noexcept { return key_; }
    /// The counter of the next block to generate.
    [[nodiscard]] constexpr counter_type counter() const noexcept { return counter_; }

    friend constexpr bool operator==(const rng&, const rng&) = default;

private:
    struct u128 {
        std::uint64_t high;
        std::uint64_t low;
    };

    constexpr rng(std::uint64_t seed, std::uint64_t epoch, std::uint64_t index, int /*private tag*/) noexcept
        : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
          counter_{0, static_cast<std::uint32_t>(epoch), static_cast<std::uint32_t>(index),
                   static_cast<std::uint32_t>(index >> 32)} {}

    constexpr void refill() {
        VIDATA_ASSERT(!exhausted_, "vidata::rng: the stream is exhausted (2^32 blocks)");
        buffer_ = philox4x32_10(counter_, key_);
        ++counter_[0];
        exhausted_ = counter_[0] == 0;
        position_ = 0;
    }

    // The full 128-bit product from 32-bit halves: portable, constexpr, and no __int128 (which -Wpedantic rejects).
    [[nodiscard]] static constexpr u128 mul_64x64(std::uint64_t a, std::uint64_t b) noexcept {
        const std::uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
        const std::uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
        const std::uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
        const std::uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
        return {hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (mid << 32) | (ll & 0xffffffffu)};
    }

    key_type key_;
    counter_type counter_;
    counter_type buffer_{};
    unsigned position_ = 4;
    bool exhausted_ = false;
};

static_assert(std::uniform_random_bit_generator<rng>);

// Known-answer tests of Random123's kat_vectors for philox4x32 with 10 rounds.
static_assert(rng::philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
              rng::counter_type{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
static_assert(rng::philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu}) ==
              rng::counter_type{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
static_assert(rng::philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u}) ==
              rng::counter_type{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});

// The stream of an item starts with the Philox block of counter {0, epoch, index}.
static_assert([] {
    auto g = rng::for_item(0, 0, 0);
    return g() == 0x6627e8d5u && g() == 0xe169c58du;
}());

}  // namespace vidata
