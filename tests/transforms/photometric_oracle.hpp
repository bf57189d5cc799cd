// SPDX-License-Identifier: Apache-2.0
// Helpers of the photometric and pose transform tests: raw arrays exchanged with tests/python/transforms_oracle.py.
#pragma once

#include "support.hpp"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace vidata::test::photometric {

/// Writes values as raw little-endian bytes, the layout np.fromfile reads.
template <class T>
void write_values(const std::filesystem::path& path, std::span<const T> values) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size_bytes()));
    REQUIRE(out.good());
}

template <class T>
[[nodiscard]] std::vector<T> read_values(const std::filesystem::path& path) {
    const std::string bytes = read_file(path);
    REQUIRE(bytes.size() % sizeof(T) == 0);
    std::vector<T> out(bytes.size() / sizeof(T));
    if (!out.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
}

/// Runs `transforms_oracle.py COMMAND DIR ARGS`; fails the test with its output when it fails.
inline void run_oracle(const std::string& command, const temp_dir& dir, const std::string& args) {
    const auto r = run_python("transforms_oracle.py", command + " " + shell_quote(dir.path().string()) + " " + args);
    INFO(r.output);
    REQUIRE(r.status == 0);
}

/// `n` bytes from a fixed-seed generator (std::mt19937's output is specified by the standard).
[[nodiscard]] inline std::vector<std::uint8_t> random_bytes(std::size_t n, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::vector<std::uint8_t> out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(gen() >> 24);
    return out;
}

}  // namespace vidata::test::photometric
