// SPDX-License-Identifier: Apache-2.0
// voc_average_precision: hand-computed curves, the reference's input checks, numpy's pairwise sum bit for bit.
#include <vidata/metrics/voc_average_precision.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using vidata::voc_average_precision;

// The curve of a ranking: tp flags in rank order, num_gt positives.
void curve(const std::vector<int>& tp, int num_gt, std::vector<double>& p, std::vector<double>& r) {
    p.clear();
    r.clear();
    int hits = 0;
    for (std::size_t i = 0; i < tp.size(); ++i) {
        hits += tp[i];
        p.push_back(static_cast<double>(hits) / static_cast<double>(i + 1));
        r.push_back(static_cast<double>(hits) / num_gt);
    }
}

constexpr double sum_of(std::initializer_list<double> v) {
    std::array<double, 300> a{};
    std::size_t n = 0;
    for (double x : v) a[n++] = x;
    return vidata::detail::numpy_sum(std::span<const double>(a.data(), n));
}
static_assert(sum_of({}) == 0.0);
static_assert(sum_of({1.0, 2.0, 3.0}) == 6.0);

}  // namespace

TEST_CASE("voc_average_precision: hand-computed rankings", "[metrics][voc_average_precision]") {
    std::vector<double> p, r;
    // TP, FP, TP of 2 positives: precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1. Smoothed: 1 up to recall 1/2,
    // then 2/3: AP = 1/2 * 1 + 1/2 * 2/3.
    curve({1, 0, 1}, 2, p, r);
    CHECK(voc_average_precision(p, r) == Approx(0.5 + 1.0 / 3.0).epsilon(1e-15));
    // Perfect ranking.
    curve({1, 1, 1}, 3, p, r);
    CHECK(voc_average_precision(p, r) == 1.0);
    // Only false positives: recall never moves before the appended 1, whose precision is the appended 0.
    curve({0, 0, 0}, 4, p, r);
    CHECK(voc_average_precision(p, r) == 0.0);
    // Half of the positives found, both first: area 1/2.
    curve({1, 1, 0, 0}, 4, p, r);
    CHECK(voc_average_precision(p, r) == 0.5);
    // FP first then TP: the smoothed precision at recall 1 is 1/2.
    curve({0, 1}, 1, p, r);
    CHECK(voc_average_precision(p, r) == 0.5);
    // A later, higher precision lifts earlier points (the running maximum from the right).
    curve({1, 0, 0, 1, 1}, 3, p, r);  // p = 1, .5, 1/3, .5, .6 ; r = 1/3, 1/3, 1/3, 2/3, 1
    CHECK(voc_average_precision(p, r) == Approx(1.0 / 3 * 1 + 1.0 / 3 * 0.6 + 1.0 / 3 * 0.6).epsilon(1e-15));
    // Empty curve: 0, as the reference returns for a class with ground truth and no detection.
    CHECK(voc_average_precision(std::span<const double>(), std::span<const double>()) == 0.0);
}

TEST_CASE("voc_average_precision: the reference's input checks", "[metrics][voc_average_precision]") {
    const std::vector<double> p{1.0, 0.5}, r{0.5, 0.5};
    const std::vector<double> shorter{0.5};
    CHECK_THROWS_AS(voc_average_precision(p, shorter), vidata::invalid_argument);
    CHECK_THROWS_WITH(voc_average_precision(std::vector<double>{1.5, 0.5}, r), Catch::Contains("precision[0] = 1.5"));
    CHECK_THROWS_WITH(voc_average_precision(p, std::vector<double>{0.5, -0.1}), Catch::Contains("outside [0, 1]"));
    CHECK_THROWS_WITH(voc_average_precision(p, std::vector<double>{0.6, 0.5}), Catch::Contains("non-decreasing"));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // A NaN recall fails `recall[i] <= recall[i+1]`, as in the reference; a NaN precision passes its range
    // check (np.amin/np.amax return NaN and NaN < 0 is false) and propagates.
    CHECK_THROWS_AS(voc_average_precision(p, std::vector<double>{nan, 0.5}), vidata::invalid_argument);
    CHECK(std::isnan(voc_average_precision(std::vector<double>{nan, 0.5}, r)));
}

TEST_CASE("voc_average_precision: equal to numpy's compute_average_precision, and np.sum bit for bit",
          "[metrics][voc_average_precision][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(11);
    std::vector<double> p, r, workspace;
    for (int trial = 0; trial < 12; ++trial) {
        const int n = trial < 4 ? trial * 7 + 1 : static_cast<int>(rng() % 3000) + 100;  // past numpy's 128 blocks
        const int num_gt = static_cast<int>(rng() % static_cast<std::uint64_t>(n)) + 1;
        std::vector<int> tp(static_cast<std::size_t>(n));
        int hits = 0;
        for (int& t : tp) {
            t = hits < num_gt && rng() % 3 == 0 ? 1 : 0;
            hits += t;
        }
        curve(tp, num_gt, p, r);
        vidata::test::temp_dir dir;
        vidata::test::write_raw(dir / "precision.bin", p);
        vidata::test::write_raw(dir / "recall.bin", r);
        const auto expected = vidata::test::run_python(
            "ava_reference.py", "voc " + vidata::test::shell_quote(dir.path().string()) + " " + std::to_string(n));
        INFO(expected.output);
        REQUIRE(expected.status == 0);
        const auto want = vidata::test::parse_numbers(expected.output);
        REQUIRE(want.size() == 1);
        CHECK(voc_average_precision(p, r, workspace) == want[0]);  // the same sum in the same order: bit for bit
    }
    for (const std::size_t n : std::array<std::size_t, 13>{0, 1, 7, 8, 9, 127, 128, 129, 255, 256, 257, 1000, 5000}) {
        std::vector<double> v(n);
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        for (double& x : v) x = u(rng) * std::pow(10.0, static_cast<double>(rng() % 12));
        vidata::test::temp_dir dir;
        vidata::test::write_raw(dir / "values.bin", v);
        const auto expected = vidata::test::run_python(
            "ava_reference.py", "sum " + vidata::test::shell_quote(dir.path().string()) + " " + std::to_string(n));
        REQUIRE(expected.status == 0);
        const auto want = vidata::test::parse_numbers(expected.output);
        INFO("n = " << n);
        CHECK(vidata::detail::numpy_sum(v) == want.at(0));
    }
}
