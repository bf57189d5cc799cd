// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::ava_csv: AVA's box CSVs (ground truth and detections), one row per record.
#include <vidata/formats/ava_csv.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace ava_csv_test {

using vidata::box_record;
using vidata::formats::ava_csv;

std::vector<box_record> parse(const std::string& text) { return vidata::parse_annotations<ava_csv>(text, "ava_val_v2.2.csv"); }

std::string write(const std::vector<box_record>& records) { return vidata::format_annotations<ava_csv>(records); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

box_record row(std::string video, int t, double x1, double y1, double x2, double y2, int action, int person) {
    box_record r;
    r.video_id = std::move(video);
    r.timestamp = t;
    r.x1 = x1;
    r.y1 = y1;
    r.x2 = x2;
    r.y2 = y2;
    r.action_id = action;
    r.person_id = person;
    return r;
}

}  // namespace ava_csv_test

TEST_CASE("formats/ava_csv: ground-truth rows read into box records and write back byte for byte", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    const std::string text = "-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1\n"
                             "-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,9,1\n"
                             "-5KQ66BBWC4,0903,0.100,0.000,1.000,0.990,12,0\n";
    const auto records = parse(text);
    const std::vector<box_record> expected{row("-5KQ66BBWC4", 902, 0.077, 0.151, 0.283, 0.811, 80, 1),
                                           row("-5KQ66BBWC4", 902, 0.077, 0.151, 0.283, 0.811, 9, 1),
                                           row("-5KQ66BBWC4", 903, 0.1, 0.0, 1.0, 0.99, 12, 0)};
    CHECK(records == expected);
    CHECK(write(records) == text);
    CHECK(parse(write(records)) == records);
}

TEST_CASE("formats/ava_csv: an 8th float is a score, 9 fields hold both, 7 neither, 2 are an empty keyframe", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    const std::string text = "vid,1774,0.072,0.470,0.840,0.898,2,0.655\n"
                             "vid,1774,0.072,0.470,0.840,0.898,2,3,0.500\n"
                             "vid,1775,0.072,0.470,0.840,0.898,5\n"
                             "vid,0970\n";
    const auto records = parse(text);
    REQUIRE(records.size() == 4);
    CHECK(records[0].person_id == -1);
    CHECK(records[0].score == 0.655);
    CHECK(records[1].person_id == 3);
    CHECK(records[1].score == 0.5);
    CHECK(records[2].person_id == -1);
    CHECK_FALSE(records[2].score.has_value());
    CHECK(records[2].action_id == 5);
    CHECK(records[3].video_id == "vid");
    CHECK(records[3].timestamp == 970);
    CHECK(records[3].action_id == -1);
    CHECK(ava_csv::empty_frame(records[3]));
    CHECK(write(records) == text);
}

TEST_CASE("formats/ava_csv: accepts a BOM, CRLF, empty lines and 3-digit timestamps; writes AVA's canonical form", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    const auto records = parse("\xEF\xBB\xBFvid,902,0.5,0.25,0.75,1,80,1\r\n\r\nvid,0903,0.1234567,0.2,0.3,0.4,1,2\r\n");
    const std::vector<box_record> expected{row("vid", 902, 0.5, 0.25, 0.75, 1.0, 80, 1), row("vid", 903, 0.1234567, 0.2, 0.3, 0.4, 1, 2)};
    CHECK(records == expected);
    // Three decimals where they keep the value, the shortest exact text where they would not.
    CHECK(write(records) == "vid,0902,0.500,0.250,0.750,1.000,80,1\nvid,0903,0.1234567,0.200,0.300,0.400,1,2\n");
    CHECK(parse(write(records)) == records);
}

TEST_CASE("formats/ava_csv: a video id that needs quoting is quoted and reads back", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    const std::vector<box_record> records{row("a,b", 1, 0.1, 0.2, 0.3, 0.4, 1, 0)};
    CHECK(write(records) == "\"a,b\",0001,0.100,0.200,0.300,0.400,1,0\n");
    CHECK(parse(write(records)) == records);
}

