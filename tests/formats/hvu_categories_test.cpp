// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::hvu_categories: HVU's Tag,Category table.
#include <vidata/formats/hvu_categories.hpp>

#include "support.hpp"

#include <map>
#include <string>
#include <vector>

namespace hvu_categories_test {

using vidata::formats::hvu_categories;
using vidata::formats::hvu_tag_category;

std::vector<hvu_tag_category> parse(const std::string& text) {
    return vidata::parse_annotations<hvu_categories>(text, "hvu_categories.csv");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace hvu_categories_test

TEST_CASE("formats/hvu_categories: reads Tag,Category rows and writes them back", "[formats][hvu_categories]") {
    using namespace hvu_categories_test;
    const std::string text = "Tag,Category\nplaying_trombone,action\nlawn,scene\n";
    const auto records = parse(text);
    const std::vector<hvu_tag_category> expected{{"playing_trombone", "action"}, {"lawn", "scene"}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<hvu_categories>(records) == text);
    CHECK(parse("Tag,Category\r\nlawn,scene\r\n") == std::vector<hvu_tag_category>{{"lawn", "scene"}});
}

TEST_CASE("formats/hvu_categories: wrong header, missing column, empty or duplicate tag are located errors", "[formats][hvu_categories]") {
    using namespace hvu_categories_test;
    CHECK(error_of("Name,Category\n") == "[vidata.parse_error] hvu_categories.csv:1:1: expected the header 'Tag,Category', got 'Name,Category'");
    CHECK(error_of("Tag,Category\nlawn\n") ==
          "[vidata.parse_error] hvu_categories.csv:2:5: expected 2 fields but the record has 1, got 'lawn'");
    CHECK(error_of("Tag,Category\n,scene\n") == "[vidata.parse_error] hvu_categories.csv:2:1: expected a tag name, got ''");
    CHECK(error_of("Tag,Category\nlawn,scene\nlawn,object\n") ==
          "[vidata.parse_error] hvu_categories.csv:3:1: expected a tag not listed before (line 2 has it), got 'lawn'");
}

TEST_CASE("formats/hvu_categories: real data — HVU_Tags_Categories_V1.0.csv", "[formats][hvu_categories][fixtures]") {
    using namespace hvu_categories_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "hvu/HVU_Tags_Categories_V1.0.csv";
    const auto records = vidata::read_annotations<hvu_categories>(path);
    REQUIRE(records.size() == 3142);
    CHECK(records.front() == hvu_tag_category{"playing_trombone", "action"});
    CHECK(records.back() == hvu_tag_category{"strand", "scene"});
    std::map<std::string, int> per_category;
    for (const auto& r : records) ++per_category[r.category];
    CHECK(per_category == std::map<std::string, int>{{"action", 739}, {"attribute", 117}, {"concept", 291},
                                                     {"event", 69}, {"object", 1678}, {"scene", 248}});
    CHECK(vidata::format_annotations<hvu_categories>(records) == vidata::test::read_file(path));
    CHECK(hvu_categories::detect(path, "Tag,Category\nplaying_trombone,action\n"));
}
