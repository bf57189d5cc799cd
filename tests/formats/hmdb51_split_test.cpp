// SPDX-License-Identifier: Apache-2.0
// vidata::formats::hmdb51_split: HMDB51's per-class split files, the class taken from the file name, written back byte for byte.
#include "support.hpp"

#include <vidata/formats/hmdb51_split.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace hmdb51_split_test {

using vidata::formats::hmdb51_split;
using vidata::formats::hmdb51_split_entry;

std::vector<hmdb51_split_entry> parse(const std::string& text, const std::string& source = "brush_hair_test_split1.txt") {
    return vidata::parse_annotations<hmdb51_split>(text, source);
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/hmdb51_split: reads video and tag, the class from the file name", "[formats][hmdb51_split]") {
    const auto e = parse("April_09_brush_hair_u_nm_np1_ba_goo_0.avi 1 \nx_1.avi 2 \nx_2.avi 0 \n",
                         "data/hmdb51/annotations/brush_hair_test_split1.txt");
    REQUIRE(e.size() == 3);
    CHECK(e[0] == hmdb51_split_entry{"brush_hair", "April_09_brush_hair_u_nm_np1_ba_goo_0.avi", hmdb51_split_entry::train});
    CHECK(e[1] == hmdb51_split_entry{"brush_hair", "x_1.avi", hmdb51_split_entry::test});
    CHECK(e[2] == hmdb51_split_entry{"brush_hair", "x_2.avi", hmdb51_split_entry::unused});
    // CRLF and lines without the trailing space read the same.
    CHECK(parse("x_1.avi 2\r\n", "shake_hands_test_split3.txt") ==
          std::vector<hmdb51_split_entry>{{"shake_hands", "x_1.avi", 2}});
    CHECK(parse("x_1.avi 2 ", "list.txt")[0].class_name.empty());
    CHECK(hmdb51_split::class_of("ride_bike_test_split2.txt") == "ride_bike");
}

TEST_CASE("formats/hmdb51_split: writes the official lines, trailing space included", "[formats][hmdb51_split]") {
    const std::string text = "a.avi 1 \nb.avi 2 \nc.avi 0 \n";
    CHECK(vidata::format_annotations<hmdb51_split>(parse(text)) == text);
    const auto crlf = parse("a.avi 1\r\nb.avi 0\r\n");
    CHECK(parse(vidata::format_annotations<hmdb51_split>(crlf)) == crlf);
    const std::vector<hmdb51_split_entry> bad{{"c", "a.avi", 3}};
    CHECK_THROWS_AS(vidata::format_annotations<hmdb51_split>(bad), vidata::invalid_argument);
}

TEST_CASE("formats/hmdb51_split: malformed lines are parse errors at their line", "[formats][hmdb51_split]") {
    CHECK(error_of("a.avi 1 \nb.avi 3 \n") ==
          "[vidata.parse_error] brush_hair_test_split1.txt:2:7: expected a split tag 0 (unused), 1 (train) or 2 (test), got '3'");
    CHECK(error_of("a.avi\n") ==
          "[vidata.parse_error] brush_hair_test_split1.txt:1:6: expected 2 fields ('video tag') but the line has 1, got 'a.avi'");
    CHECK(error_of("a.avi 1 x\n") ==
          "[vidata.parse_error] brush_hair_test_split1.txt:1:9: expected 2 fields ('video tag') but the line has 3, got 'a.avi 1 x'");
    CHECK(error_of("a.avi 1 \na.avi 2 \n") ==
          "[vidata.parse_error] brush_hair_test_split1.txt:2:1: expected a video not listed before (it is on line 1), got 'a.avi'");
}

TEST_CASE("formats/hmdb51_split: detects <class>_test_splitN.txt by name", "[formats][hmdb51_split]") {
    CHECK(hmdb51_split::detect("testTrainMulti_7030_splits/brush_hair_test_split1.txt", ""));
    CHECK(hmdb51_split::detect("sword_exercise_test_split3.txt", ""));
    CHECK_FALSE(hmdb51_split::detect("_test_split1.txt", ""));
    CHECK_FALSE(hmdb51_split::detect("hmdb51_train_split_1_rawframes.txt", ""));
    CHECK_FALSE(hmdb51_split::detect("brush_hair_test_split1.csv", ""));
}

TEST_CASE("formats/hmdb51_split: every official split file of the fixtures", "[formats][hmdb51_split][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto root = *dir / "hmdb51/testTrainMulti_7030_splits";
    // brush_hair_test_split1.txt: 107 lines, 70 tagged 1, 30 tagged 2, 7 tagged 0; the first is
    // "April_09_brush_hair_u_nm_np1_ba_goo_0.avi 1 ".
    const auto brush = vidata::read_annotations<hmdb51_split>(root / "brush_hair_test_split1.txt");
    REQUIRE(brush.size() == 107);
    CHECK(brush.front() == hmdb51_split_entry{"brush_hair", "April_09_brush_hair_u_nm_np1_ba_goo_0.avi", 1});
    std::size_t tags[3] = {0, 0, 0};
    for (const auto& e : brush) ++tags[e.tag];
    CHECK(tags[0] == 7);
    CHECK(tags[1] == 70);
    CHECK(tags[2] == 30);
    // All 153 split files (51 classes x 3 splits, 20298 lines in all) read and write back byte for byte; the
    // directory's class_list.txt (TSN's helper) is not one.
    CHECK_FALSE(hmdb51_split::detect(root / "class_list.txt", ""));
    std::size_t files = 0, lines = 0;
    for (const auto& entry : std::filesystem::directory_iterator(root)) {
        if (!hmdb51_split::detect(entry.path(), "")) continue;
        const auto text = vidata::test::read_file(entry.path());
        const auto e = hmdb51_split::parse(text, entry.path().string());
        CHECK(vidata::format_annotations<hmdb51_split>(e) == text);
        ++files;
        lines += e.size();
    }
    CHECK(files == 153);
    CHECK(lines == 20298);
}

}  // namespace hmdb51_split_test
