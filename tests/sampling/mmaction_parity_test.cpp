// SPDX-License-Identifier: Apache-2.0
// The numpy_random_state policy against MMAction2's formulas run under real numpy (tests/python/sampler_reference.py):
// after np.random.seed(S) every sampler returns exactly MMAction2's indices and leaves the stream where numpy's is.
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/sampling.hpp>

#include "sampling/oracle.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mmaction_parity_test {

using nlohmann::json;

// A grid of frame counts around every branch boundary of the samplers: 0, 1, below/at/above clip_len ·
// frame_interval, and long videos.
const std::vector<std::int64_t> frame_counts{0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 250, 301, 1000};

json segment_cases() {
    json cases = json::array();
    std::uint32_t seed = 1;
    for (const std::int64_t n : frame_counts)
        for (const auto& [len, interval, clips] : std::vector<std::array<std::int64_t, 3>>{
                 {1, 1, 3}, {1, 1, 8}, {1, 1, 25}, {32, 2, 1}, {8, 8, 1}, {4, 3, 5}, {2, 1, 10}, {16, 4, 2}})
            for (const bool test : {false, true})
                for (const int variant : {0, 1, 2, 3}) {
                    json c{{"sampler", "segments"}, {"clip_len", len}, {"frame_interval", interval}, {"num_clips", clips},
                           {"total_frames", n}, {"test_mode", test}, {"seed", seed++}, {"start_index", variant % 2}};
                    if (variant == 1) c["out_of_bound_opt"] = "repeat_last";
                    if (variant == 2) c["temporal_jitter"] = true;
                    if (variant == 3) {
                        if (test) c["twice_sample"] = true;
                        else c["keep_tail_frames"] = true;
                    }
                    // numpy's float modulo by zero is NaN and astype(int) of it is undefined: vidata's documented 0
                    // is not MMAction2's number there, so the grid leaves that corner to the hand-derived tests.
                    if (n == 0 && !test && len * interval == 1) continue;
                    cases.push_back(c);
                }
    return cases;
}

json other_cases() {
    json cases = json::array();
    std::uint32_t seed = 5000;
    for (const std::int64_t n : frame_counts) {
        for (const bool test : {false, true})
            for (const auto& [len, clips, range, positions] :
                 std::vector<std::array<std::int64_t, 4>>{{1, 8, 64, 10}, {4, 4, 32, 3}, {1, 3, 64, 1}, {2, 5, 16, 7}})
                cases.push_back({{"sampler", "dense"}, {"clip_len", len}, {"frame_interval", 2}, {"num_clips", clips},
                                 {"sample_range", range}, {"num_sample_positions", positions}, {"test_mode", test},
                                 {"temporal_jitter", len == 2}, {"total_frames", n}, {"seed", seed++}, {"start_index", n % 2}});
        for (const auto& [len, clips, test] : std::vector<std::array<std::int64_t, 3>>{
                 {48, 1, 0}, {48, 10, 1}, {5, 1, 0}, {5, 3, 1}, {16, 2, 1}, {1, 1, 0}, {1, 4, 1}}) {
            if (n == 0 && test == 0) continue;  // numpy's randint(0, 0) raises; so does vidata (tested by hand)
            cases.push_back({{"sampler", "uniform"}, {"clip_len", len}, {"num_clips", clips}, {"test_mode", test == 1},
                             {"total_frames", n}, {"seed", seed++}, {"start_index", n % 2}});
        }
        for (const auto& [len, interval] : std::vector<std::array<std::int64_t, 2>>{{1, 16}, {4, 16}, {3, 5}, {8, 1}})
            cases.push_back({{"sampler", "untrimmed"}, {"clip_len", len}, {"frame_interval", interval}, {"total_frames", n},
                             {"start_index", 1}, {"seed", seed++}});
        cases.push_back({{"sampler", "padding"}, {"clip_len", 7}, {"total_frames", n}, {"seed", seed++}});
        for (const std::string mode : {"train", "val", "test"}) {
            if (n == 0) continue;  // MMAction2's mod 0 on its float offsets: see the segment grid
            if (mode == "test" && n <= 3) continue;  // np.concatenate of no clips raises in MMAction2
            cases.push_back({{"sampler", "proposal"}, {"clip_len", 1 + n % 3}, {"frame_interval", 1 + n % 2},
                             {"body_segments", 5}, {"aug_segments", {2, 2}}, {"aug_ratio", {0.5, 0.7}},
                             {"test_interval", 6}, {"mode", mode}, {"temporal_jitter", n % 2 == 1},
                             {"proposals", {{n / 10, n / 2 + 1}, {n / 3, n - 1 > n / 3 ? n - 1 : n / 3 + 1}, {1, 4}}},
                             {"total_frames", n}, {"seed", seed++}, {"start_index", 1}});
        }
    }
    for (const bool test : {false, true})
        for (const std::int64_t interval : {1, 2, 3, 8, 16})
            for (const std::int64_t timestamp : {900, 902, 1000, 1798})
                cases.push_back({{"sampler", "ava"}, {"clip_len", 32 / interval + 1}, {"frame_interval", interval},
                                 {"timestamp", timestamp}, {"timestamp_start", 900}, {"fps", 30},
                                 {"shot_info", {0, 27030 - (timestamp == 1798 ? 60 : 0)}}, {"test_mode", test},
                                 {"seed", seed++}, {"start_index", timestamp % 2}});
    return cases;
}

