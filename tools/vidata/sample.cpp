// SPDX-License-Identifier: Apache-2.0
// `vidata sample --sampler NAME --total-frames T [...] [--json]`: the frame indices an MMAction2 0.x sampler returns.
#include "commands.hpp"

#include <vidata/core/error.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/sampling.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vidata::cli {

namespace sample_command {

// Options are MMAction2's parameter names with dashes; an unset optional takes the sampler's own default.
struct options {
    std::string sampler;
    std::optional<std::int64_t> total_frames;
    std::optional<std::int64_t> clip_len;
    std::optional<std::int64_t> frame_interval;
    std::optional<std::int64_t> num_clips;
    bool test_mode = false;
    bool twice_sample = false;
    bool temporal_jitter = false;
    bool keep_tail_frames = false;
    std::string out_of_bound_opt = "loop";
    std::int64_t start_index = 0;
    std::int64_t sample_range = 64;
    std::int64_t num_sample_positions = 10;
    std::uint32_t test_seed = 255;
    std::uint64_t seed = 0;
    std::string rng_policy = "vidata";
    std::uint64_t epoch = 0;
    std::uint64_t index = 0;
    // SampleAVAFrames
    std::optional<std::int64_t> timestamp;
    std::int64_t timestamp_start = 900;
    std::int64_t timestamp_end = 1800;
    std::int64_t fps = 30;
    std::vector<std::int64_t> shot_info;
    // SampleProposalFrames
    std::string proposals;
    std::int64_t body_segments = 5;
    std::vector<std::int64_t> aug_segments{2, 2};
    std::vector<double> aug_ratio{0.5, 0.5};
    std::int64_t test_interval = 6;
    std::string mode;
    bool json = false;
};

// What the command prints besides the indices: MMAction2's own num_clips (which twice_sample and dense test
// sampling do not multiply) next to the clips actually returned.
struct result {
    frame_indices indices;
    std::int64_t mmaction_num_clips = 0;
};

std::int64_t required_frames(const options& o) {
    if (!o.total_frames) throw invalid_argument("vidata sample --sampler " + o.sampler + ": --total-frames is required");
    return *o.total_frames;
}

std::vector<frame_range> parse_proposals(const std::string& text) {
    std::vector<frame_range> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const std::string item = text.substr(at, comma - at);
        const std::size_t colon = item.find(':');
        try {
            if (colon == std::string::npos) throw std::invalid_argument(item);
            std::size_t used_start = 0, used_end = 0;
            const auto start = std::stoll(item.substr(0, colon), &used_start);
            const auto end = std::stoll(item.substr(colon + 1), &used_end);
            if (used_start != colon || used_end != item.size() - colon - 1) throw std::invalid_argument(item);
            out.push_back({start, end});
        } catch (const std::exception&) {
            throw invalid_argument("--proposals: expected START:END[,START:END...] in frames, got '" + item + "'");
        }
        at = comma + 1;
    }
    return out;
}

