// SPDX-License-Identifier: Apache-2.0
// vidata::draw_traits: the RNG policy of the samplers, i.e. which algorithm turns a generator's bits into a draw.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/rng.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace vidata {

/// The draws a sampler makes (numpy's `randint`, `uniform`, `choice(replace=False)`), specialised per
/// generator. The generator a sampler is called with is its RNG policy:
///
/// - `vidata::rng` (Philox, counter-based): each draw with an exactly specified, unbiased algorithm (Lemire's
///   bounded integers, 53-bit doubles, a partial Fisher–Yates for choice). A sampler's result is a function
///   of (settings, record, seed, epoch, index) when the caller passes `rng::for_item(seed, epoch, index)`;
///   the distribution of every draw is the one MMAction2 draws from, the numbers are not.
/// - `vidata::numpy_random_state` (MT19937): numpy's legacy algorithms, so a sampler reproduces bit for bit
///   the indices MMAction2 0.x returns after `np.random.seed(S)`, including the draws MMAction2 makes and
///   throws away (SampleAVAFrames in test mode) and the global reseed of UniformSampleFrames in test mode
///   (`replays_mmaction_stream`).
///
/// A user generator joins by specialising draw_traits with the same static members (the third customisation
/// point of docs/concepts.md: a traits specialisation).
template <class G>
struct draw_traits;  // undefined: a type without a specialisation is not a sampling_generator

template <>
struct draw_traits<rng> {
    /// Draws nothing that MMAction2 would draw only to discard, and never reseeds the caller's stream.
    static constexpr bool replays_mmaction_stream = false;

    /// An integer in [low, high). Precondition: `low < high`.
    [[nodiscard]] static constexpr std::int64_t randint(rng& g, std::int64_t low, std::int64_t high) {
        VIDATA_ASSERT(low < high, "vidata::draw_traits<rng>::randint: high must exceed low");
        // A single value needs no draw: numpy's randint(1) does not advance its stream either.
        if (high - low == 1) return low;
        return g.uniform_int<std::int64_t>(low, high - 1);
    }

    /// A double in [low, high). Precondition: `low < high`.
    [[nodiscard]] static constexpr double uniform(rng& g, double low, double high) { return g.uniform_real(low, high); }

    /// k distinct integers of [0, n) in random order: a partial Fisher–Yates shuffle (k draws).
    [[nodiscard]] static constexpr std::vector<std::int64_t> choice_without_replacement(rng& g, std::size_t n,
                                                                                        std::size_t k) {
        VIDATA_ASSERT(k <= n, "vidata::draw_traits<rng>::choice_without_replacement: k must not exceed n");
        std::vector<std::int64_t> values(n);
        for (std::size_t i = 0; i < n; ++i) values[i] = static_cast<std::int64_t>(i);
        for (std::size_t i = 0; i < k; ++i) {
            const auto j = static_cast<std::size_t>(g.uniform_int<std::uint64_t>(i, n - 1));
            std::swap(values[i], values[j]);
        }
        values.resize(k);
        return values;
    }
};

template <>
struct draw_traits<numpy_random_state> {
    /// Stands for numpy's global generator: MMAction2's discarded draws and reseeds happen to it too.
    static constexpr bool replays_mmaction_stream = true;

    [[nodiscard]] static constexpr std::int64_t randint(numpy_random_state& g, std::int64_t low, std::int64_t high) {
        return g.randint(low, high);
    }
    [[nodiscard]] static constexpr double uniform(numpy_random_state& g, double low, double high) {
        return g.uniform(low, high);
    }
    [[nodiscard]] static constexpr std::vector<std::int64_t> choice_without_replacement(numpy_random_state& g,
                                                                                        std::size_t n, std::size_t k) {
        return g.choice_without_replacement(n, k);
    }
};

}  // namespace vidata
