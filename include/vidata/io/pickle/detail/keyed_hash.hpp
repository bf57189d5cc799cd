// SPDX-License-Identifier: Apache-2.0
// SipHash-1-3 with a per-process random key, for hash tables of dict keys a pickle chooses.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string_view>

namespace vidata::pickle::detail {

// A pickle chooses its dict keys, so with a fixed hash (std::hash of an integer is the identity)
// it could put every key into one bucket and make loading quadratic. Python keys its own str hash
// (SipHash-1-3) for the same reason; so does the reader.
[[nodiscard]] inline const std::array<std::uint64_t, 2>& hash_key() {
    static const std::array<std::uint64_t, 2> key = [] {
        std::uint64_t a = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        std::uint64_t b = reinterpret_cast<std::uintptr_t>(&a);
        try {
            std::random_device rd;
            a ^= std::uint64_t{rd()} << 32 | rd();
            b ^= std::uint64_t{rd()} << 32 | rd();
        } catch (...) {
            // No entropy device: the clock and the stack address above still vary between runs.
        }
        return std::array<std::uint64_t, 2>{a, b};
    }();
    return key;
}

[[nodiscard]] inline std::uint64_t siphash13(std::string_view data) noexcept {
    const auto& key = hash_key();
    std::uint64_t v0 = 0x736f6d6570736575ull ^ key[0], v1 = 0x646f72616e646f6dull ^ key[1];
    std::uint64_t v2 = 0x6c7967656e657261ull ^ key[0], v3 = 0x7465646279746573ull ^ key[1];
    const auto rotl = [](std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); };
    const auto round = [&] {
        v0 += v1;
        v1 = rotl(v1, 13);
        v1 ^= v0;
        v0 = rotl(v0, 32);
        v2 += v3;
        v3 = rotl(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = rotl(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = rotl(v1, 17);
        v1 ^= v2;
        v2 = rotl(v2, 32);
    };
    const std::size_t n = data.size();
    const std::size_t whole = n - n % 8;
    const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(data[i])}; };
    for (std::size_t i = 0; i < whole; i += 8) {
        std::uint64_t m = 0;
        for (std::size_t k = 0; k < 8; ++k) m |= byte(i + k) << (8 * k);
        v3 ^= m;
        round();
        v0 ^= m;
    }
    std::uint64_t last = static_cast<std::uint64_t>(n) << 56;
    for (std::size_t k = 0; k < n % 8; ++k) last |= byte(whole + k) << (8 * k);
    v3 ^= last;
    round();
    v0 ^= last;
    v2 ^= 0xff;
    round();
    round();
    round();
    return v0 ^ v1 ^ v2 ^ v3;
}

/// The keyed hash of a 64-bit integer (its little-endian bytes).
[[nodiscard]] inline std::uint64_t keyed_hash(std::uint64_t x) noexcept {
    char bytes[8];
    for (int k = 0; k < 8; ++k) bytes[k] = static_cast<char>(x >> (8 * k));
    return siphash13(std::string_view(bytes, 8));
}

}  // namespace vidata::pickle::detail
