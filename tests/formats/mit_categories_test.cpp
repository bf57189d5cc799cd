// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::mit_categories: Moments in Time's `name,idx` category list.
#include <vidata/formats/mit_categories.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace mit_categories_test {

using vidata::formats::mit_categories;
using vidata::formats::mit_category;

std::vector<mit_category> parse(const std::string& text) {
    return vidata::parse_annotations<mit_categories>(text, "moments_categories.txt");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace mit_categories_test

TEST_CASE("formats/mit_categories: reads name,idx lines and writes them back byte for byte", "[formats][mit_categories]") {
    using namespace mit_categories_test;
    const std::string text = "clapping,0\ndropping,1\nburying,2\n";
    const auto records = parse(text);
    const std::vector<mit_category> expected{{"clapping", 0}, {"dropping", 1}, {"burying", 2}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<mit_categories>(records) == text);
    CHECK(parse(vidata::format_annotations<mit_categories>(records)) == records);
}

TEST_CASE("formats/mit_categories: accepts CRLF, a BOM, blank lines and commas inside a name", "[formats][mit_categories]") {
    using namespace mit_categories_test;
    const auto records = parse("\xEF\xBB\xBFpicking, placing,4\r\n\r\nswimming,7\r\n");
    const std::vector<mit_category> expected{{"picking, placing", 4}, {"swimming", 7}};
    CHECK(records == expected);
    CHECK(parse(vidata::format_annotations<mit_categories>(records)) == records);
}

TEST_CASE("formats/mit_categories: malformed lines are located parse errors", "[formats][mit_categories]") {
    using namespace mit_categories_test;
    CHECK(error_of("clapping,0\nbad\n") ==
          "[vidata.parse_error] moments_categories.txt:2: expected 'name,idx' (a class name, a comma, its index), got 'bad'");
    CHECK(error_of("clapping,0\ndropping,x\n") ==
          "[vidata.parse_error] moments_categories.txt:2:10: expected a class index (an integer) after the last ',', got 'x'");
    CHECK(error_of("clapping,0\nclapping,1\n") ==
          "[vidata.parse_error] moments_categories.txt:2:1: expected a class name not seen before (line 1 has it), got 'clapping'");
    CHECK(error_of("clapping,0\ndropping,0\n") ==
          "[vidata.parse_error] moments_categories.txt:2:10: expected a class index not seen before (line 1 has it), got '0'");
}

TEST_CASE("formats/mit_categories: detects only the official file name", "[formats][mit_categories]") {
    using namespace mit_categories_test;
    CHECK(mit_categories::detect("data/mit/annotations/moments_categories.txt", "clapping,0\n"));
    CHECK_FALSE(mit_categories::detect("category_momentsv2.txt", "clapping\n"));
}
