// SPDX-License-Identifier: Apache-2.0
// Tests of top_k_accuracy under both policies: hand-computed cases, numpy's argsort as the oracle, properties, errors.
#include <vidata/metrics/top_k_accuracy.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace {

using vidata::test::row_major;
constexpr float nan_f = std::numeric_limits<float>::quiet_NaN();

std::string join(const std::vector<int>& ks) {
    std::string out;
    for (const int k : ks) out.append(" ").append(std::to_string(k));
    return out;
}

}  // namespace

TEST_CASE("top_k_accuracy: hand-computed accuracies", "[metrics][top_k_accuracy]") {
    row_major<float> scores(4, 3);
    scores << 0.1f, 0.5f, 0.4f,  // label 2 ranks second: top-1 miss, top-2 hit
        0.3f, 0.3f, 0.3f,        // label 1 in a three-way tie (see below)
        nan_f, 2.0f, 1.0f,       // label 0 is NaN, which ranks above every number: a hit for every k
        1.0f, 2.0f, 3.0f;        // label 0 ranks third: a hit only for k = 3
    const std::vector<std::int64_t> labels{2, 1, 0, 0};

    // Row 1, default rule: one equal score at a lower index ranks above label 1, so its rank is 1 (0-based):
    // top-1 miss, top-2 hit. MMAction2: 3 elements are insertion-sorted (stable), argsort = [0, 1, 2];
    // [-1:] = {2} misses, [-2:] = {1, 2} hits. Both: top-1 = 1/4, top-2 = 3/4, top-3 = 4/4.
    CHECK(vidata::top_k_accuracy(scores, labels, {1, 2, 3}) == std::vector<double>{0.25, 0.75, 1.0});
    CHECK(vidata::top_k_accuracy(scores, labels, {1, 2, 3}, vidata::mmaction2_metrics) ==
          std::vector<double>{0.25, 0.75, 1.0});
    CHECK(vidata::top_k_accuracy(scores, labels, 2) == 0.75);
    // k beyond the class count keeps every class: numpy's [-5:] of 3 columns is all of them.
    CHECK(vidata::top_k_accuracy(scores, labels, 5, vidata::mmaction2_metrics) == 1.0);

    SECTION("the policies differ on a tie at the k-th place") {
        row_major<double> tie(1, 3);
        tie << 0.3, 0.3, 0.3;
        const std::vector<std::int64_t> last{2};
        // Default: two equal scores at lower indices rank above class 2 (rank 2): top-1 and top-2 miss.
        CHECK(vidata::top_k_accuracy(tie, last, {1, 2, 3}) == std::vector<double>{0.0, 0.0, 1.0});
        // MMAction2: argsort = [0, 1, 2] and the last k are taken, so class 2 is always kept.
        CHECK(vidata::top_k_accuracy(tie, last, {1, 2, 3}, vidata::mmaction2_metrics) ==
              std::vector<double>{1.0, 1.0, 1.0});
    }

    SECTION("non-allocating form, layouts and policy passed as a template argument") {
        const std::array<int, 3> ks{1, 2, 3};
        std::array<double, 3> out{};
        vidata::top_k_accuracy<vidata::mmaction2_metrics_policy>(scores, labels, ks, out);
        CHECK(out == std::array<double, 3>{0.25, 0.75, 1.0});
        const Eigen::MatrixXf column_major = scores;  // copied into a row-major temporary
        CHECK(vidata::top_k_accuracy(column_major, labels, 1) == 0.25);
        const vidata::score_matrix_ref<float> top_two = scores.topRows(2);  // a view, no copy
        CHECK(vidata::top_k_accuracy(top_two, std::span(labels).first(2), {1, 2}) == std::vector<double>{0.0, 1.0});
    }
}

TEST_CASE("top_k_accuracy: numpy's argsort decides the ties (mmaction2 policy)", "[metrics][top_k_accuracy][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(11);
    struct shape {
        Eigen::Index n, c;
        int range, specials;
    };
    // Few distinct values over many classes make ties straddle the k-th place in most rows.
    for (const shape sh : {shape{300, 400, 8, 0}, shape{400, 17, 3, 20}, shape{500, 5, 2, 100}, shape{200, 60, 40, 50},
                           shape{100, 1000, 1000, 5}, shape{64, 33, 1, 0}}) {
        const std::vector<int> ks{1, 2, 3, 5, 10, 16, 17, static_cast<int>(sh.c), static_cast<int>(sh.c) + 3};
        auto check = [&]<typename T>(T) {
            const auto scores = vidata::test::tied_scores<T>(rng, sh.n, sh.c, sh.range, sh.specials);
            const auto labels = vidata::test::random_labels(rng, static_cast<std::size_t>(sh.n), sh.c);
            vidata::test::temp_dir dir;
            vidata::test::write_raw(dir / "scores.bin", scores.data(), static_cast<std::size_t>(scores.size()));
            vidata::test::write_raw(dir / "labels.bin", labels);
            const std::string args = vidata::test::dtype_name<T>() + " " + std::to_string(sh.n) + " " +
                                     std::to_string(sh.c) + join(ks);
            INFO(vidata::test::dtype_name<T>() << " " << sh.n << " x " << sh.c << " range " << sh.range);
            // Both are hits / N computed in double: they must agree exactly.
            CHECK(vidata::top_k_accuracy(scores, labels, ks, vidata::mmaction2_metrics) ==
                  vidata::test::reference("topk", dir, args));
            CHECK(vidata::top_k_accuracy(scores, labels, ks) == vidata::test::reference("topk_official", dir, args));
        };
        check(0.0f);
        check(0.0);
    }
}

