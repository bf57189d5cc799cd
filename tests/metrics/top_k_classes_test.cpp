// SPDX-License-Identifier: Apache-2.0
// Tests of top_k_classes: hand-computed rankings under both policies and numpy's argsort of the hit ratios as oracle.
#include <vidata/metrics/top_k_classes.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <Eigen/Core>

#include <random>
#include <string>
#include <vector>

namespace {
using vidata::class_accuracy;
using vidata::test::row_major;
using mode = vidata::top_k_classes_mode;
}  // namespace

TEST_CASE("top_k_classes: hand-computed rankings", "[metrics][top_k_classes]") {
    // Labels use classes {1, 3, 4} of 5; predictions (argmax) add class 0.
    row_major<float> scores(6, 5);
    scores << 0, 9, 0, 0, 0,  // label 1, predicted 1: hit
        9, 0, 0, 0, 0,        // label 1, predicted 0: miss
        0, 0, 0, 9, 0,        // label 3, predicted 3: hit
        0, 0, 0, 9, 0,        // label 3, predicted 3: hit
        0, 0, 0, 0, 9,        // label 4, predicted 4: hit
        9, 0, 0, 0, 0;        // label 4, predicted 0: miss
    const std::vector<std::int64_t> labels{1, 1, 3, 3, 4, 4};
    // Ratios: class 1 -> 1/2, class 3 -> 2/2, class 4 -> 1/2, predicted-only class 0 -> 0.

    // Default: true classes only, equal ratios by lower label, ids are labels.
    CHECK(vidata::top_k_classes(scores, labels, 2) == std::vector<class_accuracy>{{3, 1.0}, {1, 0.5}});
    CHECK(vidata::top_k_classes(scores, labels, 10, mode::inaccurate) ==
          std::vector<class_accuracy>{{1, 0.5}, {4, 0.5}, {3, 1.0}});

    // MMAction2: class set {0, 1, 3, 4} -> hit_ratio = [0, 0.5, 1, 0.5] at positions 0..3. argsort (insertion
    // sort of 4 elements, stable) = [0, 1, 3, 2]; accurate takes [-2:][::-1] = [2, 3]; ids are positions, so
    // class 3 is reported as 2 and class 4 as 3.
    CHECK(vidata::top_k_classes(scores, labels, 2, mode::accurate, vidata::mmaction2_metrics) ==
          std::vector<class_accuracy>{{2, 1.0}, {3, 0.5}});
    // inaccurate takes [:3] = [0, 1, 3]: the predicted-only class 0 comes first.
    CHECK(vidata::top_k_classes(scores, labels, 3, mode::inaccurate, vidata::mmaction2_metrics) ==
          std::vector<class_accuracy>{{0, 0.0}, {1, 0.5}, {3, 0.5}});

    CHECK_THROWS_WITH(vidata::top_k_classes(scores, labels, 0), Catch::Contains("k must be at least 1"));
}

TEST_CASE("top_k_classes: numpy's argsort of the hit ratios (mmaction2 policy)", "[metrics][top_k_classes][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(23);
    // Many classes with few samples each: ratios tie in large groups, beyond the 16-element insertion sort.
    for (const auto& [n, c, range] : {std::tuple{200, 60, 3}, std::tuple{400, 120, 5}, std::tuple{100, 30, 2}}) {
        const auto scores = vidata::test::tied_scores<float>(rng, n, c, range);
        // Labels from a subset of the classes, so that some classes are predicted only.
        auto labels = vidata::test::random_labels(rng, static_cast<std::size_t>(n), c * 3 / 4);
        vidata::test::temp_dir dir;
        vidata::test::write_raw(dir / "scores.bin", scores.data(), static_cast<std::size_t>(scores.size()));
        vidata::test::write_raw(dir / "labels.bin", labels);
        for (const int k : {1, 5, 17, 40, 1000}) {
            for (const auto m : {mode::accurate, mode::inaccurate}) {
                const auto want = vidata::test::reference(
                    "top_k_classes", dir,
                    "float32 " + std::to_string(n) + " " + std::to_string(c) + " " + std::to_string(k) + " " +
                        (m == mode::accurate ? "accurate" : "inaccurate"));
                std::vector<double> got;
                for (const auto& [id, acc] : vidata::top_k_classes(scores, labels, k, m, vidata::mmaction2_metrics)) {
                    got.push_back(static_cast<double>(id));
                    got.push_back(acc);
                }
                INFO("n " << n << " c " << c << " k " << k);
                CHECK(got == want);
            }
        }
    }
}
