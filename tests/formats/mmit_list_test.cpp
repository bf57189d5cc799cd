// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::mmit_list: Multi-Moments in Time's trainingSet.txt / validationSet.txt.
#include <vidata/formats/mmit_list.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace mmit_list_test {

using vidata::video_record;
using vidata::formats::mmit_list;

std::vector<video_record> parse(const std::string& text) { return vidata::parse_annotations<mmit_list>(text, "trainingSet.txt"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

video_record record(std::string path, std::vector<int> labels) {
    video_record r;
    r.path = std::move(path);
    r.labels = std::move(labels);
    return r;
}

}  // namespace mmit_list_test

TEST_CASE("formats/mmit_list: reads path and every label id, writes the list back byte for byte", "[formats][mmit_list]") {
    using namespace mmit_list_test;
    const std::string text = "swimming/yt-abc_12.mp4,84,201\nrunning/getty-x_3.mp4,7\n";
    const auto records = parse(text);
    const std::vector<video_record> expected{record("swimming/yt-abc_12.mp4", {84, 201}), record("running/getty-x_3.mp4", {7})};
    CHECK(records == expected);
    CHECK(records[0].total_frames == -1);
    CHECK(vidata::format_annotations<mmit_list>(records) == text);
    CHECK(parse("x.mp4,1,2\r\n") == std::vector<video_record>{record("x.mp4", {1, 2})});
}

TEST_CASE("formats/mmit_list: a line without labels or with a non-integer label is a located error", "[formats][mmit_list]") {
    using namespace mmit_list_test;
    CHECK(error_of("a.mp4,1\nb.mp4\n") ==
          "[vidata.parse_error] trainingSet.txt:2:6: expected 'path,label[,label...]': a path and at least one class index, got 'b.mp4'");
    CHECK(error_of("a.mp4,1,swimming\n") ==
          "[vidata.parse_error] trainingSet.txt:1:9: expected a class index (an integer >= 0), got 'swimming'");
    CHECK(error_of("a.mp4,-3\n") == "[vidata.parse_error] trainingSet.txt:1:7: expected a class index (an integer >= 0), got '-3'");
    const std::vector<video_record> unlabelled{record("a.mp4", {})};
    CHECK_THROWS_AS(vidata::format_annotations<mmit_list>(unlabelled), vidata::invalid_argument);
}

TEST_CASE("formats/mmit_list: detects the official .txt names", "[formats][mmit_list]") {
    using namespace mmit_list_test;
    CHECK(mmit_list::detect("mmit/annotations/validationSet.txt", ""));
    CHECK_FALSE(mmit_list::detect("validationSet.csv", ""));
}
