// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::hvu_csv: the HVU release CSVs (Tags,youtube_id,time_start,time_end).
#include <vidata/formats/hvu_categories.hpp>
#include <vidata/formats/hvu_csv.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace hvu_csv_test {

using vidata::formats::hvu_csv;
using vidata::formats::hvu_csv_row;

std::vector<hvu_csv_row> parse(const std::string& text) { return vidata::parse_annotations<hvu_csv>(text, "HVU_Val_V1.0.csv"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace hvu_csv_test

TEST_CASE("formats/hvu_csv: reads |-joined tags and times, writes integral times without .0", "[formats][hvu_csv]") {
    using namespace hvu_csv_test;
    const std::string text =
        "Tags,youtube_id,time_start,time_end\n"
        "plant|soil|tree,J-_3qcu6wvQ,126.5,128.5\n"
        "crowd,gD_G1b0wV5I,42,52\n";
    const auto records = parse(text);
    const std::vector<hvu_csv_row> expected{
        {std::vector<std::string>{"plant", "soil", "tree"}, "J-_3qcu6wvQ", 126.5, 128.5},
        {std::vector<std::string>{"crowd"}, "gD_G1b0wV5I", 42.0, 52.0}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<hvu_csv>(records) == text);
}

TEST_CASE("formats/hvu_csv: the test CSV has no Tags column", "[formats][hvu_csv]") {
    using namespace hvu_csv_test;
    const std::string text = "youtube_id,time_start,time_end\nabc,1.5,3\n";
    const auto records = parse(text);
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].tags.has_value());
    CHECK(records[0].time_end == 3.0);
    CHECK(vidata::format_annotations<hvu_csv>(records) == text);
    const std::vector<hvu_csv_row> mixed{records[0], {std::vector<std::string>{"a"}, "x", 0, 1}};
    CHECK_THROWS_AS(vidata::format_annotations<hvu_csv>(mixed), vidata::invalid_argument);
}

TEST_CASE("formats/hvu_csv: a wrong header, an empty tag, a missing column or a non-number is a located error", "[formats][hvu_csv]") {
    using namespace hvu_csv_test;
    CHECK(error_of("label,youtube_id,time_start,time_end\n") ==
          "[vidata.parse_error] HVU_Val_V1.0.csv:1:1: expected the header 'Tags,youtube_id,time_start,time_end' (or without "
          "Tags, for the test set), got 'label,youtube_id,time_start,time_end'");
    CHECK(error_of("Tags,youtube_id,time_start,time_end\na||b,x,1,2\n") ==
          "[vidata.parse_error] HVU_Val_V1.0.csv:2:1: expected tags separated by '|' (no empty tag), got 'a||b'");
    CHECK(error_of("Tags,youtube_id,time_start,time_end\na,x,1\n") ==
          "[vidata.parse_error] HVU_Val_V1.0.csv:2:6: expected 4 fields as in the header but the record has 3, got 'a,x,1'");
    CHECK(error_of("Tags,youtube_id,time_start,time_end\na,x,1,two\n") ==
          "[vidata.parse_error] HVU_Val_V1.0.csv:2:7: expected an end time in seconds, got 'two'");
}

TEST_CASE("formats/hvu_csv: read against the tag list, an unknown tag is a located error", "[formats][hvu_csv]") {
    using namespace hvu_csv_test;
    const std::vector<vidata::formats::hvu_tag_category> tags{{"tree", "object"}, {"lawn", "scene"}};
    const std::string text = "Tags,youtube_id,time_start,time_end\ntree|lawn,a,1,2\ntre|lawn,b,1,2\n";
    CHECK(vidata::test::message_of<vidata::parse_error>([&] { (void)hvu_csv::parse(text, "HVU_Val_V1.0.csv", tags); }) ==
          "[vidata.parse_error] HVU_Val_V1.0.csv:3:1: expected tags of the tag list (no 'tre'), got 'tre|lawn'");
    CHECK(hvu_csv::parse("Tags,youtube_id,time_start,time_end\ntree,a,1,2\n", "x.csv", tags).size() == 1);
}

TEST_CASE("formats/hvu_csv: real data — the HVU validation CSV excerpt", "[formats][hvu_csv][fixtures]") {
    using namespace hvu_csv_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "hvu/HVU_Val_V1.0.head500.csv";
    const auto records = vidata::read_annotations<hvu_csv>(path);
    REQUIRE(records.size() == 500);
    CHECK(records.front().youtube_id == "gD_G1b0wV5I");
    CHECK(records.front().time_start == 101.5);
    CHECK(records.front().time_end == 103.5);
    REQUIRE(records.front().tags.has_value());
    CHECK(records.front().tags->size() == 12);
    CHECK(records.front().tags->front() == "striking_combat_sports");
    CHECK(records.back().youtube_id == "J-_3qcu6wvQ");
    CHECK(records.back().tags == std::vector<std::string>{"plant", "soil", "tree", "lawn", "cutting_the_grass", "grass",
                                                          "outdoor_power_equipment"});
    CHECK(vidata::format_annotations<hvu_csv>(records) == vidata::test::read_file(path));
    CHECK(hvu_csv::detect(path, vidata::test::read_file(path).substr(0, 4096)));
    // Every tag of the excerpt is in the official tag list.
    const auto tags = vidata::read_annotations<vidata::formats::hvu_categories>(*dir / "hvu/HVU_Tags_Categories_V1.0.csv");
    CHECK(hvu_csv::parse(vidata::test::read_file(path), path.string(), tags) == records);
}
