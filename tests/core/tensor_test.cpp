// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::tensor: shapes, row-major element access, reshape, the Eigen matrix view, equality.
#include <vidata/core/tensor.hpp>

#include "support.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

using vidata::float_tensor;
using vidata::tensor;

TEST_CASE("tensor default is an empty rank-1 tensor", "[core][tensor]") {
    const float_tensor t;
    CHECK(t.rank() == 1);
    CHECK(t.extent(0) == 0);
    CHECK(t.empty());
    CHECK(t.size() == 0);
}

TEST_CASE("tensor constructors: zeros, fill, values", "[core][tensor]") {
    const float_tensor zeros({2, 3, 4});
    CHECK(zeros.size() == 24);
    CHECK(zeros.rank() == 3);
    CHECK(std::all_of(zeros.values().begin(), zeros.values().end(), [](float v) { return v == 0.f; }));

    const tensor<int> filled({3, 2}, 7);
    CHECK(filled.size() == 6);
    CHECK(filled(2, 1) == 7);

    const float_tensor scalar(std::vector<std::size_t>{});
    CHECK(scalar.rank() == 0);
    CHECK(scalar.size() == 1);
    CHECK(scalar() == 0.f);
}

TEST_CASE("tensor element access is row-major, last axis fastest", "[core][tensor]") {
    std::vector<float> values(2 * 3 * 4 * 5);
    std::iota(values.begin(), values.end(), 0.f);
    float_tensor t({2, 3, 4, 5}, values);
    CHECK(t(1, 2, 3, 4) == 119.f);
    CHECK(t(1, 0, 0, 0) == 60.f);
    CHECK(t(0, 1, 0, 0) == 20.f);
    CHECK(t(0, 0, 1, 0) == 5.f);
    t(0, 2, 1, 3) = -1.f;
    CHECK(t.values()[0 * 60 + 2 * 20 + 1 * 5 + 3] == -1.f);
    CHECK(t.data()[48] == -1.f);
}

TEST_CASE("tensor reshape keeps the values", "[core][tensor]") {
    float_tensor t({2, 6}, std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    t.reshape({3, 4});
    CHECK(t.extent(0) == 3);
    CHECK(t(2, 0) == 8.f);
    t.reshape({12});
    CHECK(t(11) == 11.f);
}

TEST_CASE("tensor matrix() maps a rank-2 tensor as a row-major Eigen matrix", "[core][tensor]") {
    float_tensor scores({2, 3}, std::vector<float>{0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f});
    auto m = scores.matrix();
    CHECK(m.rows() == 2);
    CHECK(m.cols() == 3);
    CHECK(m(0, 1) == 0.7f);
    Eigen::Index best = 0;
    m.row(1).maxCoeff(&best);
    CHECK(best == 0);
    m(1, 2) = 0.9f;
    CHECK(scores(1, 2) == 0.9f);
    const float_tensor& cs = scores;
    CHECK(cs.matrix().sum() == Approx(2.7f));
}

TEST_CASE("tensor equality compares shape and values", "[core][tensor]") {
    const float_tensor a({2, 2}, std::vector<float>{1, 2, 3, 4});
    CHECK(a == float_tensor({2, 2}, std::vector<float>{1, 2, 3, 4}));
    CHECK(a != float_tensor({2, 2}, std::vector<float>{1, 2, 3, 5}));
    CHECK(a != float_tensor({4}, std::vector<float>{1, 2, 3, 4}));
    CHECK(a != float_tensor({1, 4}, std::vector<float>{1, 2, 3, 4}));
}
