// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::ava_exclusions: AVA's excluded-timestamps CSVs.
#include <vidata/formats/ava_exclusions.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace ava_exclusions_test {

using vidata::formats::ava_excluded_frame;
using vidata::formats::ava_exclusions;

std::vector<ava_excluded_frame> parse(const std::string& text) {
    return vidata::parse_annotations<ava_exclusions>(text, "ava_val_excluded_timestamps_v2.2.csv");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace ava_exclusions_test

TEST_CASE("formats/ava_exclusions: rows read in order, duplicates kept, and write back byte for byte", "[formats][ava_exclusions]") {
    using namespace ava_exclusions_test;
    const std::string text = "0f39OWEqJ24,0903\n_-Z6wFjXtGQ,0902\n0f39OWEqJ24,0903\n";
    const auto records = parse(text);
    const std::vector<ava_excluded_frame> expected{{"0f39OWEqJ24", 903}, {"_-Z6wFjXtGQ", 902}, {"0f39OWEqJ24", 903}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<ava_exclusions>(records) == text);
}

TEST_CASE("formats/ava_exclusions: CRLF, a BOM, empty lines and unpadded timestamps read; the writer pads", "[formats][ava_exclusions]") {
    using namespace ava_exclusions_test;
    const auto records = parse("\xEF\xBB\xBFvid,902\r\n\r\nvid,1798\r\n");
    const std::vector<ava_excluded_frame> expected{{"vid", 902}, {"vid", 1798}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<ava_exclusions>(records) == "vid,0902\nvid,1798\n");
}

TEST_CASE("formats/ava_exclusions: malformed rows are located parse errors", "[formats][ava_exclusions]") {
    using namespace ava_exclusions_test;
    CHECK(error_of("vid,0902\nvid,0903,1\n") == "[vidata.parse_error] ava_val_excluded_timestamps_v2.2.csv:2:1: expected a row of 2 fields "
                                                "'video_id,timestamp' but the row has 3, got 'vid,0903,1'");
    CHECK(error_of("vid\n") == "[vidata.parse_error] ava_val_excluded_timestamps_v2.2.csv:1:1: expected a row of 2 fields "
                               "'video_id,timestamp' but the row has 1, got 'vid'");
    CHECK(error_of("vid,09.5\n") ==
          "[vidata.parse_error] ava_val_excluded_timestamps_v2.2.csv:1:5: expected an integer timestamp in seconds, got '09.5'");
}

TEST_CASE("formats/ava_exclusions: a first video id that starts with a byte-order mark is not written", "[formats][ava_exclusions]") {
    using namespace ava_exclusions_test;
    const auto records = parse("\n\xEF\xBB\xBFvid,0902\n");
    REQUIRE(records.size() == 1);
    CHECK_THROWS_AS(vidata::format_annotations<ava_exclusions>(records), vidata::invalid_argument);
}

TEST_CASE("formats/ava_exclusions: detects AVA's file names only", "[formats][ava_exclusions]") {
    using vidata::formats::ava_exclusions;
    CHECK(ava_exclusions::detect("annotations/ava_val_excluded_timestamps_v2.2.csv", ""));
    CHECK(ava_exclusions::detect("ava_excluded_timestamps_sample.csv", ""));
    CHECK_FALSE(ava_exclusions::detect("ava_val_v2.2.csv", "vid,0902\n"));
}

TEST_CASE("formats/ava_exclusions: MMAction2's sample reads and writes back byte for byte", "[formats][ava_exclusions][fixtures]") {
    using namespace ava_exclusions_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "mmaction2/ava_dataset/ava_excluded_timestamps_sample.csv";
    const auto records = vidata::read_annotations<ava_exclusions>(path);
    const std::vector<ava_excluded_frame> expected{{"0f39OWEqJ24", 903}, {"_-Z6wFjXtGQ", 902}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<ava_exclusions>(records) == vidata::test::read_file(path));
}
