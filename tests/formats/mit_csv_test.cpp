// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::mit_csv: Moments in Time's trainingSet.csv / validationSet.csv.
#include <vidata/formats/mit_categories.hpp>
#include <vidata/formats/mit_csv.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace mit_csv_test {

using vidata::formats::mit_csv;
using vidata::formats::mit_csv_row;

std::vector<mit_csv_row> parse(const std::string& text) { return vidata::parse_annotations<mit_csv>(text, "trainingSet.csv"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace mit_csv_test

TEST_CASE("formats/mit_csv: reads path,label,agreement,disagreement rows and writes them back", "[formats][mit_csv]") {
    using namespace mit_csv_test;
    const std::string text =
        "dancing/yt-5of6ffo6-Bw_205.mp4,dancing,3,0\n"
        "blocking/getty-karate-video-id635808620_4.mp4,blocking,2,1\n";
    const auto records = parse(text);
    const std::vector<mit_csv_row> expected{{"dancing/yt-5of6ffo6-Bw_205.mp4", "dancing", 3, 0},
                                            {"blocking/getty-karate-video-id635808620_4.mp4", "blocking", 2, 1}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<mit_csv>(records) == text);
}

TEST_CASE("formats/mit_csv: CRLF and quoted fields read; a comma in a path is quoted on writing", "[formats][mit_csv]") {
    using namespace mit_csv_test;
    const auto records = parse("\"a,b/x.mp4\",a,1,2\r\n");
    REQUIRE(records.size() == 1);
    CHECK(records[0] == mit_csv_row{"a,b/x.mp4", "a", 1, 2});
    CHECK(vidata::format_annotations<mit_csv>(records) == "\"a,b/x.mp4\",a,1,2\n");
    CHECK(parse(vidata::format_annotations<mit_csv>(records)) == records);
}

TEST_CASE("formats/mit_csv: missing columns and non-numbers are located parse errors", "[formats][mit_csv]") {
    using namespace mit_csv_test;
    CHECK(error_of("a/x.mp4,a,3,0\na/y.mp4,a,3\n") ==
          "[vidata.parse_error] trainingSet.csv:2:12: expected 4 fields but the record has 3, got 'a/y.mp4,a,3'");
    CHECK(error_of("a/x.mp4,a,three,0\n") ==
          "[vidata.parse_error] trainingSet.csv:1:11: expected a count of annotators (an integer >= 0), got 'three'");
    CHECK(error_of("a/x.mp4,a,3,-1\n") ==
          "[vidata.parse_error] trainingSet.csv:1:13: expected a count of annotators (an integer >= 0), got '-1'");
}

TEST_CASE("formats/mit_csv: detects the official .csv names only", "[formats][mit_csv]") {
    using namespace mit_csv_test;
    CHECK(mit_csv::detect("annotations/trainingSet.csv", ""));
    CHECK(mit_csv::detect("validationSet.csv", ""));
    CHECK_FALSE(mit_csv::detect("trainingSet.txt", ""));
}

TEST_CASE("formats/mit_csv: read against moments_categories.txt, labels get their ids and unknown names are errors", "[formats][mit_csv]") {
    using namespace mit_csv_test;
    const auto categories = vidata::parse_annotations<vidata::formats::mit_categories>("clapping,0\ndancing,1\n", "moments_categories.txt");
    const std::string text = "dancing/a.mp4,dancing,3,0\nclapping/b.mp4,clapping,2,1\n";
    const auto records = mit_csv::parse(text, "validationSet.csv", categories);
    REQUIRE(records.size() == 2);
    CHECK(records[0].label_id == 1);
    CHECK(records[1].label_id == 0);
    CHECK(vidata::format_annotations<mit_csv>(records) == text);
    CHECK(vidata::test::message_of<vidata::parse_error>([&] {
              (void)mit_csv::parse("dancing/a.mp4,dancing,3,0\nx/b.mp4,dancin,2,1\n", "validationSet.csv", categories);
          }) == "[vidata.parse_error] validationSet.csv:2:9: expected a class name of the category list, got 'dancin'");
}
