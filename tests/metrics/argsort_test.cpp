// SPDX-License-Identifier: Apache-2.0
// Tests of numpy_argsort and stable_argsort: hand-traced cases at compile time, numpy's np.argsort on many tied rows.
#include <vidata/metrics/argsort.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using vidata::test::temp_dir;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

template <typename T, std::size_t N>
constexpr std::array<std::int64_t, N> argsort_of(const std::array<T, N>& values) {
    std::array<std::int64_t, N> order{};
    vidata::numpy_argsort(values, order);
    return order;
}

// Up to 16 elements numpy only insertion-sorts, which is stable: equal values keep their index order.
static_assert(argsort_of(std::array<float, 4>{1, 0, 1, 0}) == std::array<std::int64_t, 4>{1, 3, 0, 2});
// NaN after +inf; -0.0 equals 0.0 and keeps its place. np.argsort([nan, 1, -inf, 0, -0, inf, 1]).
static_assert(argsort_of(std::array<double, 7>{nan_v, 1, -inf_v, 0.0, -0.0, inf_v, 1}) ==
              std::array<std::int64_t, 7>{2, 3, 4, 1, 6, 5, 0});
// 17 equal values take one partition. Traced by hand: median-of-3 swaps nothing; the pivot (index 8) goes to
// slot 15; i and j stop on every element (nothing is less than an equal pivot) and swap slots 1..7 with
// 14..8 (slot 8 holding 15 after the pivot move); i stops at 8, which receives the pivot back and hands
// 7 to slot 15; both sides (8 elements each) are then insertion-sorted, which moves nothing.
// np.argsort(np.zeros(17, np.float32)) prints the same.
static_assert(argsort_of(std::array<float, 17>{}) ==
              std::array<std::int64_t, 17>{0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16});
static_assert(argsort_of(std::array<std::int64_t, 3>{5, -1, 5}) == std::array<std::int64_t, 3>{1, 0, 2});

// McIlroy's adversary ("A killer adversary for quicksort", 1999): values are decided lazily, always against
// the pivot candidate, so every partition is as lopsided as the comparisons allow. Replaying the values it
// settled on drives numpy's introsort past its depth limit into heapsort.
struct adversary {
    std::vector<std::int64_t> value;
    std::int64_t gas;
    std::int64_t solid = 0;
    std::int64_t candidate = 0;

    explicit adversary(std::int64_t n) : value(static_cast<std::size_t>(n), n), gas(n) {}
    bool operator()(std::int64_t x, std::int64_t y) {
        auto& vx = value[static_cast<std::size_t>(x)];
        auto& vy = value[static_cast<std::size_t>(y)];
        if (vx == gas && vy == gas) (x == candidate ? vx : vy) = solid++;
        if (vx == gas) candidate = x;
        else if (vy == gas) candidate = y;
        return vx < vy;
    }
};

std::vector<double> killer_row(std::int64_t n) {
    adversary adv(n);
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int64_t>(i);
    vidata::detail::numpy_aquicksort(std::span<std::int64_t>(order), [&adv](std::int64_t a, std::int64_t b) { return adv(a, b); });
    return {adv.value.begin(), adv.value.end()};
}

// Rows full of ties: small integers, NaN, infinities and signed zeros, plus sorted, reversed, organ-pipe and
// adversarial rows, and every length from 1 to 40 (around the 16-element insertion-sort threshold).
std::vector<std::vector<double>> tied_rows(std::mt19937_64& rng, bool with_specials) {
    std::vector<std::vector<double>> rows;
    std::uniform_int_distribution<int> length(1, 500);
    const std::array<int, 8> ranges{1, 2, 3, 4, 7, 16, 100, 100000};
    auto fill = [&](std::size_t n) {
        std::vector<double> row(n);
        const int range = ranges[rng() % ranges.size()];
        const int special_permille = with_specials ? static_cast<int>(rng() % 4) * 50 : 0;
        for (double& v : row) {
            v = static_cast<double>(static_cast<int>(rng() % static_cast<unsigned>(range)) - range / 3);
            if (static_cast<int>(rng() % 1000) < special_permille) {
                const std::array<double, 5> specials{nan_v, inf_v, -inf_v, -0.0, 0.0};
                v = specials[rng() % specials.size()];
            }
        }
        return row;
    };
    for (std::size_t n = 1; n <= 40; ++n)
        for (int rep = 0; rep < 8; ++rep) rows.push_back(fill(n));
    for (int rep = 0; rep < 2000; ++rep) rows.push_back(fill(static_cast<std::size_t>(length(rng))));
    for (const std::size_t n : {17u, 100u, 257u, 500u}) {
        std::vector<double> up(n), down(n), pipe(n);
        for (std::size_t i = 0; i < n; ++i) {
            up[i] = static_cast<double>(i / 3);
            down[i] = static_cast<double>((n - i) / 3);
            pipe[i] = static_cast<double>(std::min(i, n - 1 - i));
        }
        rows.push_back(up);
        rows.push_back(down);
        rows.push_back(pipe);
    }
    return rows;
}

