// SPDX-License-Identifier: Apache-2.0
// rawframe_list: MMAction2's rawframe lists, single- and multi-label and with offsets, read, written and refused.
#include "support.hpp"

#include <vidata/formats/rawframe_list.hpp>

#include <string>
#include <vector>

namespace rawframe_list_test {

using vidata::formats::rawframe_list;
using vidata::formats::rawframe_list_options;

vidata::video_record item(std::string path, std::int64_t frames, std::vector<int> labels, std::int64_t offset = 0) {
    vidata::video_record r;
    r.path = std::move(path);
    r.total_frames = frames;
    r.offset = offset;
    r.labels = std::move(labels);
    return r;
}

std::string error_of(const std::string& text, rawframe_list_options options = {}) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)rawframe_list::parse(text, "list.txt", options); });
}

std::string written(const std::vector<vidata::video_record>& records, rawframe_list_options options = {}) {
    std::ostringstream out;
    rawframe_list::write(out, records, options);
    return out.str();
}


TEST_CASE("formats/rawframe_list: single- and multi-label lines", "[formats][rawframe_list]") {
    const auto records = rawframe_list::parse("v_ApplyEyeMakeup_g08_c01 121 0\nimgs 5 3 5\nv_test 10 -1\n", "list.txt");
    REQUIRE(records.size() == 3);
    CHECK(records[0] == item("v_ApplyEyeMakeup_g08_c01", 121, {0}));
    CHECK(records[1] == item("imgs", 5, {3, 5}));
    CHECK(records[2] == item("v_test", 10, {-1}));
    CHECK(written(records) == "v_ApplyEyeMakeup_g08_c01 121 0\nimgs 5 3 5\nv_test 10 -1\n");
}

TEST_CASE("formats/rawframe_list: the with_offset layout is the caller's choice", "[formats][rawframe_list]") {
    const std::string text = "imgs 2 5 127\n";
    const auto plain = rawframe_list::parse(text, "list.txt");
    REQUIRE(plain.size() == 1);
    CHECK(plain[0] == item("imgs", 2, {5, 127}));
    const auto with_offset = rawframe_list::parse(text, "list.txt", {.with_offset = true});
    REQUIRE(with_offset.size() == 1);
    CHECK(with_offset[0] == item("imgs", 5, {127}, 2));
    CHECK(written(with_offset, {.with_offset = true}) == text);
    // Writing an offset where the layout has no column for it would lose it.
    CHECK_THROWS_AS(written(with_offset), vidata::invalid_argument);
}

TEST_CASE("formats/rawframe_list: what real files contain (CRLF, BOM, blanks, blank lines)", "[formats][rawframe_list]") {
    const auto records = rawframe_list::parse("\xEF\xBB\xBFv_a 3 1\r\n\r\n  v_b\t4  2 \r\n", "list.txt");
    REQUIRE(records.size() == 2);
    CHECK(records[0] == item("v_a", 3, {1}));
    CHECK(records[1] == item("v_b", 4, {2}));
    CHECK(rawframe_list::parse("", "list.txt").empty());
    CHECK(rawframe_list::parse("v_a 3 1", "list.txt").size() == 1);  // no final newline
}

TEST_CASE("formats/rawframe_list: malformed lines name file, line, column and what was expected", "[formats][rawframe_list]") {
    CHECK(error_of("v_a 3 1\nv_Apply 12\n") ==
          "[vidata.parse_error] list.txt:2:11: expected at least 3 fields (frame_dir total_frames label [label...]) but the line has 2, got 'v_Apply 12'");
    CHECK(error_of("v_a x12 1\n") == "[vidata.parse_error] list.txt:1:5: expected a frame count, got 'x12'");
    CHECK(error_of("v_a 12 one\n") == "[vidata.parse_error] list.txt:1:8: expected an integer label, got 'one'");
    CHECK(error_of("v_a -3 1\n") == "[vidata.parse_error] list.txt:1:5: expected a non-negative frame count, got '-3'");
    CHECK(error_of("v_a 3 1\n", {.with_offset = true}) ==
          "[vidata.parse_error] list.txt:1:8: expected at least 4 fields (frame_dir offset total_frames label [label...]) but the line has 3, got 'v_a 3 1'");
    CHECK(error_of("v_a 3 99999999999\n").find("list.txt:1:7: expected an integer label within [") != std::string::npos);
}

TEST_CASE("formats/rawframe_list: the writer refuses what would not read back", "[formats][rawframe_list]") {
    CHECK_THROWS_AS(written({item("a b", 3, {1})}), vidata::invalid_argument);
    CHECK_THROWS_AS(written({item("a", 3, {})}), vidata::invalid_argument);
    CHECK_THROWS_AS(written({item("a", -1, {1})}), vidata::invalid_argument);
    auto with_fps = item("a", 3, {1});
    with_fps.fps = 30.0;
    CHECK_THROWS_AS(written({with_fps}), vidata::invalid_argument);
}

TEST_CASE("formats/rawframe_list: MMAction2's test lists", "[formats][rawframe_list][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto annotations = *dir / "mmaction2/annotations";
    // rawframe_test_list.txt: "imgs 5 127" twice.
    const auto single = vidata::read_annotations<rawframe_list>(annotations / "rawframe_test_list.txt");
    REQUIRE(single.size() == 2);
    CHECK(single[1] == item("imgs", 5, {127}));
    CHECK(vidata::format_annotations<rawframe_list>(single) == vidata::test::read_file(annotations / "rawframe_test_list.txt"));
    // rawframe_test_list_multi_label.txt: "imgs 5 1", "imgs 5 3 5".
    const auto multi = vidata::read_annotations<rawframe_list>(annotations / "rawframe_test_list_multi_label.txt");
    REQUIRE(multi.size() == 2);
    CHECK(multi[0] == item("imgs", 5, {1}));
    CHECK(multi[1] == item("imgs", 5, {3, 5}));
    CHECK(vidata::format_annotations<rawframe_list>(multi) == vidata::test::read_file(annotations / "rawframe_test_list_multi_label.txt"));
    // rawframe_test_list_with_offset.txt: "imgs 2 5 127" twice (offset 2, 5 frames, label 127).
    const std::string text = vidata::test::read_file(annotations / "rawframe_test_list_with_offset.txt");
    const auto offset = rawframe_list::parse(text, "rawframe_test_list_with_offset.txt", {.with_offset = true});
    REQUIRE(offset.size() == 2);
    CHECK(offset[0] == item("imgs", 5, {127}, 2));
    CHECK(written(offset, {.with_offset = true}) == text);
}

TEST_CASE("formats/rawframe_list: claims build_file_list.py's *_rawframes.txt", "[formats][rawframe_list]") {
    CHECK(rawframe_list::detect("data/ucf101/ucf101_train_split_1_rawframes.txt", ""));
    CHECK_FALSE(rawframe_list::detect("data/ucf101/ucf101_train_split_1_videos.txt", ""));
    CHECK_FALSE(rawframe_list::detect("_rawframes.txt", ""));
}

}  // namespace rawframe_list_test
