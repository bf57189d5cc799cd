// SPDX-License-Identifier: Apache-2.0
// The vidata::rng policy: every sampler draws from the distribution MMAction2 draws from (a chi-square test of
// homogeneity against the numpy policy, which the parity tests prove bit-exact to MMAction2), and its indices are
// a function of (seed, epoch, index) whatever the call order or thread count.
#include <vidata/core/numpy_random.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/sampling.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace rng_policy_test {

using key_type = std::vector<std::int64_t>;
using histogram = std::map<key_type, double>;

// What a scenario histograms: the sampler's indices at some positions, under generator G.
template <class G>
using draw_fn = std::function<key_type(G&)>;

constexpr std::size_t samples = 12000;

// The chi-square statistic of homogeneity of two equally large samples over the union of their bins,
// sum (a − b)² / (a + b), with (bins − 1) degrees of freedom.
struct chi_square {
    double statistic = 0.0;
    double degrees = 0.0;
};

chi_square homogeneity(const histogram& a, const histogram& b) {
    histogram bins = a;
    for (const auto& [k, n] : b) bins[k] += 0.0;
    chi_square out;
    for (const auto& [k, total] : bins) {
        (void)total;
        const double x = a.count(k) != 0 ? a.at(k) : 0.0, y = b.count(k) != 0 ? b.at(k) : 0.0;
        out.statistic += (x - y) * (x - y) / (x + y);
    }
    out.degrees = static_cast<double>(bins.size()) - 1.0;
    return out;
}

// The chi-square quantile at p = 0.999 (Wilson–Hilferty: df·(1 − 2/(9 df) + z·sqrt(2/(9 df)))³ with z = 3.0902):
// with fixed seeds the test is deterministic, and a true difference of distributions the size of an off-by-one
// in a bound exceeds it many times over (see the negative controls).
double critical_value(double degrees) {
    const double z = 3.0902, v = 2.0 / (9.0 * degrees);
    return degrees * std::pow(1.0 - v + z * std::sqrt(v), 3.0);
}

struct scenario {
    std::string name;
    draw_fn<vidata::rng> with_rng;
    draw_fn<vidata::numpy_random_state> with_numpy;
};

template <class S>
scenario make(std::string name, S sampler, std::int64_t total_frames, std::vector<std::size_t> positions) {
    auto pick = [sampler, total_frames, positions](auto& g) {
        const auto fi = sampler.sample(total_frames, g);
        key_type k;
        for (const auto p : positions) k.push_back(fi[p]);
        return k;
    };
    return {std::move(name), pick, pick};
}

template <class F>
histogram of_rng(const F& draw, std::uint64_t seed) {
    histogram h;
    for (std::size_t i = 0; i < samples; ++i) {
        auto g = vidata::rng::for_item(seed, 0, i);
        h[draw(g)] += 1.0;
    }
    return h;
}

template <class F>
histogram of_numpy(const F& draw, std::uint32_t seed) {
    histogram h;
    vidata::numpy_random_state g(seed);  // one stream for the whole run, as numpy's global state in a worker
    for (std::size_t i = 0; i < samples; ++i) h[draw(g)] += 1.0;
    return h;
}

std::vector<scenario> scenarios() {
    using vidata::segment_sampler;
    std::vector<scenario> out;
    out.push_back(make("TSN 1x1x3 on 10 frames, joint", segment_sampler{.clip_len = 1, .num_clips = 3}, 10, {0, 1, 2}));
    out.push_back(make("TSN 1x1x8 on 200 frames, clip 5", segment_sampler{.clip_len = 1, .num_clips = 8}, 200, {5}));
    out.push_back(make("sorted randint branch, clips 0 and 7", segment_sampler{.clip_len = 4, .num_clips = 8}, 10, {0, 28}));
    out.push_back(make("keep_tail_frames, clip 2", segment_sampler{.clip_len = 1, .num_clips = 3, .keep_tail_frames = true}, 10, {2}));
    out.push_back(make("I3D 32x2x1 on 300 frames, first frame", segment_sampler{.clip_len = 32, .frame_interval = 2}, 300, {0}));
    out.push_back(make("temporal jitter, joint of 3 frames",
                       segment_sampler{.clip_len = 3, .frame_interval = 4, .temporal_jitter = true, .test_mode = true}, 1000, {0, 1, 2}));
    out.push_back(make("dense train window", vidata::dense_sampler{.clip_len = 1, .num_clips = 8}, 100, {0}));
    out.push_back(make("PoseC3D 48 on 20 frames (random start)", vidata::uniform_sampler{.clip_len = 48}, 20, {0}));
    out.push_back(make("PoseC3D 48 on 60 frames (choice), frames 10 and 30", vidata::uniform_sampler{.clip_len = 48}, 60, {10, 30}));
    out.push_back(make("PoseC3D 48 on 150 frames, frames 0 and 47", vidata::uniform_sampler{.clip_len = 48}, 150, {0, 47}));
    {
        const vidata::ava_sampler ava{.clip_len = 4, .frame_interval = 16};
        const auto key = vidata::ava_keyframe::in_video(1000);
        auto pick = [ava, key](auto& g) {
            const auto fi = ava(key, g);
            return key_type{fi[0], fi[3]};
        };
        out.push_back({"AVA 4x16 moves, frames 0 and 3", pick, pick});
    }
    {
        const vidata::proposal_sampler ssn{.clip_len = 1};
        const std::vector<vidata::frame_range> proposals{{40, 100}};
        auto pick = [ssn, proposals](auto& g) {
            const auto fi = ssn.sample(300, proposals, g);
            return key_type{fi[0], fi[3]};  // the first starting-stage and second course-stage clip
        };
        out.push_back({"SSN starting and course stages", pick, pick});
    }
    return out;
}

}  // namespace rng_policy_test

