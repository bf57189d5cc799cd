// SPDX-License-Identifier: Apache-2.0
// Duplicate detection for the readers whose ids must be unique: a flat open-addressing table of (hash, record, line).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <string_view>
#include <vector>

namespace vidata::formats::detail {

/// Remembers which records were seen, by a 64-bit hash of their key, so that a reader can report the line of
/// the first occurrence when a key comes again. Node-based std::unordered_map costs an allocation and a
/// cache miss per entry, which made it most of the time of reading a 250k-row Kinetics CSV; this table is
/// one array. The caller keeps the keys (in its records) and says how to compare them.
///
///   detail::unique_keys seen(expected_rows);
///   if (const auto first = seen.insert(detail::hash_key(id), rows.size(), line.number(),
///                                      [&](std::size_t i) { return rows[i].id == id; }))
///       throw ...("a video id not listed before (it is on line " + std::to_string(first) + ")");
class unique_keys {
public:
    explicit unique_keys(std::size_t expected = 0) {
        lines_.reserve(expected);
        rebuild(std::bit_ceil(expected + expected / 3 + 16));
    }

    /// Records key number `index` (its hash and the line it is on) and returns 0, or, when an earlier key
    /// compares equal by `same(earlier_index)`, returns that key's line and records nothing.
    /// Precondition: keys are inserted with indices 0, 1, 2... (a reader's record numbers).
    template <class Same>
    std::size_t insert(std::uint64_t hash, std::size_t index, std::size_t line, Same&& same) {
        if ((count_ + 1) * 4 > slots_.size() * 3) rebuild(slots_.size() * 2);
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        std::size_t at = home(tag);
        for (;; at = (at + 1) & (slots_.size() - 1)) {
            slot& s = slots_[at];
            if (s.index == 0) {
                s = {tag, static_cast<std::uint32_t>(index + 1)};
                ++count_;
                if (lines_.size() <= index) lines_.resize(index + 1);
                lines_[index] = static_cast<std::uint32_t>(std::min<std::size_t>(line, std::numeric_limits<std::uint32_t>::max()));
                return 0;
            }
            if (s.tag == tag && same(s.index - 1)) return lines_[s.index - 1];
        }
    }

    /// Starts loading the slot where `hash` is probed first, so that inserting it a little later finds that slot in
    /// cache. Why: beyond ~100k keys the table outgrows the caches and each insert waits for memory (measured at
    /// ~150 ns, a sixth of reading a Something-Something V2 list); a reader that knows a key early, or inserts a
    /// batch of keys at a time, overlaps those waits. A hint only: it changes nothing.
    void prefetch(std::uint64_t hash) const noexcept {
        __builtin_prefetch(slots_.data() + home(static_cast<std::uint32_t>(hash >> 32)));
    }

private:
    // 8 bytes, so that the table of a 20k-row file (256 KiB) stays in cache: a probe is one cache miss at
    // most, and the misses were most of the time of reading a Kinetics CSV. `tag` is the hash's high 32
    // bits and also picks the slot (so the table can grow without the keys); lines live apart, read only
    // to report a duplicate.
    // Files of 4 billion records do not occur; lines past 2^32 - 1 are reported as that.
    struct slot {
        std::uint32_t tag = 0;
        std::uint32_t index = 0;  // record index + 1; 0 marks an empty slot
    };

    void rebuild(std::size_t size) {
        std::vector<slot> old(size);
        old.swap(slots_);
        shift_ = 64 - std::countr_zero(size);
        for (const slot& s : old) {
            if (s.index == 0) continue;
            std::size_t at = home(s.tag);
            while (slots_[at].index != 0) at = (at + 1) & (slots_.size() - 1);
            slots_[at] = s;
        }
    }

    // Fibonacci hashing of the tag: its top bits, spread by the golden-ratio multiplier, pick the slot.
    [[nodiscard]] std::size_t home(std::uint32_t tag) const noexcept {
        return static_cast<std::size_t>((static_cast<std::uint64_t>(tag) * 0x9e3779b97f4a7c15ULL) >> shift_);
    }

    std::vector<slot> slots_;
    std::vector<std::uint32_t> lines_;
    int shift_ = 64;
    std::size_t count_ = 0;
};

/// The number of '\n' in `text`: what readers reserve their records and tables from (memchr runs several
/// times faster than std::count over bytes).
[[nodiscard]] inline std::size_t count_newlines(std::string_view text) noexcept {
    std::size_t n = 0;
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
        if (nl == nullptr) break;
        ++n;
        p = static_cast<const char*>(nl) + 1;
    }
    return n;
}

/// The finaliser of splitmix64: spreads every input bit over the output.
[[nodiscard]] constexpr std::uint64_t hash_mix(std::uint64_t x) noexcept {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// The hash of a text key. Its low bits pick the slot, so it goes through a final mix: std::hash of a
/// string_view is good, but not every standard library's is mixed in the low bits.
[[nodiscard]] inline std::uint64_t hash_key(std::string_view key) noexcept {
    return hash_mix(static_cast<std::uint64_t>(std::hash<std::string_view>{}(key)));
}

/// Combines a further part into a key's hash (for keys of several fields).
[[nodiscard]] constexpr std::uint64_t hash_combine(std::uint64_t seed, std::uint64_t part) noexcept {
    return hash_mix(seed ^ (part + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

}  // namespace vidata::formats::detail
