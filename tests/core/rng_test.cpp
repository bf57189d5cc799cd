// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::rng: Philox4x32-10 known answers, stream layout, determinism across threads, unbiased uniform draws.
#include <vidata/core/rng.hpp>

#include "support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <thread>
#include <vector>

using vidata::rng;

namespace {

// Pearson's chi-square statistic of observed bucket counts against a uniform expectation.
double chi_square(const std::vector<std::uint64_t>& counts) {
    const double total = static_cast<double>(std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}));
    const double expected = total / static_cast<double>(counts.size());
    double chi2 = 0.0;
    for (const auto c : counts) chi2 += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
    return chi2;
}

// 16 words of an item's stream: what a loader's worker would draw for item `index`.
std::array<std::uint32_t, 16> draws_for(std::uint64_t seed, std::uint64_t epoch, std::uint64_t index) {
    auto g = rng::for_item(seed, epoch, index);
    std::array<std::uint32_t, 16> out{};
    for (auto& w : out) w = g();
    return out;
}

}  // namespace

TEST_CASE("Philox4x32-10 reproduces Random123's known-answer vectors", "[core][rng]") {
    // Random123 kat_vectors, "philox4x32 10" lines: counter (4 words), key (2 words) -> output (4 words).
    struct kat {
        rng::counter_type counter;
        rng::key_type key;
        rng::counter_type expected;
    };
    const std::array<kat, 3> kats{{
        {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}},
        {{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu}, {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}},
        {{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u}, {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}},
    }};
    for (const auto& k : kats) CHECK(rng::philox4x32_10(k.counter, k.key) == k.expected);
}

TEST_CASE("rng streams are Philox blocks of counter {block, epoch, index} under key {seed}", "[core][rng]") {
    const std::uint64_t seed = 0x0123456789abcdefull;
    const std::uint64_t epoch = 7;
    const std::uint64_t index = 0x00000005deadbeefull;
    auto g = rng::for_item(seed, epoch, index);
    const rng::key_type key{0x89abcdefu, 0x01234567u};
    CHECK(g.key() == key);
    for (std::uint32_t block = 0; block < 3; ++block) {
        CHECK(g.counter() == rng::counter_type{block, 7u, 0xdeadbeefu, 0x5u});
        const auto expected = rng::philox4x32_10({block, 7u, 0xdeadbeefu, 0x5u}, key);
        for (const auto word : expected) CHECK(g() == word);
    }

    SECTION("plain rng(seed, stream) uses the reserved epoch") {
        rng plain(seed, 3);
        CHECK(plain.counter() == rng::counter_type{0, 0xffffffffu, 3u, 0u});
        CHECK(plain() == rng::philox4x32_10({0, 0xffffffffu, 3u, 0u}, key)[0]);
        CHECK(rng() == rng(0));
    }
}

TEST_CASE("rng is deterministic and copies continue identically", "[core][rng]") {
    auto a = rng::for_item(99, 1, 12345);
    auto b = rng::for_item(99, 1, 12345);
    for (int i = 0; i < 1001; ++i) REQUIRE(a() == b());
    rng c = a;
    for (int i = 0; i < 100; ++i) REQUIRE(a.next_u64() == c.next_u64());
    CHECK(a == c);
    (void)a();
    CHECK(a != c);
}

TEST_CASE("rng streams differ by seed, epoch and index", "[core][rng]") {
    std::set<std::array<std::uint32_t, 16>> seen;
    for (std::uint64_t seed : {0ull, 1ull, 1ull << 32})
        for (std::uint64_t epoch : {0ull, 1ull, 2ull})
            for (std::uint64_t index : {0ull, 1ull, 2ull, 1ull << 32}) seen.insert(draws_for(seed, epoch, index));
    CHECK(seen.size() == 3 * 3 * 4);
    // The plain stream of a seed is not item 0's stream.
    rng plain(5);
    auto item0 = rng::for_item(5, 0, 0);
    CHECK(plain() != item0());
}

TEST_CASE("rng results do not depend on thread count or order", "[core][rng]") {
    constexpr std::size_t items = 2000;
    std::vector<std::array<std::uint32_t, 16>> serial(items);
    for (std::size_t i = 0; i < items; ++i) serial[i] = draws_for(11, 3, i);

    for (const std::size_t threads : {2u, 3u, 8u}) {
        std::vector<std::array<std::uint32_t, 16>> parallel(items);
        std::vector<std::thread> pool;
        // Each thread takes every threads-th item, walking backwards: another assignment and another order.
        for (std::size_t t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                for (std::size_t k = items; k-- > 0;)
                    if (k % threads == t) parallel[k] = draws_for(11, 3, k);
            });
        for (auto& th : pool) th.join();
        CHECK(parallel == serial);
    }
}

TEST_CASE("rng streams of neighbouring items are uncorrelated", "[core][rng]") {
    constexpr int n = 20000;
    auto a = rng::for_item(3, 0, 100);
    auto b = rng::for_item(3, 0, 101);
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (int i = 0; i < n; ++i) {
        const double x = a.uniform_real(), y = b.uniform_real();
        sa += x, sb += y, saa += x * x, sbb += y * y, sab += x * y;
    }
    const double cov = sab / n - (sa / n) * (sb / n);
    const double r = cov / std::sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
    // The standard error of r is about 1/sqrt(n) = 0.007.
    CHECK(std::abs(r) < 0.03);
}