TEST_CASE("vidata::rng draws each sampler's indices from MMAction2's distribution", "[sampling][rng_policy]") {
    using namespace rng_policy_test;
    for (const auto& s : scenarios()) {
        const auto a = of_rng(s.with_rng, 2024);
        const auto b = of_numpy(s.with_numpy, 2024);
        const auto x = homogeneity(a, b);
        INFO(s.name << ": chi-square " << x.statistic << " on " << x.degrees << " degrees of freedom, critical value "
                    << critical_value(x.degrees));
        CHECK(x.degrees >= 1.0);
        CHECK(x.statistic < critical_value(x.degrees));
    }
}

TEST_CASE("the chi-square test tells different sampling distributions apart (negative controls)", "[sampling][rng_policy]") {
    using namespace rng_policy_test;
    // keep_tail_frames changes where clip 2 of TSN 1x1x3 on 10 frames lands ([6, 9] instead of [6, 8]).
    const auto plain = make("plain", vidata::segment_sampler{.clip_len = 1, .num_clips = 3}, 10, {2});
    const auto tail = make("tail", vidata::segment_sampler{.clip_len = 1, .num_clips = 3, .keep_tail_frames = true}, 10, {2});
    const auto x = homogeneity(of_rng(plain.with_rng, 1), of_numpy(tail.with_numpy, 1));
    CHECK(x.statistic > 10.0 * critical_value(x.degrees));
    // The dense window's exclusive bound: positions 37 vs 38 (N = 100 vs 101) differ in one start value of 36.
    const auto d100 = make("100", vidata::dense_sampler{.clip_len = 1, .num_clips = 8}, 100, {0});
    const auto d101 = make("101", vidata::dense_sampler{.clip_len = 1, .num_clips = 8}, 101, {0});
    const auto y = homogeneity(of_rng(d100.with_rng, 1), of_numpy(d101.with_numpy, 1));
    CHECK(y.statistic > critical_value(y.degrees));
}

TEST_CASE("vidata::rng sampling depends on (seed, epoch, index) only, not on call order or threads", "[sampling][rng_policy]") {
    constexpr std::size_t items = 400;
    std::vector<vidata::video_record> records(items);
    for (std::size_t i = 0; i < items; ++i) records[i].total_frames = static_cast<std::int64_t>(5 + (i * 37) % 400);
    const vidata::segment_sampler tsn{.clip_len = 1, .num_clips = 8, .temporal_jitter = true};
    const vidata::uniform_sampler posec3d{.clip_len = 48};
    const auto draw = [&](std::size_t i, std::uint64_t epoch) {
        auto g = vidata::rng::for_item(99, epoch, i);
        auto a = tsn(records[i], g);
        auto b = posec3d(records[i], g);
        std::vector<std::int64_t> both(a.begin(), a.end());
        both.insert(both.end(), b.begin(), b.end());
        return both;
    };
    std::vector<std::vector<std::int64_t>> forward(items), backward(items), threaded(items), next_epoch(items);
    for (std::size_t i = 0; i < items; ++i) forward[i] = draw(i, 0);
    for (std::size_t i = items; i-- > 0;) backward[i] = draw(i, 0);
    {
        std::vector<std::thread> workers;
        for (std::size_t t = 0; t < 4; ++t)
            workers.emplace_back([&, t] {
                for (std::size_t i = t; i < items; i += 4) threaded[i] = draw(i, 0);
            });
        for (auto& w : workers) w.join();
    }
    for (std::size_t i = 0; i < items; ++i) next_epoch[i] = draw(i, 1);
    CHECK(forward == backward);
    CHECK(forward == threaded);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < items; ++i) differ += forward[i] != next_epoch[i] ? 1 : 0;
    CHECK(differ > items * 9 / 10);  // another epoch, other clips (a short video can repeat by chance)
}