TEST_CASE("formats/ava_csv: malformed rows are located parse errors", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    CHECK(error_of("v,0902,0.1,0.2,0.3,0.4,1,0\nv,0902,0.1,0.2,0.3,0.4\n") ==
          "[vidata.parse_error] ava_val_v2.2.csv:2:1: expected a row of 2, 7, 8 or 9 fields "
          "'video_id,timestamp[,x1,y1,x2,y2,action_id[,person_id][,score]]' but the row has 6, got 'v,0902,0.1,0.2,0.3,0.4'");
    CHECK(error_of("v,09x2,0.1,0.2,0.3,0.4,1,0\n") ==
          "[vidata.parse_error] ava_val_v2.2.csv:1:3: expected an integer timestamp in seconds, got '09x2'");
    CHECK(error_of("v,0902,0.1,abc,0.3,0.4,1,0\n") ==
          "[vidata.parse_error] ava_val_v2.2.csv:1:12: expected a box coordinate y1, got 'abc'");
    CHECK(error_of("v,0902,0.1,0.2,0.3,0.4,1.5,0\n") ==
          "[vidata.parse_error] ava_val_v2.2.csv:1:24: expected an integer action id, got '1.5'");
    CHECK(error_of("v,0902,0.1,0.2,0.3,0.4,1,0,x\n") ==
          "[vidata.parse_error] ava_val_v2.2.csv:1:28: expected a score, got 'x'");
    CHECK(error_of("v,0902,nan,0.2,0.3,0.4,1,0\n") ==
          "[vidata.parse_error] ava_val_v2.2.csv:1:8: expected a finite number (a box coordinate x1), got 'nan'");
    CHECK(error_of("v,0902,0.1,0.2,0.3,0.4,1,\"0\n") ==
          "[vidata.parse_error] ava_val_v2.2.csv:1:26: expected a closing \" for the quoted field that starts here, got '\"0'");
}

TEST_CASE("formats/ava_csv: the plain-rows pass and the CSV path agree, and the pass gives up on the rest", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    namespace d = vidata::formats::detail;
    const std::vector<std::string> plain{
        "",
        "\n\r\n\n",
        "vid,1774,0.072,0.470,0.840,0.898,2,0.655\nvid,1774,0.072,0.470,0.840,0.898,2,3,0.500\nvid,1775,0.072,0.470,0.840,0.898,5\nvid,0970\n",
        "\xEF\xBB\xBFvid,902,0.5,0.25,0.75,1,80,1\r\n\r\nvid,0903,0.1234567,0.2,0.3,0.4,1,2\r\n",
        "v,-0,-0.0,0,1,1.000,-3,-0\nv,0902,0.1,0.2,0.3,0.4,1,0\r",  // signed zeros; a final CR, no final LF
        "a b\t,1,0.1,0.2,0.3,0.4,1,999999999\n",
    };
    for (const std::string& text : plain) {
        CAPTURE(text);
        const auto fast = d::parse_plain_ava_rows(text, {});
        REQUIRE(fast.has_value());
        CHECK(*fast == ava_csv::parse_csv_rows(text, "x.csv"));
        CHECK(write(*fast) == write(ava_csv::parse_csv_rows(text, "x.csv")));  // signs of zero included
    }
    // Read by the CSV path alone: quotes, blanks and '+' around numbers, exponents, long integers, odd widths.
    const std::vector<std::string> others{
        "\"v\",0902,0.1,0.2,0.3,0.4,1,0\n", "v,0902, 0.1,0.2,0.3,0.4,1,0\n", "v,+902,0.1,0.2,0.3,0.4,1,0\n",
        "v,0902,1e-1,0.2,0.3,0.4,1,0\n",    "v,0902,0.1,0.2,0.3,0.4,1,1234567890\n", "v,0902,0.1,0.2,0.3,0.4,1,1.\n",
        "v,0902,0.1,0.2,0.3,0.4,1,0\nv,0902,0.1\n", "v\n", "v,0902,0.1,0.2,0.3,0.4,1,0,0.5,9\n",
        "v,0902,0.1,0.2,0.3,0.4,1,0\nv,x\n", "v,0902,0.12345678901234567890,0.2,0.3,0.4,1,0\n",
    };
    for (const std::string& text : others) {
        CAPTURE(text);
        CHECK_FALSE(d::parse_plain_ava_rows(text, {}).has_value());
        std::string mine, theirs;
        try {
            theirs = write(ava_csv::parse_csv_rows(text, "ava_val_v2.2.csv"));
        } catch (const vidata::parse_error& e) {
            theirs = e.what();
        }
        try {
            mine = write(parse(text));
        } catch (const vidata::parse_error& e) {
            mine = e.what();
        }
        CHECK(mine == theirs);
    }
}

