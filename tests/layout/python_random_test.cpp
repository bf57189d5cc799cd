// SPDX-License-Identifier: Apache-2.0
#include <vidata/layout/python_random.hpp>

#include "../support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace python_random_test {

/// What the C++ generator gives for the same calls the python script makes, formatted as the script prints.
std::string draws(std::int64_t seed, std::size_t n) {
    vidata::layouts::python_random g(seed);
    std::vector<std::size_t> items(n);
    std::iota(items.begin(), items.end(), std::size_t{0});
    g.shuffle(items);
    std::ostringstream out;
    for (std::size_t i = 0; i < items.size(); ++i) out << (i ? " " : "") << items[i];
    out << '\n';
    for (int k : {1, 7, 31, 32, 33, 64}) out << g.getrandbits(k) << '\n';
    return out.str();
}

}  // namespace python_random_test

TEST_CASE("python_random: random.seed(int) + random.shuffle + getrandbits equal python3's, bit for bit", "[layout][python]") {
    if (!vidata::test::python_oracle_available()) return;
    // Seeds with one word, two words (2^32 and above), zero, negatives (abs taken) and the int64 extremes.
    const std::int64_t seeds[] = {0, 1, 42, 123, -7, 4294967295LL, 4294967296LL, 1099511627776LL + 12345, INT64_MAX, INT64_MIN};
    for (const std::int64_t seed : seeds) {
        for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{10}, std::size_t{1000}}) {
            CAPTURE(seed, n);
            const auto r = vidata::test::run_python("python_random_reference.py", std::to_string(seed) + " " + std::to_string(n));
            REQUIRE(r.status == 0);
            CHECK(python_random_test::draws(seed, n) == r.output);
        }
    }
}

TEST_CASE("python_random: below(n) stays below n and hits every value", "[layout]") {
    vidata::layouts::python_random g(5);
    std::vector<int> seen(7, 0);
    for (int i = 0; i < 700; ++i) {
        const auto v = g.below(7);
        REQUIRE(v < 7);
        ++seen[v];
    }
    for (int c : seen) CHECK(c > 0);
}
