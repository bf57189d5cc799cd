// SPDX-License-Identifier: Apache-2.0
// Tests of the precision-recall curve, average precision and both mAPs: hand-computed, numpy as oracle, properties.
#include <vidata/metrics/average_precision.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <Eigen/Core>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {
using vidata::test::row_major;
using vidata::test::nan_d;
constexpr double inf_d = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("average_precision: hand-computed curves", "[metrics][average_precision]") {
    SECTION("sklearn's documented example: AP = 0.8333...") {
        // Scores decreasing: 0.8 (pos), 0.4 (neg), 0.35 (pos), 0.1 (neg). Cumulative TP 1, 1, 2, 2 at 1..4
        // retrieved: precision 1, 1/2, 2/3, 1/2, recall 1/2, 1/2, 1, 1. Full recall first at the third point;
        // reversed and completed: precision (2/3, 1/2, 1, 1), recall (1, 1/2, 1/2, 0).
        // AP = -[(1/2 - 1)·2/3 + (1/2 - 1/2)·1/2 + (0 - 1/2)·1] = 1/3 + 1/2 = 5/6.
        const std::array<float, 4> score{0.1f, 0.4f, 0.35f, 0.8f};
        const std::array<int, 4> truth{0, 0, 1, 1};
        const auto curve = vidata::binary_precision_recall_curve(score, truth);
        CHECK(curve.precision == std::vector<double>{2.0 / 3, 0.5, 1.0, 1.0});
        CHECK(curve.recall == std::vector<double>{1.0, 0.5, 0.5, 0.0});
        CHECK(curve.thresholds == std::vector<double>{static_cast<double>(0.35f), static_cast<double>(0.4f),
                                                      static_cast<double>(0.8f)});
        CHECK(vidata::average_precision(score, truth) == Approx(5.0 / 6).epsilon(1e-15));
    }
    SECTION("tied scores form one threshold") {
        // Both at 0.5: one point with 1 TP of 2 retrieved, precision 1/2, recall 1 -> AP = -(0 - 1)·1/2 = 1/2.
        CHECK(vidata::average_precision(std::array{0.5, 0.5}, std::array{1, 0}) == 0.5);
        // Only entries equal to 1 are positives (`y_true == 1`): 2 is a negative.
        CHECK(vidata::average_precision(std::array{0.9, 0.1}, std::array{2, 1}) == 0.5);
    }
    SECTION("no positive: recall is 0/0 and AP is NaN") {
        CHECK(std::isnan(vidata::average_precision(std::array{0.2, 0.7}, std::array{0, 0})));
        const auto curve = vidata::binary_precision_recall_curve(std::array{0.2, 0.7}, std::array{0, 0});
        REQUIRE(curve.recall.size() == 2);
        CHECK(std::isnan(curve.recall[0]));
        CHECK(curve.recall[1] == 0.0);
    }
    SECTION("NaN scores rank first, and equal infinities are distinct thresholds (inf - inf is NaN, not 0)") {
        // Decreasing order: NaN (neg), +inf (index 2, pos), +inf (index 1, neg: later index first among ties),
        // 1 (pos). Thresholds: all four, since NaN - x and inf - inf are NaN. TP 0, 1, 1, 2 of 1..4:
        // precision 0, 1/2, 1/3, 1/2; recall 0, 1/2, 1/2, 1. Reversed: precision (1/2, 1/3, 1/2, 0, 1),
        // recall (1, 1/2, 1/2, 0, 0). AP = -[(1/2 - 1)·1/2 + 0 + (0 - 1/2)·1/2 + 0] = 1/2.
        const std::array<double, 4> score{nan_d, inf_d, inf_d, 1.0};
        const std::array<int, 4> truth{0, 0, 1, 1};
        const auto curve = vidata::binary_precision_recall_curve(score, truth);
        CHECK(curve.precision == std::vector<double>{0.5, 1.0 / 3, 0.5, 0.0, 1.0});
        CHECK(vidata::average_precision(score, truth) == 0.5);
    }
    SECTION("errors") {
        CHECK_THROWS_WITH(vidata::average_precision(std::array{0.5}, std::array{1, 0}),
                          Catch::Contains("got 1 scores and 2 ground-truth entries"));
        CHECK_THROWS_AS(vidata::average_precision(std::vector<float>{}, std::vector<int>{}), vidata::invalid_argument);
    }
}

