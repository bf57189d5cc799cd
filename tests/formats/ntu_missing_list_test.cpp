// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::ntu_missing_list: NTU RGB+D's lists of samples with missing skeletons.
#include <vidata/formats/ntu_missing_list.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace ntu_missing_list_test {

using vidata::formats::ntu_missing_list;
using vidata::formats::ntu_missing_sample;

std::vector<ntu_missing_sample> parse(const std::string& text) {
    return vidata::parse_annotations<ntu_missing_list>(text, "NTU_RGBD_samples_with_missing_skeletons.txt");
}

std::string write(const std::vector<ntu_missing_sample>& records) { return vidata::format_annotations<ntu_missing_list>(records); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace ntu_missing_list_test

TEST_CASE("formats/ntu_missing_list: names read one per line, the header kept with the first", "[formats][ntu_missing_list]") {
    using namespace ntu_missing_list_test;
    const std::string text = "2 of the captured samples have missing skeleton data.\nPlease ignore them.\n\nS001C002P005R002A008\nS017C003P020R001A059\n";
    const auto records = parse(text);
    const std::vector<ntu_missing_sample> expected{
        {"S001C002P005R002A008", "2 of the captured samples have missing skeleton data.\nPlease ignore them.\n\n"}, {"S017C003P020R001A059", ""}};
    CHECK(records == expected);
    CHECK(write(records) == text);
    const std::string bare = "S001C002P005R002A008\nS017C003P020R001A059\n";
    CHECK(write(parse(bare)) == bare);
}

TEST_CASE("formats/ntu_missing_list: CRLF, a BOM, blanks and blank lines are accepted", "[formats][ntu_missing_list]") {
    using namespace ntu_missing_list_test;
    const auto records = parse("\xEF\xBB\xBFS001C002P005R002A008 \r\n\r\n  S001C002P006R001A008\r\n\r\n");
    const std::vector<ntu_missing_sample> expected{{"S001C002P005R002A008", ""}, {"S001C002P006R001A008", ""}};
    CHECK(records == expected);
    CHECK(parse(write(records)) == records);
}

TEST_CASE("formats/ntu_missing_list: other lines after the first name and duplicates are parse errors", "[formats][ntu_missing_list]") {
    using namespace ntu_missing_list_test;
    CHECK(error_of("S001C002P005R002A008\nS001C002P005R002A08\n") ==
          "[vidata.parse_error] NTU_RGBD_samples_with_missing_skeletons.txt:2:1: expected a sample name SsssCcccPpppRrrrAaaa "
          "(e.g. S001C002P005R002A008), got 'S001C002P005R002A08'");
    CHECK(error_of("S001C002P005R002A008\nS001C002P006R001A008\nS001C002P005R002A008\n") ==
          "[vidata.parse_error] NTU_RGBD_samples_with_missing_skeletons.txt:3:1: expected a sample not listed before (it is on "
          "line 1), got 'S001C002P005R002A008'");
    CHECK(error_of("no names here\n") ==
          "[vidata.parse_error] NTU_RGBD_samples_with_missing_skeletons.txt:1:1: expected at least one sample name "
          "SsssCcccPpppRrrrAaaa, got 'no names here'");
    CHECK(parse("").empty());
}

TEST_CASE("formats/ntu_missing_list: detects the lists by name", "[formats][ntu_missing_list]") {
    CHECK(ntu_missing_list_test::ntu_missing_list::detect("NTU_RGBD120_samples_with_missing_skeletons.txt", ""));
    CHECK_FALSE(ntu_missing_list_test::ntu_missing_list::detect("label_map_ntu60.txt", ""));
    static_assert(vidata::formats::ntu_missing_list::sample_name("S001C002P005R002A008"));
    static_assert(!vidata::formats::ntu_missing_list::sample_name("S001C002P005R002B008"));
}

TEST_CASE("formats/ntu_missing_list: the official and MMAction2 lists read with their counts and write back byte for byte",
          "[formats][ntu_missing_list][fixtures]") {
    using namespace ntu_missing_list_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    struct expectation {
        const char* file;
        std::size_t names;  // wc -l minus the header lines
        bool header;
        const char* last;
    };
    for (const auto& e : {expectation{"ntu_rgbd/NTU_RGBD_samples_with_missing_skeletons.txt", 302, true, "S017C003P020R001A059"},
                          expectation{"ntu_rgbd/NTU_RGBD120_samples_with_missing_skeletons.txt", 535, true, "S032C003P067R002A077"},
                          expectation{"mmaction2_tools_data/skeleton/NTU_RGBD_samples_with_missing_skeletons.txt", 302, false,
                                      "S017C003P020R001A059"},
                          expectation{"mmaction2_tools_data/skeleton/NTU_RGBD120_samples_with_missing_skeletons.txt", 535, false,
                                      "S032C003P067R002A077"}}) {
        INFO(e.file);
        const auto path = *dir / e.file;
        const auto records = vidata::read_annotations<ntu_missing_list>(path);
        REQUIRE(records.size() == e.names);
        CHECK(records.front().name == "S001C002P005R002A008");
        CHECK(records.back().name == e.last);
        CHECK(records.front().preamble.starts_with(std::to_string(e.names) + " of the captured samples") == e.header);
        CHECK(write(records) == vidata::test::read_file(path));
        CHECK(ntu_missing_list::detect(path, ""));
    }
}
