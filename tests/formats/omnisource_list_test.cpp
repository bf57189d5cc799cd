// SPDX-License-Identifier: Apache-2.0
// omnisource_list: OmniSource's image, video and raw-video lists, read, written and refused.
#include "support.hpp"

#include <vidata/formats/omnisource_list.hpp>

#include <string>
#include <vector>

namespace omnisource_list_test {

using vidata::formats::omnisource_entry;
using vidata::formats::omnisource_list;

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)omnisource_list::parse(text, "k200_train.txt"); });
}


TEST_CASE("formats/omnisource_list: two-column lists and raw-video lines", "[formats][omnisource_list]") {
    const std::string text = "000/00/000001.jpg 0\n000/abseil/B00arxogubl.mp4 0\npref_/___dTOdxzXY 17 7 0 3 4\npref_/x 3 2\n";
    const auto entries = omnisource_list::parse(text, "k200_train.txt");
    REQUIRE(entries.size() == 4);
    CHECK(entries[0] == omnisource_entry{"000/00/000001.jpg", 0, -1, {}});
    CHECK(entries[1] == omnisource_entry{"000/abseil/B00arxogubl.mp4", 0, -1, {}});
    CHECK(entries[2] == omnisource_entry{"pref_/___dTOdxzXY", 17, 7, {0, 3, 4}});
    CHECK(entries[3] == omnisource_entry{"pref_/x", 3, 2, {}});
    CHECK(vidata::format_annotations<omnisource_list>(entries) == text);
}

TEST_CASE("formats/omnisource_list: malformed lines", "[formats][omnisource_list]") {
    CHECK(error_of("a.mp4\n") ==
          "[vidata.parse_error] k200_train.txt:1:6: expected at least 2 fields (path label, or video_dir label num_clips positive_part...) "
          "but the line has 1, got 'a.mp4'");
    CHECK(error_of("a.mp4 x\n") == "[vidata.parse_error] k200_train.txt:1:7: expected an integer label, got 'x'");
    CHECK(error_of("v 1 2 0 2\n") == "[vidata.parse_error] k200_train.txt:1:9: expected a clip index in [0, num_clips), got '2'");
    CHECK_THROWS_AS(vidata::format_annotations<omnisource_list>(std::vector<omnisource_entry>{{"v", 1, 2, {5}}}), vidata::invalid_argument);
}

TEST_CASE("formats/omnisource_list: MMAction2's raw-video test list", "[formats][omnisource_list][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // rawvideo_test_anno.txt: "rawvideo_dataset 1 2 0" (label 1, 2 parts, part 0 positive).
    const auto file = *dir / "mmaction2/annotations/rawvideo_test_anno.txt";
    const auto entries = vidata::read_annotations<omnisource_list>(file);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0] == omnisource_entry{"rawvideo_dataset", 1, 2, {0}});
    CHECK(vidata::format_annotations<omnisource_list>(entries) == vidata::test::read_file(file));
}

}  // namespace omnisource_list_test
