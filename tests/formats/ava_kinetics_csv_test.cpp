// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::ava_kinetics_csv: AVA-Kinetics' Kinetics CSVs (float-second timestamps, empty keyframes).
#include <vidata/formats/ava_kinetics_csv.hpp>

#include "support.hpp"

#include <array>
#include <string>
#include <vector>

namespace ava_kinetics_csv_test {

using vidata::formats::ava_kinetics_csv;
using vidata::formats::ava_kinetics_row;

std::vector<ava_kinetics_row> parse(const std::string& text) {
    return vidata::parse_annotations<ava_kinetics_csv>(text, "kinetics_val_v1.0.csv");
}

std::string write(const std::vector<ava_kinetics_row>& records) { return vidata::format_annotations<ava_kinetics_csv>(records); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace ava_kinetics_csv_test

TEST_CASE("formats/ava_kinetics_csv: box rows and empty keyframes read and write back byte for byte", "[formats][ava_kinetics_csv]") {
    using namespace ava_kinetics_csv_test;
    const std::string text = "00_77WAvZ_o,17.000000,0.308489,0.465223,0.530244,0.991838,12\n"
                             "00g-inkLork,5.016949\n"
                             "00GyvomBAJc,13.006000,0.749952,0.423815,0.920923,0.811091,3,4\n";
    const auto records = parse(text);
    const std::vector<ava_kinetics_row> expected{
        {"00_77WAvZ_o", 17.0, std::array<double, 4>{0.308489, 0.465223, 0.530244, 0.991838}, 12, -1},
        {"00g-inkLork", 5.016949, std::nullopt, -1, -1},
        {"00GyvomBAJc", 13.006, std::array<double, 4>{0.749952, 0.423815, 0.920923, 0.811091}, 3, 4}};
    CHECK(records == expected);
    CHECK(write(records) == text);
}

TEST_CASE("formats/ava_kinetics_csv: CRLF, a BOM and short decimals read; the writer writes six decimals", "[formats][ava_kinetics_csv]") {
    using namespace ava_kinetics_csv_test;
    const auto records = parse("\xEF\xBB\xBFyt,17,0.5,0.25,0.75,1,12\r\n\r\nyt,5.1234567\r\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].timestamp == 17.0);
    CHECK(write(records) == "yt,17.000000,0.500000,0.250000,0.750000,1.000000,12\nyt,5.1234567\n");
    CHECK(parse(write(records)) == records);
}

TEST_CASE("formats/ava_kinetics_csv: malformed rows are located parse errors", "[formats][ava_kinetics_csv]") {
    using namespace ava_kinetics_csv_test;
    CHECK(error_of("yt,1.0,0.1,0.2\n") ==
          "[vidata.parse_error] kinetics_val_v1.0.csv:1:1: expected a row of 7 or 8 fields "
          "'youtube_id,timestamp,x1,y1,x2,y2,action_id[,person_id]' or of 2 'youtube_id,timestamp' but the row has 4, got 'yt,1.0,0.1,0.2'");
    CHECK(error_of("yt,abc\n") == "[vidata.parse_error] kinetics_val_v1.0.csv:1:4: expected a timestamp in seconds, got 'abc'");
    CHECK(error_of("yt,1.0,0.1,0.2,0.3,inf,1\n") ==
          "[vidata.parse_error] kinetics_val_v1.0.csv:1:20: expected a finite number (a box coordinate y2), got 'inf'");
    CHECK(error_of("yt,1.0,0.1,0.2,0.3,0.4,x\n") ==
          "[vidata.parse_error] kinetics_val_v1.0.csv:1:24: expected an integer action id, got 'x'");
    CHECK(error_of("yt,1.0,0.1,0.2,0.3,0.4,1,0.5\n") ==
          "[vidata.parse_error] kinetics_val_v1.0.csv:1:26: expected an integer person id, got '0.5'");
}

TEST_CASE("formats/ava_kinetics_csv: a first id that starts with a byte-order mark is not written", "[formats][ava_kinetics_csv]") {
    using namespace ava_kinetics_csv_test;
    const auto records = parse("\n\xEF\xBB\xBFvid,1.5\n");
    REQUIRE(records.size() == 1);
    CHECK_THROWS_AS(vidata::format_annotations<ava_kinetics_csv>(records), vidata::invalid_argument);
}

TEST_CASE("formats/ava_kinetics_csv: detects float-second rows, not AVA's", "[formats][ava_kinetics_csv]") {
    using vidata::formats::ava_kinetics_csv;
    CHECK(ava_kinetics_csv::detect("x.csv", "00_77WAvZ_o,17.000000,0.308489,0.465223,0.530244,0.991838,12\n00g-inkLork,5.016949\n"));
    CHECK_FALSE(ava_kinetics_csv::detect("x.csv", "-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1\n"));
    CHECK_FALSE(ava_kinetics_csv::detect("x.csv", "00g-inkLork,5.016949\n"));
}

TEST_CASE("formats/ava_kinetics_csv: the AVA-Kinetics release's rows read with their counts and write back byte for byte",
          "[formats][ava_kinetics_csv][fixtures]") {
    using namespace ava_kinetics_csv_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "ava_kinetics_v1_0/kinetics_val_v1.0.head40.csv";
    const auto records = vidata::read_annotations<ava_kinetics_csv>(path);
    CHECK(records.size() == 40);
    std::size_t empty = 0;
    for (const auto& r : records) empty += r.box ? 0 : 1;
    CHECK(empty == 8);  // awk -F, '{print NF}' | sort | uniq -c: 8 rows of 2 fields, 32 of 7
    CHECK(records[0].youtube_id == "00_77WAvZ_o");
    CHECK(records[2].youtube_id == "00g-inkLork");
    CHECK(records[2].timestamp == 5.016949);
    CHECK_FALSE(records[2].box.has_value());
    CHECK(records[39].youtube_id == "05hKGU5928E");
    CHECK(records[39].timestamp == 357.0);
    CHECK(records[39].box == std::array<double, 4>{0.473664, 0.117746, 0.596081, 0.383535});
    CHECK(records[39].action_id == 11);
    CHECK(write(records) == vidata::test::read_file(path));
    CHECK(ava_kinetics_csv::detect(path, vidata::test::read_file(path).substr(0, 4096)));
}
