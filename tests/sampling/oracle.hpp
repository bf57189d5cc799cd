// SPDX-License-Identifier: Apache-2.0
// What the sampler tests share: a sampler built from an oracle case (MMAction2's parameter names), run under
// numpy_random_state, and tests/python/sampler_reference.py run on a batch of such cases.
#pragma once

#include <vidata/core/frame_indices.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/sampling.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vidata::test::sampling {

inline out_of_bound out_of_bound_of(const nlohmann::json& c) {
    return c.value("out_of_bound_opt", std::string("loop")) == "loop" ? out_of_bound::loop : out_of_bound::repeat_last;
}

/// Runs the case's sampler with generator g; the case uses sampler_reference.py's field names.
template <class G>
frame_indices run_case(const nlohmann::json& c, G& g) {
    const std::string sampler = c.at("sampler");
    const std::int64_t n = c.value("total_frames", std::int64_t{0});
    const std::int64_t start = c.value("start_index", std::int64_t{0});
    if (sampler == "segments")
        return segment_sampler{.clip_len = c.at("clip_len"),
                               .frame_interval = c.value("frame_interval", std::int64_t{1}),
                               .num_clips = c.value("num_clips", std::int64_t{1}),
                               .temporal_jitter = c.value("temporal_jitter", false),
                               .twice_sample = c.value("twice_sample", false),
                               .out_of_bound_opt = out_of_bound_of(c),
                               .test_mode = c.value("test_mode", false),
                               .start_index = start,
                               .keep_tail_frames = c.value("keep_tail_frames", false)}
            .sample(n, g);
    if (sampler == "dense")
        return dense_sampler{.clip_len = c.at("clip_len"),
                             .frame_interval = c.value("frame_interval", std::int64_t{1}),
                             .num_clips = c.value("num_clips", std::int64_t{1}),
                             .sample_range = c.value("sample_range", std::int64_t{64}),
                             .num_sample_positions = c.value("num_sample_positions", std::int64_t{10}),
                             .temporal_jitter = c.value("temporal_jitter", false),
                             .out_of_bound_opt = out_of_bound_of(c),
                             .test_mode = c.value("test_mode", false),
                             .start_index = start}
            .sample(n, g);
    if (sampler == "uniform")
        return uniform_sampler{.clip_len = c.at("clip_len"),
                               .num_clips = c.value("num_clips", std::int64_t{1}),
                               .test_mode = c.value("test_mode", false),
                               .seed = c.value("seed_test", std::uint32_t{255}),
                               .start_index = start}
            .sample(n, g);
    if (sampler == "ava") {
        const ava_keyframe k{c.at("timestamp"), c.at("timestamp_start"), c.at("fps"), c.at("shot_info")[0], c.at("shot_info")[1]};
        return ava_sampler{.clip_len = c.at("clip_len"),
                           .frame_interval = c.value("frame_interval", std::int64_t{2}),
                           .test_mode = c.value("test_mode", false),
                           .start_index = start}(k, g);
    }
    if (sampler == "untrimmed")
        return untrimmed_sampler{.clip_len = c.value("clip_len", std::int64_t{1}),
                                 .frame_interval = c.value("frame_interval", std::int64_t{16}),
                                 .start_index = start}
            .sample(n);
    if (sampler == "proposal") {
        const std::string mode = c.value("mode", std::string("train"));
        proposal_sampler s{.clip_len = c.at("clip_len"),
                           .body_segments = c.value("body_segments", std::int64_t{5}),
                           .aug_segments = {c.value("aug_segments", nlohmann::json::array({2, 2}))[0],
                                            c.value("aug_segments", nlohmann::json::array({2, 2}))[1]},
                           .aug_ratio = {c.value("aug_ratio", nlohmann::json::array({0.5, 0.5}))[0],
                                         c.value("aug_ratio", nlohmann::json::array({0.5, 0.5}))[1]},
                           .frame_interval = c.value("frame_interval", std::int64_t{1}),
                           .test_interval = c.value("test_interval", std::int64_t{6}),
                           .temporal_jitter = c.value("temporal_jitter", false),
                           .mode = mode == "train" ? proposal_mode::train
                                                   : mode == "val" ? proposal_mode::val : proposal_mode::test,
                           .start_index = start};
        std::vector<frame_range> proposals;
        for (const auto& p : c.value("proposals", nlohmann::json::array())) proposals.push_back({p[0], p[1]});
        return s.sample(n, proposals, g);
    }
    if (sampler == "padding") return loop_padding_sampler{.clip_len = c.at("clip_len")}.sample(n);
    FAIL("unknown sampler " << sampler);
    return {};
}

/// sampler_reference.py's answers for `cases` (one JSON array), or a null json after a visible skip.
inline nlohmann::json reference_answers(const nlohmann::json& cases) {
    if (!python_oracle_available()) return nullptr;
    temp_dir dir;
    write_file(dir / "cases.json", cases.dump());
    const auto r = run_python("sampler_reference.py", shell_quote((dir / "cases.json").string()) + " " +
                                                          shell_quote((dir / "answers.json").string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    auto answers = nlohmann::json::parse(read_file(dir / "answers.json"));
    REQUIRE(answers.size() == cases.size());
    return answers;
}

inline std::vector<std::int64_t> flat_of(const frame_indices& fi) { return {fi.begin(), fi.end()}; }

}  // namespace vidata::test::sampling