template <class G>
result run(const options& o, G& g) {
    const auto policy = o.out_of_bound_opt == "loop" ? out_of_bound::loop : out_of_bound::repeat_last;
    if (o.sampler == "segments") {
        const segment_sampler s{.clip_len = o.clip_len.value_or(1),
                                .frame_interval = o.frame_interval.value_or(1),
                                .num_clips = o.num_clips.value_or(1),
                                .temporal_jitter = o.temporal_jitter,
                                .twice_sample = o.twice_sample,
                                .out_of_bound_opt = policy,
                                .test_mode = o.test_mode,
                                .start_index = o.start_index,
                                .keep_tail_frames = o.keep_tail_frames};
        return {s.sample(required_frames(o), g), s.num_clips};
    }
    if (o.sampler == "dense") {
        const dense_sampler s{.clip_len = o.clip_len.value_or(1),
                              .frame_interval = o.frame_interval.value_or(1),
                              .num_clips = o.num_clips.value_or(1),
                              .sample_range = o.sample_range,
                              .num_sample_positions = o.num_sample_positions,
                              .temporal_jitter = o.temporal_jitter,
                              .out_of_bound_opt = policy,
                              .test_mode = o.test_mode,
                              .start_index = o.start_index};
        return {s.sample(required_frames(o), g), s.num_clips};
    }
    if (o.sampler == "uniform") {
        const uniform_sampler s{.clip_len = o.clip_len.value_or(1),
                                .num_clips = o.num_clips.value_or(1),
                                .test_mode = o.test_mode,
                                .seed = o.test_seed,
                                .start_index = o.start_index};
        return {s.sample(required_frames(o), g), s.num_clips};
    }
    if (o.sampler == "ava") {
        if (!o.timestamp) throw invalid_argument("vidata sample --sampler ava: --timestamp is required");
        auto keyframe = ava_keyframe::in_video(*o.timestamp, o.timestamp_start, o.timestamp_end, o.fps);
        if (!o.shot_info.empty()) {
            if (o.shot_info.size() != 2) throw invalid_argument("--shot-info: expected two frame numbers, START END");
            keyframe.shot_start = o.shot_info[0];
            keyframe.shot_end = o.shot_info[1];
        }
        const ava_sampler s{.clip_len = o.clip_len.value_or(1),
                            .frame_interval = o.frame_interval.value_or(2),
                            .test_mode = o.test_mode,
                            .start_index = o.start_index};
        return {s(keyframe, g), 1};
    }
    if (o.sampler == "untrimmed") {
        const untrimmed_sampler s{.clip_len = o.clip_len.value_or(1), .frame_interval = o.frame_interval.value_or(16), .start_index = o.start_index};
        auto indices = s.sample(required_frames(o));
        const auto clips = static_cast<std::int64_t>(indices.num_clips());
        return {std::move(indices), clips};
    }
    if (o.sampler == "proposal") {
        if (o.aug_segments.size() != 2) throw invalid_argument("--aug-segments: expected two numbers, STARTING ENDING");
        if (o.aug_ratio.empty() || o.aug_ratio.size() > 2) throw invalid_argument("--aug-ratio: expected one or two numbers");
        const std::string mode = o.mode.empty() ? (o.test_mode ? "test" : "train") : o.mode;
        const proposal_sampler s{.clip_len = o.clip_len.value_or(1),
                                 .body_segments = o.body_segments,
                                 .aug_segments = {o.aug_segments[0], o.aug_segments[1]},
                                 .aug_ratio = {o.aug_ratio.front(), o.aug_ratio.back()},
                                 .frame_interval = o.frame_interval.value_or(1),
                                 .test_interval = o.test_interval,
                                 .temporal_jitter = o.temporal_jitter,
                                 .mode = mode == "train" ? proposal_mode::train
                                                         : mode == "val" ? proposal_mode::val : proposal_mode::test,
                                 .start_index = o.start_index};
        const auto proposals = parse_proposals(o.proposals);
        if (s.mode != proposal_mode::test && proposals.empty())
            throw invalid_argument("vidata sample --sampler proposal: train and val mode need --proposals START:END[,...]");
        return {s.sample(required_frames(o), proposals, g), s.clips_per_proposal()};
    }
    if (o.sampler == "padding") {
        const loop_padding_sampler s{.clip_len = o.clip_len.value_or(1), .num_clips = o.num_clips.value_or(1)};
        return {s.sample(required_frames(o)), s.num_clips};
    }
    throw invalid_argument("--sampler: expected segments, dense, uniform, ava, untrimmed, proposal or padding, got '" + o.sampler + "'");
}

void print(const options& o, const result& r) {
    const frame_indices& fi = r.indices;
    if (o.json) {
        nlohmann::ordered_json out;
        out["frame_inds"] = std::vector<std::int64_t>(fi.begin(), fi.end());
        out["clip_len"] = fi.clip_len();
        out["num_clips"] = r.mmaction_num_clips;
        out["num_views"] = fi.num_views();
        out["clips_per_view"] = fi.clips_per_view();
        out["sampled_clips"] = fi.num_clips();
        out["sampler"] = o.sampler;
        out["rng"] = o.rng_policy;
        std::cout << out.dump() << '\n';
        return;
    }
    std::cout << o.sampler << ": " << fi.num_clips() << " clips of " << fi.clip_len() << " frames";
    if (fi.num_views() > 1) std::cout << " (" << fi.num_views() << " views of " << fi.clips_per_view() << ")";
    std::cout << ", MMAction2's num_clips " << r.mmaction_num_clips << '\n';
    for (std::size_t c = 0; c < fi.num_clips(); ++c) {
        std::cout << "clip " << c << ":";
        for (const auto i : fi.clip(c)) std::cout << ' ' << i;
        std::cout << '\n';
    }
}

}  // namespace sample_command