TEST_CASE("mean_average_precision and mmit_mean_average_precision: hand-computed", "[metrics][average_precision]") {
    row_major<float> scores(3, 3);
    scores << 0.9f, 0.1f, 0.5f,  //
        0.2f, 0.8f, 0.5f,        //
        0.4f, 0.3f, 0.5f;
    Eigen::Matrix<std::int64_t, 3, 3, Eigen::RowMajor> labels;
    labels << 1, 0, 0,  //
        0, 1, 0,        //
        1, 0, 0;
    // Class 0: scores (0.9 pos, 0.4 pos, 0.2 neg): both positives first -> AP 1.
    // Class 1: (0.8 pos, 0.3, 0.1) -> AP 1. Class 2: no positive -> NaN, dropped. mAP = (1 + 1) / 2 = 1.
    CHECK(vidata::mean_average_precision(scores, labels) == 1.0);
    // Per sample: row 0 ranks its positive (0.9) first -> 1; row 1 (0.8) first -> 1; row 2 ranks its positive
    // 0.4 below 0.5: precision 1/2 at full recall -> AP 1/2. Mean = 2.5 / 3.
    CHECK(vidata::mmit_mean_average_precision(scores, labels) == Approx(2.5 / 3).epsilon(1e-15));

    const Eigen::Matrix<bool, 3, 3> none = Eigen::Matrix<bool, 3, 3>::Constant(false);
    CHECK(std::isnan(vidata::mean_average_precision(scores, none)));      // every class NaN -> NaN
    CHECK(std::isnan(vidata::mmit_mean_average_precision(scores, none)));  // NaN propagates
    Eigen::Matrix<double, 3, 3, Eigen::RowMajor> as_double = labels.cast<double>();
    as_double(2, 0) = 0;  // sample 2 now has no positive: MMIT mAP becomes NaN, class mAP does not
    CHECK(std::isnan(vidata::mmit_mean_average_precision(scores, as_double)));
    CHECK(vidata::mean_average_precision(scores, as_double) == 1.0);
    CHECK_THROWS_WITH(vidata::mean_average_precision(scores, labels.leftCols(2)),
                      Catch::Contains("scores are 3 x 3 but labels are 3 x 2"));
}

TEST_CASE("average precision: numpy's curve and mAPs agree", "[metrics][average_precision][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(53);
    for (const auto& [n, c, range, specials] : {std::tuple{300, 40, 6, 0}, std::tuple{200, 25, 1000, 0},
                                                std::tuple{100, 10, 3, 50}, std::tuple{500, 3, 2, 10}}) {
        auto check = [&]<typename T>(T) {
            const auto scores = vidata::test::tied_scores<T>(rng, n, c, range, specials);
            row_major<std::int64_t> truth(n, c);
            for (Eigen::Index i = 0; i < truth.size(); ++i) truth.data()[i] = (rng() % 5 == 0) ? 1 : 0;
            truth(0, 0) = 2;  // not a positive: `y_true == 1`
            vidata::test::temp_dir dir;
            vidata::test::write_raw(dir / "scores.bin", scores.data(), static_cast<std::size_t>(scores.size()));
            vidata::test::write_raw(dir / "truth.bin", truth.data(), static_cast<std::size_t>(truth.size()));
            const auto want = vidata::test::reference(
                "map", dir, vidata::test::dtype_name<T>() + " " + std::to_string(n) + " " + std::to_string(c));
            REQUIRE(want.size() == 2);
            INFO(vidata::test::dtype_name<T>() << " " << n << " x " << c);
            CHECK(vidata::test::close(vidata::mean_average_precision(scores, truth), want[0]));
            CHECK(vidata::test::close(vidata::mmit_mean_average_precision(scores, truth), want[1]));

            // The full curve of the first column, point by point.
            std::vector<T> column(static_cast<std::size_t>(n));
            std::vector<std::int64_t> column_truth(static_cast<std::size_t>(n));
            for (Eigen::Index i = 0; i < n; ++i) {
                column[static_cast<std::size_t>(i)] = scores(i, 0);
                column_truth[static_cast<std::size_t>(i)] = truth(i, 0);
            }
            vidata::test::temp_dir one;
            vidata::test::write_raw(one / "score.bin", column);
            vidata::test::write_raw(one / "truth.bin", column_truth);
            const auto curve_want =
                vidata::test::reference("pr_curve", one, vidata::test::dtype_name<T>() + " " + std::to_string(n));
            const auto curve = vidata::binary_precision_recall_curve(column, column_truth);
            const auto m = curve.precision.size();
            REQUIRE(curve_want.size() == 1 + 3 * m - 1);
            CHECK(static_cast<std::size_t>(curve_want[0]) == m);
            for (std::size_t i = 0; i < m; ++i) {
                CHECK(vidata::test::close(curve.precision[i], curve_want[1 + i]));
                CHECK(vidata::test::close(curve.recall[i], curve_want[1 + m + i]));
            }
            for (std::size_t i = 0; i + 1 < m; ++i) CHECK(vidata::test::close(curve.thresholds[i], curve_want[1 + 2 * m + i]));
        };
        check(0.0f);
        check(0.0);
    }
}

