// SPDX-License-Identifier: Apache-2.0
// box_iou: hand-computed overlaps, degenerate boxes as numpy computes them, bit-identity with np_box_ops.iou.
#include <vidata/metrics/box_iou.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using vidata::box;
using vidata::box_iou;

static_assert(vidata::box_iou(box{0, 0, 2, 2}, box{0, 0, 2, 2}) == 1.0);
static_assert(vidata::box_area(box{1, 2, 4, 8}) == 18.0);
static_assert(vidata::box_intersection(box{0, 0, 2, 2}, box{1, 1, 3, 3}) == 1.0);

}  // namespace

TEST_CASE("box_iou: hand-computed overlaps in continuous coordinates (no +1)", "[metrics][box_iou]") {
    CHECK(box_iou({0, 0, 2, 2}, {1, 1, 3, 3}) == 1.0 / 7.0);        // 1 / (4 + 4 - 1)
    CHECK(box_iou({0, 0, 4, 4}, {1, 1, 2, 2}) == 1.0 / 16.0);       // containment
    CHECK(box_iou({0, 0, 1, 1}, {0, 0, 1, 1}) == 1.0);
    CHECK(box_iou({0, 0, 1, 1}, {2, 2, 3, 3}) == 0.0);              // disjoint
    CHECK(box_iou({0, 0, 1, 1}, {1, 0, 2, 1}) == 0.0);              // touching along an edge: no area in common
    CHECK(box_iou({0, 0, 2, 1}, {1, 0, 3, 1}) == 1.0 / 3.0);        // a pixel convention would give 2/4
    CHECK(box_iou({0.1, 0.2, 0.5, 0.6}, {0.3, 0.2, 0.7, 0.6}) == box_iou({0.3, 0.2, 0.7, 0.6}, {0.1, 0.2, 0.5, 0.6}));
}

TEST_CASE("box_iou: degenerate boxes give what numpy gives", "[metrics][box_iou]") {
    // A zero-area box against a real one: 0 / area.
    CHECK(box_iou({0, 0, 0, 1}, {0, 0, 1, 1}) == 0.0);
    // Two zero-area boxes: 0 / 0.
    CHECK(std::isnan(box_iou({0.5, 0.5, 0.5, 0.5}, {0.5, 0.5, 0.5, 0.5})));
    // Inverted along x: area (2-0)*(0-2) = -4; no intersection; union -4 + 4 - 0 = 0: NaN.
    CHECK(vidata::box_area({2, 0, 0, 2}) == -4.0);
    CHECK(std::isnan(box_iou({2, 0, 0, 2}, {0, 0, 2, 2})));
    // Inverted along x against a larger box: 0 / (-4 + 9) = 0.
    CHECK(box_iou({2, 0, 0, 2}, {0, 0, 3, 3}) == 0.0);
    // Inverted both ways: positive area, never an intersection.
    CHECK(vidata::box_area({2, 2, 0, 0}) == 4.0);
    CHECK(box_iou({2, 2, 0, 0}, {0, 0, 2, 2}) == 0.0);
    // NaN corners propagate (np.maximum / np.minimum do).
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(std::isnan(box_iou({nan, 0, 1, 1}, {0, 0, 1, 1})));
    CHECK(std::isnan(box_iou({0, 0, 1, 1}, {0, 0, nan, 1})));
}

TEST_CASE("box_iou: the pairwise matrix and its size check", "[metrics][box_iou]") {
    const std::vector<box> a{{0, 0, 2, 2}, {0, 0, 1, 1}};
    const std::vector<box> b{{1, 1, 3, 3}, {0, 0, 2, 2}, {5, 5, 6, 6}};
    std::vector<double> out(6);
    vidata::box_iou(a, b, out);
    CHECK(out == std::vector<double>{1.0 / 7.0, 1.0, 0.0, 0.0, 0.25, 0.0});
    std::vector<double> wrong(5);
    CHECK_THROWS_AS(vidata::box_iou(a, b, wrong), vidata::invalid_argument);
    std::vector<double> none;
    vidata::box_iou(std::span<const box>(), b, none);  // 0 x 3: nothing to write
}

TEST_CASE("box_iou: bit-identical to np_box_ops.iou on random and tied boxes", "[metrics][box_iou][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::uniform_int_distribution<int> grid(0, 10);
    std::vector<box> a, b;
    for (int i = 0; i < 120; ++i) {
        box x;
        if (i % 3 == 0) {  // coarse grid: shared edges, equal IoUs, zero areas and inverted boxes
            x = {grid(rng) / 10.0, grid(rng) / 10.0, grid(rng) / 10.0, grid(rng) / 10.0};
        } else {
            const double x1 = u(rng), y1 = u(rng);
            x = {x1, y1, x1 + u(rng) * 0.5, y1 + u(rng) * 0.5};
        }
        (i % 2 == 0 ? a : b).push_back(x);
    }
    vidata::test::temp_dir dir;
    std::vector<double> flat_a, flat_b;
    for (const box& x : a) flat_a.insert(flat_a.end(), {x.x1, x.y1, x.x2, x.y2});
    for (const box& x : b) flat_b.insert(flat_b.end(), {x.x1, x.y1, x.x2, x.y2});
    vidata::test::write_raw(dir / "a.bin", flat_a);
    vidata::test::write_raw(dir / "b.bin", flat_b);
    const auto r = vidata::test::run_python(
        "ava_reference.py", "iou " + vidata::test::shell_quote(dir.path().string()) + " " + std::to_string(a.size()) + " " +
                                std::to_string(b.size()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto expected = vidata::test::read_raw<double>(dir / "iou.bin");
    std::vector<double> got(a.size() * b.size());
    vidata::box_iou(a, b, got);
    REQUIRE(expected.size() == got.size());
    std::size_t nans = 0;
    for (std::size_t k = 0; k < got.size(); ++k) {
        INFO("pair " << k / b.size() << ", " << k % b.size());
        if (std::isnan(expected[k])) {
            ++nans;
            CHECK(std::isnan(got[k]));
        } else {
            CHECK(got[k] == expected[k]);  // bit for bit
        }
        const double single = box_iou(a[k / b.size()], b[k % b.size()]);
        CHECK((single == got[k] || (std::isnan(single) && std::isnan(got[k]))));
    }
    CHECK(nans > 0);  // the grid boxes did produce degenerate cases
}
