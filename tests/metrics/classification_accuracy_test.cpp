// SPDX-License-Identifier: Apache-2.0
// Tests of classification_accuracy: the one-pass pair equals a plain argmax / sort implementation and the two
// separate metrics, on rows full of ties, NaNs and signed zeros, under both policies.
#include <vidata/metrics/classification_accuracy.hpp>
#include <vidata/metrics/mean_class_accuracy.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace classification_accuracy_test {
using vidata::test::row_major;

// np.argmax written out: the first NaN, else the first maximum.
template <class T>
std::int64_t plain_argmax(const T* p, std::int64_t c) {
    std::int64_t best = 0;
    for (std::int64_t j = 0; j < c; ++j) {
        if (std::isnan(p[j])) return j;
        if (p[j] > p[best]) best = j;
    }
    return best;
}

// Mean class accuracy from its definition: per-class recall of the argmax predictions over a class set.
template <class T>
double plain_mean_class_accuracy(const row_major<T>& s, const std::vector<std::int64_t>& labels, bool union_of_predicted) {
    std::map<std::int64_t, std::pair<int, int>> per_class;  // class -> (hits, samples)
    for (Eigen::Index i = 0; i < s.rows(); ++i) {
        const std::int64_t pred = plain_argmax(s.row(i).data(), s.cols());
        auto& t = per_class[labels[static_cast<std::size_t>(i)]];
        ++t.second;
        t.first += pred == labels[static_cast<std::size_t>(i)];
        if (union_of_predicted) per_class.try_emplace(pred, 0, 0);
    }
    double sum = 0.0;
    for (const auto& [c, t] : per_class) sum += t.second ? static_cast<double>(t.first) / t.second : 0.0;
    return sum / static_cast<double>(per_class.size());
}

// Top-k under "equal scores rank by lower index, NaN above all": the label's place in a stable descending sort.
template <class T>
double plain_top_k(const row_major<T>& s, const std::vector<std::int64_t>& labels, int k) {
    int hits = 0;
    for (Eigen::Index i = 0; i < s.rows(); ++i) {
        const T* p = s.row(i).data();
        const std::int64_t label = labels[static_cast<std::size_t>(i)];
        auto above = [](T a, T b) { return std::isnan(a) ? !std::isnan(b) : (!std::isnan(b) && a > b); };
        std::int64_t place = 0;
        for (std::int64_t j = 0; j < s.cols(); ++j)
            place += above(p[j], p[label]) || (j < label && !above(p[label], p[j]));
        hits += place < k;
    }
    return static_cast<double>(hits) / static_cast<double>(s.rows());
}

template <class T>
row_major<T> tied_scores(std::mt19937& g, Eigen::Index n, Eigen::Index c) {
    std::uniform_int_distribution<int> level(-3, 3), special(0, 40);
    row_major<T> s(n, c);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < c; ++j) {
            const int x = special(g);
            s(i, j) = x == 0 ? std::numeric_limits<T>::quiet_NaN() : x == 1 ? T(-0.0) : static_cast<T>(level(g)) / 2;
        }
    return s;
}

}  // namespace classification_accuracy_test

TEMPLATE_TEST_CASE("classification_accuracy: one pass gives what the definitions give", "[metrics][classification_accuracy]", float,
                   double) {
    using namespace classification_accuracy_test;
    std::mt19937 g(2024);
    const std::vector<int> ks{1, 2, 5};
    for (int round = 0; round < 30; ++round) {
        const Eigen::Index n = 1 + round * 7, c = 1 + round % 11;
        const auto s = tied_scores<TestType>(g, n, c);
        std::vector<std::int64_t> labels(static_cast<std::size_t>(n));
        std::uniform_int_distribution<std::int64_t> label(0, c - 1);
        for (auto& l : labels) l = label(g);
        INFO("round " << round << ", " << n << " x " << c);

        const auto official = vidata::classification_accuracy(s, labels, ks);
        CHECK(official.ks == ks);
        for (std::size_t q = 0; q < ks.size(); ++q) CHECK(official.top_k[q] == plain_top_k(s, labels, ks[q]));
        CHECK(official.mean_class_accuracy == plain_mean_class_accuracy(s, labels, false));
        CHECK(official.mean_class_accuracy == vidata::mean_class_accuracy(s, labels));

        const auto mm = vidata::classification_accuracy(s, labels, ks, vidata::mmaction2_metrics);
        CHECK(mm.top_k == vidata::top_k_accuracy(s, labels, std::span<const int>(ks), vidata::mmaction2_metrics));
        CHECK(mm.mean_class_accuracy == plain_mean_class_accuracy(s, labels, true));
        CHECK(mm.mean_class_accuracy == vidata::mean_class_accuracy(s, labels, vidata::mmaction2_metrics));
    }
}

TEST_CASE("classification_accuracy: hand-computed, and the errors of its parts", "[metrics][classification_accuracy]") {
    classification_accuracy_test::row_major<float> s(3, 3);
    s << 5, 1, 0,  // label 0: top-1 hit
        0, 2, 2,   // label 2: tied with class 1, which comes first: top-1 miss, top-2 hit
        0, 1, 3;   // label 1: second: top-1 miss, top-2 hit
    const std::vector<std::int64_t> labels{0, 2, 1};
    const auto r = vidata::classification_accuracy(s, labels, {1, 2});
    CHECK(r.top_k == std::vector<double>{1.0 / 3, 1.0});
    // Recall of class 0: 1/1, of class 2: 0/1, of class 1: 0/1; over the true classes: 1/3.
    CHECK(r.mean_class_accuracy == 1.0 / 3);
    CHECK_THROWS_AS(vidata::classification_accuracy(s, labels, {0}), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::classification_accuracy(s, std::vector<std::int64_t>{0, 3, 1}, {1}), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::classification_accuracy(s, std::vector<std::int64_t>{0}, {1}), vidata::invalid_argument);
}
