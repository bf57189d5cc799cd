// SPDX-License-Identifier: Apache-2.0
// The `vidata sample` contract: the JSON object it prints, hand-derived test-mode indices, MMAction2's numbers
// under --rng numpy-legacy --seed (checked by numpy through sampler_reference.py), and one-line errors.
#include "sampling/oracle.hpp"
#include "tools/cli_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sample_cli_test {

using ints = std::vector<std::int64_t>;

nlohmann::json sample_json(const std::string& args) {
    const auto r = vidata::test::vidata_cli("sample " + args + " --json");
    INFO("vidata sample " << args << "\n" << r.output);
    REQUIRE(r.status == 0);
    REQUIRE(vidata::test::line_count(r.output) == 1);
    return nlohmann::json::parse(r.output);
}

}  // namespace sample_cli_test

TEST_CASE("vidata sample --json prints frame_inds, clip_len and MMAction2's num_clips", "[tools][sample]") {
    using namespace sample_cli_test;
    // TSN 1x1x25 test on 300 rawframes (start_index 1): int(12 i + 6) + 1.
    const auto tsn = sample_json("--sampler segments --total-frames 300 --clip-len 1 --num-clips 25 --test-mode --start-index 1");
    ints expected;
    for (std::int64_t i = 0; i < 25; ++i) expected.push_back(12 * i + 7);
    CHECK(tsn["frame_inds"].get<ints>() == expected);
    CHECK(tsn["clip_len"] == 1);
    CHECK(tsn["num_clips"] == 25);
    // twice_sample: 8 clips in 2 views, num_clips stays 4 as in MMAction2 (hand derivation in segment_sampler_test).
    const auto twice = sample_json("--sampler segments --total-frames 30 --num-clips 4 --test-mode --twice-sample --start-index 1");
    CHECK(twice["frame_inds"].get<ints>() == ints{4, 12, 19, 27, 1, 8, 16, 23});
    CHECK(twice["num_clips"] == 4);
    CHECK(twice["num_views"] == 2);
    CHECK(twice["sampled_clips"] == 8);
    // repeat_last on a video shorter than the clip.
    CHECK(sample_json("--sampler segments --total-frames 10 --clip-len 8 --frame-interval 2 --test-mode --out-of-bound-opt repeat_last")
              ["frame_inds"]
                  .get<ints>() == ints{0, 2, 4, 6, 8, 8, 8, 8});
    // Untrimmed: num_clips is the per-video count.
    const auto untrimmed = sample_json("--sampler untrimmed --total-frames 50");
    CHECK(untrimmed["frame_inds"].get<ints>() == ints{8, 24, 40});
    CHECK(untrimmed["num_clips"] == 3);
    // AVA: centre 30·(902 − 900) + 1 = 61.
    CHECK(sample_json("--sampler ava --timestamp 902 --clip-len 4 --test-mode")["frame_inds"].get<ints>() == ints{57, 59, 61, 63});
}

