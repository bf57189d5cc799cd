// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::thumos14_annotation: THUMOS'14 per-class temporal annotation files.
#include <vidata/formats/thumos14_annotation.hpp>

#include "support.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace thumos14_annotation_test {

using vidata::formats::thumos14_annotation;
using vidata::formats::thumos14_instance;

std::vector<thumos14_instance> parse(const std::string& text, const std::string& source = "BaseballPitch_val.txt") {
    return vidata::parse_annotations<thumos14_annotation>(text, source);
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

}  // namespace thumos14_annotation_test

TEST_CASE("formats/thumos14_annotation: reads video start end, takes the class from the file name", "[formats][thumos14_annotation]") {
    using namespace thumos14_annotation_test;
    const std::string text = "video_validation_0000266  72.8 76.4\nvideo_validation_0000681  44.0 50.9\n";
    const auto records = parse(text, "temporal_annotations_validation/BaseballPitch_val.txt");
    const std::vector<thumos14_instance> expected{{"video_validation_0000266", 72.8, 76.4, "BaseballPitch"},
                                                  {"video_validation_0000681", 44.0, 50.9, "BaseballPitch"}};
    CHECK(records == expected);
    CHECK(vidata::format_annotations<thumos14_annotation>(records) == text);
    CHECK(parse("video_test_0000004 0.2 1.1 \r\n", "Ambiguous_test.txt") ==
          std::vector<thumos14_instance>{{"video_test_0000004", 0.2, 1.1, "Ambiguous"}});
    CHECK(vidata::formats::thumos14_class_of("CliffDiving_val.txt") == "CliffDiving");
    CHECK(vidata::formats::thumos14_class_of("x/HighJump_test.txt") == "HighJump");
    CHECK(vidata::formats::thumos14_class_of("") == "");
}

TEST_CASE("formats/thumos14_annotation: malformed lines are located errors; one file holds one class", "[formats][thumos14_annotation]") {
    using namespace thumos14_annotation_test;
    CHECK(error_of("video_validation_0000266  72.8\n") ==
          "[vidata.parse_error] BaseballPitch_val.txt:1:31: expected 3 fields (video start end) but the line has 2, got "
          "'video_validation_0000266  72.8'");
    CHECK(error_of("video_validation_0000266  72.8 7a\n") ==
          "[vidata.parse_error] BaseballPitch_val.txt:1:32: expected an end time in seconds (a number), got '7a'");
    CHECK(error_of("video_validation_0000266  72.8 70.0\n") ==
          "[vidata.parse_error] BaseballPitch_val.txt:1:32: expected a finite end time in seconds, not before the start, got '70.0'");
    const std::vector<thumos14_instance> mixed{{"a", 1, 2, "Diving"}, {"b", 1, 2, "Billiards"}};
    CHECK_THROWS_AS(vidata::format_annotations<thumos14_annotation>(mixed), vidata::invalid_argument);
}

TEST_CASE("formats/thumos14_annotation: real data — every validation and test class file", "[formats][thumos14_annotation][fixtures]") {
    using namespace thumos14_annotation_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    std::size_t files = 0, lines = 0;
    for (const char* sub : {"thumos14_ssn/temporal_annotations_validation", "thumos14_ssn/temporal_annotations_test"}) {
        for (const auto& entry : std::filesystem::directory_iterator(*dir / sub)) {
            INFO(entry.path().string());
            const std::string text = vidata::test::read_file(entry.path());
            const auto records = vidata::read_annotations<thumos14_annotation>(entry.path());
            ++files;
            lines += records.size();
            CHECK(vidata::format_annotations<thumos14_annotation>(records) == text);
            CHECK(thumos14_annotation::detect(entry.path(), text.substr(0, 4096)));
        }
    }
    CHECK(files == 42);
    CHECK(lines == 6553);
    const auto pitch = vidata::read_annotations<thumos14_annotation>(*dir / "thumos14_ssn/temporal_annotations_validation/BaseballPitch_val.txt");
    REQUIRE(pitch.size() == 30);
    CHECK(pitch.front() == thumos14_instance{"video_validation_0000266", 72.8, 76.4, "BaseballPitch"});
    CHECK(pitch.back() == thumos14_instance{"video_validation_0000690", 251.6, 256.2, "BaseballPitch"});
    const auto ambiguous = vidata::read_annotations<thumos14_annotation>(*dir / "thumos14_ssn/temporal_annotations_validation/Ambiguous_val.txt");
    REQUIRE(ambiguous.size() == 89);
    CHECK(ambiguous.front() == thumos14_instance{"video_validation_0000160", 155.2, 160.6, "Ambiguous"});
}
