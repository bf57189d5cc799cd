// SPDX-License-Identifier: Apache-2.0
// video_list: MMAction2's video lists (`path label...`), read, written and refused.
#include "support.hpp"

#include <vidata/formats/video_list.hpp>

#include <string>
#include <vector>

namespace video_list_test {

using vidata::formats::video_list;

vidata::video_record video(std::string path, std::vector<int> labels) {
    vidata::video_record r;
    r.path = std::move(path);
    r.labels = std::move(labels);
    return r;
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)video_list::parse(text, "videos.txt"); });
}


TEST_CASE("formats/video_list: single- and multi-label lines, no frame count", "[formats][video_list]") {
    const std::string text = "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 0\ntest.mp4 0 2 4\n";
    const auto records = video_list::parse(text, "videos.txt");
    REQUIRE(records.size() == 2);
    CHECK(records[0] == video("ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi", {0}));
    CHECK(records[0].total_frames == -1);
    CHECK(records[1] == video("test.mp4", {0, 2, 4}));
    CHECK(vidata::format_annotations<video_list>(records) == text);
    CHECK(video_list::parse("a.mp4 1\r\n\r\n", "videos.txt") == std::vector{video("a.mp4", {1})});
}

TEST_CASE("formats/video_list: malformed lines", "[formats][video_list]") {
    CHECK(error_of("a.mp4\n") == "[vidata.parse_error] videos.txt:1:6: expected at least 2 fields (path label [label...]) but the line has 1, got 'a.mp4'");
    CHECK(error_of("a.mp4 0\nb.mp4 x\n") == "[vidata.parse_error] videos.txt:2:7: expected an integer label, got 'x'");
    auto with_frames = video("a.mp4", {1});
    with_frames.total_frames = 10;  // a video list has no column for it
    CHECK_THROWS_AS(vidata::format_annotations<video_list>(std::vector{with_frames}), vidata::invalid_argument);
}

TEST_CASE("formats/video_list: MMAction2's test lists", "[formats][video_list][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto annotations = *dir / "mmaction2/annotations";
    // video_test_list.txt: "test.mp4 0" twice; video_test_list_multi_label.txt: "test.mp4 0 3", "test.mp4 0 2 4".
    const auto single = vidata::read_annotations<video_list>(annotations / "video_test_list.txt");
    REQUIRE(single.size() == 2);
    CHECK(single[0] == video("test.mp4", {0}));
    CHECK(vidata::format_annotations<video_list>(single) == vidata::test::read_file(annotations / "video_test_list.txt"));
    const auto multi = vidata::read_annotations<video_list>(annotations / "video_test_list_multi_label.txt");
    REQUIRE(multi.size() == 2);
    CHECK(multi[0] == video("test.mp4", {0, 3}));
    CHECK(multi[1] == video("test.mp4", {0, 2, 4}));
    CHECK(vidata::format_annotations<video_list>(multi) == vidata::test::read_file(annotations / "video_test_list_multi_label.txt"));
}

TEST_CASE("formats/video_list: claims build_file_list.py's *_videos.txt", "[formats][video_list]") {
    CHECK(video_list::detect("kinetics400_val_list_videos.txt", ""));
    CHECK_FALSE(video_list::detect("kinetics400_val_list_rawframes.txt", ""));
}

}  // namespace video_list_test
