// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::shard: one of N disjoint slices of a sorted work list, as `--shard K/N` names it.
#pragma once

#include <vidata/core/error.hpp>

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

namespace vidata::prepare {

/// One of N disjoint slices of a sorted list: the items i with i mod count == index. N processes given 0/N ... N-1/N
/// (a Slurm job array, MPI ranks) cover every item exactly once.
struct shard {
    std::size_t index = 0;  ///< K, 0-based
    std::size_t count = 1;  ///< N

    friend constexpr bool operator==(const shard&, const shard&) = default;
};

/// "K/N" with 0 <= K < N, as `--shard` takes it. Throws invalid_argument otherwise.
[[nodiscard]] inline shard parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    shard s;
    const auto number = [&](std::string_view part, std::size_t& out) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc{} && end == part.data() + part.size() && !part.empty();
    };
    if (slash == std::string_view::npos || !number(text.substr(0, slash), s.index) || !number(text.substr(slash + 1), s.count) ||
        s.count == 0 || s.index >= s.count)
        throw invalid_argument("--shard: expected K/N with 0 <= K < N (e.g. 0/4), got '" + std::string(text) + "'");
    return s;
}

}  // namespace vidata::prepare
