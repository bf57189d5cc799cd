// SPDX-License-Identifier: Apache-2.0
// Tests of confusion_matrix: a hand-computed sparse label set under each normalisation, numpy as the oracle, errors.
#include <vidata/metrics/confusion_matrix.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <random>
#include <string>
#include <vector>

namespace {
using norm = vidata::confusion_normalize;
}

TEST_CASE("confusion_matrix: hand-computed over a sparse union label set", "[metrics][confusion_matrix]") {
    const std::vector<std::int64_t> pred{3, 7, 7, 10, 3};
    const std::vector<std::int64_t> real{3, 7, 3, 3, 12};
    // Union {3, 7, 10, 12} -> rows/columns 0..3. Pairs (real, pred): (3,3) (7,7) (3,7) (3,10) (12,3).
    const auto cm = vidata::confusion_matrix(pred, real);
    CHECK(cm.labels == std::vector<std::int64_t>{3, 7, 10, 12});
    vidata::test::row_major<double> counts(4, 4);
    counts << 1, 1, 1, 0,  // true 3: predicted 3, 7, 10
        0, 1, 0, 0,        // true 7
        0, 0, 0, 0,        // true 10 never occurs: a zero row
        1, 0, 0, 0;        // true 12 predicted 3; 12 is never predicted: a zero column
    CHECK(cm.matrix == counts);

    // over_true: rows / row sums (3, 1, 0, 1); the zero row stays 0 (numpy: 0/0 = NaN -> nan_to_num -> 0).
    vidata::test::row_major<double> by_true(4, 4);
    by_true << 1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0;
    CHECK(vidata::confusion_matrix(pred, real, norm::over_true).matrix == by_true);
    // over_pred: columns / column sums (2, 2, 1, 0).
    vidata::test::row_major<double> by_pred(4, 4);
    by_pred << 0.5, 0.5, 1, 0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0;
    CHECK(vidata::confusion_matrix(pred, real, norm::over_pred).matrix == by_pred);
    CHECK(vidata::confusion_matrix(pred, real, norm::over_all).matrix == counts / 5.0);

    CHECK_THROWS_WITH(vidata::confusion_matrix(pred, std::vector<std::int64_t>{1}), Catch::Contains("5 predictions for 1"));
    CHECK_THROWS_WITH(vidata::confusion_matrix(std::vector<std::int64_t>{}, std::vector<std::int64_t>{}),
                      Catch::Contains("no samples"));
    CHECK_THROWS_WITH(vidata::confusion_matrix(std::vector<std::int64_t>{1, -2}, std::vector<std::int64_t>{1, 1}),
                      Catch::Contains("prediction -2 of sample 1 is negative"));
}

TEST_CASE("confusion_matrix: numpy's bincount formula agrees", "[metrics][confusion_matrix][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(31);
    for (const std::size_t n : {1u, 50u, 2000u}) {
        std::vector<std::int64_t> pred(n), real(n);
        for (auto& p : pred) p = static_cast<std::int64_t>(rng() % 30) * 3;  // sparse labels
        for (auto& r : real) r = static_cast<std::int64_t>(rng() % 20) * 5;
        vidata::test::temp_dir dir;
        vidata::test::write_raw(dir / "pred.bin", pred);
        vidata::test::write_raw(dir / "real.bin", real);
        for (const auto& [mode, name] : {std::pair{norm::none, "none"}, std::pair{norm::over_true, "true"},
                                         std::pair{norm::over_pred, "pred"}, std::pair{norm::over_all, "all"}}) {
            const auto want = vidata::test::reference("confusion", dir, std::to_string(n) + " " + name);
            const auto cm = vidata::confusion_matrix(pred, real, mode);
            const auto k = cm.labels.size();
            REQUIRE(want.size() == 1 + k + k * k);
            CHECK(static_cast<std::size_t>(want[0]) == k);
            for (std::size_t i = 0; i < k; ++i) CHECK(static_cast<double>(cm.labels[i]) == want[1 + i]);
            for (std::size_t i = 0; i < k * k; ++i) CHECK(vidata::test::close(cm.matrix.data()[i], want[1 + k + i]));
        }
    }
}