void register_sample(CLI::App& app) {
    auto o = std::make_shared<sample_command::options>();
    auto* cmd = app.add_subcommand("sample", "Print the frame indices an MMAction2 0.x sampler returns (train or test mode)");
    cmd->add_option("--sampler", o->sampler, "segments (SampleFrames), dense, uniform, ava, untrimmed, proposal, padding")
        ->required()
        ->check(CLI::IsMember({"segments", "dense", "uniform", "ava", "untrimmed", "proposal", "padding"}));
    cmd->add_option("--total-frames", o->total_frames, "Frames in the video (all samplers but ava)");
    cmd->add_option("--clip-len", o->clip_len, "Frames per clip (default 1)");
    cmd->add_option("--frame-interval", o->frame_interval, "Frames between a clip's frames (default: the sampler's, 1; ava 2; untrimmed 16)");
    cmd->add_option("--num-clips", o->num_clips, "Clips (default 1)");
    cmd->add_flag("--test-mode", o->test_mode, "Test-mode sampling (deterministic)");
    cmd->add_flag("--twice-sample", o->twice_sample, "segments, test mode: also the unshifted segment starts (a second view)");
    cmd->add_flag("--temporal-jitter", o->temporal_jitter, "Move each frame by randint(frame_interval)");
    cmd->add_flag("--keep-tail-frames", o->keep_tail_frames, "segments, train mode: real-valued segments that reach the last frame");
    cmd->add_option("--out-of-bound-opt", o->out_of_bound_opt, "loop or repeat_last")->check(CLI::IsMember({"loop", "repeat_last"}));
    cmd->add_option("--start-index", o->start_index, "Added to every index (0 for videos, 1 for img_00001.jpg frames)");
    cmd->add_option("--sample-range", o->sample_range, "dense: frames the clips are packed into (64)");
    cmd->add_option("--num-sample-positions", o->num_sample_positions, "dense, test mode: window positions, i.e. views (10)");
    cmd->add_option("--test-seed", o->test_seed, "uniform, test mode: the np.random.seed MMAction2 calls (255)");
    cmd->add_option("--seed", o->seed, "numpy-legacy: np.random.seed(S) right before the call; vidata: rng::for_item(S, epoch, index)");
    cmd->add_option("--rng", o->rng_policy, "vidata (Philox, reproducible per item) or numpy-legacy (MMAction2's numbers)")
        ->check(CLI::IsMember({"vidata", "numpy-legacy"}));
    cmd->add_option("--epoch", o->epoch, "vidata rng: the epoch of rng::for_item (0)");
    cmd->add_option("--index", o->index, "vidata rng: the item index of rng::for_item (0)");
    cmd->add_option("--timestamp", o->timestamp, "ava: the keyframe's timestamp in seconds");
    cmd->add_option("--timestamp-start", o->timestamp_start, "ava: the video's first timestamp (900)");
    cmd->add_option("--timestamp-end", o->timestamp_end, "ava: the video's last timestamp (1800), for the default shot");
    cmd->add_option("--fps", o->fps, "ava: frames per second of the extracted frames (30)");
    cmd->add_option("--shot-info", o->shot_info, "ava: the shot in frames, START END (default 0 and (end - start) * fps)")->expected(2);
    cmd->add_option("--proposals", o->proposals, "proposal: START:END[,START:END...] in frames (train and val mode)");
    cmd->add_option("--body-segments", o->body_segments, "proposal: course-stage clips (5)");
    cmd->add_option("--aug-segments", o->aug_segments, "proposal: starting and ending stage clips (2 2)")->expected(2);
    cmd->add_option("--aug-ratio", o->aug_ratio, "proposal: extension of the starting and ending stages (0.5 0.5)")->expected(1, 2);
    cmd->add_option("--test-interval", o->test_interval, "proposal, test mode: frames between clips (6)");
    cmd->add_option("--mode", o->mode, "proposal: train, val or test (default train, test with --test-mode)")
        ->check(CLI::IsMember({"train", "val", "test"}));
    cmd->add_flag("--json", o->json, "Print {\"frame_inds\": [...], \"clip_len\": L, \"num_clips\": N, ...}");
    cmd->callback([o] {
        sample_command::result r;
        if (o->rng_policy == "numpy-legacy") {
            if (o->seed > 0xffffffffu) throw invalid_argument("--seed: numpy's seed must be below 2^32");
            numpy_random_state g(static_cast<std::uint32_t>(o->seed));
            r = sample_command::run(*o, g);
        } else {
            auto g = rng::for_item(o->seed, o->epoch, o->index);
            r = sample_command::run(*o, g);
        }
        sample_command::print(*o, r);
    });
}

}  // namespace vidata::cli