TEST_CASE("top_k_accuracy: properties", "[metrics][top_k_accuracy]") {
    std::mt19937_64 rng(5);
    const auto scores = vidata::test::tied_scores<float>(rng, 400, 30, 6, 10);
    const auto labels = vidata::test::random_labels(rng, 400, 30);
    const std::vector<int> ks{1, 2, 3, 4, 5, 8, 13, 21, 30};

    SECTION("non-decreasing in k, under both policies") {
        for (const auto& acc : {vidata::top_k_accuracy(scores, labels, ks),
                                vidata::top_k_accuracy(scores, labels, ks, vidata::mmaction2_metrics)}) {
            CHECK(std::is_sorted(acc.begin(), acc.end()));
            CHECK(acc.back() == 1.0);
        }
    }
    SECTION("permuting the samples leaves it unchanged") {
        std::vector<Eigen::Index> perm(400);
        std::iota(perm.begin(), perm.end(), 0);
        std::shuffle(perm.begin(), perm.end(), rng);
        row_major<float> shuffled(400, 30);
        std::vector<std::int64_t> shuffled_labels(400);
        for (std::size_t i = 0; i < perm.size(); ++i) {
            shuffled.row(static_cast<Eigen::Index>(i)) = scores.row(perm[i]);
            shuffled_labels[i] = labels[static_cast<std::size_t>(perm[i])];
        }
        CHECK(vidata::top_k_accuracy(shuffled, shuffled_labels, ks) == vidata::top_k_accuracy(scores, labels, ks));
        CHECK(vidata::top_k_accuracy(shuffled, shuffled_labels, ks, vidata::mmaction2_metrics) ==
              vidata::top_k_accuracy(scores, labels, ks, vidata::mmaction2_metrics));
    }
    SECTION("without ties the policies agree; float and double agree") {
        row_major<double> distinct(200, 50);
        std::uniform_real_distribution<double> u(-3, 3);
        for (Eigen::Index i = 0; i < distinct.size(); ++i) distinct.data()[i] = u(rng);
        const auto l = vidata::test::random_labels(rng, 200, 50);
        const auto a = vidata::top_k_accuracy(distinct, l, ks);
        CHECK(a == vidata::top_k_accuracy(distinct, l, ks, vidata::mmaction2_metrics));
        const row_major<float> as_float = distinct.cast<float>();
        bool float_ties = false;  // rounding to float could create a tie; only compare when it did not
        for (Eigen::Index i = 0; i < 200 && !float_ties; ++i)
            for (Eigen::Index j = 0; j < 50 && !float_ties; ++j)
                float_ties = (as_float.row(i).array() == as_float(i, j)).count() > 1;
        if (!float_ties) CHECK(vidata::top_k_accuracy(as_float, l, ks) == a);
    }
    SECTION("top-1 under the default policy is the accuracy of the argmax (first maximum, first NaN)") {
        std::int64_t hits = 0;
        for (Eigen::Index i = 0; i < scores.rows(); ++i) {
            Eigen::Index arg = 0;
            for (Eigen::Index j = 0; j < scores.cols(); ++j) {
                if (std::isnan(scores(i, j))) { arg = j; break; }
                if (scores(i, j) > scores(i, arg)) arg = j;
            }
            hits += arg == labels[static_cast<std::size_t>(i)];
        }
        CHECK(vidata::top_k_accuracy(scores, labels, 1) == static_cast<double>(hits) / 400.0);
    }
}

TEST_CASE("top_k_accuracy: inputs it refuses", "[metrics][top_k_accuracy]") {
    row_major<double> scores(2, 3);
    scores << 1, 2, 3, 3, 2, 1;
    const std::vector<std::int64_t> labels{0, 2};
    CHECK_THROWS_WITH(vidata::top_k_accuracy(scores, std::vector<std::int64_t>{0}, 1),
                      Catch::Contains("got 1 labels for 2 samples"));
    CHECK_THROWS_WITH(vidata::top_k_accuracy(scores, std::vector<std::int64_t>{0, 3}, 1),
                      Catch::Contains("label 3 of sample 1 is outside [0, 3)"));
    CHECK_THROWS_WITH(vidata::top_k_accuracy(scores, std::vector<std::int64_t>{-1, 0}, 1),
                      Catch::Contains("label -1 of sample 0"));
    CHECK_THROWS_WITH(vidata::top_k_accuracy(scores, labels, {1, 0}), Catch::Contains("k must be at least 1, got 0"));
    CHECK_THROWS_WITH(vidata::top_k_accuracy(row_major<float>(0, 3), std::vector<std::int64_t>{}, 1),
                      Catch::Contains("the score matrix is empty (0 samples x 3 classes)"));
    std::array<double, 1> out{};
    CHECK_THROWS_AS(vidata::top_k_accuracy(scores, labels, std::array{1, 5}, out), vidata::invalid_argument);
    try {
        (void)vidata::top_k_accuracy(scores, labels, 0);
        FAIL("k = 0 was accepted");
    } catch (const vidata::error& e) {
        CHECK(e.id() == "vidata.invalid_argument");
    }
}