TEST_CASE("average precision: properties", "[metrics][average_precision]") {
    std::mt19937_64 rng(59);
    const auto scores = vidata::test::tied_scores<double>(rng, 200, 15, 12);
    row_major<int> truth(200, 15);
    for (Eigen::Index i = 0; i < truth.size(); ++i) truth.data()[i] = rng() % 4 == 0;
    for (Eigen::Index i = 0; i < truth.rows(); ++i) truth(i, i % 15) = 1;  // every sample has a positive
    const double map = vidata::mean_average_precision(scores, truth);
    const double mmit = vidata::mmit_mean_average_precision(scores, truth);
    SECTION("invariant under strictly increasing transforms (exact on these small quarter-integers)") {
        const row_major<double> affine = (scores.array() * 3.0 - 7.0).matrix();
        const row_major<double> cubed = scores.array().cube().matrix();
        CHECK(vidata::mean_average_precision(affine, truth) == map);
        CHECK(vidata::mean_average_precision(cubed, truth) == map);
        REQUIRE_FALSE(std::isnan(mmit));
        CHECK(vidata::mmit_mean_average_precision(affine, truth) == mmit);
    }
    SECTION("in [0, 1]; perfect scores give 1; permuting samples leaves the class mAP unchanged") {
        CHECK((map >= 0.0 && map <= 1.0));
        const row_major<double> perfect = truth.cast<double>();
        CHECK(vidata::mean_average_precision(perfect, truth) == 1.0);
        const row_major<int> reversed_truth = truth.colwise().reverse();
        // Reversing flips the order within ties (later index first), so compare on tie-free scores.
        row_major<double> distinct(200, 15);
        std::uniform_real_distribution<double> u(0, 1);
        for (Eigen::Index i = 0; i < distinct.size(); ++i) distinct.data()[i] = u(rng);
        const row_major<double> distinct_reversed = distinct.colwise().reverse();
        CHECK(vidata::test::close(vidata::mean_average_precision(distinct_reversed, reversed_truth),
                                  vidata::mean_average_precision(distinct, truth), 1e-12));
    }
}

