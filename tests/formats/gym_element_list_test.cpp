// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::gym_element_list: FineGYM's `<element id> <label>` split lists.
#include <vidata/formats/gym_element_list.hpp>

#include "support.hpp"

#include <string>
#include <vector>

namespace gym_element_list_test {

using vidata::video_record;
using vidata::formats::gym_element_list;

std::vector<video_record> parse(const std::string& text) {
    return vidata::parse_annotations<gym_element_list>(text, "gym99_val_element.txt");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace gym_element_list_test

TEST_CASE("formats/gym_element_list: reads element ids and labels, writes them back", "[formats][gym_element_list]") {
    using namespace gym_element_list_test;
    const std::string text = "A0xAXXysHUo_E_002184_002237_A_0035_0036 93\nAZ4wWG6Rcak_E_003643_003675_A_0024_0026 77\n";
    const auto records = parse(text);
    REQUIRE(records.size() == 2);
    CHECK(records[0].path == "A0xAXXysHUo_E_002184_002237_A_0035_0036");
    CHECK(records[0].labels == std::vector<int>{93});
    CHECK(records[1].labels == std::vector<int>{77});
    CHECK(vidata::format_annotations<gym_element_list>(records) == text);
    CHECK(parse("A0xAXXysHUo_E_002184_002237_A_0035_0036 93 \r\n") == std::vector<video_record>{records[0]});
}

TEST_CASE("formats/gym_element_list: parse_gym_element_id splits an id", "[formats][gym_element_list]") {
    const auto id = vidata::formats::parse_gym_element_id("E-1hTCGUCts_E_004631_004714_A_0079_0080");
    REQUIRE(id.has_value());
    CHECK(id->video == "E-1hTCGUCts");
    CHECK(id->event_id == "E_004631_004714");
    CHECK(id->element_id == "A_0079_0080");
    CHECK(id->event_start == 4631);
    CHECK(id->event_end == 4714);
    CHECK(id->element_start == 79);
    CHECK(id->element_end == 80);
    // A YouTube id may itself hold "_E_": the last one before "_A_" starts the event.
    CHECK(vidata::formats::parse_gym_element_id("ab_E_cdefghi_E_000001_000002_A_0000_0001")->video == "ab_E_cdefghi");
    CHECK_FALSE(vidata::formats::parse_gym_element_id("abc_E_1_2").has_value());
    CHECK_FALSE(vidata::formats::parse_gym_element_id("abc_E_x_2_A_1_2").has_value());
}

TEST_CASE("formats/gym_element_list: malformed lines are located errors", "[formats][gym_element_list]") {
    using namespace gym_element_list_test;
    CHECK(error_of("abc 3\n") ==
          "[vidata.parse_error] gym99_val_element.txt:1:1: expected an element id '<video>_E_<start>_<end>_A_<start>_<end>', got 'abc'");
    CHECK(error_of("A0xAXXysHUo_E_002184_002237_A_0035_0036\n") ==
          "[vidata.parse_error] gym99_val_element.txt:1:40: expected 2 fields (element_id label) but the line has 1, got "
          "'A0xAXXysHUo_E_002184_002237_A_0035_0036'");
    CHECK(error_of("A0xAXXysHUo_E_002184_002237_A_0035_0036 x\n") ==
          "[vidata.parse_error] gym99_val_element.txt:1:41: expected a class label (an integer >= 0), got 'x'");
}

TEST_CASE("formats/gym_element_list: real data — gym99 and gym288 element list excerpts", "[formats][gym_element_list][fixtures]") {
    using namespace gym_element_list_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    struct expectation {
        const char* file;
        std::size_t count;
        const char* first;
        int first_label;
        const char* last;
        int last_label;
    };
    for (const expectation& e : {expectation{"finegym/gym99_train_element_v1.1.head500.txt", 500, "A0xAXXysHUo_E_002184_002237_A_0035_0036", 93,
                                             "E-1hTCGUCts_E_004631_004714_A_0080_0082", 71},
                                 expectation{"finegym/gym99_val_element.head500.txt", 500, "0LtLS9wROrk_E_002407_002435_A_0003_0005", 78,
                                             "0jqn1vxdhls_E_001891_001985_A_0041_0043", 60},
                                 expectation{"finegym/gym288_train_element_v1.1.head200.txt", 200, "2pBxfMAIaXY_E_001794_001801_A_0000_0006", 26,
                                             "C5Yfd1IWjmM_E_005232_005308_A_0071_0072", 204}}) {
        INFO(e.file);
        const auto path = *dir / e.file;
        const auto records = vidata::read_annotations<gym_element_list>(path);
        REQUIRE(records.size() == e.count);
        CHECK(records.front().path == e.first);
        CHECK(records.front().labels == std::vector<int>{e.first_label});
        CHECK(records.back().path == e.last);
        CHECK(records.back().labels == std::vector<int>{e.last_label});
        CHECK(vidata::format_annotations<gym_element_list>(records) == vidata::test::read_file(path));
        CHECK(gym_element_list::detect(path, ""));
    }
}
