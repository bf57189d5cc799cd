// SPDX-License-Identifier: Apache-2.0
// Helpers for the metrics tests: raw arrays handed to the numpy reference scripts, and their printed answers read back.
#pragma once

#include "support.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace vidata::test {

/// Writes `n` values as raw little-endian bytes, the layout np.fromfile reads.
template <typename T>
void write_raw(const std::filesystem::path& path, const T* data, std::size_t n) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(n * sizeof(T)));
    REQUIRE(out.good());
}

template <typename T>
void write_raw(const std::filesystem::path& path, const std::vector<T>& values) {
    write_raw(path, values.data(), values.size());
}

template <typename T>
[[nodiscard]] std::vector<T> read_raw(const std::filesystem::path& path) {
    const std::string bytes = read_file(path);
    REQUIRE(bytes.size() % sizeof(T) == 0);
    std::vector<T> out(bytes.size() / sizeof(T));
    std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
}

/// The numpy dtype name of a C++ scalar.
template <typename T>
[[nodiscard]] std::string dtype_name() {
    if constexpr (std::is_same_v<T, float>) return "float32";
    else if constexpr (std::is_same_v<T, double>) return "float64";
    else return "int64";
}

/// Parses whitespace-separated numbers as python's repr prints them ('nan', 'inf', '-inf' included).
[[nodiscard]] inline std::vector<double> parse_numbers(const std::string& text) {
    std::istringstream in(text);
    std::vector<double> out;
    std::string word;
    while (in >> word) {
        char* end = nullptr;
        const double v = std::strtod(word.c_str(), &end);
        INFO("unexpected output from the python reference: " << text);
        REQUIRE(end == word.c_str() + word.size());
        out.push_back(v);
    }
    return out;
}

/// Runs tests/python/metrics_reference.py COMMAND DIR ARGS and returns the numbers it printed.
[[nodiscard]] inline std::vector<double> reference(const std::string& command, const temp_dir& dir,
                                                   const std::string& args) {
    const auto r = run_python("metrics_reference.py", command + " " + shell_quote(dir.path().string()) + " " + args);
    INFO(r.output);
    REQUIRE(r.status == 0);
    return parse_numbers(r.output);
}

/// a and b agree to 1e-9 relative (absolute near 0), or are both NaN, or the same infinity.
[[nodiscard]] inline bool close(double a, double b, double rel = 1e-9) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b)) return a == b;
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

template <typename T>
using row_major = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// N × C scores drawn from `range` small integers (so ties are everywhere), a `special_permille` share of them
/// replaced by NaN, +inf, -inf or -0.0.
template <typename T>
[[nodiscard]] row_major<T> tied_scores(std::mt19937_64& rng, Eigen::Index n, Eigen::Index c, int range,
                                       int special_permille = 0) {
    row_major<T> s(n, c);
    const T specials[] = {std::numeric_limits<T>::quiet_NaN(), std::numeric_limits<T>::infinity(),
                          -std::numeric_limits<T>::infinity(), T(-0.0)};
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < c; ++j) {
            s(i, j) = static_cast<T>(static_cast<int>(rng() % static_cast<unsigned>(range))) / T(4);
            if (static_cast<int>(rng() % 1000) < special_permille) s(i, j) = specials[rng() % 4];
        }
    return s;
}

/// N labels in [0, c).
[[nodiscard]] inline std::vector<std::int64_t> random_labels(std::mt19937_64& rng, std::size_t n, std::int64_t c) {
    std::vector<std::int64_t> labels(n);
    for (auto& l : labels) l = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(c));
    return labels;
}

}  // namespace vidata::test