// The counting path (detail/ap_counting.hpp) against the sorting path, bit for bit, on cases built to break it.
namespace {

[[nodiscard]] bool same_bits(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// mean_average_precision and mmit_mean_average_precision recomputed on the sorting path alone (the 1-D
// average_precision), with the same summation order.
template <typename T>
[[nodiscard]] std::pair<double, double> sorting_path_maps(const row_major<T>& scores, const row_major<int>& truth) {
    double sum = 0.0;
    std::int64_t counted = 0;
    for (Eigen::Index c = 0; c < scores.cols(); ++c) {
        std::vector<T> column(static_cast<std::size_t>(scores.rows()));
        std::vector<int> column_truth(column.size());
        for (Eigen::Index r = 0; r < scores.rows(); ++r) {
            column[static_cast<std::size_t>(r)] = scores(r, c);
            column_truth[static_cast<std::size_t>(r)] = truth(r, c);
        }
        const double ap = vidata::average_precision(column, column_truth);
        if (std::isnan(ap)) continue;
        sum += ap;
        ++counted;
    }
    const double map = counted == 0 ? nan_d : sum / static_cast<double>(counted);
    double mmit = 0.0;
    for (Eigen::Index r = 0; r < scores.rows(); ++r) {
        std::vector<T> row(static_cast<std::size_t>(scores.cols()));
        std::vector<int> row_truth(row.size());
        for (Eigen::Index c = 0; c < scores.cols(); ++c) {
            row[static_cast<std::size_t>(c)] = scores(r, c);
            row_truth[static_cast<std::size_t>(c)] = truth(r, c);
        }
        mmit += vidata::average_precision(row, row_truth);
    }
    return {map, mmit / static_cast<double>(scores.rows())};
}

// Every column through both paths: where the counting path applies, its AP must equal the sorting path's bits.
// Returns how many columns it took.
template <typename T>
int check_columns_bitwise(const row_major<T>& scores, const row_major<int>& truth) {
    vidata::detail::ap_counting_workspace<T> w;
    int fast = 0;
    for (Eigen::Index c = 0; c < scores.cols(); ++c) {
        std::vector<T> column(static_cast<std::size_t>(scores.rows()));
        std::vector<int> column_truth(column.size());
        std::vector<std::uint8_t> flags(column.size());
        for (Eigen::Index r = 0; r < scores.rows(); ++r) {
            const auto i = static_cast<std::size_t>(r);
            column[i] = scores(r, c);
            column_truth[i] = truth(r, c);
            flags[i] = truth(r, c) == 1;
        }
        double ap = -1.0;
        if (!vidata::detail::counting_average_precision(column.data(), flags.data(), column.size(), w, ap)) continue;
        ++fast;
        const double want = vidata::average_precision(column, column_truth);
        INFO("column " << c << ": counting " << ap << ", sorting " << want);
        CHECK(same_bits(ap, want));
    }
    return fast;
}

template <typename T>
void check_maps_bitwise(const row_major<T>& scores, const row_major<int>& truth) {
    const auto [map, mmit] = sorting_path_maps(scores, truth);
    const double got_map = vidata::mean_average_precision(scores, truth);
    const double got_mmit = vidata::mmit_mean_average_precision(scores, truth);
    INFO("mAP " << got_map << " vs " << map << "; MMIT " << got_mmit << " vs " << mmit);
    CHECK(same_bits(got_map, map));
    CHECK(same_bits(got_mmit, mmit));
}

template <typename T>
[[nodiscard]] row_major<int> random_truth(std::mt19937_64& rng, Eigen::Index n, Eigen::Index c, unsigned one_in) {
    row_major<int> truth(n, c);
    for (Eigen::Index i = 0; i < truth.size(); ++i) truth.data()[i] = rng() % one_in == 0 ? 1 : 0;
    return truth;
}

}  // namespace

TEST_CASE("average precision: counting path equals the sorting path bit for bit", "[metrics][average_precision]") {
    std::mt19937_64 rng(61);
    auto both = [&]<typename T>(T, auto&& make_scores, Eigen::Index n, Eigen::Index c, unsigned one_in) {
        const row_major<T> scores = make_scores(T{}, n, c);
        row_major<int> truth = random_truth<T>(rng, n, c, one_in);
        if (n > 2) {
            truth(0, 0) = 2;                         // not a positive
            truth.col(c - 1).setConstant(1);         // an all-positive column
            if (c > 1) truth.col(c - 2).setZero();   // a column without positives: NaN, dropped
            if (c > 2) {                             // a single positive
                truth.col(c - 3).setZero();
                truth(n / 2, c - 3) = 1;
            }
        }
        const int fast = check_columns_bitwise(scores, truth);
        CHECK(fast > 0);
        check_maps_bitwise(scores, truth);
    };
    auto run_types = [&](auto&& make_scores, Eigen::Index n, Eigen::Index c, unsigned one_in) {
        both(0.0f, make_scores, n, c, one_in);
        both(0.0, make_scores, n, c, one_in);
    };
    auto from = [&]<typename T>(T, Eigen::Index n, Eigen::Index c, auto&& draw) {
        row_major<T> s(n, c);
        for (Eigen::Index i = 0; i < s.size(); ++i) s.data()[i] = static_cast<T>(draw());
        return s;
    };

    SECTION("many ties between positives and negatives (a handful of distinct scores)") {
        for (const unsigned range : {1u, 2u, 3u, 7u}) {
            for (const unsigned one_in : {2u, 5u, 50u}) {
                run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
                    return from(t, n, c, [&] { return static_cast<T>(rng() % range) / T(4); });
                }, 300, 37, one_in);
            }
        }
    }
    SECTION("duplicates among wide-ranging scores, and strictly distinct scores") {
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            return from(t, n, c, [&] { return static_cast<T>(static_cast<int>(rng() % 1000) - 500) / T(8); });
        }, 2000, 20, 10);
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            std::uniform_real_distribution<T> u(T(-1), T(1));
            return from(t, n, c, [&] { return u(rng); });
        }, 1000, 20, 3);
    }
    SECTION("-0.0 and 0.0 are one threshold") {
        const double zeros[] = {-0.0, 0.0, -0.0, 0.0, 1.0, -1.0};
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            return from(t, n, c, [&] { return static_cast<T>(zeros[rng() % 6]); });
        }, 200, 17, 3);
        // Positives all at -0.0, negatives all at 0.0: one threshold, precision P / N.
        row_major<double> s(6, 1);
        s << -0.0, 0.0, -0.0, 0.0, 0.0, 0.0;
        row_major<int> y(6, 1);
        y << 1, 0, 1, 0, 0, 0;
        CHECK(vidata::mean_average_precision(s, y) == 2.0 / 6);
        check_columns_bitwise(s, y);
        check_maps_bitwise(s, y);
    }
    SECTION("subnormal scores, ties among them, and signed zeros") {
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            const T tiny = std::numeric_limits<T>::denorm_min();
            return from(t, n, c, [&] {
                const auto k = static_cast<int>(rng() % 9) - 4;  // -4..4 times the smallest subnormal, 0 signed
                return k == 0 ? (rng() % 2 == 0 ? T(-0.0) : T(0)) : static_cast<T>(k) * tiny;
            });
        }, 400, 19, 4);
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            const T small = std::numeric_limits<T>::min();  // smallest normal, and subnormals just below it
            return from(t, n, c, [&] { return small / static_cast<T>(1 + rng() % 5); });
        }, 400, 19, 4);
    }
    SECTION("a single positive, all positives, all negatives per column") {
        for (const unsigned one_in : {1u, 1000u}) {
            run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
                return from(t, n, c, [&] { return static_cast<T>(rng() % 5); });
            }, 50, 8, one_in);
        }
        row_major<float> s(1, 3);
        s << 0.5f, 0.5f, 0.5f;
        row_major<int> y(1, 3);
        y << 1, 0, 1;
        check_columns_bitwise(s, y);
        check_maps_bitwise(s, y);
    }
    SECTION("very large N with few positives; N not a multiple of the 8 interleaved searches") {
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            return from(t, n, c, [&] { return static_cast<T>(rng() % 100000) / T(64); });
        }, 100003, 3, 20000);
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            std::uniform_real_distribution<T> u(T(0), T(1));
            return from(t, n, c, [&] { return u(rng); });
        }, 50001, 2, 10000);
    }
    SECTION("more columns than one gathered tile of 16, with odd counts") {
        run_types([&]<typename T>(T t, Eigen::Index n, Eigen::Index c) {
            return from(t, n, c, [&] { return static_cast<T>(rng() % 11) / T(3); });
        }, 129, 53, 6);
    }
}

