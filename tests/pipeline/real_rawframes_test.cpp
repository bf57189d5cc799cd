// SPDX-License-Identifier: Apache-2.0
// A named pipeline over rawframes (start_index 1) and over the video they came from (start_index 0) gives the same
// tensor: the frames are the fixtures' test.mp4 written losslessly as PNG by the ffmpeg CLI.
#if defined(VIDATA_TEST_WITH_FFMPEG) && defined(VIDATA_TEST_WITH_IMAGE)

#include "support.hpp"

#include <vidata/io/image/rawframe_source.hpp>
#include <vidata/io/video/video_reader.hpp>
#include <vidata/pipeline/mmaction.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace real_rawframes_test {

TEST_CASE("TSN val on rawframes numbered from 1 equals TSN val on the video numbered from 0", "[pipeline][mmaction][fixtures]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    const auto video = *fixtures / "mmaction2" / "test.mp4";
    vidata::test::temp_dir dir;
    std::filesystem::create_directories(dir / "test");
    // TSN val on 300 frames reads frames 50, 150 and 250 (avg 100, offsets int(100 i + 50)); written as
    // img_00051.png ... as build_rawframes.py numbers them (from 1). No other frame is needed: the list gives the count.
    for (const int frame : {50, 150, 250}) {
        char name[32];
        std::snprintf(name, sizeof name, "img_%05d.png", frame + 1);
        const auto r = vidata::test::run_command("ffmpeg -v error -i " + vidata::test::shell_quote(video.string()) +
                                                 " -vf 'select=eq(n\\," + std::to_string(frame) + ")' -fps_mode passthrough -frames:v 1 " +
                                                 vidata::test::shell_quote((dir.path() / "test" / name).string()));
        INFO(r.output);
        REQUIRE(r.status == 0);
    }

    vidata::video_record from_video;
    from_video.path = "test.mp4";
    from_video.total_frames = 300;
    vidata::video_record from_frames;
    from_frames.path = "test";
    from_frames.total_frames = 300;

    const auto on_video = vidata::mmaction::tsn_val(vidata::open_at<vidata::video_reader>(video.parent_path()), 0);
    const auto on_frames = vidata::mmaction::tsn_val(vidata::open_at<vidata::rawframe_source>(dir.path(), "img_{:05d}.png"), 1);
    vidata::rng g1, g2;
    CHECK(on_frames(from_frames, g1) == on_video(from_video, g2));

    // With start_index 0 the sampler asks for img_00050.png, which is not there: the error says so.
    const auto wrong_start = vidata::mmaction::tsn_val(vidata::open_at<vidata::rawframe_source>(dir.path(), "img_{:05d}.png"), 0);
    vidata::rng g3;
    CHECK_THROWS_WITH((void)wrong_start(from_frames, g3), Catch::Contains("img_00050.png"));
}

}  // namespace real_rawframes_test

#endif