TEST_CASE("rng satisfies uniform_random_bit_generator: std distributions accept it", "[core][rng]") {
    rng g(2024);
    std::uniform_int_distribution<int> die(1, 6);
    std::normal_distribution<double> normal(0.0, 1.0);
    double sum = 0.0;
    for (int i = 0; i < 1000; ++i) {
        const int d = die(g);
        REQUIRE(d >= 1);
        REQUIRE(d <= 6);
        sum += normal(g);
    }
    CHECK(std::abs(sum / 1000.0) < 0.2);
    std::vector<int> v(50);
    std::iota(v.begin(), v.end(), 0);
    std::shuffle(v.begin(), v.end(), g);
    CHECK(std::is_permutation(v.begin(), v.end(), [] {
        std::vector<int> w(50);
        std::iota(w.begin(), w.end(), 0);
        return w;
    }().begin()));
}

TEST_CASE("uniform_int stays between lo and hi inclusive for every kind of range", "[core][rng]") {
    auto g = rng::for_item(1, 0, 0);
    CHECK(g.uniform_int(5, 5) == 5);
    for (int i = 0; i < 10000; ++i) {
        const int a = g.uniform_int(-7, 3);
        REQUIRE(a >= -7);
        REQUIRE(a <= 3);
        const auto b = g.uniform_int<std::int64_t>(-(std::int64_t{1} << 40), std::int64_t{1} << 40);
        REQUIRE(b >= -(std::int64_t{1} << 40));
        REQUIRE(b <= (std::int64_t{1} << 40));
        const auto c = g.uniform_int<std::uint8_t>(250, 255);
        REQUIRE(c >= 250);
    }
    // Full ranges: every value is possible, nothing overflows.
    std::set<bool> high_bits;
    for (int i = 0; i < 64; ++i) {
        (void)g.uniform_int(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
        high_bits.insert((g.uniform_int(std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max()) >> 63) != 0);
        (void)g.uniform_int(std::numeric_limits<std::uint32_t>::min(), std::numeric_limits<std::uint32_t>::max());
    }
    CHECK(high_bits.size() == 2);
}

TEST_CASE("uniform_int is exactly as specified (Lemire's multiply-shift)", "[core][rng]") {
    // Item (0, 0, 0) starts with words 0x6627e8d5, 0xe169c58d: floor(w * 10 / 2^32) = 3, then 8.
    auto g = rng::for_item(0, 0, 0);
    CHECK(g.uniform_int(0, 9) == 3);
    CHECK(g.uniform_int(0, 9) == 8);
    CHECK(g.uniform_int(100, 109) == 100 + static_cast<int>((std::uint64_t{0xbc57ac4cu} * 10) >> 32));
}

TEST_CASE("uniform_int buckets pass a chi-square test", "[core][rng]") {
    auto g = rng::for_item(12345, 0, 0);
    constexpr int n = 100000;

    SECTION("10 values") {
        std::vector<std::uint64_t> counts(10);
        for (int i = 0; i < n; ++i) ++counts[static_cast<std::size_t>(g.uniform_int(0, 9))];
        CHECK(chi_square(counts) < 27.88);  // 9 degrees of freedom, p = 0.001
    }
    SECTION("7 values, a span that does not divide 2^32") {
        std::vector<std::uint64_t> counts(7);
        for (int i = 0; i < n; ++i) ++counts[static_cast<std::size_t>(g.uniform_int(-3, 3) + 3)];
        CHECK(chi_square(counts) < 22.46);  // 6 degrees of freedom, p = 0.001
    }
    // Spans of 3 · 2^30 and 3 · 2^62: reducing a word modulo the span would make the lowest third twice
    // as likely as each other; an unbiased draw fills the three thirds equally.
    SECTION("a 32-bit span where modulo reduction would be visibly biased") {
        std::vector<std::uint64_t> counts(3);
        for (int i = 0; i < n; ++i) ++counts[g.uniform_int(std::uint32_t{0}, 3u * (1u << 30) - 1u) >> 30];
        CHECK(chi_square(counts) < 13.82);  // 2 degrees of freedom, p = 0.001
    }
    SECTION("a 64-bit span where modulo reduction would be visibly biased") {
        std::vector<std::uint64_t> counts(3);
        for (int i = 0; i < n; ++i) ++counts[g.uniform_int<std::uint64_t>(0, 3ull * (1ull << 62) - 1ull) >> 62];
        CHECK(chi_square(counts) < 13.82);
    }
}

TEST_CASE("uniform_real draws 53-bit doubles uniformly from 0 up to 1 exclusive", "[core][rng]") {
    auto g = rng::for_item(777, 0, 0);
    constexpr int n = 100000;
    std::vector<std::uint64_t> counts(10);
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = g.uniform_real();
        REQUIRE(x >= 0.0);
        REQUIRE(x < 1.0);
        // A multiple of 2^-53: nothing finer than 53 bits.
        REQUIRE(std::ldexp(x, 53) == std::floor(std::ldexp(x, 53)));
        ++counts[static_cast<std::size_t>(x * 10)];
        sum += x;
    }
    CHECK(std::abs(sum / n - 0.5) < 0.005);
    CHECK(chi_square(counts) < 27.88);

    SECTION("the value is the top 53 bits of next_u64") {
        auto a = rng::for_item(0, 0, 0);
        CHECK(a.uniform_real() == static_cast<double>(0xe169c58d6627e8d5ull >> 11) * 0x1.0p-53);
    }
    SECTION("uniform_real(lo, hi) scales into [lo, hi)") {
        for (int i = 0; i < 1000; ++i) {
            const double x = g.uniform_real(-2.0, 3.0);
            REQUIRE(x >= -2.0);
            REQUIRE(x < 3.0);
        }
    }
}
