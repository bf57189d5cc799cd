// SPDX-License-Identifier: Apache-2.0
// bsn_video_info: BSN's video_info_new.csv, read, written back byte for byte and refused.
#include "support.hpp"

#include <vidata/formats/bsn_video_info.hpp>

#include <string>
#include <vector>

namespace bsn_video_info_test {

using vidata::formats::bsn_video_info;
using vidata::formats::bsn_video_info_row;

const std::string header = "video,numFrame,seconds,fps,rfps,subset,featureFrame\n";

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)bsn_video_info::parse(text, "video_info_new.csv"); });
}


TEST_CASE("formats/bsn_video_info: rows by header name, numbers written as Python's repr", "[formats][bsn_video_info]") {
    const std::string text = header + "v_---9CpRcKoU,418,14.07,30.0,29.7085998579,training,400\nv_b,10,1.0,25.0,10.0,testing,0\n";
    const auto rows = bsn_video_info::parse(text, "video_info_new.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == bsn_video_info_row{"v_---9CpRcKoU", 418, 14.07, 30.0, 29.7085998579, "training", 400});
    CHECK(rows[1] == bsn_video_info_row{"v_b", 10, 1.0, 25.0, 10.0, "testing", 0});
    CHECK(vidata::format_annotations<bsn_video_info>(rows) == text);
    // Columns in another order are found by name.
    const auto swapped = bsn_video_info::parse("subset,video,numFrame,seconds,fps,rfps,featureFrame\r\ntraining,v_a,1,2,3,4,5\r\n", "x.csv");
    CHECK(swapped == std::vector{bsn_video_info_row{"v_a", 1, 2.0, 3.0, 4.0, "training", 5}});
}

TEST_CASE("formats/bsn_video_info: malformed files", "[formats][bsn_video_info]") {
    CHECK(error_of(header + "v_a,x,1,1,1,training,0\n") == "[vidata.parse_error] video_info_new.csv:2:5: expected an integer frame count, got 'x'");
    CHECK(error_of(header + "v_a,1,1,1\n").find("video_info_new.csv:2:") != std::string::npos);
    CHECK(error_of(header + "v_a,1,1,1,1,training,0\nv_a,1,1,1,1,training,0\n") ==
          "[vidata.parse_error] video_info_new.csv:3:1: expected a video not listed before (it is on line 2), got 'v_a'");
    CHECK(error_of("video,numFrame,seconds\nv_a,1,1\n").find("video_info_new.csv:1:1: expected the header") != std::string::npos);
}

TEST_CASE("formats/bsn_video_info: claims files by their header", "[formats][bsn_video_info]") {
    CHECK(bsn_video_info::detect("x.csv", header + "v_a,1,1,1,1,training,0\n"));
    CHECK_FALSE(bsn_video_info::detect("video_info_new.csv", "video,numFrame\n"));
}

TEST_CASE("formats/bsn_video_info: BSN's file", "[formats][bsn_video_info][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // video_info_new.head500.csv (python csv): 500 rows, 500 distinct videos, 245 training / 118 validation / 137 testing;
    // the last row v_0eR57IP6paM,5485,219.499,25.0,24.9887243222,testing,5472.
    const auto file = *dir / "bsn/data/activitynet_annotations/video_info_new.head500.csv";
    const auto rows = vidata::read_annotations<bsn_video_info>(file);
    REQUIRE(rows.size() == 500);
    CHECK(rows[0] == bsn_video_info_row{"v_---9CpRcKoU", 418, 14.07, 30.0, 29.7085998579, "training", 400});
    CHECK(rows[499] == bsn_video_info_row{"v_0eR57IP6paM", 5485, 219.499, 25.0, 24.9887243222, "testing", 5472});
    std::size_t training = 0;
    for (const auto& r : rows) training += r.subset == "training";
    CHECK(training == 245);
    CHECK(vidata::format_annotations<bsn_video_info>(rows) == vidata::test::read_file(file));
}

}  // namespace bsn_video_info_test