TEST_CASE("vidata sample --rng numpy-legacy --seed S draws what MMAction2 draws after np.random.seed(S)", "[tools][sample]") {
    using namespace sample_cli_test;
    using nlohmann::json;
    const std::vector<std::pair<std::string, json>> cases{
        {"--sampler segments --total-frames 250 --num-clips 8 --seed 7",
         {{"sampler", "segments"}, {"clip_len", 1}, {"num_clips", 8}, {"total_frames", 250}, {"seed", 7}}},
        {"--sampler segments --total-frames 100 --clip-len 32 --frame-interval 2 --temporal-jitter --seed 11",
         {{"sampler", "segments"}, {"clip_len", 32}, {"frame_interval", 2}, {"temporal_jitter", true}, {"total_frames", 100}, {"seed", 11}}},
        {"--sampler segments --total-frames 9 --num-clips 3 --keep-tail-frames --seed 2",
         {{"sampler", "segments"}, {"clip_len", 1}, {"num_clips", 3}, {"keep_tail_frames", true}, {"total_frames", 9}, {"seed", 2}}},
        {"--sampler dense --total-frames 120 --num-clips 8 --seed 3",
         {{"sampler", "dense"}, {"clip_len", 1}, {"num_clips", 8}, {"total_frames", 120}, {"seed", 3}}},
        {"--sampler uniform --total-frames 70 --clip-len 48 --seed 5",
         {{"sampler", "uniform"}, {"clip_len", 48}, {"total_frames", 70}, {"seed", 5}}},
        {"--sampler uniform --total-frames 300 --clip-len 48 --num-clips 10 --test-mode --seed 5",
         {{"sampler", "uniform"}, {"clip_len", 48}, {"num_clips", 10}, {"test_mode", true}, {"total_frames", 300}, {"seed", 5}}},
        {"--sampler ava --timestamp 1000 --clip-len 8 --frame-interval 8 --seed 4",
         {{"sampler", "ava"}, {"clip_len", 8}, {"frame_interval", 8}, {"timestamp", 1000}, {"timestamp_start", 900}, {"fps", 30},
          {"shot_info", {0, 27000}}, {"seed", 4}}},
        {"--sampler proposal --total-frames 400 --proposals 50:150,200:390 --seed 6",
         {{"sampler", "proposal"}, {"clip_len", 1}, {"body_segments", 5}, {"aug_segments", {2, 2}}, {"aug_ratio", {0.5, 0.5}},
          {"proposals", {{50, 150}, {200, 390}}}, {"total_frames", 400}, {"seed", 6}}}};
    json oracle_cases = json::array();
    for (const auto& [args, c] : cases) oracle_cases.push_back(c);
    const json answers = vidata::test::sampling::reference_answers(oracle_cases);
    if (answers.is_null()) return;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO(cases[i].first);
        CHECK(sample_json(cases[i].first + " --rng numpy-legacy")["frame_inds"] == answers[i]["frame_inds"]);
    }
}

TEST_CASE("vidata sample --rng vidata is reproducible from --seed, --epoch and --index", "[tools][sample]") {
    using namespace sample_cli_test;
    const std::string base = "--sampler segments --total-frames 500 --num-clips 8 --rng vidata --seed 42";
    const auto a = sample_json(base + " --epoch 3 --index 17");
    CHECK(sample_json(base + " --epoch 3 --index 17") == a);
    CHECK(sample_json(base + " --epoch 3 --index 18")["frame_inds"] != a["frame_inds"]);
    CHECK(sample_json(base + " --epoch 4 --index 17")["frame_inds"] != a["frame_inds"]);
}

TEST_CASE("vidata sample rejects bad input with a one-line reason", "[tools][sample]") {
    using vidata::test::contains;
    using vidata::test::vidata_cli;
    const auto bad_len = vidata_cli("sample --sampler segments --total-frames 10 --clip-len 0 --json");
    CHECK(bad_len.status != 0);
    CHECK(contains(bad_len.output, "clip_len must be at least 1, got 0"));
    CHECK(vidata::test::line_count(bad_len.output) == 1);
    const auto no_frames = vidata_cli("sample --sampler dense --json");
    CHECK(no_frames.status != 0);
    CHECK(contains(no_frames.output, "--total-frames is required"));
    CHECK(vidata_cli("sample --sampler nope --total-frames 3").status != 0);
    const auto bad_proposals = vidata_cli("sample --sampler proposal --total-frames 100 --proposals 5-9");
    CHECK(bad_proposals.status != 0);
    CHECK(contains(bad_proposals.output, "expected START:END"));
    const auto train_mode_pose = vidata_cli("sample --sampler uniform --total-frames 0 --clip-len 4");
    CHECK(train_mode_pose.status != 0);
    CHECK(contains(train_mode_pose.output, "0 frames"));
}