TEST_CASE("formats/ava_csv: a first video id that starts with a byte-order mark is not written", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    // After an empty line, a BOM is part of the id; first in a written file, reading would drop it.
    const auto records = parse("\n\xEF\xBB\xBFvid,0902\nvid,0903\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].video_id == "\xEF\xBB\xBFvid");
    CHECK_THROWS_AS(write(records), vidata::invalid_argument);
}

TEST_CASE("formats/ava_csv: detects AVA rows by their form, not other CSVs", "[formats][ava_csv]") {
    using namespace ava_csv_test;
    CHECK(ava_csv::detect("x.csv", "-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1\n-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,9,1\n"));
    CHECK(ava_csv::detect("x.csv", "1j20qq1JyX4,0970\n1j20qq1JyX4,0972,0.535,0.003,0.992,0.983,14,35\n"));
    CHECK_FALSE(ava_csv::detect("x.csv", "1j20qq1JyX4,0970\n1j20qq1JyX4,0971\n"));  // exclusions look like this
    CHECK_FALSE(ava_csv::detect("x.csv", "00_77WAvZ_o,17.000000,0.308489,0.465223,0.530244,0.991838,12\n"));
    CHECK_FALSE(ava_csv::detect("x.csv", "label,youtube_id,time_start,time_end,split\n"));
}

TEST_CASE("formats/ava_csv: the real AVA and MMAction2 files read with their counts and write back byte for byte",
          "[formats][ava_csv][fixtures]") {
    using namespace ava_csv_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    struct expectation {
        const char* file;
        std::size_t rows;
        std::size_t empty_frames;
    };
    for (const auto& e : {expectation{"ava_kinetics_v1_0/ava_val_v2.2.head40.csv", 40, 0},
                          expectation{"ava_kinetics_v1_0/ava_val_v2.2.slice_0968-0972.csv", 10, 2},
                          expectation{"mmaction2/ava_dataset/ava_sample.csv", 8, 0}, expectation{"mmaction2/eval_detection/gt.csv", 12, 0},
                          expectation{"mmaction2/eval_detection/pred.csv", 30, 0}}) {
        INFO(e.file);
        const auto path = *dir / e.file;
        const auto records = vidata::read_annotations<ava_csv>(path);
        CHECK(records.size() == e.rows);
        std::size_t empty = 0;
        for (const auto& r : records) empty += ava_csv::empty_frame(r) ? 1 : 0;
        CHECK(empty == e.empty_frames);
        CHECK(write(records) == vidata::test::read_file(path));
        CHECK(ava_csv::detect(path, vidata::test::read_file(path).substr(0, 4096)));
    }
    // Values read off the files with head/tail.
    const auto head = vidata::read_annotations<ava_csv>(*dir / "ava_kinetics_v1_0/ava_val_v2.2.head40.csv");
    CHECK(head[0] == row("1j20qq1JyX4", 902, 0.002, 0.118, 0.714, 0.977, 12, 1));
    CHECK(head[39] == row("1j20qq1JyX4", 914, 0.015, 0.074, 0.680, 0.981, 79, 7));
    const auto slice = vidata::read_annotations<ava_csv>(*dir / "ava_kinetics_v1_0/ava_val_v2.2.slice_0968-0972.csv");
    CHECK(slice[7].timestamp == 970);
    CHECK(ava_csv::empty_frame(slice[7]));
    CHECK(slice[9] == row("1j20qq1JyX4", 972, 0.535, 0.003, 0.992, 0.983, 14, 35));
    const auto pred = vidata::read_annotations<ava_csv>(*dir / "mmaction2/eval_detection/pred.csv");
    CHECK(pred[29].video_id == "5HNXoce1raG");
    CHECK(pred[29].action_id == 2);
    CHECK(pred[29].person_id == -1);
    CHECK(pred[29].score == 0.912);
}
