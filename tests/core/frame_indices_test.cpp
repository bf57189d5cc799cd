// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::frame_indices: clips, views, flat order, iteration, equality.
#include <vidata/core/frame_indices.hpp>

#include "support.hpp"

#include <cstdint>
#include <vector>

using vidata::frame_indices;

TEST_CASE("frame_indices default holds no clip in one view", "[core][frame_indices]") {
    const frame_indices fi;
    CHECK(fi.empty());
    CHECK(fi.size() == 0);
    CHECK(fi.num_clips() == 0);
    CHECK(fi.clip_len() == 0);
    CHECK(fi.num_views() == 1);
    CHECK(fi.clips_per_view() == 0);
    CHECK(fi.begin() == fi.end());
}

TEST_CASE("frame_indices stores clips one after the other", "[core][frame_indices]") {
    // 3 clips of 4 frames, rawframes start index 1.
    const frame_indices fi(3, 4, {1, 3, 5, 7, 11, 13, 15, 17, 21, 23, 25, 27});
    CHECK(fi.num_clips() == 3);
    CHECK(fi.clip_len() == 4);
    CHECK(fi.size() == 12);
    CHECK(fi.num_views() == 1);
    CHECK(fi.clips_per_view() == 3);
    CHECK(fi[4] == 11);

    const auto second = fi.clip(1);
    CHECK(std::vector<std::int64_t>(second.begin(), second.end()) == std::vector<std::int64_t>{11, 13, 15, 17});

    SECTION("iteration is flat, in clip order") {
        std::vector<std::int64_t> seen;
        for (const auto i : fi) seen.push_back(i);
        CHECK(seen == std::vector<std::int64_t>{1, 3, 5, 7, 11, 13, 15, 17, 21, 23, 25, 27});
        CHECK(std::vector<std::int64_t>(fi.flat().begin(), fi.flat().end()) == seen);
    }
    SECTION("clips() yields each clip as a span") {
        std::vector<std::int64_t> firsts;
        for (const auto c : fi.clips()) {
            CHECK(c.size() == 4);
            firsts.push_back(c.front());
        }
        CHECK(firsts == std::vector<std::int64_t>{1, 11, 21});
    }
}

TEST_CASE("frame_indices makes extra test-time clips visible as views", "[core][frame_indices]") {
    // TSN twice_sample with num_clips = 3: the sampler returns 6 clips, two views of 3.
    const frame_indices fi(6, 1, {5, 15, 25, 10, 20, 30}, 2);
    CHECK(fi.num_clips() == 6);
    CHECK(fi.num_views() == 2);
    CHECK(fi.clips_per_view() == 3);
    const auto v0 = fi.view(0);
    const auto v1 = fi.view(1);
    CHECK(std::vector<std::int64_t>(v0.begin(), v0.end()) == std::vector<std::int64_t>{5, 15, 25});
    CHECK(std::vector<std::int64_t>(v1.begin(), v1.end()) == std::vector<std::int64_t>{10, 20, 30});
    CHECK(fi.clip(3).front() == 10);

    SECTION("views are part of the value") {
        const frame_indices one_view(6, 1, {5, 15, 25, 10, 20, 30});
        CHECK(one_view != fi);
        CHECK(std::ranges::equal(one_view.flat(), fi.flat()));
    }
}

TEST_CASE("frame_indices equality compares shape and values", "[core][frame_indices]") {
    const frame_indices a(2, 2, {0, 1, 2, 3});
    CHECK(a == frame_indices(2, 2, {0, 1, 2, 3}));
    CHECK(a != frame_indices(2, 2, {0, 1, 2, 4}));
    CHECK(a != frame_indices(1, 4, {0, 1, 2, 3}));
    CHECK(a != frame_indices(4, 1, {0, 1, 2, 3}));
}
