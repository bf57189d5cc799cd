// SPDX-License-Identifier: Apache-2.0
// Tests of the per-row kernels: the SIMD rank counts and argmax must equal their scalar definitions exactly.
#include <vidata/metrics/detail/row_kernels.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <limits>
#include <random>

namespace {

// The scalar definitions are usable at compile time; check them on a row with every special value.
using vidata::test::nan_d;
constexpr double row[] = {2, nan_d, -0.0, 2, 0.0, std::numeric_limits<double>::infinity(), nan_d, 2};
static_assert(vidata::detail::row_argmax_scalar(row, 8) == 1);  // the first NaN
static_assert(vidata::detail::row_argmax_scalar(row, 1) == 0);
constexpr double zeros[] = {-0.0, 0.0};
static_assert(vidata::detail::row_argmax_scalar(zeros, 2) == 0);  // -0.0 == 0.0: the first one
// Index 3 (2.0): greater are 2 NaNs and +inf; equal are indices 0, 3, 7, of which 0 comes before.
static_assert(vidata::detail::row_rank_counts_scalar(row, 8, 3).greater == 3);
static_assert(vidata::detail::row_rank_counts_scalar(row, 8, 3).equal_before == 1);
static_assert(vidata::detail::row_rank_counts_scalar(row, 8, 3).equal == 3);
// Index 6 (NaN): nothing above it, both NaNs equal, one before it.
static_assert(vidata::detail::row_rank_counts_scalar(row, 8, 6).greater == 0);
static_assert(vidata::detail::row_rank_counts_scalar(row, 8, 6).equal_before == 1);
static_assert(vidata::detail::row_rank_counts_scalar(row, 8, 6).equal == 2);
// Index 4 (0.0) equals -0.0 at index 2.
static_assert(vidata::detail::row_rank_counts_scalar(row, 8, 4).equal_before == 1);

template <typename T>
void compare_kernels(std::mt19937_64& rng) {
    for (int rep = 0; rep < 3000; ++rep) {
        const auto c = static_cast<Eigen::Index>(1 + rng() % 300);
        const int range = static_cast<int>(1 + rng() % 50);
        const int specials = rep % 3 == 0 ? 0 : static_cast<int>(rng() % 30);
        auto s = vidata::test::tied_scores<T>(rng, 1, c, range, specials);
        if (rep % 7 == 0) s.setConstant(-std::numeric_limits<T>::infinity());
        const T* p = s.data();
        INFO("row of " << c << " (" << vidata::test::dtype_name<T>() << ")");
        REQUIRE(vidata::detail::row_argmax(p, c) == vidata::detail::row_argmax_scalar(p, c));
        for (Eigen::Index at = 0; at < c; at += 1 + c / 10) {
            const auto simd = vidata::detail::row_rank_counts(p, c, at);
            const auto scalar = vidata::detail::row_rank_counts_scalar(p, c, at);
            REQUIRE(simd.greater == scalar.greater);
            REQUIRE(simd.equal_before == scalar.equal_before);
            REQUIRE(simd.equal == scalar.equal);
        }
    }
}

}  // namespace

TEST_CASE("row kernels: the SIMD paths equal the scalar definitions", "[metrics][row_kernels]") {
    std::mt19937_64 rng(61);
    compare_kernels<float>(rng);
    compare_kernels<double>(rng);
}