TEST_CASE("average precision: columns with NaN or infinite scores take the sorting path", "[metrics][average_precision]") {
    std::mt19937_64 rng(67);
    vidata::detail::ap_counting_workspace<double> w;
    double ap = 42.0;
    const std::array<std::uint8_t, 3> flags{1, 0, 1};
    for (const double special : {nan_d, inf_d, -inf_d}) {
        const std::array<double, 3> s{0.5, special, 0.25};
        CHECK_FALSE(vidata::detail::counting_average_precision(s.data(), flags.data(), 3, w, ap));
        CHECK(ap == 42.0);
    }
    const std::array<double, 3> finite{0.5, 0.1, 0.25};
    const std::array<std::uint8_t, 3> none{0, 0, 0};
    CHECK_FALSE(vidata::detail::counting_average_precision(finite.data(), none.data(), 3, w, ap));  // no positive
    CHECK(vidata::detail::counting_average_precision(finite.data(), flags.data(), 3, w, ap));
    CHECK(ap == 1.0);

    for (const int permille : {2, 30, 300}) {
        auto check = [&]<typename T>(T) {
            auto scores = vidata::test::tied_scores<T>(rng, 400, 40, 5, permille);  // NaN, ±inf, -0.0 sprinkled
            for (Eigen::Index c = 0; c < 40; c += 3) scores(7, c) = std::numeric_limits<T>::quiet_NaN();
            for (Eigen::Index c = 1; c < 40; c += 5) scores(9, c) = std::numeric_limits<T>::infinity();
            const row_major<int> truth = random_truth<T>(rng, 400, 40, 4);
            check_columns_bitwise(scores, truth);
            check_maps_bitwise(scores, truth);
        };
        check(0.0f);
        check(0.0);
    }
}