template <typename T>
void check_against_numpy(const std::vector<std::vector<double>>& rows, const std::string& kind) {
    temp_dir dir;
    std::vector<std::int64_t> lengths;
    std::vector<T> values;
    for (const auto& row : rows) {
        lengths.push_back(static_cast<std::int64_t>(row.size()));
        for (const double v : row) values.push_back(static_cast<T>(v));
    }
    vidata::test::write_raw(dir / "lengths.bin", lengths);
    vidata::test::write_raw(dir / "values.bin", values);
    const auto r = vidata::test::run_python(
        "metrics_argsort.py", vidata::test::dtype_name<T>() + " " + vidata::test::shell_quote((dir / "lengths.bin").string()) +
                                  " " + vidata::test::shell_quote((dir / "values.bin").string()) + " " +
                                  vidata::test::shell_quote((dir / "out.bin").string()) + " " + kind);
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto expected = vidata::test::read_raw<std::int64_t>(dir / "out.bin");
    REQUIRE(expected.size() == values.size());

    std::size_t offset = 0;
    std::size_t mismatches = 0;
    for (const auto& row : rows) {
        const std::span<const T> v(values.data() + offset, row.size());
        const auto got = kind == "quicksort" ? vidata::numpy_argsort(v) : vidata::stable_argsort(v);
        const std::vector<std::int64_t> want(expected.begin() + static_cast<std::ptrdiff_t>(offset),
                                             expected.begin() + static_cast<std::ptrdiff_t>(offset + row.size()));
        if (got != want && ++mismatches <= 3) {
            std::string text;
            for (const T x : v) text += std::to_string(x) + " ";
            UNSCOPED_INFO("row of " << row.size() << " values differs from numpy: " << text);
        }
        offset += row.size();
    }
    CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("numpy_argsort: numpy's own order on rows full of ties, NaN and infinities", "[metrics][argsort][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(20240611);
    auto rows = tied_rows(rng, true);

    // Adversarial rows reach the heapsort fallback: prove it, then let numpy confirm the order there too.
    vidata::detail::introsort_trace trace;
    for (const std::int64_t n : {64, 100, 200, 333, 500}) {
        rows.push_back(killer_row(n));
        std::vector<std::int64_t> order(static_cast<std::size_t>(n));
        vidata::detail::numpy_argsort_into(std::span<const double>(rows.back()), std::span<std::int64_t>(order), &trace);
    }
    CHECK(trace.heapsorts > 0);
    CHECK(trace.partitions > 0);

    SECTION("float32") { check_against_numpy<float>(rows, "quicksort"); }
    SECTION("float64") { check_against_numpy<double>(rows, "quicksort"); }
    SECTION("int64 (no NaN, same introsort)") {
        auto int_rows = tied_rows(rng, false);
        check_against_numpy<std::int64_t>(int_rows, "quicksort");
    }
}

TEST_CASE("stable_argsort: np.argsort(kind='mergesort') on rows full of ties", "[metrics][argsort][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(7);
    const auto rows = tied_rows(rng, true);
    check_against_numpy<float>(rows, "mergesort");
    check_against_numpy<double>(rows, "mergesort");
}

TEST_CASE("numpy_argsort: properties", "[metrics][argsort]") {
    std::mt19937_64 rng(3);
    for (const auto& row : tied_rows(rng, true)) {
        const auto order = vidata::numpy_argsort(row);
        // A permutation, sorted in numpy's order (NaN last).
        std::vector<bool> seen(row.size());
        for (const auto i : order) seen[static_cast<std::size_t>(i)] = true;
        CHECK(std::find(seen.begin(), seen.end(), false) == seen.end());
        for (std::size_t p = 1; p < order.size(); ++p)
            CHECK_FALSE(vidata::detail::numpy_less(row[static_cast<std::size_t>(order[p])],
                                                   row[static_cast<std::size_t>(order[p - 1])]));
    }
}

TEST_CASE("numpy_argsort: sorting only a kept range fills it exactly as the full sort does", "[metrics][argsort]") {
    std::mt19937_64 rng(13);
    auto rows = tied_rows(rng, true);
    for (const std::int64_t n : {100, 500}) rows.push_back(killer_row(n));  // the heapsort path too
    for (const auto& row : rows) {
        const auto n = static_cast<std::int64_t>(row.size());
        const auto full = vidata::numpy_argsort(row);
        for (int rep = 0; rep < 4; ++rep) {
            std::int64_t begin = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(n));
            std::int64_t end = begin + 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(n - begin));
            if (rep == 0) {  // the top-k use: the last k places
                end = n;
                begin = std::max<std::int64_t>(n - 1 - static_cast<std::int64_t>(rng() % 20), 0);
            }
            std::vector<std::int64_t> partial(row.size());
            vidata::detail::numpy_argsort_into(std::span<const double>(row), std::span<std::int64_t>(partial), nullptr,
                                               begin, end);
            INFO("n " << n << " keep [" << begin << ", " << end << ")");
            REQUIRE(std::equal(full.begin() + begin, full.begin() + end, partial.begin() + begin));
        }
    }
}

TEST_CASE("numpy_argsort: an output of the wrong length is refused", "[metrics][argsort]") {
    const std::vector<float> values{3, 1, 2};
    std::vector<std::int64_t> order(2);
    CHECK_THROWS_AS(vidata::numpy_argsort(values, order), vidata::invalid_argument);
    CHECK_THROWS_WITH(vidata::stable_argsort(values, order), Catch::Contains("3 values"));
    CHECK(vidata::numpy_argsort(std::vector<double>{}).empty());
}
