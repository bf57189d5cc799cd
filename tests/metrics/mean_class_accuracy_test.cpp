// SPDX-License-Identifier: Apache-2.0
// Tests of mean_class_accuracy: both class sets by hand, numpy's argmax and bincount as the oracle, properties, errors.
#include <vidata/metrics/mean_class_accuracy.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <Eigen/Core>

#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {
using vidata::test::row_major;

// The default policy with MMAction2's class set only.
struct union_only : vidata::official_metrics_policy {
    static constexpr vidata::class_set classes = vidata::class_set::predicted_or_true;
};
static_assert(vidata::metric_policy<union_only>);
static_assert(!vidata::metric_policy<int>);
}  // namespace

TEST_CASE("mean_class_accuracy: hand-computed, with a predicted-only class", "[metrics][mean_class_accuracy]") {
    row_major<float> scores(3, 3);
    scores << 5, 1, 0,   // predicts 0, label 0: hit
        0, 2, 2,         // ties between 1 and 2: argmax takes the first, 1; label 1: hit
        0, 1, 3;         // predicts 2, label 1: miss; class 2 is predicted but never true
    const std::vector<std::int64_t> labels{0, 1, 1};
    // Per class: 0 -> 1/1, 1 -> 1/2. Default, over the true classes {0, 1}: (1 + 0.5) / 2 = 0.75.
    CHECK(vidata::mean_class_accuracy(scores, labels) == 0.75);
    // MMAction2, over the union {0, 1, 2}: (1 + 0.5 + 0) / 3 = 0.5.
    CHECK(vidata::mean_class_accuracy(scores, labels, vidata::mmaction2_metrics) == 0.5);

    SECTION("a NaN is the prediction, wherever it sits (np.argmax returns the first NaN)") {
        row_major<double> s(2, 3);
        s << 9, std::numeric_limits<double>::quiet_NaN(), 1,  // predicts 1
            -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity();  // all -inf: predicts 0
        // Labels {1, 0}: both hits -> 1.0 under both policies.
        CHECK(vidata::mean_class_accuracy(s, std::vector<std::int64_t>{1, 0}) == 1.0);
        CHECK(vidata::mean_class_accuracy(s, std::vector<std::int64_t>{1, 0}, vidata::mmaction2_metrics) == 1.0);
        // Labels {0, 0}: class 0 gets 1 of 2; MMAction2 adds predicted-only class 1: (0.5 + 0) / 2.
        CHECK(vidata::mean_class_accuracy(s, std::vector<std::int64_t>{0, 0}) == 0.5);
        CHECK(vidata::mean_class_accuracy(s, std::vector<std::int64_t>{0, 0}, vidata::mmaction2_metrics) == 0.25);
    }
    SECTION("a policy that changes one choice") {
        CHECK(vidata::mean_class_accuracy<union_only>(scores, labels) == 0.5);
    }
}

TEST_CASE("mean_class_accuracy: numpy's argmax and confusion matrix agree", "[metrics][mean_class_accuracy][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(17);
    struct shape {
        Eigen::Index n, c;
        int range, specials;
    };
    for (const shape sh : {shape{500, 400, 6, 0}, shape{300, 40, 3, 30}, shape{1000, 7, 2, 100}, shape{50, 200, 1000, 0},
                           shape{40, 100, 4, 0}}) {
        auto check = [&]<typename T>(T) {
            const auto scores = vidata::test::tied_scores<T>(rng, sh.n, sh.c, sh.range, sh.specials);
            const auto labels = vidata::test::random_labels(rng, static_cast<std::size_t>(sh.n), sh.c);
            vidata::test::temp_dir dir;
            vidata::test::write_raw(dir / "scores.bin", scores.data(), static_cast<std::size_t>(scores.size()));
            vidata::test::write_raw(dir / "labels.bin", labels);
            const auto want = vidata::test::reference(
                "mean_class", dir, vidata::test::dtype_name<T>() + " " + std::to_string(sh.n) + " " + std::to_string(sh.c));
            REQUIRE(want.size() == 2);
            INFO(vidata::test::dtype_name<T>() << " " << sh.n << " x " << sh.c);
            CHECK(vidata::test::close(vidata::mean_class_accuracy(scores, labels, vidata::mmaction2_metrics), want[0]));
            CHECK(vidata::test::close(vidata::mean_class_accuracy(scores, labels), want[1]));
        };
        check(0.0f);
        check(0.0);
    }
}

TEST_CASE("mean_class_accuracy: properties and errors", "[metrics][mean_class_accuracy]") {
    std::mt19937_64 rng(2);
    const auto scores = vidata::test::tied_scores<double>(rng, 300, 12, 5);
    const auto labels = vidata::test::random_labels(rng, 300, 12);
    SECTION("reversing the samples leaves it unchanged") {
        const row_major<double> reversed = scores.colwise().reverse();
        const std::vector<std::int64_t> reversed_labels(labels.rbegin(), labels.rend());
        CHECK(vidata::mean_class_accuracy(reversed, reversed_labels) == vidata::mean_class_accuracy(scores, labels));
    }
    SECTION("perfect predictions score 1, and the union never exceeds the true-class mean") {
        row_major<double> onehot = row_major<double>::Zero(300, 12);
        for (std::size_t i = 0; i < labels.size(); ++i) onehot(static_cast<Eigen::Index>(i), labels[i]) = 1;
        CHECK(vidata::mean_class_accuracy(onehot, labels, vidata::mmaction2_metrics) == 1.0);
        CHECK(vidata::mean_class_accuracy(scores, labels, vidata::mmaction2_metrics) <=
              vidata::mean_class_accuracy(scores, labels));
    }
    SECTION("errors") {
        CHECK_THROWS_WITH(vidata::mean_class_accuracy(scores, std::vector<std::int64_t>(3)),
                          Catch::Contains("vidata::mean_class_accuracy: got 3 labels for 300 samples"));
        auto bad = labels;
        bad[7] = 12;
        CHECK_THROWS_WITH(vidata::mean_class_accuracy(scores, bad), Catch::Contains("label 12 of sample 7"));
        CHECK_THROWS_AS(vidata::mean_class_accuracy(row_major<float>(3, 0), std::vector<std::int64_t>(3)),
                        vidata::invalid_argument);
    }
}