TEST_CASE("average precision: numpy agrees on the counting path's stress cases", "[metrics][average_precision][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(71);
    auto check = [&]<typename T>(T, Eigen::Index n, Eigen::Index c, auto&& draw, unsigned one_in) {
        row_major<T> scores(n, c);
        for (Eigen::Index i = 0; i < scores.size(); ++i) scores.data()[i] = static_cast<T>(draw());
        row_major<std::int64_t> truth(n, c);
        for (Eigen::Index i = 0; i < truth.size(); ++i) truth.data()[i] = rng() % one_in == 0 ? 1 : 0;
        truth.col(0).setConstant(1);
        truth.col(1).setZero();
        truth(n / 3, 1) = 1;
        vidata::test::temp_dir dir;
        vidata::test::write_raw(dir / "scores.bin", scores.data(), static_cast<std::size_t>(scores.size()));
        vidata::test::write_raw(dir / "truth.bin", truth.data(), static_cast<std::size_t>(truth.size()));
        const auto want = vidata::test::reference(
            "map", dir, vidata::test::dtype_name<T>() + " " + std::to_string(n) + " " + std::to_string(c));
        REQUIRE(want.size() == 2);
        INFO(vidata::test::dtype_name<T>() << " " << n << " x " << c);
        CHECK(vidata::test::close(vidata::mean_average_precision(scores, truth), want[0], 1e-12));
        CHECK(vidata::test::close(vidata::mmit_mean_average_precision(scores, truth), want[1], 1e-12));
    };
    const double zeros[] = {-0.0, 0.0, 0.5, -0.5};
    for (int k = 0; k < 2; ++k) {
        auto run = [&]<typename T>(T t) {
            check(t, 500, 30, [&] { return static_cast<T>(rng() % 4) / T(2); }, 3);
            check(t, 300, 20, [&] { return static_cast<T>(zeros[rng() % 4]); }, 4);
            check(t, 300, 20, [&] { return static_cast<T>(1 + rng() % 6) * std::numeric_limits<T>::denorm_min(); }, 5);
            check(t, 20000, 3, [&] { return static_cast<T>(rng() % 5000) / T(16); }, 2000);
        };
        if (k == 0) run(0.0f);
        else run(0.0);
    }
}
