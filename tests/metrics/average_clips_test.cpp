// SPDX-License-Identifier: Apache-2.0
// Tests of average_clips: hand-computed score and prob fusion, numpy's softmax as the oracle, NaN/inf, errors.
#include <vidata/metrics/average_clips.hpp>

#include "metrics/oracle.hpp"
#include "support.hpp"

#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace {
using vidata::clip_average;
using vidata::test::row_major;
}  // namespace

TEST_CASE("average_clips: hand-computed fusion", "[metrics][average_clips]") {
    row_major<float> clips(4, 2);  // two videos of two clips
    clips << 0, 0,                 // softmax (0.5, 0.5)
        std::log(3.0f), 0,         // softmax (3/4, 1/4)
        1, 1,                      // softmax (0.5, 0.5)
        1000, 1000;                // softmax (0.5, 0.5): the max shift keeps exp from overflowing
    const auto prob = vidata::average_clips(clips, 2, clip_average::prob);
    REQUIRE(prob.rows() == 2);
    // Video 0: ((0.5 + 0.75) / 2, (0.5 + 0.25) / 2) = (0.625, 0.375), up to the float rounding of log 3.
    CHECK(prob(0, 0) == Approx(0.625).epsilon(1e-7));
    CHECK(prob(0, 1) == Approx(0.375).epsilon(1e-7));
    CHECK(prob(1, 0) == 0.5);
    CHECK(prob(1, 1) == 0.5);
    const auto score = vidata::average_clips(clips, 2, clip_average::score);
    CHECK(score(0, 0) == static_cast<double>(std::log(3.0f)) / 2);
    CHECK(score(1, 1) == 500.5);

    SECTION("non-allocating form; a NaN or +inf score makes the clip's probabilities NaN") {
        row_major<double> c(2, 3);
        c << 1, std::numeric_limits<double>::quiet_NaN(), 2, std::numeric_limits<double>::infinity(), 0, 0;
        row_major<double> out(2, 3);
        vidata::average_clips(c, 1, clip_average::prob, out);
        CHECK(out.array().isNaN().all());  // inf - inf = NaN reaches the normaliser of the second clip
        vidata::average_clips(c, 2, clip_average::score, out.topRows(1));
        CHECK(std::isnan(out(0, 1)));
        CHECK(out(0, 0) == std::numeric_limits<double>::infinity());
    }
    SECTION("errors") {
        CHECK_THROWS_WITH(vidata::average_clips(clips, 3, clip_average::score), Catch::Contains("videos of 3 clips"));
        CHECK_THROWS_WITH(vidata::average_clips(clips, 0, clip_average::score), Catch::Contains("at least 1, got 0"));
        row_major<double> wrong(3, 2);
        CHECK_THROWS_WITH(vidata::average_clips(clips, 2, clip_average::score, wrong), Catch::Contains("expected 2 x 2"));
    }
}

TEST_CASE("average_clips: numpy's softmax and mean agree", "[metrics][average_clips][python]") {
    if (!vidata::test::python_oracle_available()) return;
    std::mt19937_64 rng(41);
    for (const auto& [videos, clips, c, specials] : {std::tuple{20, 10, 400, 0}, std::tuple{30, 3, 17, 20}, std::tuple{7, 1, 5, 100}}) {
        row_major<float> s = vidata::test::tied_scores<float>(rng, videos * clips, c, 200, specials);
        s.array() -= 25.0f;  // negative and positive logits
        vidata::test::temp_dir dir;
        vidata::test::write_raw(dir / "scores.bin", s.data(), static_cast<std::size_t>(s.size()));
        for (const auto mode : {clip_average::score, clip_average::prob}) {
            const auto want = vidata::test::reference(
                "average_clips", dir,
                "float32 " + std::to_string(videos * clips) + " " + std::to_string(c) + " " + std::to_string(clips) +
                    (mode == clip_average::prob ? " prob" : " score"));
            const auto got = vidata::average_clips(s, clips, mode);
            REQUIRE(want.size() == static_cast<std::size_t>(got.size()));
            std::size_t bad = 0;
            for (std::size_t i = 0; i < want.size(); ++i) bad += !vidata::test::close(got.data()[i], want[i]);
            CHECK(bad == 0);
        }
    }
}
