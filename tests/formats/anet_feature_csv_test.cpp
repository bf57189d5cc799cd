// SPDX-License-Identifier: Apache-2.0
// anet_feature_csv: BSN/BMN snippet-feature CSVs, read, written and refused.
#include "support.hpp"

#include <vidata/formats/anet_feature_csv.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace anet_feature_csv_test {

using vidata::formats::anet_feature_csv;
using vidata::formats::feature_row;

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)anet_feature_csv::parse(text, "v_x.csv"); });
}


TEST_CASE("formats/anet_feature_csv: rows of f0..fN values", "[formats][anet_feature_csv]") {
    const std::string text = "f0,f1,f2\n-2.52400826749,0.5,3.0\n1e-05,-0.0,7.25\n";
    const auto rows = anet_feature_csv::parse(text, "v_x.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == feature_row{{-2.52400826749, 0.5, 3.0}});
    CHECK(rows[1] == feature_row{{1e-05, -0.0, 7.25}});
    CHECK(vidata::format_annotations<anet_feature_csv>(rows) == text);
    std::ostringstream four;
    anet_feature_csv::write(four, rows, {.decimals = 4});
    CHECK(four.str() == "f0,f1,f2\n-2.5240,0.5000,3.0000\n0.0000,-0.0000,7.2500\n");
    CHECK(anet_feature_csv::parse("", "v_x.csv").empty());
    CHECK(vidata::format_annotations<anet_feature_csv>(std::vector<feature_row>{}).empty());
}

TEST_CASE("formats/anet_feature_csv: malformed files", "[formats][anet_feature_csv]") {
    CHECK(error_of("f0,f2\n1,2\n") == "[vidata.parse_error] v_x.csv:1:4: expected the column name 'f1' (a header f0,f1,...), got 'f2'");
    CHECK(error_of("f0,f1\n1,x\n") == "[vidata.parse_error] v_x.csv:2:3: expected a feature value, got 'x'");
    CHECK(error_of("f0,f1\n1,2,3\n").find("v_x.csv:2:") != std::string::npos);
    CHECK_THROWS_AS(vidata::format_annotations<anet_feature_csv>(std::vector<feature_row>{{{1.0}}, {{1.0, 2.0}}}), vidata::invalid_argument);
}

TEST_CASE("formats/anet_feature_csv: MMAction2's test features", "[formats][anet_feature_csv][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // v_test1.csv (python csv): header f0..f399, 5 rows of 400; row 1 starts -2.52400826749 and ends -1.07100369346,
    // row 5 starts -1.94168348829. v_test2.csv: 5 rows, row 1 starts -2.50391422427, row 5 ends -3.48982639909.
    const auto one = *dir / "mmaction2/activitynet_features/v_test1.csv";
    const auto rows = vidata::read_annotations<anet_feature_csv>(one);
    REQUIRE(rows.size() == 5);
    REQUIRE(rows[0].values.size() == 400);
    CHECK(rows[0].values[0] == -2.52400826749);
    CHECK(rows[0].values[399] == -1.07100369346);
    CHECK(rows[4].values[0] == -1.94168348829);
    CHECK(vidata::format_annotations<anet_feature_csv>(rows) == vidata::test::read_file(one));
    const auto two = *dir / "mmaction2/activitynet_features/v_test2.csv";
    const auto rows2 = vidata::read_annotations<anet_feature_csv>(two);
    REQUIRE(rows2.size() == 5);
    CHECK(rows2[0].values[0] == -2.50391422427);
    CHECK(rows2[4].values[399] == -3.48982639909);
    CHECK(vidata::format_annotations<anet_feature_csv>(rows2) == vidata::test::read_file(two));
}

}  // namespace anet_feature_csv_test
