// SPDX-License-Identifier: Apache-2.0
// numpy_random_state against numpy's own legacy np.random (tests/python/sampler_reference.py): the state after
// seeding, randint on every width path, random_sample / uniform to the last bit, choice and permutation.
#include <vidata/core/numpy_random.hpp>

#include "sampling/oracle.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace numpy_random_test {

using nlohmann::json;

vidata::numpy_random_state seeded(const json& seed) {
    vidata::numpy_random_state g;
    if (seed.is_number()) {
        g.seed(seed.get<std::uint32_t>());
    } else {
        const std::vector<std::uint32_t> keys = seed;
        g.seed(std::span<const std::uint32_t>(keys));
    }
    return g;
}

double from_hex(const json& text) { return std::strtod(text.get<std::string>().c_str(), nullptr); }

const std::vector<std::uint32_t> int_seeds{0, 1, 2, 7, 42, 255, 1000, 65535, 123456789, 2147483647, 4294967295u};

}  // namespace numpy_random_test

TEST_CASE("numpy_random_state seeds as np.random.seed does, for integer and array seeds", "[core][numpy_random]") {
    using numpy_random_test::json;
    json cases = json::array();
    for (const auto s : numpy_random_test::int_seeds) cases.push_back({{"op", "state"}, {"seed", s}});
    std::vector<std::uint32_t> long_key(700);
    for (std::size_t i = 0; i < long_key.size(); ++i) long_key[i] = static_cast<std::uint32_t>(i * 2654435761u);
    for (const json& key : {json{1, 2, 3}, json{0}, json{4294967295u, 5}, json(long_key)})
        cases.push_back({{"op", "state"}, {"seed", key}});
    const json answers = vidata::test::sampling::reference_answers(cases);
    if (answers.is_null()) return;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("seed " << cases[i]["seed"].dump().substr(0, 60));
        const auto g = numpy_random_test::seeded(cases[i]["seed"]);
        const std::vector<std::uint32_t> key = answers[i]["key"];
        CHECK(std::equal(key.begin(), key.end(), g.key().begin(), g.key().end()));
        CHECK(g.position() == answers[i]["pos"].get<std::size_t>());
    }
}

TEST_CASE("numpy_random_state::randint equals np.random.randint on the 32-bit, 64-bit and no-draw paths", "[core][numpy_random]") {
    using numpy_random_test::json;
    constexpr std::int64_t two32 = std::int64_t{1} << 32;
    const std::vector<std::array<std::int64_t, 2>> ranges{
        {0, 1}, {0, 2}, {0, 3}, {0, 7}, {0, 8}, {0, 9}, {-5, 3}, {-8, 8}, {10, 11}, {0, 1000}, {0, 1 << 30},
        {0, (std::int64_t{1} << 31) + 1}, {0, two32 - 1}, {0, two32}, {0, two32 + 1}, {-two32, two32}, {0, std::int64_t{1} << 40},
        {0, (std::int64_t{1} << 40) + 12345}, {-(std::int64_t{1} << 62), std::int64_t{1} << 62},
        {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}};
    json cases = json::array();
    for (const auto s : numpy_random_test::int_seeds)
        for (const auto& [low, high] : ranges) cases.push_back({{"op", "randint"}, {"seed", s}, {"low", low}, {"high", high}, {"size", 40}});
    // An array of upper bounds (UniformSampleFrames' np.random.randint(np.diff(bids))) goes through numpy's broadcast path.
    for (const auto s : numpy_random_test::int_seeds)
        cases.push_back({{"op", "randint_array"}, {"seed", s}, {"high", {2, 3, 3, 2, 5, 17, 1, 1, 1000, 4, 4, 4, two32 + 3, 2}}});
    const json answers = vidata::test::sampling::reference_answers(cases);
    if (answers.is_null()) return;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const json& c = cases[i];
        INFO(c.dump());
        auto g = numpy_random_test::seeded(c["seed"]);
        std::vector<std::int64_t> got;
        if (c["op"] == "randint") {
            for (int k = 0; k < 40; ++k) got.push_back(g.randint(c["low"].get<std::int64_t>(), c["high"].get<std::int64_t>()));
        } else {
            for (const auto& h : c["high"]) got.push_back(g.randint(h.get<std::int64_t>()));
        }
        CHECK(got == answers[i]["values"].get<std::vector<std::int64_t>>());
    }
}

TEST_CASE("numpy_random_state::random_sample and uniform equal numpy's doubles bit for bit", "[core][numpy_random]") {
    using numpy_random_test::json;
    const std::vector<std::array<double, 2>> bounds{{0.0, 1.0}, {0.0, 2.5}, {-3.0, 7.25}, {0.0, 1e-3}, {5.0, 5.0}, {0.0, 10.0 / 3.0}};
    json cases = json::array();
    for (const auto s : numpy_random_test::int_seeds) {
        cases.push_back({{"op", "random_sample"}, {"seed", s}, {"size", 30}});
        for (const auto& [low, high] : bounds) cases.push_back({{"op", "uniform"}, {"seed", s}, {"low", low}, {"high", high}, {"size", 30}});
    }
    const json answers = vidata::test::sampling::reference_answers(cases);
    if (answers.is_null()) return;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const json& c = cases[i];
        INFO(c.dump());
        auto g = numpy_random_test::seeded(c["seed"]);
        for (const auto& expected : answers[i]["values"]) {
            const double got = c["op"] == "uniform" ? g.uniform(c["low"].get<double>(), c["high"].get<double>()) : g.random_sample();
            CHECK(got == numpy_random_test::from_hex(expected));
        }
    }
}

TEST_CASE("numpy_random_state::choice_without_replacement and permutation equal numpy's", "[core][numpy_random]") {
    using numpy_random_test::json;
    json cases = json::array();
    for (const auto s : numpy_random_test::int_seeds) {
        for (const std::size_t n : {0u, 1u, 2u, 3u, 10u, 49u, 100u, 1000u}) cases.push_back({{"op", "permutation"}, {"seed", s}, {"n", n}});
        // UniformSampleFrames(clip_len=48) on a 48..95-frame video: choice(49, N - 48, replace=False), k = 0 included.
        for (const std::size_t k : {0u, 1u, 5u, 24u, 47u, 49u}) cases.push_back({{"op", "choice"}, {"seed", s}, {"n", 49}, {"k", k}});
        cases.push_back({{"op", "choice"}, {"seed", s}, {"n", 6}, {"k", 3}});
    }
    const json answers = vidata::test::sampling::reference_answers(cases);
    if (answers.is_null()) return;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const json& c = cases[i];
        INFO(c.dump());
        auto g = numpy_random_test::seeded(c["seed"]);
        const auto got = c["op"] == "permutation" ? g.permutation(c["n"].get<std::size_t>())
                                                  : g.choice_without_replacement(c["n"].get<std::size_t>(), c["k"].get<std::size_t>());
        CHECK(got == answers[i]["values"].get<std::vector<std::int64_t>>());
    }
}

TEST_CASE("numpy_random_state's 32-bit stream is MT19937's", "[core][numpy_random]") {
    // A second implementation: the standard library's mt19937 with the same init_genrand seeding.
    for (const auto s : numpy_random_test::int_seeds) {
        vidata::numpy_random_state g(s);
        std::mt19937 reference(s);
        for (int i = 0; i < 2000; ++i) REQUIRE(g() == reference());
    }
    // randint(1) and randint(k, k + 1) draw nothing, as numpy's do.
    vidata::numpy_random_state a(3), b(3);
    CHECK(a.randint(1) == 0);
    CHECK(a.randint(9, 10) == 9);
    CHECK(a == b);
}