void check_against_reference(const json& cases) {
    const json answers = vidata::test::sampling::reference_answers(cases);
    if (answers.is_null()) return;
    std::size_t compared = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const json& c = cases[i];
        vidata::numpy_random_state g(c.value("seed", std::uint32_t{0}));
        const auto got = vidata::test::sampling::flat_of(vidata::test::sampling::run_case(c, g));
        const std::vector<std::int64_t> expected = answers[i]["frame_inds"];
        INFO("case " << c.dump());
        REQUIRE(got == expected);
        // The same number of draws as numpy made: the next draw agrees too.
        REQUIRE(g.randint(0, std::int64_t{1} << 30) == answers[i]["next"].get<std::int64_t>());
        ++compared;
    }
    CHECK(compared == cases.size());
}

}  // namespace mmaction_parity_test

TEST_CASE("numpy-legacy segment_sampler equals SampleFrames under np.random.seed, train and test", "[sampling][parity]") {
    mmaction_parity_test::check_against_reference(mmaction_parity_test::segment_cases());
}

TEST_CASE("numpy-legacy dense, uniform, untrimmed, padding, proposal and AVA samplers equal MMAction2 under np.random.seed",
          "[sampling][parity]") {
    mmaction_parity_test::check_against_reference(mmaction_parity_test::other_cases());
}

TEST_CASE("test-mode indices are MMAction2's whatever the RNG policy", "[sampling][parity]") {
    // Test mode draws nothing from the caller (UniformSampleFrames draws from its own seed-255 stream), so a
    // vidata::rng caller gets numpy's answer too.
    using nlohmann::json;
    json cases = json::array();
    for (const std::int64_t n : {0, 1, 5, 40, 47, 48, 60, 95, 96, 97, 300}) {
        cases.push_back({{"sampler", "uniform"}, {"clip_len", 48}, {"num_clips", 10}, {"test_mode", true}, {"total_frames", n}});
        cases.push_back({{"sampler", "segments"}, {"clip_len", 1}, {"num_clips", 25}, {"test_mode", true}, {"twice_sample", true},
                         {"total_frames", n}, {"start_index", 1}});
        cases.push_back({{"sampler", "dense"}, {"clip_len", 1}, {"num_clips", 8}, {"test_mode", true}, {"total_frames", n}});
        cases.push_back({{"sampler", "ava"}, {"clip_len", 8}, {"frame_interval", 8}, {"test_mode", true}, {"timestamp", 900 + n},
                         {"timestamp_start", 900}, {"fps", 30}, {"shot_info", {0, 27000}}});
    }
    const json answers = vidata::test::sampling::reference_answers(cases);
    if (answers.is_null()) return;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        vidata::rng g = vidata::rng::for_item(7, 0, i);
        const vidata::rng before = g;
        INFO("case " << cases[i].dump());
        CHECK(vidata::test::sampling::flat_of(vidata::test::sampling::run_case(cases[i], g)) ==
              answers[i]["frame_inds"].get<std::vector<std::int64_t>>());
        CHECK(g == before);  // nothing drawn
    }
}
