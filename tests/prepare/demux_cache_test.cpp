// SPDX-License-Identifier: Apache-2.0
// detail::demux_cache: one demux pass per source while it is kept, shared across threads; the same pass as
// demux_video's; a failed pass rethrown to every cut of that source; the oldest source dropped past the capacity.
#include "prepare/prepare_support.hpp"

#include <vidata/prepare/demux_cache.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

TEST_CASE("demux_cache: one pass per source - shared by threads - equal to demux_video's - the oldest dropped past capacity", "[prepare]") {
    if (!vidata::test::prepare::ffmpeg_available()) return;
    const vidata::test::temp_dir dir;
    const auto a = dir / "a.mp4", b = dir / "b.mp4", c = dir / "c.mp4";
    vidata::test::prepare::make_video(a, 64, 48, 1.0);
    vidata::test::prepare::make_video(b, 64, 48, 0.6);
    vidata::test::prepare::make_video(c, 64, 48, 0.4);

    vidata::prepare::detail::demux_cache cache(2);
    const auto first = cache.get(a);
    CHECK(cache.get(a) == first);  // the same pass, not a second one
    const auto direct = vidata::prepare::detail::demux_video(a);
    REQUIRE(first->table);
    CHECK(first->table->frame_count() == direct.table->frame_count());
    CHECK(first->table->frame_count() == 25);  // 1 s at 25 fps
    CHECK(first->positions == direct.positions);
    CHECK(first->seek_times == direct.seek_times);

    // Four threads asking for a new source at once all get the one pass.
    std::vector<std::shared_ptr<const vidata::prepare::detail::demuxed_video>> got(4);
    {
        std::vector<std::jthread> threads;
        for (std::size_t t = 0; t < got.size(); ++t) threads.emplace_back([&, t] { got[t] = cache.get(b); });
    }
    for (const auto& g : got) CHECK(g == got[0]);
    CHECK(got[0]->table->frame_count() == 15);

    // A third source drops the first (capacity 2): asking for it again makes a new pass, the old one still valid.
    (void)cache.get(c);
    const auto again = cache.get(a);
    CHECK(again != first);
    CHECK(again->table->frame_count() == first->table->frame_count());
}

TEST_CASE("demux_cache: a source that cannot be read fails every cut of it with the same error", "[prepare]") {
    const vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "not_a_video.mp4", "plain text");
    vidata::prepare::detail::demux_cache cache(4);
    std::string first_message;
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            (void)cache.get(dir / "not_a_video.mp4");
            FAIL("no error for a file that is not a video");
        } catch (const vidata::decode_error& e) {
            if (attempt == 0) first_message = e.what();
            CHECK(std::string(e.what()) == first_message);
            CHECK_THAT(e.what(), Catch::Contains("not_a_video.mp4"));
        }
    }
    CHECK_THROWS_AS(cache.get(dir / "missing.mp4"), vidata::io_error);
}
